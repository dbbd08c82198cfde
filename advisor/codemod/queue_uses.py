"""The reading of queue worker pools for `queues`: which ``queue.Queue()`` the rewrite can take
over (`find`), and every method call made on it. Kept apart from the rewrite so that `context`
can name the result without importing a rule.

A queue is taken over when every use of it is known: a module-level queue or one local to a
function, bound once, whose name is only ever the receiver of a method of `METHODS` or an
element of the ``args=`` of a ``threading.Thread`` whose target is a function of the same file.
A queue handed to a worker that way (``Thread(target=worker, args=(q,))``, the tutorials'
shape) is followed into the worker's parameter, which must be used the same way, and the
worker must be started only by such threads (a direct call could pass anything else).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from advisor.codemod.analysis import CallSite, FileInfo, FuncKey, qualified, walk

QUEUE = "queue.Queue"
THREAD = "threading.Thread"
#: Methods of a queue the rewrite knows, with how many positional arguments each takes.
METHODS = {
    "get": 0,
    "put": 1,
    "task_done": 0,
    "join": 0,
    "empty": 0,
    "qsize": 0,
    "get_nowait": 0,
    "put_nowait": 1,
}
#: The same name on an asyncio.Queue, raising asyncio.QueueEmpty where queue.Queue raised
#: queue.Empty: taken over only in a file that never names queue.Empty (no handler to miss).
NOWAIT = frozenset({"get_nowait"})
#: The methods that hand an item over: a function calling one is a producer or consumer.
MOVES = frozenset({"get", "put", "get_nowait", "put_nowait"})

Use = tuple[cst.Call, str]
#: A worker's parameter a queue is handed to: (the worker's name, the parameter's position).
Slot = tuple[str, int]


@dataclass
class Queues:
    """The file's convertible queues: their ``Queue()`` calls and every method call on them."""

    creations: list[CallSite] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    uses: list[Use] = field(default_factory=list)
    #: Functions that take from a queue: they must become coroutines.
    workers: set[FuncKey] = field(default_factory=set)
    #: Per creation, the thread targets that put into or take from it (through the queue's
    #: name or a parameter it is handed to), for the change message.
    movers: dict[cst.Call, list[str]] = field(default_factory=dict)

    @property
    def lines(self) -> frozenset[int]:
        return frozenset(site.line for site in self.creations)


@dataclass
class _Reading:
    """One queue name in one scope (or one worker parameter): its method calls and the
    thread arguments it is handed on to."""

    uses: list[Use]
    passes: list[Slot]
    #: The ``args=`` elements that hand it on, one per pass.
    handed: list[cst.Name] = field(default_factory=list)


def find(info: FileInfo) -> Queues:
    found = Queues()
    sites = {site.node: site for site in info.calls}
    creations: list[tuple[CallSite, str, _Reading]] = []
    empty_named = _names_empty(info)
    for site in info.calls:
        if site.qname != QUEUE or site.sync_ctx or site.node.args:
            continue
        parent = info.parent(site.node)
        if not (isinstance(parent, cst.Assign) and len(parent.targets) == 1):
            continue
        target = parent.targets[0].target
        if not isinstance(target, cst.Name):
            continue
        scope: cst.CSTNode = info.module if site.owner is None else site.owner.node
        reading = _read(info, scope, target.value, bindings=1)
        if reading is not None and not (empty_named and _nowait(reading)):
            creations.append((site, target.value, reading))
    slots = _slots(info, creations)
    targets = {
        arg.value.value
        for site in info.calls
        if site.qname == THREAD
        for arg in site.node.args
        if arg.keyword is not None
        and arg.keyword.value == "target"
        and isinstance(arg.value, cst.Name)
    }
    for site, name, reading in creations:
        if any(slot not in slots for slot in reading.passes):
            continue
        uses = [*reading.uses, *(u for slot in set(reading.passes) for u in slots[slot].uses)]
        found.creations.append(site)
        found.names.add(name)
        movers: set[str] = set()
        for node, method in uses:
            found.uses.append((node, method))
            owner = sites[node].owner
            if owner is None:
                continue
            if method == "get":
                found.workers.add(owner.key)
            if method in MOVES and owner.key[1] in targets:
                movers.add(owner.key[1])
        found.movers[site.node] = sorted(movers)
    return found


def _slots(info: FileInfo, creations: list[tuple[CallSite, str, _Reading]]) -> dict[Slot, _Reading]:
    """The worker parameters queues are handed to that are used as queues only and receive
    nothing but a convertible queue from every thread that starts the worker: dropped (with
    the queues handed to them) until none changes."""
    slots: dict[Slot, _Reading] = {}
    for _, _, reading in creations:
        for slot in reading.passes:
            if slot in slots:
                continue
            param = _param(info, slot)
            worker = info.functions[slot[0]].node
            read = _read(info, worker, param, bindings=0) if param is not None else None
            if read is not None and _nowait(read) and _names_empty(info):
                read = None
            if read is not None and not read.passes and _only_threads(info, slot[0]):
                slots[slot] = read
    while True:
        given = {
            node
            for _, _, reading in creations
            if all(p in slots for p in reading.passes)
            for node in reading.handed
        }
        kept = {slot: read for slot, read in slots.items() if _filled(info, slot, given)}
        if len(kept) == len(slots):
            return slots
        slots = kept


def _nowait(reading: _Reading) -> bool:
    return any(method in NOWAIT for _, method in reading.uses)


def _names_empty(info: FileInfo) -> bool:
    """Whether the file names ``queue.Empty`` anywhere (an ``except queue.Empty:`` would no
    longer catch what an asyncio.Queue's ``get_nowait()`` raises)."""
    for node in walk(info.module, (cst.Name, cst.Attribute)):
        assert isinstance(node, (cst.Name, cst.Attribute))
        if qualified(info, node) == "queue.Empty":
            return True
    return False


def _filled(info: FileInfo, slot: Slot, given: set[cst.Name]) -> bool:
    """Whether every thread starting the worker hands it, at the slot's position, one of the
    *given* queue names (one still convertible)."""
    worker, index = slot
    for call in _thread_calls(info, worker):
        args = _thread_args(call)
        if args is None or index >= len(args) or args[index] not in given:
            return False
    return True


def _param(info: FileInfo, slot: Slot) -> str | None:
    """The name of the positional parameter *slot* fills, when it is a plain one."""
    func = info.functions.get(slot[0])
    if func is None:
        return None
    params = func.node.params
    if params.posonly_params or slot[1] >= len(params.params):
        return None
    return params.params[slot[1]].name.value


def _only_threads(info: FileInfo, worker: str) -> bool:
    """Whether *worker* is named only as the ``target=`` of threads of this file."""
    key = (info.path, worker)
    if any(site.callee == key for site in info.calls):
        return False
    for ref in info.refs:
        if ref.key != key:
            continue
        arg = info.parent(ref.node)
        call = info.parent(arg) if isinstance(arg, cst.Arg) else None
        if not (
            isinstance(arg, cst.Arg)
            and arg.keyword is not None
            and arg.keyword.value == "target"
            and isinstance(call, cst.Call)
            and qualified(info, call.func) == THREAD
        ):
            return False
    return True


def _thread_calls(info: FileInfo, worker: str) -> list[cst.Call]:
    found = []
    for site in info.calls:
        if site.qname != THREAD:
            continue
        for arg in site.node.args:
            if (
                arg.keyword is not None
                and arg.keyword.value == "target"
                and isinstance(arg.value, cst.Name)
                and arg.value.value == worker
            ):
                found.append(site.node)
    return found


def _thread_args(call: cst.Call) -> list[cst.BaseExpression] | None:
    """The positional arguments a thread passes its target: ``args=(a, b)`` or ``[a, b]``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "args":
            value = arg.value
            if not isinstance(value, (cst.Tuple, cst.List)):
                return None
            if any(not isinstance(e, cst.Element) for e in value.elements):
                return None
            return [e.value for e in value.elements]
    return []


def _handed_at(info: FileInfo, node: cst.Name) -> Slot | None:
    """(worker, position) when *node* is an element of ``Thread(target=worker, args=(...))``
    and worker is a function of this file."""
    element = info.parent(node)
    seq = info.parent(element) if isinstance(element, cst.Element) else None
    arg = info.parent(seq) if isinstance(seq, (cst.Tuple, cst.List)) else None
    call = info.parent(arg) if isinstance(arg, cst.Arg) else None
    if not (
        isinstance(element, cst.Element)
        and isinstance(seq, (cst.Tuple, cst.List))
        and isinstance(arg, cst.Arg)
        and arg.keyword is not None
        and arg.keyword.value == "args"
        and arg.value is seq
        and isinstance(call, cst.Call)
        and qualified(info, call.func) == THREAD
    ):
        return None
    args = _thread_args(call)
    targets = [a.value for a in call.args if a.keyword is not None and a.keyword.value == "target"]
    if args is None or len(targets) != 1 or not isinstance(targets[0], cst.Name):
        return None
    worker = targets[0].value
    if worker not in info.functions or worker in info.imports:
        return None
    index = next(i for i, value in enumerate(args) if value is node)
    return (worker, index)


def _read(info: FileInfo, scope: cst.CSTNode, name: str, *, bindings: int) -> _Reading | None:
    """Every ``name.method(...)`` call and thread argument in *scope*; None when *name* is
    used any other way or bound other than *bindings* times (a parameter: never)."""
    uses: list[Use] = []
    passes: list[Slot] = []
    handed: list[cst.Name] = []
    bound = 0
    own = _own_scopes(scope, name) if isinstance(scope, cst.Module) else []
    for node in walk(scope, (cst.Name,)):
        assert isinstance(node, cst.Name)
        if node.value != name or any(info.within(node, part) for part in own):
            continue
        parent = info.parent(node)
        if isinstance(parent, cst.AssignTarget):
            bound += 1
            continue
        if isinstance(parent, (cst.Global, cst.NameItem)):
            continue
        if isinstance(parent, cst.Param) and parent.name is node and bindings == 0:
            if info.parent(info.parent(parent) or parent) is not scope:
                return None  # a nested function's own parameter: another name
            continue
        slot = _handed_at(info, node)
        if slot is not None:
            passes.append(slot)
            handed.append(node)
            continue
        outer = info.parent(parent) if isinstance(parent, cst.Attribute) else None
        if not (
            isinstance(parent, cst.Attribute)
            and parent.value is node
            and isinstance(outer, cst.Call)
            and outer.func is parent
        ):
            return None
        method = parent.attr.value
        if method not in METHODS or len(outer.args) != METHODS[method]:
            return None
        if any(a.keyword is not None or a.star for a in outer.args):
            return None
        uses.append((outer, method))
    return _Reading(uses, passes, handed) if bound == bindings else None


def _own_scopes(module: cst.Module, name: str) -> list[cst.CSTNode]:
    """The bodies and the parameter names of the module's top-level functions with a parameter
    called *name*: there the name is the parameter, not the module's queue (``q = Queue()`` and
    ``def worker(q)``, the tutorials' spelling), read as a worker's slot instead. A default
    value (``def worker(q=q)``) and a decorator still read the module's name."""
    found: list[cst.CSTNode] = []
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef):
            params = stmt.params
            every = [*params.posonly_params, *params.params, *params.kwonly_params]
            every += [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
            mine = [p.name for p in every if p.name.value == name]
            if mine:
                found += [stmt.body, *mine]
    return found
