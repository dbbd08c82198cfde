"""``advisor.convert(paths)``: read, analyse, decide, rewrite, verify — never writes.

Files that cannot be converted safely come back unchanged with a refusal; every output is
compiled and checked for the pitfalls a conversion could introduce before it is returned.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence

import libcst as cst

from advisor.codemod import (
    analysis,
    callgraph,
    entry,
    pool_uses,
    pools,
    queues,
    script,
    sleep,
    sync_calls,
    thread_uses,
    threads,
)
from advisor.codemod.base import Names, Plan, Refused, leading_lines
from advisor.codemod.context import RuleContext
from advisor.codemod.rules import phrase, prefer_choices, refusal_message
from advisor.codemod.transform import Apply
from advisor.conversion import (
    NOTE_REASONS,
    ConversionResult,
    ConvertChange,
    ConvertRefusal,
    FileConversion,
)
from advisor.errors import ConvertError
from advisor.findings import Finding

#: ``(stage, done, total)``: "read" while files are parsed, "convert" while they are rewritten.
Progress = Callable[[str, int, int], None]

#: Files larger than this are refused up front: libcst's memory grows with the tree.
MAX_BYTES = 2_000_000
#: The rewrite rules, in the order they record their rewrites: threads and pools first (their
#: change messages announce the coroutines they create, so entry does not repeat them).
RULES = (threads, pools, queues, sleep, sync_calls, entry)


#: What a Jupyter notebook's file name ends in: JSON, which would parse as one Python dict.
NOTEBOOK = ".ipynb"


def read(path: str) -> str:
    if not os.path.exists(path):
        raise ConvertError(
            f"{path}: no such file; give the Python files to convert",
            key="convert_missing",
            path=path,
        )
    if path.lower().endswith(NOTEBOOK) and os.path.isfile(path):
        # review 23, #7: its JSON read as one dict literal said "nothing to convert". Its cells
        # run on the kernel's running event loop, where the asyncio.run(main()) convert
        # writes would fail, so a notebook is not rewritten but refused, as scan reads it.
        raise ConvertError(
            f"{path}: a Jupyter notebook, and convert rewrites .py files only (in a notebook "
            "the asyncio.run() it writes would fail on the kernel's running event loop); "
            "export the code (jupyter nbconvert --to script) and convert that, or run "
            "`advisor scan` on the notebook",
            key="convert_notebook",
            path=path,
        )
    if not os.path.isfile(path):
        raise ConvertError(
            f"{path}: not a regular file (a pipe, a device); give Python files or folders",
            key="convert_not_file",
            path=path,
        )
    try:
        if os.path.getsize(path) > MAX_BYTES:
            raise ConvertError(
                f"{path}: larger than {MAX_BYTES // 1_000_000} MB; convert smaller files",
                key="convert_too_large",
                path=path,
            )
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise ConvertError(
            f"{path}: not UTF-8 text; save it as UTF-8 first", key="convert_not_text", path=path
        ) from exc
    except OSError as exc:
        raise ConvertError(
            f"{path}: cannot read ({exc.strerror or exc}); check the path and its permissions",
            key="convert_unreadable",
            path=path,
            error=str(exc.strerror or exc),
        ) from exc


BOM = "\ufeff"


def convert(
    paths: Sequence[str],
    *,
    target_version: str | tuple[int, int] | None = None,
    prefer: str | None = None,
    progress: Progress | None = None,
) -> ConversionResult:
    """*progress* is told ``(stage, done, total)`` as files are read and converted, so the
    CLI can show progress on a large tree (review defect #54)."""
    from advisor.codemod.target import resolve

    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise ConvertError(
            "no files given; name the Python files to convert", key="convert_no_paths"
        )
    if prefer is not None and prefer not in prefer_choices():
        raise ConvertError(
            f"--prefer {prefer}: unknown library; choose one of {', '.join(prefer_choices())}",
            key="convert_bad_prefer",
            value=prefer,
            choices=", ".join(prefer_choices()),
        )
    paths = expand(paths)
    target = resolve(target_version, paths)
    unique = _unique(paths)
    infos = []
    boms: set[str] = set()
    for count, path in enumerate(unique):
        if progress is not None:
            progress("read", count, len(unique))
        source = read(path)
        if source.startswith(BOM):  # valid Python, but neither compile() nor libcst keep it
            boms.add(path)
            source = source[len(BOM) :]
        try:
            compile(source, path, "exec", dont_inherit=True, flags=0x400)  # PyCF_ONLY_AST
            infos.append(analysis.parse(path, source))
        except (SyntaxError, ValueError, cst.ParserSyntaxError) as exc:
            line = getattr(exc, "lineno", None) or getattr(exc, "raw_line", 0) or 0
            if not line and "\0" in source:  # review defect #44: "nul.py:0" named no line
                line = source[: source.index("\0")].count("\n") + 1
            if isinstance(exc, SyntaxError) and _parses_as_newer(source):
                running = f"{sys.version_info[0]}.{sys.version_info[1]}"
                raise ConvertError(
                    f"{path}:{line}: syntax newer than Python {running}, which runs advisor; "
                    "run advisor with the Python this file is written for",
                    key="convert_newer_syntax",
                    where=f"{path}:{line}",
                    path=path,
                    running=running,
                ) from exc
            raise ConvertError(
                f"{path}:{line}: not valid Python ({_first_line(exc)}); fix it before converting",
                key="convert_syntax",
                where=f"{path}:{line}",
                path=path,
            ) from exc
        except RecursionError as exc:
            raise ConvertError(
                f"{path}: nested too deeply to analyse; convert it by hand",
                key="convert_deep",
                path=path,
            ) from exc
    moved, preset = _move_scripts(infos)
    result = _convert(infos, target, prefer, preset, progress)
    if moved:
        result = _moved_back(result, moved)
    from advisor.codemod.target import unread

    missed = unread(target_version, paths)
    if missed is not None:
        pyproject, detail = missed
        version = f"{target[0]}.{target[1]}"
        message = refusal_message("requires-python-unread", detail=detail, target=version)
        note = ConvertRefusal(pyproject, 0, "requires-python-unread", message)
        result = result._replace(refusals=(*result.refusals, note))
    if not boms:
        return result
    files = tuple(
        f._replace(before=BOM + f.before, after=BOM + f.after) if f.path in boms else f
        for f in result.files
    )
    return result._replace(files=files)


def _parses_as_newer(source: str) -> bool:
    """Whether libcst, whose grammar follows newer Pythons than the running one, reads the
    file: then the syntax error is the running interpreter's age, not the user's mistake
    (review defect #42: ``type Num = int`` on 3.11 was called invalid)."""
    try:
        cst.parse_module(source)
    except (cst.ParserSyntaxError, RecursionError, ValueError):  # invalid, not newer
        return False
    return True


def expand(paths: Sequence[str]) -> list[str]:
    """Folders become the ``.py`` files `advisor scan` would find in them (``.gitignore`` and
    the usual tool folders honoured; review defect #54); files stay as given."""
    if not any(os.path.isdir(p) for p in paths):
        return list(paths)
    from advisor.lint._data import bundle
    from advisor.lint.discover import discover

    skip = bundle()["calls"]["skip_dirs"]
    result: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            result.append(path)
            continue
        sources, _ = discover([path], os.getcwd(), skip_dirs=skip)
        result += [s.display for s in sources]
    if not result:  # review 23, #13: as `advisor scan` says it, not "nothing to convert"
        where = " ".join(paths)
        raise ConvertError(
            f"{where}: no Python files found; check the path and its .gitignore (the files it "
            "ignores are skipped, as are virtual environments and site-packages)",
            key="convert_no_files",
            paths=where,
        )
    return result


def _unique(paths: Sequence[str]) -> list[str]:
    """Each file once, however it was spelt (``ok.py ./ok.py``: review defect #33)."""
    seen: dict[str, str] = {}
    for path in paths:
        seen.setdefault(os.path.realpath(path), path)
    return list(seen.values())


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "msg", None) or str(exc)
    return str(text).splitlines()[0] if text else type(exc).__name__


def _move_scripts(
    infos: list[analysis.FileInfo],
) -> tuple[dict[str, tuple[str, script.Moved]], dict[str, list[Refused]]]:
    """Module-level code that starts threads moved into a function (`script.move`): each such
    file is parsed again from its moved text (*infos* is updated in place); the files whose
    code cannot be moved get their true reason, to list first among their blockers."""
    moved: dict[str, tuple[str, script.Moved]] = {}
    preset: dict[str, list[Refused]] = {}
    project = analysis.Project(infos)
    for info in infos:
        analysis.collect(project, info)
    for index, info in enumerate(infos):
        outcome = script.move(info, [other for other in infos if other is not info])
        if isinstance(outcome, Refused):
            preset[info.path] = [outcome]
        elif outcome is not None:
            moved[info.path] = (info.source, outcome)
            infos[index] = analysis.parse(info.path, outcome.source)
    for info in infos:  # `_convert` collects again, in the project of the moved files
        _uncollect(info)
    return moved, preset


def _uncollect(info: analysis.FileInfo) -> None:
    """Forget what `analysis.collect` found, so that collecting again does not double it."""
    for found in (info.calls, info.refs, info.assigns, info.classes):
        found.clear()
    info.names.clear()
    for func in info.functions.values():
        func.calls.clear()
        func.generator = False


def _moved_back(
    result: ConversionResult, moved: dict[str, tuple[str, script.Moved]]
) -> ConversionResult:
    """The moved files as the user knows them: the original text before, the user's line
    numbers in every change and refusal, and one change naming the move."""
    files = []
    for f in result.files:
        if f.path not in moved:
            files.append(f)
            continue
        original, how = moved[f.path]
        if not f.changed:
            files.append(FileConversion(f.path, original, original))
            continue
        changes = [
            c._replace(line=how.lines(c.line), message=how.lines.text(c.message))
            for c in f.changes
            # the move's own message says that the new function becomes a coroutine
            if not (c.code == "ADV205" and c.line == how.def_line)
        ]
        from advisor.rules import get_rule

        rule = get_rule("ADV205")
        changes.append(ConvertChange(f.path, how.line, "ADV205", rule.pattern, how.message))
        changes.sort(key=lambda c: (c.line, c.code))
        files.append(FileConversion(f.path, original, f.after, tuple(changes)))
    refusals = tuple(
        r._replace(
            line=moved[r.path][1].lines(r.line),
            message=moved[r.path][1].refusal_text(r.message),
        )
        if r.path in moved
        else r
        for r in result.refusals
    )
    return result._replace(files=tuple(files), refusals=refusals)


def _convert(
    infos: list[analysis.FileInfo],
    target: tuple[int, int],
    prefer: str | None,
    preset: dict[str, list[Refused]] | None = None,
    progress: Progress | None = None,
) -> ConversionResult:
    """Decide, rewrite, and start over whenever a file turns out to be refused: the other
    files must then treat its functions as the synchronous functions they stay."""
    project = analysis.Project(infos)
    for info in infos:
        analysis.collect(project, info)
    refused: dict[str, list[ConvertRefusal]] = {
        info.path: [ignored] for info in infos if (ignored := _ignored(info)) is not None
    }
    while True:
        kept_notes: dict[str, list[ConvertRefusal]] = {}
        found_queues: dict[str, queues.Queues] = {}
        graph, found = _decide(
            project,
            infos,
            refused,
            prefer,
            preset=preset or {},
            kept_notes=kept_notes,
            found_queues=found_queues,
        )
        files: list[FileConversion] = []
        notes: list[ConvertRefusal] = []
        late: dict[str, list[ConvertRefusal]] = {}
        for info in infos:
            if info.path in refused:
                files.append(FileConversion(info.path, info.source, info.source))
                continue
            if progress is not None:
                progress("convert", len(files), len(infos))
            groups, blocks = found[info.path]
            try:
                conversion, file_notes = _rewrite(
                    info, graph, target, groups, blocks, queue=found_queues.get(info.path)
                )
            except Refused as exc:
                late[info.path] = [ConvertRefusal(info.path, exc.line, exc.reason, exc.message)]
                continue
            files.append(conversion)
            notes += file_notes
            if conversion.changed:
                notes += kept_notes.get(info.path, [])
        if not late:
            break
        refused.update(late)
    every = [r for found in refused.values() for r in found]
    unique = {(r.path, r.line, r.reason): r for r in [*every, *notes]}
    refusals = sorted(
        (_acknowledged(infos, r) for r in unique.values()),
        key=lambda r: (r.path, r.line, r.reason),
    )
    if (
        prefer is not None
        and not any(c.code == "ADV204" and _rewritten(c) for c in _changes(files))
        and not any(r.reason == "not-mechanical" for r in refusals)  # already says why
    ):
        refusals.append(_prefer_unused(infos, prefer))
    return ConversionResult(tuple(files), tuple(refusals), target, prefer)


#: The rewrite rules a ``# advisor: ignore[...]`` comment can name for convert.
SPAWNS = {"threading.Thread": "ADV201", "concurrent.futures.ThreadPoolExecutor": "ADV203"}


def _ignored(info: analysis.FileInfo) -> ConvertRefusal | None:
    """A file whose thread or pool line says ``# advisor: ignore`` (bare, or naming its rule)
    is kept threaded on purpose: left as is, and no reason for ``--check`` to fail (#53)."""
    from advisor.lint.noqa import is_suppressed, suppressed_codes

    lines = info.source.splitlines()
    for site in info.calls:
        code = SPAWNS.get(site.qname or "")
        if code is None or not 0 < site.line <= len(lines):
            continue
        if is_suppressed(code, suppressed_codes(lines[site.line - 1])):
            message = refusal_message("ignored", line=str(site.line))
            return ConvertRefusal(info.path, site.line, "ignored", message)
    return None


def _acknowledged(infos: list[analysis.FileInfo], refusal: ConvertRefusal) -> ConvertRefusal:
    """A refusal whose line carries ``# advisor: ignore`` (for all rules or ADV2) is known
    and accepted: reported as ``ignored`` so that ``--check`` passes."""
    from advisor.lint.noqa import is_suppressed, suppressed_codes

    if refusal.reason in ("ignored", "would-not-compile", "pitfall-left", *NOTE_REASONS):
        return refusal
    info = next((i for i in infos if i.path == refusal.path), None)
    lines = info.source.splitlines() if info is not None else []
    if not 0 < refusal.line <= len(lines):
        return refusal
    codes = suppressed_codes(lines[refusal.line - 1])
    if not (
        is_suppressed("ADV2", codes)
        or any(c.startswith("ADV2") for c in codes)  # ignore[ADV201] names a rewrite too
    ):
        return refusal
    message = refusal_message("ignored", line=str(refusal.line))
    return refusal._replace(reason="ignored", message=message)


def _decide(
    project: analysis.Project,
    infos: list[analysis.FileInfo],
    refused: dict[str, list[ConvertRefusal]],
    prefer: str | None,
    *,
    preset: dict[str, list[Refused]],
    kept_notes: dict[str, list[ConvertRefusal]],
    found_queues: dict[str, queues.Queues],
) -> tuple[callgraph.Graph, dict[str, tuple[list[thread_uses.Group], list[pool_uses.Block]]]]:
    """The call-graph fixpoint; adds to *refused* the files that cannot be converted, each
    with every blocker found in it (hazards, thread shapes, pool shapes), so that following
    the advice of one refusal does not lead straight into the next."""
    while True:
        seeds = callgraph.Seeds()
        found: dict[str, tuple[list[thread_uses.Group], list[pool_uses.Block]]] = {}
        flags: set[cst.Call] = set()  # events kept as flags, locks kept: not blocking handles
        for info in infos:
            if info.path in refused:
                continue
            from advisor.codemod import locks

            lock = locks.kept(info)
            kept_notes[info.path] = list(lock.notes)
            flags |= lock.flags | lock.locks
            queue = queues.find(info)
            found_queues[info.path] = queue
            hazards = [
                h
                for h in analysis.blockers(info)
                if not (h.reason in ("lock", "event") and h.line in lock.lines)
                and not (h.reason == "queue" and h.line in queue.lines)
            ]
            problems = [*preset.get(info.path, []), *hazards]
            groups: list[thread_uses.Group] = []
            blocks: list[pool_uses.Block] = []
            try:
                groups = threads.find(project, info, seeds, daemon_ok=queue.workers)
            except Refused as exc:
                problems += [exc, *exc.also]
            taken = threads.daemon_lines(info, groups)  # `t.daemon = True` of queue workers
            problems = [p for p in problems if not (p.reason == "daemon" and p.line in taken)]
            try:
                blocks = pools.find(project, info, seeds)
            except Refused as exc:
                problems.append(exc)
            if info.path in preset:  # its true reason replaces the generic module-level one
                problems = [
                    p for p in problems if p.reason != "module-level" or p in preset[info.path]
                ]
            if problems:
                refused[info.path] = _listed(info.path, problems)
            else:
                found[info.path] = (groups, blocks)
        mechanical = {
            site.node
            for info in infos
            for site in info.calls
            if prefer and info.path not in refused and sync_calls.mechanical(info, site, prefer)
        }
        # a queue convert rewrites to asyncio.Queue is no blocking handle any more
        mechanical |= {s.node for q in found_queues.values() for s in q.creations}
        mechanical |= flags
        suggest = {
            site.node: library
            for info in infos
            if info.path not in refused
            for site in info.calls
            if (library := sync_calls.suggestion(info, site)) is not None
        }
        graph = callgraph.build_graph(project, seeds, prefer, mechanical, suggest)
        for path in refused:
            _pin_refused(graph, project.files[path])
        _, conflicts = callgraph.decide(graph)
        if not conflicts:
            return graph, found
        late: dict[str, list[ConvertRefusal]] = {}
        for key, cause, reason in conflicts:
            if key[0] in refused:
                continue
            func = project.function(key)
            message = refusal_message("cannot-be-async", name=key[1], cause=cause, reason=reason)
            late.setdefault(key[0], []).append(
                ConvertRefusal(key[0], func.line, "cannot-be-async", message)
            )
        refused.update(late)


def _listed(path: str, problems: list[Refused]) -> list[ConvertRefusal]:
    """One refusal per blocker, in file order; one per line (``t.daemon = True`` is a daemon
    thread, and saying it is also an unknown use of ``t`` adds nothing)."""
    seen: dict[int, ConvertRefusal] = {}
    for p in problems:
        seen.setdefault(p.line, ConvertRefusal(path, p.line, p.reason, p.message))
    return sorted(seen.values(), key=lambda r: (r.line, r.reason))


def _changes(files: list[FileConversion]) -> list[ConvertChange]:
    return [c for f in files for c in f.changes]


def _rewritten(change: ConvertChange) -> bool:
    """Whether an ADV204 change rewrote the call with the --prefer library (not a thread)."""
    return phrase("to-thread").get("en") not in change.message.get("en")


def _prefer_unused(infos: list[analysis.FileInfo], prefer: str) -> ConvertRefusal:
    """``--prefer`` that changed nothing says so (issue 18): otherwise the user cannot tell
    an unused option from a library convert tried and could not map."""
    path = infos[0].path if len(infos) == 1 else ""
    message = refusal_message("prefer-unused", library=prefer)
    return ConvertRefusal(path, 0, "prefer-unused", message)


def _pin_refused(graph: callgraph.Graph, info: analysis.FileInfo) -> None:
    """A refused file's functions stay synchronous, and so must everything it calls."""
    pin = phrase("in-refused-file", path=info.path)
    for func in info.functions.values():
        graph.pinned[func.key] = pin
    for site in info.calls:
        if site.callee is not None:
            graph.pinned.setdefault(site.callee, pin)


def _rewrite(
    info: analysis.FileInfo,
    graph: callgraph.Graph,
    target: tuple[int, int],
    groups: list[thread_uses.Group],
    blocks: list[pool_uses.Block],
    *,
    queue: queues.Queues | None = None,
) -> tuple[FileConversion, list[ConvertRefusal]]:
    plan = Plan(info.path, target)
    # helpers an earlier conversion added are reused, not added again as in_thread_2
    plan.helper_names.update((base, node.name.value) for node, base in info.own.items())
    ctx = RuleContext(info, graph, Names(info.names), groups, blocks, queue)
    for rule in RULES:
        rule.plan(ctx, plan)
    if not plan.changes:
        return FileConversion(info.path, info.source, info.source), plan.notes
    module = info.module.visit(Apply(plan))
    after = _imports(module, plan).code
    _verify(info, after, graph)
    changes = tuple(sorted(plan.changes, key=lambda c: (c.line, c.code)))
    return FileConversion(info.path, info.source, after, changes), plan.notes


def _imports(module: cst.Module, plan: Plan) -> cst.Module:
    """Add what the new code needs; drop threading, time, ... where nothing uses them any more."""
    from advisor.codemod import imports

    module = imports.fix(module, plan.add_imports)
    if module.body and not module.header:  # a removed first import leaves its blank lines
        first = module.body[0]
        leading = list(leading_lines(first))
        while leading and leading[0].comment is None:
            leading.pop(0)
        module = module.with_changes(
            body=[first.with_changes(leading_lines=leading), *module.body[1:]]
        )
    return module


#: The linter's rules for the pitfalls a conversion could introduce, and how a refusal names them.
VERIFIED = {"ADV101": "blocking-call", "ADV102": "forgotten-await"}


#: The linter's fix for an httpx client built in a coroutine (its SSL context loads the CA
#: bundle). `--prefer httpx` writes `async with httpx.AsyncClient(...)` around each call it
#: rewrites, as it did before the linter knew the cost: a known trade-off of that rewrite (one
#: client per program is the better shape, not yet written by convert), not a pitfall the
#: rewrite leaves behind, so verification lets it pass.
_OWN_CLIENT = "client_tls"


def _verify(info: analysis.FileInfo, after: str, graph: callgraph.Graph) -> None:
    """Compile the output and run the linter's own checks on it; a new finding refuses the file.

    A blocking call or missing await the original already had is not convert's doing, so only
    findings beyond the original's count. Coroutines of the other given files are named to the
    linter by every module name their file answers to, as convert's call graph resolves them.
    """
    from advisor.lint.analyse import check_text

    try:
        compile(after, info.path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", 0) or 0
        raise Refused(
            line, "would-not-compile", refusal_message("would-not-compile", error=_first_line(exc))
        ) from exc
    elsewhere = [
        f"{module}.{key[1]}"
        for key in graph.async_set
        if key[0] != info.path
        for module in analysis.module_names(key[0])
    ]
    select = tuple(VERIFIED)
    before = Counter(_pitfall(f) for f in check_text(info.path, info.source, select))
    for finding in check_text(info.path, after, select, elsewhere):
        if dict(finding.params).get("fix") == _OWN_CLIENT:
            continue  # `--prefer httpx` opens one client per call (`_OWN_CLIENT`)
        key = _pitfall(finding)
        if before[key]:
            before[key] -= 1
            continue
        kind, call = key
        raise Refused(
            finding.line,
            "pitfall-left",
            refusal_message("pitfall-left", detail=phrase(kind, call=call)),
        )


def _pitfall(finding: Finding) -> tuple[str, str]:
    """(phrase key, call as the linter shows it): what is counted before and after."""
    return VERIFIED[finding.code], dict(finding.params).get("call", "")
