"""ADV112: a process pool started by forking a process that runs a threaded library.

``ProcessPoolExecutor()`` and ``multiprocessing.Pool()`` start their workers with the platform's
start method, ``fork`` on Linux before Python 3.14. A fork copies the calling thread only, and
every lock as it stood: a lock another thread held at that moment stays held in the child, by
no thread, for ever. Libraries that run thread pools of their own hold such locks: PyTorch's
intra-op and OpenMP threads (lhotse#982: feature extraction on a default process pool, next to
torch, "blocks"; the fix passed ``mp_context=multiprocessing.get_context("spawn")``),
TensorFlow's and JAX's runtimes (JAX warns that a fork "will likely lead to a deadlock"), gRPC's
polling threads. Python 3.12 warns of the same ("use of fork() may lead to deadlocks in the
child").

Precision over recall: the library must be imported at the file's top level and called in the
file (the threads exist once it has run; a bare import may start none), and the pool made with
the default start method written there: ``concurrent.futures.ProcessPoolExecutor`` without
``mp_context=`` and ``multiprocessing.Pool`` / ``multiprocessing.pool.Pool`` without
``context=``. Not flagged: a pool given a context, one made from ``get_context(...)``, a file
that sets the start method itself (``set_start_method(...)``, any method but ``"fork"``), a
thread pool, and a library imported only in another module of the program (which modules run
in one process is the program's question, not the file's). The libraries, the pools and the
start-method setters are calls.yaml ``fork_unsafe_libraries``, ``fork_default_pools`` and
``start_method_setters``.
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import source_name, tail
from advisor.lint.checks.base import Check, FileContext, register


@register
class ForkedThreads(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV112",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        self.libraries = frozenset(calls["fork_unsafe_libraries"])
        #: each pool that forks by default, and the keyword that gives it a start method
        self.defaults: dict[str, str] = calls["fork_default_pools"]
        self.setters = frozenset(calls["start_method_setters"])
        self.tails = frozenset(name.rpartition(".")[2] for name in self.defaults)
        self.pools: list[tuple[ast.Call, str]] = []
        self.used: set[str] = set()  # the libraries the file calls
        self.chosen = False  # the file sets its start method

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        name = tail(node.func)
        if name == "set_start_method":
            if ctx.qualify(node.func) in self.setters and not _fork(node):
                self.chosen = True
            return
        qualified = ctx.qualify(node.func)
        if qualified is None:
            return
        root = qualified.partition(".")[0]
        if root in self.libraries:
            self.used.add(root)
        if name in self.tails and qualified in self.defaults:
            keyword = self.defaults[qualified]
            if not any(k.arg in (keyword, None) for k in node.keywords):
                self.pools.append((node, source_name(node.func)))

    def finish(self) -> None:
        if self.chosen or not self.pools or not self.used:
            return
        imported = sorted(self.used & _top_imports(self.ctx))
        if not imported:
            return
        for node, shown in self.pools:
            self.ctx.report("ADV112", node, call=shown, library=imported[0])


def _fork(node: ast.Call) -> bool:
    """``set_start_method("fork")``: the hazard chosen on purpose."""
    method = node.args[0] if node.args else None
    method = next((k.value for k in node.keywords if k.arg == "method"), method)
    return isinstance(method, ast.Constant) and method.value == "fork"


def _top_imports(ctx: FileContext) -> set[str]:
    """The top-level packages the module imports when it loads (its top level, also inside
    ``try`` and ``if`` blocks there; never a function's import, which may not run)."""
    found: set[str] = set()
    pending: list[ast.stmt] = list(ctx.tree.body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, ast.Import):
            found.update(alias.name.partition(".")[0] for alias in statement.names)
        elif isinstance(statement, ast.ImportFrom):
            if statement.module and not statement.level:
                found.add(statement.module.partition(".")[0])
        elif isinstance(statement, ast.Try):
            pending.extend((*statement.body, *statement.orelse, *statement.finalbody))
            for handler in statement.handlers:
                pending.extend(handler.body)
        elif isinstance(statement, ast.If):
            pending.extend((*statement.body, *statement.orelse))
    return found
