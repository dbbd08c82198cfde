"""Keyword-only defaults that no call of the scan overrides: what a helper's parameter is at
every call the scan makes of it, even through ``**kwargs`` handed on.

mmrelay's ``MessageQueue.enqueue(send_function, *args, ..., wait=False, ...)`` sleeps only
under ``if wait:`` (its queue is full and the caller asked to wait); the module's
``queue_message(send_function, *args, **kwargs)`` hands its keywords on, so the hop's
arguments are unknown (`arguments.call_arguments`) and the branch used to stay open. No call
in the whole scan writes ``enqueue(..., wait=...)``, so every chain the scan reports reaches
``enqueue`` with ``wait=False``.

The decision, conservative by construction:

- only a keyword-only parameter (after ``*`` or ``*args``): no positional argument, and no
  ``*args`` handed on, can fill it;
- closed only when no call of the scan names it beside a callee of that name
  (``x.enqueue(wait=...)``, ``partial(q.enqueue, wait=...)``: a call naming the function as an
  argument counts as calling it) nor beside a def of the scan that takes ``**kwargs`` (which
  may hand it on: ``queue_message(fn, wait=True)``), no ``**{"wait": ...}`` display spreads it into such a call,
  and no string ``"wait"`` is a subscript key, a dict display's key or a call's argument
  anywhere in the scan (``kw["wait"] = True``, ``kw.setdefault("wait", True)``): a mapping
  built in the scan names its keys.

A public library function may be called with that keyword by code outside the scan; those
calls are not on any chain the scan reports (every chain starts at a coroutine of the scan and
follows the scan's calls), so the default still holds for the findings it decides, unless the
chain's coroutine hands on ``*args``/``**kwargs`` (its own caller's, maybe from outside the
scan): such a chain closes nothing (`OPAQUE`). What stays open: a mapping whose keys come from outside the code (a configuration file spread with
``**options``), a function called under another name (``f = q.enqueue; f(wait=True)``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Set
from typing import Any

from advisor.lint.callees import tail

Shape = list[Any] | None

#: The mark a chain carries down from a coroutine whose call hands on ``*args`` or
#: ``**kwargs``: what it hands on may come from its own caller, outside the scan, so no
#: default below it is closed (`reach_chains.resolve`). No parameter has this name.
OPAQUE = "**"
OPAQUE_VALUES: dict[str, Shape] = {OPAQUE: ["opaque", None]}


def _key(expr: ast.expr | None) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str) and expr.value.isidentifier():
        return expr.value
    return None


def call_keys(call: ast.Call) -> list[str]:
    """What *call* may give by keyword: ``callee.keyword`` for its callee and for every
    function it names as an argument, and a bare ``keyword`` for a string argument. The
    callees are only gathered for a call that gives a keyword (asked of every call with an
    argument, most of which give none)."""
    found: list[str] = []
    for arg in call.args:
        key = _key(arg) if type(arg) is ast.Constant else None
        if key is not None:
            found.append(key)
    if not call.keywords:
        return found
    names: list[str] = []
    for keyword in call.keywords:
        if keyword.arg is not None:
            names.append(keyword.arg)
        elif isinstance(keyword.value, ast.Dict):
            names.extend(k for k in map(_key, keyword.value.keys) if k is not None)
    if not names:
        return found
    callees = {tail(call.func)}
    for arg in call.args:
        if isinstance(arg, (ast.Name, ast.Attribute)):
            callees.add(tail(arg))
    for callee in callees - {None}:
        for name in names:
            found.append(f"{callee}.{name}")
    return found


def subscript_key(node: ast.Subscript) -> str | None:
    """``kw["wait"]``: a mapping's key the scan names."""
    return _key(node.slice)


def dict_keys(node: ast.Dict) -> Iterator[str]:
    """``{"wait": True}``: keys a mapping built in the scan holds."""
    for key in node.keys:
        found = _key(key)
        if found is not None:
            yield found


def spreaders(frames: Iterable[Any]) -> list[str]:
    """The names of the file's defs that take ``**kwargs`` (`base.Frame`s): a keyword given
    to one may reach any callee it hands its keywords to."""
    return sorted(
        {
            node.name
            for node in (frame.node for frame in frames)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.args.kwarg is not None
        }
    )


def spread(named: Set[str], spreading: Set[str]) -> frozenset[str]:
    """The keywords the scan's calls give to a def that takes ``**kwargs`` (*spreading*)."""
    found = set()
    for key in named:
        callee, dot, name = key.partition(".")
        if dot and callee in spreading:
            found.add(name)
    return frozenset(found)


def closed(qualname: str, spec: list[Any], named: Set[str], spread: Set[str]) -> dict[str, Shape]:
    """The keyword-only parameters of *qualname* (its `arguments.parameters` *spec*) that no
    call of the scan gives (*named*: every file's `call_keys`, subscript and dict keys;
    *spread*: the keywords given to a def taking ``**kwargs``), each with its default's shape:
    what every call the scan makes of it passes."""
    method = qualname.rpartition(".")[2]
    _positional, keyword_only, defaults, _bound = spec
    return {
        name: defaults[name]
        for name in keyword_only
        if defaults.get(name) is not None
        and name not in named
        and name not in spread
        and f"{method}.{name}" not in named
    }


def omits_default(ctx: Any, call: ast.Call, qualname: str, bound: object) -> bool:
    """Whether *call* leaves a parameter with a default to it, the callee a def of the same
    file (*qualname*: a module-level function, a method of a module-level class, or such a
    class, whose constructor it calls; *bound*: called on an instance,
    ``self.save_artifact(...)``), the call handing on no ``*args`` or
    ``**kwargs``. The chain then knows that parameter's value at this hop too: mcp-agent's
    ``add_task_result`` calls ``self.save_artifact(name, content)``, whose ``to_filesystem=False``
    closes the ``open()`` under ``if to_filesystem and ...`` (package set 13), as the same call
    written in the coroutine already did. Asked only of a call whose arguments were not
    recorded for another reason (`reach_reasons`)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return False
    defs = _defs(ctx)
    function = defs.get(qualname)
    if function is None:
        function = defs.get(f"{qualname}.__init__")  # `Store(path)`: its constructor's
        bound = True
    if function is None:
        return False
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    if bound and positional:
        positional = positional[1:]
    given = {k.arg for k in call.keywords}
    first_default = len(positional) - len(args.defaults)
    for index, param in enumerate(positional):
        if index >= first_default and index >= len(call.args) and param.arg not in given:
            return True
    return any(
        default is not None and param.arg not in given
        for param, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
    )


def _defs(ctx: Any) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """The file's module-level functions and the methods of its module-level classes, by
    qualified name (memoised on the file's context)."""
    found: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] | None = ctx.memo.get("defs_named")
    if found is None:
        found = {}
        for stmt in ctx.tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found[f"{ctx.module}.{stmt.name}"] = stmt
            elif isinstance(stmt, ast.ClassDef):
                for item in stmt.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        found[f"{ctx.module}.{stmt.name}.{item.name}"] = item
        ctx.memo["defs_named"] = found
    return found
