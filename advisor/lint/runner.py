"""Runs the checks over many files quickly: cache first, byte filter second, parse last.

The expensive step is `ast.parse` plus one walk, so the runner avoids it three ways:

1. **Cache.** The file index (`index`) trusts a file whose stat signature is unchanged and
   reuses the result of one whose content hash is unchanged; results never go stale.
2. **Byte filter.** Every rule lists the words that must occur in a file for it to fire
   (``async``, ``Thread``, ``Pool``, ...). A file with none of them cannot produce a finding, so
   it is not parsed at all.
3. **Processes.** Large batches are parsed in a process pool (one worker per core); small ones
   serially, where starting processes would cost more than it saves.

One file's parse, walk and findings are `analyse`'s; this module only decides which files go
there, and where. Cross-file facts (which functions are coroutines) are matched after all files
are known (`checks.await_missing.resolve`), so per-file results depend on the file alone.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from advisor.lint import index
from advisor.lint._data import bundle
from advisor.lint.analyse import analyse, prepared
from advisor.lint.crossfile import coroutine_names, coroutine_needles, reach_modules
from advisor.lint.discover import Source
from advisor.lint.triggers import Triggers

PARALLEL_MIN_FILES = 24
PARALLEL_MIN_BYTES = 1_500_000

#: (relative path, content, module, is_package): one file as a worker receives it.
Job = tuple[str, bytes, str, bool]
#: A file not parsed in the first pass, kept for the second: its content when it was read.
Pending = tuple[Source, bytes | None, str, bool]

_WORKER_DATA: dict[str, Any] | None = None


def _worker_init(data: dict[str, Any]) -> None:
    global _WORKER_DATA  # noqa: PLW0603 - one read-only table per worker process
    _WORKER_DATA = data


def _worker(job: tuple[list[Job], frozenset[str] | None]) -> list[tuple[str, dict[str, Any]]]:
    assert _WORKER_DATA is not None
    batch, codes = job
    return [_one(item, _WORKER_DATA, codes) for item in batch]


def _one(
    item: Job, data: dict[str, Any], codes: frozenset[str] | None = None
) -> tuple[str, dict[str, Any]]:
    """One file, running only the checks whose trigger words occur in it (all of them in the
    second pass, *codes* None). A result without ADV102's cross-file candidates is marked
    ``np`` so that the second pass looks at it again."""
    path, content, module, is_package = item
    active = data["_triggers"].codes(content) if codes is None else codes
    if is_package and codes is None:
        active = active | {"ADV102"}  # re-exports are facts
    if active:
        # A parsed file's plain defs are facts for calls one file away (checks.reach): the
        # walk is paid already, and this way no file is parsed a second time for them.
        active = active | {"ADV101"}
    result = analyse(content, path, module, is_package, data, active)
    if "ADV102" not in active and "skip" not in result:
        result["np"] = 1
    return path, result


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
    key = index.key(root, data["hash"])
    stored, stored_needles = index.load(key, cache_dir) if use_cache else ({}, "")
    first = _first_pass(sources, stored, data, jobs, trust_stat)
    results, entries, unparsed = first.results, first.entries, first.unparsed
    parsed, changed = first.parsed, first.changed
    # Second pass: a file with no trigger word can still call a coroutine function another
    # file defines, by name, possibly through a package's re-export. Its inputs are the
    # coroutines found, so when they are the same as last time, the verdicts on unchanged
    # files stand.
    coroutines = coroutine_names(results.values())
    reached = sorted((m, sorted(n)) for m, n in reach_modules(results.values()).items())
    fingerprint = hashlib.sha256(repr((coroutines, reached)).encode()).hexdigest()
    fresh = fingerprint != stored_needles
    if fresh or any(entry.result is None for entry in entries.values()):
        pending = {
            relpath: item
            for relpath, item in unparsed.items()
            if fresh or entries[relpath].result is None
        }
        second = _second_pass(pending, coroutines, results, data, jobs)
        parsed += second
        changed = changed or bool(second) or fresh
    for relpath, entry in entries.items():
        if results[relpath] is not entry.result:
            entries[relpath] = entry._replace(result=results[relpath])
    if use_cache and (changed or len(entries) != len(stored)):
        index.store(key, entries, fingerprint, started, cache_dir)
    return [(s, results[s.relpath]) for s in sources], parsed, first.reused


class _FirstPass(NamedTuple):
    """What the first pass learnt: results so far, the new index, and the files left unparsed."""

    results: dict[str, dict[str, Any]]
    entries: dict[str, index.IndexEntry]
    unparsed: dict[str, Pending]
    parsed: int
    reused: int
    changed: bool


def _first_pass(
    sources: Sequence[Source],
    stored: dict[str, index.IndexEntry],
    data: dict[str, Any],
    jobs: int | None,
    trust_stat: bool,
) -> _FirstPass:
    """Reuse what the index knows, parse the files where some rule's words occur, and note the
    rest (never parsed: no rule can fire) for the second pass."""
    results: dict[str, dict[str, Any]] = {}
    entries: dict[str, index.IndexEntry] = {}
    unparsed: dict[str, Pending] = {}
    reused = 0
    changed = False
    modules = index.Modules()
    could_fire = Triggers(data["rules"])
    trusted = index.trusted
    todo: list[Job] = []
    # The warm scan's hot loop (every file, most of them trusted): plain locals only.
    for source in sources:
        relpath = source.relpath
        module, is_package = modules.name(source.abspath)
        entry = stored.get(relpath)
        content: bytes | None = None
        if not (trust_stat and trusted(entry, source, module)):
            fresh = index.reread(source, entry, module)
            if isinstance(fresh, index.Unreadable):
                results[relpath] = {"skip": ["unreadable", fresh.reason]}
                changed = True
                continue
            entry, content = fresh
            changed = True
        assert entry is not None
        entries[relpath] = entry
        result = entry.result
        if result is not None:
            results[relpath] = result
            reused += 1
            if result.get("np"):
                unparsed[relpath] = (source, content, module, is_package)
            continue
        assert content is not None
        if could_fire(content) and could_fire.codes(content):
            todo.append((relpath, content, module, is_package))
        else:
            # No rule can fire, so the file is not even decoded: a syntax error in it goes
            # unreported, as it would with any linter that has nothing to say about the file.
            results[relpath] = {"f": [], "np": 1, "u": 1}  # u: never parsed
            unparsed[relpath] = (source, content, module, is_package)
    by_relpath = {s.relpath: s for s in sources}
    contents = {item[0]: item for item in todo}
    for relpath, result in _analyse_all(todo, data, jobs):
        results[relpath] = result
        if result.get("np"):
            _, content, module, is_package = contents[relpath]
            unparsed[relpath] = (by_relpath[relpath], content, module, is_package)
    return _FirstPass(results, entries, unparsed, len(todo), reused, changed)


def _second_pass(
    pending: dict[str, Pending],
    coroutines: list[str],
    results: dict[str, dict[str, Any]],
    data: dict[str, Any],
    jobs: int | None,
) -> int:
    """Parse, with every check, the unparsed files that may call the scan's coroutines: first
    the ``__init__`` files of packages holding coroutines (their re-exports), then every file
    whose bytes mention such a name and its module. Returns how many were parsed."""
    modules_with_coroutines = {name.rpartition(".")[0] for name in coroutines}
    inits = [
        relpath
        for relpath, (_, _, module, is_package) in pending.items()
        if is_package and any(m.startswith(f"{module}.") for m in modules_with_coroutines)
    ]
    parsed = _parse_all(inits, pending, results, data, jobs)
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
    parsed += _parse_all(matching, pending, results, data, jobs)
    # Calls one file away (checks.reach): the modules a coroutine's calls lead into, parsed
    # once each, following the helpers they call in turn; never a file parsed before.
    done = {*inits, *matching}
    while True:
        wanted = reach_modules(results.values())
        more = [
            relpath
            for relpath, item in pending.items()
            if relpath not in done
            and results[relpath].get("u")
            and item[2] in wanted
            and _defines(item, wanted[item[2]])
        ]
        if not more:
            return parsed
        done.update(more)
        parsed += _parse_all(more, pending, results, data, jobs)


def _analyse_all(
    todo: list[Job],
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


def _defines(item: Pending, names: set[str]) -> bool:
    """Whether the file's bytes hold ``def name(`` for one of the functions wanted from it:
    only such a file can add a blocking helper (a re-export is an ``__init__``'s, parsed
    with the package's inits)."""
    content = _content(item)
    return content is not None and any(f"def {name}(".encode() in content for name in names)


def _content(item: Pending) -> bytes | None:
    source, content, _, _ = item
    if content is not None:
        return content
    try:
        with open(source.abspath, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _parse_all(
    relpaths: list[str],
    pending: dict[str, Pending],
    results: dict[str, dict[str, Any]],
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
    return len(todo)
