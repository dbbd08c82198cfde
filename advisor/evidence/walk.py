"""One walk over one file, shared by every question family of inference.

Walking a syntax tree in Python costs about as much as parsing it, so the families do not walk
on their own, in the way of the linter's checks (`advisor.lint.checks.base`): each family
module registers handlers for the node types it reads (``@register(ast.Call)``), and `Reader`
visits every node once. The walk keeps the context the handlers depend on: the function the
code is in (evidence is attributed to it), what its names mean (`advisor.evidence.scopes`),
the values its locals were given, its ``global`` names, and whether a lock is held.

Handlers of one node type run in the order their modules were imported
(`advisor.evidence.visitor` fixes it). A node's handlers run before its children are visited;
a function's run once the walk is inside it, so they see its names.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from advisor.evidence.gather import Gatherer
from advisor.evidence.observed import Location, Write
from advisor.evidence.scopes import (
    Function,
    FunctionInfo,
    Module,
    Names,
    function_info,
    local_names,
)
from advisor.inference import SourceFile
from advisor.lint.callees import tail

#: The function name evidence outside every function is attributed to.
MODULE = "<module>"

Handler = Callable[["Reader", Any], None]
H = TypeVar("H", bound=Handler)

#: Node type -> handlers, in registration order.
HANDLERS: dict[type[ast.AST], list[Handler]] = {}


def register(*node_types: type[ast.AST]) -> Callable[[H], H]:
    """Decorator: run the handler for every node of *node_types*; the walk never changes."""

    def add(handler: H) -> H:
        for node_type in node_types:
            HANDLERS.setdefault(node_type, []).append(handler)
        return handler

    return add


class Reader(ast.NodeVisitor):
    """One pass over one file, attributing what it sees to the enclosing function.

    The ``visit_*`` methods are the node types some family reads or the walk keeps context
    for; every other node is only walked through (`generic_visit`). Handlers are called inline
    rather than through a helper, so deep code costs the stack what it always has (a file too
    deep to walk is a skip reason, see `advisor.evidence.weigh.infer`).
    """

    def __init__(self, gatherer: Gatherer, source: SourceFile, module: Module, first: bool) -> None:
        self.g = gatherer
        self.t = gatherer.t
        self.source = source
        self.module = module
        #: The first time this file (or notebook: its first cell) is read.
        self.first = first
        self.functions: list[Function] = []
        #: The classes the walk is in, outermost first (a method's class names its unit).
        self.classes: list[str] = []
        #: The unit of code the walk is in, as reachability counts it (`advisor.evidence.reach`):
        #: `MODULE` (and class bodies), a function ``f`` or a method ``C.m``; a nested function
        #: belongs to the function around it, which runs it.
        self.unit = MODULE
        #: What the one walk over the current function's own scope found (None at module level).
        self.info: FunctionInfo | None = None
        self.names = Names(module, frozenset())
        #: The file's (or the cell's) syntax tree, once the walk is in it.
        self.tree = ast.Module(body=[], type_ignores=[])
        self.local_values: dict[str, ast.expr] = {}
        self.globals: set[str] = set()
        self.lock_depth = 0
        #: How many ``for``/``while`` loops of the current function hold the node visited.
        self.loop_depth = 0
        #: How many comprehensions hold the node visited (each runs its element once per item).
        self.comprehension_depth = 0
        #: The qualified name of the call being visited, resolved once for all its handlers.
        self.callee: str | None = None
        #: What the ``if`` blocks around the node fill once: ``CACHE`` under
        #: ``if key not in CACHE:`` (once per key), `ONCE` under ``if _session is None:`` (the
        #: whole block runs once) (`lazy_targets`).
        self.lazy: list[str] = []
        #: Module-level names bound to a few items written out (`loops.small_names`).
        self.small: frozenset[str] = frozenset()
        #: Whether this file multiplexes its sockets on a readiness loop (``select.select``,
        #: ``epoll``, ``selectors``) or makes them non-blocking (`libraries.readiness_file`).
        self.readiness = False
        #: Functions of this file handed to a child process (``Process(target=f)``): their
        #: blocking calls block that process, never the program's loop (`libraries`).
        self.process_targets: frozenset[str] = frozenset()
        #: Plain functions of this file a coroutine of it calls directly, with that coroutine
        #: (`below_loop.coroutine_callees`).
        self.called_by_coroutine: dict[str, str] = {}

    def _through_self(self, func: ast.expr) -> str | None:
        """``self.state.client.chat`` in a method: the library method it calls, through the
        classes the attributes hold (`advisor.evidence.scopes.Module.through`)."""
        chain: list[str] = []
        while isinstance(func, ast.Attribute):
            chain.append(func.attr)
            func = func.value
        if len(chain) < 2 or not (self.classes and self.functions) or len(self.functions) > 1:
            return None
        args = self.functions[0].args
        first = [*args.posonlyargs, *args.args][:1]
        if not (isinstance(func, ast.Name) and first and func.id == first[0].arg == "self"):
            return None
        return self.module.through(self.classes[-1], chain[::-1])

    def at(self, node: ast.AST) -> Location:
        return Location(self.source.path, getattr(node, "lineno", 0), self.source.cell)

    @property
    def function(self) -> str:
        """The name of the function the walk is in (`MODULE` outside every function)."""
        return self.functions[-1].name if self.functions else MODULE

    def write(self, name: str, node: ast.AST, kind: str = "") -> None:
        """Record a write to shared state *name* by the current function, locked or not;
        none when an ``if`` around it fills *name* once (lazy initialisation, a cache filled
        once per key: issue 19, cause 3). *kind*: `advisor.evidence.gather.Write.kind`."""
        if name in self.lazy or ONCE in self.lazy:
            return
        write = Write(self.function, name, self.lock_depth > 0, self.at(node), kind)
        self.g.writes.append(write)

    def waits(self, node: ast.AST) -> bool:
        """Whether *node* itself waits: an ``await``-like statement or a known I/O call."""
        if isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            return True
        if isinstance(node, ast.Call):
            qualname = self.names.qualname(node.func)
            method = node.func.attr if isinstance(node.func, ast.Attribute) else None
            if self.t.pauses(qualname, method):
                return True  # a loop that sleeps paces itself; it does not compute
            return (
                qualname is not None
                and self.t.libraries.lookup(qualname) is not None
                and not self.t.configuration(qualname)
            )
        return False

    # -- the walk ---------------------------------------------------------------------------

    def visit_Module(self, node: ast.Module) -> None:
        self.tree = node
        for handler in HANDLERS.get(ast.Module, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def _function(self, node: Function) -> None:
        """Inside a function: its own names, values and globals; the module's again after."""
        saved = (self.names, self.local_values, self.globals, self.info, self.unit, self.loop_depth)
        self.loop_depth = 0
        if not self.functions:
            self.unit = ".".join((*self.classes, node.name))
        self.info = info = function_info(node)
        self.names = local_names(self.module, node, info)
        self.local_values = info.values
        self.globals = set(info.globals)
        self.functions.append(node)
        for handler in HANDLERS.get(type(node), ()):
            handler(self, node)
        self.generic_visit(node)
        self.functions.pop()
        self.names, self.local_values, self.globals, self.info, self.unit, self.loop_depth = saved

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        """A class body runs where the class is defined; its methods are units of their own."""
        for handler in HANDLERS.get(ast.ClassDef, ()):
            handler(self, node)
        inside = bool(self.functions)
        if not inside:
            self.classes.append(node.name)
        self.generic_visit(node)
        if not inside:
            self.classes.pop()

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for handler in HANDLERS.get(ast.Import, ()):
            handler(self, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for handler in HANDLERS.get(ast.ImportFrom, ()):
            handler(self, node)

    def visit_Await(self, node: ast.Await) -> None:
        for handler in HANDLERS.get(ast.Await, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        for handler in HANDLERS.get(ast.AsyncFor, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        for handler in HANDLERS.get(ast.For, ()):
            handler(self, node)
        self.loop_depth += 1
        self.generic_visit(node)
        self.loop_depth -= 1

    def _comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
    ) -> None:
        self.comprehension_depth += 1
        self.generic_visit(node)
        self.comprehension_depth -= 1

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

    def visit_While(self, node: ast.While) -> None:
        for handler in HANDLERS.get(ast.While, ()):
            handler(self, node)
        self.loop_depth += 1
        self.generic_visit(node)
        self.loop_depth -= 1

    def visit_If(self, node: ast.If) -> None:
        """The body of ``if _x is None:`` runs once: its writes and calls are one-time
        initialisation, not a task's; the body of ``if key not in cache:`` fills ``cache``
        once per key (its calls still run per task: ``cache[url] = fetch(url)``)."""
        for handler in HANDLERS.get(ast.If, ()):
            handler(self, node)
        self.visit(node.test)
        filled = lazy_targets(node.test, self.module.nones)
        self.lazy.extend(filled)
        for stmt in node.body:
            self.visit(stmt)
        del self.lazy[len(self.lazy) - len(filled) :]
        for stmt in node.orelse:
            self.visit(stmt)

    def visit_Try(self, node: ast.Try) -> None:
        for handler in HANDLERS.get(ast.Try, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_With(self, node: ast.With) -> None:
        self._with(node)

    def visit_AsyncWith(self, node: ast.AsyncWith) -> None:
        self._with(node)

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        """The body of ``with lock:`` runs holding the lock; its items do not."""
        for handler in HANDLERS.get(type(node), ()):
            handler(self, node)
        locked = any(self._is_lock(item.context_expr) for item in node.items)
        # A lock taken in a plain function, run on threads (errbot's pooled commands); an
        # asyncio.Lock in a coroutine orders tasks on one thread (datasette's schema refresh).
        if locked and self.functions and isinstance(self.functions[-1], ast.FunctionDef):
            lock = next(
                ast.unparse(i.context_expr) for i in node.items if self._is_lock(i.context_expr)
            )
            self.g.locks_taken.append((self.function, lock, self.at(node)))
        for item in node.items:
            self.visit(item)
        self.lock_depth += locked
        for stmt in node.body:
            self.visit(stmt)
        self.lock_depth -= locked

    def _is_lock(self, expr: ast.expr) -> bool:
        if isinstance(expr, ast.Name) and expr.id in self.module.locks:
            return True
        if (
            isinstance(expr, ast.Attribute)
            and isinstance(expr.value, ast.Name)
            and expr.value.id == "self"
            and self.classes
        ):  # `self._gbl = RLock()` in the class: errbot's
            held = self.module._attribute(self.classes[-1], expr.attr)
            if held is not None and held in self.t.locks:
                return True
        name = tail(expr)
        return name is not None and "lock" in name.lower()

    def visit_Assign(self, node: ast.Assign) -> None:
        for handler in HANDLERS.get(ast.Assign, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        for handler in HANDLERS.get(ast.AnnAssign, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        for handler in HANDLERS.get(ast.AugAssign, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_Delete(self, node: ast.Delete) -> None:
        for handler in HANDLERS.get(ast.Delete, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        for handler in HANDLERS.get(ast.Return, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for handler in HANDLERS.get(ast.Dict, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        for handler in HANDLERS.get(ast.Subscript, ()):
            handler(self, node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self.callee = self.names.qualname(node.func) or self._through_self(node.func)
        # A class chosen at run time (ocrmypdf's ``executor_class = ThreadPoolExecutor if
        # use_threads else ProcessPoolExecutor``, then ``executor_class(max_workers=jobs)``;
        # newcomer review 25 #8): the call is a call of each class it may be, so the pool is
        # seen, and a process pool the user may pick still says what the author expects.
        for callee in (() if self.callee else self._chosen(node.func)) or (self.callee,):
            self.callee = callee
            for handler in HANDLERS.get(ast.Call, ()):
                handler(self, node)
        self.generic_visit(node)

    def _chosen(self, func: ast.expr) -> tuple[str, ...]:
        """The classes or functions a local name is bound to by ``A if test else B``, those
        that resolve (a serial stand-in of the project's own does not: the pool beside it
        is still what the code may run); () when the name is bound otherwise."""
        value = self.local_values.get(func.id) if isinstance(func, ast.Name) else None
        if not isinstance(value, ast.IfExp):
            return ()
        branches = [self.names.qualname(value.body), self.names.qualname(value.orelse)]
        return tuple(dict.fromkeys(b for b in branches if b))


#: In `Reader.lazy`: the block runs once (``if _x is None:``).
ONCE = "*"


def lazy_targets(test: ast.expr, nones: Collection[str] = ()) -> list[str]:
    """What an ``if`` test checks is not filled yet: `ONCE` for ``_x is None`` or
    ``self._x is None``, ``cache`` for ``key not in cache`` (as `Reader.write` names it);
    through ``or``/``and`` (``tplid not in TEMPLATES or DEBUG``). ``if not queue:`` is left
    out: an empty list refilled by every task is shared state, not a one-time fill; but
    ``if not SETTINGS:`` on a module-level name bound to None (*nones*) is ``is None``
    written short (gridplayer's lazily built settings object, issue 19)."""
    if isinstance(test, ast.BoolOp):
        return [name for value in test.values for name in lazy_targets(value, nones)]
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        operand = test.operand
        return [ONCE] if isinstance(operand, ast.Name) and operand.id in nones else []
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return []
    op, left, right = test.ops[0], test.left, test.comparators[0]
    if isinstance(op, ast.Is) and isinstance(right, ast.Constant) and right.value is None:
        return [ONCE] if _shared_name(left) else []
    if isinstance(op, ast.NotIn):
        name = _shared_name(right)
        return [name] if name else []
    return []


def _shared_name(node: ast.expr) -> str | None:
    """``_x`` or ``self._x``, as `Reader.write` names shared state; None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"self.{node.attr}" if node.value.id == "self" else None
    return None
