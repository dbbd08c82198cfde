"""ADV101 where nothing else is alive on the loop: decided per call, not per program.

A blocking call stalls the *other* work of an event loop: the tasks it runs beside the
caller, the callbacks it has scheduled, the keepalive of a connection it holds open. Where
none is alive, the call delays only the program, which waits for it either way. That is a
property of a point in the code, not of a program: maigret's CLI ``main`` awaits a search that
runs hundreds of site checks at once through a pool of worker tasks, then writes the reports
with nothing else on the loop, then starts the next search; its ``--submit`` dialog, awaited
alone, prompts with ``input()`` between requests made one at a time; its web front end runs
each job on a loop made for that job. The check each worker runs shares the loop with the
other workers: a blocking call there is a real stall. twscrape's maintainer scripts await one
fixture at a time; piccolo's ``migrations`` commands await one step after another.

What is alive where, per function (`life`, from the function's own statements):

- a task from its spawn (``create_task``, ``ensure_future`` ...) until it is joined: awaited
  (``await t``), handed to a join or wait (``gather(*tasks)``, ``wait(tasks)``,
  ``wait_for(t, 5)``), awaited item by item in a ``for`` over the list that keeps it
  (``for site, f in tasks: await f``; the names a task is kept in follow ``append``,
  ``add`` and assignment, `_held`), or cancelled (what a cancelled task still does is
  unwinding nobody waits for; a pool cancelled once its queue's ``join()`` has returned is
  over at that ``join()``: its workers wait idle on ``get()``, `_join`). The body of a
  ``for`` over ``as_completed(tasks)`` runs while the others are pending (joined at the
  loop's end); a ``wait`` with a ``timeout`` or ``return_when`` joins nothing by itself
  (the tasks it leaves pending are joined when cancelled or awaited). A task never joined
  is alive to the end of the function, and the function *leaks*;
- a task the function awaits before it suspends again (``t = ensure_future(f()); ...;
  await t`` with no ``await`` between): nothing runs beside it, so it is no span at all, and
  ``f()`` counts as awaited at the join (maigret's ``search_task``, kept only so a signal
  handler can cancel it);
- the body of ``async with`` a task group (``asyncio.TaskGroup()``, anyio's
  ``create_task_group()``, trio's ``open_nursery()``) or of a connection that keeps a task of
  its own (``calls.yaml`` ``background_connections``, ``background_calls`` opened with
  ``async with``): alive while the block runs, over when it ends;
- a loop callback (``call_soon``, ``call_later`` ...), a server or framework run
  (``start_server``, ``serve``, ``run_app`` ...), such a connection outside ``async with``,
  an awaited client ``.start()`` (aiokafka's producer, a bot): alive to the end, a leak;
- work started inside a loop is alive from the loop's first line (earlier turns' tasks);
- an async generator that yields while its own work is alive makes the body of an ``async
  for`` over it a span of its consumer (maigret's ``executor.run`` yields results while
  its workers run).

`ProgramShape` stores these per file (``pt``): the spans and leaks of the functions that
have any, every call a coroutine makes (callee's last name, the qualified callee when the
code names it, line, how: awaited where it stands, a statement of its own, or otherwise),
the coroutines a runner starts from plain code, the ``async for`` loops over a call, and the
names handed on by reference. `Points` joins them after the scan: a function leaks when its
own work does or when it calls (by name) one that leaks, and from that call on (from the
loop's start when the call is in a loop) work is alive in it; a call that is a statement of
its own (``open(t).close()``) starts no coroutine's work, so by name it reaches only a plain
function that leaks (aiosmb's example downloader, set 18). A coroutine runs *alone* when every call to it
the scan shows awaits it where it stands at a point where the caller has nothing alive, in
a caller that runs alone, up to a runner's call from plain code (``asyncio.run(main())``,
``anyio.run(main)``, ``loop.run_until_complete(job())``, also on a loop a thread makes
for one job) at a point where that code has started nothing. A blocking call on a line of
such a coroutine where nothing is alive gets `verdict.verdict`'s ``p`` verdict: quiet as in a
command-line program's own code (`code_kinds.one_shot_quiet`: waits on threads and nested
runs stay reported). Loops that serve do not matter here (`blocking` defers the calls in
them with a mark; `reach` asks with the line): a ``while`` loop in code that runs alone
serves nobody else.

What stays reported, on purpose: a coroutine handed to a spawner or a join and not awaited
at once (the other downloads of a ``gather``, maigret's per-site check run by its workers),
even in a command-line module (a command-line module's coroutine handed on in its own file
is not ``cli`` either, `runs_concurrently`); a call in a task group's or background
connection's body; a call while a task the function started is alive, and a coroutine
awaited then, with all it calls; what follows a call to a function that leaks; a coroutine
no code of the scan calls (a library's public method, a handler a framework dispatches), one
a decorator registers (``h``), one handed on by reference anywhere (matched by last name:
a data attribute that shares a coroutine's name keeps it reported), one also called another
way (kept, returned, handed to ``async for``, or handed to a spawner or join by plain code:
``loop.create_task(refresh())`` in a callback), one of another top-level package than the
program that runs it (an example awaiting a library's coroutine says nothing of its other
users), a name the scan defines twice called through an object, chains deeper than
`ALONE_DEPTH`, and plain functions that call a leaking helper across files (followed within
a file only). A function kept in a table (``handlers = {"a": on_a}``) and awaited alone
elsewhere is not seen as handed on: only call arguments are read for references.

The family is four modules: this one notes each file's facts while the walk passes
(`ProgramShape`); `sequential_shape` is what a function starts (`shape`, `in_region`),
`sequential_life` when that work is alive (`life`, `_held`, `_join`), and
`sequential_points` the verdict joined after the scan (`Points`).
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.bindings import BUILTINS
from advisor.lint.callees import call_values, tail
from advisor.lint.checks.base import ASYNC, MODULE, SYNC, Check, FileContext, register
from advisor.lint.checks.code_kinds import test_code
from advisor.lint.checks.helpers import named_target, repeating_span, runner_entry, runs_program
from advisor.lint.checks.runner_calls import handed_to_runner, plain_method
from advisor.lint.checks.sequential_life import life
from advisor.lint.checks.sequential_points import (
    AWAITED,
    BARE,
    ENTERED,
    OTHER,
    RUN,
    SUPER,
    TESTED,
    THROUGH,
)
from advisor.lint.checks.sequential_shape import runs_concurrently, vocabulary


@register
class ProgramShape(Check):
    """Notes what the point verdict needs of a file (``pt``, `points`): the functions whose
    own work is alive somewhere (`life`), every call a coroutine makes and how (awaited,
    otherwise), the coroutines a runner starts, the ``async for`` loops over a call, and the
    names handed on by reference."""

    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (
        ast.Call,
        ast.AsyncWith,
        ast.AsyncFor,
        ast.For,
        ast.While,
    )

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.calls: dict[str, Any] = data["calls"]
        self.words = vocabulary(self.calls)
        #: the functions (and the module) that make a call of `vocabulary`, by frame node id
        self.noted: dict[int, Any] = {}
        #: the callees' last names of each plain function, by its qualified name
        self.plain: dict[str, set[str]] = {}
        #: every call a coroutine makes, and a runner's entry: (the node's id, the callee's
        #: last name, the qualified callee when the code names it, line, frame, `AWAITED`...)
        self.sites: list[tuple[int, str, str, int, Any, str]] = []
        #: the loops of each function, by frame node id: work started in one is alive
        #: from the loop's first line (`_since`)
        self.loops: dict[int, list[tuple[int, int]]] = {}
        #: ``async for`` over a call: the callee's last name, the qualified callee, the
        #: caller, the first line of the body and the last
        self.iterated: list[list[Any]] = []
        #: names handed on by reference (``start_server(handle)``, ``add_handler(self.on)``)
        self.refs: set[str] = set()
        #: methods handed on by reference whose receiver names their class (``self.run``)
        self.named_refs: set[str] = set()
        #: the calls an ``async with`` enters (`sequential_points.ENTERED`)
        self.entered: set[int] = set()
        self.runners = frozenset(self.calls["program_runners"])
        self.run_methods = frozenset(self.calls["loop_run_methods"])
        self.runner_tails = {n.rpartition(".")[2] for n in self.runners} | self.run_methods
        self.wrappers = frozenset(self.calls["entry_wrappers"])
        self.waits = frozenset(self.calls["task_waits"])
        self.handing = frozenset(
            (*self.calls["task_spawners"], *self.calls["concurrent_joins"], *self.waits)
        )
        # `code_kinds.one_shot_kind` asks through the file's memo (helpers import nothing here)
        ctx.memo["runs_concurrently"] = lambda function: runs_concurrently(
            ctx, function, self.calls
        )

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        frame = self.ctx.frame
        if type(node) is not ast.Call:
            self._block(node, frame)  # calls first: nearly every node this family sees
            return
        assert isinstance(node, ast.Call)
        name = tail(node.func)
        if name in self.words:
            self._note(frame)
        if frame.kind == SYNC and name:
            called = self.plain.get(frame.qualname)
            if called is None:  # not `setdefault(..., set())`: a set built for every call
                called = self.plain[frame.qualname] = set()
            called.add(name)
        in_runner = False  # whether the parent runs a program (plain code only), asked once
        if frame.kind == ASYNC:
            form = (
                AWAITED
                if type(parent) is ast.Await
                else BARE
                if type(parent) is ast.Expr
                else OTHER
            )
            if id(node) in self.entered:
                form = ENTERED  # `async with db.connect() as conn`: no plain def's call
            if (
                type(parent) is ast.Call
                and tail(parent.func) in self.waits
                and parent.args
                and parent.args[0] is node
            ):
                form = AWAITED  # `await wait_for(f(), 5)`: the caller waits on f alone
            self._site(node, node.func, frame, form)
        elif in_runner := self._runner(parent):
            if self._entry(parent) is None:
                self._site(node, node.func, frame, RUN)
        elif handed_to_runner(self.ctx, node, parent, frame, self.calls):
            self._site(node, node.func, frame, RUN)  # `self._run_command(cmd())`
        elif type(parent) in _INSIDE or (
            type(parent) is ast.Call and tail(parent.func) in self.handing
        ):
            # plain code handing a coroutine on (`loop.create_task(f())` in a callback,
            # `run_until_complete(gather(*[f(x) for x in xs]))`): a way into it, not alone
            self._site(node, node.func, frame, OTHER)
        # the program's entry, by reference (`anyio.run(main)`, `run_sync(partial(self.main,
        # argv))`), seen from the runner's call or from the `partial` inside it
        entry = self._entry(node) if frame.kind != ASYNC else None
        if entry is not None:
            self._site(entry, entry, frame, RUN)
        elif in_runner:
            entry = self._entry(parent)
        for given in call_values(node):
            arg = given.value if isinstance(given, ast.Starred) else given
            if arg is entry:
                continue
            if isinstance(arg, ast.Attribute) and isinstance(arg.ctx, ast.Load):
                if not plain_method(self.ctx, arg, frame):
                    named = named_target(self.ctx, arg, frame)
                    if named:  # `self.run` in its class: that method (`checks.confined`)
                        self.named_refs.add(named)
                    else:
                        self.refs.add(arg.attr)
            elif isinstance(arg, ast.Name):
                binding = self.ctx.resolver.bindings(self.ctx.resolver.module_scope).get(arg.id)
                if binding is not None and binding.kind in ("def", "import"):
                    self.refs.add(_callee(self.ctx, arg) or arg.id)

    def _block(self, node: ast.AST, frame: Any) -> None:
        """An ``async with`` (noted) or a loop (its lines kept, an ``async for`` over a call
        recorded)."""
        if isinstance(node, ast.AsyncWith):
            self._note(frame)
            self.entered.update(id(item.context_expr) for item in node.items)
            return
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            self.loops.setdefault(id(frame.node), []).append(repeating_span(node))
            if (
                isinstance(node, ast.AsyncFor)
                and isinstance(node.iter, ast.Call)
                and frame.kind == ASYNC
                and node.body
            ):
                callee = _callee(self.ctx, node.iter.func)
                if callee:
                    self.iterated.append(
                        [
                            callee,
                            _target(self.ctx, node.iter.func, frame),
                            frame.qualname,
                            node.body[0].lineno,
                            node.end_lineno or node.lineno,
                        ]
                    )
            return

    def _site(self, node: ast.expr, func: ast.expr, frame: Any, form: str) -> None:
        callee = _callee(self.ctx, func)
        if callee:
            target = _target(self.ctx, func, frame)
            if not target and _super_call(func):
                target = SUPER  # a base's method, whichever: never the caller itself
            self.sites.append((id(node), callee, target, node.lineno, frame, form))

    def _runner(self, node: ast.AST | None) -> bool:
        """``asyncio.run(...)``, ``anyio.run(...)``, ``loop.run_until_complete(...)``."""
        return runs_program(self.ctx, node, self.runners, self.run_methods, self.runner_tails)

    def _entry(self, node: ast.AST | None) -> ast.expr | None:
        """The entry a runner call is given by reference (`helpers.runner_entry`): a
        function of the scan (a bound method, or a module's own or imported function)."""
        if not isinstance(node, ast.Call) or not self._runner(node):
            return None
        entry = runner_entry(self.ctx, node, self.wrappers)
        if isinstance(entry, ast.Name):
            binding = self.ctx.resolver.bindings(self.ctx.resolver.module_scope).get(entry.id)
            if binding is None or binding.kind not in ("def", "import"):
                return None
        return entry

    def _note(self, frame: Any) -> None:
        if id(frame.node) not in self.noted:
            self.noted[id(frame.node)] = frame
            self.ctx.memo.setdefault("noted", set()).add(id(frame.node))

    def finish(self) -> None:
        """Keep ``pt`` (`analyse` stores it in the result's ``g``) for `points`."""
        ctx = self.ctx
        functions: dict[str, list[Any]] = {}
        leaking: set[str] = set()
        awaited: dict[int, int] = {}
        for frame in self.noted.values():
            alive = life(ctx, frame.node, self.calls)
            awaited.update(alive.awaited)
            if not alive.spans:
                continue
            qualname = ctx.module if frame.kind == MODULE else frame.qualname
            functions[qualname] = [[list(s) for s in alive.spans], int(alive.leaks)]
            if alive.yields_alive:
                functions[qualname].append(1)
            if alive.leaks:
                leaking.add(qualname)
        grew = bool(leaking)
        while grew:  # a plain function of this file that calls one that leaks leaks too
            grew = False
            names = {q.rpartition(".")[2] for q in leaking}
            for qualname, callees in self.plain.items():
                if qualname not in leaking and callees & names:
                    leaking.add(qualname)
                    functions.setdefault(qualname, [[], 1])[1] = 1
                    grew = True
        tested = int(test_code(ctx, self.calls))
        sites: list[list[Any]] = []
        for node_id, callee, target, line, frame, form in self.sites:
            first = _since(self.loops.get(id(frame.node), ()), line)
            at, how = (awaited[node_id], AWAITED) if node_id in awaited else (line, form)
            caller = ctx.module if frame.kind == MODULE else frame.qualname
            sites.append([callee, target, caller, at, TESTED if tested else how, first])
        points: dict[str, Any] = {}
        if functions:
            points["f"] = functions
        if sites:
            points["c"] = sites
        if self.iterated:
            points["af"] = self.iterated
        if self.refs:
            points["hr"] = sorted(self.refs)
        if self.named_refs:
            points["hn"] = sorted(self.named_refs)
        if tested and (functions or sites):
            points["tm"] = ctx.module  # test code: no base class of the library's (`Points`)
        if any(site[5] == RUN for site in self.sites):
            points["rn"] = 1  # a program runner's entry: the scan has programs to judge
        if points:
            ctx.memo["points"] = points


#: A call's parent when plain code builds an argument of a call out of it (a list of
#: coroutines for ``gather``, a keyword): recorded as a way into a coroutine, not awaited.
_INSIDE = frozenset((ast.Starred, ast.List, ast.Tuple, ast.ListComp, ast.GeneratorExp, ast.keyword))


def _super_call(func: ast.expr) -> bool:
    """``super().m`` or ``super(Cls, self).m``."""
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
    )


def _since(loops: Any, line: int) -> int:
    """The first line of the outermost loop around *line* (or *line*)."""
    first = line
    for start, stop in loops:
        if start <= line <= stop:
            first = min(first, start)
    return first


def _callee(ctx: FileContext, func: ast.expr) -> str | None:
    """The callee's last name, through an import alias (as `once.CallGraph` reads it)."""
    if isinstance(func, ast.Name):
        binding = ctx.resolver.lookup(func.id, ctx.scope)
        if binding is not None and binding.kind == "import":
            if binding.target == func.id and func.id in BUILTINS:
                return None
            return binding.target.rpartition(".")[2]
        return None if func.id in BUILTINS and binding is None else func.id
    return tail(func) if isinstance(func, ast.Attribute) else None


def _target(ctx: FileContext, func: ast.expr, frame: Any) -> str:
    """The qualified name of the function a call reaches, when the code names it (a
    module-level function, an import, a method of the caller's own class, a function of an
    imported module: ``spiderdal.main()`` after ``from ghunt.modules import spiderdal``, one
    of the many ``main`` coroutines of a CLI's modules), else ``""``. A name that turns out
    to be no function of the scan (a library's, a re-export) is matched by its last name
    again (`Points`)."""
    named = named_target(ctx, func, frame)
    if named is not None:
        return named
    root = func
    while isinstance(root, ast.Attribute):
        root = root.value
    if isinstance(func, ast.Attribute) and isinstance(root, ast.Name):
        binding = ctx.resolver.lookup(root.id, ctx.scope)
        if binding is not None and binding.kind == "import":
            through = ctx.qualify(func) or ""
            return f"{THROUGH}{through}" if through and "(" not in through else ""
    return ""
