"""ADV101: Django's synchronous ORM used in a coroutine (an async view, a Channels consumer).

Django raises ``SynchronousOnlyOperation`` for every query its synchronous ORM runs in a
thread where an event loop runs: ``User.objects.get(pk=1)``, ``Order.objects.create(...)``,
``list(Order.objects.filter(...))``, a ``for`` over a QuerySet, ``order.save()`` on a model
instance, each in an ``async def``. It is the first mistake of an async view or a Channels
consumer (newcomer review 25, #2), and unlike other blocking calls it fails at once rather
than stalling the loop, so it is reported wherever the coroutine runs: a command-line
program's or test code included (the command-line exemption is for a stall nobody waits on).

What is a model is read from the code, never imported: a class of the file deriving from
``django.db.models.Model`` (or from such a class), a name imported from ``django.contrib.*.
models`` or from a module named ``models`` (an app's ``models.py`` or its ``models``
package: Django's convention), or ``get_user_model()``. The words are data (calls.yaml
``django_orm``): the managers, the methods that run the query at once, the lazy ones that
return a QuerySet, the builtins that evaluate one, the instance methods that write.

Not flagged: the async ORM API (``await Model.objects.aget(...)``, ``acreate``, ``acount``,
``async for`` over a QuerySet, ``await instance.asave()``), code handed to ``sync_to_async``
or ``database_sync_to_async`` (a plain ``def``, a lambda or a reference: not the
coroutine's own code), a lazy QuerySet built and never evaluated in the coroutine (it runs no
query: returned, passed on, or iterated with ``async for``), a model the code cannot tell is
one (an object handed in as a parameter, a class imported from a module not named
``models``), and a QuerySet or instance bound to an attribute (``self.qs``).
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.checks.base import ASYNC, Check, FileContext, register

FIX = "django_orm"


@register
class DjangoOrm(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (
        ast.Call,
        ast.For,
        ast.AsyncFor,
        ast.comprehension,
    )

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        table = data["calls"]["django_orm"]
        self.bases = frozenset(table["model_bases"])
        self.model_factories = frozenset(table["model_factories"])
        self.managers = frozenset(table["managers"])
        self.runs = frozenset(table["runs"])
        self.lazy = frozenset(table["lazy"])
        self.instances = frozenset(table["returns_instance"])
        self.evaluators = frozenset(table["evaluators"])
        self.writes = frozenset(table["instance_writes"])
        self.not_models = tuple(table["not_model_modules"])
        #: whether the file names Django, Channels or asgiref at all (calls.yaml
        #: ``django_orm.file_words``): a mongoengine ``Document.objects`` is no Django model
        self.able = ctx.text is None or any(w in ctx.text for w in table["file_words"])
        self._models: dict[str, bool] = {}
        #: the loop variables that hold a model instance (``for o in Order.objects.all()``,
        #: also ``async for``), by the function's node id and the name
        self.looped: set[tuple[int, str]] = set()

    # ---- what is a model -------------------------------------------------------------------
    def _is_model_name(self, name: str) -> bool:
        known = self._models.get(name)
        if known is None:
            known = self._models[name] = self._resolve_model(name)
        return known

    def _resolve_model(self, name: str) -> bool:
        binding = self.ctx.resolver.lookup(name, self.ctx.scope)
        if binding is None:
            return False
        if binding.kind == "import":
            module = binding.target.rpartition(".")[0]
            return self._model_module(module)
        if binding.kind == "class" and isinstance(binding.node, ast.ClassDef):
            return self._model_class(binding.node, set())
        return False

    def _model_module(self, module: str) -> bool:
        """``django.contrib.auth.models``, an app's ``models`` module or package (not
        ``django.db.models`` itself, whose names are fields, expressions and bases)."""
        if module in self.not_models or module.startswith(tuple(f"{m}." for m in self.not_models)):
            return False
        return "models" in module.split(".")

    def _model_class(self, node: ast.ClassDef, seen: set[int]) -> bool:
        if id(node) in seen:
            return False
        seen.add(id(node))
        for base in node.bases:
            qualified = self.ctx.resolver.qualify(base, self.ctx.resolver.module_scope)
            if qualified in self.bases:
                return True
            if isinstance(base, ast.Name):
                binding = self.ctx.resolver.lookup(base.id, self.ctx.resolver.module_scope)
                if binding is None:
                    continue
                if binding.kind == "class" and isinstance(binding.node, ast.ClassDef):
                    if self._model_class(binding.node, seen):
                        return True
                elif binding.kind == "import" and self._model_module(
                    binding.target.rpartition(".")[0]
                ):
                    return True
        return False

    def _model(self, expr: ast.expr) -> bool:
        """Whether *expr* names a model class: a name, or ``get_user_model()``."""
        if isinstance(expr, ast.Name):
            return self._is_model_name(expr.id)
        if isinstance(expr, ast.Call):
            return self.ctx.qualify(expr.func) in self.model_factories
        return False

    # ---- what an expression is ---------------------------------------------------------------
    def _chain(self, expr: ast.expr) -> list[str] | None:
        """The methods of ``Model.objects.m1(...).m2(...)`` (``[]`` for ``Model.objects``
        alone), or None when *expr* is no chain on a model's manager. A slice keeps it a
        QuerySet; an index (``qs[0]``) runs the query and ends the chain."""
        methods: list[str] = []
        while True:
            if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Slice):
                expr = expr.value
            elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
                methods.append(expr.func.attr)
                expr = expr.func.value
            elif isinstance(expr, ast.Attribute) and expr.attr in self.managers:
                return list(reversed(methods)) if self._model(expr.value) else None
            else:
                return None

    def _queryset(self, expr: ast.expr, depth: int = 0) -> bool:
        """A lazy QuerySet: a manager chain of lazy methods only, or a local bound to one."""
        chain = self._chain(expr)
        if chain is not None:
            return all(m in self.lazy for m in chain)
        if isinstance(expr, ast.Name) and depth < 3:
            value = self._value(expr)
            return value is not None and self._queryset(value, depth + 1)
        return False

    def _instance(self, expr: ast.expr, depth: int = 0) -> bool:
        """A model instance: ``Model(...)``, a query that returns one (``get``, ``create``,
        awaited ``aget`` ...), or a local bound to one."""
        if isinstance(expr, ast.Await):
            expr = expr.value
        if isinstance(expr, ast.Call) and self._model(expr.func):
            return True
        chain = self._chain(expr)
        if chain:
            return chain[-1] in self.instances and all(m in self.lazy for m in chain[:-1])
        if isinstance(expr, ast.Name) and depth < 3:
            if (id(self.ctx.frame.node), expr.id) in self.looped:
                return True
            value = self._value(expr)
            return value is not None and self._instance(value, depth + 1)
        return False

    def _value(self, name: ast.Name) -> ast.expr | None:
        """The one expression the function binds *name* to, when it binds it once."""
        binding = self.ctx.resolver.lookup(name.id, self.ctx.scope)
        if binding is None or binding.kind != "value" or len(binding.values) > 1:
            return None
        return binding.node if isinstance(binding.node, ast.expr) else None

    # ---- the walk -----------------------------------------------------------------------------
    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if not self.able or self.ctx.frame.kind != ASYNC:
            return
        if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            if self._queryset(node.iter):
                if isinstance(node.target, ast.Name):
                    self.looped.add((id(self.ctx.frame.node), node.target.id))
                if not isinstance(node, ast.AsyncFor) and not getattr(node, "is_async", 0):
                    self._report(node.iter, f"for ... in {_shown(node.iter)}")
            return
        assert isinstance(node, ast.Call)
        func = node.func
        if isinstance(func, ast.Attribute):
            chain = self._chain(node)
            if chain:
                last = chain[-1]
                if last in self.runs and all(m in self.lazy for m in chain[:-1]):
                    self._report(node, _shown(func))
                return
            if func.attr in self.writes and self._instance(func.value):
                self._report(node, _shown(func))
            return
        if (
            isinstance(func, ast.Name)
            and func.id in self.evaluators
            and node.args
            and _builtin(self.ctx, func.id)
            and self._queryset(node.args[0])
        ):
            self._report(node, f"{func.id}({_shown(node.args[0])})")

    def _report(self, node: ast.AST, shown: str) -> None:
        self.ctx.report("ADV101", node, call=shown, fix=FIX)


def _builtin(ctx: FileContext, name: str) -> bool:
    """Whether *name* is the builtin (``list``), not a name the file binds."""
    binding = ctx.resolver.lookup(name, ctx.scope)
    return binding is not None and binding.kind == "import" and binding.target == name


def _shown(expr: ast.expr) -> str:
    """``Order.objects.filter`` for ``Order.objects.filter(user=u)[:5]``: the chain's names."""
    parts: list[str] = []
    while True:
        if isinstance(expr, ast.Subscript):
            expr = expr.value
        elif isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        elif isinstance(expr, ast.Name):
            parts.append(expr.id)
            break
        else:
            parts.append("...")
            break
    return ".".join(reversed(parts))
