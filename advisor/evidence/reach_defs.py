"""Main-path walk, definitions: classes, functions and methods, and what they hold.

A unit's span, its modes, the commands and registrations its decorators make, its parameters'
defaults, local and attribute types (``self.db = Database()``), a class built on a framework's
server. Recording handlers; `reach` imports them after `reach_modules`.
"""

from __future__ import annotations

import ast

from advisor.evidence.optin import opt_in_spans
from advisor.evidence.reach_places import _modes
from advisor.evidence.reach_targets import _passed, _target
from advisor.evidence.scopes import Function
from advisor.evidence.units import App, ClassInfo, Target, cell_line, names
from advisor.evidence.walk import Reader, register


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


@register(ast.FunctionDef, ast.AsyncFunctionDef)
def function(r: Reader, node: Function) -> None:
    """A unit's span; a method's class; a function a decorator registers; local types."""
    graph, path = r.g.graph, r.source.path
    if len(r.functions) == 1:
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        end = cell_line(node.end_lineno or start, r.source.cell)
        graph.spans.setdefault(path, []).append((cell_line(start, r.source.cell), end, r.unit))
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
            # `@click.command("update")` too: one module's command, named for when a group
            # gathers it from several modules (`Graph.grouped_commands`).
            if _subcommand(decorator) or _subcommand(decorator, plain=True):
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
            _registered_on(r, node)
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


@register(ast.Return)
def returned_object(r: Reader, node: ast.Return) -> None:
    """``return XOM(config)``, or a local built so (``xom = XOM(c); ...; return xom``): the
    function makes that object (`Graph.returns`), so a method called on its result is the
    class's (devpi-server's ``xom = xom_from_config(config); xom.main()``, issue 19)."""
    if len(r.functions) != 1:  # a nested function's return is not its unit's
        return
    value, made = node.value, None
    if isinstance(value, ast.Call):
        made = _constructed(_target(r, value.func))
    elif isinstance(value, ast.Name):
        made = r.g.local_types.get((r.source.path, id(r.functions[-1]), value.id))
    if made is None or made[0] != "sym":
        return
    returns, unit = r.g.graph.returns, (r.source.path, r.unit)
    returns[unit] = made if returns.get(unit, made) == made else None


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


def _subcommand(decorator: ast.expr, *, plain: bool = False) -> bool:
    """``@cli.command("serve")``, ``@app.command()``: a group's subcommand (never
    ``@click.command``, a program of one command, unless *plain*)."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (
        isinstance(func, ast.Attribute)
        and func.attr in names()["subcommand_decorators"]
        and (plain or not (isinstance(func.value, ast.Name) and func.value.id == "click"))
    )


def _registered_on(r: Reader, node: Function) -> None:
    """``@app.task`` where ``app`` is imported from the module that builds it, or
    ``@shared_task``: the function registers on an app another module builds, and a worker
    that runs the app runs it (`Graph.registered_on`; newcomer review 25 #3, a Celery
    worker's tasks in their own module, which nothing imports)."""
    for decorator in node.decorator_list:
        func = decorator.func if isinstance(decorator, ast.Call) else decorator
        if r.names.qualname(func) in names()["shared_registrars"]:
            r.g.graph.registered_on.append((("shared",), (r.source.path, r.unit)))
        elif _registers(decorator) and isinstance(func, ast.Attribute):
            owner = _target(r, func.value)
            if owner is not None and owner[0] == "sym" and "::" not in str(owner[1]):
                r.g.graph.registered_on.append((owner, (r.source.path, r.unit)))


def _registers(decorator: ast.expr) -> bool:
    """``@app.get("/")``, ``@bot.event``, ``@tasks.loop(...)``: a framework will call it."""
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(func, ast.Attribute) and func.attr not in names()["not_registering"]


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
