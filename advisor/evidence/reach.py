"""What the walk records for the main path (issue 19, cause 2): units, imports, calls and
references, classes and their bases, main guards, framework apps. The graph is resolved once
every file is read (`advisor.evidence.mainpath.main_path`); nothing here decides.

Names are read by what they are, never by their spelling alone: a call's target is a function
the file defines or imports, ``self.m`` in a class, a method of a local whose class the code
says (``db = Database()``), or, for a receiver of unknown type, just the method's name (which
reaches that method only in classes the path already uses).
"""

from __future__ import annotations

import ast
import re

from advisor.evidence.defaults import option_default, setting_of, table_defaults
from advisor.evidence.optin import opt_in_spans
from advisor.evidence.scopes import Function
from advisor.evidence.side_paths import ALTERNATIVES_MIN
from advisor.evidence.units import (
    MAIN_GUARD,
    MODE_OPT_IN,
    MODULE,
    OPT_IN,
    SERVER,
    TABLE_LAMBDA,
    App,
    ClassInfo,
    Graph,
    Target,
    Unit,
    names,
)
from advisor.evidence.walk import Reader, register
from advisor.lint.imports import imported

#: Text naming a project module or an object in it: ``"app.main:app"``, ``"proj.settings"``.
_MODULE_TEXT = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*(:[A-Za-z_]\w*)?\Z")


def _dotted_of(path: str) -> tuple[str, bool]:
    """The module a file is (by its full path) and whether it is a package's ``__init__``."""
    parts = path[: -len(".py")].split("/") if path.endswith(".py") else [path]
    package = parts[-1] == "__init__"
    if package:
        parts = parts[:-1]
    return ".".join(parts), package


def _in_mode(r: Reader, node: ast.AST) -> bool | str:
    """True when *node* is inside a mode of its function (`units.Graph.modes`), `OPT_IN`
    inside a branch run only when an option is on (`units.Graph.opt_in`), else False."""
    line = getattr(node, "lineno", 0)
    unit = (r.source.path, _unit(r, node))
    mode = any(start <= line <= end for start, end in r.g.graph.modes.get(unit, ()))
    if any(start <= line <= end for start, end in r.g.graph.opt_in.get(unit, ())):
        return MODE_OPT_IN if mode else OPT_IN
    return mode


def _modes(body: list[ast.stmt]) -> list[tuple[int, int]]:
    """The modes of a function's body: an ``if`` with no ``else`` that ends by leaving the
    function (``return``, ``sys.exit()``, ``raise SystemExit``) while the function goes on to
    do its own work after it (a call). ``if args.operation == "web": web(...); return``
    before the downloads: the web UI is another command, not what the program does.

    And each branch of an ``if``/``elif`` chain but its ``else`` (glances' standalone, client,
    server or web server): one mode among several is not what the program is; the ``else``,
    which runs when no mode is asked for, is. Not when that ``else`` only reports
    (``print_help()``) and not after ``if``s that return when what follows them only reports
    (`_works`): there the branches are the program's commands, or its work for each kind of
    input, and together they are what it does.

    Also inside a ``try`` or ``with`` block of the body (``try: if args.web: ... except
    KeyboardInterrupt: ...``): the block is still the body's own flow."""
    spans: list[tuple[int, int]] = []
    for stmt in body:
        if isinstance(stmt, (ast.Try, ast.With)):
            spans += _modes(stmt.body)
    for stmt in body:
        if (
            isinstance(stmt, ast.If)
            and len(stmt.orelse) == 1
            and isinstance(stmt.orelse[0], ast.If)
        ):
            chain: list[tuple[int, int]] = []
            branch: ast.If | None = stmt
            rest: list[ast.stmt] = []
            while branch is not None:
                chain.append((branch.body[0].lineno, branch.body[-1].end_lineno or branch.lineno))
                rest = branch.orelse
                branch = rest[0] if len(rest) == 1 and isinstance(rest[0], ast.If) else None
            # An `else` that only reports (`parser.print_help()`) is no program of its own:
            # the branches are the program's commands (xandikos' serve, create-collection,
            # import-imip), not modes beside what it does when none is asked for.
            if not rest or any(_works(n) for other in rest for n in ast.walk(other)):
                spans += chain
    leaving = [
        (index, stmt)
        for index, stmt in enumerate(body)
        if isinstance(stmt, ast.If) and not stmt.orelse and _leaves(stmt.body[-1])
    ]
    # What runs when no such `if` returned: when it only reports (`print_error("not a valid
    # ID")`), the function has no work of its own, and each `if` handles one kind of input.
    tail = body[leaving[-1][0] + 1 :] if leaving else []
    if not any(_works(n) for later in tail for n in ast.walk(later)):
        return spans
    for index, stmt in leaving:
        after = body[index + 1 :]
        if any(isinstance(n, ast.Call) for later in after for n in ast.walk(later)):
            spans.append((stmt.body[0].lineno, stmt.body[-1].end_lineno or stmt.lineno))
    return spans


def _works(node: ast.AST) -> bool:
    """Whether *node* is a call that does work, not one that only tells the user something
    (`data/mainpath.yaml` ``report_calls``: ``print_error(...)``, ``logger.warning(...)``)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    first = name.lstrip("_").split("_", 1)[0].lower()
    return first not in names()["report_calls"]


def _leaves(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Return):
        return True
    if isinstance(stmt, ast.Raise):
        exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
        return isinstance(exc, ast.Name) and exc.id == "SystemExit"
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in {"exit", "_exit"}
    return False


def _unit(r: Reader, node: ast.AST) -> str:
    """The unit *node* is in: the walk's, or the main guard's body at module level."""
    if r.unit != MODULE:
        return r.unit
    line = getattr(node, "lineno", 0)
    for start, end in r.g.graph.guards.get(r.source.path, ()):
        if start <= line <= end:
            return MAIN_GUARD
    return MODULE


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
            graph.guards.setdefault(path, []).append((stmt.lineno, stmt.end_lineno or stmt.lineno))
            # A main guard's modes, as a function's (`_modes`): its body is the program's start.
            modes = _modes(stmt.body)
            if modes:
                graph.modes.setdefault((path, MAIN_GUARD), []).extend(modes)


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


def _table_items(value: ast.expr) -> list[ast.expr]:
    """The items of a table of functions: a dict's values, a list's, tuple's or set's items,
    also subscripted where it is built (sopel's ``command = {"start": command_start,
    ...}[action]``: one of them runs, and which one only the command line says)."""
    if isinstance(value, ast.Subscript):
        value = value.value
    if isinstance(value, ast.Dict):
        return [v for v in value.values if v is not None]
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        # A route table's rows (webssh's ``[(r"/", IndexHandler, dict(...)), ...]``): the
        # classes and functions in each row are handed over to be called too.
        return [
            item
            for elt in value.elts
            for item in (elt.elts if isinstance(elt, ast.Tuple) else [elt])
        ]
    return []


def _reference(r: Reader, node: ast.AST, items: list[ast.expr]) -> None:
    unit = (r.source.path, _unit(r, node))
    mode = _in_mode(r, node)
    for item in items:
        if isinstance(item, (ast.Name, ast.Attribute)):
            ref = _target(r, item)
            if ref is not None and ref[0] != "meth":
                r.g.graph.edge(unit, ref, mode=mode)


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


@register(ast.ClassDef)
def class_(r: Reader, node: ast.ClassDef) -> None:
    parts = tuple(names()["not_apps"])
    if r.functions:
        # A class inside a function belongs to the function: one built on a framework's
        # server (uploadserver's ``DualStackServer(http.server.ThreadingHTTPServer)`` in its
        # ``serve_forever``) is that function's app, built when the function runs (issue 19).
        for base in node.bases:
            name = r.names.qualname(base)
            framework = r.t.frameworks.lookup(name) if name else None
            if framework is not None and name and not name.endswith(parts):
                kind = str(framework["program"])
                r.g.graph.apps.append(App(r.source.path, r.unit, node.lineno, kind, name))
        return
    key = ".".join((*r.classes, node.name))
    bases = [t for t in (_target(r, b) for b in node.bases) if t is not None]
    r.g.graph.classes[(r.source.path, key)] = ClassInfo(bases, set(), set())
    # A class built on a framework's server, window or client (radicale's ParallelHTTPServer
    # on wsgiref's WSGIServer, a tk.Frame, a discord.Client) is the app once the path uses it.
    for base in node.bases:
        name = r.names.qualname(base)
        framework = r.t.frameworks.lookup(name) if name else None
        if framework is not None and name and not name.endswith(parts):
            app = App(r.source.path, key, node.lineno, str(framework["program"]), name)
            r.g.graph.app_classes[(r.source.path, key)] = app


def _group(decorator: ast.Call) -> bool:
    """Whether *decorator* makes a command group (``@click.group(cls=DefaultGroup,
    default="serve")``), whose ``default=`` names the command it runs when none is given; an
    option's ``default=`` (``@click.option("--clean", default=True)``, mkdocs) is a value."""
    func = decorator.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name == "group" or any(k.arg == "cls" for k in decorator.keywords)


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
            spans.append((value.lineno, value.end_lineno or value.lineno, TABLE_LAMBDA))


@register(ast.FunctionDef, ast.AsyncFunctionDef)
def function(r: Reader, node: Function) -> None:
    """A unit's span; a method's class; a function a decorator registers; local types."""
    graph, path = r.g.graph, r.source.path
    if len(r.functions) == 1:
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        graph.spans.setdefault(path, []).append((start, node.end_lineno or start, r.unit))
        modes = _modes(node.body)
        if modes:
            graph.modes[(path, r.unit)] = modes
        opt_in = opt_in_spans(r, node)  # branches run only when an option is on
        if opt_in:
            graph.opt_in[(path, r.unit)] = opt_in
        registers = any(_registers(d) for d in node.decorator_list)
        for decorator in node.decorator_list if not r.classes else ():
            if not isinstance(decorator, ast.Call):
                continue
            for keyword in decorator.keywords if _group(decorator) else ():
                if keyword.arg == "default" and isinstance(keyword.value, ast.Constant):
                    graph.default_commands.setdefault(path, set()).add(str(keyword.value.value))
            if _subcommand(decorator):
                given = [*decorator.args, *(k.value for k in decorator.keywords if k.arg == "name")]
                text = [g.value for g in given if isinstance(g, ast.Constant)]
                graph.command_names[(path, r.unit)] = str(text[0]) if text else node.name
        if not r.classes and any(_subcommand(d) for d in node.decorator_list):
            graph.commands.setdefault(path, set()).add(r.unit)
        for decorator in node.decorator_list:
            # The project's own decorator runs where the function does: its wrapper is the
            # function's caller (gamdl's ``@make_sync``, whose wrapper runs the coroutine
            # with ``asyncio.run``), so the decorated function reaches it.
            made = _target(r, decorator.func if isinstance(decorator, ast.Call) else decorator)
            if made is not None and made[0] == "sym" and "::" in made[1]:
                graph.edge((path, r.unit), made)
        if r.classes:
            info = graph.classes.get((path, ".".join(r.classes)))
            if info is not None:
                info.methods.add(node.name)
                if registers or node.decorator_list:  # a property is read, never called
                    info.registered.add(node.name)
        else:
            graph.functions.setdefault(path, set()).add(node.name)
            if registers:
                graph.registered.add((path, r.unit))
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        defaults: dict[str, int] = {}
        for arg, default in (
            *zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True),
            *zip(args.kwonlyargs, args.kw_defaults, strict=True),
        ):
            number = r.names.integer(default, {}) if default is not None else None
            if number is not None:
                defaults[arg.arg] = number
        params = [a.arg for a in (*positional, *args.kwonlyargs)]
        method = bool(r.classes) and bool(positional) and positional[0].arg in {"self", "cls"}
        graph.params[(path, r.unit)] = (params, defaults, method)
    assert r.info is not None
    for target, value in r.info.bindings:
        if isinstance(target, ast.Name) and isinstance(value, ast.Call):
            made = _constructed(_target(r, value.func))
            if made is not None and made[0] == "sym":
                r.g.local_types[(path, id(node), target.id)] = made


def _constructed(made: Target | None) -> Target | None:
    """``server = DNSServer.from_toml(path)``: an alternative constructor (``from_*``) makes
    an object of its class, so ``server.start()`` is ``DNSServer.start`` (dnserver, issue 19),
    not a method of the constructor's name."""
    if made is None or made[0] != "sym" or not made[2]:
        return made
    owner, _, method = made[2].rpartition(".")
    # The class is the attribute before the method, or the symbol itself when the method
    # is read off an imported class (``("sym", "pkg/main.py::DNSServer", "from_toml")``).
    named = owner or str(made[1]).rpartition("::")[2].rpartition(".")[2]
    if method.startswith("from_") and named[:1].isupper():
        return ("sym", made[1], owner)
    return made


def _subcommand(decorator: ast.expr) -> bool:
    """``@cli.command("serve")``, ``@app.command()``: a group's subcommand (never
    ``@click.command``, a program of one command)."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (
        isinstance(func, ast.Attribute)
        and func.attr in names()["subcommand_decorators"]
        and not (isinstance(func.value, ast.Name) and func.value.id == "click")
    )


def _registers(decorator: ast.expr) -> bool:
    """``@app.get("/")``, ``@bot.event``, ``@tasks.loop(...)``: a framework will call it."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(func, ast.Attribute) and func.attr not in names()["not_registering"]


@register(ast.Assign)
def module_object(r: Reader, node: ast.Assign) -> None:
    """``app = typer.Typer()`` at module level: an object a declared script may name."""
    if r.functions or r.classes or not isinstance(node.value, ast.Call):
        return
    for target in node.targets:
        if isinstance(target, ast.Name):
            r.g.graph.objects.setdefault(r.source.path, set()).add(target.id)


@register(ast.Assign)
def attribute_type(r: Reader, node: ast.Assign) -> None:
    """``self.db = Database()`` in a method: ``self.db.query()`` reaches Database.query;
    ``self.workers = workers``: a bound's value passed in (`passed_values.parameter_values`)."""
    if not (r.functions and r.classes):
        return
    passed = _passed(r, node.value)
    if passed is not None:
        for target in node.targets:
            if _is_self_attribute(target):
                assert isinstance(target, ast.Attribute)
                key = (r.source.path, ".".join(r.classes), target.attr)
                r.g.graph.attribute_values.setdefault(key, []).append(passed)
    if not isinstance(node.value, ast.Call):
        return
    made = _target(r, node.value.func)
    if made is None or made[0] != "sym":
        return
    for target in node.targets:
        if _is_self_attribute(target):
            assert isinstance(target, ast.Attribute)
            key = (r.source.path, ".".join(r.classes), target.attr)
            r.g.graph.attribute_types.setdefault(key, made)


def _is_self_attribute(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _passed(r: Reader, value: ast.expr) -> tuple[object, ...] | None:
    """An integer the code passes along: ("int", 8), or ("param", file, unit, name) for a
    parameter of the function it is in (only outermost units have their parameters kept)."""
    if isinstance(value, ast.Name) and len(r.functions) == 1:
        fn = r.functions[0]
        args = fn.args
        if value.id in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}:
            return ("param", r.source.path, r.unit, value.id)
    number = r.names.integer(value, r.local_values)
    if (
        number is None
        and isinstance(value, ast.Attribute)
        and isinstance(value.value, ast.Name)
        and value.value.id not in {"self", "cls"}
    ):
        return ("option", value.attr)  # args.jobs, parsed in another module (`Graph.options`)
    return ("int", number) if number is not None else None


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
            positional = [_passed(r, a) for a in node.args]
            keywords = {k.arg: v for k in node.keywords if k.arg and (v := _passed(r, k.value))}
            if any(positional) or keywords:
                graph.call_args.append((unit, target, positional, keywords))
    choice = isinstance(node.func, ast.Attribute) and node.func.attr in names()["subcommand_calls"]
    for arg in (*node.args, *(k.value for k in node.keywords)):
        if isinstance(arg, (ast.Name, ast.Attribute)):
            ref = _target(r, arg)
            if ref is not None:
                graph.edge(unit, ref, mode=mode)
                if choice and ref[0] != "meth":
                    graph.choices.setdefault(unit, set()).add(ref)
            if isinstance(arg, ast.Name) and arg.id in r.local_values:  # name = f"cogs.{x}"
                _named_modules(graph, unit, r.local_values[arg.id], mode)
        else:
            _named_modules(graph, unit, arg, mode, folder=_lists_folder(r))
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


def _target(r: Reader, expr: ast.expr) -> Target | None:
    """What *expr* names, as a target of `advisor.evidence.mainpath`; None for nothing known."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    parts.reverse()
    if not isinstance(expr, ast.Name):
        return ("meth", parts[-1]) if parts else None
    name, path = expr.id, r.source.path
    if r.functions and name in {"self", "cls"} and r.classes:
        cls = ".".join(r.classes)
        if len(parts) == 1:
            return ("self", path, cls, parts[0])
        if len(parts) >= 2:
            return ("attr", path, cls, parts[0], parts[1])
        return None
    if r.functions and name in r.names.local:
        typed = next(
            (
                r.g.local_types[(path, id(fn), name)]
                for fn in reversed(r.functions)
                if (path, id(fn), name) in r.g.local_types
            ),
            None,
        )
        if typed is not None and parts:
            return ("sym", typed[1], ".".join(p for p in (typed[2], parts[0]) if p))
        return ("meth", parts[-1]) if parts else None
    typed = r.g.local_types.get((path, 0, name))
    if typed is not None and parts:
        return ("sym", typed[1], ".".join(p for p in (typed[2], parts[0]) if p))
    alias = r.g.graph.aliases.get(path, {}).get(name)
    if alias is not None:
        return ("sym", alias, ".".join(parts))
    if name in r.module.defined or path in r.g.graph.stars:
        return ("sym", f"{path}::{name}", ".".join(parts))
    return ("meth", parts[-1]) if parts else None
