"""Suppression comments: ``# advisor: ignore[ADV101]``, bare ``# advisor: ignore``, and
``# noqa: ADV101`` (a bare ``# noqa`` silences every rule on the line, as in flake8 and ruff).

Only the lines that carry a finding are looked at, and a line is checked with a regular
expression first and `tokenize` only when it matches, so the cost is nil on clean files and a
``# noqa`` inside a string literal does not count.
"""

from __future__ import annotations

import io
import re
import tokenize

_HINT = re.compile(r"#.*(?:advisor\s*:\s*ignore|noqa)", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"#\s*(?:advisor\s*:\s*ignore(?:\[(?P<adv>[^\]]*)\])?|noqa(?::\s*(?P<noqa>[A-Z0-9,\s]+))?)",
    re.IGNORECASE,
)
ALL = frozenset({"*"})


def _comment(line: str) -> str | None:
    try:
        for token in tokenize.generate_tokens(io.StringIO(line).readline):
            if token.type == tokenize.COMMENT:
                return token.string
    except (tokenize.TokenError, SyntaxError, IndentationError):
        # A line of a multi-line statement does not tokenize alone; fall back to the text
        # after the last '#', which is a comment in every such line we report on.
        index = line.rfind("#")
        return line[index:] if index >= 0 else None
    return None


def may_suppress(text: str) -> bool:
    """Whether some line of *text* may carry a suppression comment: False means
    `suppressed_codes` is empty for every line (each line's hint would be found in the whole
    text too), so a file's items need no line looked at."""
    return "#" in text and _HINT.search(text) is not None


def suppressed_codes(line: str) -> frozenset[str]:
    """The codes a source line silences: empty, some codes, or `ALL`."""
    if "#" not in line or not _HINT.search(line):
        return frozenset()
    comment = _comment(line)
    if comment is None:
        return frozenset()
    codes: set[str] = set()
    for match in _DIRECTIVE.finditer(comment):
        listed = match.group("adv") if match.group("adv") is not None else match.group("noqa")
        if listed is None:
            return ALL
        codes.update(c.strip().upper() for c in re.split(r"[,\s]+", listed) if c.strip())
    return frozenset(codes)


def is_suppressed(code: str, codes: frozenset[str]) -> bool:
    return codes is ALL or "*" in codes or any(code.startswith(c) for c in codes)
