"""The integers a parameter takes along the main path's calls (issue 19, cause 5): a pool's
bound passed in (``ThreadPoolExecutor(workers)``) is what the calls on the path pass, through
parameters passed on in turn, else its default.
"""

from __future__ import annotations

from advisor.evidence.follow import _last_name, _resolver, _units_of
from advisor.evidence.mainpath import MainPath
from advisor.evidence.units import Graph, Value


def parameter_values(
    graph: Graph, source: tuple[str, ...], path: MainPath | None, depth: int = 0
) -> list[int]:
    """The integers a parameter (``("param", file, unit, name)``) or an attribute set from one
    (``("self", file, class, attribute)``) takes: what the calls on the main path pass (every
    call without one), through parameters passed on in turn, else the default."""
    if depth > 6:
        return []
    if source[0] == "self":
        _, file, cls, attribute = source
        out: list[int] = []
        for item in graph.attribute_values.get((file, cls, attribute), ()):
            out += _value(graph, item, path, depth)
        return out
    _, file, unit, name = source
    params = graph.params.get((file, unit))
    if params is None:
        return []
    names_, defaults, method = params
    last = unit.rsplit(".", 1)[-1]
    called = unit.split(".")[0] if last == "__init__" else last
    resolver = _resolver(graph)
    out = []
    for caller, target, positional, keywords in graph.call_args:
        if _last_name(target) != called:
            continue
        if path is not None and caller not in path.units and caller[0] not in path.notebooks:
            continue
        if (file, unit) not in _units_of(graph, resolver, caller[0], target):
            continue
        value = keywords.get(name)
        if value is None and name in names_:
            index = names_.index(name) - (1 if method else 0)
            if 0 <= index < len(positional):
                value = positional[index]
        if value is not None:
            out += _value(graph, value, path, depth)
    if not out and name in defaults:
        out.append(defaults[name])
    return out


def _value(graph: Graph, value: Value, path: MainPath | None, depth: int) -> list[int]:
    if value[0] == "int" and isinstance(value[1], int):
        return [value[1]]
    if value[0] == "option":
        found = graph.options.get(str(value[1]))
        return [] if found is None else [found]
    return parameter_values(graph, tuple(str(v) for v in value), path, depth + 1)
