"""Runs the checks over many files quickly: cache first, byte filter second, parse last.

The expensive step is `ast.parse` plus one walk, so the runner avoids it three ways:

1. **Cache.** One index per scan root (in the data-only cache, keyed by the root, the rule
   data, the scanner's code and the Python version) maps each file's relative path to its stat
   signature, content hash, module name and per-file result. A file whose size, mtime, ctime and
   inode are unchanged is trusted without reading it — except when its mtime or ctime was within
   two seconds of the moment the index was written (git's "racily clean" rule), because a write
   in the same clock tick could leave the signature unchanged. Any other file is read and
   hashed; an equal hash reuses the result. Results never go stale.
2. **Byte filter.** Every rule lists the words that must occur in a file for it to fire
   (``async``, ``Thread``, ``Pool``, ...). A file with none of them cannot produce a finding, so
   it is not parsed at all.
3. **Processes.** Large batches are parsed in a process pool (one worker per core); small ones
   serially, where starting processes would cost more than it saves.

Cross-file facts (which functions are coroutines) are matched after all files are known
(`checks.await_missing.resolve`), so per-file results depend on the file alone.
"""

from __future__ import annotations

import ast
import hashlib
import io
import os
import re
import sys
import time
import tokenize
from collections.abc import Iterable, Sequence
from typing import Any

from advisor import cache as _cache
from advisor.lint._data import bundle
from advisor.lint.crossfile import coroutine_names, coroutine_needles
from advisor.lint.discover import Source
from advisor.lint.noqa import is_suppressed, suppressed_codes
from advisor.lint.triggers import Triggers

INDEX_NAMESPACE = "scan_index"
RACY_NS = 2_000_000_000
PARALLEL_MIN_FILES = 24
PARALLEL_MIN_BYTES = 1_500_000

_WORKER_DATA: dict[str, Any] | None = None


# ---- data shared by the checks ---------------------------------------------------------------
def prepared(data: dict[str, Any]) -> dict[str, Any]:
    """The bundle plus derived lookup sets the checks use on every call node."""
    ready = dict(data)
    ready["_triggers"] = Triggers(data["rules"])
    ready["_tails"] = {
        "blocking": frozenset(name.rpartition(".")[2] for name in data["blocking"]["calls"]),
    }
    return ready


# ---- one file --------------------------------------------------------------------------------
def analyse(  # noqa: PLR0917 - the worker's entry point; positional for speed and pickling
    source: bytes,
    path: str,
    module: str,
    is_package: bool,
    data: dict[str, Any],
    codes: frozenset[str] | None = None,
) -> dict[str, Any]:
    """Per-file result: ``{"f": findings, "c": candidates, "facts": ...}`` or ``{"skip": ...}``.

    Never raises: whatever goes wrong becomes a skip reason, because one odd file must not stop
    a scan of ten thousand.
    """
    if b"\0" in source[:8192]:
        return {"skip": ["binary", ""]}
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        text = source.decode(encoding)
    except (SyntaxError, LookupError) as exc:
        return {"skip": ["encoding", str(exc)]}
    except UnicodeDecodeError as exc:
        return {"skip": ["encoding", f"not valid {exc.encoding} at byte {exc.start}"]}
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as exc:
        return {"skip": ["syntax_error", f"line {exc.lineno}: {exc.msg}"]}
    except ValueError:
        return {"skip": ["binary", ""]}
    except (RecursionError, MemoryError):
        return {"skip": ["too_deep", ""]}
    try:
        return _check(tree, text, path, module, is_package, data, codes)
    except RecursionError:
        return {"skip": ["too_deep", ""]}
    except Exception as exc:  # noqa: BLE001 - reported as a skipped file, never a crash
        return {"skip": ["internal", f"{type(exc).__name__}: {exc}"]}


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _char_column(lines: list[str], line: int, col: int) -> int:
    """``ast`` columns count UTF-8 bytes; editors, ruff and SARIF count characters. Convert the
    1-based byte column to a 1-based character column (ASCII lines are unchanged)."""
    if not 0 < line <= len(lines):
        return col
    text = lines[line - 1]
    if text.isascii():
        return col
    return len(text.encode("utf-8")[: col - 1].decode("utf-8", "replace")) + 1


def _check(  # noqa: PLR0917 - internal, called from one place
    tree: ast.Module,
    text: str,
    path: str,
    module: str,
    is_package: bool,
    data: dict[str, Any],
    codes: frozenset[str] | None,
) -> dict[str, Any]:
    from advisor.lint.checks import REGISTRY, FileContext, walk

    ctx = FileContext(path, module, is_package, tree)
    families = [f for f in REGISTRY if codes is None or codes.intersection(f.codes)]
    walk(ctx, [family(ctx, data) for family in families])
    findings, candidates = ctx.findings, ctx.candidates
    if findings or candidates:
        # Python numbers lines by \n, \r\n and \r only; str.splitlines also breaks at form
        # feeds and other separators, which would shift every later line's suppression comment.
        lines = _LINE_BREAK.split(text)
        memo: dict[int, frozenset[str]] = {}

        def silenced(line: int) -> frozenset[str]:
            if line not in memo:
                memo[line] = (
                    suppressed_codes(lines[line - 1]) if 0 < line <= len(lines) else frozenset()
                )
            return memo[line]

        findings = [f for f in findings if not is_suppressed(f[2], silenced(f[0]))]
        candidates = [c for c in candidates if not is_suppressed("ADV102", silenced(c[0]))]
        for item in (*findings, *candidates):
            item[1] = _char_column(lines, item[0], item[1])
    result: dict[str, Any] = {"f": findings}
    if candidates:
        result["c"] = candidates
    facts = ctx.facts
    if facts["coros"] or facts["classes"]:
        result["facts"] = facts
    if is_package:
        aliases = ctx.resolver.bindings(ctx.resolver.module_scope)
        reexports = {
            f"{module}.{name}": b.target for name, b in aliases.items() if b.kind == "import"
        }
        if reexports:
            result.setdefault("facts", {"coros": [], "classes": {}})["aliases"] = reexports
    return result


def _worker_init(data: dict[str, Any]) -> None:
    global _WORKER_DATA  # noqa: PLW0603 - one read-only table per worker process
    _WORKER_DATA = data


def _worker(
    job: tuple[list[tuple[str, bytes, str, bool]], frozenset[str] | None],
) -> list[tuple[str, dict[str, Any]]]:
    assert _WORKER_DATA is not None
    batch, codes = job
    return [_one(item, _WORKER_DATA, codes) for item in batch]


def _one(
    item: tuple[str, bytes, str, bool],
    data: dict[str, Any],
    codes: frozenset[str] | None = None,
) -> tuple[str, dict[str, Any]]:
    """One file, running only the checks whose trigger words occur in it (all of them in the
    second pass, *codes* None). A result without ADV102's cross-file candidates is marked
    ``np`` so that the second pass looks at it again."""
    path, content, module, is_package = item
    active = data["_triggers"].codes(content) if codes is None else codes
    if is_package and codes is None:
        active = active | {"ADV102"}  # re-exports are facts
    result = analyse(content, path, module, is_package, data, active)
    if "ADV102" not in active and "skip" not in result:
        result["np"] = 1
    return path, result


# ---- module names ----------------------------------------------------------------------------
class _Modules:
    """Dotted module names from the package folders (``__init__.py``) around each file."""

    def __init__(self) -> None:
        self._package: dict[str, str | None] = {}

    def _prefix(self, folder: str) -> str | None:
        if folder in self._package:
            return self._package[folder]
        prefix: str | None = None
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            parent = os.path.dirname(folder)
            name = os.path.basename(folder)
            outer = self._prefix(parent) if parent != folder else None
            prefix = f"{outer}.{name}" if outer else name
        self._package[folder] = prefix
        return prefix

    def name(self, abspath: str) -> tuple[str, bool]:
        folder, file = os.path.split(abspath)
        stem = file.rpartition(".")[0] or file
        prefix = self._prefix(folder)
        if stem == "__init__":
            return (prefix or os.path.basename(folder)), True
        return (f"{prefix}.{stem}" if prefix else stem), False


# ---- many files ------------------------------------------------------------------------------
def code_stamp() -> str:
    """Changes when the scanner's own code changes (editable installs keep one version)."""
    here = os.path.dirname(os.path.abspath(__file__))
    parts: list[str] = []
    for folder in (here, os.path.join(here, "checks")):
        try:
            with os.scandir(folder) as it:
                for entry in sorted(it, key=lambda e: e.name):
                    if entry.name.endswith(".py"):
                        st = entry.stat()
                        parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(folder)
    return ";".join(parts)


def run(
    sources: Sequence[Source],
    root: str,
    *,
    use_cache: bool = True,
    jobs: int | None = None,
    trust_stat: bool = True,
    started_ns: int | None = None,
    cache_dir: str | None = None,
) -> tuple[list[tuple[Source, dict[str, Any]]], int, int]:
    """Per-file results for *sources*, plus how many were parsed and how many came from cache.

    *started_ns* is when the sources were stat'ed (before discovery): a file modified after
    that, in the same clock tick as its stat, must not be trusted by signature next time.
    """
    started = time.time_ns() if started_ns is None else started_ns
    data = bundle()
    key = _cache.content_key(
        INDEX_NAMESPACE, os.path.abspath(root), data["hash"], code_stamp(), sys.version
    )
    index: dict[str, Any] = {}
    stored_needles = ""
    if use_cache:
        loaded = _cache.load(INDEX_NAMESPACE, key, root=cache_dir)
        if isinstance(loaded, dict) and isinstance(loaded.get("files"), dict):
            index = loaded["files"]
            stored_needles = str(loaded.get("needles", ""))
    modules = _Modules()
    could_fire = Triggers(data["rules"])
    results: dict[str, dict[str, Any]] = {}
    new_index: dict[str, list[Any]] = {}
    todo: list[tuple[str, bytes, str, bool]] = []
    unparsed: dict[str, tuple[Source, bytes | None, str, bool]] = {}
    reused = 0
    changed = False
    for source in sources:
        module, is_package = modules.name(source.abspath)
        entry = index.get(source.relpath)
        signature = list(source.signature)
        content: bytes | None = None
        if not (trust_stat and entry and entry[0] == signature and entry[2] == module):
            try:
                with open(source.abspath, "rb") as handle:
                    content = handle.read()
            except OSError as exc:
                results[source.relpath] = {"skip": ["unreadable", exc.strerror or str(exc)]}
                changed = True
                continue
            digest = hashlib.sha256(content).hexdigest()
            changed = True
            if entry and entry[1] == digest and entry[2] == module:
                entry = [signature, digest, module, entry[3]]
            else:
                entry = [signature, digest, module, None]
        new_index[source.relpath] = entry
        if entry[3] is not None:
            results[source.relpath] = entry[3]
            reused += 1
            if entry[3].get("np"):
                unparsed[source.relpath] = (source, content, module, is_package)
            continue
        assert content is not None
        if could_fire(content) and could_fire.codes(content):
            todo.append((source.relpath, content, module, is_package))
        else:
            # No rule can fire, so the file is not even decoded: a syntax error in it goes
            # unreported, as it would with any linter that has nothing to say about the file.
            results[source.relpath] = {"f": [], "np": 1}
            unparsed[source.relpath] = (source, content, module, is_package)
    parsed = len(todo)
    contents = {item[0]: item for item in todo}
    by_relpath = {s.relpath: s for s in sources}
    for relpath, result in _analyse_all(todo, data, jobs):
        results[relpath] = result
        if result.get("np"):
            _, content, module, is_package = contents[relpath]
            unparsed[relpath] = (by_relpath[relpath], content, module, is_package)
    # Second pass: a file with no trigger word can still call a coroutine function another
    # file defines, by name, possibly through a package's re-export. First the __init__ files
    # of packages holding coroutines (their re-exports), then every file whose bytes mention
    # such a name and its module. Its inputs are the coroutines found, so when they are the
    # same as last time, the verdicts on unchanged files stand.
    coroutines = coroutine_names(results.values())
    fingerprint = hashlib.sha256(repr(coroutines).encode()).hexdigest()
    fresh = fingerprint != stored_needles
    if fresh or any(entry[3] is None for entry in new_index.values()):
        pending = {
            relpath: item
            for relpath, item in unparsed.items()
            if fresh or new_index[relpath][3] is None
        }
        modules_with_coroutines = {name.rpartition(".")[0] for name in coroutines}
        inits = [
            relpath
            for relpath, (_, _, module, is_package) in pending.items()
            if is_package and any(m.startswith(f"{module}.") for m in modules_with_coroutines)
        ]
        second = _second_pass(inits, pending, results, new_index, data, jobs)
        groups: dict[bytes, list[bytes]] = {}
        for name, where in coroutine_needles(results.values()):
            groups.setdefault(where, []).append(name)
        matching = []
        for relpath, item in pending.items():
            if relpath in inits:
                continue
            content = _content(item)
            if content is not None and any(
                where in content and any(name in content for name in names)
                for where, names in groups.items()
            ):
                matching.append(relpath)
        second += _second_pass(matching, pending, results, new_index, data, jobs)
        parsed += second
        changed = changed or bool(second) or fresh
    for relpath, entry in new_index.items():
        if entry[3] is None:
            entry[3] = results[relpath]
    if use_cache and (changed or len(new_index) != len(index)):
        _store_index(key, new_index, fingerprint, started, cache_dir)
    return [(s, results[s.relpath]) for s in sources], parsed, reused


def _analyse_all(
    todo: list[tuple[str, bytes, str, bool]],
    data: dict[str, Any],
    jobs: int | None,
    codes: frozenset[str] | None = None,
) -> Iterable[tuple[str, dict[str, Any]]]:
    ready = prepared(data)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    total = sum(len(item[1]) for item in todo)
    if workers <= 1 or len(todo) < PARALLEL_MIN_FILES or total < PARALLEL_MIN_BYTES:
        return [_one(item, ready, codes) for item in todo]
    from concurrent.futures import ProcessPoolExecutor

    # Largest files first, dealt round-robin into a few batches per worker, so no worker is
    # left holding the one huge file at the end and the pickling overhead stays small.
    ordered = sorted(todo, key=lambda item: -len(item[1]))
    count = workers * 4
    batches = [ordered[i::count] for i in range(count)]
    out: list[tuple[str, dict[str, Any]]] = []
    try:
        with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(ready,)) as pool:
            jobs_list = [(b, codes) for b in batches if b]
            for batch_result in pool.map(_worker, jobs_list):
                out.extend(batch_result)
    except (OSError, RuntimeError):  # no processes here (sandbox, pool broken): go serial
        done = {p for p, _ in out}
        out.extend(_one(item, ready, codes) for item in todo if item[0] not in done)
    return out


def _content(item: tuple[Source, bytes | None, str, bool]) -> bytes | None:
    source, content, _, _ = item
    if content is not None:
        return content
    try:
        with open(source.abspath, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _second_pass(  # noqa: PLR0917 - internal step of `run`
    relpaths: list[str],
    pending: dict[str, tuple[Source, bytes | None, str, bool]],
    results: dict[str, dict[str, Any]],
    index: dict[str, list[Any]],
    data: dict[str, Any],
    jobs: int | None,
) -> int:
    """Parse *relpaths* with every check; returns how many were parsed."""
    todo = []
    for relpath in relpaths:
        content = _content(pending[relpath])
        if content is not None:
            _, _, module, is_package = pending[relpath]
            todo.append((relpath, content, module, is_package))
    for relpath, result in _analyse_all(todo, data, jobs, frozenset(data["rules"])):
        results[relpath] = result
        index[relpath][3] = result
    return len(todo)


def _store_index(
    key: str, entries: dict[str, list[Any]], needles: str, started: int, cache_dir: str | None
) -> None:
    """Signatures within RACY_NS of the scan's start are dropped ("racily clean", as git says):
    a write in the same clock tick as our stat and read would leave the signature unchanged
    while the content we analysed is already old, so such files are verified by hash."""
    for entry in entries.values():
        signature = entry[0]
        if signature and max(signature[1], signature[2]) > started - RACY_NS:
            entry[0] = None
    _cache.store(INDEX_NAMESPACE, key, {"files": entries, "needles": needles}, root=cache_dir)
