"""The alternative the default configuration selects (issue 19, cause 2).

A program that offers several servers, backends or drivers often keeps them in a table of
functions and looks one up by a setting (wsgidav's ``SUPPORTED_SERVERS = {"cheroot":
_run_cheroot, ..., "uvicorn": _run_uvicorn}``, then ``SUPPORTED_SERVERS.get(config["server"])``),
while its default configuration names one (``DEFAULT_CONFIG = {"server": "cheroot", ...}``,
or ``add_argument("--server", default="cheroot")``). What the program is by default (a
threaded WSGI server, not an event loop) is read from that one; the others run only when the
configuration asks for them, as a mode does (`advisor.evidence.units.Graph.modes`).

The walk records three things through the helpers here (`advisor.evidence.reach`:
`Graph.table_keys`, `Graph.lookup_settings`, `Graph.string_defaults`); `default_modes` joins
them once every file is read, before the main path is walked. Only a setting with exactly one
default written, and that default a key of the table, selects anything: two defaults are two
configurations, and which one runs is not in the code. Pure: no walk, no evidence.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

from advisor.evidence.units import Graph, Target

#: Calls that declare a command-line option with a default (argparse, click).
_OPTION_CALLS = frozenset({"add_argument", "option"})


def setting_of(key: ast.expr, local_values: Mapping[str, ast.expr]) -> str | None:
    """The setting a lookup's key reads: ``config["server"]``, ``config.get("server")``,
    ``args.server``, or a local name bound to one of them (``server = config["server"]``)."""
    if isinstance(key, ast.Name):
        bound = local_values.get(key.id)
        if bound is None:
            return None
        key = bound
    if isinstance(key, ast.Subscript):
        index = key.slice
        if isinstance(index, ast.Constant) and isinstance(index.value, str):
            return index.value
        return None
    if isinstance(key, ast.Call) and isinstance(key.func, ast.Attribute) and key.args:
        first = key.args[0]
        if key.func.attr == "get" and isinstance(first, ast.Constant):
            return first.value if isinstance(first.value, str) else None
        return None
    if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name):
        return key.attr
    return None


def table_defaults(node: ast.Assign) -> Iterator[tuple[str, str]]:
    """``DEFAULT_CONFIG = {"server": "cheroot", ...}``: the string values a configuration
    holds unless told otherwise (a name that says it holds defaults), as (setting, value)."""
    if not isinstance(node.value, ast.Dict):
        return
    if not any(isinstance(t, ast.Name) and "default" in t.id.lower() for t in node.targets):
        return
    for key, value in zip(node.value.keys, node.value.values, strict=True):
        if (
            isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
        ):
            yield key.value, value.value


def option_default(node: ast.Call) -> tuple[str, str] | None:
    """``add_argument("--server", default="cheroot")``, ``@click.option("--server",
    default="cheroot")``: the option's string default, by its destination's name."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in _OPTION_CALLS):
        return None
    default = next((k.value for k in node.keywords if k.arg == "default"), None)
    if not (isinstance(default, ast.Constant) and isinstance(default.value, str)):
        return None
    dest = next(
        (
            k.value.value
            for k in node.keywords
            if k.arg == "dest" and isinstance(k.value, ast.Constant)
        ),
        None,
    )
    names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    long = [n for n in names if n.startswith("--")]
    chosen = dest if isinstance(dest, str) else long[0] if long else None
    if not chosen:
        return None
    return chosen.lstrip("-").replace("-", "_"), default.value


def default_modes(graph: Graph) -> None:
    """For each table of alternatives looked up by a setting whose one default is a key of
    the table: the other keys' targets are named only in a mode of the unit that builds the
    table (`Graph.mode_only`), so the program's default path runs the default one alone."""
    for (file, name), keys in sorted(graph.table_keys.items()):
        settings = graph.lookup_settings.get(name, set())
        if len(settings) != 1:
            continue
        defaults = graph.string_defaults.get(next(iter(settings)), set())
        if len(defaults) != 1 or next(iter(defaults)) not in keys:
            continue
        chosen = keys[next(iter(defaults))]
        table = graph.tables.get((file, name))
        if table is None:
            continue
        others: set[Target] = {t for t in keys.values() if t != chosen}
        graph.mode_only.setdefault(table[0], set()).update(others)
