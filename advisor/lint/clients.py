"""Synchronous client libraries: a call that waits on the server blocks, whatever chain of the
library's own objects reached it.

The blocking table (``blocking.yaml`` ``calls``) names each blocking call once, fully qualified
(``redis.Redis().get``). A client library's objects are reached through chains no flat table can
list: Firestore's ``db.collection("users").document(uid).get()``, pymongo's
``client.shop.orders.find_one(...)`` (a database and a collection are plain attributes), a STAC
catalog's ``Client.open(url).search(...).items()``. So ``blocking.yaml`` also holds ``clients``,
one entry per library: the calls that make its objects (``roots``), the methods that only build
another object of the library without touching the network (``steps``, lazy queries and
references), whether any plain attribute is another such object (``attributes``), and the
methods that wait on the server (``waits``). A name the resolver gives
(``google.cloud.firestore.Client().collection().document().get``) is blocking when it is a root's
object, then only steps (and attributes where allowed), then a wait.

Why a computed table rather than a rule of its own: every reader of the blocking table (the
check in the coroutine, the call graph one and two calls away) looks names up with ``get``, so
one lookup that also answers for the client libraries keeps them all agreeing, and the last
names of the waits join the table's own for the checks' quick test of a call's last name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: One compiled library: (root prefix with "()", steps, attributes allowed, waits, entry).
_Library = tuple[str, frozenset[str], bool, frozenset[str], dict[str, Any]]


def compile_clients(clients: dict[str, Any]) -> tuple[_Library, ...]:
    """The ``clients`` data as lookup tuples, longest root first (``boto3.Session().client``
    before ``boto3.client``, so a root never hides a longer one)."""
    out: list[_Library] = []
    for spec in clients.values():
        entry = {"fix": spec["fix"]}
        steps = frozenset(spec.get("steps", ()))
        waits = frozenset(spec["waits"])
        attributes = bool(spec.get("attributes", False))
        out.extend((f"{root}()", steps, attributes, waits, entry) for root in spec["roots"])
    out.sort(key=lambda library: -len(library[0]))
    return tuple(out)


def client_entry(qualified: str, libraries: tuple[_Library, ...]) -> dict[str, Any] | None:
    """The table entry for *qualified* when it is a wait reached from a client library's root
    through its steps (and attributes), else None. Pure: a string in, the library's entry out."""
    for root, steps, attributes, waits, entry in libraries:
        if not qualified.startswith(root):
            continue
        rest = qualified[len(root) :]
        if not rest.startswith("."):
            continue
        *path, last = rest[1:].split(".")
        if last not in waits:
            continue
        if all(
            (part.endswith("()") and part[:-2] in steps) or (attributes and part.isidentifier())
            for part in path
        ):
            return entry
    return None


#: What an item of a library's object is, where the library's objects are reached by attribute
#: (pymongo's ``client[name]`` is a database, ``db[name]`` a collection): one more attribute.
ITEM = "__item__"


def is_object(qualified: str, libraries: tuple[_Library, ...]) -> bool:
    """Whether *qualified* is an object of a client library whose objects are reached by
    attribute (so an item of it is another: ``db[str(guild.id)]`` in TearDrops#216): a root's
    result followed by steps and attributes only."""
    for root, steps, attributes, _waits, _entry in libraries:
        if not attributes or not qualified.startswith(root):
            continue
        rest = qualified[len(root) :]
        if not rest:
            return True
        if not rest.startswith("."):
            continue
        if all(
            (part.endswith("()") and part[:-2] in steps) or part.isidentifier()
            for part in rest[1:].split(".")
        ):
            return True
    return False


@lru_cache(maxsize=1)
def libraries() -> tuple[_Library, ...]:
    """The bundle's client libraries, compiled once per process (for the resolver)."""
    from advisor.lint._data import bundle

    return compile_clients(bundle()["blocking"].get("clients") or {})


def wait_names(clients: dict[str, Any]) -> frozenset[str]:
    """Every wait's name: the last names a call must end with to be a client library's wait."""
    return frozenset(name for spec in clients.values() for name in spec["waits"])


@lru_cache(maxsize=1)
def client_waits() -> frozenset[str]:
    """The bundle's waits' names, once per process (a helper's call on a client object from
    another module is recorded only when it ends in one: `reach_targets`)."""
    from advisor.lint._data import bundle

    return wait_names(bundle()["blocking"].get("clients") or {})


class BlockingTable(dict[str, Any]):
    """The blocking table whose ``get`` also answers for the client libraries (`client_entry`).

    A plain ``dict`` for every other use (iteration, ``in``, the JSON bundle): only lookups by
    name see the computed entries, and a name the table lists keeps its own entry."""

    def __init__(self, calls: dict[str, Any], clients: dict[str, Any]) -> None:
        super().__init__(calls)
        self.libraries = compile_clients(clients)

    def __reduce__(self) -> tuple[Any, ...]:
        # worker processes receive the prepared data pickled; rebuild from the plain parts
        return (_rebuild, (dict(self), self.libraries))

    def get(self, key: str, default: Any = None) -> Any:
        found = dict.get(self, key)
        if found is not None:
            return found
        if key and self.libraries:
            computed = client_entry(key, self.libraries)
            if computed is not None:
                return computed
        return default


def _rebuild(calls: dict[str, Any], libraries: tuple[_Library, ...]) -> BlockingTable:
    table = BlockingTable(calls, {})
    table.libraries = libraries
    return table


def client_object(qualified: str, libraries: tuple[_Library, ...]) -> bool:
    """Whether *qualified* is an object of a client library: a root's result followed by steps
    (and attributes where the library allows them), with no wait (``firestore.Client()``,
    ``MongoClient().shop``, ``firestore.Client().collection()``)."""
    for root, steps, attributes, _waits, _entry in libraries:
        if not qualified.startswith(root):
            continue
        rest = qualified[len(root) :]
        if not rest:
            return True
        if rest.startswith(".") and all(
            (part.endswith("()") and part[:-2] in steps) or (attributes and part.isidentifier())
            for part in rest[1:].split(".")
        ):
            return True
    return False


def imported_client_call(
    target: str,
    instances: dict[str, str],
    aliases: dict[str, str],
    table: dict[str, Any],
) -> dict[str, Any] | None:
    """The table's entry for a call on a client object another module of the scan made at its
    top level, else None (omi: ``db = firestore.Client()`` in ``database/_client.py``, then
    ``db.collection("users").document(uid).get()`` in a route module, which its resolver can
    only spell ``app.database.db.collection().document().get``).

    *target* is a recorded callee (`reach_targets._target`): ``h:<name>`` as written, or
    ``q:<owner>.<method>``, which stands for ``<owner>().<method>`` when it was a call on a
    call's result; both readings are tried, since a library object's attribute that is not a
    step or a wait matches nothing. *instances* maps ``module.name`` to the object's name
    (``google.cloud.firestore.Client()``); *aliases* are the scan's re-exports; *table* the
    blocking table (plain or a `BlockingTable`: the libraries are looked up either way)."""
    name = target[2:]
    readings = [name]
    if target[0] == "q" and "." in name:
        owner, _, method = name.rpartition(".")
        readings.append(f"{owner}().{method}")
    for reading in readings:
        parts = reading.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            if "(" in prefix:
                continue
            for _hop in range(4):  # re-exports: `from app.database import db` in `app/__init__`
                if prefix in instances or prefix not in aliases:
                    break
                prefix = aliases[prefix]
            made = instances.get(prefix)
            if made is None:
                continue
            called = f"{made}.{'.'.join(parts[cut:])}"
            entry = table.get(called) or client_entry(called, libraries())
            if entry is not None:
                return dict(entry)
            break
    return None
