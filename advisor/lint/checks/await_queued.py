"""ADV102 through a queue: a coroutine put on a queue whose consumer takes plain values.

``await task_queue.put(client.tree.sync())`` hands the coroutine to whatever takes items from
``task_queue``. When every consumer in the same file takes an item (``item = await
task_queue.get()`` or ``task_queue.get_nowait()``) and uses it only as a record — an attribute
read (``item.get("user")``) or an item (``item["user"]``), also inside a plain helper of the
file it hands the item to — nothing ever awaits it, and the coroutine never runs
(ad_discordbot#4: the fix put it on ``bg_task_queue``, whose consumer awaits each item).

Which call is a coroutine is decided two ways. A call the same file also awaits
(``await client.tree.sync()``) or puts on a queue whose consumer awaits its items (``task =
await bg_task_queue.get(); await task``) is one by the code's own word, even when it is a
library's method the scan cannot see (`queued_awaitables`); any other call is a candidate of
the ordinary join (a coroutine function of the scan, `await_missing_across`).

Quiet on purpose: a queue with no consumer in the file (another module may await its items),
one taken from any other way (``async for``, ``get()`` handed on), and a consumer that awaits,
schedules, returns, stores or hands the item to anything but such a helper. Pure: questions of
the module's tree, answered once per file that puts a call on a queue.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from advisor.lint.callees import full_name, tail
from advisor.lint.checks.helpers import statements
from advisor.lint.statements import walk

PUTS = frozenset({"put", "put_nowait"})
# What a coroutine object, a future or a task has: reading one says nothing of the items' kind
# (a queue of tasks whose consumer cancels or reads `result()` holds no plain values).
_CORO_ATTRS = frozenset(
    {
        "send",
        "throw",
        "close",
        "__await__",
        "result",
        "done",
        "cancel",
        "cancelled",
        "exception",
        "add_done_callback",
        "remove_done_callback",
        "set_result",
        "set_exception",
        "get_loop",
        "get_coro",
        "get_name",
        "set_name",
    }
)
PLAIN, AWAITED, UNKNOWN = "plain", "awaited", "unknown"


@dataclass
class Queues:
    """A file's queues by receiver as written (``task_queue``, ``self.jobs``): how their
    items are used (`PLAIN`, `AWAITED`, `UNKNOWN`), and the callees the file shows to return
    awaitables (awaited, or put on an `AWAITED` queue)."""

    kinds: dict[str, str] = field(default_factory=dict)
    awaitables: set[str] = field(default_factory=set)


def queue_puts(call: ast.Call) -> tuple[str, ast.Call] | None:
    """``q.put(f())`` or ``q.put_nowait(f())``: the receiver as written and the call put."""
    func = call.func
    if (
        type(func) is ast.Attribute
        and func.attr in PUTS
        and len(call.args) == 1
        and not call.keywords
        and type(call.args[0]) is ast.Call
    ):
        return full_name(func.value), call.args[0]
    return None


def file_queues(tree: ast.Module, joins: frozenset[str]) -> Queues:
    """Every queue of the file the file consumes, with its items' use (see the module);
    *joins* are the calls that run a coroutine handed to them (`gather`, `create_task`...)."""
    helpers = {
        node.name: node
        for node in tree.body
        if type(node) is ast.FunctionDef and node.args.args and not node.decorator_list
    }
    parents = _Parents()
    # outermost defs (a nested one is walked with the def around it), each with the module
    # or class whose body holds it; a class is a statement, so the statements find them all
    holders: list[ast.Module | ast.ClassDef] = [tree]
    holders += [s for s in statements(tree.body, past=()) if type(s) is ast.ClassDef]
    functions = [
        (node, holder)
        for holder in holders
        for node in holder.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    found = Queues()
    awaited_calls: set[str] = set()
    # each def walked once: its puts are kept for after, when every queue's kind is known
    puts: list[tuple[tuple[str, ast.Call], str | None]] = []
    for function, owner in functions:
        cls = owner.name if type(owner) is ast.ClassDef else None
        for node in walk(function):
            kind = type(node)
            if kind is ast.Await and type(node.value) is ast.Call:  # type: ignore[attr-defined]
                awaited_calls.add(full_name(node.value.func))  # type: ignore[attr-defined]
            elif kind is ast.Call:
                put = queue_puts(node)  # type: ignore[arg-type]
                if put is not None:
                    puts.append((put, cls))
            take = _taken(node)
            if take is None:
                continue
            used = _consumer_kind(node, parents, function, helpers, joins)
            key = queue_key(take, cls)
            found.kinds[key] = _join(found.kinds.get(key), used)
    found.awaitables = {name for name in awaited_calls if not name.endswith(".get")}
    for put, cls in puts:
        if found.kinds.get(queue_key(put[0], cls)) == AWAITED:
            found.awaitables.add(full_name(put[1].func))
    return found


def queue_key(receiver: str, cls: str | None) -> str:
    """A queue by receiver as written; ``self.queue`` is each class's own."""
    return f"{cls}:{receiver}" if cls is not None and receiver.startswith("self.") else receiver


def _join(old: str | None, new: str) -> str:
    if old is None or old == new:
        return new
    return UNKNOWN


def _taken(node: ast.AST) -> str | None:
    """The receiver of ``await q.get()`` or of ``q.get_nowait()``, or None."""
    if type(node) is ast.Await:
        call = node.value
        method = "get"
    elif type(node) is ast.Call:
        call, method = node, "get_nowait"
    else:
        return None
    if (
        type(call) is ast.Call
        and type(call.func) is ast.Attribute
        and call.func.attr == method
        and not call.args
        and not call.keywords
    ):
        return full_name(call.func.value)
    return None


def _consumer_kind(
    take: ast.AST,
    parents: _Parents,
    function: ast.AST,
    helpers: dict[str, ast.FunctionDef],
    joins: frozenset[str],
) -> str:
    """How the item a ``get`` takes is used: bound to one name and then only read as a
    record (`PLAIN`), awaited or scheduled (`AWAITED`), anything else (`UNKNOWN`)."""
    parents.cover(function)
    parent = parents.get(id(take))
    if type(take) is ast.Call and type(parent) is ast.Await:
        return UNKNOWN  # `await q.get_nowait()`: not a queue's item
    if (
        type(parent) is not ast.Assign
        or len(parent.targets) != 1
        or type(parent.targets[0]) is not ast.Name
    ):
        return UNKNOWN
    name = parent.targets[0].id
    return _uses(function, name, parents, helpers, joins, depth=1)


def _uses(
    function: ast.AST,
    name: str,
    parents: _Parents,
    helpers: dict[str, ast.FunctionDef],
    joins: frozenset[str],
    *,
    depth: int,
) -> str:
    parents.cover(function)
    evidence = False
    for node in walk(function):
        if type(node) is not ast.Name or node.id != name or type(node.ctx) is not ast.Load:
            continue
        parent = parents.get(id(node))
        if type(parent) is ast.Await:
            return AWAITED
        if type(parent) is ast.Attribute and parent.value is node:
            if parent.attr in _CORO_ATTRS or parent.attr.startswith("cr_"):
                return UNKNOWN
            evidence = True
        elif type(parent) is ast.Subscript and parent.value is node:
            evidence = True
        elif type(parent) is ast.Compare and _sentinel_test(parent):
            continue  # `if item is None: break`
        elif type(parent) is ast.Call and node in parent.args and not parent.keywords:
            callee = parent.func
            if tail(callee) in joins:
                return AWAITED  # scheduled or gathered: it runs
            helper = helpers.get(callee.id) if type(callee) is ast.Name else None
            if helper is None or depth == 0 or len(parent.args) > len(helper.args.args):
                return UNKNOWN  # handed on: the item may well be awaited there
            param = helper.args.args[parent.args.index(node)].arg
            inner = _uses(helper, param, parents, {}, joins, depth=depth - 1)
            if inner != PLAIN:
                return inner
            evidence = True
        else:
            return UNKNOWN
    return PLAIN if evidence else UNKNOWN


def _sentinel_test(compare: ast.Compare) -> bool:
    return all(type(op) in (ast.Is, ast.IsNot) for op in compare.ops) and all(
        type(c) is ast.Constant for c in compare.comparators
    )


class _Parents(dict[int, ast.AST]):
    """Each node's parent by id, filled one def at a time as a consumer's question reaches it
    (the def holding a ``get``, a helper the item is handed to): the parents of every node of
    the file were a third of this module's cost, for the few defs that take from a queue."""

    def __init__(self) -> None:
        super().__init__()
        self._covered: set[int] = set()

    def cover(self, function: ast.AST) -> None:
        if id(function) not in self._covered:
            self._covered.add(id(function))
            self.update(_parents_of(function))


def _parents_of(function: ast.AST) -> dict[int, ast.AST]:
    parents: dict[int, ast.AST] = {}
    for node in walk(function):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    return parents
