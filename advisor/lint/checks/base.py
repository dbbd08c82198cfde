"""One walk over a file's tree, shared by every check family.

Walking a syntax tree in Python costs about as much as parsing it, so the checks do not walk on
their own: each family registers handlers for the node types it cares about, and `walk` visits
every node once, keeping the context the rules depend on — the nearest enclosing function (an
`async def`, a plain `def` or a `lambda`; comprehensions and class bodies belong to the function
around them), the enclosing class, and whether the code sits under ``if __name__ == "__main__":``.
Handlers receive the node and its parent (an `Await` parent means the call is awaited).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any, ClassVar

from advisor.lint.bindings import Scope
from advisor.lint.checks.loop_tools import registered  # plain tools run on a loop
from advisor.lint.checks.off_flags import off_branch  # a flag its class keeps off
from advisor.lint.names import Resolver
from advisor.lint.node_fields import FIELDS as _FIELDS
from advisor.lint.node_fields import child_fields as _child_fields

ASYNC = "async"
SYNC = "sync"
LAMBDA = "lambda"
MODULE = "module"

Handler = Callable[[ast.AST, ast.AST | None], None]
_SKIP = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)


class Frame:
    """A function (or the module) the walk is inside, with its lazily built scope."""

    __slots__ = (
        "branches", "cls", "genexp", "has_yield", "kind", "loads", "node", "qualname", "scope",
        "self_name",
    )  # fmt: skip

    def __init__(
        self,
        kind: str,
        node: ast.AST,
        scope: Scope,
        cls: tuple[str, ast.ClassDef] | None = None,
        self_name: str | None = None,
    ) -> None:
        self.kind = kind
        self.node = node
        self.scope = scope
        self.qualname = scope.qualname
        # The class whose instance `self_name` refers to: set for methods, inherited by the
        # functions and lambdas nested in them (closures over `self`).
        self.cls = cls
        self.self_name = self_name
        # Every name read in this function or a function nested in it (closures count).
        self.loads: set[str] = set()
        # Generator expressions open around the current node: `await` inside one makes it an
        # async generator expression, legal in any function since Python 3.7.
        self.genexp = 0
        self.has_yield = False  # a `yield` in this very function: an (async) generator
        # The ``if`` branches of this very function open around the current node, innermost
        # last: (the condition, True in its body / False in its ``else``). What a call's
        # arguments decide in a callee is read from them (`checks.arguments`).
        self.branches: list[tuple[ast.expr, bool]] = []


class FileContext:
    """Everything the checks know about one file while it is walked, and what they found."""

    def __init__(
        self, path: str, module: str, is_package: bool, tree: ast.Module, text: str | None = None
    ) -> None:
        self.path = path
        self.module = module
        self.tree = tree
        #: The file's source, when the caller has it: a family may skip a question whose
        #: words never occur in it (None: cannot say, ask).
        self.text = text
        OWN_NODES.clear()  # another file's, if its context was never released
        self.resolver = Resolver(module, is_package, tree)
        self.frames: list[Frame] = [Frame(MODULE, tree, self.resolver.module_scope)]
        #: The nearest enclosing function (or the module): ``frames[-1]``, kept as a plain
        #: attribute by the walk (every family reads it for every call it sees).
        self.frame: Frame = self.frames[0]
        self.classes: list[tuple[str, ast.ClassDef]] = []
        self.scope: Scope = self.resolver.module_scope
        self.main_guard = 0
        self.findings: list[list[Any]] = []
        self.candidates: list[list[Any]] = []
        self.facts: dict[str, Any] = {"coros": [], "classes": {}}
        self.memo: dict[Any, Any] = {}
        self.skip_functions = False
        #: A def or class with type parameters (``def f[T: Bound]``, Python 3.12) was met:
        #: the walk does not read them, so `Frame.loads` may miss the names they read.
        self.type_params = False
        self.frame_of: dict[int, Frame] = {}
        #: The handlers of the families that see dead branches too (`Check.dead_code`).
        self.dead_handlers: dict[type[ast.AST], list[Handler]] = {}

    def qualify(self, expr: ast.AST) -> str | None:
        return self.resolver.qualify(expr, self.scope)

    def report(self, code: str, node: ast.AST, **params: str) -> None:
        line = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0) + 1
        spans = self.memo.get("loop_tool_spans") if code == "ADV101" else None
        if spans and "where" not in params and any(a <= line <= b for a, b in spans):
            params = {**params, "where": "tool"}  # a FastMCP tool (`checks.loop_tools`)
        self.findings.append([line, col, code, params])

    def release(self) -> None:
        """Drop what the checks left here once the file's result is taken (`findings_of`).
        Each check holds the context, and the context holds the checks' memos (some are
        closures over it): a reference cycle, which kept the file's whole tree alive until
        the cycle collector's next full collection. Every tree of a run piled up in its
        oldest generation and each full collection walked them all again (2.7 of 18 CPU
        seconds of a cold scan of the standard library, docs/benchmarks.md). Released, the
        tree goes as its last reference does."""
        self.memo.clear()
        self.dead_handlers = {}
        self.frame_of.clear()
        OWN_NODES.clear()


class Check:
    """A rule family: the codes it reports and the node types it wants to see."""

    codes: ClassVar[tuple[str, ...]] = ()
    node_types: ClassVar[tuple[type[ast.AST], ...]] = ()
    #: True when the family only looks at code outside functions (the walk may then skip
    #: every function body, if no other active family needs them).
    module_level_only: ClassVar[bool] = False
    #: True when the family's findings hold in code that never runs too (``await`` in a plain
    #: `def` fails to compile in a dead branch as anywhere else): the walk shows it the dead
    #: branches of a constant condition (`dead_branches`), which it hides from the others.
    dead_code: ClassVar[bool] = False

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        self.ctx = ctx
        self.data = data

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Called once after the walk (for checks that need the whole file)."""


REGISTRY: list[type[Check]] = []

#: `helpers.own_nodes`' lists for the file being walked, by the id of the node asked about
#: (the entry holds the node, so its id cannot be reused while it is kept); emptied with the
#: file's context.
OWN_NODES: dict[int, tuple[ast.AST, list[ast.AST]]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: the runner runs every registered family and never changes."""
    REGISTRY.append(cls)
    return cls


def is_main_guard(test: ast.expr) -> bool:
    """``__name__ == "__main__"`` in either order."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    if not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(consts) == 1


def dead_branches(node: ast.If) -> list[ast.stmt]:
    """The statements of an ``if`` that can never run, because its condition is a constant:
    the ``else`` of ``if True:``/``if 1:`` (psycopg keeps each synchronous twin there, as
    ``if True:  # ASYNC`` / ``else:``, for the generator that writes its sync module), the body
    of ``if False:``/``if 0:`` and of ``if TYPE_CHECKING:`` (false at run time: only type
    checkers enter it), and either branch of ``if not`` one of those. ``[]`` when the condition
    is not a constant, or the dead branch is empty."""
    test: ast.expr = node.test
    negated = False
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        negated = not negated
        test = test.operand
    if isinstance(test, ast.Constant) and isinstance(test.value, (bool, int)):
        value = bool(test.value)
    elif (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute)
        and test.attr == "TYPE_CHECKING"
        and isinstance(test.value, ast.Name)
        and test.value.id in ("typing", "typing_extensions", "t")
    ):
        value = False
    else:
        return []
    return node.orelse if value != negated else node.body


def walk(ctx: FileContext, checks: list[Check]) -> None:
    """Visit every node once, in source order, dispatching to the checks' handlers."""
    handlers: dict[type[ast.AST], list[Handler]] = {}
    for check in checks:
        for node_type in check.node_types:
            handlers.setdefault(node_type, []).append(check.visit)
    ctx.skip_functions = all(check.module_level_only for check in checks)
    ctx.dead_handlers = {}
    for check in checks:
        if check.dead_code:
            for node_type in check.node_types:
                ctx.dead_handlers.setdefault(node_type, []).append(check.visit)
    _visit(ctx, handlers, ctx.tree, None)
    ctx.dead_handlers = {}  # bound methods of the checks: a cycle through the context
    for check in checks:
        check.finish()


def _visit(
    ctx: FileContext,
    handlers: dict[type[ast.AST], list[Handler]],
    node: ast.AST,
    parent: ast.AST | None,
) -> None:
    kind = type(node)
    if kind is _NAME:
        if type(node.ctx) is _LOAD:  # type: ignore[attr-defined]
            ctx.frame.loads.add(node.id)  # type: ignore[attr-defined]
        return
    wanted = handlers.get(kind)
    if wanted is not None:
        for handler in wanted:
            handler(node, parent)
    if kind in _SPECIAL and _special(ctx, handlers, node, kind):
        return
    # Only fields that hold nodes (see _child_fields); Dict keys may hold None (`**x`). A name
    # (a third of all nodes) is noted here and a constant (a tenth) skipped when no family
    # wants one, without a call each: what `_visit` would do with them, for less.
    for field in _FIELDS.get(kind) or _child_fields(kind):
        value = getattr(node, field)
        if type(value) is list:
            for item in value:
                child = type(item)
                if child is _NAME:
                    if type(item.ctx) is _LOAD:
                        ctx.frame.loads.add(item.id)
                elif child is _CONSTANT and _CONSTANT not in handlers:
                    continue
                elif item is not None:
                    _visit(ctx, handlers, item, node)
        elif value is not None:
            child = type(value)
            if child is _NAME:
                if type(value.ctx) is _LOAD:
                    ctx.frame.loads.add(value.id)
            elif child is not _CONSTANT or _CONSTANT in handlers:
                _visit(ctx, handlers, value, node)


def _special(
    ctx: FileContext,
    handlers: dict[type[ast.AST], list[Handler]],
    node: ast.AST,
    kind: type[ast.AST],
) -> bool:
    """The node types whose walk keeps context (`_SPECIAL`): True when their children are
    walked here, False when `_visit` walks them as any node's."""
    if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.Lambda:
        if not ctx.skip_functions:
            _visit_function(ctx, handlers, node)
        return True
    if kind is ast.ClassDef:
        assert isinstance(node, ast.ClassDef)
        for outer in (*node.decorator_list, *node.bases, *(k.value for k in node.keywords)):
            _visit(ctx, handlers, outer, node)
        if getattr(node, "type_params", None):
            ctx.type_params = True
        qualname = _inner_name(ctx, node.name)
        scope = Scope(node, ctx.scope, qualname, is_class=True)
        saved = ctx.scope
        ctx.scope = scope
        ctx.classes.append((qualname, node))
        for stmt in node.body:
            _visit(ctx, handlers, stmt, node)
        ctx.classes.pop()
        ctx.scope = saved
        return True
    if kind is ast.GeneratorExp:
        frame = ctx.frames[-1]
        frame.genexp += 1
        for field in ("elt", "generators"):
            value = getattr(node, field)
            for item in value if type(value) is list else [value]:
                _visit(ctx, handlers, item, node)
        frame.genexp -= 1
        return True
    if kind is ast.If and is_main_guard(node.test):  # type: ignore[attr-defined]
        assert isinstance(node, ast.If)
        _visit(ctx, handlers, node.test, node)
        ctx.main_guard += 1
        for stmt in node.body:
            _visit(ctx, handlers, stmt, node)
        ctx.main_guard -= 1
        for stmt in node.orelse:
            _visit(ctx, handlers, stmt, node)
        return True
    if kind is ast.If:
        assert isinstance(node, ast.If)
        dead = dead_branches(node) or off_branch(ctx, node)
        if dead:
            # Code that never runs stalls nothing and drops nothing: only the families whose
            # findings hold there too (`Check.dead_code`) see it.
            _visit(ctx, handlers, node.test, node)
            live = node.orelse if dead is node.body else node.body
            for stmt in live:
                _visit(ctx, handlers, stmt, node)
            for stmt in dead:
                _visit(ctx, ctx.dead_handlers, stmt, node)
            return True
        # A live condition: each side is walked with the condition it runs under, so a call
        # in a callee knows which of the caller's arguments decide whether it runs.
        test = node.test
        _visit(ctx, handlers, test, node)
        branches = ctx.frames[-1].branches
        for side, stmts in ((True, node.body), (False, node.orelse)):
            if stmts:
                branches.append((test, side))
                for stmt in stmts:
                    _visit(ctx, handlers, stmt, node)
                branches.pop()
        return True
    if kind is ast.BoolOp or kind is ast.IfExp:
        _short_circuit(ctx, handlers, node)
        return True
    if kind is ast.For or kind is ast.AsyncFor:
        return _loop_over_name(ctx, handlers, node)
    # `yield`, `yield from`: the function is a generator; the value is walked as usual
    ctx.frames[-1].has_yield = True
    return False


def _short_circuit(
    ctx: FileContext, handlers: dict[type[ast.AST], list[Handler]], node: ast.AST
) -> None:
    """An operand of ``and``/``or`` after the first, and a side of ``x if test else y``,
    run under the conditions before them, as an ``if`` body does: in
    ``browser_mode and (v := driven_version())`` the call runs only when ``browser_mode`` is
    true, so a caller handing ``browser_mode=False`` closes it (scrapling's
    ``generate_headers``), the way it closes ``if browser_mode: driven_version()``."""
    branches = ctx.frames[-1].branches
    if isinstance(node, ast.IfExp):
        _visit(ctx, handlers, node.test, node)
        for side, value in ((True, node.body), (False, node.orelse)):
            branches.append((node.test, side))
            _visit(ctx, handlers, value, node)
            branches.pop()
        return
    assert isinstance(node, ast.BoolOp)
    holds = isinstance(node.op, ast.And)  # `and` goes on while truthy, `or` while falsy
    opened = 0
    for value in node.values:
        _visit(ctx, handlers, value, node)
        branches.append((value, holds))
        opened += 1
    del branches[len(branches) - opened :]


def _loop_over_name(
    ctx: FileContext, handlers: dict[type[ast.AST], list[Handler]], node: ast.AST
) -> bool:
    """A ``for`` over a plain name runs its body only when that name holds something to
    iterate: the body is walked under the name's truthiness, as an ``if name:`` body is, so a
    caller handing an empty display (``messages=[]``) closes a call made only per item
    (parllama's ``ChatMessageContainer.__init__`` builds a message per item of
    ``msgs = messages or []``; ``ChatManager.new_session`` hands it ``messages=[]``). Only a
    name: an attribute may be filled between construction and the loop. The ``else`` runs
    either way. False (walked as any node) for any other iterable."""
    assert isinstance(node, (ast.For, ast.AsyncFor))
    if type(node.iter) is not _NAME:
        return False
    _visit(ctx, handlers, node.target, node)
    _visit(ctx, handlers, node.iter, node)
    branches = ctx.frames[-1].branches
    branches.append((node.iter, True))
    for stmt in node.body:
        _visit(ctx, handlers, stmt, node)
    branches.pop()
    for stmt in node.orelse:
        _visit(ctx, handlers, stmt, node)
    return True


_NAME, _LOAD, _CONSTANT = ast.Name, ast.Load, ast.Constant
#: The node types `_visit` does more for than visit their children.
_SPECIAL = frozenset(
    (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.GeneratorExp, ast.If,
     ast.Yield, ast.YieldFrom, ast.BoolOp, ast.IfExp, ast.For, ast.AsyncFor)
)  # fmt: skip


def _inner_name(ctx: FileContext, name: str) -> str:
    scope = ctx.scope
    if scope.parent is None or scope.is_class:
        return f"{scope.qualname}.{name}"
    return f"{scope.qualname}.<locals>.{name}"


def _visit_function(
    ctx: FileContext, handlers: dict[type[ast.AST], list[Handler]], node: ast.AST
) -> None:
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
    args = node.args
    outer: list[ast.AST] = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
    if not isinstance(node, ast.Lambda):
        outer[:0] = node.decorator_list
        if getattr(node, "type_params", None):
            ctx.type_params = True
    for item in outer:
        _visit(ctx, handlers, item, node)
    body: list[ast.AST]
    if isinstance(node, ast.Lambda):
        kind, name, body = LAMBDA, "<lambda>", [node.body]
    else:
        kind = ASYNC if isinstance(node, ast.AsyncFunctionDef) else SYNC
        if kind == SYNC and registered(ctx, node):
            kind = ASYNC  # a FastMCP tool: run on the server's loop (`checks.loop_tools`)
            ctx.memo.setdefault("loop_tool_spans", []).append(
                (node.lineno, node.end_lineno or node.lineno)
            )
        name, body = node.name, list(node.body)
    scope = Scope(node, ctx.scope, _inner_name(ctx, name))
    saved = ctx.scope
    ctx.scope = scope
    parent = ctx.frames[-1]
    cls, self_name = parent.cls, parent.self_name
    if saved.is_class and ctx.classes and kind != LAMBDA:
        positional = [*args.posonlyargs, *args.args]
        cls = ctx.classes[-1]
        self_name = positional[0].arg if positional else None
        if self_name and self_name in _param_names(args)[1:]:
            self_name = None
        decorators = getattr(node, "decorator_list", [])
        if any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in decorators):
            self_name = None
    elif self_name and self_name in _param_names(args):
        self_name = None  # a nested function's own parameter shadows the method's `self`
    frame = Frame(kind, node, scope, cls, self_name)
    ctx.frames.append(frame)
    ctx.frame = frame
    ctx.frame_of[id(node)] = frame
    for stmt in body:
        _visit(ctx, handlers, stmt, node)
    done = ctx.frames.pop()
    ctx.frame = ctx.frames[-1]
    ctx.frame.loads |= done.loads
    ctx.scope = saved


def _param_names(args: ast.arguments) -> list[str]:
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    names.extend(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    return names
