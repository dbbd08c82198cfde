"""Wrapping by terminal cells, for text that mixes English and Chinese.

textwrap counts characters and breaks only at spaces; Chinese has no spaces and
each character takes two cells, so prompts, pictures and plain text use this.
"""

from __future__ import annotations


def _cell_width(char: str) -> int:
    import unicodedata

    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def wrap(text: str, width: int, indent: str = "") -> str:
    """Wrap to *width* terminal cells with a hanging *indent*: words stay whole, and Chinese,
    which has no spaces, may break between any two characters (each is two cells wide)."""
    import re

    width = max(width, len(indent) + 10)
    lines: list[str] = []
    line, used = indent, len(indent)
    # a run of Latin letters and punctuation is one token; each wide character is its own
    for token in re.findall(
        r"\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+",
        text,
    ):
        if token.isspace():
            if used > len(indent):
                line, used = line + " ", used + 1
            continue
        size = sum(_cell_width(c) for c in token)
        if used + size > width and used > len(indent):
            lines.append(line.rstrip())
            line, used = indent, len(indent)
        line, used = line + token, used + size
    lines.append(line.rstrip())
    return "\n".join(lines)
