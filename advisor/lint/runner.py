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
there (`passes`, `needles`), and where (`jobs`). Per-file results depend on the file alone. What depends on other files is
joined from every file's cached facts after the scan, in the same pass, never by parsing a file
again: coroutine functions called without ``await`` (`checks.await_missing_across.resolve`)
and plain functions that block, called from a coroutine (`checks.reach_chains.resolve`). After
a change, only the files the change can reach are joined again (`joins`, `depends`); the
others keep the cross-file findings stored with the index.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Sequence
from typing import Any

from advisor.lint import index
from advisor.lint._data import bundle
from advisor.lint.analyse import prepared
from advisor.lint.checks.verdict import quiet_own, script_modules
from advisor.lint.crossfile import coroutine_names
from advisor.lint.depends import refs
from advisor.lint.discover import Source
from advisor.lint.jobs import analyse_one, pause_collector, scan_workers
from advisor.lint.joins import cross_findings, join
from advisor.lint.passes import (
    entries,
    fingerprint,
    first_pass,
    look_up,
    never_parsed,
    second_inputs,
    second_pass,
)
from advisor.lint.workers import Workers

__all__ = ["check_content", "run", "scan_workers"]


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
    keep: dict[str, Any] | None = None,
) -> tuple[list[tuple[Source, dict[str, Any]]], int, int]:
    """`_run`, with the cycle collector paused and the scan's workers started and closed. The results this process gathers (read from
    the cache, received from the workers, joined across files) are plain lists and dicts
    that hold no reference cycle, and they only grow until the run returns, so each full
    collection in between walked them all again for nothing: 8% of a cold scan of aiohttp's
    wall time, all of it in this one process while the workers wait. Restored afterwards: a
    library caller's setting stands."""
    paused = pause_collector()
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
            keep=keep,
        )
    except BaseException:  # Ctrl-C or a failure: the workers' work is nobody's now
        workers.close(abandon=True)
        raise
    finally:
        workers.close()
        if paused:
            gc.enable()


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
    keep: dict[str, Any] | None = None,
) -> tuple[list[tuple[Source, dict[str, Any]]], int, int]:
    """What the pipeline prints for each of *sources* (``{"f": findings}``, the file's own and
    its cross-file ones, or ``{"skip": [key, detail]}``), how many files were parsed and how
    many results came from the cache.

    *started_ns* is when the sources were stat'ed (before discovery): a file modified after
    that, in the same clock tick as its stat, must not be trusted by signature next time.
    *named_files* holds the relative paths of the files named on the command line: each is parsed
    even where no rule's words occur, so its syntax error is said (`first_pass`). A file
    found by walking a folder keeps the fast path, and its result says it was not parsed
    (``{"u": 1}``), so the summary can say so. With *keep*, the per-file results and
    modules are put there (``keep["results"]``, ``keep["modules"]``) for `run_results`.
    """
    started = time.time_ns() if started_ns is None else started_ns
    data = bundle()
    scripts = _scripts(sources)
    # The console scripts the projects declare decide findings too (`checks.once`): a new
    # declaration starts afresh, as a new rule table does.
    key = index.key(root, data["hash"] + "".join(f"\n{m}={k}" for m, k in sorted(scripts.items())))
    stored = index.load(key, cache_dir) if use_cache else None
    look = look_up(sources, stored, trust_stat)
    if (
        keep is None
        and stored is not None
        and not look.changed
        and len(look.files) == len(stored.entries)
        and not any(never_parsed(stored.views.get(relpath)) for relpath in named_files)
    ):
        # Nothing changed: the findings of the last run stand, cross-file ones included.
        # Neither the per-file results nor the facts across files are read.
        if look.resigned:
            index.store(
                key, entries(look), stored.needles, stored.views, started, cache_dir, stored.token
            )
        return [(s, _printed(stored.views.get(s.relpath))) for s in sources], 0, len(sources)
    last = (
        index.load_results(key, stored.token, cache_dir) if stored is not None else index.NO_RESULTS
    )
    old, old_refs = last.files, last.refs
    first = first_pass(look, old, data, workers, named_files)
    results, unparsed, parsed = first.results, first.unparsed, first.parsed
    # Second pass: a file with no trigger word can still call a coroutine function another
    # file defines, by name, possibly through a package's re-export. Its inputs are the
    # coroutines found, so when they are the same as last time, the verdicts on unchanged
    # files stand (and only the changed files among the unparsed are looked at).
    # Without a stored index every unparsed file is looked at: no fingerprint to compare.
    inputs = second_inputs(results) if stored is not None else None
    needles = fingerprint(results, *inputs) if inputs is not None else None
    fresh = stored is None or needles != stored.needles
    pending = {
        relpath: item
        for relpath, item in unparsed.items()
        if fresh or results[relpath] is not old.get(relpath)
    }
    if pending:
        coroutines, known = inputs if inputs is not None else (None, None)
        second, wanted = second_pass(
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
            needles = fingerprint(results, None, wanted)
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
    views = join(results, look, (old, named), stored, (data, scripts))
    if keep is not None:
        keep["results"] = results
        keep["modules"] = {relpath: item[3] for relpath, item in look.files.items()}
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
            needles = fingerprint(results)
        index.store(key, entries(look), needles, views, started, cache_dir, token)
    return out, parsed, first.reused


def run_results(
    sources: Sequence[Source],
    root: str,
    *,
    use_cache: bool,
    jobs: int | None,
    trust_stat: bool,
    started_ns: int,
    cache_dir: str | None,
) -> tuple[tuple[dict[str, dict[str, Any]], dict[str, str], Sequence[Source]], int, int]:
    """The per-file results and module names of *sources* (an editor buffer's project,
    `lint.project_files`) for `check_content`'s joins, through the cache as `run` goes,
    with how many files were parsed and how many came from the cache."""
    keep: dict[str, Any] = {}
    _out, parsed, reused = run(
        sources,
        root,
        use_cache=use_cache,
        jobs=jobs,
        trust_stat=trust_stat,
        started_ns=started_ns,
        cache_dir=cache_dir,
        keep=keep,
    )
    return (keep["results"], keep["modules"], sources), parsed, reused


def check_content(
    source: Source,
    content: bytes,
    context: tuple[dict[str, dict[str, Any]], dict[str, str], Sequence[Source]] | None = None,
) -> dict[str, Any]:
    """What the pipeline prints for one file given as bytes (`advisor scan -`): every check,
    and the cross-file joins over this file and *context* (the per-file results and module
    names of its project's other files, `run_results`), as a scan of the project joins
    them. The buffer itself is not cached."""
    from advisor.lint.index import Modules

    data = bundle()
    everything = frozenset(data["rules"])
    result = analyse_one(
        (source.relpath, content, *Modules().name(source.abspath), everything),
        prepared(data),
        everything,
    )[1]
    if "skip" in result:
        return result
    module = Modules().name(source.abspath)[0]
    others, modules = context[:2] if context is not None else ({}, {})
    joined = {**others, source.relpath: result}
    modules = {**modules, source.relpath: module}
    scripts = _scripts([source]) if context is None else _scripts([source, *context[2]])
    cross, decide = cross_findings(joined, {source.relpath}, data, modules, scripts)
    own = quiet_own(result, module, decide, data["calls"])
    return {"f": [*own, *cross.get(source.relpath, ())]}


def _printed(view: Any) -> dict[str, Any]:
    """A stored view (``[own, cross]`` or ``{"skip": ...}``) as the pipeline reads it."""
    if view is None:
        return {"f": []}
    if isinstance(view, dict):
        return view
    return {"f": [*view[0], *view[1]]}


def _scripts(sources: Sequence[Source]) -> dict[str, str]:
    """The modules the scanned projects' console scripts run and the pytest plugins they
    register (`checks.verdict.script_modules`), from each folder of files once."""
    folders: dict[str, Source] = {}
    for source in sources:
        folders.setdefault(os.path.dirname(source.abspath), source)
    modules = index.Modules()
    return script_modules((s.abspath, *modules.name(s.abspath)) for s in folders.values())
