"""Steps a program runs only when asked: an ``if`` whose test is false by default (issue 19,
class 2). streamrip downscales a cover only ``if config.embed_max_width > 0:`` and its own
``config.toml`` sets ``embed_max_width = -1``; a function runs a branch only ``if
render_offline:`` with ``render_offline=False`` as the parameter's default; ``if self.skip_gitignore:`` with the
class declaring ``skip_gitignore: bool = False``. What such a branch
calls is an option the user turns on, not what the program does by default: its edges are
opt-in (`advisor.evidence.units.Graph.opt_in`), and a heavy step only they reach is listed,
not counted. Kept apart from the program's modes (an ``if``/``elif`` chain of commands), whose
branch the configuration may well pick by default (isso's ``pbkdf2`` hash). Pure: reads the function's ``ast``; the defaults come from the package's configuration
file (`Gatherer.file_settings`, `Gatherer.settings`) and the command-line options the module
parses (``Module.options``)."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.evidence.scopes import Function
    from advisor.evidence.walk import Reader
    from advisor.inference import SourceFile

_COMPARE: dict[type[ast.cmpop], Callable[[int, int], bool]] = {
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}


def opt_in_spans(r: Reader, node: Function) -> list[tuple[int, int]]:
    """The line spans of the branches of *node* that run only when an option is turned on:
    an ``if`` (not its ``else``) whose test is false for the option's default, and the branch
    of a conditional expression that test picks only when the option is on."""
    off = _off_parameters(node)
    spans: list[tuple[int, int]] = []
    for stmt in _statements(node.body):
        if isinstance(stmt, ast.If) and _false_by_default(r, stmt.test, off):
            spans.append((stmt.body[0].lineno, stmt.body[-1].end_lineno or stmt.lineno))
        if isinstance(stmt, ast.Try) and _needs_an_extra(stmt):
            spans.append((stmt.body[0].lineno, stmt.body[-1].end_lineno or stmt.lineno))
        for expr in _conditionals(stmt):
            branch = _opt_in_branch(r, expr, off)
            if branch is not None:
                spans.append((branch.lineno, branch.end_lineno or branch.lineno))
    return sorted(set(spans))


_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})


def _needs_an_extra(stmt: ast.Try) -> bool:
    """``try: from .chat.video import render; render(...)`` ``except ImportError: print(
    "install the [chat] extra")`` (twitch-dl's chat renderer): a feature that runs only when
    an optional dependency is installed, so a step it runs is the user's choice, not the
    program's default work. The body must import and then run something; a bare optional
    import (``try: import ujson as json``) only picks a module."""
    caught = False
    for handler in stmt.handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        caught |= any(isinstance(k, ast.Name) and k.id in _IMPORT_ERRORS for k in kinds)
    imports = [s for s in stmt.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    runs = [
        s
        for s in stmt.body
        if not isinstance(s, (ast.Import, ast.ImportFrom))
        and any(isinstance(n, ast.Call) for n in ast.walk(s))
    ]
    return caught and bool(imports) and bool(runs)


def _conditionals(stmt: ast.stmt) -> Iterator[ast.IfExp]:
    """The conditional expressions a simple statement holds (``r = A() if x else B()``)."""
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.Return, ast.Expr)) and stmt.value:
        yield from (n for n in ast.walk(stmt.value) if isinstance(n, ast.IfExp))


def _opt_in_branch(r: Reader, expr: ast.IfExp, off: set[str]) -> ast.expr | None:
    """The branch of ``A if flag else B`` that runs only when an option is on (``B`` for
    ``GitHubRenderer() if not render_offline else OfflineRenderer()``, grip's), when it is on
    lines of its own: a mode is a span of lines (`Graph.modes`)."""
    test, branch, other = expr.test, expr.body, expr.orelse
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test, branch, other = test.operand, expr.orelse, expr.body
    if not _false_by_default(r, test, off):
        return None
    taken = {
        n for part in (expr.test, other) for n in range(part.lineno, (part.end_lineno or 0) + 1)
    }
    mine = set(range(branch.lineno, (branch.end_lineno or branch.lineno) + 1))
    return None if mine & taken else branch


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement of a function's own body, nested ones too, not nested functions'."""
    stack = list(body)
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        yield stmt
        for field in ("body", "orelse", "finalbody", "handlers"):
            stack.extend(s for s in getattr(stmt, field, ()) if isinstance(s, ast.stmt))
        for handler in getattr(stmt, "handlers", ()):
            stack.extend(handler.body)


def _off_parameters(node: Function) -> set[str]:
    """Keyword flags that are off unless a caller turns them on (``render_offline=False``)."""
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    pairs = list(
        zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)
    )
    pairs += [
        (a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None
    ]
    return {a.arg for a, d in pairs if isinstance(d, ast.Constant) and d.value is False}


def _false_by_default(r: Reader, test: ast.expr, off: set[str]) -> bool:
    if isinstance(test, ast.Name):
        return test.id in off
    if isinstance(test, ast.Attribute) and isinstance(test.value, ast.Name):
        if test.value.id not in {"self", "cls"}:
            # `if options.htpasswd:`, an option of the module's parser that is off unless given;
            # in a module that declares no option, one of the project's parser, declared in
            # another module (sshuttle's `if opt.firewall:` in cmdline.py, the parser in
            # options.py): the helper modes a command starts itself with, internal flags.
            module = r.names.module
            if test.attr in module.off_options:
                return True
            own = module.options or module.off_options
            return not own and test.attr in r.g.project_off_options
        # ``if self.skip_gitignore:`` with ``skip_gitignore: bool = False`` in the class or a
        # base of it (isort's settings dataclass, issue 19): a flag the user turns on.
        return (
            test.value.id == "self"
            and bool(r.classes)
            and r.names.module.flag_off(r.classes[-1], test.attr)
        )
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_false_by_default(r, v, off) for v in test.values)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    compare = _COMPARE.get(type(test.ops[0]))
    right = test.comparators[0]
    if compare is None or not isinstance(right, ast.Constant) or type(right.value) is not int:
        return False
    default = _default(r, test.left)
    return default is not None and not compare(default, right.value)


def project_off_options(sources: Iterable[SourceFile]) -> frozenset[str]:
    """The command-line flags off by default (``action="store_true"``, ``default=False``)
    every argparse parser of the project declares, read before the walk, since the module
    that tests a flag is often read before the one that declares it. Only files that call
    ``add_argument`` are parsed a second time: a project has one or two."""
    from advisor.evidence.scopes import Module, bind_module
    from advisor.lint.analyse import parse  # as the walk parses (`visitor.parse`)

    off: set[str] = set()
    for source in sources:
        if source.cell is not None or "add_argument" not in source.text:
            continue
        try:
            tree = parse(source.text, source.path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # the walk says why it skips the file
        module = Module()
        bind_module(module, tree)
        off |= module.off_options
    return frozenset(off)


def _default(r: Reader, node: ast.expr) -> int | None:
    """The one default of a setting the package's configuration file sets, or of a
    command-line option the module parses; None when there is none or several."""
    if not isinstance(node, ast.Attribute) or not isinstance(node.value, ast.Name):
        return None
    if node.value.id in {"self", "cls"}:
        return None
    if node.attr in r.g.file_settings:
        values = r.g.settings.get(node.attr, set())
        return next(iter(values)) if len(values) == 1 else None
    return r.names.module.options.get(node.attr)
