"""Main-path walk, module level: files, main guards, imports, module-level objects and text.

What a module binds and loads (imports, ``bot = MyBot()``, Django's ``ROOT_URLCONF``), a file
that reads the terminal as a console, a project module imported in place of a standard one, a
lambda in a module-level table. Recording handlers; `reach` imports them after `reach_tables`.
"""

from __future__ import annotations

import ast

from advisor.evidence.reach_places import _in_mode, _modes, _unit
from advisor.evidence.reach_targets import _MODULE_TEXT, _target
from advisor.evidence.units import MAIN_GUARD, MODULE, TABLE_LAMBDA, cell_line
from advisor.evidence.walk import Reader, register
from advisor.lint.imports import imported


def _dotted_of(path: str) -> tuple[str, bool]:
    """The module a file is (by its full path) and whether it is a package's ``__init__``."""
    parts = path[: -len(".py")].split("/") if path.endswith(".py") else [path]
    package = parts[-1] == "__init__"
    if package:
        parts = parts[:-1]
    return ".".join(parts), package


@register(ast.Module)
def module(r: Reader, node: ast.Module) -> None:
    """A file (or a notebook cell): its main guard, instances and module names in text."""
    graph, path = r.g.graph, r.source.path
    graph.files.add(path)
    for name, value in r.names.module.options.items():
        graph.options.setdefault(name, value)
    if r.source.cell is not None:
        graph.notebooks.add(path)
    if r.first:
        r.g.local_types.clear()
    for stmt in node.body:
        if (
            isinstance(stmt, ast.If)
            and isinstance(stmt.test, ast.Compare)
            and "__main__" in ast.unparse(stmt.test)
        ):
            first, last = stmt.lineno, stmt.end_lineno or stmt.lineno
            cell = r.source.cell
            graph.guards.setdefault(path, []).append(
                (cell_line(first, cell), cell_line(last, cell))
            )
            # A main guard's modes, as a function's (`_modes`): its body is the program's start.
            modes = _modes(stmt.body)
            if modes:
                graph.modes.setdefault((path, MAIN_GUARD), []).extend(modes)


@register(ast.Assign)
def module_assign(r: Reader, stmt: ast.Assign) -> None:
    """At module level: ``bot = MyBot()`` (an instance whose methods calls reach), and module
    names written as text (Django's ``ROOT_URLCONF = "proj.urls"``, ``INSTALLED_APPS``)."""
    if r.functions or r.classes:
        return
    graph, path = r.g.graph, r.source.path
    value = stmt.value
    if isinstance(value, ast.Call):
        made = _target(r, value.func)
        if made is not None and made[0] == "sym":
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    r.g.local_types[(path, 0, target.id)] = made
                    key = (path, target.id)
                    graph.instances[key] = made if graph.instances.get(key, made) == made else None
    elif isinstance(value, ast.Attribute):
        # A class's method under a module-level name (traitlets' ``launch_instance =
        # KernelGatewayApp.launch_instance``, a declared script's target): calling it runs the
        # class's code, as calling an instance's method does (`follow.Resolver._instance`).
        made = _target(r, value)
        if made is not None and made[0] == "sym":
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    key = (path, target.id)
                    graph.instances[key] = made if graph.instances.get(key, made) == made else None
    if any(isinstance(t, ast.Name) and t.id == "__all__" for t in stmt.targets):
        return  # names the module exports, not modules to load (spotdl's __all__ = ["web"])
    # A bare word ("shop") names a module only in Django's INSTALLED_APPS: elsewhere it is a
    # word (spotdl's OPERATIONS = ["download", "web"] is no import of utils/web.py).
    apps = any(isinstance(t, ast.Name) and t.id == "INSTALLED_APPS" for t in stmt.targets)
    texts = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    for item in texts:
        if (
            isinstance(item, ast.Constant)
            and isinstance(item.value, str)
            and _MODULE_TEXT.match(item.value)
            and (apps or "." in item.value or ":" in item.value)
        ):
            graph.edge((path, MODULE), ("str", item.value))


@register(ast.Dict)
def settings_table(r: Reader, node: ast.Dict) -> None:
    """A class or module named by its dotted path in a settings table, anywhere (issue 19,
    webcomix: Scrapy loads ``{"ITEM_PIPELINES": {"webcomix.scrapy.download.comic_pipeline.
    ComicPipeline": 1}}`` and the downloader middlewares by name, in the crawler's process):
    the framework imports it and calls it on every item, so the unit writing the table reaches
    it, as an import would. Keys and values, and the items of a list or tuple value; a
    ``"pkg.mod:obj"`` entry point too. Only text that names one of the project's modules
    resolves (`advisor.evidence.follow.Resolver.resolve`): ``"scrapy.pipelines.files.
    FilesPipeline"`` reaches nothing."""
    texts: list[ast.expr] = [k for k in node.keys if k is not None]
    for value in node.values:
        texts.extend(value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value])
    unit = (r.source.path, _unit(r, node))
    mode = _in_mode(r, node)
    for item in texts:
        if (
            isinstance(item, ast.Constant)
            and isinstance(item.value, str)
            and item.value.count(".") + item.value.count(":") >= 2
            and _MODULE_TEXT.match(item.value)
        ):
            r.g.graph.edge(unit, ("str", item.value), mode=mode)


@register(ast.Import, ast.ImportFrom)
def imports(r: Reader, node: ast.Import | ast.ImportFrom) -> None:
    """What an import binds (relative imports too), and the module it runs."""
    graph, path = r.g.graph, r.source.path
    dotted, package = _dotted_of(path)
    aliases = graph.aliases.setdefault(path, {})
    unit = (path, _unit(r, node))
    mode = _in_mode(r, node)
    for name, target in imported(node, dotted, package):
        if target is None:
            continue
        if name != "*":
            aliases.setdefault(name, target)
        else:  # `from utils import *`: a bare name may be any of its functions
            graph.stars.setdefault(path, []).append(target)
        graph.edge(unit, ("mod", target), mode=mode)
    if isinstance(node, ast.Import):
        for alias in node.names:
            graph.edge(unit, ("mod", alias.name), mode=mode)


#: Calls and classes of an interactive console, wherever they are (`console`).
_CONSOLE_CALLS = frozenset({"code.interact", "code.InteractiveConsole", "cmd.Cmd"})


@register(ast.Import, ast.Call, ast.ClassDef)
def console(r: Reader, node: ast.Import | ast.Call | ast.ClassDef) -> None:
    """A file that reads the terminal as an interactive console does: ``import readline``
    (line editing for what the user types), ``code.interact(...)``, a ``cmd.Cmd`` subclass.
    A library whose only program is such a console (websockets' interactive client) is still
    a library (issue 19, cause 8; `advisor.evidence.weigh.infer`). A prompt in a loop
    (``input("> ")`` until the answer is valid: red-discordbot's first-run setup) is not a
    console: applications ask questions too."""
    if isinstance(node, ast.Import):
        found = any(alias.name == "readline" for alias in node.names)
    elif isinstance(node, ast.ClassDef):
        found = any(r.names.qualname(base) in _CONSOLE_CALLS for base in node.bases)
    else:
        found = r.callee in _CONSOLE_CALLS
    if found:
        r.g.graph.consoles.add(r.source.path)


@register(ast.If, ast.Try)
def stand_in(r: Reader, node: ast.If | ast.Try) -> None:
    """A project module imported in place of a standard one: ``import cgi`` in one branch,
    ``import uploadserver.cgi`` (``from . import cgi``, ``from .cgi import ...``) in another
    (issue 19). The project's copy is the standard library kept for newer Pythons, vendored
    code (`advisor.evidence.gather.Gatherer.copies`)."""
    if isinstance(node, ast.If):
        branches = [node.body, node.orelse]
    else:
        branches = [node.body, *(h.body for h in node.handlers)]
    stdlib = r.t.stdlib
    standard = [set[str]() for _ in branches]
    own = [set[str]() for _ in branches]  # path stems of project modules: "uploadserver/cgi"
    folder = r.source.path.rsplit("/", 1)[0] if "/" in r.source.path else ""
    for index, branch in enumerate(branches):
        for stmt in branch:
            if isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    parts = alias.name.split(".")
                    if parts[0] in stdlib:
                        standard[index].add(parts[-1])
                    elif len(parts) > 1:
                        own[index].add("/".join(parts))
            elif isinstance(stmt, ast.ImportFrom):
                module = (stmt.module or "").split(".") if stmt.module else []
                if not stmt.level and module and module[0] in stdlib:
                    standard[index].add(module[-1])
                    continue
                base = [folder] if stmt.level and folder else []
                if stmt.level or module:
                    found = ["/".join([*base, *module])] if module else []
                    found += ["/".join([*base, *module, a.name]) for a in stmt.names]
                    own[index].update(f for f in found if f)
    for index, stems in enumerate(own):
        others = set().union(*(standard[i] for i in range(len(branches)) if i != index))
        for stem in stems:
            if stem.rsplit("/", 1)[-1] in others:
                r.g.stand_ins.add(stem)


@register(ast.Assign)
def table(r: Reader, node: ast.Assign) -> None:
    """A lambda among a module-level table's values (sqlite-utils' ``FILE_COLUMNS = {"sha256":
    lambda p: hashlib.sha256(p.read_bytes())...}``, one per column the user may ask for) is a
    unit of its own that nothing names: what it calls runs only when the input picks its key,
    so it is listed, not counted, as the main path's (issue 19, cause 2)."""
    if r.functions or r.classes or not isinstance(node.value, ast.Dict):
        return
    spans = r.g.graph.spans.setdefault(r.source.path, [])
    for value in node.value.values:
        if isinstance(value, ast.Lambda):
            first, last = value.lineno, value.end_lineno or value.lineno
            cell = r.source.cell
            spans.append((cell_line(first, cell), cell_line(last, cell), TABLE_LAMBDA))


@register(ast.Assign)
def module_object(r: Reader, node: ast.Assign) -> None:
    """``app = typer.Typer()`` at module level: an object a declared script may name."""
    if r.functions or r.classes or not isinstance(node.value, ast.Call):
        return
    for target in node.targets:
        if isinstance(target, ast.Name):
            r.g.graph.objects.setdefault(r.source.path, set()).add(target.id)
