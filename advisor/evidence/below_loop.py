"""Blocking calls one call below a coroutine: ``async_libs`` (issue 19: aho's chat command,
``async def chat``, calls ``openai_chat_completion(...)``, a plain function of the same module
that builds the synchronous OpenAI client and waits on it).

A blocking call inside an ``async def`` is already a strong vote for "no"
(`advisor.evidence.libraries.library`): it stops every task while it waits. Called through a
plain ``def`` the coroutine calls directly (not handed to an executor), it stops them just the
same. Read per file: the module's plain functions and methods that a coroutine of the same
module calls by name (``helper(...)``, ``self.helper(...)``); a function passed to
``run_in_executor`` or ``to_thread`` is not called there, and so is not one of them.
"""

from __future__ import annotations

import ast

from advisor.evidence.walk import Reader, register


@register(ast.Module)
def coroutine_callees(r: Reader, node: ast.Module) -> None:
    """Plain functions of this module called directly by one of its coroutines, each with the
    first coroutine that calls it; read once per file, before the calls it concerns."""
    if "async def" not in r.source.text:
        return  # no coroutine: no walk of its own
    plain: set[str] = set()
    coroutines: list[ast.AsyncFunctionDef] = []
    for item in ast.walk(node):
        if isinstance(item, ast.FunctionDef):
            plain.add(item.name)
        elif isinstance(item, ast.AsyncFunctionDef):
            coroutines.append(item)
    found: dict[str, str] = {}
    for coroutine in coroutines:
        for call in ast.walk(coroutine):
            if not isinstance(call, ast.Call):
                continue
            name = _called(call.func)
            if name in plain and name not in found:
                found[name] = coroutine.name
    r.called_by_coroutine = found


def _called(func: ast.expr) -> str:
    """``helper`` in ``helper(...)`` and ``self.helper(...)``; nothing else (a method of
    another object may be anyone's)."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.attr if func.value.id in {"self", "cls"} else ""
    return ""


def coroutine_above(r: Reader) -> str | None:
    """The coroutine that calls the plain function the walk is in directly, if any."""
    if not r.functions or isinstance(r.functions[-1], ast.AsyncFunctionDef):
        return None
    return r.called_by_coroutine.get(r.functions[-1].name)
