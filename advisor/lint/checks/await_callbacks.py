"""The function a call hands to a caller that calls it synchronously, by reference (ADV102).

``future.add_done_callback(cb)``, ``loop.call_soon(cb)``, ``loop.call_later(5, cb)``,
``loop.add_signal_handler(sig, cb)``, ``signal.signal(sig, cb)``, ``atexit.register(cb)``,
``weakref.finalize(obj, cb)``, ``threading.Timer(5, cb)``: each later runs ``cb(...)`` as a plain
call and drops what it returns. Given an ``async def``, that call only creates a coroutine
object nobody awaits, and the body never runs (loads-broker#83: ``_run_complete`` became
``async def`` while it was only ever a future's done callback). The callers are data
(``calls.yaml``: ``sync_callers``), so a library's callback API is a line of data.

An extension of `checks.executors` rather than a second walk: the thread and pool calls
there have the same shape (a function handed by reference, also as ``functools.partial``),
and ADV102 reads both through one object. ADV101 keeps the plain `Executors`: a helper handed
to ``call_soon`` runs on the loop, not off it. A ``lambda: cb()`` handed over is followed to
its body's call. ``call_later`` and ``call_at`` are also tornado's ``IOLoop`` methods, which
schedule a returned coroutine: not read in a file importing tornado (``skip_with``). Polling
helpers that test the condition they call (busypie's ``wait().until(cond)``, polling2's
``poll(target)``) are such callers too; a method with a common name (``until``) is read only in
a file importing its library (``methods_with``).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

from advisor.lint.callees import tail
from advisor.lint.checks.base import FileContext
from advisor.lint.checks.executors import Executors
from advisor.lint.checks.helpers import statements
from advisor.lint.statements import walk

THREADED = "threaded"
CALLED_BACK = "called_back"
PREDICATE = "predicate"


class Callers(Executors):
    """`Executors` plus the synchronous callback callers of ``calls.yaml`` (``sync_callers``)."""

    def __init__(self, calls: Mapping[str, Any]) -> None:
        super().__init__(calls)
        table = calls["sync_callers"]
        #: a method, matched by its last name on any receiver -> where the callback is
        self.callback_methods: dict[str, int] = dict(table["methods"])
        #: a function, by its qualified name -> where the callback is
        self.callback_functions: dict[str, int] = dict(table["functions"])
        # polling helpers' conditions: called back the same way; their common last names
        # (`wait`, `poll`, `until`) are kept apart (`condition_tails`): a dropped `event.wait()`
        # that the coroutine awaits elsewhere is still a missed await, not a callback caller
        conditions = {**table.get("condition_methods", {}), **table.get("condition_functions", {})}
        self.callback_methods.update(table.get("condition_methods", {}))
        self.callback_functions.update(table.get("condition_functions", {}))
        self.condition_tails = frozenset(n.rpartition(".")[2] for n in conditions)
        #: a method name -> import roots whose presence in the file leaves it alone
        self.skip_with: dict[str, frozenset[str]] = {
            name: frozenset(roots) for name, roots in table["skip_with"].items()
        }
        #: a method name -> import roots one of which the file must import for it to be read
        self.methods_with: dict[str, frozenset[str]] = {
            name: frozenset(roots) for name, roots in table.get("methods_with", {}).items()
        }
        #: a method -> the keyword its predicate is handed by, in a file importing `keywords_with`
        self.callback_keywords: dict[str, str] = dict(table["keywords"])
        self.keywords_with = frozenset(table["keywords_with"])
        self.callback_tails = frozenset(
            {*self.callback_methods, *self.callback_keywords}
            | {n.rpartition(".")[2] for n in self.callback_functions}
        )
        self.tails = self.tails | self.callback_tails
        #: the callers whose call runs or schedules work whether awaited or not
        self.runs_anyway = self.tails - self.condition_tails

    def handed_how(self, call: ast.Call, ctx: FileContext) -> list[tuple[ast.expr, str]]:
        """The functions *call* hands over, each with how it will be called: ``threaded``
        (`Executors.handed`) or ``called_back`` (a plain call by a callback caller)."""
        found = [(ref, THREADED) for ref in self.handed(call, ctx)]
        name = tail(call.func)
        if name not in self.callback_tails:
            return found
        at: int | None = None
        if name in self.callback_methods and type(call.func) is ast.Attribute:
            roots = self.skip_with.get(name)
            needed = self.methods_with.get(name)
            if (roots is None or not imports_any(ctx, roots)) and (
                needed is None or imports_any(ctx, needed)
            ):
                at = self.callback_methods[name]
        if at is None and name in self.callback_keywords and type(call.func) is ast.Attribute:
            ref = _keyword(call, self.callback_keywords[name])
            if ref is not None and imports_any(ctx, self.keywords_with):
                return [*found, *self._called_back(ref, ctx, PREDICATE)]
        if at is None:
            at = self.callback_functions.get(ctx.qualify(call.func) or "")
        if at is None or at >= len(call.args) or type(call.args[at]) is ast.Starred:
            return found
        return [*found, *self._called_back(call.args[at], ctx)]

    def _called_back(
        self, ref: ast.expr, ctx: FileContext, how: str = CALLED_BACK
    ) -> list[tuple[ast.expr, str]]:
        """The function *ref* names, as the callback caller will call it."""
        if type(ref) is ast.Name:
            ref = _bound_once(ctx, ref.id) or ref  # `cb = partial(self.done, s)`, then `cb`
        ref = self.unwrapped(ref)
        if type(ref) is ast.Lambda and type(ref.body) is ast.Call:
            ref = ref.body.func  # `lambda: self.close()`: the lambda's call drops it too
        return [(ref, how)]


def predicate_def(ctx: FileContext, ref: ast.expr) -> ast.AST | None:
    """The ``def`` of this file a predicate handed by name (``check=check``) is, where a
    finding about it belongs: a predicate's one job is to return a truth value, so an
    ``async def`` one is wrong wherever it is handed, and its fix (a plain ``def``) is made at
    its definition, not at the call (simc-discord#11, c69c827)."""
    if type(ref) is not ast.Name:
        return None
    binding = ctx.resolver.lookup(ref.id, ctx.scope)
    if binding is None or binding.kind != "def":
        return None
    return binding.node


def _keyword(call: ast.Call, keyword: str) -> ast.expr | None:
    """The value *call* hands by *keyword* (``check=f``), or None."""
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    return None


def _bound_once(ctx: FileContext, name: str) -> ast.expr | None:
    """The one value the enclosing function assigns *name* (``callback = partial(...)``), or
    ``None`` when it binds it otherwise, more than once, or not at all (a parameter)."""
    frame = ctx.frame.node
    if not isinstance(frame, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    values: list[ast.expr] = []
    for node in walk(frame):
        if type(node) is ast.Assign:
            hit = any(type(t) is ast.Name and t.id == name for t in node.targets)
            if hit and len(node.targets) == 1:
                values.append(node.value)
            elif hit or any(type(t) is not ast.Name and name in _names(t) for t in node.targets):
                return None
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            if name in _names(node.target):
                return None
        elif type(node) is ast.NamedExpr and node.target.id == name:
            return None
    return values[0] if len(values) == 1 else None


def _names(target: ast.expr) -> set[str]:
    return {n.id for n in walk(target) if type(n) is ast.Name}


def imports_any(ctx: FileContext, roots: frozenset[str]) -> bool:
    """Whether the file imports a module under one of *roots* (anywhere in it). The file's
    import roots are listed once, from its statements (an import is one): a walk of every
    node for each method name asked cost 2.7 of a cold scan's 205 profiled seconds."""
    known = ctx.memo.get("import_roots_anywhere")
    if known is None:
        found: set[str] = set()
        for node in statements(ctx.tree.body, past=()):
            if type(node) is ast.Import:
                found.update(alias.name.partition(".")[0] for alias in node.names)
            elif type(node) is ast.ImportFrom and node.module and not node.level:
                found.add(node.module.partition(".")[0])
        known = ctx.memo["import_roots_anywhere"] = frozenset(found)
    return not roots.isdisjoint(known)
