"""ADV101: a coroutine a project decorator runs as the whole program (a program root).

click, typer and argparse cannot run a coroutine, so command-line programs wrap their
``async def`` commands in a decorator of their own that hands the call to a program runner:

    def coro(f):
        @wraps(f)
        def wrapper(*args, **kwargs):
            return asyncio.run(f(*args, **kwargs))
        return wrapper

    @cli.command()
    @coro
    async def install(): ...

(lnbits' ``lnbits-cli``, ``lnbits/commands.py``). The framework registers and calls the plain
``wrapper``; the coroutine itself is started by ``asyncio.run`` and runs alone, as the
program, exactly as ``asyncio.run(main())``'s entry. So it is no coroutine a decorator hands to
a framework that serves (`once.CallGraph`'s ``h``) but a runner's entry (`sequential_points.Points`,
`verdict.verdict`).

A *runner decorator* is a module-level ``def`` that returns a nested plain ``def`` whose own
body hands a call of the decorator's first parameter, or the parameter itself, to a program
runner (``calls.yaml`` ``program_runners``, ``loop_run_methods``: ``asyncio.run(f(...))``,
``anyio.run(f, ...)``, ``asyncio.get_event_loop().run_until_complete(f(...))``), or a factory
returning such a decorator (``@run_async()``). A decorator that does anything else with the
coroutine (caches it, retries it, hands it to ``create_task``, runs it beside other work in a
``gather``, or on a thread) is none. The decorator is resolved by name: a function of the same
module, or one imported from another module of the same top-level package; each file notes
the runner decorators it defines (``g``'s ``rd``) and the coroutines it decorates with a
candidate (``dr``), and `roots` joins them after the scan. Decorators between the runner
decorator and the ``def`` must leave the coroutine as it is (``transparent_decorators``);
those above it wrap the plain function the runner decorator returns (``@cli.command()``).

A library's decorator can be a runner too (`thread_runner`, ``calls.yaml``
``thread_loop_decorators``): Textual's ``@work(thread=True)`` runs each call of the ``async def``
it decorates with ``asyncio.run`` in a worker thread, on a loop of its own that nothing else
runs on, while the app's loop goes on serving the interface (parllama's ``do_send_message``,
whose ``send_chat`` streams the model's answer with a synchronous client). The coroutine is
that private loop's entry: what it does where nothing it started is alive stalls nobody
(`sequential_points`), the same as under ``asyncio.run(main())``. The decorator is known by
its qualified name, so each file that uses it notes it among its runner decorators (``rd``)
itself. Without the keyword, or given anything but the constant ``True`` (a variable could be
either), the worker runs on the app's loop and stays a handler the framework dispatches.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from advisor.lint.callees import tail
from advisor.lint.checks.base import FileContext
from advisor.lint.checks.helpers import own_nodes, runner_entry, runs_program
from advisor.lint.statements import walk

#: Marks a factory's qualified name (``pkg.cli.run_async()``): the decorator is its call.
FACTORY = "()"


def _runners(calls: Mapping[str, Any]) -> tuple[frozenset[str], frozenset[str], set[str]]:
    runners = frozenset(calls["program_runners"])
    run_methods = frozenset(calls["loop_run_methods"])
    return runners, run_methods, {n.rpartition(".")[2] for n in runners} | run_methods


def _returned_def(function: ast.AST) -> ast.FunctionDef | None:
    """The nested plain ``def`` *function* returns by name (``return wrapper``), or None."""
    nested = {n.name: n for n in getattr(function, "body", ()) if isinstance(n, ast.FunctionDef)}
    if not nested:
        return None
    for node in own_nodes(function):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Name):
            found = nested.get(node.value.id)
            if found is not None:
                return found
    return None


def _runs_parameter(ctx: FileContext, function: ast.FunctionDef, calls: Mapping[str, Any]) -> bool:
    """Whether *function* (``coro(f)``) returns a wrapper that runs ``f`` as the program."""
    params = [*function.args.posonlyargs, *function.args.args]
    wrapper = _returned_def(function)
    if not params or wrapper is None:
        return False
    given = params[0].arg
    runners, run_methods, tails = _runners(calls)
    wrappers = frozenset(calls["entry_wrappers"])
    for node in own_nodes(wrapper):
        if not runs_program(ctx, node, runners, run_methods, tails):
            continue
        assert isinstance(node, ast.Call)
        entry = node.args[0]
        called = entry.func if isinstance(entry, ast.Call) else None
        if isinstance(called, ast.Name) and called.id == given:
            return True  # `asyncio.run(f(*args, **kwargs))`
        entry_ref = runner_entry(ctx, node, wrappers)
        if isinstance(entry_ref, ast.Name) and entry_ref.id == given:
            return True  # `anyio.run(f, *args)`, `anyio.run(partial(f, *args))`
    return False


def runner_decorators(ctx: FileContext, calls: Mapping[str, Any]) -> list[str]:
    """The qualified names of the runner decorators this module defines at its top level
    (a factory's with `FACTORY` appended)."""
    found: list[str] = []
    for node in ctx.tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if _runs_parameter(ctx, node, calls):
            found.append(f"{ctx.module}.{node.name}")
            continue
        inner = _returned_def(node)
        if inner is not None and _runs_parameter(ctx, inner, calls):
            found.append(f"{ctx.module}.{node.name}{FACTORY}")
    return found


def runner_decorated(ctx: FileContext, function: ast.AST, calls: Mapping[str, Any]) -> str | None:
    """The qualified name of the decorator of coroutine *function* that may run it as the
    whole program (`runner_decorators` decides after the scan), or None: a function of this
    module or one imported from this top-level package, with only transparent decorators
    between it and the ``def``."""
    decorators = list(getattr(function, "decorator_list", ()))
    plain = {n.rpartition(".")[2] for n in calls["transparent_decorators"]}
    own = ctx.module.partition(".")[0]
    for decorator in reversed(decorators):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        library = thread_runner(ctx, decorator, calls)
        if library is not None:
            return library
        if passing_wrapper(ctx, decorator) is not None:
            continue  # it awaits the coroutine in its own wrapper, which the runner starts
        qualified = _own_function(ctx, target, own)
        if qualified is not None:
            return f"{qualified}{FACTORY}" if isinstance(decorator, ast.Call) else qualified
        if tail(target) not in plain:
            return None  # a decorator that may change the coroutine sits nearer the `def`
    return None


def thread_runner(ctx: FileContext, decorator: ast.expr, calls: Mapping[str, Any]) -> str | None:
    """The name `roots` knows a library's thread-loop decorator by (``textual.work(thread)``)
    when *decorator* is one given its keyword as the constant ``True`` (``@work(thread=True)``,
    ``calls.yaml`` ``thread_loop_decorators``), else None."""
    if not isinstance(decorator, ast.Call):
        return None
    qualified = ctx.qualify(decorator.func)
    for entry in calls["thread_loop_decorators"]:
        if qualified != entry["name"]:
            continue
        for keyword in decorator.keywords:
            if (
                keyword.arg == entry["keyword"]
                and isinstance(keyword.value, ast.Constant)
                and keyword.value.value is True
            ):
                return f"{entry['name']}({entry['keyword']})"
    return None


def thread_marked(decorator: str) -> bool:
    """Whether *decorator*, as `runner_decorated` names it, is a library's thread-loop
    decorator (``textual.work(thread)``), not a factory's call (``pkg.run_async()``)."""
    return decorator.endswith(")") and not decorator.endswith(FACTORY)


def _own_function(ctx: FileContext, target: ast.expr, own: str) -> str | None:
    """*target*'s qualified name when it names a module-level function of this module or an
    import from this top-level package."""
    if isinstance(target, ast.Name):
        binding = ctx.resolver.bindings(ctx.resolver.module_scope).get(target.id)
        if binding is None or not binding.target:
            return None
        if binding.kind == "def" and isinstance(binding.node, ast.FunctionDef):
            return str(binding.target)
        if binding.kind == "import" and str(binding.target).partition(".")[0] == own:
            return str(binding.target)
        return None
    if isinstance(target, ast.Attribute):
        qualified = ctx.qualify(target)
        if qualified and "(" not in qualified and qualified.partition(".")[0] == own:
            return qualified
    return None


class Root(NamedTuple):
    """A coroutine a runner decorator starts: its last name, qualified name, the decorator
    (the runner's "caller"), the line of its ``def``, and whether it is also a command a
    command-line framework registers (`code_kinds.cli_code`)."""

    name: str
    qualname: str
    decorator: str
    line: int
    command: bool


def roots(views: Iterable[tuple[str, Mapping[str, Any]]]) -> tuple[list[Root], set[str]]:
    """The program roots of the scan, and the last names of the decorated coroutines whose
    decorator turned out to be no runner decorator (handed to a framework, as before)."""
    defined: set[str] = set()
    candidates: list[list[Any]] = []
    aliases: dict[str, str] = {}
    for _path, result in views:
        graph = result.get("g")
        if graph:
            defined.update(graph.get("rd", ()))
            candidates.extend(graph.get("dr", ()))
        aliases.update((result.get("facts") or {}).get("aliases") or {})
    found: list[Root] = []
    handed: set[str] = set()
    for written, qualname, line, command in candidates:
        name = str(qualname).rpartition(".")[2]
        decorator = _through_aliases(str(written), aliases, defined)
        if decorator in defined:
            caller = decorator.removesuffix(FACTORY)
            found.append(Root(name, qualname, caller, int(line), bool(command)))
        else:
            handed.add(name)
    return found, handed


def _through_aliases(decorator: str, aliases: Mapping[str, str], defined: set[str]) -> str:
    """*decorator* as the module that defines it names it, through a package's re-export
    (yutto's ``from yutto.utils.functional import as_sync``, which the package's
    ``__init__`` imports from ``.async_to_sync``): the ``__init__``'s recorded aliases, a few
    hops at most; or, when the scan did not parse that ``__init__`` (a package with no
    coroutine is read only as far as needed), the one runner decorator of that name defined
    in a module of that package (the import succeeds only if the package holds the name; a
    second candidate decides nothing). A factory's mark is kept."""
    base = decorator.removesuffix(FACTORY)
    mark = decorator[len(base) :]
    for _ in range(4):
        target = aliases.get(base)
        if target is None or target == base:
            break
        base = target
    if f"{base}{mark}" in defined:
        return f"{base}{mark}"
    package, _, name = base.rpartition(".")
    inside = [
        d
        for d in defined
        if d.startswith(f"{package}.") and d.removesuffix(FACTORY).rpartition(".")[2] == name
    ]
    if len(inside) == 1 and inside[0].endswith(FACTORY) == bool(mark):
        return inside[0]
    return f"{base}{mark}"


def passing_wrapper(
    ctx: FileContext, decorator: ast.expr, owner: ast.ClassDef | None = None
) -> ast.AsyncFunctionDef | None:
    """The wrapper of a *pass-through* decorator: a module-level ``def`` of this file, named
    bare (``@init_auth_wallet``), that returns a nested ``async def`` which awaits a call of
    the decorator's first parameter where it stands and uses it no other way (cashu's wallet
    CLI: ``@coro @init_auth_wallet async def pay``, whose wrapper logs in, then ``return await
    func(*args, **kwargs)``). The runner decorator above it starts that wrapper, which runs the
    coroutine to its end: both run as the program (`once.CallGraph` notes the wrapper as a
    root too). With *owner*, the class whose method *decorator* decorates: a decorator its
    body defines under that name first (chancy's ``Chancy._ensure_pool_is_open``, which opens
    the pool, then ``return await f(self, *args, **kwargs)``). None for any other decorator."""
    if not isinstance(decorator, ast.Name):
        return None
    function = _class_def(owner, decorator.id, decorator.lineno) if owner is not None else None
    if function is None:
        binding = ctx.resolver.bindings(ctx.resolver.module_scope).get(decorator.id)
        if (
            binding is None
            or binding.kind != "def"
            or not isinstance(binding.node, ast.FunctionDef)
        ):
            return None
        function = binding.node
    params = [*function.args.posonlyargs, *function.args.args]
    if len(params) != 1:
        return None
    given = params[0].arg
    nested = {n.name: n for n in function.body if isinstance(n, ast.AsyncFunctionDef)}
    wrapper = None
    for node in own_nodes(function):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Name):
            wrapper = nested.get(node.value.id)
    if wrapper is None:
        return None
    awaited = False
    parents = {id(c): n for n in walk(wrapper) for c in ast.iter_child_nodes(n)}
    for node in walk(wrapper):
        if not (isinstance(node, ast.Name) and node.id == given):
            continue
        above = parents.get(id(node))
        if (
            isinstance(above, ast.Call)
            and above.func is node
            and isinstance(parents.get(id(above)), ast.Await)
        ):
            awaited = True
            continue
        if isinstance(above, ast.Call) and tail(above.func) == "wraps":
            continue  # `@wraps(func)`
        return None
    return wrapper if awaited else None


def _class_def(owner: ast.ClassDef, name: str, line: int) -> ast.FunctionDef | None:
    """The plain ``def`` *owner*'s body binds *name* to last before *line*, when that is what
    the name holds there (a decorator in the class body is looked up there first)."""
    found: ast.FunctionDef | None = None
    for stmt in owner.body:
        if stmt.lineno >= line:
            break
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if stmt.name == name:
                found = stmt if isinstance(stmt, ast.FunctionDef) else None
        elif any(
            isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
            for n in walk(stmt)
        ):
            found = None  # bound another way: not followed
    return found


def only_wrapping(ctx: FileContext, decorator: ast.expr, owner: ast.ClassDef | None) -> bool:
    """Whether *decorator* only wraps the coroutine for the calls that name it: a
    pass-through (`passing_wrapper`) whose own body uses its wrapper in the ``return`` alone,
    handing it to nothing (no registry, no task). Its callers are the coroutine's callers, as
    if undecorated: chancy's ``Worker.start`` awaits ``is_up_to_date`` (under
    ``@_ensure_pool_is_open``) once, before its queues start."""
    wrapper = passing_wrapper(ctx, decorator, owner)
    if wrapper is None or not isinstance(decorator, ast.Name):
        return False
    outer: ast.AST | None = None
    if owner is not None:
        outer = _class_def(owner, decorator.id, decorator.lineno)
    if outer is None:
        binding = ctx.resolver.bindings(ctx.resolver.module_scope).get(decorator.id)
        outer = binding.node if binding is not None else None
    if not isinstance(outer, ast.FunctionDef):
        return False
    uses = [
        n
        for n in walk(outer)
        if isinstance(n, ast.Name) and n.id == wrapper.name and isinstance(n.ctx, ast.Load)
    ]
    return len(uses) == 1 and all(
        isinstance(stmt, ast.Return) and stmt.value is uses[0]
        for stmt in outer.body
        if any(n is uses[0] for n in walk(stmt))
    )


def passing_wrappers(ctx: FileContext, function: ast.AST) -> list[ast.AsyncFunctionDef]:
    """The wrappers of *function*'s pass-through decorators (`passing_wrapper`)."""
    found = []
    for decorator in getattr(function, "decorator_list", ()):
        wrapper = passing_wrapper(ctx, decorator)
        if wrapper is not None:
            found.append(wrapper)
    return found
