"""Syntax newer than the running Python, read anyway: libcst parses it, and the few constructs
the running ``ast`` cannot take are rewritten into ones it can, on the same lines.

Why not skip such files: on Python 3.11 one large project had 9% of its files in 3.12+ syntax
(PEP 695 ``type`` aliases and generics, PEP 701 f-strings); skipping them passed CI with a
tenth of the code unchecked. Why not convert libcst's tree into an ``ast`` tree node by node:
every check is written against ``ast``, and the running ``ast.parse`` already builds that tree
and its positions; the rewrite only has to touch the handful of newer constructs.

The rewrite keeps every line where it was (findings carry line numbers), so a construct that
spans lines keeps its line breaks inside brackets. Columns are kept where the rewrite can pad
(type parameters become spaces; an f-string becomes a tuple of its expressions, padded to the
same width); a ``type X = ...`` alias and ``except A, B:`` shift the rest of their own line by a
few characters. What the rewrite produces:

- ``type X[T] = value`` → ``X = value`` (an alias binds a name, as an assignment does);
- ``def f[T](...)`` / ``class C[T](...)`` → the type parameters become spaces;
- an f-string (or t-string) the running Python cannot parse (quotes reused inside, backslashes
  or comments in its expressions) → a tuple of its expressions, so calls and awaits inside
  are still seen;
- ``except A, B:`` (PEP 758) → ``except (A, B):``.

libcst is imported only here, and only when ``ast.parse`` has already failed: a scan of code in
the running Python's syntax never loads it.
"""

from __future__ import annotations

import ast
import io
import re
from typing import Any


def parse_newer(text: str, path: str) -> ast.Module | None:
    """*text* as an ``ast`` tree when it is valid Python of a newer version than the running
    one; None when it is not valid Python at all (the caller reports the original error)."""
    rewritten = downgrade(text)
    if rewritten is None:
        return None
    try:
        return ast.parse(rewritten, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def downgrade(text: str) -> str | None:
    """*text* rewritten in syntax the running Python parses, with the same line count; None
    when libcst cannot parse it either, or the rewrite could not keep the lines.

    libcst costs about ten times ``ast.parse``, so only the top-level statements the running
    Python rejects go through it: the file is cut at lines that start a top-level statement,
    each piece is tried with ``ast.parse``, and only failing pieces are rewritten. A cut in the
    wrong place (a column-0 line inside a string or brackets) leaves pieces no parser accepts,
    and the whole file is then rewritten at once; the caller parses the result as a whole
    either way, so a piece can never change what the file means.
    """
    pieces = _pieces(text)
    if len(pieces) > 1:
        out: list[str] = []
        for piece in pieces:
            if _parses(piece):
                out.append(piece)
                continue
            rewritten = _downgrade_all(piece)
            if rewritten is None:
                break
            out.append(rewritten)
        else:
            return "".join(out)
    return _downgrade_all(text)


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
#: Column-0 keywords that continue the statement above them, never start one.
_CONTINUES = re.compile(r"(?:else|elif|except|finally)\b")


def _pieces(text: str) -> list[str]:
    """*text* cut before each line that starts a top-level statement (decorators stay with
    what they decorate; ``else``/``except``/... with their ``if``/``try``)."""
    pieces: list[str] = []
    current: list[str] = []
    decorating = False
    for line in _LINES.findall(text):
        first = line[:1]
        starts = (
            first not in ("", " ", "\t", "\r", "\n", "#", ")", "]", "}", "\f")
            and not _CONTINUES.match(line)
            and not decorating
        )
        if starts and current:
            pieces.append("".join(current))
            current = []
        current.append(line)
        if first not in ("", " ", "\t", "\r", "\n", "#"):
            decorating = first == "@"
    if current:
        pieces.append("".join(current))
    return pieces


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _downgrade_all(text: str) -> str | None:
    """One libcst pass over the whole of *text* (see `downgrade`)."""
    if _beyond_libcst(text):
        return None
    try:
        import libcst as cst
    except ImportError:  # pragma: no cover - libcst is a dependency
        return None
    try:
        module = cst.parse_module(text)
        rewritten = module.visit(_transformer(cst, module)).code
    except Exception:  # noqa: BLE001 - libcst's parser errors vary by version; all mean "not Python"
        return None
    if rewritten.count("\n") != text.count("\n"):
        return None  # a line number would be wrong: better skipped (and said) than misplaced
    return rewritten


#: Brackets CPython nests at most (the tokenizer's MAXLEVEL, the same in 3.11 to 3.14): deeper
#: is no newer syntax, and libcst's native parser overflows its stack on it (2,000 levels
#: crashed the whole scan with a segmentation fault).
MAX_NESTING = 200
#: Operators one expression may chain before libcst is not tried: its parser takes time that
#: grows with the cube of such a chain (2,000 `+` terms 3.7 s, 4,000 29 s, measured), so a
#: generated file with a syntax error would hold the scan for minutes. 500 take 0.3 s.
MAX_CHAIN = 500
_CHAIN_WORDS = frozenset({"and", "or", "not", "in", "is", "if", "else", "lambda", "await"})
_RESETS = frozenset({",", ";", "=", ":="})


def _beyond_libcst(text: str) -> bool:
    """Whether *text* nests brackets deeper than any Python accepts, or chains more operators
    in one expression than libcst parses in reasonable time (newcomer re-check: a 2,000-deep
    bracket crashed advisor, a 5,000-link attribute chain beside a syntax error took a
    minute). Such a file is reported with the running Python's own error instead."""
    import tokenize

    depth = chain = 0
    previous = ""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind, string = token.type, token.string
            if kind == tokenize.OP:
                if string in "([{":
                    depth += 1
                    if depth > MAX_NESTING:
                        return True
                    if previous.isidentifier() or previous in (")", "]"):
                        chain += 1  # a call or subscript trailer: `a()()()...`
                elif string in ")]}":
                    depth -= 1
                elif string in _RESETS:
                    chain = 0
                else:
                    chain += 1
            elif kind == tokenize.NAME and string in _CHAIN_WORDS:
                chain += 1
            elif kind == tokenize.NEWLINE:
                chain = 0
            if chain > MAX_CHAIN:
                return True
            previous = string
    except (tokenize.TokenError, SyntaxError):
        return False  # an unterminated bracket or string: libcst fails fast on those
    return False


def _fits_running_python(code: str) -> bool:
    try:
        ast.parse(f"(\n{code}\n)", mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _transformer(cst: Any, module: Any) -> Any:
    """The rewrite as a libcst transformer (a factory: the class needs libcst's base class,
    which this module must not import at load time)."""

    def code(node: Any) -> str:
        return str(module.code_for_node(node))

    def line_breaks(count: int) -> Any:
        """Whitespace inside brackets holding *count* line breaks (none: empty)."""
        if count <= 0:
            return cst.SimpleWhitespace("")
        return cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(),
            empty_lines=[cst.EmptyLine(indent=False) for _ in range(count - 1)],
            indent=False,
            last_line=cst.SimpleWhitespace(""),
        )

    class Downgrade(cst.CSTTransformer):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            #: Strings that are parts of a concatenation (by identity of the original node).
            self.parts: set[int] = set()

        def leave_TypeAlias(self, original: Any, updated: Any) -> Any:
            lost = code(original.type_parameters).count("\n") if original.type_parameters else 0
            value = updated.value
            if lost:
                value = value.with_changes(
                    lpar=[cst.LeftParen(whitespace_after=line_breaks(lost)), *value.lpar],
                    rpar=[*value.rpar, cst.RightParen()],
                )
            return cst.Assign(
                targets=[cst.AssignTarget(target=updated.name)],
                value=value,
                semicolon=updated.semicolon,
            )

        def _without_parameters(self, original: Any, updated: Any) -> tuple[Any, int]:
            params = code(original.type_parameters) + code(
                original.whitespace_after_type_parameters
            )
            lost = params.count("\n")
            width = 0 if lost else len(params)
            spaces = cst.SimpleWhitespace(code(original.whitespace_after_name) + " " * width)
            return (
                updated.with_changes(
                    type_parameters=None,
                    whitespace_after_type_parameters=cst.SimpleWhitespace(""),
                    whitespace_after_name=spaces,
                ),
                lost,
            )

        def leave_FunctionDef(self, original: Any, updated: Any) -> Any:
            if original.type_parameters is None:
                return updated
            updated, lost = self._without_parameters(original, updated)
            if lost:
                # The breaks already after `(` stay: the parameters' breaks come on top.
                kept = code(original.whitespace_before_params).count("\n")
                updated = updated.with_changes(whitespace_before_params=line_breaks(lost + kept))
            return updated

        def leave_ClassDef(self, original: Any, updated: Any) -> Any:
            if original.type_parameters is None:
                return updated
            updated, lost = self._without_parameters(original, updated)
            if lost:
                if isinstance(updated.lpar, cst.LeftParen):
                    kept = code(original.lpar.whitespace_after).count("\n")
                    lpar = updated.lpar.with_changes(whitespace_after=line_breaks(lost + kept))
                    updated = updated.with_changes(lpar=lpar)
                else:
                    updated = updated.with_changes(
                        lpar=cst.LeftParen(whitespace_after=line_breaks(lost)),
                        rpar=cst.RightParen(),
                    )
            return updated

        def leave_ExceptHandler(self, original: Any, updated: Any) -> Any:
            kind = updated.type
            if isinstance(kind, cst.Tuple) and not kind.lpar:
                return updated.with_changes(
                    type=kind.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]),
                    whitespace_after_except=cst.SimpleWhitespace(" "),
                )
            return updated

        def leave_ExceptStarHandler(self, original: Any, updated: Any) -> Any:
            return self.leave_ExceptHandler(original, updated)

        def _bare(self, original: Any) -> str:
            """*original*'s code without its own brackets: their line breaks stay with them."""
            return code(original.with_changes(lpar=[], rpar=[]))

        def _strings(self, original: Any, updated: Any, parts: list[Any]) -> Any:
            old = self._bare(original)
            if not isinstance(original, cst.TemplatedString) and _fits_running_python(old):
                return updated
            return self._tuple(old, updated, parts)

        def _tuple(self, old: str, updated: Any, parts: list[Any]) -> Any:
            """*parts* as a parenthesised tuple with *old*'s line breaks (and width)."""
            # Each expression starts on the line it started on in *old* (found by its text;
            # an expression already rewritten inside is not found and simply follows on).
            body, cursor = "", 0
            for index, expression in enumerate(parts):
                text = code(expression).strip()
                found = old.find(text, cursor)
                if found >= 0:
                    cursor = found + len(text)
                    behind = old.count("\n", 0, found) - body.count("\n")
                    body += "\n" * max(behind, 0)
                body += text + (", " if index < len(parts) - 1 else "")
            body += "," if len(parts) == 1 else ""
            lost = old.count("\n") - body.count("\n")
            tail = "\n" * lost if lost > 0 else ""
            pad = len(old) - len(body) - 2
            if not lost and "\n" not in old and pad > 0:
                tail = " " * pad
            text = f"({body}{tail})"
            try:
                replacement = cst.parse_expression(text)
            except Exception:  # noqa: BLE001 - keep the original; the parse after says the rest
                return updated
            return replacement.with_changes(
                lpar=[*updated.lpar, *replacement.lpar], rpar=[*replacement.rpar, *updated.rpar]
            )

        def _expressions(self, node: Any) -> list[Any]:
            """The expressions an f-string or t-string evaluates, its format specs' included."""
            found: list[Any] = []
            for part in node.parts:
                expression = getattr(part, "expression", None)
                if expression is None:
                    continue
                found.append(expression)
                for spec in getattr(part, "format_spec", None) or ():
                    inner = getattr(spec, "expression", None)
                    if inner is not None:
                        found.append(inner)
            return found

        def visit_ConcatenatedString(self, node: Any) -> None:
            # Its parts are rewritten (or not) as a whole: a tuple cannot be concatenated.
            self.parts.update({id(node.left), id(node.right)})

        def leave_FormattedString(self, original: Any, updated: Any) -> Any:
            if id(original) in self.parts:
                return updated
            return self._strings(original, updated, self._expressions(updated))

        def leave_TemplatedString(self, original: Any, updated: Any) -> Any:
            if id(original) in self.parts:
                return updated
            return self._strings(original, updated, self._expressions(updated))

        def leave_ConcatenatedString(self, original: Any, updated: Any) -> Any:
            if id(original) in self.parts:
                return updated
            old = self._bare(original)
            templated = any(isinstance(p, cst.TemplatedString) for p in self._leaves(updated))
            if not templated and _fits_running_python(old):
                return updated
            pieces: list[Any] = []
            for piece in self._leaves(updated):
                if isinstance(piece, (cst.FormattedString, cst.TemplatedString)):
                    pieces.extend(self._expressions(piece))
            return self._tuple(old, updated, pieces)

        def _leaves(self, node: Any) -> list[Any]:
            if isinstance(node, cst.ConcatenatedString):
                return [*self._leaves(node.left), *self._leaves(node.right)]
            return [node]

    return Downgrade()
