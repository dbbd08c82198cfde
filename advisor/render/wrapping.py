"""Wrapping by terminal cells, for text that mixes English and Chinese.

textwrap counts characters and breaks only at spaces; Chinese has no spaces and
each character takes two cells, so prompts, pictures and plain text use this.

Chinese typesetting forbids a line that starts with closing punctuation ("、",
"）", "。") or ends with opening punctuation ("（", "「"): a break there carries
the character before it (or the opening mark) down to the next line, so the
punctuation stays with its word (newcomer review 16, #12).

Rich wraps only at spaces too: a zh-TW paragraph in a panel broke at the one space before
"I/O" and left "→ I/O" alone on a line, and a "。" started the next (newcomer review 21,
#10). ``line_starts`` gives rich's text the same break points (advisor/render/rich_text.py).
"""

from __future__ import annotations

#: Never at the start of a line: closing brackets and quotes, pauses and stops, full-width
#: and ASCII (an ASCII comma after a Chinese word is a token of its own).
NO_LINE_START = frozenset("、。，．：；！？）」』】〉》〕］｝〙〗｠’”・ー～…‥,.:;!?)]}")
#: Never at the end of a line: opening brackets and quotes.
NO_LINE_END = frozenset("（「『【〈《〔［｛〘〖｟‘“([{")

#: The wide scripts (CJK ideographs and punctuation, full-width forms) broken between characters.
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
#: A run of Latin letters and punctuation is one token; each wide character is its own.
_TOKENS = rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+"


def has_wide(text: str) -> bool:
    """Whether *text* has a character these rules break around (else spaces decide alone)."""
    import re

    return re.search(f"[{_WIDE}]", text) is not None


def _cell_width(char: str) -> int:
    import unicodedata

    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(token: str) -> int:
    return sum(_cell_width(c) for c in token)


def _carried(line: list[str], token: str, room: int) -> list[str] | None:
    """The tokens at the end of *line* that must go down with *token* to the next line: the
    word before a closing mark (and closing marks before it: "）、"), an opening mark the
    line would end with, and a number before a Chinese word (its measure word: "30 個"). None when they cannot: the line would be left empty or ending open,
    or they and *token* would not fit in *room* cells (fitting the terminal comes first)."""
    keep = len(line)
    if has_wide(token[0]) and keep > 2 and line[-1].isspace() and line[-2][-1].isdigit():
        keep -= 2  # a number stays with its measure word: "10 個檔案", not "10" / "個檔案"
    if token[0] in NO_LINE_START:
        while keep > 1 and not line[keep - 1].isspace():
            keep -= 1
            if line[keep][0] not in NO_LINE_START:
                break
    while keep > 1 and line[keep - 1][-1] in NO_LINE_END:
        keep -= 1
    rest, carry = line[:keep], line[keep:]
    if not "".join(rest).strip() or "".join(rest).rstrip()[-1] in NO_LINE_END:
        return None
    if sum(_width(part) for part in [*carry, token]) > room:
        return None
    return carry


def line_starts(text: str, width: int) -> list[int]:
    """The offsets in *text* (one line, no newline) where each line after the first starts
    when it is broken to *width* cells by the rules of ``wrap``; unlike ``wrap`` it keeps the
    text as it is (spaces are not collapsed) so that a styled text can be divided at them. A
    line ends with the spaces before a break; the next starts at a word or character."""
    import re

    starts: list[int] = []
    line: list[str] = []
    where: list[int] = []
    used = 0
    for match in re.finditer(_TOKENS, text):
        token = match.group()
        size = _width(token)
        if not token.isspace() and used + size > width and line:
            carry = _carried(line, token, width) or []
            keep = len(line) - len(carry)
            line, where = line[keep:], where[keep:]
            starts.append(where[0] if line else match.start())
            used = sum(_width(part) for part in line)
        if line or not token.isspace():
            line.append(token)
            where.append(match.start())
            used += size
    return [start for start in starts if start > 0]


#: Where a word too long for a line of its own may break: after a path's "/" (or "\\") and a
#: chain's "->"; in a word with no path in it, after a dotted name's "." before a letter
#: (newcomer review 23, 8: a `blocks at:` path ran 82 columns in an 80-column terminal,
#: `concurrent.futures.ThreadPoolExecutor` 57 in a 40-column one). Never inside "3.5.24".
_PATH_BREAKS = r".*?(?:->|[/\\])|.+"
_NAME_BREAKS = r".*?(?:->|\.(?=[A-Za-z_]))|.+"


def _pieces(token: str, room: int) -> list[str]:
    """*token* as is when it fits in *room* cells; else cut after its break points, and a
    piece still too wide after a "-" or "_" in it. A word with none stays whole: the
    terminal folds it, as before."""
    import re

    if _width(token) <= room:
        return [token]
    breaks = _PATH_BREAKS if "/" in token or "\\" in token else _NAME_BREAKS
    pieces: list[str] = []
    for piece in re.findall(breaks, token):
        pieces.extend(re.findall(r".*?[-_]|.+", piece) if _width(piece) > room else [piece])
    return pieces


def wrap(text: str, width: int, indent: str = "") -> str:
    """Wrap to *width* terminal cells with a hanging *indent*: words stay whole, and Chinese,
    which has no spaces, may break between any two characters (each is two cells wide) but
    not before closing punctuation nor after opening punctuation, where it can help it. A
    word longer than a whole line breaks after a "/", "->" or "." in it (`_pieces`)."""
    import re

    width = max(width, len(indent) + 10)
    lines: list[str] = []
    line: list[str] = []
    used = len(indent)
    room = width - len(indent)
    tokens = [p for t in re.findall(_TOKENS, text) for p in _pieces(t, room)]
    for token in tokens:
        if token.isspace():
            if line:
                line.append(" ")
                used += 1
            continue
        size = _width(token)
        if used + size > width and line:
            carry = _carried(line, token, width - len(indent)) or []
            del line[len(line) - len(carry) :]
            lines.append(indent + "".join(line).rstrip())
            line = carry
            used = len(indent) + sum(_width(part) for part in line)
        line.append(token)
        used += size
    lines.append(indent + "".join(line).rstrip())
    return "\n".join(lines)
