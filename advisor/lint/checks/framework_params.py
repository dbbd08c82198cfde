"""Parameters a framework fills by contract, read as typed though written bare.

discord.py's own examples write ``@bot.command() async def hello(ctx): ctx.send("hi")``: the
first parameter of a command is a ``commands.Context`` whether annotated or not, and
``on_message(message)`` receives a ``discord.Message``. A forgotten ``await`` on
``ctx.send(...)`` is the commonest discord.py bug, and ADV102 saw it only where the
parameter was annotated (newcomer review 21, 4). The contracts are data (calls.yaml
``framework_parameters``): the decorator's last name, the handler's name where the event
decides the type, the position among the parameters after ``self``, the class, and the
library whose import the file must show.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from typing import Any

from advisor.lint.callees import tail
from advisor.lint.checks.await_callbacks import imports_any
from advisor.lint.checks.base import FileContext


def contract_types(
    ctx: FileContext, function: ast.AsyncFunctionDef, contracts: Iterable[Mapping[str, Any]]
) -> dict[str, str]:
    """Parameter name -> class for the bare parameters of *function* a contract types."""
    found: dict[str, str] = {}
    if not function.decorator_list:
        return found
    decorators = {tail(d.func if type(d) is ast.Call else d) for d in function.decorator_list} - {
        None
    }
    params = [*function.args.posonlyargs, *function.args.args]
    if params and params[0].arg in {"self", "cls"}:
        params = params[1:]
    for contract in contracts:
        if decorators.isdisjoint(contract["decorators"]):
            continue
        if "names" in contract and function.name not in contract["names"]:
            continue
        at = int(contract.get("position", 0))
        if at >= len(params) or params[at].annotation is not None:
            continue
        if not imports_any(ctx, frozenset(contract["libraries"])):
            continue
        found.setdefault(params[at].arg, str(contract["class"]))
    return found
