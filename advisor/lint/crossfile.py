"""What the second pass needs to know: the coroutine functions the parsed files define, and
the byte needles (``name(`` plus the module's last word) a file must contain to call one.

A file without any trigger word is not parsed at first, yet it may call ``fetch()`` imported
from a module whose ``fetch`` is an ``async def``. These needles pick the few such files.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def coroutine_names(results: Iterable[dict[str, Any]]) -> list[str]:
    """Every module-level coroutine function and coroutine method of a module-level class the
    per-file results define, sorted. The methods count because an annotation may name their
    class through its package's re-export (`from app.db import TaskQueueDB`), which only the
    package's `__init__` says (`runner._second_pass` parses it)."""
    names: set[str] = set()
    for result in results:
        facts = result.get("facts")
        if facts:
            names.update(q for q in facts.get("coros", ()) if "<locals>" not in q)
            for cls, entry in (facts.get("classes") or {}).items():
                if "<locals>" not in cls:
                    names.update(
                        f"{cls}.{m}" for m, kind in entry["methods"].items() if kind == 1
                    )  # CORO
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


def reach_modules(results: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """The modules a coroutine's calls lead into whose functions are not known yet, with the
    names wanted from each: ``pkg.tokens.load_token`` may be ``load_token`` of module
    ``pkg.tokens``, the method ``load_token`` of a class in ``pkg`` (``pkg.Tokens``), or a
    constructor (``__init__``). Only what coroutines reach counts, following the helpers already
    known as deep as `checks.reach` reports; a file with one of these module names that defines
    one of the names holds facts the reach needs, whatever other words it contains."""
    from advisor.lint.checks.helpers import DEPTH
    from advisor.lint.checks.sitedirs import through_aliases

    defs: dict[str, list[list[str]]] = {}
    bases: dict[str, list[str]] = {}
    aliases: dict[str, str] = {}
    frontier: list[str] = []
    for result in results:
        facts = result.get("r")
        if facts:
            defs.update(facts.get("d", {}))
            bases.update(facts.get("b", {}))
            frontier.extend(call[2][2:] for call in facts.get("c", ()))
            root = facts.get("s")
            if root:
                # imported by its own name after `site.addsitedir` (`checks.sitedirs`)
                frontier.extend(f"{root}.{call[2][2:]}" for call in facts.get("c", ()))
        aliases.update((result.get("facts") or {}).get("aliases", {}))

    def above(cls: str, method: str) -> list[str]:
        """``method`` in each base of *cls* the scan knows (through a re-export)."""
        found = []
        for named in bases.get(cls, ()):
            base = named
            for _hop in range(4):
                if base in bases or base not in aliases or aliases[base] == base:
                    break
                base = aliases[base]
            found.append(f"{base}.{method}")
        return found

    modules: dict[str, set[str]] = {}
    seen: set[str] = set()
    for _depth in range(DEPTH):
        following: list[str] = []
        for name in frontier:
            if name in seen:
                continue
            seen.add(name)
            if ":" in name:
                # `super().m()` in class C (`b:C:m`): ``m`` of C's bases
                cls, _, method = name.partition(":")
                following.extend(above(cls, method))
                continue
            if name in defs:
                following.extend(r[1][2:] for r in defs[name] if r[0] == "c")
                continue
            real = through_aliases(name, aliases)
            if real != name:
                following.append(real)  # a method of a re-exported class: its own module
            owner = name.rpartition(".")[0]
            # a constructor or method a class of the scan inherits: the base's file holds it
            following.extend(above(name, "__init__") + above(owner, name.rpartition(".")[2]))
            if "()." in name:
                # a call on what a def of the scan returned (`checks.reach._returns`): the
                # module that defines the class's method or the function
                first, _, rest = name.partition("().")
                module, _, short = first.rpartition(".")
                if module:
                    wanted = {short, rest.partition("(")[0].partition(".")[0]}
                    modules.setdefault(module, set()).update(wanted)
                continue
            module, _, short = name.rpartition(".")
            if not module:
                continue
            modules.setdefault(module, set()).update((short, "__init__"))
            outer, _, last = module.rpartition(".")
            if outer:
                # ``short`` of a module ``outer.last``, or the method ``short`` of a class
                # ``last`` (a capitalised name: a module's is not, and each name wanted may
                # cost a parse) that ``outer`` defines or re-exports (its ``__init__``'s
                # aliases lead on: `sitedirs.through_aliases`)
                wanted = modules.setdefault(outer, set())
                wanted.add(short)
                if last[:1].isupper():
                    wanted.add(last)
        frontier = following
    return modules
