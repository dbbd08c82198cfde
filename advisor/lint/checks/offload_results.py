"""A blocking call written as the argument of the call meant to take it off the loop.

``await asyncio.to_thread(requests.get(url))`` and ``loop.run_in_executor(None,
time.sleep(1))`` call the function here, on the loop, and hand the thread its result: the
request has already blocked by then (and the thread then fails calling a ``Response``).
ADV101 reports it as any blocking call, but its usual fix ("use an async client or
``await asyncio.to_thread(...)``") repeated what the user wrote (newcomer review 21, 8): the
fix said here is to pass the function and its arguments.
"""

from __future__ import annotations

import ast

from advisor.lint.checks.base import FileContext
from advisor.lint.checks.executors import Executors

#: The fix key of `blocking.yaml`'s ``fixes`` said for such a call.
OFFLOAD_RESULT = "offload_result"


def offload_fix(
    node: ast.Call, parent: ast.AST | None, ctx: FileContext, executors: Executors
) -> dict[int, str]:
    """``{id(node): OFFLOAD_RESULT}`` when *node* is written where *parent*, an executor call
    of the table, takes the function it runs (``to_thread(f(...))``, ``run_in_executor(None,
    f(...))``); empty otherwise."""
    if type(parent) is not ast.Call or not any(arg is node for arg in parent.args):
        return {}
    handed = any(ref is node for ref in executors.handed(parent, ctx))
    return {id(node): OFFLOAD_RESULT} if handed else {}
