"""Start-up and shut-down hooks registered by a statement, for ADV101's call graph.

A framework's start-up hook written as a decorator (``@app.on_startup``) is start-up code by
its own look (`code_kinds.lifecycle`). The same hook registered by a statement is not a call the
graph follows: blacksheep's ``app.after_start += self.build_docs``, aiohttp's
``app.on_startup.append(init_db)`` and ``app.on_cleanup.append(close_db)``, Starlette's
``app.add_event_handler("startup", connect)``. The function handed over runs once, when the
application starts or stops, before it serves or after it has stopped, exactly as a decorated
hook (a coroutine that only it awaits is start-up code too, `checks.once`).

This family notes, per file, the last names of the functions and methods so registered (the
call graph matches callees by their last name): the right side of ``+=`` onto, and the
argument of ``.append(...)`` on, an attribute or name called one of ``lifecycle_hooks`` (the
names a decorator registers under too: one reader, `code_kinds.lifecycle_hooks`); the function of
``add_event_handler(event, f)`` with *event* one of ``lifecycle_events``; the functions listed
under such a keyword (``Starlette(on_startup=[connect])``). `hook_targets` is shared with
`checks.once`, which would otherwise take the function handed to ``append`` for a callback that
serves.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import tail
from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.checks.code_kinds import lifecycle_hooks

#: The methods that register a hook by a call (`hook_targets`): a cheap test first.
REGISTERING = frozenset({"append", "add", "insert", "add_event_handler"})


def _named(node: ast.expr) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute))


def hook_targets(
    node: ast.AST, names: frozenset[str], events: frozenset[str]
) -> tuple[ast.expr, ...]:
    """The functions *node* registers as start-up or shut-down hooks:
    ``app.after_start += f``, ``app.on_startup.append(f)`` (also ``add``/``insert``),
    ``app.add_event_handler("startup", f)``, ``Starlette(on_startup=[f, g])``; *names* from
    and *events* from `code_kinds.lifecycle_hooks`."""
    if isinstance(node, ast.AugAssign):
        if (
            isinstance(node.op, ast.Add)
            and isinstance(node.target, (ast.Name, ast.Attribute))
            and tail(node.target) in names
            and _named(node.value)
        ):
            return (node.value,)
        return ()
    if not isinstance(node, ast.Call):
        return ()
    found = [
        item
        for keyword in node.keywords
        if keyword.arg in names and isinstance(keyword.value, (ast.List, ast.Tuple))
        for item in keyword.value.elts
        if _named(item)
    ]
    func = node.func
    if isinstance(func, ast.Attribute) and node.args:
        owner = func.value
        if func.attr in ("append", "add", "insert") and _named(owner) and tail(owner) in names:
            found.append(node.args[-1])
        elif func.attr == "add_event_handler" and len(node.args) == 2:
            event = node.args[0]
            if isinstance(event, ast.Constant) and event.value in events:
                found.append(node.args[1])
    return tuple(target for target in found if _named(target))


@register
class LifecycleHooks(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call, ast.AugAssign)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.names, self.events = lifecycle_hooks(data["calls"])
        self.found: set[str] = set()

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if isinstance(node, ast.Call) and tail(node.func) not in REGISTERING and not node.keywords:
            return
        for target in hook_targets(node, self.names, self.events):
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
