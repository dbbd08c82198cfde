"""Threads started by module-level code: the script itself, or its ``if __name__ ==
"__main__":`` block, moves into a function first, so the rest of convert sees what it knows
(a function that starts threads, called at the entry point, which becomes ``async def main()``
and ``asyncio.run(main())``).

The move must not change what any name means. Every name the moved code binds and anything
outside it uses (a function reading a global the main block sets, a later statement, a module
that imports the script) is declared ``global`` in the new function, so it stays a module
global; code whose meaning depends on its scope (``global``/``nonlocal`` statements,
``locals()``, ``exec``, star imports) is refused with that reason. Everything is decided on the
original tree; the result is new source text, parsed again, with a map from its lines back to
the user's (`LineMap`), so every change and refusal names the user's line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import libcst as cst

from advisor.codemod.analysis import FileInfo, dotted_name, qualified
from advisor.codemod.base import Names, Refused, leading_lines
from advisor.codemod.rules import phrase, refusal_message
from advisor.models import Text

#: Calls that start concurrent work: module-level code making one is moved into a function.
SPAWNS = frozenset({"threading.Thread", "concurrent.futures.ThreadPoolExecutor"})
#: Calls whose meaning depends on the scope they run in.
SCOPED = frozenset({"locals", "vars", "exec", "eval", "dir"})


@dataclass(frozen=True)
class LineMap:
    """Lines of the moved text back to the user's."""

    lines: dict[int, int]

    def __call__(self, line: int) -> int:
        return self.lines.get(line, line) if line else line

    def text(self, message: Text) -> Text:
        """A message with the ``line N`` / ``第 N 行`` it quotes mapped too."""

        def en(match: re.Match[str]) -> str:
            return f"{match.group(1)}{self(int(match.group(2)))}"

        values = {
            lang: re.sub(r"(\bline |第 )(\d+)", en, value) for lang, value in message.values.items()
        }
        return Text(values)


@dataclass(frozen=True)
class Moved:
    """The new text, its line map, and the change message naming what moved where."""

    source: str
    lines: LineMap
    line: int
    message: Text
    #: The line of the new ``def`` in the moved text (its own "becomes async def" change is
    #: said by *message*).
    def_line: int
    #: The new function's name, which a refusal of the moved file may mention.
    name: str = "main"

    def refusal_text(self, message: Text) -> Text:
        """A refusal of the moved file in the user's terms: their lines, and ``main()`` said
        to be their module-level code (they wrote no such function)."""
        mapped = self.lines.text(message)
        said = phrase("moved-code", function=self.name)
        return Text(
            {
                lang: value.replace(f"{self.name}()", said.get(lang))
                for lang, value in mapped.values.items()
            }
        )


def module_level_spawns(info: FileInfo) -> list[cst.BaseStatement]:
    """The top-level statements that start a thread or a pool themselves (not in a function,
    class or lambda), in order."""
    found: list[cst.BaseStatement] = []
    for site in info.calls:
        if site.qname not in SPAWNS or site.owner is not None or site.sync_ctx:
            continue
        stmt = _top(info, site.node)
        if stmt is not None and stmt not in found:
            found.append(stmt)
    return found


def _top(info: FileInfo, node: cst.CSTNode) -> cst.BaseStatement | None:
    current: cst.CSTNode | None = node
    while current is not None:
        parent = info.parent(current)
        if parent is info.module:
            return current if isinstance(current, cst.BaseStatement) else None
        if isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return None
        current = parent
    return None


def is_main_guard(stmt: cst.CSTNode) -> bool:
    """``if __name__ == "__main__":`` (either operand order, either quote)."""
    if not isinstance(stmt, cst.If) or not isinstance(stmt.test, cst.Comparison):
        return False
    test = stmt.test
    if len(test.comparisons) != 1 or not isinstance(test.comparisons[0].operator, cst.Equal):
        return False
    sides = [test.left, test.comparisons[0].comparator]
    names = [s for s in sides if isinstance(s, cst.Name) and s.value == "__name__"]
    strings = [
        s for s in sides if isinstance(s, cst.SimpleString) and s.evaluated_value == "__main__"
    ]
    return len(names) == 1 and len(strings) == 1


def move(info: FileInfo, importers: Sequence[FileInfo]) -> Moved | Refused | None:
    """The file with its thread-starting module-level code moved into a function; a
    `Refused` saying why it cannot be moved; None when no module-level code starts threads.

    *importers* are the other given files: names they could read from this module stay
    module globals too.
    """
    spawns = module_level_spawns(info)
    if not spawns:
        return None
    body: list[cst.BaseStatement] = list(info.module.body)
    guards = [s for s in spawns if is_main_guard(s)]
    if guards and len(spawns) == 1:
        guard = guards[0]
        assert isinstance(guard, cst.If)
        if not isinstance(guard.body, cst.IndentedBlock):
            return _refused(info, guard, "script-one-line")
        region = list(guard.body.body)
        kind = "guard"
    elif guards:
        return _refused(info, spawns[0], "script-split")
    else:
        first, last = body.index(spawns[0]), body.index(spawns[-1])
        threads = _bound(spawns)  # the region reaches the last statement using them
        for index in range(last + 1, len(body)):
            if _uses_any(body[index], threads):
                last = index
        end = last + 1
        while end < len(body) and _plain(body[end]):
            end += 1
        region = body[first:end]
        odd = next((s for s in region if not _plain(s)), None)
        if odd is not None:
            return _refused(info, odd, "script-definitions", line=str(info.line(odd)))
        kind = "script"
    problem = _scoped(info, region)
    if problem is not None:
        return problem
    bound = _bound(region)
    outside = _names_outside(info, region)
    if kind == "script":
        for other in importers:
            outside |= other.names
    keep = sorted(bound & outside)
    name = Names(info.names).fresh("main")
    guard_node = guards[0] if kind == "guard" else None
    assert guard_node is None or isinstance(guard_node, cst.If)
    new_module = _rewrite(info.module, guard_node, region, name, keep)
    source = new_module.code
    first_line = info.line(guard_node if guard_node is not None else region[0])
    if kind == "guard":
        what = phrase("script-guard", function=name)
    else:
        what = phrase("script-top", function=name, start=str(first_line))
    if keep:
        what = Text(
            {
                lang: value + phrase("script-globals", names=", ".join(keep)).get(lang)
                for lang, value in what.values.items()
            }
        )
    header = f"def {name}():"
    def_line = next(i for i, ln in enumerate(source.splitlines(), 1) if ln == header)
    return Moved(source, _line_map(info.source, source, name), first_line, what, def_line, name)


def _uses_any(stmt: cst.BaseStatement, names: set[str]) -> bool:
    found = False

    class Visitor(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            nonlocal found
            found = found or node.value in names

    stmt.visit(Visitor())
    return found


def _plain(stmt: cst.BaseStatement) -> bool:
    """Code that runs, as opposed to a definition, an import or the main guard."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) or is_main_guard(stmt):
        return False
    if isinstance(stmt, cst.SimpleStatementLine):
        return not any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)
    return True


def _refused(info: FileInfo, node: cst.CSTNode, key: str, **params: str) -> Refused:
    message = refusal_message("module-level-code", detail=phrase(key, **params))
    return Refused(info.line(node), "module-level", message)


def _scoped(info: FileInfo, region: list[cst.BaseStatement]) -> Refused | None:
    """Code whose meaning changes inside a function: refused, naming the line."""
    for stmt in region:
        for node in _own_scope(stmt):
            if isinstance(node, (cst.Global, cst.Nonlocal)):
                return _refused(info, node, "script-global", line=str(info.line(node)))
            if isinstance(node, cst.ImportStar):
                return _refused(info, node, "script-star", line=str(info.line(node)))
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
                called = qualified(info, node.func) or node.func.value
                if called in SCOPED:
                    return _refused(
                        info, node, "script-scoped", call=called, line=str(info.line(node))
                    )
    return None


def _own_scope(root: cst.CSTNode) -> list[cst.CSTNode]:
    """Nodes of *root* in its own scope: not inside a def, class, lambda or comprehension."""
    found: list[cst.CSTNode] = []
    scopes = (
        cst.FunctionDef,
        cst.ClassDef,
        cst.Lambda,
        cst.ListComp,
        cst.SetComp,
        cst.DictComp,
        cst.GeneratorExp,
    )

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            found.append(node)
            return node is root or not isinstance(node, scopes)

    root.visit(Visitor())
    return found


def _bound(region: list[cst.BaseStatement]) -> set[str]:
    """The names the statements bind in their own scope."""
    names: set[str] = set()

    def targets(expr: cst.CSTNode) -> None:
        if isinstance(expr, cst.Name):
            names.add(expr.value)
        elif isinstance(expr, (cst.Tuple, cst.List)):
            for element in expr.elements:
                targets(element.value)
        elif isinstance(expr, cst.StarredElement):
            targets(expr.value)

    for stmt in region:
        for node in _own_scope(stmt):
            if isinstance(node, (cst.AssignTarget, cst.AnnAssign, cst.AugAssign, cst.For)):
                targets(node.target)
            elif isinstance(node, cst.AsName):
                targets(node.name)
            elif isinstance(node, (cst.NamedExpr, cst.Del)):
                targets(node.target)
            elif isinstance(node, (cst.FunctionDef, cst.ClassDef)) and node is not stmt:
                names.add(node.name.value)
            elif isinstance(node, cst.ImportAlias) and node.asname is None:
                names.add((dotted_name(node.name) or "").split(".")[0])
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            names.add(stmt.name.value)
    return names


def _names_outside(info: FileInfo, region: list[cst.BaseStatement]) -> set[str]:
    """The module-scope names the code outside the moved statements uses: every identifier at
    module or class level, and in a function those it does not bind itself (a parameter
    ``host`` of another function is not the moved code's ``host``)."""
    inside = set(region)
    names: set[str] = set()

    class Visitor(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.local: list[set[str]] = []

        def on_visit(self, node: cst.CSTNode) -> bool:
            if node in inside:
                return False
            # ``a.futures``, ``from concurrent.futures import x`` and ``f(timeout=1)`` read no
            # module name ``futures`` or ``timeout``: only what they bind or evaluate counts
            if isinstance(node, cst.Attribute):
                node.value.visit(self)
                return False
            if isinstance(node, cst.Arg):
                node.value.visit(self)
                return False
            if isinstance(node, (cst.Import, cst.ImportFrom)):
                if not isinstance(node.names, cst.ImportStar):
                    for alias in node.names:
                        bound = alias.evaluated_alias or alias.evaluated_name
                        names.add(bound.split(".")[0])
                return False
            if isinstance(node, (cst.FunctionDef, cst.Lambda)):
                self.local.append(_locals(node))
            elif isinstance(node, cst.Name) and not any(node.value in s for s in self.local):
                names.add(node.value)
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            if isinstance(original_node, (cst.FunctionDef, cst.Lambda)) and self.local:
                self.local.pop()

    info.module.visit(Visitor())
    return names


def _locals(func: cst.FunctionDef | cst.Lambda) -> set[str]:
    """The names *func* binds itself: its parameters and assignments, less its globals."""
    params = func.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            every.append(star)
    names = {p.name.value for p in every}
    if isinstance(func, cst.FunctionDef) and isinstance(func.body, cst.IndentedBlock):
        body = list(func.body.body)
        names |= _bound(body)
        for stmt in body:
            for node in _own_scope(stmt):
                if isinstance(node, (cst.Global, cst.Nonlocal)):
                    names -= {item.name.value for item in node.names}
    return names


def _rewrite(
    module: cst.Module,
    guard: cst.If | None,
    region: list[cst.BaseStatement],
    name: str,
    keep: list[str],
) -> cst.Module:
    """*region* as the body of ``def name():``, called where it stood."""
    blank = cst.EmptyLine()
    inner = [unindent_blank_lines(stmt) for stmt in region]
    inner[0] = inner[0].with_changes(leading_lines=_trimmed(inner[0]))
    if keep:
        names = [cst.NameItem(cst.Name(n)) for n in keep]
        inner.insert(0, cst.SimpleStatementLine([cst.Global(names)]))
    call = cst.SimpleStatementLine([cst.Expr(cst.Call(func=cst.Name(name)))])
    body: list[cst.BaseStatement] = []
    after_call = False
    for stmt in module.body:
        if stmt is guard or (guard is None and stmt is region[0]):
            above = list(stmt.leading_lines) if guard is not None else _blanks(region[0])
            func = cst.FunctionDef(
                name=cst.Name(name),
                params=cst.Parameters(),
                body=cst.IndentedBlock(inner),
                leading_lines=_two_blanks(above, body),
            )
            if guard is not None:
                assert isinstance(guard.body, cst.IndentedBlock)
                moved = guard.with_changes(
                    leading_lines=[blank, blank], body=guard.body.with_changes(body=[call])
                )
                body += [func, moved]
            else:
                body += [func, call.with_changes(leading_lines=[blank, blank])]
                after_call = True
            continue
        if guard is None and stmt in region:
            continue
        if after_call:
            lines = _two_blanks(list(leading_lines(stmt)), body)
            body.append(stmt.with_changes(leading_lines=lines))
            after_call = False
            continue
        body.append(stmt)
    return module.with_changes(body=body)


def unindent_blank_lines(stmt: cst.BaseStatement) -> cst.BaseStatement:
    """*stmt* with its blank lines left empty when it moves into a deeper block (a blank
    line "indented to the current level" would gain trailing spaces)."""

    class Blank(cst.CSTTransformer):
        def leave_EmptyLine(
            self, original_node: cst.EmptyLine, updated_node: cst.EmptyLine
        ) -> cst.EmptyLine:
            if updated_node.comment is None and not updated_node.whitespace.value:
                return updated_node.with_changes(indent=False)
            return updated_node

    result = stmt.visit(Blank())
    assert isinstance(result, cst.BaseStatement)
    return result


def _blanks(stmt: cst.BaseStatement) -> list[cst.EmptyLine]:
    """The blank lines above *stmt* before its first comment (the comments stay with it)."""
    lines = []
    for line in leading_lines(stmt):
        if line.comment is not None:
            break
        lines.append(line)
    return lines


def _trimmed(stmt: cst.BaseStatement) -> list[cst.EmptyLine]:
    """A block's first statement without blank lines above it (its comments stay)."""
    lines = list(leading_lines(stmt))
    while lines and lines[0].comment is None:
        lines.pop(0)
    return lines


def _two_blanks(lines: list[cst.EmptyLine], before: list[cst.BaseStatement]) -> list[cst.EmptyLine]:
    """PEP 8's two blank lines above a top-level definition (none at the top of the file)."""
    if not before:
        return lines
    blanks = 0
    while blanks < len(lines) and lines[blanks].comment is None:
        blanks += 1
    return [cst.EmptyLine()] * max(0, 2 - blanks) + lines


def _line_map(before: str, after: str, name: str) -> LineMap:
    """Each line of *after* -> the user's line: unchanged lines by their text (only their
    indentation moved), the added ``def``/``global``/call lines to the code they stand for."""
    old = [ln.strip() for ln in before.splitlines()]
    new = [ln.strip() for ln in after.splitlines()]
    matcher = difflib.SequenceMatcher(None, new, old, autojunk=False)
    lines: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            lines[block.a + k + 1] = block.b + k + 1
    for number in range(1, len(new) + 1):
        if number in lines:
            continue
        nxt = next((lines[n] for n in range(number + 1, len(new) + 1) if n in lines), None)
        prev = next((lines[n] for n in range(number - 1, 0, -1) if n in lines), None)
        added = new[number - 1]
        if added == f"{name}()" and prev is not None:
            lines[number] = prev
        else:
            lines[number] = nxt if nxt is not None else (prev or 1)
    return LineMap(lines)
