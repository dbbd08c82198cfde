"""State of an enclosing function that the closures it runs concurrently change (newcomer
review 23, 3).

speedtest-cli's ``Speedtest.download`` binds ``in_flight = {'threads': 0}``, then starts a
``producer`` thread that does ``in_flight['threads'] += 1`` and a ``consumer`` thread that does
``in_flight['threads'] -= 1``, without a lock: a lost-update race. Only module-level containers
and ``self.`` were counted, so the scan said the concurrent functions "share no state they
change".

While reading (`written`): inside a nested function, a write through a name the function does
not bind itself (or declares ``nonlocal``) but a function around it binds is a write to that
closure's state (``in_flight[...] = ``, ``finished.append(x)``, ``stats.count += 1``,
``nonlocal count; count += 1``), and which closures each function hands over to run
concurrently (`spawned`). Once every file is read (`shared`): it counts when the enclosing
function hands the writing closure over and it may run beside itself (a pool's task, threads
started in a loop, coroutines gathered from a comprehension), or when another closure it
hands over changes the same variable. One thread started once that fills a result its
starter reads after ``join()`` hands a value over; it shares nothing.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.scopes import function_info, walk_local

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.observed import Location, Write
    from advisor.evidence.walk import Reader

#: The kind of `Write` this module records (`advisor.evidence.observed.Write.kind`).
CLOSURE = "closure"
#: A write through a parameter whose default binds an object of the enclosing function
#: (``status=block._``): shared with whoever keeps that object, whenever the callback runs
#: concurrently (`shared`).
BOUND = "bound"


def written(r: Reader, node: ast.expr) -> tuple[str, str] | None:
    """The closure variable *node* (a name, or the root of an attribute or item chain)
    changes inside a nested function, with its kind; the enclosing function's ``def`` is
    kept for `shared` (`Gatherer.closure_owners`)."""
    chain: list[str] = []
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            chain.append(node.attr)
        node = node.value
    if not (isinstance(node, ast.Name) and len(r.functions) >= 2):
        return None
    name = node.id
    inner = r.functions[-1]
    bound = _bound_default(r, inner, name)
    if bound is not None and chain:
        # ``def downloaded(file, status=block._): status.downloaded = True`` (bilili, apps
        # set 24): the default binds an object of the function around it into the
        # callback, as a closure would; the callback changes that object.
        _, text, outer = bound
        target = ".".join([text, *reversed(chain)])
        r.g.closure_owners[(r.at(node), target)] = r.at(outer)
        return target, BOUND
    if name in r.names.local and name not in _nonlocals(inner):
        return None
    for outer in reversed(r.functions[:-1]):
        if name in function_info(outer).local:
            target = ".".join([name, *reversed(chain)])
            r.g.closure_owners[(r.at(node), target)] = r.at(outer)
            return target, CLOSURE
    return None


def _bound_default(r: Reader, inner: ast.AST, name: str) -> tuple[str, str, ast.AST] | None:
    """(root, ``block._``, the function binding root) when *name* is a parameter of *inner*
    whose default is a name, or an attribute of one, that a function around it binds (a
    loop's variable, a local): the object is bound into the callback when it is defined."""
    args = getattr(inner, "args", None)
    if args is None:
        return None
    positional = [*args.posonlyargs, *args.args]
    pairs = [
        *zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True),
        *((a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None),
    ]
    default = next((d for a, d in pairs if a.arg == name), None)
    root = default
    while isinstance(root, ast.Attribute):
        root = root.value
    if default is None or not isinstance(root, ast.Name):
        return None
    for outer in reversed(r.functions[:-1]):
        if root.id in function_info(outer).local:
            return root.id, ast.unparse(default), outer
    return None


def _nonlocals(fn: ast.AST) -> set[str]:
    return {n for node in walk_local(fn) if isinstance(node, ast.Nonlocal) for n in node.names}


def spawned(r: Reader, name: str, once: bool) -> None:
    """*name* is handed to run concurrently (a thread's target, a pool's task, a coroutine
    gathered) in the function the walk is in; *once*: a single thread or task, started
    outside every loop (``Thread(target=producer)``), else it may run beside itself."""
    if r.functions:
        spawns = r.g.closure_spawns.setdefault(r.at(r.functions[-1]), {})
        spawns.setdefault(name, set()).add(once and not r.loop_depth)


def shared(g: Gatherer, write: Write) -> bool:
    """Whether the closure *write* changes state that concurrent calls share (any other
    write is left to the other checks). Only a closure the function that binds the variable
    hands over to run concurrently counts: a nested helper it calls itself (datasette's
    ``add_route``, a generator it iterates) runs inside that one call, whose variables no
    other call sees, however concurrently the function itself runs."""
    if write.kind != CLOSURE:
        return True  # a `BOUND` object stays the binder's: the concurrent callback shares it
    owner = _owner(g, write)
    spawns = g.closure_spawns.get(owner, {}) if owner is not None else {}
    if write.function not in spawns:
        return False
    if spawns[write.function] != {True}:  # a pool's task, threads in a loop
        return True
    root = write.target.split(".", 1)[0]
    return any(
        w.kind == CLOSURE
        and w.function != write.function
        and w.function in spawns
        and w.target.split(".", 1)[0] == root
        and _owner(g, w) == owner
        for w in g.writes
    )


def _owner(g: Gatherer, write: Write) -> Location | None:
    return g.closure_owners.get((write.where, write.target))
