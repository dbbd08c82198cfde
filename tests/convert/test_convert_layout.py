"""The codemod's modules import one another in one direction only: a rule's shapes module
(`thread_uses`, `pool_uses`) never imports the rule, and no rule imports another rule."""

from __future__ import annotations

import ast
import graphlib

from tests.helpers import ROOT

PACKAGE = ROOT / "advisor" / "codemod"


def imports_within(package: str) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports (at the top or in a function)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        name = f"{package}.{path.stem}"
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {m for m in found if m.startswith(f"{package}.") and m != name}
    return {name: deps & graph.keys() for name, deps in graph.items()}


def test_no_import_circle_in_the_codemod() -> None:
    graph = imports_within("advisor.codemod")
    tuple(graphlib.TopologicalSorter(graph).static_order())  # raises CycleError on a circle


def test_rules_do_not_import_each_other() -> None:
    graph = imports_within("advisor.codemod")
    rules = {f"advisor.codemod.{r}" for r in ("threads", "pools", "sleep", "sync_calls", "entry")}
    assert {(name, dep) for name in rules for dep in graph[name] & rules} == set()
