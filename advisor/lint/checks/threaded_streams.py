"""ADV101: a stream read on the loop after the call that opened it ran in a thread.

``resp = await asyncio.to_thread(self._client.get_object, Bucket=b, Key=k)`` moves boto3's
request off the loop, but the response's ``Body`` is botocore's ``StreamingBody``, still
attached to the HTTP connection: ``resp["Body"].read()`` back in the coroutine downloads the
whole object on the event loop (mnemo-mcp 16bbb90, "fix: blocking I/O in Async Function": the
fix reads the body inside the thread too). The table is data (calls.yaml ``thread_streams``):
which client library's call (by its last name, the call itself a wait of a client library of
``blocking.yaml``'s ``clients``) returns which item as a stream, and the stream's methods that
read it. The response is the one value of a local the coroutine binds to the executor's
awaited result (`executors`: ``to_thread``, ``run_in_executor``, Home Assistant's
``async_add_executor_job``, through ``functools.partial`` or a ``lambda`` that makes the call); the stream is read at the item or
through a local bound once to it. A body read inside the thread, or the call made in the
coroutine itself (ADV101 reports the call), is not this rule's.

Quiet, as other blocking calls are, in start-up code, in a command-line program's own code and
in test code (`code_kinds`).
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import source_name
from advisor.lint.checks.base import ASYNC, Check, FileContext, register
from advisor.lint.checks.code_kinds import one_shot_kind, one_shot_quiet, startup_code
from advisor.lint.checks.executors import Executors
from advisor.lint.clients import client_entry, libraries


@register
class ThreadedStreams(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV101",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        self.calls = data["calls"]
        self.table: dict[str, dict[str, Any]] = self.calls.get("thread_streams", {})
        self.reads = {name for entry in self.table.values() for name in entry["reads"]}
        self.executors = Executors(self.calls)
        self.found: list[tuple[ast.AST, ast.Call, str, str]] = []

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        func = node.func
        if (
            self.ctx.frame.kind != ASYNC
            or not isinstance(func, ast.Attribute)
            or func.attr not in self.reads
        ):
            return
        stream = self._one_value(func.value)
        if not isinstance(stream, ast.Subscript) or not isinstance(stream.slice, ast.Constant):
            return
        response = self._one_value(stream.value)
        if not isinstance(response, ast.Await) or not isinstance(response.value, ast.Call):
            return
        for handed in self.executors.handed(response.value, self.ctx):
            ref = handed
            bound = self._one_value(ref) if isinstance(ref, ast.Name) else None
            if isinstance(
                bound, (ast.Call, ast.Lambda)
            ):  # `call = partial(client.get_object, ...)`
                ref = bound if isinstance(bound, ast.Lambda) else self.executors.unwrapped(bound)
            if isinstance(ref, ast.Lambda) and isinstance(ref.body, ast.Call):
                ref = ref.body.func  # `lambda: client.get_object(...)`: the call it makes
            if not isinstance(ref, (ast.Name, ast.Attribute)):
                continue
            qualified = self.ctx.qualify(ref) or ""
            entry = self.table.get(qualified.rpartition(".")[2])
            if (
                entry is not None
                and stream.slice.value == entry["item"]
                and func.attr in entry["reads"]
                and client_entry(qualified, libraries()) is not None
            ):
                shown = f"{source_name(ref)}()[{stream.slice.value!r}].{func.attr}()"
                self.found.append((self.ctx.frame.node, node, shown, entry["fix"]))
                return

    def finish(self) -> None:
        ctx, calls = self.ctx, self.calls
        for function, node, shown, fix in self.found:
            if startup_code(ctx, function, calls):
                continue
            if one_shot_quiet(one_shot_kind(ctx, function, calls), fix, calls):
                continue
            ctx.report("ADV101", node, call=shown, fix=fix)

    def _one_value(self, expr: ast.expr) -> ast.expr | None:
        """*expr* itself, or the one value the function binds to the local *expr* names."""
        if not isinstance(expr, ast.Name):
            return expr
        values = self.ctx.resolver.assigned(expr, self.ctx.scope)
        return values[0] if values and len(values) == 1 else None
