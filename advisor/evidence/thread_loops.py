"""Threads a loop starts N of: a hand-made pool, bounded by N (issue 19, cause 5).

Many programs size their workers without a pool class: dnstwist starts
``for _ in range(args.threads): Scanner(jobs).start()`` (``Scanner`` a ``threading.Thread``,
``--threads`` defaulting to ``min(32, os.cpu_count() + 4)``); comic-dl starts
``for i in range(pool_size): threading.Thread(target=worker).start()`` with ``pool_size=4``
as the method's default. The count is the bound of the pool that runs the work, and it comes
from where any bound comes from (`bound_sources`: a number, a parameter's default or what the
main path passes, a command-line option's default, a setting).

Only loops whose variable the body does not use (``for _ in range(n)``; a ``name=`` label
or a ``worker_id`` handed to the worker aside): a thread per item (guiscrcpy's connect thread per address of ``range(1, 255)``) is
no pool, and its count is the input's size. The thread is a call of `data/concurrency.yaml`
``loop_threads.calls`` (``threading.Thread``, ``gevent.spawn``) or a class built on one of
its ``bases``; a class of another file, read later, is settled once every file is read
(`settle`).
"""

from __future__ import annotations

import ast
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from advisor import yamlio
from advisor.evidence import bound_sources
from advisor.evidence.scopes import SCOPES, walk_local
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

_DATA = os.path.join(os.path.dirname(__file__), "data", "concurrency.yaml")


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset[str], frozenset[str]]:
    data: dict[str, Any] = yamlio.load_data(_DATA)["loop_threads"]
    return frozenset(data["calls"]), frozenset(data["bases"])


@register(ast.ClassDef)
def thread_class(r: Reader, node: ast.ClassDef) -> None:
    """``class Scanner(threading.Thread)``: its instances are threads."""
    if any(r.names.qualname(base) in _table()[1] for base in node.bases):
        r.g.thread_classes.add(node.name)


@register(ast.For)
def loop_start(r: Reader, node: ast.For) -> None:
    """``for _ in range(n): Thread(target=work).start()``."""
    count = _count(node.iter)
    if count is not None and _unused(node.target, node.body):
        _started(r, node.body, count)


@register(ast.Assign)
def comprehension_start(r: Reader, node: ast.Assign) -> None:
    """``threads = [Thread(target=work) for _ in range(n)]``."""
    value = node.value
    if not isinstance(value, (ast.ListComp, ast.GeneratorExp)) or len(value.generators) != 1:
        return
    generator = value.generators[0]
    count = _count(generator.iter)
    if count is not None and not generator.ifs and _unused(generator.target, [value.elt]):
        _started(r, [value.elt], count)


@lru_cache(maxsize=1)
def _ranges() -> frozenset[str]:
    return frozenset(yamlio.load_data(_DATA)["loop_threads"]["ranges"])


def _count(node: ast.expr) -> ast.expr | None:
    """``n`` of ``range(n)`` or ``range(0, n)``, spelled as ``loop_threads.ranges`` says
    (``six.moves.range(n)`` too)."""
    if not isinstance(node, ast.Call) or node.keywords:
        return None
    if ast.unparse(node.func) not in _ranges():
        return None
    if len(node.args) == 1:
        return node.args[0]
    first = node.args[0] if len(node.args) == 2 else None
    if isinstance(first, ast.Constant) and first.value == 0:
        return node.args[1]
    return None


@lru_cache(maxsize=1)
def _labels() -> tuple[frozenset[str], tuple[str, ...]]:
    data: dict[str, Any] = yamlio.load_data(_DATA)["loop_threads"]
    return frozenset(data["labels"]), tuple(data["label_suffixes"])


def _label(key: str | None) -> bool:
    """Whether a keyword or dict key *key* names a label (``name``, ``worker_id``)."""
    names, suffixes = _labels()
    return key is not None and (key in names or key.endswith(suffixes))


def _unused(target: ast.expr, body: list[Any]) -> bool:
    """Whether the loop's variable is read nowhere in *body* but a label (``name=``, a
    ``worker_id`` keyword or dict key: `data/concurrency.yaml` ``loop_threads.labels``)."""
    if not isinstance(target, ast.Name):
        return False
    values: list[ast.expr] = []
    for stmt in body:
        for k in ast.walk(stmt):
            if isinstance(k, ast.keyword) and _label(k.arg):
                values.append(k.value)
            elif isinstance(k, ast.Dict):
                values += [
                    v
                    for key, v in zip(k.keys, k.values, strict=True)
                    if isinstance(key, ast.Constant)
                    and isinstance(key.value, str)
                    and _label(key.value)
                ]
    labels = {id(n) for value in values for n in ast.walk(value)}
    return not any(
        isinstance(n, ast.Name) and n.id == target.id and id(n) not in labels
        for stmt in body
        for n in ast.walk(stmt)
    )


def _started(r: Reader, body: list[Any], count: ast.expr) -> None:
    """The bound *count* sets, at the first thread the *body* starts (not in a nested def)."""
    calls, _ = _table()
    started = {
        ast.unparse(n.func.value)
        for stmt in body
        for n in _walk(stmt)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "start"
    }
    names = {
        t.id: ast.unparse(s.value)
        for stmt in body
        for s in _walk(stmt)
        if isinstance(s, ast.Assign) and isinstance(s.value, ast.Call)
        for t in s.targets
        if isinstance(t, ast.Name)
    }
    for node in (n for stmt in body for n in _walk(stmt)):
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func).rsplit(".", 1)[-1]
        if r.names.qualname(node.func) in calls or name in r.g.thread_classes:
            bound_sources.bound_from(r, r.at(node), name, "range", count, io=True)
            return
        text = ast.unparse(node)
        if name[:1].isupper() and (text in started or text in {names.get(s) for s in started}):
            _later(r, name, node, count)  # a class of a file not read yet, whose `start` runs
            return


def _walk(node: ast.AST) -> list[ast.AST]:
    """*node* and the nodes of its own scope (`scopes.walk_local`): a function or class defined
    inside it is kept as a node, its body left out."""
    return [node] if isinstance(node, SCOPES) else [node, *walk_local(node)]


def _later(r: Reader, name: str, node: ast.Call, count: ast.expr) -> None:
    """Record the bound as usual, then keep it aside until *name* is known to be a thread."""
    g = r.g
    pending, evidence = len(g.pending_bounds), len(g.evidence)
    bound_sources.bound_from(r, r.at(node), name, "range", count, io=True)
    kept = (name, g.pending_bounds[pending:], g.evidence[evidence:])
    del g.pending_bounds[pending:], g.evidence[evidence:]
    g.thread_loop_starts.append(kept)


def settle(g: Gatherer) -> None:
    """Once every file is read: the loops that start a class built on a thread count."""
    for name, pending, evidence in g.thread_loop_starts:
        if name in g.thread_classes:
            g.pending_bounds.extend(pending)
            g.evidence.extend(evidence)
    g.thread_loop_starts.clear()
