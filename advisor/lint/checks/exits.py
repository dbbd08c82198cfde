"""Branches that end the program: a blocking call there delays only its end.

jupyterhub 5's ``JupyterHub.start`` handles ``--generate-certs`` in the coroutine that would
otherwise go on to serve: ``if self.generate_certs: ... self.init_internal_ssl() ...
loop.stop(); return``. The branch is a one-shot command inside a server's start: whatever it
blocks on (the certificates' ``socket.getfqdn()``), the program stops right after, and no
request is waiting for an answer it will ever get. The same holds for a branch that ends in
``sys.exit()``, ``os._exit()``, ``exit()``/``quit()`` or ``raise SystemExit``: the loop is
torn down next.

Such a branch is judged as a command-line program's own code (`code_kinds.one_shot_quiet`):
every blocking call is quiet but a wait on another thread and a nested ``asyncio.run``, which
would hang or fail instead of ending. Only the branch's own statements count: a branch that
only ``return``\\ s (the caller goes on serving), or that stops the loop and then does more,
is no end, and the code after the ``if`` runs while the program serves.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.lint.checks.helpers import is_loop_like, statements
from advisor.lint.checks.prompts import prompt_spans

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext

#: Calls that end the process (qualified as the resolver names them).
_EXITS = frozenset({"sys.exit", "os._exit", "exit", "quit"})


def exiting_spans(ctx: FileContext, function: ast.AST) -> list[tuple[int, int]]:
    """The line spans of *function* judged as a command-line program's own code: its
    ``if``/``else`` bodies whose last statement ends the program (`_ends_program`), and its
    terminal dialogs' loops (`prompts.prompt_spans`); computed once per function."""
    key = ("exiting_spans", id(function))
    found: list[tuple[int, int]] | None = ctx.memo.get(key)
    if found is None:
        # a terminal dialog's loop is judged the same way (`checks.prompts`)
        found = list(prompt_spans(ctx, function))
        for node in statements(getattr(function, "body", [])):
            if type(node) is not ast.If:
                continue
            for body in (node.body, node.orelse):
                if body and _ends_program(ctx, body):
                    end = getattr(body[-1], "end_lineno", None) or body[-1].lineno
                    found.append((body[0].lineno, end))
        ctx.memo[key] = found
    return found


def _ends_program(ctx: FileContext, body: list[ast.stmt]) -> bool:
    last = body[-1]
    if isinstance(last, ast.Raise):
        exc = last.exc.func if isinstance(last.exc, ast.Call) else last.exc
        return isinstance(exc, ast.Name) and exc.id == "SystemExit"
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        return _exit_call(ctx, last.value)
    if isinstance(last, ast.Return) and (
        last.value is None or (isinstance(last.value, ast.Constant) and last.value.value is None)
    ):
        if len(body) < 2:
            return False
        before = body[-2]
        return (
            isinstance(before, ast.Expr)
            and isinstance(before.value, ast.Call)
            and _loop_stop(ctx, before.value)
        )
    return False


def _exit_call(ctx: FileContext, call: ast.Call) -> bool:
    """``sys.exit(1)``, ``os._exit(0)``, ``exit()``: the process ends here."""
    func = call.func
    if isinstance(func, ast.Name) and func.id in ("exit", "quit"):
        binding = ctx.resolver.lookup(func.id, ctx.scope)
        return binding is None or (binding.kind == "import" and binding.target in _EXITS)
    return ctx.qualify(func) in _EXITS


def _loop_stop(ctx: FileContext, call: ast.Call) -> bool:
    """``loop.stop()`` on an event loop (``IOLoop.current()`` bound to ``loop``,
    ``self.loop``, ``asyncio.get_running_loop()``): the loop ends when control returns."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "stop") or call.args:
        return False
    receiver = func.value
    return is_loop_like(receiver, ctx.qualify(receiver))
