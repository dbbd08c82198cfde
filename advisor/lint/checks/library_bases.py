"""ADV102 through a library's base class: the coroutine methods a class inherits from a base the
scan does not hold (calls.yaml ``library_base_coroutines``).

``super().async_will_remove_from_hass()`` in a Home Assistant entity, or
``self.async_update_ha_state()``, calls a coroutine method of Home Assistant's ``Entity``; the
scan sees the entity's own class and its bases' names, never the framework's code, so the lookup
along the bases (`await_missing_across._method_kind`) stopped at the first base it could not
read and decided nothing. The table names, per library base class (by its qualified name, or by
a module prefix and a class-name suffix, for a family such as Home Assistant's ``*Entity``
platforms), the methods that are ``async def`` there. Inspired by HomeAssistant-RecycleApp#68
(``super().async_will_remove_from_hass()`` without ``await`` in a calendar entity deriving from
``CoordinatorEntity`` and ``CalendarEntity``: the coordinator's listener was never removed).

Only methods that are coroutines in every version the table's comment names are listed: a
method a library changed from plain to ``async def`` (discord.py 2's ``Bot.remove_cog``) would
be reported against code written for the older version.
"""

from __future__ import annotations

import ast
from functools import cache

from advisor.lint._data import bundle

CORO = 1  # `await_missing_across.CORO`


@cache
def _table() -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str, frozenset[str]], ...]]:
    exact: dict[str, frozenset[str]] = {}
    families: list[tuple[str, str, frozenset[str]]] = []
    for entry in bundle()["calls"]["library_base_coroutines"]:
        methods = frozenset(entry["methods"])
        for name in entry.get("classes", ()):
            exact[name] = exact.get(name, frozenset()) | methods
        if "suffix" in entry:
            families.append((entry["prefix"], entry["suffix"], methods))
    return exact, tuple(families)


def library_method_kind(cls: str, method: str) -> int | None:
    """``CORO`` when *method* is a coroutine method of the library class *cls* (a base the scan
    does not hold), else None (unknown: the library may define it either way)."""
    exact, families = _table()
    if method in exact.get(cls, ()):
        return CORO
    owner, _, name = cls.rpartition(".")
    for prefix, suffix, methods in families:
        if owner.startswith(prefix) and name.endswith(suffix) and method in methods:
            return CORO
    return None


@cache
def _by_package() -> dict[str, frozenset[str]]:
    """The table's methods by the top-level package of the classes that define them."""
    out: dict[str, frozenset[str]] = {}
    for entry in bundle()["calls"]["library_base_coroutines"]:
        owners = [*entry.get("classes", ()), *([entry["prefix"]] if "prefix" in entry else [])]
        for owner in owners:
            root = owner.partition(".")[0]
            out[root] = out.get(root, frozenset()) | frozenset(entry["methods"])
    return out


def library_coroutine_name(method: str, imported: frozenset[str]) -> bool:
    """Whether *method* is a coroutine method of a library base class of the table, for a
    library among the packages the file *imported*: asked only where the receiver's type does
    not matter (an item handed to ``asyncio.wait``, `await_waited`)."""
    table = _by_package()
    return any(method in table.get(root, ()) for root in imported)


def unsubscripted(base: ast.expr) -> ast.expr:
    """The class of a generic base (``CoordinatorEntity[Coordinator]``: ``CoordinatorEntity``),
    so the bases' lookup reaches the library's class instead of stopping at an unknown base."""
    return base.value if isinstance(base, ast.Subscript) else base
