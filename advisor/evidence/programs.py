"""What kind of program the code is: ``program``, ``async_app`` and ``multi_machine``.

Read from imports (a web framework is a service, tkinter a GUI, dask.distributed a cluster:
``data/frameworks.yaml`` and ``data/cluster.yaml``), the ``if __name__ == "__main__":`` guard
of a script, notebooks, and the places an event loop already runs: an ``async def``, an
``asyncio.run``, an ``await`` at the top level of a notebook cell. Whether *no* event loop runs
anywhere is a question for the whole project (`advisor.evidence.conclude.finish`).
"""

from __future__ import annotations

import ast

from advisor.evidence.before_start import called_names
from advisor.evidence.gather import WEAK_ENTRY, Gatherer
from advisor.evidence.observed import Location
from advisor.evidence.reactors import reactor_of
from advisor.evidence.units import names
from advisor.evidence.walk import Reader, register


@register(ast.Module)
def program(r: Reader, node: ast.Module) -> None:
    """A notebook (said once, at its first cell) or a script's main guard."""
    if r.first and r.source.cell is not None:
        first = Location(r.source.path, 1, r.source.cell)
        r.g.saw_async(first)
        reason = r.t.reason("notebook")
        r.g.emit("program", "notebook", "high", first, reason, signal="notebook")
        r.g.emit("async_app", True, "medium", first, reason, signal="notebook")
    if _support(r.source.path):
        pass
    elif r.first and r.source.cell is not None:
        r.g.entry(Location(r.source.path, 1, r.source.cell), "notebook")
    if r.source.path.rsplit("/", 1)[-1] == "__main__.py":
        r.g.entry(Location(r.source.path, 1, None), "__main__.py")
    for stmt in node.body:
        if isinstance(stmt, ast.If) and _is_main_guard(stmt.test):
            reason = r.t.reason("main_guard")
            r.g.emit("program", "script", "low", r.at(stmt), reason, signal="main")
            if not _support(r.source.path):
                r.g.entry(r.at(stmt), "main guard")
                if _parses_command_line(r, stmt, node):
                    r.g.graph.command_guards.add(r.source.path)
        elif _module_work(stmt) and not _support(r.source.path, package=True):
            r.g.entry(r.at(stmt), WEAK_ENTRY)


def _parses_command_line(r: Reader, guard: ast.If, module: ast.Module) -> bool:
    """Whether a main guard starts the program's event loop or server in its body
    (``asyncio.run(main())``; ``program_starts``) or builds a user's command line
    (``argparse.ArgumentParser``, ``docopt``; ``command_line`` in ``data/mainpath.yaml``), in its body or in a function of
    the same file it calls (directly or not): ``python -m pkg.mod ARGS`` is then how the program runs (issue
    19, cause 2; difPy's ``dif.py``), where a guard that runs a self-test or a demo, or a
    worker process's entry reading ``sys.argv``, is a library module's helper."""
    from advisor.evidence.units import names

    parsers = set(names()["command_line"])
    # Starting the program's loop or server in the guard itself is `python -m pkg.mod` too.
    starts = set(names()["program_starts"])
    for node in ast.walk(guard):
        if isinstance(node, ast.Call) and r.names.qualname(node.func) in starts:
            return True
    defined = {
        d.name: d for d in module.body if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))
    }
    # Followed through the file's own functions, however deep: pyftpdlib's guard calls
    # main(), which calls parse_args(), which builds the ArgumentParser.
    bodies: list[ast.AST] = [guard]
    for body in bodies:
        for node in ast.walk(body):
            func = node.func if isinstance(node, ast.Call) else None
            if isinstance(func, ast.Name) and defined.get(func.id) not in (None, *bodies):
                bodies.append(defined[func.id])
    for body in bodies:
        for node in ast.walk(body):
            if isinstance(node, (ast.Attribute, ast.Name)) and r.names.qualname(node) in parsers:
                return True
    return False


#: Files and folders of a project that support it rather than run it: a library's docs,
#: examples and build files do not make it an application (issue 19, cause 8).
_SUPPORT_DIRS = frozenset({"docs", "doc", "examples", "example", "benchmarks", "bench"})
_SUPPORT_FILES = frozenset({"setup.py", "conftest.py", "noxfile.py", "tasks.py", "fabfile.py"})


def _support(path: str, *, package: bool = False) -> bool:
    parts = path.split("/")
    if parts[-1] in _SUPPORT_FILES or any(p in _SUPPORT_DIRS for p in parts[:-1]):
        return True
    return package and parts[-1] == "__init__.py"


@register(ast.Assign)
def framework_app(r: Reader, node: ast.Assign) -> None:
    """``app = FastAPI()``, ``root = tk.Tk()`` at module level: an application, not a library.

    A class body is no module level (``updated = QtCore.pyqtSignal()`` declares a signal), and
    a GUI toolkit's app is its application object alone (``apps`` in ``data/frameworks.yaml``):
    a module that builds a ``QColor`` at import is no place the program starts (issue 19,
    picard)."""
    if r.functions or r.classes or not isinstance(node.value, ast.Call):
        return
    if _support(r.source.path):
        return
    name = r.names.qualname(node.value.func)
    framework = r.t.frameworks.lookup(name) if name else None
    if framework is None:
        return
    apps, last = framework.get("apps"), str(name).rsplit(".", 1)[-1]
    if (apps and last not in apps) or last.endswith(tuple(names()["not_apps"])):
        return  # a Blueprint or a router is part of an app (issue 19, newcomer review 20)
    r.g.entry(r.at(node), f"{framework['name']} app")


@register(ast.AsyncFunctionDef)
def async_function(r: Reader, node: ast.AsyncFunctionDef) -> None:
    r.g.saw_async(r.at(node))


@register(ast.Import, ast.ImportFrom)
def imports(r: Reader, node: ast.Import | ast.ImportFrom) -> None:
    seen: set[str] = set()  # `from fastapi import A, B, C` is one line, cited once (issue 19)
    if isinstance(node, ast.Import):
        for alias in node.names:
            _imported(r, alias.name, node, seen)
    elif node.module and not node.level:
        for alias in node.names:
            _imported(r, f"{node.module}.{alias.name}", node, seen)


def _imported(r: Reader, name: str, node: ast.AST, seen: set[str]) -> None:
    """A framework says what the program is and whether it runs an event loop; a cluster
    library says it spans machines."""
    t, where = r.t, r.at(node)
    if any(name in spec["newer"] for spec in t.generations.values()):
        r.g.marks.add(name)  # a newer generation's class (`advisor.evidence.generations`)
    framework = t.frameworks.lookup(name)
    if framework is not None and framework["name"] not in seen:
        seen.add(framework["name"])
        label, conf = framework["name"], framework["confidence"]
        kind = framework["program"]
        reason = t.reason(f"program_{kind}", name=label)
        r.g.emit("program", kind, conf, where, reason, signal=label)
        is_async = bool(framework["async_app"])
        reason_key = "framework_async" if is_async else "framework_sync"
        if kind == "gui" and not is_async:  # Tk/Qt run their own loop, not asyncio's
            reason_key = "gui_loop"
        if is_async:
            r.g.saw_async(where)
        if is_async or kind in {"service", "gui"}:
            loop = reactor_of(label)  # Twisted's reactor: an event loop, not asyncio's
            reason = (
                t.reason("reactor_loop", name=label, loop=loop)
                if loop
                else t.reason(reason_key, name=label)
            )
            r.g.emit("async_app", is_async, conf, where, reason, signal=label)
    cluster = t.cluster.lookup(name)
    if cluster is not None and cluster["name"] not in seen:
        seen.add(cluster["name"])
        label = cluster["name"]
        reason = t.reason("cluster", name=label)
        r.g.emit("multi_machine", True, cluster["confidence"], where, reason, signal=label)


@register(ast.ClassDef, ast.Call)
def framework_through_module(r: Reader, node: ast.ClassDef | ast.Call) -> None:
    """A framework's class named through its module (``import http.server``, then
    ``class Server(http.server.ThreadingHTTPServer)`` or ``http.server.HTTPServer(...)``) says
    what an import of the class would (uploadserver, issue 19): the import of the module
    alone names no framework. Said only where no import of this file already said it."""
    if isinstance(node, ast.Call):
        named = [r.callee] if isinstance(node.func, ast.Attribute) else []
    else:
        named = [r.names.qualname(b) for b in node.bases if isinstance(b, ast.Attribute)]
    for name in named:
        framework = r.t.frameworks.lookup(name) if name else None
        if framework is None or not name or not name.rsplit(".", 1)[-1][:1].isupper():
            continue
        label = str(framework["name"])
        if any(e.signal == label and e.file == r.source.path for e in r.g.evidence):
            continue
        kind = framework["program"]
        if kind not in {"service", "gui"}:
            continue
        reason = r.t.reason(f"program_{kind}_built", name=label)
        r.g.emit("program", kind, framework["confidence"], r.at(node), reason, signal=label)


@register(ast.Await, ast.AsyncFor, ast.AsyncWith)
def top_level_await(r: Reader, node: ast.AST) -> None:
    """``await`` outside any function: a notebook cell, run on the kernel's event loop."""
    if not r.functions:
        r.g.saw_async(r.at(node))
        reason = r.t.reason("top_level_await")
        r.g.emit("async_app", True, "high", r.at(node), reason, signal="top-level-await")


@register(ast.Call)
def event_loop(r: Reader, node: ast.Call) -> None:
    """``asyncio.run(main())`` and the like: an event loop runs."""
    runs = isinstance(node.func, ast.Attribute) and node.func.attr in r.t.loop_run_methods
    if r.callee and r.callee in r.t.event_loops:
        r.g.saw_async(r.at(node))
        reason = r.t.reason("event_loop", name=r.callee)
        r.g.emit("async_app", True, "high", r.at(node), reason, signal="event-loop")
        runs = True
    starts = isinstance(node.func, ast.Attribute) and node.func.attr in r.t.loop_start_methods
    if (runs or starts) and r.functions and isinstance(r.functions[-1], ast.FunctionDef):
        # `advisor.evidence.before_start`: the starter, and the names it calls before the
        # loop starts (not those it only hands over, as a handler is to ``add_handler``).
        r.g.loop_starters.append((r.at(node), called_names(r.functions[-1], node)))
    if runs:
        # The coroutine the loop is started with (``asyncio.run(async_main())``): what it
        # does outside its loops runs once (`advisor.evidence.startup`).
        for arg in node.args:
            if isinstance(arg, ast.Call):
                func = arg.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name:
                    r.g.loop_mains.add(name)


@register(ast.Call)
def server(r: Reader, node: ast.Call) -> None:
    """``asyncio.start_server(handle, ...)``, ``loop.run_forever()``: a network server with no
    framework imported (pproxy, issue 19). Counted only where the program's default command
    runs it (`advisor.evidence.reach_calls.call` records it as an app)."""
    method = node.func.attr if isinstance(node.func, ast.Attribute) else None
    name = r.t.server_call(r.callee, method)
    if name is not None:
        reason = r.t.reason("server_call", name=name)
        r.g.emit("program", "service", "medium", r.at(node), reason, signal="server")


@register(ast.Return)
def returned_loop(r: Reader, node: ast.Return) -> None:
    """``return trio.run(self.arun)``: a function that runs an event loop and hands its
    result back to its caller; deep in the program's work, a bridge for synchronous code
    (`advisor.evidence.aside.set_bridges_aside`)."""
    value = node.value
    if r.functions and isinstance(value, ast.Call):
        name = r.names.qualname(value.func)
        if name and name in r.t.event_loops:
            r.g.loop_starts.append(r.at(value))


def _module_work(stmt: ast.stmt) -> bool:
    """Work done when the file runs (a loop, a ``with``, a call statement that is not
    configuration): a script without a main guard. Docstrings and definitions are not."""
    if isinstance(stmt, (ast.For, ast.While, ast.With, ast.AsyncFor, ast.AsyncWith)):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, (ast.Call, ast.Await)):
        call = stmt.value.value if isinstance(stmt.value, ast.Await) else stmt.value
        if isinstance(call, ast.Call):
            func = call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            return name not in _CONFIGURATION
        return True
    return False


#: Module-level calls that set a library up rather than run a program.
_CONFIGURATION = frozenset(
    {
        "filterwarnings",
        "simplefilter",
        "register",
        "add_type",
        "setdefault",
        "basicConfig",
        "getLogger",
        "addHandler",
        "setLevel",
        "update",
        "append",
        "extend",
        "install",
        "patch",
        "use",
        "seed",
        "load_dotenv",
        "setup",
        "add_command",
        "include_router",
        "insert",
    }
)


def _is_main_guard(test: ast.expr) -> bool:
    if not (isinstance(test, ast.Compare) and len(test.comparators) == 1):
        return False
    sides = [test.left, test.comparators[0]]
    names = {s.id for s in sides if isinstance(s, ast.Name)}
    consts = {s.value for s in sides if isinstance(s, ast.Constant)}
    return names == {"__name__"} and consts == {"__main__"}


def gui_waits(g: Gatherer) -> None:
    """A desktop app on the main path waits on its user (issue 19: pympress, a PDF presenter,
    was asked ``--cpu-bound`` over a layout check and the scaling of drawn points; labelme
    was "CPU-bound" for one image decode per file opened): between events it computes, and
    that is ``--cpu-heavy-steps``' question, which the tree asks of a GUI, not whether the
    program as a whole computes. The toolkit's application object (``QApplication``, ``Tk``),
    or a project class built on its window or application, run by the default command: a
    ``--cpu-bound no`` vote at the app, said once per toolkit, as a served app's is for a
    service. Called once the main path is known, before the evidence is weighed."""
    path = g.main_path
    if path is None:
        return
    graph = g.graph
    found = [
        (a.file, a.line, a.framework)
        for a in graph.apps
        if a.kind == "gui" and path.by_default(a.file, a.unit)
    ]
    found += [
        (a.file, a.line, a.framework)
        for (file, cls), a in graph.app_classes.items()
        if a.kind == "gui"
        and any(path.by_default(file, f"{cls}.{m}") for m in graph.classes[(file, cls)].methods)
    ]
    seen: set[str] = set()
    for file, line, name in sorted(found):
        framework = g.t.frameworks.lookup(name)
        label = str(framework["name"]) if framework is not None else name
        if label in seen:
            continue
        seen.add(label)
        reason = g.t.reason("gui_waits", name=label)
        g.emit("cpu_bound", False, "high", Location(file, line, None), reason, signal=label)
    if seen:
        _steps_between_events(g)


#: ``cpu_bound`` signals a desktop app keeps: a process the author starts for its work
#: (ReText's converter process) says the work computes, whatever window is around it.
_WORKERS = frozenset({"process-pool", "process-map"})


def _steps_between_events(g: Gatherer) -> None:
    """In a desktop app, a loop that computes or a heavy native call (pympress' layout check,
    labelme's image decode) runs between two of the user's events: it answers
    ``--cpu-heavy-steps`` (its vote there stands), and is context for ``--cpu-bound``."""
    kept = []
    for item in g.evidence:
        if item.question == "cpu_bound" and item.value is True and item.signal not in _WORKERS:
            reason = g.t.reason("gui_step", step=item.reason)
            g.context.append(item._replace(question=None, value=None, reason=reason))
            continue
        kept.append(item)
    g.evidence = kept
