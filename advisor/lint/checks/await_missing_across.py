"""ADV102 across files, after the scan: `resolve` matches the candidates of every file
(`checks.await_missing`) against the facts of every file (the coroutine functions and classes
each defines, their methods' kinds through the scan's bases) and asyncio's own coroutines.

Split from `await_missing.py` (behaviour unchanged): the walk's per-file results depend on the
file alone and are cached by content; only this cheap matching runs every time, in another
phase of the scan (`lint.runner`), reading the facts through their stored layout (`CORO`,
`SYNC`, `OTHER`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from advisor.lint.callees import tail
from advisor.lint.checks.await_framework import hit as framework_hit
from advisor.lint.checks.await_overrides import hit as overridden
from advisor.lint.checks.library_bases import library_method_kind
from advisor.lint.checks.receivers import (
    constructor_calls,
    handed_type,
)
from advisor.lint.namespaces import in_namespace

CORO, SYNC, OTHER = 1, 0, -1


def resolve(
    per_file: Iterable[tuple[str, Mapping[str, Any]]],
    asyncio_coroutines: Iterable[str],
    spaces: Mapping[str, str] | None = None,
) -> list[tuple[str, list[Any]]]:
    """Match every file's candidates against every file's facts; returns (path, finding).
    *spaces* (`lint.namespaces.namespaces` of the scan's modules) lets a name written from a
    namespace folder's root find the module the scan named from its own folder, as ADV101's
    chains do."""
    results = list(per_file)
    spaces = spaces or {}
    coros: set[str] = {f"q:{name}" for name in asyncio_coroutines}
    classes: dict[str, Mapping[str, Any]] = {}
    aliases: dict[str, str] = {}
    tasks: set[str] = set()
    returns: dict[str, str] = {}
    for _path, result in results:
        facts = result.get("facts") or {}
        aliases.update(facts.get("aliases", {}))
        returns.update(facts.get("returns", {}))
        tasks.update(facts.get("tasks", ()))
        coros.update(f"q:{name}" for name in facts.get("coros", ()))
        classes.update(facts.get("classes", {}))
        for cls, entry in facts.get("classes", {}).items():
            for method, kind in entry["methods"].items():
                if kind == CORO:
                    coros.add(f"q:{cls}.{method}")
    by_name: dict[str, list[str]] = {}
    for cls in classes:
        by_name.setdefault(cls.rpartition(".")[2].lower(), []).append(cls)
    name_counts: dict[str, int] = {}
    for _path, result in results:
        for name in (result.get("facts") or {}).get("class_names", ()):
            name_counts[name] = name_counts.get(name, 0) + 1

    def exported(name: str) -> str:
        for _hop in range(4):  # a class imported through a package's re-export
            if name in classes or name not in aliases or aliases[name] == name:
                break
            name = aliases[name]
        return name if name in classes or not spaces else in_namespace(name, spaces)

    for cls, method in generator_interfaces(classes, exported):
        entry = dict(classes[cls])
        entry["methods"] = {**entry["methods"], method: OTHER}
        classes[cls] = entry
        coros.discard(f"q:{cls}.{method}")
    calls_of = constructor_calls(
        (a for _p, r in results for a in (r.get("r") or {}).get("a", ())),
        lambda target: exported(target[2:]),
    )
    dropped: dict[tuple[str, str], list[tuple[str, int, str]]] = {}  # `await_overrides`
    for path, result in results:
        for cls, method, line, caller in (result.get("facts") or {}).get("sd", ()):
            dropped.setdefault((cls, method), []).append((path, line, caller))
    found: list[tuple[str, list[Any]]] = []
    for path, result in results:
        for line, col, how, target, shown, where in result.get("c", ()):
            if target.startswith("o:"):
                # an `async def` override of a plain method a base calls bare
                by = overridden(
                    target,
                    classes,
                    exported,
                    dropped,
                    lambda c, m: _base_method_kind(classes, c, m),
                )
                if by is not None:
                    base, at, call_line = by
                    params = {"call": shown, "how": how, "where": where,
                              "base": base.rpartition(".")[2], "at": f"{at}:{call_line}"}  # fmt: skip
                    found.append((path, [line, col, "ADV102", params]))
                continue
            if target.startswith("p:"):
                _, param, method = target.split(":", 2)
                wanted = param.replace("_", "").lower()
                named = by_name.get(wanted, [])
                hit = (
                    name_counts.get(wanted) == 1
                    and len(named) == 1
                    and _method_kind(classes, named[0], method, set()) == CORO
                )
            elif target.startswith("s:"):
                _, cls, method = target.split(":", 2)
                hit = _method_kind(classes, cls, method, set()) == CORO
            elif target.startswith("n:"):
                # typed by the scan's constructor calls (`receivers.handed_type`)
                typed, rest = handed_type(calls_of, target)
                hit = (
                    typed is not None
                    and typed.endswith("()")  # not a function handed over (`=q:`)
                    and "(" not in typed[:-2]
                    and _method_kind(classes, exported(typed[:-2]), rest[1:], set()) == CORO
                )
            elif target.startswith("f:"):  # an attribute a framework sets (`await_framework`)
                hit = framework_hit(classes, exported, target)
            elif target.startswith("b:"):
                _, cls, method = target.split(":", 2)
                hit = _base_method_kind(classes, cls, method) == CORO
            elif "()." in target:
                cls, _, method = target[2:].rpartition("().")
                base, _, prop = cls.partition("().")
                if prop:  # `State().http`: a property annotated with a class (defectio#44)
                    cls = returns.get(f"{exported(base)}().{prop}", cls)
                cls = returns.get(exported(cls), cls)  # a factory annotated `-> Mound`
                for _hop in range(4):  # a class imported through a package's re-export
                    if cls in classes or cls not in aliases or aliases[cls] == cls:
                        break
                    cls = aliases[cls]
                if cls not in classes and spaces:
                    cls = in_namespace(cls, spaces)
                hit = target in coros or (
                    "()" not in cls and _method_kind(classes, cls, method, set()) == CORO
                )
            else:
                hit = target in coros
                name = target[2:]
                for _hop in range(4):  # re-exports: `from .client import fetch` in __init__
                    if hit or name in tasks or name not in aliases:
                        break
                    name = aliases[name]
                    hit = f"q:{name}" in coros
                if not hit and spaces:  # `acme.store.put_item` of a namespace folder
                    name = in_namespace(name, spaces)
                    hit = f"q:{name}" in coros
                if not hit and how in _DROPPED and name in tasks:
                    # another module's helper returned a task nobody keeps (aiohomekit #324)
                    found.append((path, [line, col, "ADV106", {"call": shown}]))
                    continue
            if hit:
                params = {"call": shown, "how": how, "where": where}
                found.append((path, [line, col, "ADV102", params]))
    return found


def generator_interfaces(
    classes: Mapping[str, Mapping[str, Any]], exported: Callable[[str], str]
) -> list[tuple[str, str]]:
    """The abstract coroutines (``@abstractmethod async def m``) whose every implementation
    the scan finds in a subclass, at any depth, is an async generator (``async def`` with
    ``yield``): what the call returns at run time is an async iterator, never a coroutine, so
    ``return self.m(...)`` handed to the caller's ``async for`` is no missing await (crawl4ai's
    ``DeepCrawlStrategy._arun_stream``, which BFS, DFS and best-first each implement by
    yielding). An interface no subclass of the scan implements, or one implementation that is a
    coroutine, a plain or a decorated method, keeps the abstract coroutine's kind."""
    children: dict[str, list[str]] = {}
    for cls, entry in classes.items():
        for base in entry["bases"]:
            if base is not None:
                children.setdefault(exported(base), []).append(cls)
    found: list[tuple[str, str]] = []
    for cls, entry in classes.items():
        for method in entry.get("abstract", ()):
            if entry["methods"].get(method) != CORO:
                continue
            kinds: list[bool] = []
            for child in descendants(children, cls):
                own = classes[child]
                if method in own["methods"]:
                    kinds.append(method in own.get("agen", ()))
            if kinds and all(kinds):
                found.append((cls, method))
    return found


def descendants(children: Mapping[str, list[str]], cls: str) -> Iterator[str]:
    """Every subclass of *cls* at any depth, once each (*children*: class -> its direct
    subclasses); shared by the checks that ask how a method is overridden below a class."""
    seen = {cls}
    todo = list(children.get(cls, ()))
    while todo:
        child = todo.pop()
        if child in seen:
            continue
        seen.add(child)
        yield child
        todo.extend(children.get(child, ()))


#: How a candidate's result was thrown away: a task a helper returns is then dropped (ADV106).
_DROPPED = frozenset({"discarded", "assigned"})


def _base_method_kind(
    classes: Mapping[str, Mapping[str, Any]], cls: str, method: str
) -> int | None:
    """The kind of ``super().method`` in *cls*: looked up in its bases, in order."""
    entry = classes.get(cls)
    if entry is None:
        return None
    for base in entry["bases"]:
        if base is None:
            return None
        kind = _method_kind(classes, base, method, {cls})
        if kind is not None or base not in classes:
            return kind
    return None


def _method_kind(
    classes: Mapping[str, Mapping[str, Any]], cls: str, method: str, seen: set[str]
) -> int | None:
    """The kind of *method* looked up along the scanned base classes; None when unknown."""
    if cls in seen:
        return None
    seen.add(cls)
    entry = classes.get(cls)
    if entry is None:
        return library_method_kind(cls, method)  # a library's base class (`library_bases`)
    methods = entry["methods"]
    if method in methods:
        return int(methods[method])
    for base in entry["bases"]:
        if base is None:
            return None  # an unresolvable base may define it
        kind = _method_kind(classes, base, method, seen)
        if kind is not None or base not in classes:
            return kind
    return None


def _abstract(classes: Mapping[str, Mapping[str, Any]], target: str) -> bool:
    """Whether the method a ``self.m()`` or ``Cls().m()`` candidate names is an abstract
    coroutine of a class of this file, looked up along its bases: its implementations may be
    async generators in any file, so the join after the scan decides
    (`await_missing_across.generator_interfaces`)."""
    if target.startswith("s:"):
        _, cls, method = target.split(":", 2)
    elif "()." in target:
        cls, _, method = target[2:].rpartition("().")
    else:
        return False
    seen: set[str] = set()
    while cls in classes and cls not in seen:
        seen.add(cls)
        entry = classes[cls]
        if method in entry["methods"]:
            return method in entry.get("abstract", ())
        bases = [b for b in entry["bases"] if b in classes]
        if not bases:
            return False
        cls = bases[0]
    return False


def _mark_implementation(
    entry: dict[str, Any],
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    kind: int,
    *,
    generator: bool,
) -> None:
    """Note on the class's facts an abstract coroutine (``@abstractmethod async def``) and an
    async generator method: `await_missing_across.generator_interfaces` reads them to tell
    an interface whose every implementation yields (crawl4ai's ``_arun_stream``) from a
    coroutine. Kept only when true, so the facts of other classes do not grow."""
    if generator:
        entry.setdefault("agen", []).append(node.name)
    elif kind == CORO and any(tail(d) == "abstractmethod" for d in node.decorator_list):
        entry.setdefault("abstract", []).append(node.name)
