"""`advisor explain` output: the comparison table and a model's guide, in every format.

``FORMATS[name](value, stream, lang)`` takes either a `Comparison` (no model asked for)
or a `ModelGuide`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from advisor.guides import Comparison, ModelGuide
from advisor.render import console
from advisor.texts import UI, ui

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult


def to_plain(value: Any) -> Any:
    """NamedTuples (nested) to dicts, for JSON."""
    if hasattr(value, "_asdict"):
        return {k: to_plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


def as_json(value: Comparison | ModelGuide) -> str:
    return json.dumps(to_plain(value), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _lists(guide: ModelGuide, ui: UI) -> tuple[str, str]:
    """The headings of a page's two lists, by its kind: a program kind's page says what
    changes there and what breaks, not when to choose it (nobody chooses to be a notebook)."""
    if guide.kind == "program":
        return ui("program_changes"), ui("program_breaks")
    return ui("when_to_choose"), ui("when_not")


# --- plain ---------------------------------------------------------------------------


def _colon(ui: UI) -> str:
    """The colon after a label, in the language's own form ("錯誤：", not "錯誤:")."""
    return ui("label_colon").rstrip()


def _indent(code: str, prefix: str = "    ") -> list[str]:
    return [prefix + line if line else "" for line in code.rstrip("\n").splitlines()]


def comparison_plain(table: Comparison, ui: UI) -> str:
    out = [ui("comparison_title"), ""]
    for row in table.rows:
        out.append(row.label)
        out += [f"  {model:<18} {row.values[model]}" for model in table.models]
        out.append("")
    if table.glossary:
        out += [table.glossary, ""]
    out.append(ui("explain_hint"))
    return "\n".join(out) + "\n"


def guide_plain(guide: ModelGuide, ui: UI) -> str:
    out = [guide.name, guide.summary]
    when, when_not = _lists(guide, ui)
    if guide.when:  # a conversion pattern's page has neither list
        out += ["", when]
        out += [f"  + {t}" for t in guide.when]
    if guide.when_not:
        out += ["", when_not]
        out += [f"  - {t}" for t in guide.when_not]
    if guide.pitfalls:
        out += ["", ui("pitfalls")]
        for number, p in enumerate(guide.pitfalls, 1):
            out += ["", f"  {number}. {p.title}", f"     {p.detail}"]
            if p.wrong:
                out += [f"     {ui('wrong')}{_colon(ui)}", *_indent(p.wrong, "       ")]
            if p.right:
                out += [f"     {ui('right')}{_colon(ui)}", *_indent(p.right, "       ")]
    if guide.patterns:
        out += ["", ui("patterns")]
        for pattern in guide.patterns:
            out += [
                "",
                f"  {pattern.title}",
                f"  {pattern.summary}",
                f"    {ui('before')}{_colon(ui)}",
            ]
            out += _indent(pattern.before, "      ")
            out += [f"    {ui('after')}{_colon(ui)}", *_indent(pattern.after, "      ")]
            if pattern.changes:
                out.append(f"    {ui('changes')}{_colon(ui)}")
                out += [f"      {c.before}  →  {c.after}" for c in pattern.changes]
    return "\n".join(out) + "\n"


# --- markdown --------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def comparison_markdown(table: Comparison, ui: UI) -> str:
    out = [f"# {ui('comparison_title')}", ""]
    out.append("| | " + " | ".join(f"`{m}`" for m in table.models) + " |")
    out.append("|---" * (len(table.models) + 1) + "|")
    for row in table.rows:
        cells = " | ".join(_cell(row.values[m]) for m in table.models)
        out.append(f"| **{_cell(row.label)}** | {cells} |")
    if table.glossary:
        out += ["", table.glossary]
    return "\n".join(out) + "\n"


def _code(code: str) -> list[str]:
    return ["```python", code.rstrip("\n"), "```"]


def guide_markdown(guide: ModelGuide, ui: UI) -> str:
    out = [f"# {guide.name}", "", guide.summary]
    when, when_not = _lists(guide, ui)
    if guide.when:  # a conversion pattern's page has neither list
        out += ["", f"## {when}", ""]
        out += [f"- {t}" for t in guide.when]
    if guide.when_not:
        out += ["", f"## {when_not}", ""]
        out += [f"- {t}" for t in guide.when_not]
    if guide.pitfalls:
        out += ["", f"## {ui('pitfalls')}"]
        for p in guide.pitfalls:
            out += ["", f"### {p.title}", "", p.detail]
            if p.wrong:
                out += ["", f"{ui('wrong')}{_colon(ui)}", "", *_code(p.wrong)]
            if p.right:
                out += ["", f"{ui('right')}{_colon(ui)}", "", *_code(p.right)]
    if guide.patterns:
        out += ["", f"## {ui('patterns')}"]
        for pattern in guide.patterns:
            out += [
                "",
                f"### {pattern.title}",
                "",
                pattern.summary,
                "",
                f"{ui('before')}{_colon(ui)}",
                "",
            ]
            out += [
                *_code(pattern.before),
                "",
                f"{ui('after')}{_colon(ui)}",
                "",
                *_code(pattern.after),
            ]
            if pattern.changes:
                out += ["", f"| {ui('before')} | {ui('after')} |", "|---|---|"]
                out += [f"| `{_cell(c.before)}` | `{_cell(c.after)}` |" for c in pattern.changes]
    return "\n".join(out) + "\n"


# --- rich ------------------------------------------------------------------------------


class _ByWidth:
    """Picks a layout once the console says how wide it is (rich's render protocol):
    *wide* from *min_width* columns up, *narrow* below. Text is never cut off."""

    def __init__(
        self,
        min_width: int,
        wide: Callable[[], RenderableType],
        narrow: Callable[[], RenderableType],
    ) -> None:
        self.min_width = min_width
        self.wide = wide
        self.narrow = narrow

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide() if options.max_width >= self.min_width else self.narrow()


#: Below this width the seven-column table would squeeze cells to a few characters.
COMPARISON_MIN_WIDTH = 150


def comparison_rich(table: Comparison, ui: UI) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    from advisor.render.rich_text import Text

    def wide() -> RenderableType:
        grid = Table(title=ui("comparison_title"), show_lines=True, expand=True)
        grid.add_column("", style="bold", overflow="fold")
        for model in table.models:
            grid.add_column(model, header_style="bold cyan", overflow="fold")
        for row in table.rows:
            grid.add_row(row.label, *(row.values[m] for m in table.models))
        return grid

    def stacked() -> RenderableType:
        """One block per row, a line per model: readable at any width, in any language."""
        parts: list[RenderableType] = [Text(ui("comparison_title"), style="bold"), ""]
        for row in table.rows:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold cyan", no_wrap=True)
            grid.add_column(overflow="fold")
            for model in table.models:
                grid.add_row(model, row.values[model])
            parts += [Text(row.label, style="bold underline"), grid, ""]
        return Group(*parts)

    view = _ByWidth(COMPARISON_MIN_WIDTH, wide, stacked)
    glossary: list[RenderableType] = [Text(table.glossary), ""] if table.glossary else []
    return Group(view, *glossary, Text(ui("explain_hint"), style="dim"))


def _side_by_side(left_title: str, left: str, right_title: str, right: str) -> RenderableType:
    """Two code blocks next to each other when every line fits, one above the other if not:
    wrapped code reads as different code."""
    from rich.console import Group
    from rich.table import Table

    from advisor.render.highlight import highlight
    from advisor.render.rich_text import Text

    left, right = left.rstrip("\n"), right.rstrip("\n")
    longest = max(len(line) for line in (left + "\n" + right).splitlines())

    def wide() -> RenderableType:
        pair = Table(expand=True, box=None, padding=(0, 1))
        pair.add_column(left_title, header_style="bold red", ratio=1, overflow="fold")
        pair.add_column(right_title, header_style="bold green", ratio=1, overflow="fold")
        pair.add_row(highlight(left), highlight(right))
        return pair

    def stacked() -> RenderableType:
        return Group(
            Text(left_title, style="bold red"),
            highlight(left),
            "",
            Text(right_title, style="bold green"),
            highlight(right),
        )

    # two columns of the longest line, their padding, and the panel around them
    return _ByWidth(2 * (longest + 2) + 4, wide, stacked)


def guide_rich(guide: ModelGuide, ui: UI) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel

    from advisor.render.rich_text import Text

    parts: list[RenderableType] = [Text(guide.summary)]
    when, when_not = _lists(guide, ui)
    if guide.when:  # a conversion pattern's page has neither list
        parts += ["", Text(when, style="bold underline")]
        parts += [Text.assemble(("+ ", "green"), t) for t in guide.when]
    if guide.when_not:
        parts += ["", Text(when_not, style="bold underline")]
        parts += [Text.assemble(("- ", "red"), t) for t in guide.when_not]
    blocks: list[RenderableType] = [
        Panel(Group(*parts), title=Text(guide.name, style="bold green"), title_align="left")
    ]
    for p in guide.pitfalls:
        body: list[RenderableType] = [Text(p.detail)]
        if p.wrong and p.right:
            body += ["", _side_by_side(ui("wrong"), p.wrong, ui("right"), p.right)]
        title = Text.assemble((ui("pitfall") + ui("label_colon"), "bold yellow"), (p.title, "bold"))
        blocks.append(Panel(Group(*body), title=title, title_align="left", border_style="yellow"))
    for pattern in guide.patterns:
        body = [Text(pattern.summary), ""]
        body.append(_side_by_side(ui("before"), pattern.before, ui("after"), pattern.after))
        if pattern.changes:
            body.append("")
            body += [
                Text.assemble((c.before, "red"), "  →  ", (c.after, "green"))
                for c in pattern.changes
            ]
        title = Text.assemble(
            (ui("pattern") + ui("label_colon"), "bold blue"), (pattern.title, "bold")
        )
        blocks.append(Panel(Group(*body), title=title, title_align="left", border_style="blue"))
    return Group(*blocks)


# --- FORMATS -----------------------------------------------------------------------------

Explained = Comparison | ModelGuide


def plain(value: Explained, stream: IO[str], lang: str) -> None:
    texts = ui(lang)
    text = (
        comparison_plain(value, texts)
        if isinstance(value, Comparison)
        else guide_plain(value, texts)
    )
    stream.write(text)


def markdown(value: Explained, stream: IO[str], lang: str) -> None:
    texts = ui(lang)
    text = (
        comparison_markdown(value, texts)
        if isinstance(value, Comparison)
        else guide_markdown(value, texts)
    )
    stream.write(text)


def rich(value: Explained, stream: IO[str], lang: str) -> None:
    texts = ui(lang)
    view = (
        comparison_rich(value, texts) if isinstance(value, Comparison) else guide_rich(value, texts)
    )
    console(stream).print(view)


def as_json_format(value: Explained, stream: IO[str], lang: str) -> None:
    del lang  # the value carries its language
    stream.write(as_json(value))


FORMATS: dict[str, Callable[[Explained, IO[str], str], None]] = {
    "rich": rich,
    "plain": plain,
    "markdown": markdown,
    "json": as_json_format,
}
