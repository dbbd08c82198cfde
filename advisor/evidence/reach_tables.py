"""Main-path walk, tables: functions kept to be called later, and tables looked up by input.

``HANDLERS = {"get": fetch}``, a factory that returns one of several classes, ``BACKENDS[kind]``:
what runs is chosen by the input (`Graph.tables`, `Graph.lookups`), and a setting's default
(`advisor.evidence.defaults`) may say which. The first of the walk's recording handlers (`reach`
imports them in the order they run).
"""

from __future__ import annotations

import ast

from advisor.evidence.defaults import option_default, setting_of, table_defaults
from advisor.evidence.reach_places import _unit
from advisor.evidence.reach_targets import _reference, _table_items, _target
from advisor.evidence.side_paths import ALTERNATIVES_MIN
from advisor.evidence.units import Target
from advisor.evidence.walk import Reader, register


@register(ast.Assign)
def references(r: Reader, node: ast.Assign) -> None:
    """Functions kept in a table to be called later (``HANDLERS = {"get": fetch}``,
    ``steps = [load, clean]``), or a class chosen to be called later (radicale's
    ``server_class = ParallelHTTPSServer if use_ssl else ParallelHTTPServer``): they run when
    the code that built the table does."""
    value = node.value
    items = [value.body, value.orelse] if isinstance(value, ast.IfExp) else _table_items(value)
    if isinstance(value, ast.Name) and r.functions:
        # A function held in a variable to be called through it (sigal's `processor =
        # process_image` ... `processor(media)`): it runs where the variable is called.
        items = [value]
    _reference(r, node, items)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict":
        items = [k.value for k in value.keywords if k.arg]  # dict(http=HTTP, ws=WS, ...)
    elif not isinstance(value, ast.Dict):
        return
    refs = [
        t for t in (_target(r, i) for i in items if isinstance(i, (ast.Name, ast.Attribute))) if t
    ]
    refs = [t for t in refs if t[0] == "sym"]
    if len(refs) >= ALTERNATIVES_MIN:
        keys: dict[str, Target] = {}
        if isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values, strict=True):
                found = _target(r, item) if isinstance(item, (ast.Name, ast.Attribute)) else None
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and found:
                    keys[key.value] = found
        for target in node.targets:
            if isinstance(target, ast.Name):
                unit = (r.source.path, _unit(r, node))
                r.g.graph.tables[(r.source.path, target.id)] = (unit, refs, node.lineno)
                if keys:
                    r.g.graph.table_keys[(r.source.path, target.id)] = keys


@register(ast.Return)
def factory(r: Reader, node: ast.Return) -> None:
    """A function that returns a project class or function for its caller to call (bdfr's
    ``DownloadFactory.pull_lever(url)``: ``return Imgur``, ``return Redgifs`` ..., then
    ``downloader_class(submission).find_resources()``): what it returns runs where its
    result is called, so each is reached from it. Returning at least `ALTERNATIVES_MIN`
    project classes makes it a table of alternatives chosen by its input, like a mapping
    looked up by a computed key (`advisor.evidence.side_paths.alternatives`): what most of
    them do is the program's work, what one site's downloader alone does is listed."""
    value = node.value
    if value is None or not r.functions:
        return
    items = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
    _reference(r, node, items)
    refs = [
        t for t in (_target(r, i) for i in items if isinstance(i, (ast.Name, ast.Attribute))) if t
    ]
    refs = [t for t in refs if t[0] == "sym"]
    if not refs:
        return
    graph, unit = r.g.graph, (r.source.path, _unit(r, node))
    key = (r.source.path, unit[1])
    _, known, line = graph.tables.get(key, (unit, [], node.lineno))
    returned = known + [t for t in refs if t not in known]
    graph.tables[key] = (unit, returned, line)
    if len(returned) >= ALTERNATIVES_MIN:
        graph.lookups.add(unit[1])


@register(ast.Subscript, ast.Call)
def lookup(r: Reader, node: ast.Subscript | ast.Call) -> None:
    """``MAPPINGS.get(name)``, ``BACKENDS[kind]``: a table looked up by a computed key, so
    which of its values runs only the input says (`Graph.lookups`)."""
    if isinstance(node, ast.Subscript):
        table, key = node.value, node.slice
    elif isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
        table, key = node.func.value, node.args[0]
    else:
        return
    if not isinstance(key, (ast.Constant, ast.Slice)) and isinstance(
        table, (ast.Name, ast.Attribute)
    ):
        name = table.id if isinstance(table, ast.Name) else table.attr
        r.g.graph.lookups.add(name)
        setting = setting_of(key, r.local_values) if isinstance(key, ast.expr) else None
        if setting is not None:
            r.g.graph.lookup_settings.setdefault(name, set()).add(setting)


@register(ast.Assign)
def default_table(r: Reader, node: ast.Assign) -> None:
    """``DEFAULT_CONFIG = {"server": "cheroot"}`` at module level: a setting's default
    (`advisor.evidence.defaults`)."""
    if not (r.functions or r.classes):
        for setting, value in table_defaults(node):
            r.g.graph.string_defaults.setdefault(setting, set()).add(value)


@register(ast.Call)
def default_option(r: Reader, node: ast.Call) -> None:
    """``add_argument("--server", default="cheroot")``: a setting's default."""
    found = option_default(node)
    if found is not None:
        r.g.graph.string_defaults.setdefault(found[0], set()).add(found[1])
