"""Imports after a conversion: add what the new code needs (asyncio, httpx, ...), drop what
it no longer uses (threading, time, concurrent.futures, requests, queue).

Only module-level imports of those modules are touched, and only when no name they bind is
used any more. libcst's own import codemods do the same generally but cost ten times the rest
of a conversion (they resolve scopes and qualified names for the whole module).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import libcst as cst

from advisor.codemod.analysis import dotted_name
from advisor.codemod.base import leading_lines

#: Modules a conversion can leave unused.
REMOVABLE = frozenset(
    {"threading", "time", "concurrent.futures", "concurrent", "requests", "queue", "sqlite3"}
)


def _bound(alias: cst.ImportAlias, from_import: bool) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    name = dotted_name(alias.name) or ""
    return name if from_import else name.split(".")[0]


class _Used(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # `asyncio.as_completed` does not use a name `as_completed`
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # nor does a keyword argument `time=...` use `time`
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


def fix(module: cst.Module, add: Iterable[str]) -> cst.Module:
    used = _Used()
    module.visit(used)
    body: list[cst.BaseStatement] = []
    first_import: int | None = None
    have: set[str] = set()
    pending_lines: list[cst.EmptyLine] = []
    #: The blank lines above the first import line when that line goes (after a docstring).
    first_blanks: list[cst.EmptyLine] = []
    for stmt in module.body:
        if not _is_import_line(stmt):
            if pending_lines:
                body.append(stmt.with_changes(leading_lines=[*pending_lines, *leading_lines(stmt)]))
                pending_lines = []
            else:
                body.append(stmt)
            continue
        assert isinstance(stmt, cst.SimpleStatementLine)
        if first_import is None:
            first_import = len(body)
        kept = [s for s in (_prune(small, used.names) for small in stmt.body) if s is not None]
        for small in kept:
            if isinstance(small, cst.Import):
                have |= {dotted_name(a.name) or "" for a in small.names if a.asname is None}
        if kept:
            kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            line = stmt.with_changes(body=kept)
            if pending_lines:
                line = line.with_changes(leading_lines=[*pending_lines, *line.leading_lines])
                pending_lines = []
            body.append(line)
        else:  # the whole line goes; its comments stay with what follows
            if first_import == len(body) and not first_blanks:
                first_blanks = _blanks(stmt)
            pending_lines += [ln for ln in stmt.leading_lines if ln.comment is not None]
            trailing = stmt.trailing_whitespace.comment
            if trailing is not None:  # `import threading  # threads!` keeps its comment (#29)
                pending_lines.append(cst.EmptyLine(comment=trailing))
    needed = sorted(set(add) - have)
    third_party = []
    for name in needed:
        line = cst.SimpleStatementLine([cst.Import([cst.ImportAlias(_alias_name(name))])])
        if name in sys.stdlib_module_names and _sorted_in(body, line, name):
            continue
        third_party.append(line)
    if third_party:
        index = _position(body, first_import)
        body[index:index] = third_party
    if first_blanks and first_import is not None and first_import < len(body):
        # the line that now opens the imports keeps the blank line the first one had
        opener = body[first_import]
        if _is_import_line(opener) and not _blanks(opener):
            body[first_import] = opener.with_changes(
                leading_lines=[*first_blanks, *leading_lines(opener)]
            )
    return module.with_changes(body=body)


def _blanks(stmt: cst.BaseStatement) -> list[cst.EmptyLine]:
    """The blank lines at the top of *stmt*'s leading lines (before any comment)."""
    blanks = []
    for line in leading_lines(stmt):
        if line.comment is not None:
            break
        blanks.append(line)
    return blanks


def _sorted_in(body: list[cst.BaseStatement], line: cst.SimpleStatementLine, name: str) -> bool:
    """Put ``import name`` where isort would: among the standard library's ``import x``
    lines in alphabetical order, before its ``from x import y`` lines. False when the module
    imports nothing from the standard library (the caller then places it as before)."""
    stdlib = [
        i
        for i, stmt in enumerate(body)
        if _is_import_line(stmt) and _stdlib(stmt) and not _future(stmt)
    ]
    if not stdlib:
        others = [i for i, stmt in enumerate(body) if _is_import_line(stmt) and not _future(stmt)]
        if not others:
            return False
        # the standard library's section comes first, a blank line before the next section
        follows = body[others[0]]
        line = line.with_changes(leading_lines=list(leading_lines(follows)))
        body[others[0]] = follows.with_changes(leading_lines=[cst.EmptyLine()])
        body.insert(others[0], line)
        return True
    index = None
    for i in stdlib:
        stmt = body[i]
        assert isinstance(stmt, cst.SimpleStatementLine)
        small = stmt.body[0]
        if isinstance(small, cst.ImportFrom):
            index = i
            break
        assert isinstance(small, cst.Import)
        if (dotted_name(small.names[0].name) or "").lower() > name.lower():
            index = i
            break
    if index is None:
        index = stdlib[-1] + 1
        body.insert(index, line)
        return True
    follows = body[index]
    lines = list(leading_lines(follows))
    if index == stdlib[0] and lines:  # a section's blank line or heading stays at its top
        line = line.with_changes(leading_lines=lines)
        body[index] = follows.with_changes(leading_lines=[])
    body.insert(index, line)
    return True


def _top_module(stmt: cst.SimpleStatementLine) -> str:
    small = stmt.body[0]
    if isinstance(small, cst.Import):
        return (dotted_name(small.names[0].name) or "").split(".")[0]
    assert isinstance(small, cst.ImportFrom)
    if small.relative or small.module is None:
        return ""
    return (dotted_name(small.module) or "").split(".")[0]


def _stdlib(stmt: cst.BaseStatement) -> bool:
    assert isinstance(stmt, cst.SimpleStatementLine)
    return _top_module(stmt) in sys.stdlib_module_names


def _future(stmt: cst.BaseStatement) -> bool:
    assert isinstance(stmt, cst.SimpleStatementLine)
    return _top_module(stmt) == "__future__"


def _is_import_line(stmt: cst.BaseStatement) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in stmt.body
    )


def _prune(small: cst.BaseSmallStatement, used: set[str]) -> cst.BaseSmallStatement | None:
    """*small* without the aliases of removable modules whose names are no longer used."""
    if isinstance(small, cst.Import):
        keep = [
            a
            for a in small.names
            if (dotted_name(a.name) or "") not in REMOVABLE or _bound(a, False) in used
        ]
        return _with_names(small, keep)
    if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
        module = dotted_name(small.module) if small.module is not None else None
        if small.relative or module not in REMOVABLE:
            return small
        keep = [a for a in small.names if _bound(a, True) in used]
        return _with_names(small, keep)
    return small


def _with_names(
    small: cst.Import | cst.ImportFrom, keep: list[cst.ImportAlias]
) -> cst.BaseSmallStatement | None:
    if not keep:
        return None
    if not isinstance(small.names, cst.ImportStar) and len(keep) == len(small.names):
        return small
    keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    if isinstance(small, cst.ImportFrom):
        return small.with_changes(names=keep)
    return small.with_changes(names=keep)


def _position(body: list[cst.BaseStatement], first_import: int | None) -> int:
    """After the last module-level import before any code; where the first import was when
    none is left; else after the docstring."""
    last = None
    for i, stmt in enumerate(body):
        if _is_import_line(stmt):
            last = i
        elif not _is_docstring(stmt) and last is not None:
            break
    if last is not None:
        return last + 1
    if first_import is not None:
        return first_import
    return 1 if body and _is_docstring(body[0]) else 0


def _is_docstring(stmt: cst.BaseStatement) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _alias_name(name: str) -> cst.Attribute | cst.Name:
    """``concurrent.futures`` as the dotted name an ``import`` line needs."""
    parts = name.split(".")
    expr: cst.Attribute | cst.Name = cst.Name(parts[0])
    for part in parts[1:]:
        expr = cst.Attribute(value=expr, attr=cst.Name(part))
    return expr
