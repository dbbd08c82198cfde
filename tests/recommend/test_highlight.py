"""The rich output's code highlighting: the one regular expression in
`advisor.render.highlight` colours exactly what the stdlib tokenizer would, on every
shipped template in every language (the tokenizer is the reference here, not at run
time: compiling its patterns cost the rich run about 7 ms)."""

from __future__ import annotations

import io
import keyword
import tokenize

import pytest

from advisor import templating
from advisor.render import highlight

_STRINGS = frozenset(
    getattr(tokenize, name)
    for name in ("STRING", "FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
    if hasattr(tokenize, name)
)
_QUIET = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)


def reference(code: str) -> list[tuple[int, int, str]]:
    """The spans as the tokenizer sees them (what the highlighter did before)."""
    starts = [0]
    for line in code.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    result: list[tuple[int, int, str]] = []
    previous = ""
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        style = None
        if tok.type == tokenize.COMMENT:
            style = highlight.COMMENT
        elif tok.type in _STRINGS:
            style = highlight.STRING
        elif tok.type == tokenize.NUMBER:
            style = highlight.NUMBER
        elif tok.type == tokenize.NAME:
            if previous in ("def", "class"):
                style = highlight.DEFINITION
            elif previous == "@":
                style = highlight.DECORATOR
            elif keyword.iskeyword(tok.string):
                style = highlight.KEYWORD
            elif tok.string in highlight._BUILTINS:
                style = highlight.BUILTIN
        if style:
            (row, col), (end_row, end_col) = tok.start, tok.end
            result.append((starts[row - 1] + col, starts[end_row - 1] + end_col, style))
        if tok.type not in _QUIET:
            previous = tok.string
    return result


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("template_id", templating.template_ids())
def test_template_spans_match_the_tokenizer(template_id: str, lang: str) -> None:
    context = templating.context_for(template_id, {})
    code = templating.render(template_id, context, header="advisor recommend", lang=lang)
    found = highlight.spans(code)
    assert found == reference(code)
    assert len(found) > 50


def test_tricky_tokens_match_the_tokenizer() -> None:
    code = (
        '@decorator\nclass Name(Base):\n    """Doc with \'quotes\' and # no comment."""\n\n'
        "    def method(self, x=0x1F, y=1_000.5e-3j):  # comment: def not\n"
        '        s = rb\'\\x00\' + f"{x!r}" + \'it\\\'s\' + """a\\\n"""\n'
        "        return len(s) @ y if x else None\n"
    )
    assert highlight.spans(code) == reference(code)


def printed(part: object, width: int, **options: object) -> str:
    from rich.console import Console

    out = io.StringIO()
    screen = Console(file=out, width=width, highlight=False, emoji=False, **options)  # type: ignore[arg-type]
    screen.print(part, soft_wrap=True)
    return out.getvalue()


@pytest.mark.parametrize(
    "options",
    [
        {"color_system": None},
        {"color_system": "standard", "force_terminal": True},
        {"color_system": "256", "force_terminal": True},
        {"color_system": "truecolor", "force_terminal": True},
        {"color_system": "truecolor", "force_terminal": True, "no_color": True},
    ],
    ids=["off", "standard", "256", "truecolor", "no_color"],
)
@pytest.mark.parametrize("width", [40, 100])
@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("template_id", templating.template_ids())
def test_printable_code_prints_what_the_highlighted_text_prints(
    template_id: str, lang: str, width: int, options: dict[str, object]
) -> None:
    """The segments built directly print the same characters as the highlighted Text
    through rich's own pass, at a width narrower than some lines and one that fits."""
    from rich.segment import Segments

    context = templating.context_for(template_id, {})
    code = templating.render(template_id, context, header="advisor recommend", lang=lang)
    code = code.rstrip("\n")
    fast = highlight.printable(code)
    assert isinstance(fast, Segments)
    assert printed(fast, width, **options) == printed(highlight.highlight(code), width, **options)


@pytest.mark.parametrize(
    "code",
    [
        'x = """a\n\nb"""  # fits\n' + "y = " + "1 + " * 30 + "1\nprint(x, y)",
        "def f():\n\treturn 1",
        "x = 1   \n" + "y = " + "1 + " * 30 + "1   \n",
        "x = 1\r\ny = 2",
    ],
    ids=["long-lines", "tab", "trailing-blanks", "carriage-return"],
)
def test_code_rich_would_change_prints_the_same(code: str) -> None:
    fast = highlight.printable(code)
    for options in ({"color_system": None}, {"color_system": "256", "force_terminal": True}):
        assert printed(fast, 40, **options) == printed(highlight.highlight(code), 40, **options)
