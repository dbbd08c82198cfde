"""Sockets one module makes and hands to another module's readiness loop.

The readiness class is read per file (`advisor.evidence.libraries.readiness_file`): a socket
of a file that selects on its sockets is readiness I/O, what asyncio's streams do. A program
often splits the two (issue 19: sshuttle's ``client.py`` binds its listening sockets, wraps
them in ``ssnet.Handler`` and runs ``ssnet.runonce(handlers, mux)``, whose ``select.select``
lives in ``ssnet.py``): the sockets were read as blocking calls, against the loop's own, and
``--async-libs`` was asked. Here a file that calls a project function or class whose body
runs a multiplexer (the loop, not only a ``setblocking``) hands its sockets to that loop: its
socket votes become readiness I/O. A file that imports the same module for anything else (a
helper, a log function) keeps its blocking sockets. Nothing here is read from a name alone:
the loop is where ``select.select``/``epoll``/a selector is called. In such a file, starting a
child (``subprocess.Popen``, ``poll()``: sshuttle's ssh and firewall helper, whose pipes the loop
or its start-up reads) waits on nothing and casts no vote (`data/libraries.yaml` ``children``).
"""

from __future__ import annotations

import ast

# Imported first so that its `readiness_file` runs before this module's handler of a file.
from advisor.evidence import libraries  # noqa: F401
from advisor.evidence.gather import Gatherer
from advisor.evidence.units import module_names
from advisor.evidence.walk import Reader, register
from advisor.inference import Evidence


@register(ast.Module)
def loops_and_sockets(r: Reader, node: ast.Module) -> None:
    """After `libraries.readiness_file`: a file with a readiness loop lists the top-level functions
    and classes that run a multiplexer; another file that makes sockets is a candidate."""
    if not r.first:
        return
    if r.readiness:
        # The whole dotted name (``pkg/net.py`` -> ``pkg.net``), or the path of a file that
        # is no module.
        module = next(iter(module_names(r.source.path)), r.source.path)
        for item in node.body:
            if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if any(_multiplexes(r, c) for c in ast.walk(item) if isinstance(c, ast.Call)):
                r.g.readiness_loops.add(f"{module}.{item.name}")
    elif "socket" in r.source.text:
        r.g.socket_files.setdefault(r.source.path, set())


def _multiplexes(r: Reader, call: ast.Call) -> bool:
    """``select.select(...)``, ``selectors.DefaultSelector()``: the loop itself."""
    return (r.names.qualname(call.func) or "") in r.t.multiplexers


@register(ast.Call)
def project_call(r: Reader, node: ast.Call) -> None:
    """What a candidate file calls, by qualified name (matched against the loops at the end)."""
    calls = r.g.socket_files.get(r.source.path)
    if calls is None or not r.callee:
        return
    calls.add(r.callee)
    if r.callee in r.t.readiness_children:
        r.g.socket_calls[(r.source.path, node.lineno)] = ("subprocess", True)
        return
    lib = r.t.libraries.lookup(r.callee)
    if lib is not None and lib.get("readiness"):
        lookup = r.callee in lib.get("lookups", ())
        r.g.socket_calls[(r.source.path, node.lineno)] = (str(lib["name"]), lookup)


def _calls_a_loop(calls: set[str], loops: set[str]) -> str | None:
    """The loop a file calls: ``sshuttle.ssnet.runonce`` (or ``.ssnet.runonce``, a relative
    import) matches the loop ``sshuttle.ssnet.runonce`` (or ``src.sshuttle.ssnet.runonce``)."""
    for call in sorted(calls):
        name = call.lstrip(".")
        if not name or "." not in name:
            continue
        for loop in loops:
            if loop == name or loop.endswith("." + name):
                return call.lstrip(".")
    return None


def hand_over(g: Gatherer) -> None:
    """Turn the socket votes of files that hand their sockets to a loop into readiness I/O;
    run once every file is read, before the main path counts the evidence."""
    if not g.readiness_loops or not g.socket_files:
        return
    handing = {
        file: loop
        for file, calls in g.socket_files.items()
        if (loop := _calls_a_loop(calls, g.readiness_loops))
    }
    if not handing:
        return
    changed: list[Evidence] = []
    for item in g.evidence:
        loop = handing.get(item.file)
        call = g.socket_calls.get((item.file, item.line))
        if (
            loop is None
            or call is None
            or call[0] != item.signal
            or item.question != "async_libs"
            or item.value is not False
        ):
            changed.append(item)
        elif not call[1]:  # a name lookup or a child started: no vote, as in the loop's file
            reason = g.t.reason("handed_readiness", name=item.signal, loop=loop)
            changed.append(item._replace(value=True, reason=reason))
    g.evidence = changed
