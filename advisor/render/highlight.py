"""Python syntax highlighting for rich output, from one small regular expression.

Not rich.syntax: Pygments costs about 90 ms to import and lex a template,
more than the whole rest of `advisor recommend`. Not the stdlib tokenizer
either: compiling its patterns alone costs about 7 ms on every run, a fifth of
what the rich run spends after importing rich. The templates are our own,
valid Python; the only tokens that get a colour (comments, strings, numbers,
names) are simple to find, and tests check these spans against `tokenize` on
every shipped template.
"""

from __future__ import annotations

import builtins
import keyword
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

KEYWORD = "bold magenta"
DEFINITION = "bold yellow"
BUILTIN = "cyan"
STRING = "green"
NUMBER = "bright_cyan"
COMMENT = "italic bright_black"
DECORATOR = "yellow"

_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))

#: One token at a time, in the tokenizer's order of preference: a string (with its
#: prefix, before a name could take the prefix), a comment, a number, a name, and any
#: other visible character (an operator: it only matters as the word before a name).
_TOKEN = re.compile(
    r"""
    (?P<string>(?:[rRbBuUfF]{1,2})?(?:'''(?:\\[\s\S]|[^\\])*?'''|\"\"\"(?:\\[\s\S]|[^\\])*?\"\"\"
        |'(?:\\[\s\S]|[^\\'\n])*'|"(?:\\[\s\S]|[^\\"\n])*"))
    |(?P<comment>\#[^\r\n]*)
    |(?P<number>(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+
        |(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)(?![\w.]))
    |(?P<name>[^\W\d]\w*)
    |(?P<other>\S)
    """,
    re.VERBOSE,
)


def spans(code: str) -> list[tuple[int, int, str]]:
    """(start, end, style) character ranges, in order and never overlapping."""
    result: list[tuple[int, int, str]] = []
    previous = ""
    for match in _TOKEN.finditer(code):
        kind, word = match.lastgroup, match.group()
        style = None
        if kind == "comment":
            style = COMMENT
        elif kind == "string":
            style = STRING
        elif kind == "number":
            style = NUMBER
        elif kind == "name":
            if previous in ("def", "class"):
                style = DEFINITION
            elif previous == "@":
                style = DECORATOR
            elif keyword.iskeyword(word):
                style = KEYWORD
            elif word in _BUILTINS:
                style = BUILTIN
        if style:
            result.append((match.start(), match.end(), style))
        previous = word
    return result


def highlight(code: str) -> Text:
    from rich.text import Text

    text = Text(code, no_wrap=False, overflow="fold")  # in a table cell: folded, never cut
    for start, end, style in spans(code):
        text.stylize(style, start, end)
    return text


def printable(code: str) -> RenderableType:
    """The highlighted code for `console.print(..., soft_wrap=True)`: prints what
    ``highlight(code)`` prints, with a small part of the work.

    With soft_wrap rich neither folds nor crops a Text (the terminal wraps long lines,
    and copy and paste gets them back whole), yet it still splits, measures and
    re-joins every line of it: most of the cost of printing a template. The segments
    it would end with are built here directly instead. rich still renders the styles
    and writes them: the colour system, NO_COLOR and the stream's handling stay rich's.
    """
    from rich.segment import Segment, Segments
    from rich.style import Style

    lines = code.split("\n")
    if "\t" in code or "\r" in code or any(line[-1:].isspace() for line in lines):
        return highlight(code)  # rich expands tabs and drops trailing blanks: let it
    styles: dict[str, Style] = {}
    result: list[Segment] = []
    done = 0
    for start, end, name in spans(code):
        if start > done:
            result.append(Segment(code[done:start]))
        style = styles.get(name) or styles.setdefault(name, Style.parse(name))
        # rich styles a string over several lines line by line; the breaks stay plain.
        for number, piece in enumerate(code[start:end].split("\n")):
            if number:
                result.append(Segment("\n"))
            if piece:
                result.append(Segment(piece, style))
        done = end
    result.append(Segment(code[done:] + "\n"))
    return Segments(result)
