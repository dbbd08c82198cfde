"""Command-line commands handed to a CLI framework's registry, for ADV101's call graph.

A console script the project declares makes the module it runs a command-line program's own
code (`checks.verdict.script_modules`). Many programs register their commands as objects instead,
far from any ``cli`` package: piccolo lists them in each app's config (``commands=[dump,
load]``, ``Command(callable=backwards)``) and its ``piccolo`` script hands them to targ, which
runs each with ``asyncio.run``; argparse programs write ``parser.set_defaults(func=run)``;
``fire.Fire(main)``; click and typer ``cli.add_command(sync)``, ``app.command()(serve)``. A
function handed to such a registry is a command: it runs once, as the whole program, and its
module is that command's code, exactly as a module a console script runs.

This family notes, per file, the qualified names of the plain functions (module-level ``def``
or imported names) handed to a registry (`calls.yaml` ``cli_registries``):

- an argument of a call whose callee's last name is a registry there, at the positions or
  keywords listed (``Command(callable=f)``, ``set_defaults(func=f)``, ``Fire(f)``; not
  ``Command(callback=f)``, which is also discord.py's slash command, code that serves);
- an item of a list or tuple given as one of ``cli_command_lists`` (``commands=[dump, load]``);
- in a module that imports a CLI framework (``cli_frameworks``: click, typer ...), an
  argument of ``x.add_command(f)`` or ``x.command(...)(f)``, which other frameworks spell
  alike for chat commands that serve (a Discord bot's ``bot.add_command``): only the import
  tells the two apart, as for ``@app.command`` (`code_kinds.cli_code`).

`verdict.verdict` treats each such function's module as one a console script runs. A method or
a lambda handed over is not followed (``Command(callable=self.run)``): its class is not a
command's module.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import tail
from advisor.lint.checks.base import Check, FileContext, register
from advisor.lint.checks.code_kinds import imported_roots


@register
class CommandRegistry(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        registries: dict[str, Any] = calls["cli_registries"]
        self.positions: dict[str, set[int]] = {
            name: {p for p in where if isinstance(p, int)} for name, where in registries.items()
        }
        self.keywords: dict[str, set[str]] = {
            name: {p for p in where if isinstance(p, str)} for name, where in registries.items()
        }
        self.lists = frozenset(calls["cli_command_lists"])
        self.framework_registries = frozenset(calls["cli_framework_registries"])
        self.frameworks = frozenset(calls["cli_frameworks"])
        self.found: set[str] = set()

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        for keyword in node.keywords:
            if keyword.arg in self.lists and isinstance(keyword.value, (ast.List, ast.Tuple)):
                for item in keyword.value.elts:
                    self._note(item)
        name = tail(node.func)
        if name in self.positions:
            for index in self.positions[name]:
                if index < len(node.args):
                    self._note(node.args[index])
            for keyword in node.keywords:
                if keyword.arg in self.keywords[name]:
                    self._note(keyword.value)
        # `cli.add_command(sync)` (the callee is `add_command`); `app.command()(serve)` (the
        # callee is the call `app.command()`)
        inner = node.func if isinstance(node.func, ast.Call) else None
        registers = (
            isinstance(node.func, ast.Attribute) and name in self.framework_registries
        ) or (inner is not None and tail(inner.func) in self.framework_registries)
        if registers and node.args and self._imports_framework():
            self._note(node.args[0])

    def _note(self, expr: ast.expr) -> None:
        """Record *expr*'s qualified name when it is a module-level function of this file or
        a name imported from another module."""
        if not isinstance(expr, ast.Name):
            return
        ctx = self.ctx
        binding = ctx.resolver.bindings(ctx.resolver.module_scope).get(expr.id)
        if binding is None or binding.kind not in ("def", "import") or not binding.target:
            return
        if binding.kind == "def" and not isinstance(
            binding.node, (ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            return
        self.found.add(binding.target)

    def _imports_framework(self) -> bool:
        return bool(imported_roots(self.ctx) & self.frameworks)

    def finish(self) -> None:
        """Keep the registered commands for the call graph (`analyse` stores them in the
        result's ``g`` as ``cm``)."""
        if self.found:
            self.ctx.memo["commands"] = sorted(self.found)
