"""ADV102: bare coroutines handed to ``asyncio.wait``.

``asyncio.wait`` waits for tasks and futures. Handed coroutines, Python 3.8 to 3.10 wrapped
them in tasks with a deprecation warning; since 3.11 it raises ``TypeError`` ("Passing
coroutines is forbidden, use tasks explicitly") and none of them runs. The shape seen in a real
fix (clientraw's sensor update, a Home Assistant integration): each changed entity's
``dev.async_update_ha_state()`` appended to a local list, the list handed to
``asyncio.wait(tasks)``. ``asyncio.gather`` takes coroutines and is not this.

The iterable is read where the function builds it: a literal or a comprehension in the call,
or a local list it fills (``tasks = [...]``, ``tasks.append(c)``, ``tasks.add(c)``,
``tasks.extend([...])``, ``tasks += [...]``). Each call in it is judged like any other
coroutine call (the coroutine functions the scan defines, across files); a method the
``library_base_coroutines`` table lists for a library the file imports is known by its name,
whatever the receiver: in ``asyncio.wait`` nothing but a task or a future is right, and
``x.async_update_ha_state()`` makes neither.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from advisor.lint.checks.helpers import own_nodes

#: asyncio's wait as name resolution spells it.
WAITS = frozenset({"asyncio.wait", "asyncio.tasks.wait"})
_FILLS = frozenset({"append", "add"})
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp)


def waited_calls(call: ast.Call, function: ast.AST) -> Iterator[ast.Call]:
    """The calls whose results make the iterable ``asyncio.wait(...)`` is handed (*call*,
    inside *function*): items of a literal or a comprehension's element, or of a local list
    *function* fills."""
    if not call.args:
        return
    first = call.args[0]
    if isinstance(first, ast.Name):
        yield from _filled(function, first.id)
    else:
        yield from _items(first)


def _items(node: ast.AST) -> Iterator[ast.Call]:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for item in node.elts:
            if isinstance(item, ast.Call):
                yield item
    elif isinstance(node, _COMPREHENSIONS) and isinstance(node.elt, ast.Call):
        yield node.elt


def _filled(function: ast.AST, name: str) -> Iterator[ast.Call]:
    """The calls *function* puts in its local list *name*; none when it binds the name twice
    (``tasks = [fetch(i) ...]`` then ``tasks = [ensure_future(t) for t in tasks]``: what is
    waited for is the second list, made of tasks)."""
    bound = [
        node
        for node in own_nodes(function)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]
    if len(bound) > 1:
        return
    for node in own_nodes(function):
        if isinstance(node, ast.Assign):
            if node in bound:
                yield from _items(node.value)
        elif isinstance(node, ast.AugAssign):
            if isinstance(node.target, ast.Name) and node.target.id == name:
                yield from _items(node.value)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
            and node.args
        ):
            if node.func.attr in _FILLS and isinstance(node.args[0], ast.Call):
                yield node.args[0]
            elif node.func.attr == "extend":
                yield from _items(node.args[0])


def imported_roots(tree: ast.Module) -> frozenset[str]:
    """The top-level packages the module imports anywhere (``homeassistant`` for
    ``from homeassistant.helpers.entity import Entity``)."""
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.partition(".")[0])
    return frozenset(roots)
