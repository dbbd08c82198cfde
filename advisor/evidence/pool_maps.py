"""A process pool mapping the program's work: ``cpu_bound`` (issue 19, sigal).

A process pool built somewhere in a program says little on its own (pools also isolate a
crash, or hash a folder once at start-up), so its constructor is weak evidence
(`advisor.evidence.cpu.process_pool`). What says more is *what* the pool runs: a
``pool.imap_unordered(worker, photos)`` whose ``worker`` goes on to resize every photo hands
each item of the work to a process because that work computes. So a map over a process pool
(``map``, ``imap``, ``imap_unordered``, ``starmap`` ..., `data/concurrency.yaml` ``pool_maps``)
is a strong vote for ``--cpu-bound yes`` when the function it maps reaches a step the code
already shows computing (a heavy native call, a hot loop); a map over a function that only
reads files or hashes them in chunks (bdfr's optional start-up pass) stays the constructor's
weak vote. A child process waited on outside the mapped work (a `git` call for an option) is
then a side call, not a vote against the pool (`_side_children`). Read in the walk (the pools
and the maps, per file), decided once the main path is known (`decide`, called by `advisor.evidence.weigh.infer` before the project-wide
evidence of `conclude.finish`).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.observed import PoolMap
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: The signal of the vote: one map is one piece of evidence, whatever else the pool does.
PROCESS_MAP = "process-map"


def _is_process_pool(r: Reader, value: ast.expr | None) -> bool:
    if isinstance(value, ast.IfExp):  # ``Pool(jobs) if jobs else nullcontext()``
        return _is_process_pool(r, value.body) or _is_process_pool(r, value.orelse)
    if not isinstance(value, ast.Call):
        return False
    name = r.names.qualname(value.func)
    existing = r.t.existing.lookup(name, exact=True) if name else None
    return existing is not None and existing.get("pool") == "process"


@register(ast.Assign, ast.AnnAssign)
def pool_bound(r: Reader, node: ast.Assign | ast.AnnAssign) -> None:
    """``self.pool = multiprocessing.Pool(...)``, ``pool = ProcessPoolExecutor()``, and
    annotated (isort's ``executor_ctx: Pool | AbstractContextManager[None] = Pool(jobs)``)."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if _is_process_pool(r, node.value):
        for target in targets:
            if isinstance(target, (ast.Name, ast.Attribute)):
                r.g.process_pools.add((r.source.path, ast.unparse(target)))


@register(ast.With)
def pool_entered(r: Reader, node: ast.With) -> None:
    """``with Pool(4) as pool:``, and ``with executor_ctx as executor:`` where
    ``executor_ctx`` holds a pool (isort's ``--jobs``); ``with pick_pool(n) as pool:`` is
    kept by the helper's name, a pool if the helper yields one (`decide`)."""
    for item in node.items:
        context = item.context_expr
        held = isinstance(context, (ast.Name, ast.Attribute)) and (
            (r.source.path, ast.unparse(context)) in r.g.process_pools
        )
        if item.optional_vars is None:
            continue
        if held or _is_process_pool(r, context):
            r.g.process_pools.add((r.source.path, ast.unparse(item.optional_vars)))
        elif isinstance(context, ast.Call) and isinstance(context.func, (ast.Name, ast.Attribute)):
            helper = ast.unparse(context.func).rsplit(".", 1)[-1]
            r.g.pool_helpers[(r.source.path, ast.unparse(item.optional_vars))] = helper


@register(ast.FunctionDef)
def pool_factory(r: Reader, node: ast.FunctionDef) -> None:
    """A project function that yields or returns a process pool (issue 19, held-back set 18:
    cnvkit's ``@contextmanager def pick_pool(nprocs)`` yields a ``ProcessPoolExecutor``, or a
    serial stand-in on one CPU): ``with pick_pool(n) as pool`` then holds a process pool."""
    from advisor.evidence.scopes import walk_local

    pools: set[str] = set()
    given: list[ast.expr] = []
    for inner in walk_local(node):
        if isinstance(inner, ast.With):
            for item in inner.items:
                if item.optional_vars is not None and _is_process_pool(r, item.context_expr):
                    pools.add(ast.unparse(item.optional_vars))
        elif isinstance(inner, ast.Assign) and _is_process_pool(r, inner.value):
            pools.update(ast.unparse(t) for t in inner.targets)
        elif isinstance(inner, (ast.Yield, ast.Return)) and inner.value is not None:
            given.append(inner.value)
    for value in given:
        if _is_process_pool(r, value) or (isinstance(value, ast.Name) and value.id in pools):
            r.g.pool_factories.add(node.name)
            return


@register(ast.Call)
def pool_map(r: Reader, node: ast.Call) -> None:
    """``pool.imap_unordered(worker, items)``, also ``Pool(4).map(f, xs)`` and a mapped
    ``functools.partial(f, ...)``."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in r.t.pool_maps and node.args):
        return
    mapped: ast.expr = node.args[0]
    if isinstance(mapped, ast.Name) and isinstance(r.local_values.get(mapped.id), ast.Call):
        # ``func = partial(align_single_chroms, ...)`` first, then ``pool.imap(func, xs)``
        # (liftoff, apps set 24).
        mapped = r.local_values[mapped.id]
    if (
        isinstance(mapped, ast.Call)
        and mapped.args
        and (r.names.qualname(mapped.func) == "functools.partial")
    ):
        mapped = mapped.args[0]
    if not isinstance(mapped, (ast.Name, ast.Attribute)):
        return
    receiver = "<pool>" if _is_process_pool(r, func.value) else ast.unparse(func.value)
    r.g.pool_maps.append(PoolMap(r.at(node), receiver, func.attr, ast.unparse(mapped)))


@register(ast.Call)
def passed_function(r: Reader, node: ast.Call) -> None:
    """A name handed to a call by position that is no local of the caller (a function,
    ``mapReduce(args, filterWorker, sizes)``): kept by the callee's last name, for a pool
    that maps its parameter (`_passed_in`)."""
    if not node.args or not isinstance(node.func, (ast.Name, ast.Attribute)):
        return
    own: set[str] = set()
    if r.functions:
        args = r.functions[-1].args
        own = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    callee = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
    for index, arg in enumerate(node.args):
        if isinstance(arg, ast.Name) and arg.id not in own and arg.id not in r.local_values:
            r.g.passed_names.setdefault(callee, set()).add((r.source.path, index, arg.id))


def decide(g: Gatherer) -> None:
    """A strong vote for each map over a process pool, on the main path, of a function that
    reaches a computing step: which step, and where, is said."""
    from advisor.evidence.follow import _resolver, _Walk

    computing = [
        e
        for e in g.evidence
        if e.question == "cpu_bound"
        and e.value is True
        and e.file
        and e.signal not in {"process-pool", PROCESS_MAP}
    ]
    work: set[tuple[str, str]] = set()
    mapped = False
    for item in g.pool_maps:
        file = item.where.file
        helper = g.pool_helpers.get((file, item.receiver))
        if (
            item.receiver != "<pool>"
            and (file, item.receiver) not in g.process_pools
            and helper not in g.pool_factories
        ):
            continue
        if not g.on_path(item.where):
            continue
        starts = _units_named(
            g, file, item.where.line, item.where.cell, item.function
        ) or _passed_in(g, item)
        if not starts:
            continue
        walk = _Walk(g.graph, _resolver(g.graph))
        for unit in starts:
            walk.reach_unit(unit)
        walk.run()
        mapped = True
        # What the mapped function itself runs, not the modules of a package loaded by a
        # computed name (plugins): those are what `Gatherer.on_path` already weighs. A
        # method called on an object of unknown type (``settings.is_skipped(path)``) may be
        # any class's of that name: counted as the work's, so a child process it runs votes.
        own = _Walk(g.graph, _resolver(g.graph), plugins=False)
        own.classes = set(g.graph.classes)
        for unit in starts:
            own.reach_unit(unit)
        own.run()
        work |= own.units
        g.mapped_work |= _called_by_name(g, {name.rsplit(".", 1)[-1] for _, name in starts})
        found = next(
            (
                e
                for e in computing
                if (e.file, g.graph.unit_at(e.file, e.line, e.cell)) in walk.units
            ),
            None,
        )
        if found is None:
            _runs_programs(g, item, own.units, set(starts))
            continue
        reason = g.t.reason(
            "process_map",
            method=item.method,
            function=item.function,
            step=f"{found.file}:{found.line}",
        )
        g.emit("cpu_bound", True, "high", item.where, reason, signal=PROCESS_MAP)
    if mapped:
        _side_children(g, work)


def _runs_programs(
    g: Gatherer, item: PoolMap, work: set[tuple[str, str]], mapped: set[tuple[str, str]]
) -> None:
    """A process pool whose mapped function reaches no computing step and waits on a child
    program (liftoff maps ``align_single_chroms``, which runs minimap2 with
    ``subprocess.run``, one per chromosome, on a ``Pool(args.p)``; apps set 24): the pool runs
    programs side by side, and what they compute is theirs, not this program's Python. The
    constructor's "the author treats it as CPU-bound" (built in the function that maps) is
    then context, said with the child it waits on; the program's own work is weighed
    without it. When that work computes (liftoff's gffutils database, its networkx graph
    per gene), the children the pool already runs side by side are a stage whose time is
    theirs: their "waits on a child" votes drop to low, so the program's own computing
    answers; with nothing computing they still answer "no" (an ffmpeg per file).

    Only when the mapped function itself (*mapped*) runs the child and waits on nothing else
    itself: a function that also reads its file and goes over it (a linter running `ruff`
    and then checking each line) does Python work advisor may not see as computing, and a
    child reached through a helper (isort's `git ls-files` behind a settings method) is not
    what each item is; then the pool keeps its vote and `--cpu-bound` is asked, as before."""
    waits = [
        e
        for e in g.evidence
        if e.question == "cpu_bound"
        and e.value is False
        and (e.file, g.graph.unit_at(e.file, e.line, e.cell)) in mapped
    ]
    child = next((e for e in waits if (e.file, e.line) in g.child_waits), None)
    if child is None or any((e.file, e.line) not in g.child_waits for e in waits):
        return
    here = (item.where.file, g.graph.unit_at(item.where.file, item.where.line, item.where.cell))
    kept = []
    for e in g.evidence:
        built = (
            e.signal == "process-pool"
            and e.question == "cpu_bound"
            and (e.file, g.graph.unit_at(e.file, e.line, e.cell)) == here
        )
        if not built:
            kept.append(e)
            continue
        reason = g.t.reason(
            "pool_programs",
            reason=e.reason,
            function=item.function,
            child=f"{child.file}:{child.line}",
        )
        g.context.append(e._replace(question=None, value=None, reason=reason))
    g.evidence = kept
    g.pool_children |= {
        (e.file, e.line)
        for e in kept
        if e.question == "cpu_bound"
        and e.value is False
        and (e.file, e.line) in g.child_waits
        and (e.file, g.graph.unit_at(e.file, e.line, e.cell)) in work
    }


def children_beside_work(g: Gatherer) -> None:
    """The children a process pool runs side by side (`_runs_programs`), once the program's
    own work is weighed (after `advisor.evidence.computation.input_work`): when the main
    path computes itself, their "waits on a child" votes drop to low."""
    if not g.pool_children:
        return
    own = any(
        e.question == "cpu_bound"
        and e.value is True
        and e.confidence != "low"
        and e.signal not in {"process-pool", PROCESS_MAP}
        and g.on_path(e)
        for e in g.evidence
    )
    if own:
        g.evidence = [
            e._replace(confidence="low")
            if e.question == "cpu_bound"
            and e.value is False
            and (e.file, e.line) in g.pool_children
            else e
            for e in g.evidence
        ]


def _side_children(g: Gatherer, work: set[tuple[str, str]]) -> None:
    """A child process the program waits on outside the work its process pool maps (isort's
    `git` calls for a pre-commit hook and ``--skip-gitignore``, beside ``pool.imap(
    sort_imports, files)``, issue 19, held-back set 9) is a side call, not what the mapped
    work waits on: context, not a vote against the pool on ``--cpu-bound``. A child process
    the mapped function itself runs (an ffmpeg per file) still votes "no", and when the
    mapped work itself waits on more than files (howdoi's pool fetching a page per link
    through a module-level ``requests`` session) nothing is set aside: the pool then says
    nothing about computing."""
    waits = any(
        e.question == "cpu_bound"
        and e.value is False
        and e.confidence != "low"
        and (e.file, g.graph.unit_at(e.file, e.line, e.cell)) in work
        for e in g.evidence
    )
    if waits:
        return
    kept = []
    for e in g.evidence:
        side = (
            e.question == "cpu_bound"
            and e.value is False
            and (e.file, e.line) in g.child_waits
            and (e.file, g.graph.unit_at(e.file, e.line, e.cell)) not in work
        )
        if not side:
            kept.append(e)
            continue
        reason = g.t.reason("side_child", reason=e.reason)
        g.context.append(e._replace(question=None, value=None, reason=reason))
    g.evidence = kept


def _passed_in(g: Gatherer, item: PoolMap) -> list[tuple[str, str]]:
    """A pool mapping a parameter of its function (issue 19: deeptools' ``mapReduce(staticArgs,
    func, ...)`` runs ``pool.map_async(func, TASKS)``): the functions its callers pass in that
    position."""
    file, graph = item.where.file, g.graph
    unit = graph.unit_at(file, item.where.line, item.where.cell)
    params = graph.params.get((file, unit))
    if params is None or item.function not in params[0]:
        return []
    names, _defaults, method = params
    index = names.index(item.function) - (1 if method else 0)
    starts: list[tuple[str, str]] = []
    for caller, at, name in sorted(g.passed_names.get(unit.rsplit(".", 1)[-1], ())):
        if at == index:
            starts += _units_named(g, caller, 0, None, name)
    return starts


def _called_by_name(g: Gatherer, names: set[str]) -> set[str]:
    """The functions a mapped function calls, by bare name and transitively: the work each
    item runs (its imports and what a module loads are not)."""
    reached, frontier = set(names), set(names)
    while frontier:
        frontier = {c for f in frontier for c in g.calls_any.get(f, ())} - reached
        reached |= frontier
    return reached


def _units_named(
    g: Gatherer, file: str, line: int, cell: int | None, function: str
) -> list[tuple[str, str]]:
    """The project function or method *function* names where it is mapped: a function of
    the same file or one it imports, ``self.m`` in the mapping method's class."""
    from advisor.evidence.follow import _resolver

    graph = g.graph
    if function.startswith("self."):
        caller = graph.unit_at(file, line, cell)
        owner = caller.rsplit(".", 1)[0] if "." in caller else ""
        name = f"{owner}.{function[5:]}"
        return [(file, name)] if owner and (file, owner) in graph.classes else []
    if "." in function:
        return []
    if function in graph.functions.get(file, ()):
        return [(file, function)]
    dotted = graph.aliases.get(file, {}).get(function)
    if dotted is None:
        return []
    found = _resolver(graph).dotted(dotted, file)
    return [(path, name) for kind, path, name in found if kind == "symbol"]
