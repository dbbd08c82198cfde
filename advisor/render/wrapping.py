"""Wrapping by terminal cells, for text that mixes English and Chinese.

textwrap counts characters and breaks only at spaces; Chinese has no spaces and
each character takes two cells, so prompts, pictures and plain text use this.

Chinese typesetting forbids a line that starts with closing punctuation ("、",
"）", "。") or ends with opening punctuation ("（", "「"): a break there carries
the character before it (or the opening mark) down to the next line, so the
punctuation stays with its word (newcomer review 16, #12).
"""

from __future__ import annotations

#: Never at the start of a line: closing brackets and quotes, pauses and stops, full-width
#: and ASCII (an ASCII comma after a Chinese word is a token of its own).
NO_LINE_START = frozenset("、。，．：；！？）」』】〉》〕］｝〙〗｠’”・ー～…‥,.:;!?)]}")
#: Never at the end of a line: opening brackets and quotes.
NO_LINE_END = frozenset("（「『【〈《〔［｛〘〖｟‘“([{")

#: A run of Latin letters and punctuation is one token; each wide character is its own.
_TOKENS = (
    r"\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+"
)


def _cell_width(char: str) -> int:
    import unicodedata

    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(token: str) -> int:
    return sum(_cell_width(c) for c in token)


def _carried(line: list[str], token: str) -> list[str]:
    """The tokens at the end of *line* that must go down with *token* to the next line: the
    word before a closing mark (and closing marks before it: "）、"), and an opening mark the
    line would end with. At least one token stays, so a run of punctuation still breaks."""
    carry: list[str] = []
    if token[0] in NO_LINE_START:
        while len(line) > 1 and not line[-1].isspace():
            moved = line.pop()
            carry.insert(0, moved)
            if moved[0] not in NO_LINE_START:
                break
    while len(line) > 1 and line[-1][-1] in NO_LINE_END:
        carry.insert(0, line.pop())
    return carry


def wrap(text: str, width: int, indent: str = "") -> str:
    """Wrap to *width* terminal cells with a hanging *indent*: words stay whole, and Chinese,
    which has no spaces, may break between any two characters (each is two cells wide) but
    not before closing punctuation nor after opening punctuation."""
    import re

    width = max(width, len(indent) + 10)
    lines: list[str] = []
    line: list[str] = []
    used = len(indent)
    for token in re.findall(_TOKENS, text):
        if token.isspace():
            if line:
                line.append(" ")
                used += 1
            continue
        size = _width(token)
        if used + size > width and line:
            carry = _carried(line, token)
            lines.append(indent + "".join(line).rstrip())
            line = carry
            used = len(indent) + sum(_width(part) for part in line)
        line.append(token)
        used += size
    lines.append(indent + "".join(line).rstrip())
    return "\n".join(lines)
