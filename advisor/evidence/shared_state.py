"""Shared state and concurrency already in the code: ``shared_memory`` and ``concurrency``.

Which functions run concurrently (a thread's target, a task, a request handler, and what they
call), where they write state another call can see (a module-level container, ``global``,
``self.``), whether a lock is held, and which bound the code writes for its concurrency
(``max_workers=8``, ``Semaphore(20)``). Writes are only counted once the whole project says
their function runs concurrently (`advisor.evidence.conclude.finish`). Concurrency
already used (``ThreadPoolExecutor``, ``run_in_executor``) is context, not an answer.
"""

from __future__ import annotations

import ast
import sys

from advisor.evidence import bound_sources, closure_state, dotted_state, task_registry
from advisor.evidence.scopes import Function
from advisor.evidence.tables import under
from advisor.evidence.walk import ONCE, Reader, register
from advisor.lint.callees import tail


@register(ast.FunctionDef, ast.AsyncFunctionDef)
def function(r: Reader, node: Function) -> None:
    """A request handler (``@app.get(...)``) runs concurrently with itself."""
    if _is_handler(r, node):
        r.g.worker(node.name, r.at(node))
    r.g.defs.setdefault(node.name, r.at(node))
    args = node.args.posonlyargs or node.args.args
    if not (args and args[0].arg in {"self", "cls"}):
        # A bare call `set()` or `save()` reaches a function, never a method (issue 19 #3).
        r.g.plain_defs.add(node.name)


@register(ast.Assign, ast.AugAssign, ast.Delete)
def store(r: Reader, node: ast.Assign | ast.AugAssign | ast.Delete) -> None:
    targets = [node.target] if isinstance(node, ast.AugAssign) else node.targets
    for target in targets:
        _store(r, target)


@register(ast.Assign)
def class_container(r: Reader, node: ast.Assign) -> None:
    """``_auth = {}`` in a class body: one container every instance shares (pproxy's
    ``AuthTable``), written through ``self._auth[ip] = ...`` in its methods."""
    if r.functions or not r.classes or not _container(r, node.value):
        return
    cls = ".".join(r.classes)
    for target in node.targets:
        if isinstance(target, ast.Name):
            r.g.class_containers.add((r.source.path, cls, target.id))


def _container(r: Reader, value: ast.expr) -> bool:
    if isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(value, ast.Call):
        return r.names.qualname(value.func) in r.t.containers
    return False


@register(ast.ClassDef)
def handler_class(r: Reader, node: ast.ClassDef) -> None:
    """A class built on a framework's request handler (``tornado.web.RequestHandler``,
    ``socketserver.BaseRequestHandler``): the framework calls its methods for every request,
    concurrently (`data/concurrency.yaml` ``handler_bases``)."""
    if r.functions:
        return
    for base in node.bases:
        name = r.names.qualname(base)
        if name and name in r.t.handler_bases:
            r.g.handler_classes.add((r.source.path, ".".join((*r.classes, node.name))))
        if name and name in r.t.event_clients:
            r.g.event_clients.add((r.source.path, ".".join((*r.classes, node.name)), name))
        if name and under(name, r.t.infrastructure_bases):  # a logging handler
            r.g.infrastructure.add((r.source.path, ".".join((*r.classes, node.name))))


@register(ast.Assign)
def coordination(r: Reader, node: ast.Assign) -> None:
    """``self.condition = threading.Condition(self.lock)`` in a method: the class coordinates
    threads (picard's ``TaskCounter``, whose ``wait_for_tasks`` waits for the pool's tasks to
    end); its lock guards that coordination (`data/concurrency.yaml` ``coordination``)."""
    if not (r.functions and r.classes and isinstance(node.value, ast.Call)):
        return
    if r.names.qualname(node.value.func) in r.t.coordination:
        r.g.infrastructure.add((r.source.path, ".".join(r.classes)))


def _store(r: Reader, target: ast.expr) -> None:
    """A write to shared state from inside a function: ``cache[k] = v``, ``global n``,
    ``self.count += 1``."""
    if not r.functions:
        return
    if isinstance(target, ast.Subscript):
        found = _shared_kind(r, target.value)
        if found:
            r.write(found[0], target, found[1])
    elif isinstance(target, ast.Name) and target.id in r.globals:
        r.write(target.id, target)
    elif isinstance(target, ast.Name):
        closure = closure_state.written(r, target)  # `nonlocal count; count += 1`
        if closure:
            r.write(closure[0], target, closure[1])
    elif isinstance(target, ast.Attribute) and _is_self(target.value, r.functions[-1]):
        r.write(f"self.{target.attr}", target)
    elif isinstance(target, ast.Attribute) and _held_by_self(target.value, r.functions[-1]):
        r.write(f"self.{ast.unparse(target.value)[5:]}.{target.attr}", target)
    elif isinstance(target, ast.Attribute):
        shared = _handed(r, target)
        if shared:
            r.write(shared, target)
        else:
            closure = closure_state.written(r, target)  # `stats.count += 1`, stats enclosing
            if closure:
                r.write(closure[0], target, closure[1])


@register(ast.Call)
def call(r: Reader, node: ast.Call) -> None:
    """Calls made, concurrency already used, bounds written, functions handed to run
    concurrently, and shared containers changed in place (``cache.append(x)``)."""
    qualname, last = r.callee, tail(node.func)
    if isinstance(node.func, ast.Name) and ONCE not in r.lazy and not _standard(qualname):
        # A call inside a one-time initialisation (``if _logger is None: _logger = setup()``)
        # runs once, not in every task that reaches it. A standard library function imported
        # by name (``from subprocess import run``) is not the project's ``def run`` (issue 19:
        # archivy's ripgrep search made its click command ``run`` concurrent).
        r.g.calls.setdefault(r.function, set()).add(node.func.id)
    if qualname:
        _existing(r, qualname, node)
    if last in r.t.offload_methods and isinstance(node.func, ast.Attribute):
        reason = r.t.reason("existing", name=last, kind=r.t.kind("offload"))
        r.g.emit(None, None, "high", r.at(node), reason, signal=last, existing=True)
    if last is not None:
        _spawned(r, node, last, qualname)
    if r.functions and isinstance(node.func, ast.Attribute) and node.func.attr in r.t.mutators:
        found = _shared_kind(r, node.func.value)
        if found and not task_registry.keeps_a_task(r.functions[-1], node, r.t.loop_task_makers):
            r.write(found[0], node, found[1])


def _existing(r: Reader, qualname: str, node: ast.Call) -> None:
    """Concurrency the code already uses (context), and the bound it writes for it."""
    t, where = r.t, r.at(node)
    existing = t.existing.lookup(qualname, exact=True)
    if existing is not None:
        reason = t.reason("existing", name=qualname, kind=t.kind(existing["kind"]))
        r.g.emit(None, None, "high", where, reason, signal=qualname, existing=True)
    bound = t.bounds.lookup(qualname, exact=True)
    if bound is None or not _required(node, bound.get("requires") or {}):
        return
    arg: ast.expr | None = next((k.value for k in node.keywords if k.arg == bound["arg"]), None)
    position = bound.get("position")
    if arg is None and position is not None and len(node.args) > position:
        arg = node.args[position]
    if arg is None:
        arg = bound_sources.unpacked(r, node, str(bound["arg"]))
    if arg is None:
        return
    short = qualname.rsplit(".", 1)[-1]
    bound_sources.bound_from(r, where, short, str(bound["arg"]), arg, io=bool(bound["io"]))


@register(ast.Assign, ast.AnnAssign)
def setting_dict(r: Reader, node: ast.Assign | ast.AnnAssign) -> None:
    """``DEFAULT_CONFIG = {"threads": 4, ...}`` at a module's top level: the default of each
    key a settings dict read as ``settings["threads"]`` gets when nobody configures it
    (newcomer review 25 #7: spotdl's downloader bounds its downloads with
    ``asyncio.Semaphore(self.settings["threads"])``, its defaults a dict of ``utils/config.py``).
    Whole numbers of string keys only, nested dicts too."""
    if r.functions or r.classes or not isinstance(node.value, ast.Dict):
        return
    pending = [node.value]
    while pending:
        table = pending.pop()
        for key, value in zip(table.keys, table.values, strict=True):
            if isinstance(value, ast.Dict):
                pending.append(value)
            elif (
                isinstance(key, ast.Constant)
                and isinstance(key.value, str)
                and isinstance(value, ast.Constant)
                and type(value.value) is int
                and value.value >= 1
            ):
                r.g.settings.setdefault(key.value, set()).add(value.value)


@register(ast.Assign)
def setting_default(r: Reader, node: ast.Assign) -> None:
    """``config.BOT_ASYNC_POOLSIZE = 10`` (errbot's defaults, set on the config module when it
    lacks them) or ``MAX_WORKERS = 8`` at the top of a settings module: what a pool bounded by
    that setting gets when nobody configures it (issue 19, cause 5)."""
    value = node.value
    if not (isinstance(value, ast.Constant) and type(value.value) is int and value.value >= 1):
        return
    for target in node.targets:
        name = bound_sources.setting_name(target)
        if name is None and isinstance(target, ast.Name) and not r.functions:
            name = target.id if target.id.isupper() and len(target.id) > 1 else None
        if name is not None:
            r.g.settings.setdefault(name, set()).add(value.value)


def _required(node: ast.Call, requires: dict[str, object]) -> bool:
    """Whether the call writes each keyword of *requires* with its value (``pool_block=True``):
    without them the argument caps nothing (`data/concurrency.yaml`)."""
    written = {
        k.arg: k.value.value for k in node.keywords if k.arg and isinstance(k.value, ast.Constant)
    }
    return all(k in written and written[k] == v for k, v in requires.items())


def _spawned(r: Reader, node: ast.Call, last: str, qualname: str | None) -> None:
    """Functions handed over to run concurrently become workers."""
    is_method = isinstance(node.func, ast.Attribute)
    imported = qualname is not None and qualname != last
    if last in r.t.spawners and (is_method or imported) and not _serial_map(r, node, qualname):
        refs = [node.args[0]] if node.args else []
        refs += [k.value for k in node.keywords if k.arg == "target"]
        # `target=wrap(self.worker)`, `partial(fetch, url)`: the function the call wraps runs
        # (nvpy's `Thread(target=wrap_buggy_function(self.worker_save))`).
        refs = [x.args[0] if isinstance(x, ast.Call) and x.args else x for x in refs]
        for ref in refs:
            if (
                isinstance(ref, ast.Attribute)
                and isinstance(ref.value, ast.Attribute)
                and r.functions
                and r.classes
                and _is_self(ref.value.value, r.functions[-1])
            ):
                # `target=self.signal.emit`: what the attribute holds decides (`finish`).
                chained = (r.source.path, ".".join(r.classes), ref.value.attr, ref.attr)
                r.g.chained_workers.append(chained)
                continue
            if isinstance(ref, (ast.Name, ast.Attribute)):  # fetch, self.fetch
                name = tail(ref) or ""
                r.g.worker(name)
                # `Thread(target=self.listen)` outside a loop: the object's one background
                # thread, whose `self.` writes are a hand-off to its owner (`conclude.finish`).
                alone = (
                    bool(r.functions)
                    and last in r.t.one_thread_spawners
                    and not r.loop_depth
                    and not r.comprehension_depth  # [Thread(target=self.fetch) for u in urls]
                    and isinstance(ref, ast.Attribute)
                    and _is_self(ref.value, r.functions[-1])
                )
                r.g.spawned_alone.setdefault(name, set()).add(alone)
                once = (
                    last in r.t.one_thread_spawners
                    and not r.loop_depth
                    and not r.comprehension_depth
                )
                r.g.spawned_once.setdefault(name, set()).add(once)
                if isinstance(ref, ast.Name):
                    once = last in r.t.one_thread_spawners
                    closure_state.spawned(r, name, once and not r.comprehension_depth)
    elif last in r.t.task_spawners and (is_method or imported):
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            # `gather(*(fetch(u) for u in urls))`: each call in a comprehension runs many times
            many = {
                id(call)
                for comp in ast.walk(arg)
                if isinstance(comp, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp))
                for call in ast.walk(comp)
            }
            for sub in ast.walk(arg):
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
                    r.g.worker(sub.func.id)
                    closure_state.spawned(r, sub.func.id, id(sub) not in many)


def _serial_map(r: Reader, node: ast.Call, qualname: str | None) -> bool:
    """``df["hours"].map(f)``, ``series.map(f)`` on pandas: a function applied to every item,
    one after another, in this thread; no pool (``serial_map_modules`` in
    ``data/concurrency.yaml``; newcomer review 25 #14)."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "map"):
        return False
    if isinstance(func.value, ast.Subscript):
        return True  # an item of a container: a column, not a pool
    module = (qualname or "").split(".", 1)[0]
    return module in r.t.serial_map_modules


def _shared_kind(r: Reader, node: ast.expr) -> tuple[str, str] | None:
    """The shared container *node* names and its kind (`advisor.evidence.gather.Write.kind`):
    a class-level container through ``self``, ``cls`` or the class's name; a name imported
    from a project module (a container there, checked once every file is read); else what
    `_shared` finds."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and r.classes:
        cls = ".".join(r.classes)
        if node.value.id in {"self", "cls", r.classes[-1]} and (
            (r.source.path, cls, node.attr) in r.g.class_containers
        ):
            return f"{r.classes[-1]}.{node.attr}", "class"
    if (
        isinstance(node, ast.Name)
        and node.id not in r.module.containers
        and node.id not in r.names.local
        and node.id in r.g.graph.aliases.get(r.source.path, {})
    ):
        return node.id, "imported"
    shared = _shared(r, node)
    if shared:
        return shared, ""
    return dotted_state.written(r, node) or closure_state.written(r, node)


def _shared(r: Reader, node: ast.expr) -> str | None:
    """The shared container *node* names: a module-level one, or an attribute of the
    method's ``self`` (one object, shared by every call of a method run concurrently)."""
    if isinstance(node, ast.Name):
        if node.id in r.module.containers and node.id not in r.names.local:
            return node.id
        return None
    if isinstance(node, ast.Attribute) and _is_self(node.value, r.functions[-1]):
        return f"self.{node.attr}"
    if isinstance(node, ast.Attribute) and _held_by_self(node.value, r.functions[-1]):
        return f"self.{ast.unparse(node.value)[5:]}.{node.attr}"
    return _handed(r, node)


def _held_by_self(node: ast.expr, function: Function) -> bool:
    """``self.download_object`` in ``self.download_object.downloaded += 1``: an object the
    method's ``self`` holds, one level down. Every call of a method run concurrently (a
    track thread of one album) reaches the same object through the same ``self``, so its
    attributes are shared like ``self``'s own (issue 19, held-back set 9: deemix's
    progress counters and its files and errors lists)."""
    return isinstance(node, ast.Attribute) and _is_self(node.value, function)


def _handed(r: Reader, node: ast.expr) -> str | None:
    """``bot.memory`` in ``bot.memory["seen"][nick] = now``, when ``bot`` is what the framework
    hands every handler (`data/concurrency.yaml` ``handed_parameters``): the first parameter
    of a plain ``def`` a handler decorator registers, with the event after it
    (``def seen(bot, trigger)``). One object every handler thread writes: shared state
    (issue 19, sopel's plugins)."""
    while isinstance(node, ast.Subscript):
        node = node.value
    chain: list[str] = []
    while isinstance(node, ast.Attribute):
        chain.append(node.attr)
        node = node.value
    if not (chain and isinstance(node, ast.Name) and len(r.functions) == 1):
        return None
    function = r.functions[0]
    args = [*function.args.posonlyargs, *function.args.args]
    if (
        not isinstance(function, ast.FunctionDef)
        or r.classes
        or len(args) < 2
        or node.id != args[0].arg
        or node.id not in r.t.handed_parameters
        or not _is_handler(r, function)
    ):
        return None
    return f"{node.id}.{chain[-1]}"


def _is_handler(r: Reader, function: Function) -> bool:
    """Whether a decorator registers *function* as a request or event handler. In a module
    that imports a command-line framework, ``@cli.command()`` registers a subcommand, which
    runs once per invocation, never beside itself (issue 19: bdfr's ``cli_archive`` and
    ``cli_clone`` were listed as "concurrent functions"); a chat bot's ``@bot.command()``
    elsewhere is a handler."""
    command_line = _imports_command_line(r)
    for deco in function.decorator_list:
        func = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(func, ast.Attribute) and func.attr in r.t.handler_decorators:
            if command_line and func.attr in r.t.command_line_decorators:
                continue
            return True
    return False


def _imports_command_line(r: Reader) -> bool:
    """Whether the module imports a command-line framework (`data/concurrency.yaml`)."""
    imported = r.g.graph.aliases.get(r.source.path, {}).values()
    return any(name.split(".", 1)[0] in r.t.command_line_frameworks for name in imported)


def _is_self(node: ast.expr, function: Function) -> bool:
    """``self`` as the method's first parameter calls it."""
    args = function.args.posonlyargs or function.args.args
    return isinstance(node, ast.Name) and bool(args) and node.id == args[0].arg == "self"


def _standard(qualname: str | None) -> bool:
    """A standard library function called by its imported name (``subprocess.run``)."""
    if not qualname or "." not in qualname:
        return False
    return qualname.split(".", 1)[0] in sys.stdlib_module_names
