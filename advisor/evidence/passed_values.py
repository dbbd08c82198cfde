"""The integers a parameter takes along the main path's calls (issue 19, cause 5): a pool's
bound passed in (``ThreadPoolExecutor(workers)``) is what the calls on the path pass, through
parameters passed on in turn, else its default.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from advisor.evidence.follow import _last_name, _resolver, _units_of
from advisor.evidence.mainpath import MainPath
from advisor.evidence.units import Graph, Value


def parameter_values(
    graph: Graph,
    source: tuple[str, ...],
    path: MainPath | None,
    depth: int = 0,
    settings: Mapping[str, set[int]] | None = None,
) -> list[int]:
    """The integers a parameter (``("param", file, unit, name)``) or an attribute set from one
    (``("self", file, class, attribute)``) takes: what the calls on the main path pass (every
    call without one), through parameters passed on in turn, else the default. The default
    is not taken when every call on the main path passes the parameter (newcomer review 25
    #7: spotdl's ``parse_query(..., threads: int = 1)``, every call passing
    ``threads=downloader.settings["threads"]``): a value the code does not say is not 1.
    *settings*: the defaults the project writes for its settings (``settings["threads"]``)."""
    if depth > 6:
        return []
    if source[0] == "self":
        _, file, cls, attribute = source
        out: list[int] = []
        for item in graph.attribute_values.get((file, cls, attribute), ()):
            out += _value(graph, item, path, depth, settings)
        return out
    _, file, unit, name = source
    params = graph.params.get((file, unit))
    if params is None:
        return []
    names_, defaults, method = params
    out = []
    calls = passed = 0
    for positional, keywords in _calls_of(graph, file, unit, path):
        value = keywords.get(name)
        if value is None and name in names_:
            index = names_.index(name) - (1 if method else 0)
            if 0 <= index < len(positional):
                value = positional[index]
        calls += 1
        if value is not None:
            passed += 1
            out += _value(graph, value, path, depth, settings)
    if not out and name in defaults and not (calls and passed == calls):
        out.append(defaults[name])
    return out


def overridden(graph: Graph, source: tuple[str, ...], path: MainPath | None) -> bool:
    """Whether every call on the main path passes the parameter *source* names (and there is
    one): its default then says nothing of what runs."""
    if source[0] != "param":
        return False
    _, file, unit, name = source
    params = graph.params.get((file, unit))
    if params is None:
        return False
    names_, _, method = params
    calls = passed = 0
    for positional, keywords in _calls_of(graph, file, unit, path):
        calls += 1
        index = names_.index(name) - (1 if method else 0) if name in names_ else -1
        if name in keywords or (0 <= index < len(positional) and positional[index] is not None):
            passed += 1
    return calls > 0 and passed == calls


def _calls_of(
    graph: Graph, file: str, unit: str, path: MainPath | None
) -> Iterator[tuple[Sequence[Value | None], Mapping[str, Value | None]]]:
    """The arguments (positional, keywords) of each call on the main path (every call
    without one) that reaches *unit* of *file* (a constructor through its class's name)."""
    last = unit.rsplit(".", 1)[-1]
    called = unit.split(".", maxsplit=1)[0] if last == "__init__" else last
    resolver = _resolver(graph)
    for caller, target, positional, keywords in graph.call_args:
        if _last_name(target) != called:
            continue
        if path is not None and caller not in path.units and caller[0] not in path.notebooks:
            continue
        if (file, unit) not in _units_of(graph, resolver, caller[0], target):
            continue
        yield positional, keywords


def _value(
    graph: Graph,
    value: Value,
    path: MainPath | None,
    depth: int,
    settings: Mapping[str, set[int]] | None,
) -> list[int]:
    if value[0] == "int" and isinstance(value[1], int):
        return [value[1]]
    if value[0] == "option":
        found = graph.options.get(str(value[1]))
        return [] if found is None else [found]
    if value[0] == "key":
        # One default written for the key, or none taken (`conclude._pending_bounds`).
        written = (settings or {}).get(str(value[1]), set())
        return list(written) if len(written) == 1 else []
    if value[0] != "param" and value[0] != "self":
        return []  # `reach_targets.UNKNOWN_VALUE`: passed, but no number the code says
    return parameter_values(graph, tuple(str(v) for v in value), path, depth + 1, settings)
