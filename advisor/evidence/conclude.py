"""What only the whole project says, in order: the main path applied to the evidence gathered
(what votes, what is listed, what is set aside), then the project-wide evidence (computation,
shared state written by concurrent functions, no event loop anywhere).

The steps are one module per job (`advisor.evidence.aside`, `advisor.evidence.runs_once`,
`advisor.evidence.computation`, `advisor.evidence.shared_writes`, `advisor.evidence.pool_maps`,
`advisor.evidence.programs`); here is only the order they
run in, which `advisor.evidence.weigh` keeps: `apply_main_path`, then `finish`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.evidence import (
    aside,
    compiled,
    computation,
    gil_native,
    made_objects,
    option_limits,
    pool_tasks,
    runs_once,
    shared_writes,
    thread_loops,
)
from advisor.evidence.observed import Location
from advisor.inference import Evidence

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: Questions answered from what the program runs by default: a heavy step behind an option that
#: is off by default is listed, not counted (`advisor.evidence.gather.Gatherer.by_default`).
_BY_DEFAULT = frozenset({"cpu_heavy_steps", "native_code"})


def apply_main_path(g: Gatherer, declared: list[str]) -> None:
    """Evidence votes only where the main entry points reach (issue 19, cause 2); what
    they do not reach is remembered in `off_path`, to be listed, not counted. Without an
    entry point the whole project counts, as it always did."""
    from advisor.evidence.before_start import before_start
    from advisor.evidence.defaults import default_modes
    from advisor.evidence.generations import settle
    from advisor.evidence.handed import hand_over
    from advisor.evidence.mainpath import main_path

    g.copies()
    settle(g)  # python-telegram-bot v13 or v20: one package, two generations
    hand_over(g)  # sockets handed to another module's readiness loop
    g.evidence = [e for e in g.evidence if not runs_once.at_import(g, e)]
    default_modes(g.graph)  # the alternatives the default configuration does not pick
    g.main_path = path = main_path(g.graph, declared)
    _pending_bounds(g)
    if path is None:
        g.recap()
        return
    aside.set_bridges_aside(g)
    g.in_modes = aside.modes_only(g, path)
    aside.command_loops(g, path)
    aside.set_alternatives_aside(g)
    runs_once.at_import_only(g)
    runs_once.at_startup(g)
    before_start(g)  # called only by the function that starts the loop, before it
    # A mode only a flag off by default enters (sshuttle's `if opt.firewall:` and `elif
    # opt.hostwatch:`, the helpers its command starts itself as, beside its own work in the
    # `else`): another run's I/O, not the default run's; listed for --async-libs, not counted.
    flag_modes = g.in_modes & path.opt_in
    kept: list[Evidence] = []
    for item in g.evidence:
        # An event loop a few plugins' helper runs (streamlink's trio-based browser
        # helper) does not make the program async (issue 19, cause 2).
        on = g.on_workload if item.question == "async_app" else g.on_path
        if item.question in _BY_DEFAULT:
            on = g.by_default
        elif item.question == "cpu_bound" and item.value is False:
            # A wait only an option that is off by default runs (isort's `git ls-files`
            # under `if self.skip_gitignore:`) is not what the default run waits on: it
            # must not cancel the main path's process pool (issue 19, held-back set 9).
            on = g.by_default
        # A pool only another mode runs (a server the configuration can pick instead of
        # the default one) bounds nothing the program runs by default (issue 19).
        here = g.unit_of(Location(item.file, item.line, item.cell))
        moded = (item.question == "concurrency" and here in g.in_modes) or (
            item.question == "async_libs" and here in flag_modes
        )
        if on(item) and not moded:
            kept.append(item)
        else:
            unit = g.graph.unit_at(item.file, item.line, item.cell)
            g.off_path.add((item.file, unit, str(item.question)))
            g.unreached.append(item)
    # A process pool the main path itself runs is the author's choice for the main work,
    # not a helper's (issue 19: black's reformat_many): it weighs as much as a blocking
    # library does.
    kept = [e._replace(confidence="medium") if e.signal == "process-pool" else e for e in kept]
    g.evidence = aside.without_absent_apps(g, kept, path)
    aside.served(g, path)
    g.context = [c for c in g.context if g.on_path(c)]
    g.async_seen = any(g.on_workload(w) for w in g.async_at)
    g.writes = [w for w in g.writes if g.on_path(w.where)]
    g.workers = {
        name: where for name, where in g.workers.items() if where is None or g.on_path(where)
    }
    g.recap()


def _pending_bounds(g: Gatherer) -> None:
    """Bounds passed in as arguments: the values the calls on the main path pass (all calls
    without one), else the parameter's default (issue 19, cause 5)."""
    from advisor.evidence.option_bounds import attribute_default, imported_defaults, option_value
    from advisor.evidence.passed_values import overridden, parameter_values

    imported_defaults(g)
    thread_loops.settle(g)  # loops starting a class of a file read later
    for pending in g.pending_bounds:
        if not g.on_path(pending.where):
            continue
        if pending.source[0] == "option":
            found = option_value(g, pending.source[1])
            if found is None:  # a configuration object's attribute, not an option
                found = attribute_default(g, pending.source[1])
            values = [] if found is None else [found]
        elif pending.source[0] == "setting":
            # One default written for the setting, or none taken: two defaults are two
            # configurations, and which one runs is not in the code.
            written = g.settings.get(pending.source[1], set())
            values = list(written) if len(written) == 1 else []
        else:
            values = parameter_values(g.graph, pending.source, g.main_path, settings=g.settings)
            if not values and overridden(g.graph, pending.source, g.main_path):
                continue  # every call passes a value the code does not say: not the default
        if not values and pending.fallback is not None:
            values = [pending.fallback]
        for value in sorted(v for v in values if v >= 1)[-1:]:
            g.bound(pending.where, pending.name, pending.arg, io=pending.io, value=value)
    option_limits.settle(g)  # options bounding what runs at once that no pool reads


def finish(g: Gatherer) -> None:
    """Project-wide evidence: a file's parse a few calls below the loop over files, what a
    process pool maps, a desktop app waiting on its user (each needs the main path), then
    computation, shared state written by concurrent functions, no event loop."""
    from advisor.evidence import cli_program, dispatch, gui_work, polling, pool_maps, programs

    made_objects.decide(g)  # heavy methods of a native object a project helper made
    pool_tasks.decide(g)  # a pool that computes, or runs one background call, bounds no I/O
    computation.spread(g)  # a file's parse a few calls below the loop over files
    pool_maps.decide(g)  # what a process pool maps, once the main path is known
    programs.gui_waits(g)  # a desktop app on the main path waits on its user
    gui_work.decide(g)  # ... unless its actions drive a computing kernel
    dispatch.set_aside(g)  # one option's heavy step among many options
    polling.decide(g)  # an endless loop that sleeps between rounds: a service
    cli_program.decide(g)  # a declared console script that reads its command line
    t = g.t
    computation.per_item_native(g)
    from advisor.evidence.helper_loops import set_aside
    from advisor.evidence.switch import switchable

    set_aside(g)  # a loop the program's threads only hand coroutines to is a component's

    g.evidence = switchable(
        g.evidence, g.io_calls, g.on_path, t, lambda w: g.unit_of(w) in g.command_loops
    )
    from advisor.evidence.django_asgi import served_async

    served_async(g)  # Django's async views under asgi.py run on an event loop
    if g.files and not g.async_seen:
        reason = aside.no_event_loop(g)
        g.emit("async_app", False, "medium", Location("", 0, None), reason, signal="no-event-loop")
    shared_writes.chained_workers(g)
    concurrent = set(g.workers)
    stack = list(concurrent)
    while stack:  # what a worker calls runs concurrently too (by bare name: functions only)
        for callee in g.calls.get(stack.pop(), ()):
            if callee not in concurrent and callee in g.plain_defs:
                concurrent.add(callee)
                stack.append(callee)
    computation.concurrent_loops(g, concurrent)
    computation.request_work(g, concurrent)
    computation.input_work(g)
    pool_maps.children_beside_work(g)  # a pool's children beside the program's own work
    computation.computes_only(g)
    computation.no_async_library(g)
    computation.no_heavy_step(g)
    compiled.recast(g)  # loops of a module Cython compiles are not bytecode
    gil_native.outside_mapped_work(g)  # the pool's work holds the GIL: the rest is listed
    if not g.workers and not g.event_clients:
        return
    shared_writes.shared_writes(g, concurrent)
