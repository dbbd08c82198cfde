"""The point verdict over the whole scan (`Points`, `points`): joins every file's ``pt``
(`sequential.ProgramShape`) after the scan and says whether a blocking call on a line of a
coroutine stalls nobody: the coroutine runs alone, awaited where it stands at a point where
its caller has nothing alive, up to a runner's call from plain code, and nothing it started
is alive on that line.

Split from `sequential.py` (behaviour unchanged): the walk notes facts per file, which are
cached with its result; this join reads them only through their stored layout (how a call
is made: `AWAITED`, `OTHER`, `TESTED`, `RUN`; `THROUGH`, `SUPER`), which is why the layout's
marks live here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from advisor.lint.checks.rooted import roots, thread_marked

if TYPE_CHECKING:
    from advisor.lint.checks.lineage import Lineage

#: How a coroutine is called (`ProgramShape`'s ``pt``): awaited where it stands (``await
#: f()``, ``await wait_for(f(), 5)``, a task awaited before the caller suspends again), any
#: other way (handed to a spawner or a join, kept, returned), by test code, or started by a
#: program runner from plain code (``asyncio.run(f())``); and entered by ``async with`` (any
#: other way for `alone`, but like an awaited call it reaches no plain ``def``: `_plain`).
AWAITED, OTHER, TESTED, RUN, ENTERED = "a", "o", "t", "r", "e"

#: A call that is a statement of its own, neither awaited nor handed on (``f.close()``): any
#: other way for `alone`, but it runs a plain ``def`` only, never a coroutine (`_plain`).
BARE = "b"


#: Marks a target named through an imported module (``spiderdal.main()``): kept when it is a
#: function of the scan, matched by last name otherwise (`Points._unknown_targets`).
THROUGH = "~"


#: The target of ``super().m()`` when no base of the scan defines ``m`` (jupyterhub's
#: ``JupyterHub.initialize`` calls traitlets' ``Application.initialize``): some base's method,
#: matched by name like a call through an object, but never the calling method itself.
SUPER = "^"


#: The kind of a coroutine method in the classes' facts (`await_missing_across.CORO`).
CORO = 1


#: How many callers up `points` follows a coroutine's calls (as `helpers.DEPTH` for the
#: start-up verdict): a deeper chain stays reported.
ALONE_DEPTH = 8


class Points:
    """The point verdict over the whole scan (`points`): ``alone(module, name, line)``."""

    def __init__(
        self, views: Iterable[tuple[str, Mapping[str, Any]]], lineage: Lineage | None = None
    ) -> None:
        #: the scan's classes, when known: a call through an object no type names cannot
        #: reach a method of a class whose instances stay where made (`Lineage.confined`)
        self.lineage = lineage
        #: the functions whose own work is alive somewhere: spans, leaks, yields while alive
        self.functions: dict[str, list[Any]] = {}
        #: every recorded call by the callee's last name: (target, caller, line, form, first)
        self.calls_to: dict[str, list[tuple[str, str, int, str, int]]] = {}
        #: every recorded call by the caller: (callee's last name, target, line, first, form)
        self.calls_from: dict[str, list[tuple[str, str, int, int, str]]] = {}
        #: the coroutines of the scan (an awaited or entered call reaches no plain ``def``)
        self.coroutines: set[str] = set()
        #: ``async for`` over a call, by the caller: (callee, target, first line, last line)
        self.iterated: dict[str, list[tuple[str, str, int, int]]] = {}
        #: names handed on by reference or registered with a framework by a decorator
        self.handed: set[str] = set()
        #: methods handed on through an object no type names (``job.run``), by last name
        self.through: set[str] = set()
        #: methods handed on through a receiver that names the class (``self.run``)
        self.named: set[str] = set()
        #: the coroutines and methods of the scan by last name
        self.defined: dict[str, set[str]] = {}
        self.memo: dict[tuple[str, str], bool] = {}
        #: the test modules (``"pkg.tests.mocking."``): a test double subclassing a library
        #: class (jupyterhub's ``MockHub``) is never what the library's ``super()`` reaches
        self.tested: set[str] = set()
        views = list(views)
        #: the coroutines a runner decorator starts (`rooted`), and the decorated ones whose
        #: decorator is none (handed to a framework, as ``h``)
        self.roots, self.unrooted = roots(views)
        #: the coroutines a library's thread-loop decorator runs (`rooted.thread_runner`):
        #: every call that is not awaited starts one more run on a loop of its own
        self.private: set[str] = set()
        if not self.roots and not any(
            ((r.get("g") or {}).get("pt") or {}).get("rn") for _p, r in views
        ):
            # no program runner in the scan: no coroutine runs alone, nothing to gather
            self.leaking: set[str] = set()
            self.leaking_names: set[str] = set()
            return
        for _path, result in views:
            facts = result.get("facts")
            if facts:
                for qualname in facts.get("coros", ()):
                    self.defined.setdefault(qualname.rpartition(".")[2], set()).add(qualname)
                self.coroutines.update(facts.get("coros", ()))
                for owner, entry in facts.get("classes", {}).items():
                    for method, kind in entry.get("methods", {}).items():
                        self.defined.setdefault(method, set()).add(f"{owner}.{method}")
                        if kind == CORO:
                            self.coroutines.add(f"{owner}.{method}")
            graph = result.get("g")
            if not graph:
                continue
            self.handed.update(graph.get("h", ()))
            points = graph.get("pt")
            if not points:
                continue
            self.functions.update(points.get("f", {}))
            if points.get("tm"):
                self.tested.add(f"{points['tm']}.")
            self.through.update(points.get("hr", ()))
            self.named.update(points.get("hn", ()))
            for callee, target, caller, line, form, first in points.get("c", ()):
                self.calls_to.setdefault(callee, []).append((target, caller, line, form, first))
                if form != RUN:  # the runner's loop ends with the program: nothing outlives it
                    self.calls_from.setdefault(caller, []).append(
                        (callee, target, line, first, form)
                    )
            for callee, target, caller, start, end in points.get("af", ()):
                self.iterated.setdefault(caller, []).append((callee, target, start, end))
        self.handed.update(self.unrooted)
        for root in self.roots:
            # the runner decorator's wrapper starts it as `asyncio.run(main())` starts `main`
            # (its decorator keeps it out of the facts' coroutines: ADV102's question); a
            # library's thread-loop decorator (`rooted.thread_runner`) starts it for the
            # program that decorates it, so the runner's caller is the decorated def's owner
            self.defined.setdefault(root.name, set()).add(root.qualname)
            caller = root.decorator
            if thread_marked(caller):
                caller = root.qualname.rpartition(".")[0]
                self.private.add(root.qualname)
            self.calls_to.setdefault(root.name, []).append(
                (root.qualname, caller, root.line, RUN, root.line)
            )
        self._unknown_targets()
        self.leaking = self._leaking()
        self.leaking_names = {q.rpartition(".")[2] for q in self.leaking}

    def _unknown_targets(self) -> None:
        """A function named through an imported module (`THROUGH`) that is no function of the
        scan (a library's ``aiosqlite.connect``, a name a package's ``__init__`` re-exports)
        says nothing of which function it reaches: matched by its last name, as a call
        through an object is."""
        known = {q for qs in self.defined.values() for q in qs}
        known.update(self.functions, self.calls_from)
        tops = {q.partition(".")[0] for q in known}

        def named(target: str) -> str:
            if not target.startswith(THROUGH):
                return target
            if target[1:] in known or target[1:].partition(".")[0] not in tops:
                # a function of the scan; or one of a package the scan does not hold
                # (`logger.info` after `from loguru import logger`): never the scan's own
                # `info` coroutine, whatever its last name
                return target[1:]
            return ""

        for name, sites in self.calls_to.items():
            self.calls_to[name] = [(named(t), c, ln, f, fi) for t, c, ln, f, fi in sites]
        for caller, calls in self.calls_from.items():
            self.calls_from[caller] = [(n, named(t), ln, fi, f) for n, t, ln, fi, f in calls]
        for caller, loops in self.iterated.items():
            self.iterated[caller] = [(n, named(t), a, b) for n, t, a, b in loops]

    def _leaking(self) -> set[str]:
        """The functions whose work outlives them: their own (`life`), or a call (in any
        form) to one that leaks, matched by the qualified callee when the code names it, by
        last name otherwise."""
        leaking = {q for q, entry in self.functions.items() if entry[1]}
        todo = list(leaking)
        while todo:
            done = todo.pop()
            name = done.rpartition(".")[2]
            for target, caller, _line, form, _first in self.calls_to.get(name, ()):
                if form == RUN:
                    continue  # the runner's loop ends with the program: nothing outlives it
                if target == SUPER:  # never the caller itself, nor a test double
                    reaches = self._base_of(done, caller)
                else:
                    reaches = target == done or (
                        not target and not self._plain(done, form) and not self._confined(done)
                    )
                if caller not in leaking and reaches:
                    leaking.add(caller)
                    todo.append(caller)
        return leaking

    def _handed(self, qualname: str, name: str) -> bool:
        """*qualname* may be handed on by reference: registered by a decorator, named by a
        function's name, or a method reference whose receiver may be one of its class's."""
        if name in self.handed:
            return True
        if name in self.through and not self._confined(qualname):
            return True
        return any(
            ref == qualname
            or (
                ref.rpartition(".")[2] == name
                and (self.lineage is None or self.lineage.reaches(ref, qualname))
            )
            for ref in self.named
        )

    def _confined(self, function: str) -> bool:
        return self.lineage is not None and self.lineage.confined(function)

    def _base_of(self, method: str, caller: str) -> bool:
        """Whether *method* may be what ``super().m()`` in *caller* reaches: a base's method,
        so neither *caller* itself nor one of a test module's classes (a test double
        derives from the library's class, never the other way round)."""
        return method != caller and not method.startswith(tuple(self.tested))

    def _plain(self, function: str, form: str) -> bool:
        """Whether a call of *form* matched to *function* by its last name cannot be a call
        of it: an awaited or ``async with``-entered call reaches a coroutine, never a plain
        ``def`` (cashu's ``async with self.db.connect()`` is not the websocket thread's
        ``SubscriptionManager.connect``, whose ``run_forever`` it was taken to leave
        running)."""
        if form == BARE:  # `f.close()` on a file: no coroutine's work starts without await
            return function in self.coroutines
        return form in (AWAITED, ENTERED) and function not in self.coroutines

    def _reaches_leak(self, callee: str, target: str, caller: str = "", form: str = "") -> bool:
        if target == SUPER:  # some base's method of that name, never the caller itself
            return any(
                q.rpartition(".")[2] == callee and self._base_of(q, caller) for q in self.leaking
            )
        if target:
            return target in self.leaking
        if callee not in self.leaking_names:
            return False
        return any(
            q.rpartition(".")[2] == callee
            and (form not in (AWAITED, ENTERED, BARE) or not self._plain(q, form))
            and not self._confined(q)
            for q in self.leaking
        )

    def live(self, qualname: str, line: int) -> bool:
        """Whether work *qualname* itself started (or a callee of it started and left
        running) is alive at *line*."""
        entry = self.functions.get(qualname)
        if entry and any(start <= line <= end for start, end in entry[0]):
            return True
        for callee, target, at, first, form in self.calls_from.get(qualname, ()):
            # alive after the call, and from the loop's start when the call is in a loop
            if (line > at or (first < at and line >= first)) and self._reaches_leak(
                callee, target, qualname, form
            ):
                return True
        for callee, target, start, end in self.iterated.get(qualname, ()):
            if start <= line <= end and self._yields_alive(callee, target):
                return True
        return False

    def _yields_alive(self, callee: str, target: str) -> bool:
        found = (target,) if target else self.defined.get(callee, ())
        return any(len(self.functions.get(q, ())) > 2 for q in found)

    def alone(
        self, qualname: str, top: str = "", depth: int = 1, seen: frozenset[str] = frozenset()
    ) -> bool:
        """Whether every way into coroutine *qualname* the scan shows runs it with nothing
        else alive on its loop: awaited where it stands at a point of its caller where no
        work is alive, by a caller that runs alone, up to a program runner's call from plain
        code at a point where that code started nothing. The program must be one of *top*,
        the judged coroutine's own top-level package: an example program awaiting a
        library's coroutine says nothing of the library's other users."""
        top = top or qualname.partition(".")[0]
        key = (qualname, top)
        if key in self.memo:
            return self.memo[key]
        name = qualname.rpartition(".")[2]
        sites = self.calls_to.get(name)
        result = False
        circled = False
        if sites and not self._handed(qualname, name):
            unique = self.defined.get(name) == {qualname}
            reached = False
            result = True
            for target, caller, line, form, _first in sites:
                if target == SUPER and caller == qualname:
                    continue  # `super().initialize()` in `initialize`: a base's, not itself
                if (target and target not in (qualname, SUPER)) or form == TESTED:
                    continue  # another function of that name, or test code
                if not target and self._confined(qualname):
                    continue  # `job.run()`: no instance of its class can be that `job`
                if qualname in self.private and form in (BARE, OTHER):
                    # `self.do_send_message(text)` of a `@work(thread=True)` worker starts a
                    # run on a new private loop in a worker thread, beside nothing there
                    continue
                if form not in (AWAITED, RUN) or (target in ("", SUPER) and not unique):
                    result = False  # handed on or kept; or `x.fetch()` of several `fetch`
                    break
                if self.live(caller, line):
                    result = False
                    break
                if form == RUN:
                    if caller.partition(".")[0] != top:
                        result = False  # another package's program says nothing of its users
                        break
                    reached = True
                    continue
                if caller in seen or caller == qualname:
                    circled = True
                    continue
                if depth >= ALONE_DEPTH or not self.alone(
                    caller, top, depth + 1, seen | {qualname}
                ):
                    result = False
                    break
                reached = True
            result = result and reached
        if not circled:
            self.memo[key] = result
        return result

    def at(self, qualname: str, line: int) -> bool:
        """Whether a blocking call on *line* of coroutine *qualname* stalls nobody: the
        coroutine runs alone (`alone`) and nothing it started is alive there."""
        return self.alone(qualname) and not self.live(qualname, line)


def points(
    views: Iterable[tuple[str, Mapping[str, Any]]], lineage: Lineage | None = None
) -> Points:
    """The point verdict over the facts of every file (`ProgramShape`'s ``pt``)."""
    return Points(views, lineage)
