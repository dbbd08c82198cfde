"""What every rule shares: the plan of rewrites, keyed by the *original* libcst nodes.

The rules decide everything while looking at the original tree (where positions are the
user's line numbers) and record their rewrites here as small functions over the updated
nodes. One transformer (`transform.py`) then applies the plan in a single pass, so no rule
ever has to find its nodes again in a tree another rule already changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import libcst as cst

from advisor.conversion import ConvertChange, ConvertRefusal
from advisor.models import Text

CallRewrite = Callable[[cst.Call], cst.BaseExpression]
StatementRewrite = Callable[[cst.BaseStatement], list[cst.BaseStatement]]


class Refused(Exception):
    """Raised by a rule's analysis: the whole file is left as it is, for this reason."""

    def __init__(self, line: int, reason: str, message: Text) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason
        self.message = message
        #: Further blockers found in the same pass, listed with this one (issue 18).
        self.also: list[Refused] = []


@dataclass
class Wrap:
    """Put the statements from *first* to *last* (original nodes, same block) in a new block."""

    first: cst.BaseStatement
    last: cst.BaseStatement
    #: The new block, or statements ending with it (``pending = []`` before a ``try:``).
    build: Callable[[list[cst.BaseStatement]], cst.BaseStatement | list[cst.BaseStatement]]


@dataclass
class Plan:
    """Every rewrite of one file, decided before anything is changed."""

    path: str
    target: tuple[int, int]
    async_defs: set[cst.FunctionDef] = field(default_factory=set)
    calls: dict[cst.Call, CallRewrite] = field(default_factory=dict)
    #: Rewrites of other expressions (an attribute such as ``requests.get(u).text``).
    exprs: dict[cst.CSTNode, Callable[[cst.BaseExpression], cst.BaseExpression]] = field(
        default_factory=dict
    )
    statements: dict[cst.BaseStatement, StatementRewrite] = field(default_factory=dict)
    wraps: list[Wrap] = field(default_factory=list)
    #: Statements inserted before the first function or class of the module (helpers).
    helpers: list[cst.BaseStatement] = field(default_factory=list)
    add_imports: set[str] = field(default_factory=set)
    #: Helper coroutines already added (``in_thread``, ``limited``) -> their fresh names.
    helper_names: dict[str, str] = field(default_factory=dict)
    changes: list[ConvertChange] = field(default_factory=list)
    notes: list[ConvertRefusal] = field(default_factory=list)

    def change(self, line: int, code: str, message: Text) -> None:
        from advisor.rules import get_rule

        self.changes.append(ConvertChange(self.path, line, code, get_rule(code).pattern, message))

    def rewrite_statement(self, node: cst.BaseStatement, rewrite: StatementRewrite) -> None:
        """Record a statement rewrite; a second one applies to the statement the first kept
        (statements it added in front, such as a helper def, pass through)."""
        previous = self.statements.get(node)
        if previous is None:
            self.statements[node] = rewrite
            return
        kind = type(node)

        def both(stmt: cst.BaseStatement) -> list[cst.BaseStatement]:
            result: list[cst.BaseStatement] = []
            for produced in previous(stmt):
                result += rewrite(produced) if isinstance(produced, kind) else [produced]
            return result

        self.statements[node] = both

    def rewrite_call(self, node: cst.Call, rewrite: CallRewrite) -> None:
        """Record a call rewrite; a second rewrite of the same call composes with the first."""
        previous = self.calls.get(node)
        if previous is None:
            self.calls[node] = rewrite
        else:
            self.calls[node] = lambda call: _then(previous(call), rewrite)


def _then(expr: cst.BaseExpression, rewrite: CallRewrite) -> cst.BaseExpression:
    if isinstance(expr, cst.Call):
        return rewrite(expr)
    raise AssertionError("a call rewritten twice must stay a call for the second rewrite")


class Names:
    """Fresh identifiers that cannot clash with any name the module already uses."""

    def __init__(self, used: set[str]) -> None:
        self.used = set(used)

    def fresh(self, base: str) -> str:
        name, n = base, 2
        while name in self.used:
            name, n = f"{base}_{n}", n + 1
        self.used.add(name)
        return name


def dotted(name: str) -> cst.BaseExpression:
    """``asyncio.to_thread`` as a libcst expression."""
    parts = name.split(".")
    expr: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        expr = cst.Attribute(value=expr, attr=cst.Name(part))
    return expr


def call(func: str | cst.BaseExpression, args: Iterable[cst.Arg | cst.BaseExpression]) -> cst.Call:
    fn = dotted(func) if isinstance(func, str) else func
    return cst.Call(func=fn, args=[a if isinstance(a, cst.Arg) else cst.Arg(value=a) for a in args])


def kwarg(name: str, value: cst.BaseExpression) -> cst.Arg:
    """``name=value`` spelled the way PEP 8 spells keyword arguments."""
    return cst.Arg(
        value=value,
        keyword=cst.Name(name),
        equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
        ),
    )


def prepend(updated: cst.Call, func: str, first: list[cst.BaseExpression]) -> cst.Call:
    """``f(a, b)`` -> ``func(*first, f, a, b)``, keeping the call's own line breaks."""
    gap = updated.whitespace_before_args
    sep: cst.BaseParenthesizableWhitespace = (
        gap if isinstance(gap, cst.ParenthesizedWhitespace) else cst.SimpleWhitespace(" ")
    )
    items = [*first, updated.func]
    new = [cst.Arg(value=e, comma=cst.Comma(whitespace_after=sep)) for e in items]
    if not updated.args:
        new[-1] = new[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return updated.with_changes(func=dotted(func), args=[*new, *updated.args])


def clean_args(args: Iterable[cst.Arg]) -> list[cst.Arg]:
    """Arguments moved into a new call, without the trailing comma of their old position."""
    return [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args]


def awaited(expr: cst.BaseExpression) -> cst.Await:
    return cst.Await(expression=expr)


def paren(expr: cst.BaseExpression) -> cst.BaseExpression:
    if expr.lpar:
        return expr
    return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def leading_lines(stmt: cst.BaseStatement) -> Sequence[cst.EmptyLine]:
    """A statement's blank lines and comments above it (every concrete statement has them)."""
    lines: Sequence[cst.EmptyLine] = getattr(stmt, "leading_lines", ())
    return lines


#: What joins two parts of a change message, per language: Chinese takes a full-width mark.
_SEPARATORS = {"zh-TW": "\uff1b"}


def join_texts(*texts: Text, sep: str = "; ") -> Text:
    """Several change-message parts as one text, joined in every language (Chinese with
    the full-width semicolon its prose uses)."""
    langs = texts[0].values.keys()
    return Text(
        {lang: _SEPARATORS.get(lang, sep).join(t.get(lang) for t in texts) for lang in langs}
    )


def line_of(positions: object, node: cst.CSTNode) -> int:
    """1-based line of *node* in the original file."""
    return int(positions[node].start.line)  # type: ignore[index]
