"""What only the whole project says about computation (issue 19): loops that compute in
functions that run concurrently, heavy native calls on a served app's request path, pure-Python
work over every item of the input, a program that waits on nothing while it calls numeric
libraries, and steps that are light because nothing anywhere computes heavily.

Steps of `advisor.evidence.conclude.finish`, once the main path is known.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from advisor.evidence import aside, gil_native
from advisor.evidence.mainpath import MainPath
from advisor.evidence.observed import INPUT_WORK, InputWork, Location
from advisor.evidence.tables import BLOCKS_LOOP, listing
from advisor.inference import Evidence

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: Questions any of whose evidence says the program waits on something (`computes_only`);
#: an event loop (``async_app`` yes) waits too.
_WAITING = frozenset({"async_libs", "cpu_bound"})


def no_heavy_step(g: Gatherer) -> None:
    """Evidence can say "no" to ``cpu_heavy_steps`` (issue 19): the code waits on known
    I/O libraries and nothing anywhere computes heavily (no hot loop, no heavy native
    call), so its steps between the waits are light. Said at the first I/O call."""
    if any(e.question == "cpu_heavy_steps" and e.value for e in g.evidence):
        return
    io = [e for e in g.evidence if e.question == "async_libs"]
    if not io:
        return
    first = min(io, key=lambda e: (e.file, e.cell or 0, e.line))
    # Library names only: the "blocks the loop" vote is a second signal of one of them.
    names = sorted({e.signal for e in io if e.signal != BLOCKS_LOOP})
    reason = g.t.reason("no_heavy_step", libraries=listing(names[:4]))
    where = Location(first.file, first.line, first.cell)
    g.emit("cpu_heavy_steps", False, "medium", where, reason, signal="no-heavy-step")


def computes_only(g: Gatherer) -> None:
    """A program whose main path waits on nothing while it calls numeric libraries
    computes (issue 19: cholera-risk's Monte Carlo model draws and combines NumPy arrays,
    and reads, writes and calls nothing else; bengine's particle steps, which log each
    state to a file): there is nothing else for its time to go to. Only with a main path,
    no evidence of waiting on it but the weakest (a file ``open()``, low: no socket,
    child process, I/O library or served app), and every library its modules import recognised,
    so that an I/O library advisor does not know cannot be what the program waits on
    (issue 19, cause 4). Said at the first numeric call."""
    path = g.main_path
    if path is None:
        return
    # The modules the path imports, whole: a method reached through an object whose type
    # is not known (a particle's ``update``) is theirs, and so is its waiting.
    read = [*g.evidence, *(e for e in g.unreached if e.file in path.files)]
    if any(
        (e.question in _WAITING and e.confidence != "low")
        or (e.question == "async_app" and e.value)
        for e in read
    ):
        return
    numeric = [
        c
        for c in g.context
        if c.question is None
        and c.signal in g.t.numeric_libraries
        and c.file in path.files
        and not g.t.is_vendored(c.file)
    ]
    if not numeric or _unknown_imports(g, path):
        return
    first = min(numeric, key=lambda c: (c.file, c.cell or 0, c.line))
    names = listing(sorted({c.signal for c in numeric}))
    reason = g.t.reason("computes_only", libraries=names)
    where = Location(first.file, first.line, first.cell)
    g.emit("cpu_bound", True, "medium", where, reason, signal="computes-only")


def no_async_library(g: Gatherer) -> None:
    """A program whose main path makes heavy native calls (Pillow resizing every photo of a
    poster, in photocollage's rendering thread) and calls no I/O library at all, every library
    its modules import recognised: nothing on its hot path is async or has an async version
    to switch to; its steps block the thread that runs them. ``--async-libs no``, medium, at
    the first heavy call (issue 19, development set 12). Not where an I/O library, known or
    not, is there: then the tree's question is about that library, and an unknown one is
    asked (cause 4)."""
    path = g.main_path
    if path is None or any(e.question == "async_libs" for e in (*g.evidence, *g.unreached)):
        return
    heavy = [e for e in g.evidence if e.question == "native_code" and e.value is True and e.file]
    if not heavy or _unknown_imports(g, path):
        return
    names = sorted({str((g.t.native.lookup(e.signal) or {}).get("name", e.signal)) for e in heavy})
    first = min(heavy, key=lambda e: (e.file, e.cell or 0, e.line))
    reason = g.t.reason("native_only", libraries=listing(names))
    where = Location(first.file, first.line, first.cell)
    g.emit("async_libs", False, "medium", where, reason, signal="native-only")


def _unknown_imports(g: Gatherer, path: MainPath) -> list[str]:
    """Libraries the modules on the main path import that no table knows (neither the
    standard library nor the project's own packages)."""
    from advisor.evidence.units import module_names

    project = {n.split(".", 1)[0] for f in g.graph.files for n in module_names(f)}
    t, unknown = g.t, []
    for file in sorted(path.files):
        for dotted in g.graph.aliases.get(file, {}).values():
            top = dotted.split(".", 1)[0]
            if top in sys.stdlib_module_names or top in project or top in t.quiet_libraries:
                continue
            if dotted in t.quiet_modules or any(
                dotted.startswith(q + ".") for q in t.quiet_modules if "." in q
            ):
                continue
            if not (
                t.native.lookup(dotted) or t.libraries.lookup(dotted) or t.frameworks.lookup(dotted)
            ):
                unknown.append(dotted)
    return unknown


def concurrent_loops(g: Gatherer, concurrent: set[str]) -> None:
    """Loops of math, random or native calls in functions that run concurrently and never
    wait (issue 19): a Ray task annealing in pure Python, a pool worker hashing in a loop."""
    t = g.t
    for name in sorted(concurrent):
        work = g.loop_work.get(name)
        if work is None or name in g.waiting or not g.on_path(work.where):
            continue
        if (
            work.where.file,
            g.graph.unit_at(work.where.file, work.where.line, work.where.cell),
        ) in g.aside:
            continue
        if work.native:
            reason = t.reason("concurrent_native_loop", function=name, what=work.call)
            g.emit("cpu_bound", True, "high", work.where, reason, signal="loop-work")
            # A native call in the loop of a worker is heavy: it answers --native-code,
            # which a light call alone no longer does; "no" for a library that holds the GIL.
            entry = t.native.lookup(work.call) or {}
            library = entry.get("name", work.call)
            holds = bool(entry.get("holds_gil"))
            said = "native_holds_gil" if holds else "native_call"
            reason = t.reason(said, name=work.call, library=library)
            signal = gil_native.HOLDS_GIL if holds else "loop-work"
            g.emit("native_code", not holds, "medium", work.where, reason, signal=signal)
        else:
            reason = t.reason("concurrent_loop", function=name, what=work.call)
            g.emit("cpu_bound", True, "high", work.where, reason, signal="loop-work")
            reason = t.reason("python_bytecode", function=name)
            g.emit("native_code", False, "medium", work.where, reason, signal="loop-work")
        step = t.reason("heavy_step", what=work.call, function=name)
        g.emit("cpu_heavy_steps", True, "medium", work.where, step, signal="loop-work")


def request_work(g: Gatherer, concurrent: set[str]) -> None:
    """A served app whose request handlers (or the functions they call by name) make a
    heavy native call computes on every request (issue 19: libretranslate translates with
    Argos Translate on CTranslate2 in its Flask request threads). Then the served-app vote
    ("each request waits on its client") does not hold, and I/O made outside the request
    path (a database connected while the app is built, a cache client for an optional
    backend) is set-up, not what a request waits on: both are listed, not counted, on
    ``--cpu-bound``, and the heavy call on the request path is high evidence. Nothing
    changes for a service whose handlers compute nothing heavy."""
    path = g.main_path
    if path is None or not aside.apps_on(g, path):
        return

    def function(e: Evidence) -> str | None:
        return g.function_at.get((e.file, e.line))

    heavy = [
        e
        for e in g.evidence
        if e.question == "native_code" and e.value is True and function(e) in concurrent
    ]
    if not heavy:
        return
    places = {(e.file, e.line) for e in heavy}
    first = min(heavy, key=lambda e: (e.file, e.cell or 0, e.line))
    work = f"{function(first)}: {first.signal}"
    kept: list[Evidence] = []
    for item in g.evidence:
        if item.question == "cpu_bound" and item.file:
            if item.value is True and (item.file, item.line) in places:
                kept.append(item._replace(confidence="high"))
                continue
            called_in = function(item)
            if item.value is False and called_in not in concurrent:
                where = Location(item.file, item.line, item.cell)
                if called_in is None:  # the served-app vote, at the app
                    reason = g.t.reason("served_computes", name=item.signal, work=work)
                else:
                    reason = g.t.reason(
                        "request_setup", name=item.signal, function=called_in, work=work
                    )
                g.emit(None, None, item.confidence, where, reason, signal=item.signal)
                continue
        kept.append(item)
    g.evidence = kept


def input_work(g: Gatherer) -> None:
    """Pure-Python work over every item of the input (issue 19: vulture walks every
    file's tree with a NodeVisitor; NanoFilt scores every read it parses): computation,
    when it is on the main path, repeats over the input (in a loop, or in a function a
    loop calls) and its function waits on nothing. A tree counts only when a Python visitor
    class exists to go over it; a configuration parsed once is no vote either way."""
    t = g.t
    walkers = [(w, name) for w, name in g.tree_walkers if g.on_path(w)]
    path = g.main_path
    served = path is not None and bool(aside.apps_on(g, path))
    waits = any(
        e.question in _WAITING and e.value is False and e.confidence != "low" for e in g.evidence
    )
    per_item = _per_item(g)
    for item in g.input_work:
        if not g.by_default(item.where):
            continue  # off the path, or only behind an option that is off by default
        if item.kind == "library":
            if g.unit_of(item.where) in g.aside:
                continue  # one alternative's work among many (one protocol, one backend)
            if served:
                # A bot's command or a GUI's help page converting one document on request
                # (red-discordbot's data statement, thonny's help) is incidental.
                continue
            # One call goes over the whole document or table: it needs no loop, and
            # reading that input first is part of the same run.
            reason = t.reason("library_work", call=item.call, function=item.function)
            what = t.kind("library_work")
        elif _waits(g, item) or not (
            item.looped
            or item.function in g.called_in_loop
            or (item.kind in ("tokens", "graph") and item.function in per_item)
        ):
            continue
        elif item.kind == "tree":
            if not walkers:
                continue
            # The visitor of the parse's own file when there is one (vulture's Vulture).
            walker = min(walkers, key=lambda w: w[0].file != item.where.file)[1]
            reason = t.reason("tree_walk", call=item.call, walker=walker)
            what = t.kind("tree_walk")
        elif item.kind == "tokens":
            if served or waits:
                continue  # a server's or a crawler's tokens are small next to its waiting
            reason = t.reason("token_work", call=item.call, function=item.function)
            what = t.kind("token_work")
        elif item.kind == "graph":
            if served:
                continue  # one request's graph: small next to the serving
            # A wait elsewhere (liftoff's minimap2 children) does not make a graph algorithm
            # run once per item small: only its own function's waiting does (`_waits`).
            reason = t.reason("graph_work", call=item.call, function=item.function)
            what = t.kind("record_work")
        elif item.kind == "lines":
            if served or waits:
                # A request's lines, or a page the program downloaded (a crawler's links
                # per line): small next to the waiting; a text tool over local files
                # (codespell) waits on nothing stronger than `open()`.
                continue
            reason = t.reason("line_work", call=item.call, function=item.function)
            what = t.kind("record_work")
        else:
            reason = t.reason("record_work", call=item.call, function=item.function)
            what = t.kind("record_work")
        g.emit("cpu_bound", True, "medium", item.where, reason, signal=INPUT_WORK)
        reason = t.reason("python_bytecode", function=item.function)
        g.emit("native_code", False, "medium", item.where, reason, signal=INPUT_WORK)
        step = t.reason("heavy_step", what=what, function=item.function)
        g.emit("cpu_heavy_steps", True, "medium", item.where, step, signal=INPUT_WORK)


def _waits(g: Gatherer, item: InputWork) -> bool:
    """Whether the function doing *item* waits, so its work is small next to the wait. A
    parse of the file the same function reads (``open()`` then ``ast.parse``: interrogate's
    ``_get_file_coverage`` per file, issue 19) is that file's work, not a wait: for a parse
    or a tokenizer only a wait beyond a local file counts."""
    if item.kind in _SPREAD:
        return item.function in g.waits_beyond_files
    return item.function in g.waiting


def _per_item(g: Gatherer) -> set[str]:
    """Functions called by a function that is called in a loop: one call away, they run
    once per item too (docformatter's loop over files calls ``_do_format_file``, which
    calls ``_do_format_code``, which tokenizes the file). By name, so one step only."""
    return {callee for caller in g.called_in_loop for callee in g.calls_any.get(caller, ())}


def spread(g: Gatherer) -> None:
    """A parse or a tokenizer a few calls below a function called once per item runs once per
    item too (issue 19: pydocstyle's loop over files calls ``check_source``, which calls
    ``parse``, which builds a ``TokenStream`` that tokenizes the file; radon's ``gobble`` per
    file calls ``cc_visit``, then ``from_code``, then ``code2ast``, which parses it). Followed by
    name, as `_per_item` does one step, up to ``per_item_depth`` calls
    (``data/work.yaml``); called once project-wide, when every file is read. What it marks
    still counts only on the main path, in a function that waits on nothing
    (`input_work`)."""
    reached = set(g.called_in_loop)
    frontier = set(reached)
    for _step in range(g.t.per_item_depth):
        frontier = {c for f in frontier for c in g.calls_any.get(f, ())} - reached
        if not frontier:
            break
        reached |= frontier
    g.input_work = [
        w._replace(looped=True)
        if not w.looped and w.kind in _SPREAD and w.function in reached
        else w
        for w in g.input_work
    ]


#: The kinds of input work found a few calls below the loop (`spread`): a file's parse or its
#: tokens, a graph algorithm (liftoff); a record loop or a line loop is its own loop.
_SPREAD = frozenset({"tokens", "tree", "graph"})


def per_item_native(g: Gatherer) -> None:
    """Beside a worker handed every pair of items, a heavy native call outside it (one
    Pillow resize per image) is linear work next to quadratic Python: its "native code"
    vote drops to low, so the pairwise search answers ``native_code`` (issue 19, difPy)."""
    if not g.pairwise:
        return
    for i, item in enumerate(g.evidence):
        if item.question != "native_code" or item.value is not True or not item.file:
            continue
        unit = g.graph.unit_at(item.file, item.line, item.cell)
        if unit.rsplit(".", 1)[-1] not in g.pairwise:
            g.evidence[i] = item._replace(confidence="low")
