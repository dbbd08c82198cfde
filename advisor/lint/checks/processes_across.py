"""ADV108 one file away: a script's module-level call, with no main guard, of a function or a
method of another module of the scan that starts processes.

`processes.py` follows a module-level call into the functions and classes of the same file.
The real scripts are thinner: dejavu's ``example.py`` builds ``djv = Dejavu(config)`` from the
package and calls ``djv.fingerprint_directory(...)``, whose method creates the
``multiprocessing.Pool`` (dejavu#74); AMICAL's example calls ``amical.candid_grid(...)``, a
package re-export of a function two calls above its pool (AMICAL#64). On a spawn platform
(Windows, macOS) every worker re-imports the script and runs the call again.

Split in three, as the other joins are: each file that starts processes keeps its starters
(`starters`, ``ps``: the module's undecorated functions and the plain methods of its classes
that start processes themselves or through that file's functions, with the chain); every parsed
file keeps its unguarded module-level calls of names another module may define (`calls`,
``pw``: an imported function, or a method on a module-level instance of an imported class);
and `resolve` matches them after the scan, through packages' re-exports. A script that no rule
parses is parsed by the second pass when its bytes call a starter by name beside its module's word
(`crossfile.starter_pairs`).
Decorated defs, calls inside functions, and calls under ``if __name__ == "__main__":`` are
left alone, as in `processes.py`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from advisor.lint.bindings import BUILTINS
from advisor.lint.checks.base import is_main_guard
from advisor.lint.noqa import suppressed_codes
from advisor.lint.statements import walk

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext

#: How many re-exports (a package's ``from .x import f``) a name is followed through.
HOPS = 4
# the standard library's and the builtins' names: never the scan's starters
_FOREIGN = frozenset(sys.stdlib_module_names) | BUILTINS


def starters(check: Any, depth: int) -> list[list[str]]:
    """``[qualified, *chain]`` for each undecorated function of the module and each plain
    method of its classes that starts processes (*check* is `processes.UnguardedProcesses`,
    whose ``_body_starts`` follows the file's calls; not imported here: it imports this)."""
    ctx = check.ctx
    resolver = ctx.resolver
    found: list[list[str]] = []
    for name, binding in resolver.bindings(resolver.module_scope).items():
        node = binding.node
        if binding.target != f"{ctx.module}.{name}":
            continue
        if binding.kind == "def" and isinstance(node, ast.FunctionDef):
            chain = check._body_starts(name, node, None, depth, set())
            if chain:
                found.append([binding.target, *chain])
        elif binding.kind == "class" and isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("__"):
                    label = f"{name}.{item.name}"
                    chain = check._body_starts(label, item, node, depth, set())
                    if chain:
                        found.append([f"{binding.target}.{item.name}", *chain])
    return found


def calls(ctx: FileContext, text: str) -> list[list[Any]]:
    """``[line, column, target, shown]`` for each call at module level, outside the main guard,
    of an imported function (``amical.candid_grid``) or of a method on a module-level instance
    of an imported class (``djv.fingerprint_directory`` with ``djv = Dejavu(config)``), whose
    module may be the scan's; a line suppressing ADV108 is left out."""
    resolver = ctx.resolver
    bindings = resolver.bindings(resolver.module_scope)
    found: list[list[Any]] = []
    lines: list[str] | None = None
    for statement in _unguarded(ctx.tree.body):
        for node in walk(statement):
            if not isinstance(node, ast.Call):
                continue
            target = _target(ctx, bindings, node.func)
            if target is None:
                continue
            if lines is None:
                lines = text.splitlines()
            if "ADV108" in _codes(lines, node.lineno):
                continue
            shown = ast.unparse(node.func)
            found.append([node.lineno, node.col_offset + 1, target, shown])
    return found


def facts(ctx: FileContext, text: str) -> dict[str, Any]:
    """This file's part of the join: its starters (``ps``, kept by `processes.py` in
    ``memo["procs"]``) and its module-level calls (``pw``), each only when there is one."""
    kept: dict[str, Any] = {}
    found = ctx.memo.get("procs")
    if found:
        kept["ps"] = found
    waiting = calls(ctx, text)
    if waiting:
        kept["pw"] = waiting
    return kept


def resolve(per_file: Iterable[tuple[str, Mapping[str, Any]]]) -> list[tuple[str, list[Any]]]:
    """(path, finding) for each module-level call (``pw``) that reaches a starter (``ps``) of
    another module, through packages' re-exports (``facts.aliases``)."""
    results = list(per_file)
    chains: dict[str, list[str]] = {}
    aliases: dict[str, str] = {}
    for _path, result in results:
        for starter in result.get("ps", ()):
            chains[starter[0]] = starter[1:]
        aliases.update((result.get("facts") or {}).get("aliases", {}))
    if not chains:
        return []
    found: list[tuple[str, list[Any]]] = []
    for path, result in results:
        for line, col, target, shown in result.get("pw", ()):
            chain = chains.get(exported_name(target, aliases))
            if chain is not None:
                found.append((path, [line, col, "ADV108", {"call": " -> ".join([shown, *chain])}]))
    return found


def exported_name(name: str, aliases: Mapping[str, str]) -> str:
    """*name* through a package's re-exports: ``amical.candid_grid`` is
    ``amical.analysis.fitting.candid_grid``; a method keeps its class's re-export
    (``dejavu.Dejavu.fingerprint_directory``)."""
    for _hop in range(HOPS):
        if name in aliases and aliases[name] != name:
            name = aliases[name]
            continue
        owner, _, last = name.rpartition(".")
        if owner in aliases and aliases[owner] != owner:
            name = f"{aliases[owner]}.{last}"
            continue
        break
    return name


def _unguarded(body: list[ast.stmt]) -> Iterable[ast.stmt]:
    """The module's statements that run on import, outside the main guard: the top level and
    the blocks of its ``if`` (not the guard's), ``try``, ``with`` and ``for``; never a def's or
    a class's body."""
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(statement, ast.If):
            if not is_main_guard(statement.test):
                yield from _unguarded(statement.body)
            yield from _unguarded(statement.orelse)
        elif isinstance(statement, ast.Try):
            for block in (statement.body, statement.orelse, statement.finalbody):
                yield from _unguarded(block)
            for handler in statement.handlers:
                yield from _unguarded(handler.body)
        elif isinstance(statement, (ast.With, ast.For, ast.While)):
            yield from _unguarded(statement.body)
        else:
            yield statement


def _target(ctx: FileContext, bindings: Mapping[str, Any], func: ast.expr) -> str | None:
    """The qualified name a module-level call names in another module of the scan, or None."""
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        binding = bindings.get(func.value.id)
        made = binding.node if binding is not None and binding.kind == "value" else None
        if isinstance(made, ast.Call):
            # `djv = Dejavu(config)` then `djv.fingerprint_directory(...)`
            cls = ctx.qualify(made.func)
            return _foreign_name(ctx, cls, imported=_imported(bindings, made.func)) and (
                f"{cls}.{func.attr}"
            )
    if isinstance(func, (ast.Name, ast.Attribute)) and _imported(bindings, func):
        return _foreign_name(ctx, ctx.qualify(func), imported=True)
    return None


def _imported(bindings: Mapping[str, Any], func: ast.expr) -> bool:
    """Whether the root name of *func* is an import of the module."""
    while isinstance(func, ast.Attribute):
        func = func.value
    if not isinstance(func, ast.Name):
        return False
    binding = bindings.get(func.id)
    return binding is not None and binding.kind == "import"


def _foreign_name(ctx: FileContext, qualified: str | None, imported: bool) -> str | None:
    """*qualified* when it is a plain dotted name of a module that may be the scan's (not the
    standard library's, not this module's own)."""
    if not imported or not qualified or "(" in qualified or "." not in qualified:
        return None
    top = qualified.partition(".")[0]
    if top in _FOREIGN or qualified.startswith(f"{ctx.module}."):
        return None
    return qualified


def _codes(lines: list[str], line: int) -> frozenset[str]:
    return suppressed_codes(lines[line - 1]) if 0 < line <= len(lines) else frozenset()
