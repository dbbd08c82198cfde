"""What the second pass needs to know: the coroutine functions the parsed files define, and
the byte needles (``name(`` plus the module's last word) a file must contain to call one.

A file without any trigger word is not parsed at first, yet it may call ``fetch()`` imported
from a module whose ``fetch`` is an ``async def``. These needles pick the few such files.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def coroutine_names(results: Iterable[dict[str, Any]]) -> list[str]:
    """Every module-level coroutine function the per-file results define, sorted."""
    names: set[str] = set()
    for result in results:
        facts = result.get("facts")
        if facts:
            names.update(q for q in facts.get("coros", ()) if "<locals>" not in q)
    return sorted(names)


def coroutine_needles(results: Iterable[dict[str, Any]]) -> list[tuple[bytes, bytes]]:
    """(``name(``, module word) pairs: a file must contain both to be able to call one of the
    scan's module-level coroutine functions (directly or through a package re-export)."""
    coros: set[str] = set()
    aliases: dict[str, str] = {}
    for result in results:
        facts = result.get("facts")
        if facts:
            coros.update(q for q in facts.get("coros", ()) if "<locals>" not in q)
            aliases.update(facts.get("aliases", {}))
    names = set(coros)
    for alias in aliases:
        target = alias
        for _hop in range(4):
            target = aliases.get(target, target)
        if target in coros:
            names.add(alias)
    pairs: set[tuple[bytes, bytes]] = set()
    for qualname in names:
        module, _, name = qualname.rpartition(".")
        if module:
            pairs.add((f"{name}(".encode(), module.rpartition(".")[2].encode()))
    return sorted(pairs)


def reach_modules(results: Iterable[dict[str, Any]]) -> set[str]:
    """Every module a coroutine's call (or a blocking helper's call) may lead into: each
    dotted prefix of a recorded callee (``pkg.tokens.load_token`` may live in ``pkg.tokens``,
    or be the method ``load_token`` of a class in ``pkg``). A file of the scan with one of
    these module names holds facts `checks.reach` needs, whatever words it contains."""
    modules: set[str] = set()
    for result in results:
        facts = result.get("r")
        if not facts:
            continue
        targets = [call[2] for call in facts.get("c", ())]
        for reasons in facts.get("d", {}).values():
            targets.extend(reason[1] for reason in reasons if reason[0] == "c")
        for target in targets:
            name = target[2:]
            while "." in name:
                name = name.rpartition(".")[0]
                modules.add(name)
    return modules
