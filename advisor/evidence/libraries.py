"""Which libraries the code calls: ``async_libs`` (blocking or async I/O) and ``native_code``.

A call is read by its fully qualified name (`advisor.evidence.scopes`), looked up in
``data/libraries.yaml`` and ``data/native.yaml``. The same call says something about
``cpu_bound`` too, and says it here, where the library is known: waiting on I/O is not
computing, and a heavy call into native code is (and is then also a heavy step).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

from advisor.evidence import gil_native, option_actions, started_children, work_factor
from advisor.evidence.below_loop import coroutine_above
from advisor.evidence.in_memory import in_memory
from advisor.evidence.probes import (
    _last_name,
    child_process_targets,
    parsed_in_worker,
    probe_call,
)
from advisor.evidence.setup_children import setting_up
from advisor.evidence.switch import record
from advisor.evidence.tables import BLOCKS_LOOP, listing, under
from advisor.evidence.walk import Reader, register


@register(ast.Call)
def library(r: Reader, node: ast.Call) -> None:
    """An I/O library: async (the code already runs an event loop) or blocking."""
    qualname = r.callee
    if not qualname:
        return
    t, where = r.t, r.at(node)
    lib = t.libraries.lookup(qualname)
    if lib is None or t.configuration(qualname) or lib.get("bases") or t.container_call(qualname):
        return  # `ClientTimeout(...)`, `Config(...)`: configuration, not a call that waits
    probe = probe_call(r, node, lib)
    if probe is not None:
        program = _program_name(probe) or t.kind("a_child_process")
        r.g.emit(
            None,
            None,
            lib["confidence"],
            where,
            t.reason("child_probe", program=program),
            signal=lib["name"],
        )
        return
    if option_actions.in_option_action(r):
        option = r.classes[0]
        reason = t.reason("option_action", name=lib["name"], option=option)
        r.g.emit(None, None, lib["confidence"], where, reason, signal=lib["name"])
        return
    started = (
        started_children.how(r, node, qualname, lib.get("starts", ()))
        if lib["what"] == "process"
        else None
    )
    if started == started_children.LET_GO:
        program = _program_name(node) or t.kind("a_child_process")
        reason = t.reason("child_let_go", program=program)
        r.g.emit(None, None, lib["confidence"], where, reason, signal=lib["name"])
        return
    r.g.waiting.add(r.function)
    if lib["what"] != "file" or lib["confidence"] != "low":
        r.g.waits_beyond_files.add(r.function)
    r.g.function_at[(where.file, where.line)] = r.function
    record(r.g.io_calls, where, qualname, lib)
    if lib.get("votes") is False:
        return  # waits (its loops do not compute), but says nothing about the work
    name, conf, what = lib["name"], lib["confidence"], t.kind(lib["what"])
    if lib.get("readiness") and r.readiness:
        _readiness_io(r, node, qualname, lib)
        return
    if lib["async"]:
        r.g.saw_async(where)
        r.g.emit("async_libs", True, conf, where, t.reason("async_library", name=name), signal=name)
        reason = t.reason("async_io", name=qualname, what=what)
        r.g.emit("cpu_bound", False, conf, where, reason, signal=name)
        return
    counterparts = listing(lib.get("counterparts", ()))
    loop = lib.get("callbacks")
    if loop and qualname.rsplit(".", 1)[-1] not in lib.get("blocking", ()):
        _callbacks(r, node, lib, str(loop))
        return
    if _outside_the_loop(r):
        which = "sync_outside_loop" if r.functions else "sync_before_loop"
        reason = t.reason(which, name=name)
        r.g.emit(None, None, conf, where, reason, signal=name)
    elif r.function in r.process_targets:
        reason = t.reason("sync_in_child_process", name=name, function=r.function)
        r.g.emit(None, None, conf, where, reason, signal=name)
    elif lib["what"] == "process" and (command := setting_up(r, node)):
        reason = t.reason("setup_child", command=command)
        r.g.emit(None, None, conf, where, reason, signal=name)
    else:
        # yt-dlp's only "counterpart" is a thread to run it in (newcomer review 25 #14): say
        # so, never call `asyncio.to_thread` an async version of the library.
        offload = set(lib.get("counterparts", ())) <= _OFFLOADS
        said = "sync_library_offload" if offload and counterparts else "sync_library"
        reason = t.reason(said, name=name, counterparts=counterparts)
        r.g.emit("async_libs", False, conf, where, reason, signal=name)
        if r.functions and isinstance(r.functions[-1], ast.AsyncFunctionDef):
            # A blocking call in the coroutine itself stops every task while it waits: not
            # every library is async, whatever async client sits beside it (issue 19). Not a
            # local file's `open()` (low): the page cache makes it short, and a download
            # written chunk by chunk to its file is still async I/O (twitch-dl's segments).
            function = r.functions[-1].name
            reason = t.reason("blocks_the_loop", name=name, function=function)
            if conf != "low":
                r.g.emit("async_libs", False, "high", where, reason, signal=BLOCKS_LOOP)
            if not (r.loop_depth or r.comprehension_depth):
                # Once per call of the coroutine: at start-up if only the program's first
                # coroutine runs it (`advisor.evidence.startup`), decided on the main path.
                r.g.blocking_once.append(where)
        elif conf != "low" and (coroutine := coroutine_above(r)) is not None:
            # One call below: a plain function the coroutine calls directly stops every task
            # just the same (aho's chat command and its synchronous OpenAI client).
            reason = t.reason(
                "blocks_below_loop", name=name, function=r.function, coroutine=coroutine
            )
            r.g.emit("async_libs", False, "high", where, reason, signal=BLOCKS_LOOP)
    if lib["what"] == "process" and parsed_in_worker(r, node):
        # The worker process was started for the Python work on the child's output.
        program = _program_name(node) or t.kind("a_child_process")
        reason = t.reason("child_parsed_in_worker", program=program, function=r.function)
        r.g.emit(None, None, conf, where, reason, signal=name)
        return
    if started == started_children.FED:
        program = _program_name(node) or t.kind("a_child_process")
        reason = t.reason("child_fed", program=program, function=r.function)
        r.g.emit(None, None, conf, where, reason, signal=name)
        return
    if lib["what"] == "process":
        r.g.child_waits.add((where.file, where.line))
        program = _program_name(node) or t.kind("a_child_process")
        reason = t.reason("child_process", program=program)
    else:
        reason = t.reason("sync_io", name=qualname, what=what)
    if not in_memory(node, lib):  # `connect(":memory:")` blocks the thread, but waits on nothing
        r.g.emit("cpu_bound", False, conf, where, reason, signal=name)


@register(ast.Module)
def process_targets(r: Reader, node: ast.Module) -> None:
    """The plain functions this file hands to a child process (`probes.child_process_targets`):
    their blocking calls block that process, not the event loop. Read once per file."""
    r.process_targets = child_process_targets(r.source.text, node)


@register(ast.Module)
def readiness_file(r: Reader, node: ast.Module) -> None:
    """Whether this file runs its own readiness loop over raw sockets: it calls a multiplexer
    (``select.select(...)``, ``select.epoll()``, a ``selectors`` selector) or puts a socket in
    non-blocking mode (``sock.setblocking(False)``; shadowsocks' relays, whose loop is in
    another module). Not a file whose select runs beside a thread or process per connection
    (``per_connection``): one started in the function that selects (websockify's accept
    loop), or a threading server's class in the file; its select is then one connection's.
    Read once per file, before the calls the flag changes."""
    text = r.source.text
    if "select" not in text and "setblocking" not in text:
        return  # the usual file: no walk of its own
    ready = spawns = False
    for item in ast.walk(node):
        if isinstance(item, ast.Call):
            ready = ready or _readiness_call(r, item)
        elif isinstance(item, ast.ClassDef):
            spawns = spawns or any(_last_name(b) in r.t.per_connection for b in item.bases)
        elif isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not spawns:
            calls = [c for c in ast.walk(item) if isinstance(c, ast.Call)]
            spawns = any(_readiness_call(r, c) for c in calls) and any(
                _last_name(c.func) in r.t.per_connection for c in calls
            )
    r.readiness = ready and not spawns


def _readiness_call(r: Reader, call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in r.t.nonblocking_methods:
        flag = call.args[0] if call.args else None
        return isinstance(flag, ast.Constant) and flag.value in (False, 0)
    return (r.names.qualname(func) or "") in r.t.multiplexers


def _readiness_io(r: Reader, node: ast.Call, qualname: str, lib: Mapping[str, Any]) -> None:
    """A socket of a file that multiplexes its sockets (`readiness_file`): it waits only when
    the loop says it is ready, on the loop's one thread, which is what asyncio's streams do,
    so it votes ``--async-libs yes``; a hand-written select loop is no blocking library (issue
    19: miniircd's ``select.select`` over its clients was read as three blocking calls). A
    name lookup there casts no vote on ``--async-libs``: it resolves the address to listen
    on, or one the program's own resolver found. Both still wait rather than compute."""
    t, where = r.t, r.at(node)
    name, conf, what = str(lib["name"]), str(lib["confidence"]), t.kind(str(lib["what"]))
    if qualname in lib.get("lookups", ()):
        reason = t.reason("sync_io", name=qualname, what=what)
    else:
        reason = t.reason("readiness_io", name=name)
        r.g.emit("async_libs", True, conf, where, reason, signal=name)
        reason = t.reason("async_io", name=qualname, what=what)
    r.g.emit("cpu_bound", False, conf, where, reason, signal=name)


@register(ast.ClassDef)
def callback_class(r: Reader, node: ast.ClassDef) -> None:
    """``class Server(asyncio.DatagramProtocol)``: the library calls the class's methods as
    its I/O completes (`data/libraries.yaml` ``bases``), so the program does that library's
    I/O, though it never calls it by name (py3tftp's endpoints are opened through a loop of
    unknown type: ``loop.create_datagram_endpoint(...)``)."""
    t, where = r.t, r.at(node)
    for base in node.bases:
        qualname = r.names.qualname(base)
        lib = t.libraries.lookup(qualname) if qualname else None
        if qualname is None or lib is None or not lib.get("bases") or not lib["async"]:
            continue
        name, conf, what = lib["name"], lib["confidence"], t.kind(lib["what"])
        r.g.saw_async(where)
        r.g.emit("async_libs", True, conf, where, t.reason("async_library", name=name), signal=name)
        reason = t.reason("async_callbacks", name=qualname, what=what)
        r.g.emit("cpu_bound", False, conf, where, reason, signal=name)
        return


def _callbacks(r: Reader, node: ast.Call, lib: Mapping[str, Any], loop: str) -> None:
    """A call of an asynchronous API of a GUI toolkit's own loop (Qt's ``QProcess``,
    ``QNetworkAccessManager``): it returns at once and reports through signals, so it blocks
    nothing, yet asyncio cannot await it either (issue 19: picard's fingerprinting runs
    ``fpcalc`` in a ``QProcess`` whose ``finished`` signal comes back on the GUI thread)."""
    t, where = r.t, r.at(node)
    name, conf = str(lib["name"]), str(lib["confidence"])
    reason = t.reason("callback_library", name=name, loop=loop)
    r.g.emit("async_libs", False, conf, where, reason, signal=name)
    if lib["what"] == "process":
        method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        named = _program_name(node) if method in {"start", "startDetached"} else None
        program = named or t.kind("a_child_process")
        reason = t.reason("child_process_signals", program=program, loop=loop)
    else:
        reason = t.reason("callback_io", name=name, what=t.kind(str(lib["what"])), loop=loop)
    r.g.emit("cpu_bound", False, conf, where, reason, signal=name)


@register(ast.Module)
def top_level_loop(r: Reader, node: ast.Module) -> None:
    """A script whose module level (or main guard) starts the event loop itself
    (butterfly.server.py: module-level set-up, then ``ioloop.start()``): its module-level
    blocking calls run before the loop, as in a function that starts it (`_outside_the_loop`)."""
    bound: dict[str, str] = {}
    statements = list(node.body)
    for stmt in node.body:
        if isinstance(stmt, ast.If):
            statements += stmt.body
    for stmt in statements:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            made = r.names.qualname(stmt.value.func) or ""
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    bound[target.id] = made
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
            continue
        func = stmt.value.func
        if _starts_loop(r, stmt.value):
            r.g.top_loops.add(r.source.path)
        elif isinstance(func, ast.Attribute) and func.attr in _LOOP_START_METHODS:
            receiver = func.value
            made = bound.get(receiver.id, "") if isinstance(receiver, ast.Name) else ""
            if isinstance(receiver, ast.Call):
                made = r.names.qualname(receiver.func) or ""
            if any(made.startswith(p) for p in r.t.loop_classes):
                r.g.top_loops.add(r.source.path)


#: ``loop.start()`` on an object of one of the `loop_classes` (Tornado's IOLoop) runs it.
_LOOP_START_METHODS = frozenset({"start", "run_forever"})


def _starts_loop(r: Reader, node: ast.Call) -> bool:
    return r.names.qualname(node.func) in r.t.event_loops or (
        isinstance(node.func, ast.Attribute) and node.func.attr in r.t.loop_run_methods
    )


def _outside_the_loop(r: Reader) -> bool:
    """A blocking call made once, in the synchronous function that starts the event loop
    (``asyncio.run``, ``get_event_loop``, ``loop.run_until_complete``), outside every loop of
    it: it runs before or after the loop, never while tasks wait, so it cannot block them and says nothing about the
    libraries of the work (issue 19: aiodnsbrute's one ``socket.gethostbyname`` of the domain
    at start-up against the aiodns of every lookup). Decided from the code's structure: the
    function itself, not the functions it calls, starts the loop."""
    if r.loop_depth or r.comprehension_depth:
        return False
    if not r.functions:
        return r.source.path in r.g.top_loops
    function = r.functions[-1]
    if not isinstance(function, ast.FunctionDef):
        return False
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Call) and (
            r.names.qualname(node.func) in r.t.event_loops
            or (isinstance(node.func, ast.Attribute) and node.func.attr in r.t.loop_run_methods)
        ):
            return True
        stack.extend(
            c
            for c in ast.iter_child_nodes(node)
            if not isinstance(c, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))
        )
    return False


#: Counterparts that are no async library, only a way to run a blocking call in a thread.
_OFFLOADS = frozenset({"asyncio.to_thread", "anyio.to_thread.run_sync", "loop.run_in_executor"})


def _exception_class(qualname: str) -> bool:
    """``zlib.error(...)``, ``PIL.UnidentifiedImageError(...)``: an exception a native
    library defines, built to be raised, runs no native code (newcomer review 25, 14:
    ``raise zlib.error(...)`` was listed as "a light native call")."""
    last = qualname.rsplit(".", 1)[-1]
    return last == "error" or last.endswith(("Error", "Exception", "Warning"))


@register(ast.Call)
def native(r: Reader, node: ast.Call) -> None:
    """Native code: a call into a compiled library; a heavy one is also a CPU-bound step.

    Heavy means heavy (issue 19): a name under ``heavy``, a digest of a whole file or stream
    (``whole``), or a heavy method of an object the library made (``img.resize`` for
    ``img = Image.open(path)``). One digest of a header or one ``Image.open`` only says
    the code calls native code, never that the program computes, nor that its work is
    native: such a call is context, and only heavy calls answer ``native_code``."""
    qualname = r.callee or _method_of_object(r, node)
    if not qualname or _exception_class(qualname):
        return
    t, where = r.t, r.at(node)
    entry = t.native.lookup(qualname)
    if entry is None:
        return
    name = entry["name"]
    heavy = (
        under(qualname, entry.get("heavy", ())) or "(...)." in qualname or _typed(qualname, entry)
    )
    if not heavy and under(qualname, entry.get("whole", ())):
        heavy = any(_reads_whole(arg) for arg in node.args)
    if heavy and under(qualname, entry.get("per_object", ())) and _per_object(r, node):
        heavy = False
    heavy = heavy and not work_factor.light(r, node, qualname, entry)
    if heavy and "(...)." in qualname and _alone(r, node, entry):
        heavy = False
    if heavy:
        gil_native.heavy_call(r, where, qualname, entry)
    else:
        # Context, not a vote (issue 19, cause 1): black's `hashlib.sha256` of a cache key or a
        # notebook's `pd.DataFrame(rows)` says native code is called, not that the program's
        # work runs there.
        reason = t.reason("native_incidental", name=qualname, library=name)
        r.g.emit(None, None, "medium", where, reason, signal=name)


def _alone(r: Reader, node: ast.Call, entry: Mapping[str, Any]) -> bool:
    """``im = Image.open(path); im.save(path, dpi=...)``: a method of ``alone`` (native.yaml)
    called once, outside any loop, on an object the function does nothing else with. Writing
    an image back encodes it once; an open and a save with nothing between them re-saves one
    file (issue 19, apps set 23: NanoPlot stamps each exported figure's DPI), one incidental
    call, not the program's work. In a loop, or on an image the function pastes into, crops,
    resizes or hands to another call (comic-dl's unscrambled tiles), it is heavy."""
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in entry.get("alone", ()):
        return False
    if r.loop_depth or r.comprehension_depth or not r.functions:
        return False
    receiver = func.value
    if not isinstance(receiver, ast.Name):
        return isinstance(receiver, ast.Call)  # Image.open(p).save(q): nothing in between
    uses = 0
    for item in ast.walk(r.functions[-1]):
        if isinstance(item, ast.Name) and item.id == receiver.id and isinstance(item.ctx, ast.Load):
            uses += 1
    return uses == 1  # the save's own receiver, and nothing else


def _typed(qualname: str, entry: Mapping[str, Any]) -> bool:
    """``translator.translate_batch(...)`` where the code says ``translator`` is a
    ``ctranslate2.Translator`` (resolved to ``ctranslate2.Translator.translate_batch``): a heavy
    method of an object the library made, named through its class; or through a class of
    ``types`` a parameter is annotated with (optimize-images' ``transform_png(img:
    Image.Image, ...)`` ends in ``img.save(buffer, optimize=True)``; issue 19, a-apps25)."""
    made, _, method = qualname.rpartition(".")
    kinds = (*entry.get("objects", ()), *entry.get("types", ()))
    return bool(made) and method in entry.get("methods", ()) and under(made, kinds)


def _method_of_object(r: Reader, node: ast.Call) -> str | None:
    """``img.resize(...)``, ``Image.open(p).resize(...)``: the heavy method of an object a
    native library returned (``objects``/``methods`` in native.yaml), named
    ``PIL.Image.open(...).resize``; None for any other call."""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return None
    receiver: ast.expr | None = func.value
    if isinstance(receiver, ast.Name):
        receiver = r.local_values.get(receiver.id)
    if not isinstance(receiver, ast.Call):
        return None
    made = r.names.qualname(receiver.func)
    entry = r.t.native.lookup(made) if made else None
    if entry is None or not under(str(made), entry.get("objects", ())):
        return None
    if func.attr not in entry.get("methods", ()):
        return None
    return f"{made}(...).{func.attr}"


def _per_object(r: Reader, node: ast.Call) -> bool:
    """An array call in a method on the object's own state and its parameters only
    (``np.linalg.norm(self.b - self.a)``, ``np.matmul(rot, self.wall_vec)`` with
    ``rot = np.array([[0, -1], [1, 0]])``): geometry of one particle or wall, called per item
    by the loops around it, with nothing that says its arrays are large (issue 19: bengine's
    2-vectors). Its cost is the Python around it, not the native call."""
    if not (r.classes and r.functions):
        return False
    function = r.functions[-1]
    args = function.args
    params = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    if not params or params[0] != "self":
        return False
    operands = [*node.args, *(k.value for k in node.keywords)]
    return bool(operands) and all(_own_state(r, o, set(params), 0) for o in operands)


def _own_state(r: Reader, node: ast.expr, params: set[str], depth: int) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        if node.id in params:
            return True
        value = r.local_values.get(node.id)  # unpacked from a method's result: not known
        return value is None or (depth < 3 and _own_state(r, value, params, depth + 1))
    if isinstance(node, ast.Attribute):
        return _own_state(r, node.value, params, depth)
    if isinstance(node, ast.BinOp):
        return _own_state(r, node.left, params, depth) and _own_state(r, node.right, params, depth)
    if isinstance(node, ast.UnaryOp):
        return _own_state(r, node.operand, params, depth)
    if isinstance(node, (ast.List, ast.Tuple)):
        return len(node.elts) <= 16 and all(_own_state(r, e, params, depth) for e in node.elts)
    if isinstance(node, ast.Call):  # np.array([[0, -1], [1, 0]]): a few numbers written out
        func = node.func
        while isinstance(func, ast.Attribute):
            func = func.value
        if isinstance(func, ast.Name) and func.id in params and func is not node.func:
            return True  # what the object's own methods return (`self.dist(other)`)
        name = r.names.qualname(node.func) or ""
        return (
            name in {"numpy.array", "numpy.asarray"}
            and len(node.args) == 1
            and isinstance(node.args[0], (ast.List, ast.Tuple))
            and _own_state(r, node.args[0], set(), depth)
        )
    return False


def _reads_whole(arg: ast.expr) -> bool:
    """``f.read()`` or ``path.read_bytes()``: a whole file or stream, not a header."""
    return (
        isinstance(arg, ast.Call)
        and isinstance(arg.func, ast.Attribute)
        and arg.func.attr in {"read", "read_bytes", "getvalue"}
        and not arg.args
    )


def _program_name(node: ast.Call) -> str | None:
    """``subprocess.run(["ffmpeg", ...])`` -> ``ffmpeg``; None when it is not written out."""
    if not node.args:
        return None
    first = node.args[0]
    if isinstance(first, (ast.List, ast.Tuple)) and first.elts:
        first = first.elts[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.strip():
        return first.value.split()[0].rsplit("/", 1)[-1][:40]
    if isinstance(first, ast.Name):
        return first.id[:40]  # the variable that names the tool (`gcov`)
    return None
