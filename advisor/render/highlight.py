"""Python syntax highlighting for rich output, from the stdlib tokenizer.

Not rich.syntax: Pygments costs about 90 ms to import and lex a template,
more than the whole rest of `advisor recommend`, and the startup budget for
rich output is 3x `python -c "import yaml"`. The tokenizer knows Python
exactly, which is all the templates need.
"""

from __future__ import annotations

import builtins
import io
import keyword
import tokenize
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

KEYWORD = "bold magenta"
DEFINITION = "bold yellow"
BUILTIN = "cyan"
STRING = "green"
NUMBER = "bright_cyan"
COMMENT = "italic bright_black"
DECORATOR = "yellow"

_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))
_STRING_TYPES = frozenset(
    getattr(tokenize, name)
    for name in ("STRING", "FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
    if hasattr(tokenize, name)
)


def spans(code: str) -> list[tuple[int, int, str]]:
    """(start, end, style) character ranges; empty when the code does not tokenize."""
    starts = [0]
    for line in code.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(row: int, col: int) -> int:
        return starts[row - 1] + col

    result: list[tuple[int, int, str]] = []
    previous = ""
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            style = None
            if tok.type == tokenize.COMMENT:
                style = COMMENT
            elif tok.type in _STRING_TYPES:
                style = STRING
            elif tok.type == tokenize.NUMBER:
                style = NUMBER
            elif tok.type == tokenize.NAME:
                if previous in ("def", "class"):
                    style = DEFINITION
                elif previous == "@":
                    style = DECORATOR
                elif keyword.iskeyword(tok.string):
                    style = KEYWORD
                elif tok.string in _BUILTINS:
                    style = BUILTIN
            if style:
                result.append((offset(*tok.start), offset(*tok.end), style))
            if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                previous = tok.string
    except (tokenize.TokenError, SyntaxError, IndexError):
        return []
    return result


def highlight(code: str) -> Text:
    from rich.text import Text

    text = Text(code, no_wrap=False, overflow="fold")  # code is folded, never cut with "…"
    for start, end, style in spans(code):
        text.stylize(style, start, end)
    return text
