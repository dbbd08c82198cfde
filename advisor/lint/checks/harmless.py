"""When the blocking table's ``unless`` makes a call harmless (`unless_applies`): a
timeout or ``blocking=False`` given, ``sqlite3.connect(":memory:")``, a ``data:`` URI, an
``io.BytesIO``, a setting the framework loaded at start-up, a module already imported, a
small constant work factor, a datagram socket to an address that needs no lookup.

Split from `helpers.py` (behaviour unchanged): these read the table's data and the call's
arguments, one question per ``unless`` key, asked by ADV101 directly and one call away.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from advisor.lint.callees import tail
from advisor.lint.checks.flag_args import flagged
from advisor.lint.checks.helpers import own_nodes
from advisor.lint.checks.numeric_hosts import numeric_host
from advisor.lint.checks.procfs import kernel_file
from advisor.lint.checks.reopened import reopened
from advisor.lint.checks.zones import reloaded_key
from advisor.lint.statements import walk

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext


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
    framework loaded at start-up (`configured`), with ``reloaded``, the zone's key is one the
    module loaded before storing it (`zones.reloaded_key`), or, with ``loaded``, the module an import names is certainly
    imported already (`loaded.already_loaded`), with ``work``, the work factor is a small
    constant (`cheap_work`), or one of the keywords ``false_kwargs`` is given as the constant ``False``
    (``open(fd, closefd=False)`` wraps a descriptor already open: no file is opened), or, with
    ``kernel_paths``, the path is a literal under procfs (`procfs.kernel_file`), or, with
    ``numeric_host``, ``getaddrinfo``'s host is an address in digits (`numeric_hosts`)."""
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
    if unless.get("reloaded") and ctx is not None and reloaded_key(ctx, node):
        return True
    if unless.get("work") and cheap_work(node, unless["work"]):
        return True
    if unless.get("flags") and flagged(node, unless["flags"], ctx):  # `checks.flag_args`
        return True
    if unless.get("reopened") and reopened(node, unless["reopened"], ctx):  # `checks.reopened`
        return True
    if unless.get("kernel_paths") and kernel_file(node, unless["kernel_paths"], ctx):
        return True
    if unless.get("numeric_host") and numeric_host(ctx, node):  # `checks.numeric_hosts`
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
        for node in walk(target):
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
            and any(isinstance(c, ast.Constant) and c.value == "data:" for c in walk(test.args[0]))
        ):
            return True
    return False
