"""For `blocking.py` (ADV101): a plain ``def`` that a decorator turns into a coroutine the event
loop runs, so a blocking call in its body stalls the loop as it would in an ``async def``.

Tornado's ``@gen.coroutine`` (``tornado.gen.coroutine``) runs the decorated function on the
IOLoop, which is asyncio's loop since Tornado 5, up to each ``yield``; a request handler written
that way (jupyterlab-latex#9: ``subprocess.run(["xelatex", ...])`` in ``LatexHandler.get``)
holds the server for the whole call. ``asyncio.coroutine`` (generator-based coroutines, removed
in Python 3.11) is the same on old code. The decorators are calls.yaml ``loop_coroutine_decorators``.

Left out on purpose: Twisted's ``@inlineCallbacks`` (its reactor is another loop, and ADV101's
fixes, ``asyncio.to_thread`` and async libraries, are not Twisted's ``deferToThread``), and
``types.coroutine``, a low-level tool of libraries whose word ("types") occurs in too many
files to read each for it. Only the blocking call written in the decorated function is
reported: the chains one call away (`reach.py`) start in an ``async def``.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.lint.callees import source_name

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext, Frame

_MEMO = "loop_decorators"


def loop_decorator(ctx: FileContext, frame: Frame, decorators: frozenset[str]) -> str | None:
    """The decorator, as written, that makes *frame*'s plain ``def`` a coroutine the event loop
    runs (one of *decorators*, qualified in the scope around the ``def``); None otherwise.
    Memoised per ``def``: every call of the function asks."""
    node = frame.node
    if type(node) is not ast.FunctionDef or not node.decorator_list:
        return None
    memo: dict[int, str | None] = ctx.memo.setdefault(_MEMO, {})
    key = id(node)
    if key in memo:
        return memo[key]
    found: str | None = None
    outer = frame.scope.parent or frame.scope
    for decorator in node.decorator_list:
        if ctx.resolver.qualify(decorator, outer) in decorators:
            found = "@" + source_name(decorator)
            break
    memo[key] = found
    return found
