"""Main-path walk, calls: the callee, functions handed over, modules loaded by name, apps.

The last of the recording handlers (`reach` imports it last): a call's edges, its arguments,
the plugins it loads by name (``"cogs.admin"``, ``f"cogs.{name}"``, a folder of plugins) and
the framework app it builds or runs.
"""

from __future__ import annotations

import ast

from advisor.evidence.reach_places import _in_mode, _unit
from advisor.evidence.reach_targets import _MODULE_TEXT, _passed, _reference, _table_items, _target
from advisor.evidence.units import SERVER, App, Graph, Unit, names
from advisor.evidence.walk import Reader, register


@register(ast.Call)
def call(r: Reader, node: ast.Call) -> None:
    """The callee, functions handed over by reference, modules named in text, and a
    framework's app built or run here."""
    graph, path = r.g.graph, r.source.path
    unit = (path, _unit(r, node))
    mode = _in_mode(r, node)
    target = _target(r, node.func)
    if isinstance(node.func, ast.Subscript):  # {"start": start, ...}[action](opts)
        _reference(r, node, _table_items(node.func))
    if target is not None:
        graph.edge(unit, target, mode=mode)
        if target[0] in {"sym", "self", "attr"} and (node.args or node.keywords):
            positional = [_passed(r, a, any_value=True) for a in node.args]
            keywords = {
                k.arg: v
                for k in node.keywords
                if k.arg and (v := _passed(r, k.value, any_value=True))
            }
            if any(positional) or keywords:
                graph.call_args.append((unit, target, positional, keywords))
    choice = isinstance(node.func, ast.Attribute) and node.func.attr in names()["subcommand_calls"]
    grouped = isinstance(node.func, ast.Attribute) and node.func.attr in names()["group_calls"]
    for arg in (*node.args, *(k.value for k in node.keywords)):
        if isinstance(arg, (ast.Name, ast.Attribute)):
            ref = _target(r, arg)
            if ref is not None:
                graph.edge(unit, ref, mode=mode)
                if choice and ref[0] != "meth":
                    graph.choices.setdefault(unit, set()).add(ref)
                if grouped and ref[0] != "meth":
                    graph.command_groups.setdefault(unit, set()).add(ref)
            if isinstance(arg, ast.Name) and arg.id in r.local_values:  # name = f"cogs.{x}"
                _named_modules(graph, unit, r.local_values[arg.id], mode)
        else:
            _named_modules(graph, unit, arg, mode, folder=_lists_folder(r))
    if r.callee == "getattr" and len(node.args) > 1:
        _chosen_module(r, unit, node.args[0], node.args[1], mode)
    for keyword in node.keywords:
        if keyword.arg in names()["group_tables"]:
            _command_table(r, unit, keyword.value)
    callee = r.callee
    method = node.func.attr if isinstance(node.func, ast.Attribute) else None
    served = r.t.server_call(callee, method)
    if served:  # a server built on asyncio or socketserver itself
        graph.apps.append(App(path, unit[1], node.lineno, SERVER, served))
    if callee:
        last = callee.rsplit(".", 1)[-1]
        parts = tuple(names()["not_apps"])
        if (last[:1].isupper() or last in names()["app_calls"]) and not last.endswith(parts):
            framework = r.t.frameworks.lookup(callee)
            if framework is not None:
                graph.apps.append(
                    App(path, unit[1], node.lineno, str(framework["program"]), callee)
                )


def _chosen_module(
    r: Reader, unit: Unit, owner: ast.expr, name: ast.expr, mode: bool | str
) -> None:
    """``getattr(backends, settings.value("backend"))``: a module of the project's package
    chosen by a name known only at run time (issue 19, apps set 23: qspectrumanalyzer picks
    its radio backend, one module of ``qspectrumanalyzer.backends``, by the setting's name).
    Every module of that package may load, none is chosen: they are reached as a folder of
    plugins is (``("package", ...)``; `advisor.evidence.side_paths`). A constant name
    (``getattr(mod, "main")``) is an attribute, not a choice; an object that is no imported
    package names no modules (the resolver finds none)."""
    if isinstance(name, ast.Constant) or not isinstance(owner, ast.Name):
        return
    target = _target(r, owner)
    if target is None or target[0] != "sym" or target[2] or "::" in target[1]:
        return
    r.g.graph.edge(unit, ("package", target[1]), mode=mode)
    r.g.graph.listed.add(target[1])


def _command_table(r: Reader, unit: Unit, value: ast.expr) -> None:
    """``click.group(commands=commands)``: the commands of the group, from the table written
    out here or from the module-level table the name is bound to (`Graph.tables`), are a
    group of whoever holds the table (`Graph.command_groups`)."""
    graph = r.g.graph
    if isinstance(value, ast.Name) and (r.source.path, value.id) in graph.tables:
        owner, refs, _line = graph.tables[(r.source.path, value.id)]
        graph.command_groups.setdefault(owner, set()).update(refs)
        return
    for item in _table_items(value):
        if isinstance(item, (ast.Name, ast.Attribute)):
            ref = _target(r, item)
            if ref is not None and ref[0] != "meth":
                graph.command_groups.setdefault(unit, set()).add(ref)


def _lists_folder(r: Reader) -> bool:
    """Whether the function the walk is in lists a folder (``os.listdir``,
    ``pkgutil.iter_modules``, a spec's ``submodule_search_locations``: `data/mainpath.yaml`
    ``folder_listings``); worked out once per function."""
    if not r.functions:
        return False
    function = r.functions[-1]
    key = (r.source.path, function.lineno, function.col_offset)
    known = r.g.graph.lists_folder.get(key)
    if known is None:
        words = set(names()["folder_listings"])
        known = any(
            (isinstance(n, ast.Attribute) and n.attr in words)
            or (isinstance(n, ast.Name) and n.id in words)
            for n in ast.walk(function)
        )
        r.g.graph.lists_folder[key] = known
    return known


def _named_modules(
    graph: Graph, unit: Unit, arg: ast.expr, mode: bool | str = False, *, folder: bool = False
) -> None:
    """Modules a call loads by name (plugins, extensions, app paths): ``"app.main:app"``,
    ``["cogs.admin", "cogs.fun"]``, ``f"cogs.{name}"`` and ``"cogs." + name`` (every module
    of the ``cogs`` package). In a function that lists a folder (*folder*), a package named
    in full (``find_spec("sopel.builtins")``) is a folder of plugins: every module in it."""
    items = arg.elts if isinstance(arg, (ast.List, ast.Tuple, ast.Set)) else [arg]
    for item in items:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            text = item.value
            if ("." in text or ":" in text) and _MODULE_TEXT.match(text):
                graph.edge(unit, ("str", text), mode=mode)
                if folder and ":" not in text:
                    graph.edge(unit, ("package", text), mode=mode)
                    graph.listed.add(text)  # every plugin in it loads, none chosen
            continue
        first: ast.expr | None = None
        if isinstance(item, ast.JoinedStr) and item.values:
            first = item.values[0]
        elif isinstance(item, ast.BinOp) and isinstance(item.op, ast.Add):
            first = item.left
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            text = first.value
            if text.startswith(".") and text.endswith("."):
                # `import_module("." + config["STORAGE"], __name__)` in a package's
                # __init__.py (bepasty's storage backends): its sibling modules, relative to
                # the package the file is in.
                package = unit[0].rsplit("/", 1)[0] if "/" in unit[0] else ""
                inner = text.strip(".")
                text = ".".join(p for p in (package.replace("/", "."), inner) if p) + "."
            prefix = text.replace("/", ".").strip(".")
            if text.endswith((".", "/")) and prefix and _MODULE_TEXT.match(prefix):
                graph.edge(unit, ("package", prefix), mode=mode)
