"""Small questions about nodes that several check families ask.

The callee-name helpers (`tail`, `source_name`) are in `advisor.lint.callees`, shared with
code inference.
"""

from __future__ import annotations

import ast
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from advisor.lint.callees import tail
from advisor.lint.checks.base import OWN_NODES
from advisor.lint.node_fields import FIELDS as _FIELDS
from advisor.lint.node_fields import child_fields as _child_fields
from advisor.lint.statements import walk

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
    several times faster than `ast.iter_child_nodes` on the hot paths that call this. Some
    twenty questions of the families ask it of the same function (its loops, its awaits, its
    tests of a name), so the list is kept for the file's walk (`base.OWN_NODES`, emptied
    with the file's context): walking a body again for each cost 7% of a cold scan of
    aiohttp. The same nodes in the same order as walking it anew."""
    key = id(function)
    kept = OWN_NODES.get(key)
    if kept is not None and kept[0] is function:
        return iter(kept[1])
    found = _own_nodes(function)
    # The entry holds the node, so its id cannot be reused for another while it is kept.
    OWN_NODES[key] = (function, found)
    return iter(found)


def _own_nodes(function: ast.AST) -> list[ast.AST]:
    """`own_nodes`' list, built here (a list is always wanted whole: no generator step per
    node)."""
    # A lambda's body is one expression, not a list of statements.
    stack: list[ast.AST] = (
        [function.body] if isinstance(function, ast.Lambda) else list(getattr(function, "body", []))
    )
    found: list[ast.AST] = []
    pop, push, extend, keep = stack.pop, stack.append, stack.extend, found.append
    while stack:
        node = pop()
        keep(node)
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
    return found


def class_members(ctx: FileContext, cls: ast.ClassDef) -> dict[str, list[ast.stmt]]:
    """The statements of *cls*'s body that may say what ``self.<name>`` is, by name, in body
    order: a ``def``/``async def`` ``name`` and an annotation of a plain name (``name:
    Client``); no other statement of a class body names a member so. Listed once per class and
    file: the families searched the whole body for every ``self.m`` they met (the class of
    ``self.attr``, a method handed by reference, the def a call names), hundreds of
    statements in the standard library's test classes. The entry holds the class, so its id is
    not reused for another while it is kept."""
    key = ("class_members", id(cls))
    kept = ctx.memo.get(key)
    if kept is None or kept[0] is not cls:
        members: dict[str, list[ast.stmt]] = {}
        for stmt in cls.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                members.setdefault(stmt.target.id, []).append(stmt)
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                members.setdefault(stmt.name, []).append(stmt)
        kept = ctx.memo[key] = (cls, members)
    return kept[1]


def may_name(ctx: FileContext, qualified: Iterable[str]) -> bool:
    """Whether a name of this file may resolve to one of *qualified* (dotted names of an
    imported library, ``websockets.connect``, ``aiohttp.ClientSession().ws_connect``): False
    only when, for each, the file's text lacks its last part or its first. The resolver
    builds a name from this file alone: its last part is an attribute or a name the text
    spells, its first an import the text spells, or this module's package for a relative
    import or a def of its own. A family whose names the file cannot hold then asks nothing
    of any node (round 19: websockets' connections were looked for in every class and def of
    every file ADV102 reads). The text is read as Python reads identifiers (NFKC); without
    it (a caller building the context by hand) the answer is True: cannot say."""
    text = identifier_text(ctx)
    if text is None:
        return True
    root = ctx.module.partition(".")[0]
    for name in qualified:
        first = name.partition(".")[0]
        if name.rpartition(".")[2] in text and (first == root or first in text):
            return True
    return False


def identifier_text(ctx: FileContext) -> str | None:
    """The file's text as Python reads its identifiers (``ｃonnect`` is ``connect``): NFKC
    when not ASCII; None when the context has no text. Kept for the file's walk."""
    if "identifier_text" in ctx.memo:
        return ctx.memo["identifier_text"]  # type: ignore[no-any-return]
    text = ctx.text
    if text is not None and not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    ctx.memo["identifier_text"] = text
    return text


def statements(
    body: list[ast.stmt],
    past: tuple[type[ast.AST], ...] = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef),
) -> Iterator[ast.stmt]:
    """Every statement of *body* and of the blocks nested in it, not descending into
    expressions nor into the statements of the *past* kinds (nested functions and classes by
    default): an ``if`` is a statement, so this finds them all at a fraction of a full walk's
    cost (asked for every coroutine that calls a helper)."""
    stack = list(body)
    pop, extend = stack.pop, stack.extend
    while stack:
        stmt = pop()
        yield stmt
        # Most statements hold no block (an assignment, a call, a return): their type's
        # entry is empty, and nothing is asked of them (`_blocks`).
        fields = _BLOCKS.get(type(stmt))
        if fields is None:
            fields = _blocks(type(stmt))
        if not fields or isinstance(stmt, past):
            continue
        for field in fields:
            if field in {"handlers", "cases"}:
                for clause in getattr(stmt, field):
                    extend(clause.body)
            else:
                extend(getattr(stmt, field))


def _blocks(kind: type[ast.AST]) -> tuple[str, ...]:
    """The fields of a statement type that hold nested blocks, in the order `statements`
    stacks them (``body``, ``orelse``, ``finalbody``, then the handlers' and the cases'
    bodies); empty for a statement that holds none."""
    order = ("body", "orelse", "finalbody", "handlers", "cases")
    found = _BLOCKS[kind] = tuple(f for f in order if f in getattr(kind, "_fields", ()))
    return found


_BLOCKS: dict[type[ast.AST], tuple[str, ...]] = {}


def is_loop_like(expr: ast.expr, qualified: str | None) -> bool:
    """An expression that is an event loop: named ``...loop``, returned by a loop getter, or
    by a helper named so (``self._get_event_loop().run_until_complete(...)``, tilecloud-chain's
    cached loop: the name says what the helper returns, as ``self._loop`` does)."""
    if qualified and qualified.endswith(
        ("get_event_loop()", "get_running_loop()", "new_event_loop()")
    ):
        return True
    if isinstance(expr, ast.Call) and not expr.args and not expr.keywords:
        expr = expr.func
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
            repeating_span(n)
            for n in own_nodes(function)
            if isinstance(n, _LOOPS) and any(isinstance(i, _SUSPENDS) for i in repeating_nodes(n))
        ]
        first = min(((n.lineno, n.col_offset) for n in spans), default=None)
        found = ctx.memo[key] = (first, loops)
    first, loops = found
    at = (line, col)
    if first is not None and at >= first:
        return False
    return not any(start <= at[0] <= end for start, end in loops)


def repeating_span(loop: ast.For | ast.AsyncFor | ast.While) -> tuple[int, int]:
    """The lines a loop runs again and again: its header and its body. Its ``else`` runs once,
    after the last turn (not at all after a ``break``), as code after the loop does."""
    end = loop.body[-1].end_lineno if loop.body else None
    return loop.lineno, end or loop.end_lineno or loop.lineno


def repeating_nodes(loop: ast.For | ast.AsyncFor | ast.While) -> Iterator[ast.AST]:
    """Every node of *loop* (itself included) but those of its ``else`` (`repeating_span`)."""
    yield loop
    for field, value in ast.iter_fields(loop):
        if field == "orelse":
            continue
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, ast.AST):
                yield from walk(part)


def serving_loops(ctx: FileContext, function: ast.AST) -> list[tuple[int, int]]:
    """The line spans of the ``while`` and ``async for`` loops in *function*'s own body that
    suspend: a server's accept loop, a consumer reading a stream. What runs inside one runs
    again and again while the program serves, so start-up code stops at it (`checks.once`);
    a ``for`` over a list (connect each configured connector) runs its items once."""
    key = ("serving", id(function))
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = [
            repeating_span(n)
            for n in own_nodes(function)
            if isinstance(n, (ast.While, ast.AsyncFor))
            and (
                isinstance(n, ast.AsyncFor)
                or any(isinstance(i, _SUSPENDS) for i in repeating_nodes(n))
            )
        ]
    return list(found)


def in_spans(line: int, spans: list[tuple[int, int]] | list[list[int]]) -> bool:
    """Whether *line* falls in one of *spans* (inclusive line ranges)."""
    return any(start <= line <= end for start, end in spans)


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


def caught_names(handler: ast.ExceptHandler) -> set[str]:
    """The last names of the exceptions *handler* catches (``except (a.Timeout, OSError)``:
    ``Timeout``, ``OSError``); empty for a bare ``except:``, which callers decide apart."""
    if handler.type is None:
        return set()
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {name for t in types if (name := tail(t)) is not None}
