"""The house's floors, checked from the code's own imports: no circle, no arrow STYLE.md forbids.

The graph is read with `ast`, not by importing: every ``import``/``from ... import`` in
advisor/ counts, at module level, inside a function (a lazy import is still an arrow) or
under ``TYPE_CHECKING`` (a type-only import still says which floor a module leans on).
A name imported from a package counts as an arrow to the submodule when one exists by
that name (``from advisor import procs``), else to the package itself.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "advisor"

#: The bottom floor (STYLE: "models, errors, cache, files -> other advisor modules" never)
#: and the one exception each needs, with its reason.
LEAVES: dict[str, frozenset[str]] = {
    "advisor.models": frozenset(),
    "advisor._version": frozenset(),
    "advisor.quoting": frozenset(),
    # quoting: stdlib-only text guards (one_line) every message passes through;
    # texts: the translations, read lazily when a message is shown in zh-TW. Neither
    # imports errors back (the circle test below holds them to it).
    "advisor.errors": frozenset({"advisor.quoting", "advisor.texts", "advisor.texts.problems"}),
    # the version is part of every cache key: a new advisor never reads an old entry
    "advisor.cache": frozenset({"advisor._version"}),
    # a write that would clobber raises OutputError
    "advisor.files": frozenset({"advisor.errors"}),
}

#: STYLE: "engine -> anything but models/errors" never.
ENGINE_MAY = frozenset({"advisor.models", "advisor.errors"})

#: STYLE: render never imports these floors.
RENDER_MAY_NOT = (
    "advisor.engine",
    "advisor.lint",
    "advisor.benchmark",
    "advisor.codemod",
    "advisor.cli",
)

#: STYLE: the linter never imports rich, render or cli (libcst only lazily).
LINT_MAY_NOT = ("advisor.render", "advisor.cli", "rich")

#: STYLE: only `ask` prompts; its code shared with other commands may too.
PROMPT_USERS = frozenset({"advisor.cli.ask", "advisor.cli._recommending"})


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.lru_cache(maxsize=1)
def modules() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _imports(name: str, tree: ast.Module) -> Iterator[tuple[str, bool]]:
    """(imported module, at module level?) for every import in one module's code; a name
    taken from a package is its submodule when one exists by that name."""
    known = modules()
    is_package = (PACKAGE / "/".join(name.split(".")[1:]) / "__init__.py").is_file()
    top = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, id(node) in top
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, base] if base else here)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield (sub if sub in known else base), id(node) in top


@functools.lru_cache(maxsize=1)
def graph() -> dict[str, frozenset[str]]:
    """advisor module -> the advisor modules it imports (anywhere in its code)."""
    known = modules()
    return {
        name: frozenset(t for t, _ in _imports(name, tree) if t in known and t != name)
        for name, tree in known.items()
    }


def _circles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                member = ""
                component = []
                while member != node:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _within(name: str, floors: tuple[str, ...]) -> bool:
    return any(name == floor or name.startswith(floor + ".") for floor in floors)


def forbidden() -> set[tuple[str, str]]:
    """Every arrow STYLE.md's "Arrows that must never exist" names, found in the code."""
    bad: set[tuple[str, str]] = set()
    for name, targets in graph().items():
        if name in LEAVES:
            bad |= {(name, t) for t in targets - LEAVES[name]}
        if name == "advisor.engine":
            bad |= {(name, t) for t in targets - ENGINE_MAY}
        if _within(name, ("advisor.render",)):
            bad |= {(name, t) for t in targets if _within(t, RENDER_MAY_NOT)}
        if not _within(name, ("advisor.cli", "advisor.__main__")):
            bad |= {(name, t) for t in targets if _within(t, ("advisor.cli",))}
        if name not in PROMPT_USERS:
            bad |= {(name, t) for t in targets if t == "advisor.prompt"}
    for name, tree in modules().items():
        if not _within(name, ("advisor.lint",)):
            continue
        for target, at_top in _imports(name, tree):
            if _within(target, LINT_MAY_NOT) or (at_top and _within(target, ("libcst",))):
                bad.add((name, target))
    return bad


def test_the_graph_sees_lazy_and_package_imports():
    """The probe itself: a function-level import and `from advisor import procs` count."""
    edges = graph()
    assert "advisor.texts" in edges["advisor.errors"]  # lazy, inside AdvisorError._translated
    assert "advisor.procs" in edges["advisor.profiler.sampler"]  # from advisor import procs
    assert "advisor.prompt" in edges["advisor.cli._recommending"]  # lazy, inside a function
    assert len(edges) > 100


def test_no_import_circle():
    assert _circles(dict(graph())) == [], "import circles"


def test_no_forbidden_arrow():
    assert sorted(forbidden()) == []
