"""What code a function is, for the families that judge a blocking call by who runs it:
a command-line program's own code, test code, a schema migration (`one_shot_kind`), start-up
and shut-down code (`lifecycle`, `startup_code`, `before_serving`), and the names of
start-up and shut-down hooks.

Split from `helpers.py` (behaviour unchanged): one decision for the direct call
(`blocking`), the chain one call away (`reach`) and the call graph (`once`), kept in one
place so reaching a call through another file never changes the verdict.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from advisor.lint.callees import tail
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.statements import walk

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext


def one_shot_kind(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> str | None:
    """``"cli"`` when *function* is a command-line program's own code (`cli_code`) or a schema
    migration (`migration_code`: run by an admin command, or by the application before it
    serves, so nothing else is on the loop either way), ``"test"`` when it is test code
    (`test_code`), else None: the loops that serve one job. A coroutine the file hands to a
    spawner or a join, or awaits in a task group's body, runs beside other work even in a
    command-line program (`sequential_shape.runs_concurrently`): not ``"cli"``."""
    concurrently = ctx.memo.get("runs_concurrently")  # set by `sequential.ProgramShape`
    if (cli_code(ctx, function, calls) or migration_code(ctx, function, calls)) and not (
        concurrently is not None and concurrently(function)
    ):
        return "cli"  # a migration runs as an admin command or before the program serves
    if test_code(ctx, calls):
        return "test"
    return None


def one_shot_quiet(kind: str | None, fix: str, calls: dict[str, Any]) -> bool:
    """Whether a blocking call whose fix is *fix*, made (directly or at the head of a chain of
    helpers) from code of *kind* (`one_shot_kind`), stalls nobody. One decision for the direct
    call (`blocking.BlockingCall`) and the chain (`reach.resolve`), so reaching a call through
    another file never changes the verdict. A command-line program's own code and test code:
    every blocking call but waits on another thread and a nested ``asyncio.run``
    (``cli_loud_fixes``), since the coroutine is the whole program, or one test, and nothing
    else is on that loop."""
    return kind is not None and fix not in calls["cli_loud_fixes"]


def test_code(ctx: FileContext, calls: dict[str, Any]) -> bool:
    """Whether this file is test code: a ``test_*.py``/``*_test.py``/``conftest.py`` module, or
    a module of a ``tests``/``test``/``testing`` package. A test's coroutine runs on the loop
    its runner starts for it (pytest-asyncio, anyio's plugin, ``IsolatedAsyncioTestCase``);
    a blocking call there delays only that test. A ``pytest`` package (a plugin a library
    ships, red-discordbot's ``redbot.pytest`` fixtures) is test code too."""
    key = ("test_module",)
    found = ctx.memo.get(key)
    if found is None:
        stem = ctx.path.replace("\\", "/").rpartition("/")[2].removesuffix(".py")
        packages = set(calls["test_packages"])
        prefixes = tuple(calls["test_package_prefixes"])
        found = ctx.memo[key] = (
            stem.startswith("test_")
            or stem.endswith(("_test", "_tests"))
            or stem in calls["test_modules"]
            or any(
                part.lstrip("_") in packages or part.startswith(prefixes)
                for part in ctx.module.split(".")[: None if ctx.resolver.is_package else -1]
            )
        )
    return bool(found)


def cli_code(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> bool:
    """Whether *function* is a command-line program's own code: a module of a ``cli`` or
    ``scripts`` package (or a ``cli.py``/``_cli.py``/``__main__.py``), a module that asks the user at the
    terminal (it imports ``rich.prompt``, questionary ...), or a coroutine registered as a
    command with a CLI framework (``@app.command()`` where the module imports cyclopts, typer,
    click or asyncclick). Such a coroutine runs once, as the program, under the framework's
    ``asyncio.run``/``anyio.run``; nothing else is served on that loop, so local setup I/O there
    (files, folders, certificates, zones, imports) stalls nobody (the ADV101 doc)."""
    key = ("cli_module",)
    module_is_cli = ctx.memo.get(key)
    if module_is_cli is None:
        parts = ctx.module.split(".")
        packages = set(calls["cli_packages"])
        imported: set[str] = set()
        for node in ctx.tree.body:
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
        prompts = calls["cli_prompts"]
        module_is_cli = ctx.memo[key] = (
            (
                any(part in packages or part.lstrip("_") in packages for part in parts)
                and not serves_events(ctx, calls)
            )
            or program_of_its_own(ctx, calls)
            or any(name == p or name.startswith(f"{p}.") for name in imported for p in prompts),
            bool({name.partition(".")[0] for name in imported} & set(calls["cli_frameworks"])),
        )
    in_package, framework = module_is_cli
    if in_package:
        return True
    if not framework or not isinstance(function, (ast.AsyncFunctionDef, ast.FunctionDef)):
        return False
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in calls["cli_decorators"]:
            return True
    return False


def serves_events(ctx: FileContext, calls: dict[str, Any]) -> bool:
    """Whether the module builds an event client at module level (``cli_event_clients``:
    ``bot = commands.Bot(...)``) and registers a function on it by decorator
    (``@bot.command()``, ``@bot.event``): a bot that serves every event until stopped, a
    ``__main__`` too, not a command-line program's one-off code (Meowth#135: OCR in the
    ``!invite`` command of a discord.py bot in ``meowth/__main__.py``)."""
    clients = set(calls["cli_event_clients"])
    built: set[str] = set()
    for node in ctx.tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and ctx.qualify(node.value.func) in clients
        ):
            built.update(t.id for t in node.targets if isinstance(t, ast.Name))
    if not built:
        return False
    for function in walk(ctx.tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in function.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in built
                ):
                    return True
    return False


def program_of_its_own(ctx: FileContext, calls: dict[str, Any]) -> bool:
    """Whether this file is a program nothing serving imports: it sits in a ``benchmarks``
    folder of the scanned tree (``program_folders``: run by hand, one at a time, to measure one
    thing; ``playground``, a developer's try-out scripts driven by hand), it is an admin command (a module of a ``management.commands`` package, run once by
    ``manage.py``), or a top-level build, task or admin hook (``setup.py``, ``hatch_build.py``,
    ``noxfile.py``: its tool runs it once). The path is the one relative to the scanned
    folder, so a project kept under a ``benchmarks`` folder of its own is not one. Examples
    are not: an example bot serves its clients like the real one (slixmpp's, held out)."""
    module = ctx.module
    folders = ctx.path.replace("\\", "/").split("/")[:-1]
    # The folder that holds the file's top-level package (``benchmarks/chat/app.py`` with
    # ``chat`` a package), or, for a loose file, its folder or the one above
    # (``benchmarks/io/bench_read.py``). Folders further up belong to wherever the project
    # itself is kept (``~/bench/shop/shop/server.py`` is not a benchmark).
    inside = module.count(".") + int(ctx.resolver.is_package)
    near = folders[: len(folders) - inside]
    near = near[-2:] if not inside else near[-1:]
    if any(folder in calls["program_folders"] for folder in near):
        return True
    if "." not in module and module in calls["program_modules"]:
        return True
    dotted = f".{module}."
    return any(f".{package}." in dotted for package in calls["program_packages"])


def lifecycle(function: ast.AST, calls: dict[str, Any]) -> bool:
    """Whether *function* is start-up or shut-down code by its own look: its name (leading
    underscores aside) is one of ``lifecycle_methods`` or starts with one of
    ``lifecycle_prefixes`` (``_initialize_persistence``, ``start_webhook``), or a decorator
    registers it as a framework's start-up or shut-down hook (``@app.on_startup``,
    ``@app.on_event("startup")``). It runs once, before the program serves or after it stops;
    what only it calls is decided from the call graph (`checks.once`)."""
    if lifecycle_name(getattr(function, "name", ""), calls):
        return True
    if login_method(function, calls):
        return True
    names, events = lifecycle_hooks(calls)
    for decorator in getattr(function, "decorator_list", ()):
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if tail(target) in names:
            return True
        if isinstance(decorator, ast.Call) and any(
            isinstance(a, ast.Constant) and a.value in events for a in decorator.args
        ):
            return True
    return False


def lifecycle_hooks(calls: dict[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    """The one reader of a framework's start-up and shut-down events (``lifecycle_hooks``,
    ``lifecycle_events``): the attribute names a hook is registered under, as a decorator
    (`lifecycle`) or by a statement (`checks.hooks`), and the event names a registering
    decorator or ``add_event_handler`` is given."""
    return frozenset(calls["lifecycle_hooks"]), frozenset(calls["lifecycle_events"])


def startup_code(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> bool:
    """Whether *function* is start-up or shut-down code: `lifecycle`, or schema-migration
    code (`migration_code`), which runs once before the application serves."""
    return lifecycle(function, calls) or migration_code(ctx, function, calls)


def before_serving(ctx: FileContext, function: ast.AST, line: int, calls: dict[str, Any]) -> bool:
    """Whether *line* of coroutine *function* comes before the first server it starts: a
    call of one of ``server_starts`` in its own body (``asyncio.start_server``,
    ``loop.create_server``), or one handed on by reference (trio's ``nursery.start(partial(
    trio.serve_listeners, ...))``). Those lines run once, before the server accepts its first
    connection: the server's start-up, where local set-up I/O is quiet as in ``start()``
    (hypercorn's ``worker_serve`` loading its certificates). A server object of the program's
    own started by an awaited method (``server_start_methods``) on a receiver named after a
    server (``server_receivers``: livekit-agents' ``Worker.run`` clears its metrics folder,
    then ``await self._http_server.start()``) is such a start too. A coroutine that starts
    no server has no such lines."""
    if not isinstance(function, ast.AsyncFunctionDef):
        return False
    key = ("server_start", id(function))
    first = ctx.memo.get(key)
    if first is None:
        starts = frozenset(calls["server_starts"])
        first = ctx.memo[key] = min(
            (
                n.lineno
                for n in own_nodes(function)
                if (isinstance(n, ast.Call) and tail(n.func) in starts)
                or (isinstance(n, ast.Await) and server_object_start(n.value, calls))
                or (
                    isinstance(n, ast.Attribute)
                    and isinstance(n.ctx, ast.Load)
                    and n.attr in starts
                )
            ),
            default=0,
        )
    return bool(first) and line < int(first)


def server_object_start(call: ast.expr, calls: dict[str, Any]) -> bool:
    """``self._http_server.start()``: one of ``server_start_methods`` called on a receiver
    whose last name, leading underscores aside, ends with one of ``server_receivers`` (the
    program's own server object, started where it is awaited). `before_serving`."""
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
        return False
    if call.func.attr not in calls["server_start_methods"]:
        return False
    receiver = tail(call.func.value) or ""
    return bool(receiver) and receiver.lstrip("_").lower().endswith(
        tuple(calls["server_receivers"])
    )


def migration_code(ctx: FileContext, function: ast.AST, calls: dict[str, Any]) -> bool:
    """Whether *function* is a schema migration: a coroutine named ``migrate``,
    ``generate_schemas``, ``run_migrations`` ... (``migration_methods``/``migration_prefixes``,
    leading underscores aside), or any function of a module of a ``migrations``/``alembic``
    package or of a module importing alembic (an ``env.py``). Migrations run once, before the
    application serves — a ``migrate`` command under ``asyncio.run``, a deploy step, or the
    application's start-up, since no query may run on the old schema — so reading migration
    files and importing migration modules there stalls nobody (tortoise-orm's
    ``tortoise.migrations`` API and autodetector, alembic's ``run_async_migrations``)."""
    bare = getattr(function, "name", "").lstrip("_")
    if bare and (
        bare in calls["migration_methods"] or bare.startswith(tuple(calls["migration_prefixes"]))
    ):
        return True
    key = ("migration_module",)
    found = ctx.memo.get(key)
    if found is None:
        packages = set(calls["migration_packages"])
        found = ctx.memo[key] = any(
            part in packages for part in ctx.module.split(".")[:-1]
        ) or bool(imported_roots(ctx) & set(calls["migration_imports"]))
    return bool(found)


def imported_roots(ctx: FileContext) -> frozenset[str]:
    """The top-level packages the module imports absolutely at its top level (``alembic``
    for ``from alembic import context``): what a family asks to know which library a file
    is written against. Computed once per file, whichever family asks first."""
    key = ("imported_roots",)
    found = ctx.memo.get(key)
    if found is None:
        roots: set[str] = set()
        for node in ctx.tree.body:
            if isinstance(node, ast.Import):
                roots.update(alias.name.partition(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                roots.add(node.module.partition(".")[0])
        found = ctx.memo[key] = frozenset(roots)
    return frozenset(found)


def login_method(function: ast.AST, calls: dict[str, Any]) -> bool:
    """A client's log-in method (``login_methods``/``login_prefixes``): undecorated, its first
    parameter ``self``. It runs once, before the client serves (twitchio's ``Client.login``
    loads the saved tokens). A decorated or module-level ``login`` is a web application's
    log-in route, which runs per request: not this."""
    if not isinstance(function, ast.AsyncFunctionDef) or function.decorator_list:
        return False
    positional = [*function.args.posonlyargs, *function.args.args]
    if not positional or positional[0].arg != "self":
        return False
    bare = function.name.lstrip("_")
    return bare in calls["login_methods"] or bare.startswith(tuple(calls["login_prefixes"]))


def lifecycle_name(name: str, calls: dict[str, Any]) -> bool:
    """`lifecycle` by the name alone (``__aenter__``, ``initialize``, ``_start_webhook``)."""
    methods = calls["lifecycle_methods"]
    if name in methods:
        return True
    bare = name.lstrip("_")
    return bool(bare) and (bare in methods or bare.startswith(tuple(calls["lifecycle_prefixes"])))


def shutdown_name(name: str, calls: dict[str, Any]) -> bool:
    """The shut-down side of `lifecycle_name` (``close``, ``_stop``, ``shutdown_server``): a
    loop there drains what the object holds rather than serving (`checks.once`)."""
    bare = name.lstrip("_") if name != "__aexit__" else name
    return bare in calls["shutdown_methods"] or bare.startswith(tuple(calls["shutdown_prefixes"]))
