"""Where each hop of an ADV101 chain is (issue 17): ``handler -> load_token -> open()`` is
reported at the call in the coroutine, and names the hops; the user also needs to see where
the blocking call itself is (``util.py:2``), which is in another def, often another file.

The walk (`reach_reasons.Reasons._in_def`) keeps, per def, the first place of each reason
(`spot`: ``"x" + shown`` for a blocking call, ``"c" + target`` for a call that leads on),
stored beside ``d`` as ``dl``. The join (`reach_chains.resolve`) knows which file each def
is in and returns its chain as `Hops`: the names as before, and ``at``, the place of each hop
it has one for, ``[relpath, line, col, name]``, the last being the blocking call. Plain
lists, so they are cached and joined like every other fact.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any


class Hops(list[str]):
    """A chain's names, its fix last (as `reach_chains` has always returned it), and ``at``:
    ``[relpath, line, col, name]`` for each hop below the coroutine's call whose place is
    known, in order; the blocking call itself last."""

    def __init__(self, names: list[str], at: list[list[Any]]) -> None:
        super().__init__(names)
        self.at = at


def spot(places: dict[str, dict[str, list[int]]], qualname: str, key: str, node: ast.AST) -> None:
    """Keep *node*'s line and column (1-based) as the place of *qualname*'s reason *key*, unless
    an earlier call of the same reason was kept (the first one in the body is shown)."""
    own = places.get(qualname)
    if own is None:
        own = places[qualname] = {}
    if key not in own:
        own[key] = [getattr(node, "lineno", 0), getattr(node, "col_offset", 0) + 1]


class Places:
    """The join's view of every file's ``dl``: which file defines each def, and where in it
    each of its reasons is."""

    def __init__(self) -> None:
        self.spots: dict[str, Mapping[str, list[int]]] = {}
        self.homes: dict[str, str] = {}

    def add(self, path: str, facts: Mapping[str, Any]) -> None:
        """Take one file's facts (``r``): its defs' places, and *path* as their home."""
        found = facts.get("dl")
        if found:
            self.spots.update(found)
            self.homes.update(dict.fromkeys(found, path.replace("\\", "/")))

    def here(self, name: str, key: str, shown: str) -> list[list[Any]]:
        """``[[relpath, line, col, shown]]`` for *name*'s reason *key*, or ``[]`` unknown."""
        found = self.spots.get(name, {}).get(key)
        if found is None:
            return []
        return [[self.homes[name], found[0], found[1], shown]]


def ends_at(related: Any, call: str) -> bool:
    """Whether *related*'s last place is the blocking call that ends the chain *call*
    (``handler -> load_token -> open()``): shown under the finding as where it blocks."""
    return bool(related) and call.endswith(f" -> {related[-1][3]}")
