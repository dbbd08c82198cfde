"""Which files' cross-file findings a change can move: the project index's dependency graph.

A file's own findings depend on its bytes alone, so a changed file is the only one parsed
again. Its *cross-file* findings (ADV102 on a coroutine another file defines, ADV101 one call
away) are joined after the scan from every file's facts (`checks.await_missing_across.resolve`,
`checks.reach_chains.resolve`), so a change in file B can add or remove a finding in file A that
calls into B. The runner re-joins only the files a change can reach, and keeps the stored
cross-file findings of all the others. What is invalidated, and why:

- **The changed files themselves**: added, edited, removed (their findings go with them), or
  renamed as a module (a new ``__init__.py`` renames every module of its folder). An edit
  that leaves the facts other files read unchanged (`shared`: a coroutine's body, a line
  moved) stops there.
- **Every file that names a module a changed file is**, directly or through a chain: file A's
  facts name ``pkg.b.helper`` (a call, a base class, a re-export target, a blocking helper's
  callee), so A depends on ``pkg.b`` and on every package above it; when ``pkg.b`` changes, A is
  re-joined, and so is every file that depends on A's module, and so on. Chains are followed to
  the end, not only the four calls `checks.reach` reports: deeper is cheaper to over-approximate
  than to get wrong.
- **Files reaching a helper a changed file hands to a thread or pool** (its ``o`` facts, old and
  new): a helper run off the loop anywhere is not reported anywhere (`checks.reach`), so the
  module that defines the helper counts as touched too.
- **Files whose class a changed file constructs with typed arguments** (its ``a`` facts, old
  and new): the types a constructor's callers hand it type what the class's coroutines call on
  the stored parameter (`checks.reach`), so the class's module counts as touched too.

The names are read from the facts generically (every string in ``c``, ``r`` and ``facts``,
split at ``:`` and ``()``), not field by field, so a fact a rule adds later is a dependency
without this module changing; a string that is not a module name costs nothing. The graph is
at module granularity, so it over-approximates: a file is re-joined when it *might* be
affected, never left stale when it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

#: The parts of a per-file result that name other code (the rest is the file's own findings).
_FACT_KEYS = ("c", "r", "facts")


def shared(result: Mapping[str, Any]) -> dict[str, Any]:
    """The part of *result* other files' joins read: all of it but its own findings (``f``)
    and its calls to be matched (``c``, at the top for ADV102 and in ``r`` for ADV101)."""
    kept = {k: v for k, v in result.items() if k not in ("f", "c")}
    if "r" in kept:
        kept["r"] = {k: v for k, v in kept["r"].items() if k != "c"}
    return kept


def names_in(result: Mapping[str, Any]) -> set[str]:
    """Every dotted name *result*'s cross-file facts mention, without the rule's prefixes
    (``q:pkg.b.helper``, ``s:pkg.B:method``, ``q:pkg.B().run``)."""
    found: set[str] = set()
    stack: list[Any] = [result.get(key) for key in _FACT_KEYS]
    strings: list[str] = []
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings.append(item)
        elif isinstance(item, dict):
            strings.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    # The same names recur through a result's facts (a qualname in each call site, each
    # reason): each distinct string is split once.
    for text in set(strings):
        for piece in text.replace("()", ":").split(":"):
            # An undotted name counts too: ``import tokens`` in a package's ``__init__`` makes
            # ``pkg.tokens`` a re-export of the top-level module ``tokens``.
            if piece and piece.replace(".", "_").isidentifier():
                found.add(piece)
    return found


def _prefixes(name: str) -> Iterable[str]:
    """``a.b.c`` -> ``a.b.c``, ``a.b``, ``a``."""
    while name:
        yield name
        name = name.rpartition(".")[0]


def refs(result: Mapping[str, Any]) -> str:
    """`names_in` as one string, ``"\\nname\\nname\\n"``: stored with the file's result (built
    once, when the file is parsed), and searched in C when a change is followed (`affected`),
    so a warm run does not walk ten thousand files' facts in Python."""
    names = names_in(result)
    return "\n" + "\n".join(sorted(names)) + "\n" if names else ""


#: Beyond this many modules to follow, joining every file again costs less than following.
MAX_FOLLOWED = 256


def affected(
    results: Mapping[str, Mapping[str, Any]],
    modules: Mapping[str, str],
    changed: Mapping[str, tuple[Mapping[str, Any] | None, str | None]],
    named: Mapping[str, str],
) -> set[str]:
    """The relative paths whose cross-file findings must be joined again.

    *results*: every current file's result; *modules*: every current file's module name;
    *changed*: relative path -> (the file's stored result, its stored module) for the files
    added, edited, re-read as another module or removed (a removed file is in *changed* only);
    *named*: every current file's `refs`.
    """
    known = set(modules.values())
    touched: set[str] = set()
    for relpath, (old, old_module) in changed.items():
        new = results.get(relpath)
        if (
            old is not None
            and new is not None
            and old_module == modules.get(relpath)
            and shared(old) == shared(new)
        ):
            continue  # an edit other files cannot see (a body, a line moved): itself only
        for module in (old_module, modules.get(relpath)):
            if module:
                touched.add(module)
        for result in (old, new):
            reach = (result or {}).get("r") or {}
            for call in reach.get("a", ()):
                # a constructor call stating its arguments' types types what the class's
                # coroutines call on them (`checks.reach`'s ``n:``): the class's module counts
                touched.add(_owner(call[0][2:], known | touched))
    touched.discard("")
    found = {relpath for relpath in changed if relpath in results}
    frontier = touched
    seen = set(frontier)
    while frontier:
        if len(seen) > MAX_FOLLOWED:
            return set(results)
        # A file names module m when one of its names is m or starts with "m.".
        pattern = re.compile("\n(?:" + "|".join(re.escape(m) for m in sorted(frontier)) + ")[.\n]")
        following: set[str] = set()
        for relpath, text in named.items():
            if relpath not in found and text and pattern.search(text):
                found.add(relpath)
                own = modules.get(relpath)
                if own is not None and own not in seen:
                    seen.add(own)
                    following.add(own)
        frontier = following
    return found


def _owner(name: str, known: set[str]) -> str:
    """The module that defines *name*: its longest prefix that is a module of the scan (else
    everything before its last dot)."""
    for prefix in _prefixes(name):
        if prefix in known:
            return prefix
    return name.rpartition(".")[0]
