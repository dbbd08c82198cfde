"""Callee helpers: the last name of a callee, the values a call hands over, a callee as written.

Every check family and the evidence visitors ask these of each call, with no scope in hand: they
read the call's own nodes only, so they live apart from the resolver (which needs a file's binding
tables) and are cheap to import from anywhere. Inference may import them, like the resolver; the
linter never imports inference.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from typing import Any


def tail(func: ast.expr) -> str | None:
    """The last name of a callee: ``sleep`` for ``time.sleep`` and for ``sleep``."""
    kind = type(func)  # `type() is`, not `isinstance`: called for every call of every file
    if kind is ast.Attribute:
        return func.attr  # type: ignore[attr-defined,no-any-return]
    if kind is ast.Name:
        return func.id  # type: ignore[attr-defined,no-any-return]
    return None


def call_values(call: ast.Call) -> Sequence[ast.expr]:
    """The values *call* hands over, positional then keyword (``f(a, *b, key=c)``: ``a``,
    ``*b``, ``c``). The call's own list when it has no keyword (most calls): several families
    look at every call's arguments, and a tuple built through a generator each time was a
    measurable share of the walk."""
    keywords = call.keywords
    if not keywords:
        return call.args
    return [*call.args, *(k.value for k in keywords)]


def source_name(expr: ast.expr) -> str:
    """The callee as written, for messages: ``conn.execute``, ``Session().get``, ``self.m``,
    cut to 60 characters for display. Never compare two callees by it: two long chains that
    share their first 57 characters read the same (aiohomematic's awaited
    ``...device_details.load()`` and plain ``...device_details.add_interface()``); compare by
    `full_name`."""
    text = full_name(expr)
    return text if len(text) <= 60 else text[:57] + "..."


def full_name(expr: ast.expr) -> str:
    """The callee as written, uncut: the key to compare two callees by (see `source_name`).

    Built from names only (no `ast.unparse`: this runs for every discarded call)."""
    parts: list[str] = []
    node: ast.expr = expr
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            parts.append("()")
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            break
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, (ast.Constant, ast.Name)):
            key = node.slice
            parts.append(f"[{key.value!r}]" if isinstance(key, ast.Constant) else f"[{key.id}]")
            node = node.value
        else:
            parts.append("(...)")
            break
    text = ""
    for part in reversed(parts):
        text += part if (part == "()" or part[0] == "[" or not text) else f".{part}"
    return text


def bound_blocking(binding: Any, tails: frozenset[str], callables: frozenset[str]) -> bool:
    """Whether a plain name whose last name the blocking table does not list is bound to one it
    does: an import under another name (``from time import sleep as nap``), or, with
    *callables* (the last names of the table's keys written ``f()``, a library object that
    runs when called), a value made by such a call (``clf = pipeline("ner")`` then
    ``clf(text)``, which runs the model). *binding* is the resolver's `Binding` of the name.
    Asked only of calls whose last name missed the table's, so the common call costs nothing."""
    if binding is None:
        return False
    if binding.kind == "import":
        return str(binding.target).rpartition(".")[2] in tails
    node = binding.node
    return (
        bool(callables)
        and binding.kind == "value"
        and type(node) is ast.Call
        and tail(node.func) in callables
    )
