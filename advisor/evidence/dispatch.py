"""One branch of a dispatch chain is one option among many (issue 19, cause 2: comic-dl).

comic-dl's ``Honcho.checker`` picks one of 23 site modules with an ``if``/``elif`` chain on the
URL's domain (``if domain in [...]: ...  elif domain in [...]: japscan.Japscan(...)``); one site,
japscan, unscrambles its pages with Pillow. That step runs only for that site's URLs: it is
not the downloader's workload, as a plugin a few of a program's plugins use is not
(`advisor.evidence.side_paths`). A chain of at least three branches, each testing the same
expression against constants (``==``, ``in``), is recorded with what each branch calls; a
``--cpu-heavy-steps yes`` vote in a module of the scan that only one branch of such a chain
calls into is listed, not counted (context), so what the common path does decides.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.units import module_names
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: A chain of fewer branches is a choice between two ways, not a table of options.
BRANCHES_MIN = 3


def _key(test: ast.expr) -> str | None:
    """The expression a branch tests against constants (``domain`` in ``domain in [...]``)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    if not isinstance(test.ops[0], (ast.Eq, ast.In)):
        return None
    right = test.comparators[0]
    values = right.elts if isinstance(right, (ast.List, ast.Tuple, ast.Set)) else [right]
    if not values or not all(isinstance(v, ast.Constant) for v in values):
        return None
    return ast.unparse(test.left)


def _calls(r: Reader, body: list[ast.stmt]) -> frozenset[str]:
    names = set()
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call):
                # As written when the import is relative (``from .sites import japscan``):
                # `_one_branch` matches it against every dotted tail of a module's path.
                name = r.names.qualname(node.func) or _written(node.func)
                if name:
                    names.add(name)
    return frozenset(names)


def _written(func: ast.expr) -> str | None:
    """``japscan.Japscan`` as written: a dotted name, or None."""
    parts = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if not isinstance(func, ast.Name) or not parts:
        return None
    return ".".join([func.id, *reversed(parts)])


@register(ast.If)
def chain(r: Reader, node: ast.If) -> None:
    """``if key == a: ... elif key in (b, c): ... elif ...``: what each branch calls."""
    key = _key(node.test)
    if key is None:
        return
    branches = []
    current: ast.If | None = node
    while current is not None and _key(current.test) == key:
        branches.append(_calls(r, current.body))
        orelse = current.orelse
        current = orelse[0] if len(orelse) == 1 and isinstance(orelse[0], ast.If) else None
    if len(branches) >= BRANCHES_MIN:
        r.g.dispatches.append(tuple(branches))


def set_aside(g: Gatherer) -> None:
    """``--cpu-heavy-steps yes`` votes in a module only one branch of a dispatch chain
    calls into become context: one option's step, not the program's."""
    if not g.dispatches:
        return
    kept = []
    for item in g.evidence:
        if item.question == "cpu_heavy_steps" and item.value is True and _one_branch(g, item.file):
            reason = g.t.reason("one_option", reason=item.reason)
            g.context.append(item._replace(question=None, value=None, reason=reason))
            continue
        kept.append(item)
    g.evidence = kept


def _one_branch(g: Gatherer, file: str) -> bool:
    """Whether a dispatch chain calls into *file*'s module from exactly one branch."""
    if not file:
        return False
    prefixes = tuple(f"{name}." for name in module_names(file))
    for branches in g.dispatches:
        hits = sum(1 for calls in branches if any(c.startswith(prefixes) for c in calls))
        if hits == 1:
            return True
    return False
