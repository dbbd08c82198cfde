"""Which of a unit's edges are calls, not references (issue 19): a Django project's
``urls.py`` names each view at its module level (``path("", views.index)``), which the main
path must follow, since the view runs per request; but the view is handed to the URL
resolver there, not called. `advisor.evidence.runs_once.at_import_only` took that edge for a
call made while ``urls.py`` is imported, and said the view's ``requests.get`` "runs only while
app.views is imported". Here each unit's called targets are recorded, from ``f(...)`` only,
so that code run once at import is told by calls, and the graph's edges stay what
reachability needs.
"""

from __future__ import annotations

import ast

from advisor.evidence.reach_places import _unit
from advisor.evidence.reach_targets import _target
from advisor.evidence.units import Graph, Target, Unit
from advisor.evidence.walk import Reader, register


@register(ast.Call)
def called(r: Reader, node: ast.Call) -> None:
    """Record the callee of *node*, as the reach walk resolves it."""
    target = _target(r, node.func)
    if target is not None:
        unit = (r.source.path, _unit(r, node))
        r.g.graph.called.add((unit, target))


def is_called(graph: Graph, unit: Unit, target: Target) -> bool:
    """Whether *unit* calls *target* (not only names it, as ``urls.py`` names a view)."""
    return (unit, target) in graph.called
