"""Start-up and shut-down hooks registered by a statement, for ADV101's call graph.

A framework's start-up hook written as a decorator (``@app.on_startup``) is start-up code by
its own look (`helpers.lifecycle`). The same hook registered by a statement is not a call the
graph follows: blacksheep's ``app.after_start += self.build_docs``, aiohttp's
``app.on_startup.append(init_db)`` and ``app.on_cleanup.append(close_db)``, Starlette's
``app.add_event_handler("startup", connect)``. The function handed over runs once, when the
application starts or stops, before it serves or after it has stopped, exactly as a decorated
hook (a coroutine that only it awaits is start-up code too, `checks.once`).

This family notes, per file, the last names of the functions and methods so registered (the
call graph matches callees by their last name): the right side of ``+=`` onto, and the
argument of ``.append(...)`` on, an attribute or name called one of ``lifecycle_decorators``
or ``lifecycle_hooks``; the function of ``add_event_handler(event, f)`` with *event* one of
``lifecycle_events``. `hook_target` is shared with `checks.once`, which would otherwise take
the function handed to ``append`` for a callback that serves.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.names import tail

#: The methods that register a hook by a call (`hook_target`): a cheap test first.
REGISTERING = frozenset({"append", "add_event_handler"})


def hook_names(calls: dict[str, Any]) -> frozenset[str]:
    """The attribute names of the start-up and shut-down events (``on_startup``,
    ``after_start`` ...)."""
    return frozenset(calls["lifecycle_decorators"]) | frozenset(calls["lifecycle_hooks"])


def hook_target(node: ast.AST, names: frozenset[str], events: frozenset[str]) -> ast.expr | None:
    """The function *node* registers as a start-up or shut-down hook, or None:
    ``app.after_start += f``, ``app.on_startup.append(f)``,
    ``app.add_event_handler("startup", f)``; *names* from `hook_names`, *events* the
    ``lifecycle_events``."""
    if isinstance(node, ast.AugAssign):
        if (
            isinstance(node.op, ast.Add)
            and isinstance(node.target, (ast.Name, ast.Attribute))
            and tail(node.target) in names
            and isinstance(node.value, (ast.Name, ast.Attribute))
        ):
            return node.value
        return None
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    method = node.func.attr
    if method == "append" and len(node.args) == 1:
        owner = node.func.value
        if isinstance(owner, (ast.Name, ast.Attribute)) and tail(owner) in names:
            return node.args[0]
    elif method == "add_event_handler" and len(node.args) == 2:
        event, function = node.args
        if isinstance(event, ast.Constant) and event.value in events:
            return function
    return None


@register
class LifecycleHooks(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call, ast.AugAssign)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        self.names = hook_names(calls)
        self.events = frozenset(calls["lifecycle_events"])
        self.found: set[str] = set()

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if isinstance(node, ast.Call) and tail(node.func) not in REGISTERING:
            return
        target = hook_target(node, self.names, self.events)
        if isinstance(target, ast.Attribute):
            self.found.add(target.attr)
        elif isinstance(target, ast.Name):
            binding = self.ctx.resolver.lookup(target.id, self.ctx.scope)
            if binding is not None and binding.kind == "import":
                self.found.add(binding.target.rpartition(".")[2])
            else:
                self.found.add(target.id)

    def finish(self) -> None:
        """Keep the hooks for the call graph (`analyse` stores them in the result's ``g`` as
        ``sh``)."""
        if self.found:
            self.ctx.memo["hooks"] = sorted(self.found)
