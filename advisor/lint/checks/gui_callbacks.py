"""ADV113: blocking work in a GUI toolkit's event callback freezes the window.

Tk, Qt and wx run every event callback on the one thread that also repaints the window and
answers the next click: ``subprocess.run(["yt-dlp", url])`` in a button's ``command=`` leaves
the window frozen ("Not Responding") for the whole download (review 27 #4; the pitfalls
`advisor explain gui` teaches). ADV101's machinery starts from coroutines only: its walk
records a coroutine's calls (``c``) and its join (`reach_chains.resolve`) reads each hop's
quiet kinds (start-up, command-line, test code) as a coroutine's, none of which a window's
callback has. This family reuses what fits, the one blocking table (`blocking.yaml`, through
the same lookup as `blocking.BlockingCall`) and `helpers.DEPTH`, and follows the file's own
defs itself.

A callback is what the code hands a toolkit's registration (calls.yaml ``gui_callbacks``):
Tk's ``command=``, ``bind``, ``after``, ``protocol``, ``trace_add``; Qt's ``connect`` and
``QTimer.singleShot``, and a ``@Slot`` method of a class that is no worker; wx's ``Bind`` and
``CallAfter``. It may be a def of the file named by name or ``self.m``, a ``lambda`` (its calls
are the callback's), or ``functools.partial`` of either. Reported at the call in the callback:
a blocking call of the table, ``asyncio.run`` (or ``run_until_complete``), ``.result()`` on
what ``submit`` returned and ``join()`` on a thread the code started, written there or in a
def of the same file the callback calls (``on_click -> download -> subprocess.run()``, up to
`DEPTH` calls deep).

Quiet: work handed to a thread, a pool or a ``QThreadPool`` (a function passed by reference
is not called here), local file reads and metadata checks (calls.yaml ``fixes`` leaves them
out: milliseconds, and every editor's "Open" does them), a short ``time.sleep``, code never
registered, and a def called from another module (not followed: see the rule's doc).
"""

from __future__ import annotations

import ast
from typing import Any, ClassVar

from advisor.lint.callees import bound_blocking, source_name, tail
from advisor.lint.checks.base import LAMBDA, SYNC, Check, FileContext, register
from advisor.lint.checks.harmless import unless_applies
from advisor.lint.checks.helpers import DEPTH, class_members, own_nodes

#: A recorded call: ``(call node, shown name)``.
_Blocking = tuple[ast.Call, str]
#: A call to a def of the file: ``(call node, the def)``.
_Edge = tuple[ast.Call, ast.AST]


def _toolkits(tree: ast.Module, modules: dict[str, list[str]]) -> set[str]:
    """The toolkits the module imports at its top level (also under ``try``/``if``)."""
    first = {name: kit for kit, names in modules.items() for name in names}
    found: set[str] = set()
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        stmt = pending.pop()
        if isinstance(stmt, ast.Import):
            found.update(first[a.name.partition(".")[0]] for a in stmt.names
                         if a.name.partition(".")[0] in first)  # fmt: skip
        elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
            kit = first.get(stmt.module.partition(".")[0])
            if kit:
                found.add(kit)
        elif isinstance(stmt, (ast.If, ast.Try)):
            pending.extend(stmt.body)
            pending.extend(stmt.orelse)
            for handler in getattr(stmt, "handlers", ()):
                pending.extend(handler.body)
    return found


def _constant_seconds(call: ast.Call) -> float | None:
    """The constant a ``sleep(...)`` is given, or None."""
    value = call.args[0] if call.args else None
    if isinstance(value, ast.Constant) and isinstance(value.value, (int, float)):
        return float(value.value)
    return None


@register
class GuiCallbacks(Check):
    codes: ClassVar[tuple[str, ...]] = ("ADV113",)
    node_types: ClassVar[tuple[type[ast.AST], ...]] = (ast.Call,)

    def __init__(self, ctx: FileContext, data: dict[str, Any]) -> None:
        super().__init__(ctx, data)
        calls = data["calls"]
        self.spec: dict[str, Any] = calls["gui_callbacks"]
        self.kits = _toolkits(ctx.tree, self.spec["modules"])
        self.table: dict[str, Any] = data["blocking"]["calls"]
        self.tails = data["_tails"]["blocking"]
        self.callables: frozenset[str] = data["_tails"]["callables"]
        self.fixes = frozenset(self.spec["fixes"])
        self.starts = frozenset(self.spec["starts"])
        self.runners = set(calls["program_runners"])
        self.runner_tails = frozenset(r.rpartition(".")[2] for r in self.runners)
        self.run_methods = frozenset(calls["loop_run_methods"])
        self.registrations = {
            name: (kit, position)
            for kit, methods in self.spec["registrations"].items()
            if kit in self.kits
            for name, position in methods.items()
        }
        self.keywords = {
            word: kit for kit, words in self.spec["keywords"].items() if kit in self.kits
            for word in words
        }  # fmt: skip
        #: per function (by id): its blocking calls and its calls to defs of the file
        self.blocking: dict[int, list[_Blocking]] = {}
        self.edges: dict[int, list[_Edge]] = {}
        #: the callbacks: (the def or lambda, its toolkit, its name as shown)
        self.callbacks: list[tuple[ast.AST, str, str]] = []

    def visit(self, node: ast.AST, parent: ast.AST | None) -> None:
        if not self.kits:
            return
        assert isinstance(node, ast.Call)
        ctx = self.ctx
        name = tail(node.func)
        self._registration(node, name)
        if ctx.frame.kind not in (SYNC, LAMBDA):
            return
        key = id(ctx.frame.node)
        shown = self._blocks(node, name)
        if shown is not None:
            self.blocking.setdefault(key, []).append((node, shown))
            return
        target = self._def_of(node.func)
        if target is not None and target is not ctx.frame.node:
            self.edges.setdefault(key, []).append((node, target))

    def finish(self) -> None:
        if not self.kits:
            return
        self._slots()
        said: set[tuple[int, int]] = set()
        for callback, kit, shown in self.callbacks:
            for at, hops in self._chains(callback, [shown], frozenset()):
                place = (at.lineno, at.col_offset)
                if place in said:
                    continue
                said.add(place)
                self.ctx.report("ADV113", at, call=" -> ".join(hops), where=kit, how=kit)

    def _chains(
        self, function: ast.AST, hops: list[str], seen: frozenset[int]
    ) -> list[tuple[ast.Call, list[str]]]:
        """Where *function* blocks: each blocking call it makes, and each call to a def of
        the file that blocks (reported at that call), with the chain of names."""
        found: list[tuple[ast.Call, list[str]]] = [
            (call, [*hops, f"{shown}()"]) for call, shown in self.blocking.get(id(function), ())
        ]
        if len(hops) > DEPTH:
            return found
        for call, target in self.edges.get(id(function), ()):
            if id(target) in seen:
                continue
            below = self._chains(target, [getattr(target, "name", "lambda")], seen | {id(function)})
            if below:
                found.append((call, [*hops, *below[0][1]]))
        return found

    def _blocks(self, node: ast.Call, name: str | None) -> str | None:
        """The call as shown when it blocks the thread long enough for a user to see."""
        ctx = self.ctx
        func = node.func
        if name in self.run_methods and type(func) is ast.Attribute:
            return source_name(func)
        if name == "result" and type(func) is ast.Attribute and self._submitted(func.value):
            return source_name(func)
        if name == "join" and type(func) is ast.Attribute and self._thread(func.value, node):
            return source_name(func)
        if (
            name not in self.tails
            and name not in self.runner_tails
            and not (
                type(func) is ast.Name
                and bound_blocking(
                    ctx.resolver.lookup(func.id, ctx.scope), self.tails, self.callables
                )
            )
        ):
            return None
        qualified = ctx.qualify(func)
        if qualified is None:
            return None
        if qualified in self.runners:
            return qualified
        entry = self.table.get(qualified)
        if entry is None or entry["fix"] not in self.fixes or qualified in self.starts:
            return None
        if unless_applies(node, entry.get("unless"), ctx):
            return None
        if (
            entry["fix"] == "future"
            and isinstance(func, ast.Attribute)
            and self._done_tested(func.value)
        ):
            return None
        if entry["fix"] == "sleep":
            seconds = _constant_seconds(node)
            if seconds is not None and seconds < float(self.spec["sleep_below"]):
                return None
        return qualified if "()" not in qualified else source_name(func)

    def _one_value(self, expr: ast.expr) -> ast.expr | None:
        """*expr* itself, or the one value the code binds to the local or the ``self``
        attribute it names (`names.Resolver.assigned`)."""
        if type(expr) is not ast.Name and type(expr) is not ast.Attribute:
            return expr
        values = self.ctx.resolver.assigned(expr, self.ctx.scope)
        return values[0] if values and len(values) == 1 else None

    def _submitted(self, receiver: ast.expr) -> bool:
        """``pool.submit(f).result()``, or ``.result()`` on the local bound to it, unless the
        function tests ``future.done()`` (thonny's pip dialog polls through ``after`` and
        takes the result once done)."""
        value = self._one_value(receiver)
        if type(value) is not ast.Call or tail(value.func) != "submit":
            return False
        return not self._done_tested(receiver)

    def _done_tested(self, receiver: ast.expr) -> bool:
        """Whether the function calls ``receiver.done()`` on the local *receiver*."""
        if type(receiver) is not ast.Name:
            return False
        return any(
            type(node) is ast.Call
            and type(node.func) is ast.Attribute
            and node.func.attr == "done"
            and type(node.func.value) is ast.Name
            and node.func.value.id == receiver.id
            for node in own_nodes(self.ctx.frame.node)
        )

    def _thread(self, receiver: ast.expr, call: ast.Call) -> bool:
        """``worker.join()`` without a timeout on the local, or the ``self`` attribute, bound
        to ``Thread(...)`` (dvr-scan's ``self._scan_thread.join()`` in a stop button)."""
        if call.args or call.keywords:
            return False
        value = self._one_value(receiver)
        if type(value) is not ast.Call:
            return False
        qualified = self.ctx.qualify(value.func)
        return qualified in ("threading.Thread", "multiprocessing.Process")

    def _registration(self, node: ast.Call, name: str | None) -> None:
        """Note the callback *node* registers, if it is a toolkit's registration."""
        for keyword in node.keywords:
            kit = self.keywords.get(keyword.arg or "")
            if kit is not None:
                self._callback(keyword.value, kit)
        spec = self.registrations.get(name or "")
        if spec is None or type(node.func) is not ast.Attribute:
            return
        kit, position = spec
        if len(node.args) > position >= -len(node.args):
            self._callback(node.args[position], kit)

    def _callback(self, value: ast.expr, kit: str) -> None:
        if type(value) is ast.Call and self.ctx.qualify(value.func) == "functools.partial":
            if not value.args:
                return
            value = value.args[0]
        if type(value) is ast.Lambda:
            self.callbacks.append((value, kit, "lambda"))
            return
        target = self._def_of(value)
        if target is not None and not self._worker_method(value):
            self.callbacks.append((target, kit, getattr(target, "name", "lambda")))

    def _def_of(self, ref: ast.expr) -> ast.AST | None:
        """The plain def of this file *ref* names: a function by name, ``self.m``."""
        ctx = self.ctx
        if type(ref) is ast.Name:
            binding = ctx.resolver.lookup(ref.id, ctx.scope)
            node = binding.node if binding is not None and binding.kind == "def" else None
            return node if type(node) is ast.FunctionDef else None
        frame = ctx.frame
        if (
            type(ref) is ast.Attribute
            and type(ref.value) is ast.Name
            and frame.self_name is not None
            and ref.value.id == frame.self_name
            and frame.cls is not None
        ):
            for stmt in class_members(ctx, frame.cls[1]).get(ref.attr, ()):
                if type(stmt) is ast.FunctionDef and not stmt.decorator_list:
                    return stmt
        return None

    def _worker_method(self, ref: ast.expr) -> bool:
        """``self.m`` in a class whose instances run elsewhere (a QObject moved to a
        QThread, a QRunnable, a Thread)."""
        cls = self.ctx.frame.cls
        return type(ref) is ast.Attribute and cls is not None and self._worker(cls[1])

    def _worker(self, cls: ast.ClassDef) -> bool:
        bases = {tail(base) for base in cls.bases}
        return bool(bases & set(self.spec["worker_bases"]))

    def _slots(self) -> None:
        """Qt's ``@Slot()`` methods of a class that is no worker: callbacks too."""
        if "qt" not in self.kits:
            return
        decorators = frozenset(self.spec["slot_decorators"])
        for frame in self.ctx.frame_of.values():
            node = frame.node
            if type(node) is not ast.FunctionDef or frame.cls is None:
                continue
            if frame.cls[1].body.count(node) != 1 or self._worker(frame.cls[1]):
                continue
            if any(
                tail(d.func if isinstance(d, ast.Call) else d) in decorators
                for d in node.decorator_list
            ):
                self.callbacks.append((node, "qt", node.name))
