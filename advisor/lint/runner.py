"""Runs the checks over many files quickly: cache first, byte filter second, parse last.

The expensive step is `ast.parse` plus one walk, so the runner avoids it three ways:

1. **Cache.** The file index (`index`) trusts a file whose stat signature is unchanged and
   reuses the result of one whose content hash is unchanged; results never go stale. When no
   file changed, the findings the last run printed are printed again: the per-file results are
   not even read, and nothing is joined across files.
2. **Byte filter.** Every rule lists the words that must occur in a file for it to fire
   (``async``, ``Thread``, ``Pool``, ...). A file with none of them cannot produce a finding, so
   it is not parsed at all.
3. **Processes.** Large batches are parsed in a process pool (one worker per core); small ones
   serially, where starting processes would cost more than it saves. The pool, once started,
   is kept for the run (`workers`): the second pass's small batches share it.

One file's parse, walk and findings are `analyse`'s; this module only decides which files go
there, and where. Per-file results depend on the file alone. What depends on other files is
joined from every file's cached facts after the scan, in the same pass, never by parsing a file
again: coroutine functions called without ``await`` (`checks.await_missing_across.resolve`)
and plain functions that block, called from a coroutine (`checks.reach_chains.resolve`). After
a change, only the files the change can reach are joined again (`depends`); the others keep
the cross-file findings stored with the index.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import time
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from advisor.lint import index
from advisor.lint._data import bundle
from advisor.lint.analyse import analyse, not_text, prepared, unparsable
from advisor.lint.checks.verdict import Verdict, quiet_own, script_modules, verdict
from advisor.lint.crossfile import (
    constructor_needles,
    coroutine_names,
    coroutine_needles,
    reach_modules,
    shape_needles,
)
from advisor.lint.depends import affected, refs
from advisor.lint.discover import Source
from advisor.lint.triggers import Triggers
from advisor.lint.workers import Workers

PARALLEL_MIN_FILES = 24
PARALLEL_MIN_BYTES = 1_500_000

#: (relative path, content, module, is_package, the rules its words allow): one file as a
#: worker receives it. The byte filter's verdict travels with the file, decided once.
Job = tuple[str, bytes, str, bool, frozenset[str]]
#: A file not parsed in the first pass, kept for the second: its content when it was read.
Pending = tuple[Source, bytes | None, str, bool]

_WORKER_DATA: dict[str, Any] | None = None
#: Whether the caller of `run` had the cycle collector on: its workers get it back.
_COLLECTING = True

#: The rules of a job that is only parsed for its syntax errors: a file named on the command
#: line where no rule's words occur (`_first_pass`). Compared by identity in this process;
#: a worker process receives an equal copy, so `_one` also compares by value there.
SYNTAX_ONLY: frozenset[str] = frozenset({"(syntax)"})
#: Such a file's result when it parses: no finding, no facts yet (``u``, as an unparsed file,
#: so the second pass may parse it with every check), its syntax checked (``y``).
_SYNTAX_CHECKED = {"f": [], "np": 1, "u": 1, "y": 1}


def _worker_init(data: dict[str, Any], collecting: bool) -> None:
    """One read-only table per worker process; the cycle collector as the caller had it
    (`run` pauses it in this process only, and a forked worker starts with it paused)."""
    global _WORKER_DATA  # noqa: PLW0603 - one read-only table per worker process
    _WORKER_DATA = data
    if collecting:
        gc.enable()


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
    path, content, module, is_package, triggered = item
    if codes is None and triggered == SYNTAX_ONLY:
        error = unparsable(content, path)
        return path, {"skip": error} if error is not None else {**_SYNTAX_CHECKED, "f": []}
    active = triggered if codes is None else codes
    if path.endswith(".ipynb") and codes is None:
        # A notebook's bytes are JSON (its code escaped), and it is always read: a file
        # that is not a notebook is said, never passed as clean (`lint.notebook`).
        active = frozenset(data["rules"])
    if is_package and codes is None:
        active = active | {"ADV102"}  # re-exports are facts
    if active:
        # A parsed file's plain defs are facts for calls one file away (checks.reach): the
        # walk is paid already, and this way no file is parsed a second time for them.
        active = active | {"ADV101"}
    # The cycle collector is paused while the file is parsed and walked: its tree and the
    # checks' tables hold no reference cycle (`FileContext.release`) and go by reference
    # counting once the result is taken, so collections in between would only walk the
    # hundred thousand nodes of a large tree again and again, finding nothing (1.7 of 16 CPU
    # seconds of a cold scan of the standard library). Restored after each file: a library
    # caller's setting stands.
    paused = gc.isenabled()
    gc.disable()
    try:
        if path.endswith(".ipynb"):
            from advisor.lint import notebook

            result = notebook.analyse(content, path, module, is_package, data, active)
        else:
            result = analyse(content, path, module, is_package, data, active)
    finally:
        if paused:
            gc.enable()
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
    named_files: frozenset[str] = frozenset(),
) -> tuple[list[tuple[Source, dict[str, Any]]], int, int]:
    """`_run`, with the cycle collector paused. The results this process gathers (read from
    the cache, received from the workers, joined across files) are plain lists and dicts
    that hold no reference cycle, and they only grow until the run returns, so each full
    collection in between walked them all again for nothing: 8% of a cold scan of aiohttp's
    wall time, all of it in this one process while the workers wait. Restored afterwards: a
    library caller's setting stands."""
    global _COLLECTING  # noqa: PLW0603 - read by `_worker_args` for the workers
    paused = _COLLECTING = gc.isenabled()
    gc.disable()
    workers = scan_workers(jobs)
    try:
        return _run(
            sources,
            root,
            use_cache=use_cache,
            workers=workers,
            trust_stat=trust_stat,
            started_ns=started_ns,
            cache_dir=cache_dir,
            named_files=named_files,
        )
    finally:
        workers.close()
        if paused:
            gc.enable()


def scan_workers(jobs: int | None) -> Workers:
    """The worker pool of one scan: *jobs* processes (one per core when None), started only
    when a batch is first worth them; the caller closes it."""
    count = jobs if jobs is not None else (os.cpu_count() or 1)
    return Workers(count, _worker_init, _worker_args)


def _worker_args() -> tuple[dict[str, Any], bool]:
    """What each worker process starts with (`_worker_init`), asked when they start."""
    return prepared(bundle()), _COLLECTING


def _run(
    sources: Sequence[Source],
    root: str,
    *,
    use_cache: bool,
    workers: Workers,
    trust_stat: bool,
    started_ns: int | None,
    cache_dir: str | None,
    named_files: frozenset[str],
) -> tuple[list[tuple[Source, dict[str, Any]]], int, int]:
    """What the pipeline prints for each of *sources* (``{"f": findings}``, the file's own and
    its cross-file ones, or ``{"skip": [key, detail]}``), how many files were parsed and how
    many results came from the cache.

    *started_ns* is when the sources were stat'ed (before discovery): a file modified after
    that, in the same clock tick as its stat, must not be trusted by signature next time.
    *named_files* holds the relative paths of the files named on the command line: each is parsed
    even where no rule's words occur, so its syntax error is said (`_first_pass`). A file
    found by walking a folder keeps the fast path, and its result says it was not parsed
    (``{"u": 1}``), so the summary can say so.
    """
    started = time.time_ns() if started_ns is None else started_ns
    data = bundle()
    scripts = _scripts(sources)
    # The console scripts the projects declare decide findings too (`checks.once`): a new
    # declaration starts afresh, as a new rule table does.
    key = index.key(root, data["hash"] + "".join(f"\n{m}={k}" for m, k in sorted(scripts.items())))
    stored = index.load(key, cache_dir) if use_cache else None
    look = _look(sources, stored, trust_stat)
    if (
        stored is not None
        and not look.changed
        and len(look.files) == len(stored.entries)
        and not any(_unparsed(stored.views.get(relpath)) for relpath in named_files)
    ):
        # Nothing changed: the findings of the last run stand, cross-file ones included.
        # Neither the per-file results nor the facts across files are read.
        if look.resigned:
            index.store(
                key, _entries(look), stored.needles, stored.views, started, cache_dir, stored.token
            )
        return [(s, _printed(stored.views.get(s.relpath))) for s in sources], 0, len(sources)
    last = (
        index.load_results(key, stored.token, cache_dir) if stored is not None else index.NO_RESULTS
    )
    old, old_refs = last.files, last.refs
    first = _first_pass(look, old, data, workers, named_files)
    results, unparsed, parsed = first.results, first.unparsed, first.parsed
    # Second pass: a file with no trigger word can still call a coroutine function another
    # file defines, by name, possibly through a package's re-export. Its inputs are the
    # coroutines found, so when they are the same as last time, the verdicts on unchanged
    # files stand (and only the changed files among the unparsed are looked at).
    # Without a stored index every unparsed file is looked at: no fingerprint to compare.
    inputs = _second_inputs(results) if stored is not None else None
    needles = _fingerprint(results, *inputs) if inputs is not None else None
    fresh = stored is None or needles != stored.needles
    pending = {
        relpath: item
        for relpath, item in unparsed.items()
        if fresh or results[relpath] is not old.get(relpath)
    }
    if pending:
        coroutines, known = inputs if inputs is not None else (None, None)
        second, wanted = _second_pass(
            pending,
            coroutine_names(results.values()) if coroutines is None else coroutines,
            results,
            (data, known),
            workers,
        )
        if second:
            parsed += second
            # The fingerprint of what this run's results hold, second pass included: a warm
            # run computes the same from the same cached results, so it does not start the
            # pass again. The pass's last look at the modules wanted saw these results.
            needles = _fingerprint(results, None, wanted)
    # What each file's facts name serves the next run only (`depends.affected`, stored
    # with the results): a scan that keeps nothing does not compute it.
    named = (
        {
            relpath: old_refs[relpath]
            if result is old.get(relpath) and relpath in old_refs
            else refs(result)
            for relpath, result in results.items()
        }
        if use_cache
        else {}
    )
    views = _join(results, look, (old, named), stored, (data, scripts))
    out = [(s, _printed(views.get(s.relpath))) for s in sources]
    if use_cache:
        kept = {relpath: results[relpath] for relpath in look.files}
        same = (
            stored is not None
            and len(kept) == len(old)
            and all(old.get(relpath) is result for relpath, result in kept.items())
        )
        token = (
            stored.token
            if same and stored is not None
            else index.store_results(key, kept, {r: named[r] for r in kept}, cache_dir, last)
        )
        if needles is None:
            needles = _fingerprint(results)
        index.store(key, _entries(look), needles, views, started, cache_dir, token)
    return out, parsed, first.reused


def check_content(source: Source, content: bytes) -> dict[str, Any]:
    """What the pipeline prints for one file given as bytes (`advisor scan -`): every check,
    and the cross-file joins over this file alone. Nothing is cached."""
    from advisor.lint.index import Modules

    data = bundle()
    everything = frozenset(data["rules"])
    result = _one(
        (source.relpath, content, *Modules().name(source.abspath), everything),
        prepared(data),
        everything,
    )[1]
    if "skip" in result:
        return result
    module = Modules().name(source.abspath)[0]
    modules = {source.relpath: module}
    cross, decide = _cross({source.relpath: result}, {source.relpath}, data, modules)
    own = quiet_own(result, module, decide, data["calls"])
    return {"f": [*own, *cross.get(source.relpath, ())]}


def _printed(view: Any) -> dict[str, Any]:
    """A stored view (``[own, cross]`` or ``{"skip": ...}``) as the pipeline reads it."""
    if view is None:
        return {"f": []}
    if isinstance(view, dict):
        return view
    return {"f": [*view[0], *view[1]]}


class _Look(NamedTuple):
    """Each file against the stored index, before anything is parsed."""

    #: relative path -> (source, entry, content if read, module, is_package)
    files: dict[str, tuple[Source, index.IndexEntry, bytes | None, str, bool]]
    #: Files that are new, whose content or module differs, or that could not be read.
    changed: set[str]
    #: relative path -> why it could not be read
    unreadable: dict[str, list[str]]
    #: Some unchanged file's stat signature is new (a touch, a checkout): store the index.
    resigned: bool


def _look(sources: Sequence[Source], stored: index.Stored | None, trust_stat: bool) -> _Look:
    """The warm scan's hot loop (every file, most of them trusted): plain locals only."""
    files: dict[str, tuple[Source, index.IndexEntry, bytes | None, str, bool]] = {}
    changed: set[str] = set()
    unreadable: dict[str, list[str]] = {}
    resigned = False
    known = stored.entries if stored is not None else {}
    modules = index.Modules()
    trusted = index.trusted
    for source in sources:
        relpath = source.relpath
        module, is_package = modules.name(source.abspath)
        entry = known.get(relpath)
        content: bytes | None = None
        if not (trust_stat and trusted(entry, source, module)):
            fresh = index.reread(source, module)
            if isinstance(fresh, index.Unreadable):
                unreadable[relpath] = [fresh.key, fresh.reason]
                changed.add(relpath)
                continue
            new, content = fresh
            if entry is None or entry.digest != new.digest or entry.module != module:
                changed.add(relpath)
            elif new.signature != entry.signature:
                resigned = True
            entry = new
        assert entry is not None
        files[relpath] = (source, entry, content, module, is_package)
    return _Look(files, changed, unreadable, resigned)


def _entries(look: _Look) -> dict[str, index.IndexEntry]:
    return {relpath: item[1] for relpath, item in look.files.items()}


def _second_inputs(results: dict[str, dict[str, Any]]) -> tuple[list[str], dict[str, set[str]]]:
    """What the second pass starts from: the scan's coroutines and the modules their calls
    reach. Worked out once for the fingerprint and handed to the pass, not again there (a
    tenth of a second per run on the standard library, where an edit costs half a second)."""
    return coroutine_names(results.values()), reach_modules(results.values())


def _fingerprint(
    results: dict[str, dict[str, Any]],
    coroutines: list[str] | None = None,
    wanted: dict[str, set[str]] | None = None,
) -> str:
    """What the second pass depends on: the coroutines and the modules their calls reach
    (*coroutines*, *wanted*, when the caller has just computed them from the same *results*)."""
    if coroutines is None:
        coroutines = coroutine_names(results.values())
    if wanted is None:
        wanted = reach_modules(results.values())
    reached = sorted((m, sorted(n)) for m, n in wanted.items())
    return hashlib.sha256(repr((coroutines, reached)).encode()).hexdigest()


def _join(
    results: dict[str, dict[str, Any]],
    look: _Look,
    old_and_named: tuple[dict[str, dict[str, Any]], dict[str, str]],
    stored: index.Stored | None,
    data_and_scripts: tuple[dict[str, Any], dict[str, str]],
) -> dict[str, Any]:
    """Every file's findings as the pipeline prints them, stored as the index's views: own
    findings from each result (without the deferred ADV101 findings the call graph makes
    quiet, `checks.once`), cross-file ones joined again only for the files a change can
    reach (`depends.affected`); the others keep the views stored last time. Who calls a
    coroutine is not a module the callee's facts name, so a change in the calls (``g``'s
    ``u``) re-joins every file with a deferred finding or a call to match."""
    data, scripts = data_and_scripts
    old, named = old_and_named
    modules = {relpath: item[3] for relpath, item in look.files.items()}
    if stored is None or not old:
        again = set(results)
    else:
        changed: dict[str, tuple[dict[str, Any] | None, str | None]] = {}
        for relpath, result in results.items():
            if result is not old.get(relpath):
                entry = stored.entries.get(relpath)
                changed[relpath] = (old.get(relpath), entry.module if entry else None)
        for relpath, entry in stored.entries.items():
            if relpath not in results:
                changed[relpath] = (old.get(relpath), entry.module)
        again = affected(results, modules, changed, named) if changed else set()
        if any(
            _uses(old_result) != _uses(results.get(p)) for p, (old_result, _m) in changed.items()
        ):
            again |= {p for p, r in results.items() if _deferred(r)}
    cross, decide = _cross(results, again, data, modules, scripts)
    views: dict[str, Any] = {}
    for relpath, result in results.items():
        if "skip" in result:
            views[relpath] = {"skip": result["skip"]}
            continue
        if _unparsed(result):
            # Never parsed (no rule's words, not named): nothing to print, said as such.
            views[relpath] = {"u": 1}
            continue
        if relpath in again:
            joined = cross.get(relpath, [])
            own = quiet_own(result, modules.get(relpath, ""), decide, data["calls"])
        else:
            view = stored.views.get(relpath) if stored is not None else None
            joined = view[1] if isinstance(view, list) else []
            # No stored view: the file printed nothing (its deferred findings were quiet).
            own = view[0] if isinstance(view, list) else []
        if own or joined:
            views[relpath] = [own, joined]
    return views


def _cross(
    results: dict[str, dict[str, Any]],
    again: set[str],
    data: dict[str, Any],
    modules: dict[str, str],
    scripts: dict[str, str] | None = None,
) -> tuple[dict[str, list[Any]], Verdict]:
    """The cross-file findings of the files in *again*, joined from every file's facts: the
    other files take part without their candidates (``c``, at the top for ADV102 and in
    ``r`` for ADV101), so only *again*'s calls are matched; and the call graph's verdict
    (`checks.verdict.verdict`) that decides them and the deferred own findings."""
    from advisor.lint.checks.await_missing_across import resolve
    from advisor.lint.checks.reach_chains import resolve as reach
    from advisor.lint.checks.threads import resolve as cpu

    views: list[tuple[str, dict[str, Any]]] = []
    calling = False
    for relpath, result in results.items():
        if "skip" in result:
            continue
        kept = _uncalled(result)
        if relpath in again:
            calling = calling or kept is not result
            kept = result
        views.append((relpath, kept))
    decide = _Deferred(views, scripts, data["calls"])
    if not calling:
        # Every cross-file finding is reported at a call to match (``c``, ``r``'s ``c`` and
        # ``w``), and only *again*'s are kept: with none, the joins find nothing.
        return {}, decide
    found: dict[str, list[Any]] = {}
    for path, finding in resolve(views, data["calls"]["asyncio_coroutines"]):
        found.setdefault(path, []).append(finding)
    for path, finding in reach(views, decide, modules):
        found.setdefault(path, []).append(finding)
    for path, finding in cpu(views):
        found.setdefault(path, []).append(finding)
    return found, decide


class _Deferred:
    """`checks.verdict.verdict` over *views*, worked out on its first question only: after a
    one-file change, the files joined again often hold no deferred finding and no call to
    match, and the whole scan's call graph (half the time of an edit on the standard
    library) was built for nobody. Asked, it answers exactly as `verdict` would."""

    __slots__ = ("_args", "_decide")

    def __init__(self, *args: Any) -> None:
        self._args: tuple[Any, ...] | None = args
        self._decide: Verdict | None = None

    def __call__(
        self,
        module: str,
        name: str,
        once: bool = False,
        line: int | None = None,
        looped: bool = False,
    ) -> frozenset[str] | None:
        if self._decide is None:
            assert self._args is not None
            self._decide = verdict(*self._args)
            self._args = None
        return self._decide(module, name, once, line, looped)


def _uses(result: dict[str, Any] | None) -> Any:
    """Who a file calls (`checks.once`'s ``u``; `checks.reach`'s ``st``; the keywords its
    calls give, ``kw`` and ``kx``, `checks.defaults`), the commands and start-up hooks it
    registers (``cm``, `checks.commands`; ``sh``, `checks.hooks`), the point verdict's
    facts (``pt``, `checks.sequential`: how each coroutine is called, where work is alive)
    and the runner decorators it defines and uses (``rd``, ``dr``, `checks.rooted`): each
    moves the verdict."""
    graph = (result or {}).get("g") or {}
    return (
        # the defs start-up code calls, which code that serves finds built (`checks.reach`)
        ((result or {}).get("r") or {}).get("st"),
        # the keywords the calls give and the defs taking **kwargs (`checks.defaults`)
        ((result or {}).get("r") or {}).get("kw"),
        ((result or {}).get("r") or {}).get("kx"),
        graph.get("u"),
        graph.get("cm"),
        graph.get("sh"),
        graph.get("pt"),
        graph.get("rd"),
        graph.get("dr"),
    )


def _deferred(result: dict[str, Any]) -> bool:
    """Whether the call graph's verdict can move *result*'s findings: deferred own findings
    (``g``'s ``s``) or calls to match (``r``'s ``c``)."""
    return bool((result.get("g") or {}).get("s") or (result.get("r") or {}).get("c"))


def _scripts(sources: Sequence[Source]) -> dict[str, str]:
    """The modules the scanned projects' console scripts run and the pytest plugins they
    register (`checks.verdict.script_modules`), from each folder of files once."""
    folders: dict[str, Source] = {}
    for source in sources:
        folders.setdefault(os.path.dirname(source.abspath), source)
    modules = index.Modules()
    return script_modules((s.abspath, *modules.name(s.abspath)) for s in folders.values())


def _uncalled(result: dict[str, Any]) -> dict[str, Any]:
    """*result* without its calls to be matched (``c``, at the top and in ``r``): its facts
    still serve the other files' joins. Most results have none, and are not copied."""
    reach = result.get("r")
    if "c" not in result and not (reach and ("c" in reach or "w" in reach)):
        return result
    kept = dict(result)  # copies in C; a comprehension per result cost a second on HA
    kept.pop("c", None)
    if reach:
        kept["r"] = dict(reach)
        kept["r"].pop("c", None)
        kept["r"].pop("w", None)
    return kept


class _FirstPass(NamedTuple):
    """What the first pass learnt: results so far and the files left unparsed."""

    results: dict[str, dict[str, Any]]
    unparsed: dict[str, Pending]
    parsed: int
    reused: int


def _unparsed(item: Any) -> bool:
    """Whether a file's result, or its stored view, is a file's that was never parsed (found
    by walking a folder, with no rule's words in it): ``u`` without ``y``, the mark of a
    file parsed for its syntax only."""
    return isinstance(item, dict) and bool(item.get("u")) and not item.get("y")


def _first_pass(
    look: _Look,
    old: dict[str, dict[str, Any]],
    data: dict[str, Any],
    workers: Workers,
    named: frozenset[str] = frozenset(),
) -> _FirstPass:
    """Reuse the stored result of every unchanged file, parse the changed files where some
    rule's words occur, and note the rest (never parsed: no rule can fire) for the second
    pass. A file *named* on the command line where no rule's words occur is parsed all the
    same, for its syntax errors only: ``advisor scan bad.py`` said nothing of ``def f(:``
    and exited 0 (newcomer review 13). Found by walking a folder, such a file keeps the fast
    path: parsing them all would cost 4.1 CPU seconds more on the standard library's 1,567
    such files (of 1,790), more than doubling a cold scan; the summary counts them apart."""
    results: dict[str, dict[str, Any]] = {}
    unparsed: dict[str, Pending] = {}
    reused = 0
    could_fire = Triggers(data["rules"])
    todo: list[Job] = []
    for relpath, skip in look.unreadable.items():
        results[relpath] = {"skip": skip}
    for relpath, (source, _entry, read, module, is_package) in look.files.items():
        result = None if relpath in look.changed else old.get(relpath)
        if _unparsed(result) and relpath in named:
            result = None  # walked before, named now: its syntax is checked
        content = read
        if result is not None:
            results[relpath] = result
            reused += 1
            if result.get("np"):
                unparsed[relpath] = (source, content, module, is_package)
            continue
        if content is None:
            content = _content((source, None, module, is_package))
            if content is None:
                results[relpath] = {"skip": ["unreadable", ""]}
                continue
        active = could_fire.codes(content) if could_fire(content) else frozenset()
        if relpath.endswith(".ipynb") or active:
            todo.append((relpath, content, module, is_package, active))
        elif (unreadable := not_text(content)) is not None:
            results[relpath] = {"skip": unreadable}
        elif relpath in named:
            todo.append((relpath, content, module, is_package, SYNTAX_ONLY))
        else:
            # No rule can fire, so the file is not even decoded: its facts are left for the
            # second pass (``u``: never parsed), and the summary counts it apart.
            results[relpath] = {"f": [], "np": 1, "u": 1}
            unparsed[relpath] = (source, content, module, is_package)
    contents = {item[0]: item for item in todo}
    for relpath, result in _analyse_all(todo, data, None, workers):
        results[relpath] = result
        if result.get("np"):
            _, content, module, is_package, _ = contents[relpath]
            unparsed[relpath] = (look.files[relpath][0], content, module, is_package)
    return _FirstPass(results, unparsed, len(todo), reused)


def _second_pass(
    pending: dict[str, Pending],
    coroutines: list[str],
    results: dict[str, dict[str, Any]],
    data_and_known: tuple[dict[str, Any], dict[str, set[str]] | None],
    workers: Workers,
) -> tuple[int, dict[str, set[str]]]:
    """Parse, with every check, the unparsed files that may call the scan's coroutines: first
    the ``__init__`` files of packages holding coroutines (their re-exports), then every file
    whose bytes mention such a name and its module. Returns how many were parsed, and the
    modules coroutines' calls lead into as the final results say (`reach_modules`; *known*,
    when given, is that of *results* as they are on entry, used while nothing is parsed)."""
    data, known = data_and_known
    modules_with_coroutines = {name.rpartition(".")[0] for name in coroutines}
    inits = [
        relpath
        for relpath, (_, _, module, is_package) in pending.items()
        if is_package and any(m.startswith(f"{module}.") for m in modules_with_coroutines)
    ]
    parsed = _parse_all(inits, pending, results, data, workers)
    wheres: dict[bytes, list[bytes]] = {}
    groups: dict[bytes, list[bytes]] = {}
    for name, where in coroutine_needles(results.values()):
        wheres.setdefault(name[:-1], []).append(where)
        groups.setdefault(where, []).append(name)
    matching = []
    for relpath, item in pending.items():
        if relpath in inits:
            continue
        content = _content(item)
        if content is None:
            continue
        if len(groups) <= _FEW_MODULES:
            # Few modules hold coroutines (the standard library): a handful of searches in C.
            hit = any(
                where in content and any(name in content for name in names)
                for where, names in groups.items()
            )
        else:
            hit = _calls_one(content, wheres)
        if hit:
            matching.append(relpath)
    parsed += _parse_all(matching, pending, results, data, workers)
    # Calls one file away (checks.reach): the modules a coroutine's calls lead into, parsed
    # once each, following the helpers they call in turn; never a file parsed before.
    done = {*inits, *matching}
    searched: set[tuple[bytes, bytes]] = set()
    while True:
        wanted = known if known is not None and not parsed else reach_modules(results.values())
        known = None
        needles = constructor_needles(results.values()) - searched
        searched |= needles
        probes = _probes(needles)
        shapes = shape_needles(results.values())  # a Protocol's implementations by shape
        more = [
            relpath
            for relpath, item in pending.items()
            if relpath not in done
            and results[relpath].get("u")
            and (
                (item[2] in wanted and _defines(item, wanted[item[2]]))
                or (probes and _constructs(item, probes))
                or (shapes and _holds_pair(item, shapes))
            )
        ]
        if not more:
            return parsed, wanted
        done.update(more)
        parsed += _parse_all(more, pending, results, data, workers)


#: Up to this many modules with coroutines, each file's bytes are searched for each module's
#: word (its coroutines' names only where it occurs); beyond, one pass over the called words
#: (`_calls_one`) costs less. Both find the same files.
_FEW_MODULES = 64
#: A name called in a file's bytes: the identifier characters (any non-ASCII byte may be one)
#: right before a ``(``.
_CALLED = re.compile(rb"[\w\x80-\xff]+(?=\()")


def _calls_one(content: bytes, wheres: dict[bytes, list[bytes]]) -> bool:
    """Whether *content* holds ``name(`` and the module's word for one of *wheres*' names
    (name -> module words). The same test as looking for each needle in the bytes, in one
    pass over them: ``name(`` occurs exactly where a called word ends with *name*, so every
    ending of every called word is looked up (thousands of coroutines in a big project made
    the needle-by-needle search the slowest part of a cold run, 3.2 M searches in Home
    Assistant)."""
    for word in set(_CALLED.findall(content)):
        for start in range(len(word)):
            found = wheres.get(word[start:])
            if found is not None and any(where in content for where in found):
                return True
    return False


def _analyse_all(
    todo: list[Job],
    data: dict[str, Any],
    codes: frozenset[str] | None,
    workers: Workers,
) -> Iterable[tuple[str, dict[str, Any]]]:
    """Each of *todo* through `_one`: in this process when the batch is too small to pay for
    starting processes, else in *workers* (the scan's, kept for its later batches: once
    started, any batch of two files or more goes there)."""
    ready = prepared(data)
    count = workers.count
    if workers.started:
        serial = len(todo) < 2
    else:
        total = sum(len(item[1]) for item in todo)
        serial = len(todo) < PARALLEL_MIN_FILES or total < PARALLEL_MIN_BYTES
    if count <= 1 or serial:
        return [_one(item, ready, codes) for item in todo]
    # Largest files first, dealt round-robin into a few batches per worker, so no worker is
    # left holding the one huge file at the end and the pickling overhead stays small.
    ordered = sorted(todo, key=lambda item: -len(item[1]))
    share = count * 4
    batches = [ordered[i::share] for i in range(share)]
    out: list[tuple[str, dict[str, Any]]] = []
    try:
        for batch_result in workers.map(_worker, [(b, codes) for b in batches if b]):
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
    if content is None:
        return False
    if any(f"def {name}(".encode() in content for name in names):
        return True
    if any(name[:1] == "=" and f"\n{name[1:]} = ".encode() in content for name in names):
        return True  # a client object made at the top level (`crossfile._client_modules`)
    if b"Annotated[" in content and any(
        f"{name} = Annotated[".encode() in content for name in names
    ):
        return True  # a dependency alias standing for a class (`analyse._annotated_aliases`)
    # a package's `__init__` re-exporting the class or function (`from .store import
    # TaskQueueDB`): its aliases lead to the module that defines it
    return (
        bool(item[3])
        and b"import" in content
        and any(name.encode() in content for name in names if name != "__init__")
    )


#: (``Name(``, ``word import``, ``word.Name(``): one constructor needle as `_constructs` looks
#: for it, its byte strings built once per pass rather than once per file.
Probe = tuple[bytes, bytes, bytes]


def _probes(needles: set[tuple[bytes, bytes]]) -> list[tuple[bytes, list[Probe]]]:
    """The probes grouped by their module's word: both ``word import`` and ``word.Name(``
    hold the word, so a file without it is passed over after one search for the whole group
    rather than one per class (54 classes in 29 modules on the standard library, asked of
    each of its 1,674 unparsed files: a third of those searches saved)."""
    groups: dict[bytes, list[Probe]] = {}
    for name, word in sorted(needles):
        groups.setdefault(word, []).append((name, word + b" import", word + b"." + name))
    return list(groups.items())


def _holds_pair(item: Pending, pairs: set[tuple[bytes, bytes]]) -> bool:
    """Whether the file's bytes hold both needles of one of *pairs*."""
    content = _content(item)
    return content is not None and any(a in content and b in content for a, b in pairs)


def _constructs(item: Pending, probes: list[tuple[bytes, list[Probe]]]) -> bool:
    """Whether the file's bytes call one of the classes the probes name (``Starboard(``) and
    import it from its module (``starboard import``) or call it through the module
    (``starboard.Starboard(``): `crossfile.constructor_needles`. ``word.Name(`` holds
    ``Name(``, so a file without ``Name(`` is passed over after one search, not two (the
    second pass asks this of every unparsed file, for each of some fifty classes on the
    standard library)."""
    content = _content(item)
    return content is not None and any(
        word in content
        and any(
            name in content and (imported in content or dotted in content)
            for name, imported, dotted in group
        )
        for word, group in probes
    )


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
    workers: Workers,
) -> int:
    """Parse *relpaths* with every check; returns how many were parsed."""
    todo: list[Job] = []
    everything = frozenset(data["rules"])
    for relpath in relpaths:
        content = _content(pending[relpath])
        if content is not None:
            _, _, module, is_package = pending[relpath]
            todo.append((relpath, content, module, is_package, everything))
    for relpath, result in _analyse_all(todo, data, everything, workers):
        results[relpath] = result
    return len(todo)
