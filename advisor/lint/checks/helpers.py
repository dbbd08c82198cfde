"""Small questions about nodes that several check families ask.

The callee-name helpers (`tail`, `source_name`) are in `advisor.lint.names`, shared with
code inference.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from advisor.lint.names import tail

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext

_SUSPENDS = (ast.Await, ast.AsyncWith, ast.AsyncFor)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)

#: Calls followed from the coroutine: handler -> a -> b -> c -> open() is four (`checks.reach`);
#: and the callers followed up from it by the call graph (`checks.once`).
DEPTH = 4

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_NESTED_SET = frozenset(_NESTED)


def own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """Every node in a function's body, not descending into nested functions or classes.

    Children are read through the shared walk's table of node fields (`base._child_fields`),
    several times faster than `ast.iter_child_nodes` on the hot paths that call this."""
    from advisor.lint.checks.base import _FIELDS, _child_fields

    stack: list[ast.AST] = list(getattr(function, "body", []))
    if isinstance(function, ast.Lambda):
        stack = [function.body]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        yield node
        kind = type(node)
        if kind in _NESTED_SET:
            continue
        for field in _FIELDS.get(kind) or _child_fields(kind):
            value = getattr(node, field)
            if type(value) is list:
                if None in value:  # only a dict's keys (`**x`) and keyword-only defaults
                    extend(item for item in value if item is not None)
                else:
                    extend(value)
            elif value is not None:
                push(value)


def is_loop_like(expr: ast.expr, qualified: str | None) -> bool:
    """An expression that is an event loop: named ``...loop`` or returned by a loop getter."""
    if qualified and qualified.endswith(
        ("get_event_loop()", "get_running_loop()", "new_event_loop()")
    ):
        return True
    name = tail(expr) if isinstance(expr, (ast.Name, ast.Attribute)) else None
    return bool(name) and name.lower().endswith("loop")  # type: ignore[union-attr]


def before_first_await(ctx: FileContext, function: ast.AST, line: int, col: int) -> bool:
    """Whether the code at *line*, *col* (0-based) runs before *function* first suspends: it comes before every ``await``,
    ``async with`` and ``async for`` of the body, and no loop around it suspends (its second
    turn would come after one). Until a coroutine suspends, no other task has run."""
    key = ("suspends", id(function))
    found = ctx.memo.get(key)
    if found is None:
        spans = [n for n in own_nodes(function) if isinstance(n, _SUSPENDS)]
        loops = [
            (n.lineno, n.end_lineno or n.lineno)
            for n in own_nodes(function)
            if isinstance(n, _LOOPS) and any(isinstance(i, _SUSPENDS) for i in ast.walk(n))
        ]
        first = min(((n.lineno, n.col_offset) for n in spans), default=None)
        found = ctx.memo[key] = (first, loops)
    first, loops = found
    at = (line, col)
    if first is not None and at >= first:
        return False
    return not any(start <= at[0] <= end for start, end in loops)


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
            any(part in packages or part.lstrip("_") in packages for part in parts)
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


def unless_applies(
    node: ast.Call, unless: dict[str, Any] | None, ctx: FileContext | None = None
) -> bool:
    """Whether a table entry's ``unless`` makes this call non-blocking: one of its ``kwargs``
    is given (a timeout, ``blocking=False``), at least ``positional`` positional arguments are,
    the first argument is one of the constants ``first_arg`` (``sqlite3.connect(":memory:")``
    opens no file), every argument is a keyword of ``only``
    (``load_verify_locations(cadata=...)`` parses text in memory, no file), or, with
    ``data_uri``, the URL is a ``data:`` URI (`data_uri`), with ``in_memory``, the file is an
    ``io.BytesIO`` (`in_memory`), with ``configured``, the first argument is a setting the
    framework loaded at start-up (`configured`), or, with ``loaded``, the module an import names is certainly
    imported already (`loaded.already_loaded`), with ``work``, the work factor is a small
    constant (`cheap_work`), or one of the keywords ``false_kwargs`` is given as the constant ``False``
    (``open(fd, closefd=False)`` wraps a descriptor already open: no file is opened)."""
    if not unless:
        return False
    if "loaded" in unless and ctx is not None:
        from advisor.lint.checks.loaded import already_loaded

        if already_loaded(ctx, node, unless["loaded"]):
            return True
    if unless.get("data_uri") and ctx is not None and data_uri(ctx, node):
        return True
    if unless.get("datagram") and ctx is not None and datagram(ctx, node):
        return True
    if unless.get("in_memory") and ctx is not None and in_memory(ctx, node):
        return True
    if unless.get("configured") and node.args and configured(node.args[0], unless["configured"]):
        return True
    if unless.get("work") and cheap_work(node, unless["work"]):
        return True
    if len(node.args) >= unless.get("positional", 99):
        return True
    if any(k.arg in unless.get("kwargs", ()) for k in node.keywords):
        return True
    off = unless.get("false_kwargs", ())
    if off and any(
        k.arg in off and isinstance(k.value, ast.Constant) and k.value.value is False
        for k in node.keywords
    ):
        return True
    first = node.args[0] if node.args else None
    if isinstance(first, ast.Constant) and first.value in unless.get("first_arg", ()):
        return True
    only = unless.get("only", ())
    return bool(only and node.keywords and not node.args) and all(
        k.arg in only for k in node.keywords
    )


def configured(expr: ast.expr, paths: list[str]) -> bool:
    """Whether *expr* is an attribute path ending in one of *paths* (``hass.config.time_zone``
    matches ``self.hass.config.time_zone`` and ``call.hass.config.time_zone``): a setting
    the framework loaded at start-up (``blocking.yaml``'s ``configured``). Only the trailing
    names are read; what the path starts from (a parameter, ``self``) names no type here."""
    names: list[str] = []
    while isinstance(expr, ast.Attribute):
        names.append(expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        names.append(expr.id)
    dotted = ".".join(reversed(names))
    return any(dotted == path or dotted.endswith(f".{path}") for path in paths)


def cheap_work(node: ast.Call, work: dict[str, Any]) -> bool:
    """The call's work factor is a constant below the table's ``below``
    (``hashlib.pbkdf2_hmac("sha256", data, salt, 1)``: one round, no real work): at argument
    ``position`` or keyword ``keyword``. A factor the code does not state is real work."""
    given: ast.expr | None = None
    position = work.get("position")
    if position is not None and len(node.args) > position:
        given = node.args[position]
    for keyword in node.keywords:
        if keyword.arg == work.get("keyword"):
            given = keyword.value
    return (
        isinstance(given, ast.Constant)
        and type(given.value) is int
        and given.value < int(work["below"])
    )


_BUFFERS = frozenset({"io.BytesIO", "io.StringIO"})


def in_memory(ctx: FileContext, node: ast.Call) -> bool:
    """The call's first argument (or ``fp=``/``fileobj=``) is an in-memory buffer: an
    ``io.BytesIO(...)`` written in place, or a name the function assigns only that (nicegui's
    clipboard image, ``Image.open(io.BytesIO(content))``; a bot's ``image.save(buffer, "PNG")``):
    Pillow and mutagen then read and write memory, not a file."""
    given = [*node.args[:1], *(k.value for k in node.keywords if k.arg in ("fp", "fileobj"))]
    if not given:
        return False
    for arg in given:
        values: list[ast.expr] | None = [arg]
        if isinstance(arg, ast.Name):
            values = ctx.resolver.assigned(arg, ctx.scope)
        if not values or not all(
            isinstance(v, ast.Call) and ctx.qualify(v.func) in _BUFFERS for v in values
        ):
            return False
    return True


def datagram(ctx: FileContext, node: ast.Call) -> bool:
    """``s.connect(("8.8.8.8", 80))`` on ``s = socket.socket(AF_INET, SOCK_DGRAM)`` made in
    the same function: connecting a UDP socket sends no packet, it only picks the route (the
    "local IP address" idiom, mitmproxy's ``get_local_ip``); with a literal IP address (or a
    parameter whose default is one) no DNS query runs either."""
    import ipaddress

    func = node.func
    if not (isinstance(func, ast.Attribute) and node.args):
        return False
    if not isinstance(func.value, ast.Name):
        return False
    values = ctx.resolver.assigned(func.value, ctx.scope) or _bound_by_with(
        ctx.frame.node, func.value.id
    )
    if not values:
        return False
    for value in values:
        if not isinstance(value, ast.Call):
            return False
        kinds = [*value.args[1:2], *(k.value for k in value.keywords if k.arg == "type")]
        if not any(
            tail(k) == "SOCK_DGRAM" for k in kinds if isinstance(k, (ast.Name, ast.Attribute))
        ):
            return False
    address = node.args[0]
    if not (isinstance(address, ast.Tuple) and address.elts):
        return False
    host = address.elts[0]
    if isinstance(host, ast.Name):
        function = ctx.frame.node
        arguments = getattr(function, "args", None)
        if arguments is None:
            return False
        positional = [*arguments.posonlyargs, *arguments.args]
        defaults = dict(
            zip(
                [a.arg for a in positional][len(positional) - len(arguments.defaults) :],
                arguments.defaults,
                strict=True,
            )
        )
        defaults.update(
            (a.arg, d)
            for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
            if d
        )
        host = defaults.get(host.id, host)
        if isinstance(host, ast.Name):
            return host.id in resolved_addresses(ctx, function)
    if not (isinstance(host, ast.Constant) and isinstance(host.value, str)):
        return False
    try:
        ipaddress.ip_address(host.value)
    except ValueError:
        return False
    return True


def _bound_by_with(function: ast.AST, name: str) -> list[ast.expr] | None:
    """The values ``with X as name`` items and plain assignments of *function*'s own body bind
    to *name* (aiocoap's ``with socket.socket(...) as tempsock:``), or None when some other
    statement binds it (a loop target, unpacking, a parameter)."""
    values: list[ast.expr] = []
    arguments = getattr(function, "args", None)
    if arguments is not None and name in {
        a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
    }:
        return None
    for node in own_nodes(function):
        if isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name):
            if node.optional_vars.id == name:
                values.append(node.context_expr)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            values.append(node.value)
        elif (
            isinstance(node, ast.Name)
            and node.id == name
            and not isinstance(node.ctx, ast.Load)
            and not _bound_plainly(function, node)
        ):
            return None
    return values or None


def _bound_plainly(function: ast.AST, target: ast.Name) -> bool:
    """*target* is the whole target of an assignment or a ``with ... as`` item."""
    for node in own_nodes(function):
        if isinstance(node, ast.withitem) and node.optional_vars is target:
            return True
        if isinstance(node, ast.Assign) and any(t is target for t in node.targets):
            return True
    return False


#: Characters of a numeric address (an IPv6 prefix such as ``"::ffff:"``, a ``%`` zone).
_ADDRESS_TEXT = frozenset("0123456789abcdefABCDEF:.%")


def resolved_addresses(ctx: FileContext, function: ast.AST) -> frozenset[str]:
    """The names *function* binds only to what ``getaddrinfo`` returned (awaited
    ``loop.getaddrinfo(...)`` or ``socket.getaddrinfo(...)``), or to pieces of it: a loop or
    comprehension target over such a value, a subscript, tuple or sum built only of such
    names, constants of address characters (``"::ffff:" + sockaddr[0]``, aiocoap's v4-mapped
    addresses), and the containers and iterators of `_KEEPING` over them
    (``itertools.chain(v6, v4)``). getaddrinfo answers with numeric addresses: a connect or a
    send to one queries no DNS.

    A name counts only when every binding of it in the function is such a value (a parameter
    never is); besides those names, a value may read only a module's attributes
    (``socket.AF_INET6``). Any other call (``gethostbyaddr(ip)`` answers a host name), global
    or builtin makes it unknown. Nested functions are not followed."""
    key = ("resolved_addresses", id(function))
    cached = ctx.memo.get(key)
    if cached is not None:
        return frozenset(cached)
    stores: dict[str, list[ast.expr | None]] = {}

    def bind(target: ast.expr, value: ast.expr | None) -> None:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                stores.setdefault(node.id, []).append(value)

    for node in own_nodes(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                bind(target, node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            bind(node.target, node.value)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            bind(node.target, node.iter)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            bind(node.optional_vars, node.context_expr)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                stores.setdefault(name, []).append(None)
    arguments = getattr(function, "args", None)
    if arguments is not None:
        for arg in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs):
            stores.setdefault(arg.arg, []).append(None)
    if not any(
        isinstance(n, ast.Call) and tail(n.func) == "getaddrinfo" for n in own_nodes(function)
    ):
        ctx.memo[key] = ()
        return frozenset()
    known: set[str] = set()

    def module(name: str) -> bool:
        binding = ctx.resolver.lookup(name, ctx.scope)
        return binding is not None and binding.kind == "import" and name not in stores

    def derived(expr: ast.expr) -> bool:
        seen = False
        todo: list[ast.AST] = [expr]
        while todo:
            node = todo.pop()
            if isinstance(node, ast.Await):
                todo.append(node.value)
            elif isinstance(node, ast.Call):
                if tail(node.func) == "getaddrinfo":
                    seen = True
                    continue
                qualified = ctx.qualify(node.func)
                if qualified not in _KEEPING:
                    return False
                todo.extend(node.args)
                todo.extend(k.value for k in node.keywords)
            elif isinstance(node, ast.Attribute):
                if not (isinstance(node.value, ast.Name) and module(node.value.id)):
                    return False  # `config.host`: an attribute of some object
            elif isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    if node.id not in known:
                        return False
                    seen = True
            elif isinstance(node, ast.Constant):
                if isinstance(node.value, str) and not set(node.value) <= _ADDRESS_TEXT:
                    return False
            elif isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
                todo.append(node.elt)
                for generator in node.generators:
                    todo.append(generator.iter)  # the `if`s only filter
            elif isinstance(node, _SHAPES):
                todo.extend(ast.iter_child_nodes(node))
            else:
                return False
        return seen

    changed = True
    while changed:
        changed = False
        for name, values in stores.items():
            if name not in known and all(v is not None and derived(v) for v in values):
                known.add(name)
                changed = True
    ctx.memo[key] = tuple(known)
    return frozenset(known)


#: What may hold pieces of getaddrinfo's answer and keep them what they are.
_KEEPING = frozenset(
    {"itertools.chain", "list", "tuple", "iter", "reversed", "sorted", "set", "filter"}
)
_SHAPES = (
    ast.Tuple,
    ast.List,
    ast.Starred,
    ast.Subscript,
    ast.Slice,
    ast.BinOp,
    ast.Add,
    ast.Load,
    ast.Store,
)


def data_uri(ctx: FileContext, node: ast.Call) -> bool:
    """``urlopen("data:...")``, or ``urlopen(uri)`` in a function that tests
    ``uri.startswith("data:")`` (hikari's ``from_data_uri`` refuses anything else): urllib's
    ``data:`` handler decodes the text in memory, no network, no file."""
    first = node.args[0] if node.args else None
    if isinstance(first, ast.Constant):
        return isinstance(first.value, str) and first.value.startswith("data:")
    if not isinstance(first, ast.Name):
        return False
    for test in own_nodes(ctx.frame.node):
        if (
            isinstance(test, ast.Call)
            and isinstance(test.func, ast.Attribute)
            and test.func.attr == "startswith"
            and isinstance(test.func.value, ast.Name)
            and test.func.value.id == first.id
            and test.args
            and any(
                isinstance(c, ast.Constant) and c.value == "data:" for c in ast.walk(test.args[0])
            )
        ):
            return True
    return False


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


def serving_loops(ctx: FileContext, function: ast.AST) -> list[tuple[int, int]]:
    """The line spans of the ``while`` and ``async for`` loops in *function*'s own body that
    suspend: a server's accept loop, a consumer reading a stream. What runs inside one runs
    again and again while the program serves, so start-up code stops at it (`checks.once`);
    a ``for`` over a list (connect each configured connector) runs its items once."""
    key = ("serving", id(function))
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = [
            (n.lineno, n.end_lineno or n.lineno)
            for n in own_nodes(function)
            if isinstance(n, (ast.While, ast.AsyncFor))
            and (isinstance(n, ast.AsyncFor) or any(isinstance(i, _SUSPENDS) for i in ast.walk(n)))
        ]
    return list(found)


def in_spans(line: int, spans: list[tuple[int, int]] | list[list[int]]) -> bool:
    """Whether *line* falls in one of *spans* (inclusive line ranges)."""
    return any(start <= line <= end for start, end in spans)


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


def once_guarded(ctx: FileContext, function: ast.AST) -> frozenset[int]:
    """The ids of the nodes of *function*'s own body that run at most once per process,
    behind a one-time guard the function itself keeps (`checks.once`):

    - a flag tested, then set ``True`` in the same function: ``if self._done: return`` and
      later ``self._done = True`` (procrastinate's ``App.perform_import_paths``), or
      ``if not self._done:`` around a body that sets it;
    - a lazy load cached on the object or a module global: ``if self._x is None:`` (or
      ``if not hasattr(self, "x")``, ``if _X is None:`` with ``global _X``) around a body that
      assigns it;
    - a lazy singleton kept on the method's own class, named: ``if not hasattr(Controller,
      "_instance") or Controller._instance is None: Controller._instance = Controller()`` in
      a static ``Controller.instance()`` (gns3-server's ``Controller`` and ``Config``); tests
      joined by ``or`` guard when each of them reads the same place.

    Only what the guarded branch itself holds counts (what runs after ``if ...: return`` at
    the top level of the body, or inside the ``if``): a guard that a caller keeps elsewhere,
    or a flag set by another function, says nothing about this code. A function decorated
    with ``functools.cache``/``lru_cache``/``cached_property`` runs once per argument (or per
    object) too: `checks.reach` marks every reason in its body ``once``, the same mark."""
    key = ("once_guarded", id(function))
    found: frozenset[int] | None = ctx.memo.get(key)
    if found is None:
        # kept frozen: asked for every call of a plain def, a copy each time was not free
        frame = ctx.frame_of.get(id(function))
        owner = frame.cls[1].name if frame is not None and frame.cls is not None else None
        found = ctx.memo[key] = frozenset(_once_guarded(function, owner))
    return found


#: Where a guard keeps its state: ``("self", "_x")`` for ``self._x``, ``("", "_X")`` for a name.
Place = tuple[str, str]


def _place(node: ast.expr) -> Place | None:
    """``self._x`` or a plain name: a place a guard can keep its state in."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id, node.attr
    if isinstance(node, ast.Name):
        return "", node.id
    return None


def none_compared(test: ast.expr) -> ast.expr | None:
    """What ``X is None`` or ``X is not None`` compares (``X``), or None for any other test."""
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Is, ast.IsNot))
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        return test.left
    return None


def _cached_target(test: ast.expr) -> tuple[Place, bool] | None:
    """What a guard's test reads, and whether its true branch is the first run: ``X is None``,
    ``not hasattr(self, "x")``, ``not X`` (first run), ``X``, ``X is not None`` (done); tests
    joined by ``or`` that all read one place and all mean the first run (``not hasattr(C,
    "_x") or C._x is None``) are that place's first run."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        reads = [_cached_target(value) for value in test.values]
        first_reads = {read[0] for read in reads if read is not None and read[1]}
        if len(first_reads) == 1 and all(read is not None and read[1] for read in reads):
            return first_reads.pop(), True
        return None
    negated = False
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        negated, test = True, test.operand
    compared = none_compared(test)
    if compared is not None:
        assert isinstance(test, ast.Compare)
        place = _place(compared)
        first = isinstance(test.ops[0], ast.Is) != negated
        return (place, first) if place else None
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "hasattr"
        and len(test.args) == 2
        and isinstance(test.args[0], ast.Name)
        and isinstance(test.args[1], ast.Constant)
        and isinstance(test.args[1].value, str)
    ):
        return (test.args[0].id, test.args[1].value), negated
    place = _place(test)
    return (place, negated) if place else None


def _assigns(nodes: list[ast.AST], target: Place) -> bool:
    """Whether *nodes* store a value into the place *target*: ``self._x = load()``,
    ``self._done = True``; not ``None``, ``False`` or another falsy constant, which would
    open the guard again."""
    for node in nodes:
        if isinstance(node, ast.Assign):
            places, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            places, value = [node.target], node.value
        else:
            continue
        if isinstance(value, ast.Constant) and not value.value:
            continue
        if any(_place(place) == target for place in places):
            return True
    return False


def _within(statements: list[ast.stmt]) -> Iterator[ast.AST]:
    """*statements* and every node in them, nested functions and classes left out."""
    yield from own_nodes(ast.Module(body=statements, type_ignores=[]))


def _once_guarded(function: ast.AST, cls: str | None = None) -> set[int]:
    guarded: set[int] = set()
    body: list[ast.stmt] = list(getattr(function, "body", []))
    if isinstance(function, ast.Lambda):
        return guarded
    # State kept across calls: an attribute of the object the method belongs to (``self``,
    # ``cls``: its first parameter), or a module global the function declares. A parameter or
    # local (`if docker_host is None: docker_host = ...`, aiodocker's `Docker.__init__`) and
    # an attribute of a request or another argument may be new on every call. The class the
    # method belongs to, named (*cls*: ``Controller._instance``), is shared like ``cls``.
    arguments = getattr(function, "args", None)
    positional = [*arguments.posonlyargs, *arguments.args] if arguments is not None else []
    owner = positional[0].arg if positional else None
    shared = {name for node in body if isinstance(node, ast.Global) for name in node.names}
    for index, statement in enumerate(body):
        if not isinstance(statement, ast.If):
            continue
        read = _cached_target(statement.test)
        if read is None:
            continue
        target, first = read
        if not (target[0] and target[0] in (owner, cls)) and not (
            not target[0] and target[1] in shared
        ):
            continue
        if first:
            # `if self._x is None: self._x = load()`, `if not self._done: ...; self._done = True`
            inside = list(_within(statement.body))
            if _assigns(inside, target):
                guarded.update(id(n) for n in inside)
        elif statement.body and isinstance(statement.body[-1], ast.Return) and not statement.orelse:
            # `if self._done: return` ... `self._done = True` later in the body
            after = list(_within(body[index + 1 :]))
            if _assigns(after, target):
                guarded.update(id(n) for n in after)
    return guarded


def runs_program(
    ctx: FileContext,
    node: ast.AST | None,
    runners: frozenset[str],
    run_methods: frozenset[str],
    runner_tails: set[str],
) -> bool:
    """``asyncio.run(...)``, ``anyio.run(...)``, ``loop.run_until_complete(...)``: a call that
    starts a program's entry coroutine (``calls.yaml`` ``program_runners`` and
    ``loop_run_methods``; *runner_tails*, their last names). One test for the call graph
    (`checks.once`) and the point verdict (`checks.sequential`)."""
    if type(node) is not ast.Call:
        return False
    assert isinstance(node, ast.Call)
    name = tail(node.func)
    if name not in runner_tails or not node.args:
        return False
    return name in run_methods or ctx.qualify(node.func) in runners


def runner_entry(ctx: FileContext, node: ast.Call, wrappers: frozenset[str]) -> ast.expr | None:
    """The program's entry coroutine a runner call (`runs_program`) is given by reference, or
    None: ``anyio.run(main)``, a bound method (``anyio.run(connector.connect)``), or either
    wrapped in ``functools.partial`` (``calls.yaml`` ``entry_wrappers``: anyio's documented
    ``anyio.run(partial(main, arg))``, jupyterhub's ``IOLoop.run_sync(partial(
    self.launch_instance_async, argv))``). The runner runs it to its end as the whole program,
    so it is that program's entry (`checks.once`, `checks.sequential`), not a callback handed
    on to run beside what the program serves."""
    if not node.args:
        return None
    entry = node.args[0]
    if (
        isinstance(entry, ast.Call)
        and entry.args
        and not isinstance(entry.args[0], ast.Starred)
        and ctx.qualify(entry.func) in wrappers
    ):
        entry = entry.args[0]
    if isinstance(entry, ast.Attribute) and isinstance(entry.ctx, ast.Load):
        return entry
    if isinstance(entry, ast.Name):
        return entry
    return None


def named_target(ctx: FileContext, func: ast.expr, frame: Any) -> str | None:
    """The qualified name of the function a call reaches when the code names it: a
    module-level function or an import (``fetch(url)``), a method of the caller's own class
    (``self.fetch(url)``); ``""`` for any other plain name, None for a call this cannot tell
    (through an object: the call graph, `checks.once`, tries more). Shared by the call graph
    and the point verdict (`checks.sequential`)."""
    if isinstance(func, ast.Name):
        binding = ctx.resolver.lookup(func.id, ctx.scope)
        if binding is not None and binding.kind in ("def", "import"):
            return ctx.qualify(func) or ""
        return ""
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and frame.cls is not None
        and frame.self_name is not None
    ):
        if func.value.id == frame.self_name:
            return f"{frame.cls[0]}.{func.attr}"
        if _built_by_class(ctx, func.value, frame.self_name):
            return f"{frame.cls[0]}.{func.attr}"
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return _local_instance_method(ctx, func.value, func.attr)
    return None


def _local_instance_method(ctx: FileContext, name: ast.Name, method: str) -> str | None:
    """``sleeper = Sleeper()`` ... ``sleeper.start()``, the local bound once to a class this
    module defines: the class's own method when its body defines it, or the library base's
    (``threading.Thread.start`` for textual's ``Sleeper(Thread)``, which defines ``run``
    only) when every base is imported from the standard library, a method no coroutine of the
    scan is. None when another base may define it (one of the scan, or a package's, which
    this file cannot tell apart): matched by name, as before."""
    binding = ctx.resolver.lookup(name.id, ctx.scope)
    value = binding.node if binding is not None and binding.kind == "value" else None
    if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Name):
        return None
    cls = ctx.resolver.lookup(value.func.id, ctx.scope)
    if cls is None or cls.kind != "class" or not isinstance(cls.node, ast.ClassDef):
        return None
    node = cls.node
    if any(
        isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == method
        for stmt in node.body
    ):
        return f"{cls.target}.{method}"
    if not node.bases or node.keywords:
        return None
    first = ""
    for base in node.bases:
        qualified = ctx.qualify(base) if isinstance(base, (ast.Name, ast.Attribute)) else None
        base_binding = (
            ctx.resolver.lookup(base.id, ctx.scope) if isinstance(base, ast.Name) else None
        )
        if (
            not qualified
            or qualified.partition(".")[0] not in sys.stdlib_module_names
            or (base_binding is not None and base_binding.kind != "import")
        ):
            return None  # a base of the scan (or a package's, unknown here) may define it
        first = first or qualified
    return f"{first}.{method}"


def _built_by_class(ctx: FileContext, name: ast.Name, cls_name: str) -> bool:
    """Whether *name* is a local a classmethod binds to an instance of its own class,
    ``self = cls(...)`` or ``self = cls.instance()`` (traitlets' singleton, jupyterhub's
    ``launch_instance``): its methods are the class's, as ``self.m()``'s are in a method."""
    binding = ctx.resolver.lookup(name.id, ctx.scope)
    value = binding.node if binding is not None and binding.kind == "value" else None
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Attribute) and func.attr == "instance":
        func = func.value
    return isinstance(func, ast.Name) and func.id == cls_name
