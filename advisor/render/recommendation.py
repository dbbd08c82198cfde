"""A recommendation in every format: plain (pipes), rich (terminals), markdown, JSON.

Plain lines are not wrapped on purpose: zh-TW has no spaces to wrap at, and pipes,
pagers and terminals wrap better than a guess at the width would. The "Save it"
command is never wrapped in any format: it must survive copy and paste.
"""

# No ``from __future__ import annotations`` here: `Shown` is built on every `recommend` and
# `ask`, and a NamedTuple field annotated with a string compiles a ForwardRef at import
# (about 4 ms, the first time in a process). Rich's types are quoted instead.
import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, NamedTuple

from advisor.models import Recommendation
from advisor.render import console, is_utf8
from advisor.render.common import (
    alternative_marks,
    answer_note,
    caveat_marks,
    marked,
    spell,
    tailoring_notes,
    unused_notes,
)
from advisor.texts import UI, ui

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


class Shown(NamedTuple):
    """What `recommend` and `ask` show: the recommendation, and the command that saves its
    template (empty when there is nothing to suggest, e.g. after --emit)."""

    rec: Recommendation
    save_command: str = ""


def plain(value: Shown, stream: IO[str], lang: str) -> None:
    rec, texts = value.rec, ui(lang)
    out: list[str] = [f"{texts('recommendation')}{texts('label_colon')}{rec.model}", rec.title, ""]
    out.append(texts("path"))
    for number, step in enumerate(rec.path, 1):
        note = answer_note(step, texts)
        out.append(f"  {number}. {step.prompt}")
        out.append(f"     {step.flag} {spell(step.answer, texts)}" + (f"  {note}" if note else ""))
        if step.assumed and step.evidence and step.source != "default":
            out.append(f"     {step.evidence}")
        out.append(f"     → {step.why}")
    if rec.unused:
        out += ["", texts("unused")]
        out += [f"  - {note}" for note in unused_notes(rec, texts)]
    if tailored := tailoring_notes(rec, texts):
        out += ["", texts("tailored")]
        out += [f"  - {note}" for note in tailored]
    out += ["", texts("why"), f"  {rec.justification}"]
    alt_marks, cav_marks = alternative_marks(rec, texts), caveat_marks(rec, texts)
    if rec.alternatives:
        out += ["", texts("alternatives")]
        out += [
            f"  - {alt.model}{texts('label_colon')}{marked(alt_marks.get(alt, ''), alt.why)}"
            for alt in rec.alternatives
        ]
    if rec.caveats:
        out += ["", texts("caveats")]
        out += [f"  - {marked(cav_marks.get(c, ''), c)}" for c in rec.caveats]
    if rec.pitfalls:
        out += ["", texts("pitfalls")]
        out += [f"  - {p.title}{texts('label_colon')}{p.detail}" for p in rec.pitfalls]
    stream.write("\n".join(out) + "\n" + plain_template(value, lang))


def template_heading(rec: Recommendation, texts: UI, quote: str = "") -> str:
    """ "Template (service_threads, for asyncio+executor)": a template is named for its code
    (a FastAPI app with a thread pool), and one serves several models, so beside a
    recommendation of asyncio+executor "Template (service_threads)" read as if the tool had
    switched to threads (newcomer review 23, 16). A template named as its model
    ("threading") says it once."""
    template = f"{quote}{rec.template.id}{quote}"
    if rec.template.id == rec.model:
        return texts("template_named", id=template)
    return texts("template_named_for", id=template, model=f"{quote}{rec.model}{quote}")


def plain_template(value: Shown, lang: str) -> str:
    """The template section of the plain output (empty when there is no template): apart,
    so that `scan --recommend` can put its evidence before 150 lines of code."""
    rec, texts = value.rec, ui(lang)
    if not rec.template.code:
        return ""
    out = ["", template_heading(rec, texts)]
    if value.save_command:
        out.append("  " + texts("emit_hint", command=value.save_command))
    out += ["", rec.template.code.rstrip("\n")]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(value: Shown, stream: IO[str], lang: str) -> None:
    """For pasting into an issue, a pull request or a design doc."""
    rec, texts = value.rec, ui(lang)
    out: list[str] = [
        f"# {texts('recommendation')}{texts('label_colon')}`{rec.model}`",
        "",
        f"**{rec.title}**",
        "",
    ]
    out += [f"## {texts('path')}", "", texts("path_columns"), "|---|---|---|---|"]
    for number, step in enumerate(rec.path, 1):
        note = answer_note(step, texts)
        answer = f"`{step.flag} {spell(step.answer, texts)}`" + (f" {note}" if note else "")
        out.append(f"| {number} | {_cell(step.prompt)} | {_cell(answer)} | {_cell(step.why)} |")
    if rec.unused:
        out += ["", f"## {texts('unused')}", ""]
        out += [f"- {note}" for note in unused_notes(rec, texts)]
    if tailored := tailoring_notes(rec, texts):
        out += ["", f"## {texts('tailored')}", ""]
        out += [f"- {note}" for note in tailored]
    out += ["", f"## {texts('why')}", "", rec.justification]
    alt_marks, cav_marks = alternative_marks(rec, texts), caveat_marks(rec, texts)
    if rec.alternatives:
        out += ["", f"## {texts('alternatives')}", ""]
        out += [
            f"- **{alt.model}**{texts('label_colon')}{marked(alt_marks.get(alt, ''), alt.why)}"
            for alt in rec.alternatives
        ]
    if rec.caveats:
        out += ["", f"## {texts('caveats')}", ""]
        out += [f"- {marked(cav_marks.get(c, ''), c)}" for c in rec.caveats]
    if rec.pitfalls:
        out += ["", f"## {texts('pitfalls')}", ""]
        for p in rec.pitfalls:
            out.append(f"### {p.title}")
            out += ["", p.detail, ""]
            if p.wrong:
                out += [
                    f"{texts('wrong')}{texts('label_colon').rstrip()}",
                    "",
                    "```python",
                    p.wrong.rstrip("\n"),
                    "```",
                    "",
                ]
            if p.right:
                out += [
                    f"{texts('right')}{texts('label_colon').rstrip()}",
                    "",
                    "```python",
                    p.right.rstrip("\n"),
                    "```",
                    "",
                ]
    stream.write("\n".join(out).rstrip("\n") + "\n" + markdown_template(value, lang))


def markdown_template(value: Shown, lang: str) -> str:
    """The template section of the markdown output (empty when there is none)."""
    rec, texts = value.rec, ui(lang)
    if not rec.template.code:
        return ""
    out = ["", f"## {template_heading(rec, texts, '`')}", ""]
    if value.save_command:
        out += [texts("emit_hint", command=f"`{value.save_command}`"), ""]
    out += ["```python", rec.template.code.rstrip("\n"), "```"]
    return "\n".join(out) + "\n"


def as_json(value: Shown, stream: IO[str], lang: str) -> None:
    """One object with a stable, documented schema (README); on a stream that cannot hold
    UTF-8, \\uXXXX escapes keep it lossless."""
    del lang  # the recommendation carries its own language
    text = json.dumps(
        value.rec.to_dict(), ensure_ascii=not is_utf8(stream), indent=2, sort_keys=True
    )
    stream.write(text + "\n")


def _heading(title: str) -> "Text":
    from advisor.render.rich_text import Text

    return Text(title, style="bold underline")


def _bullet(label: str, detail: str) -> "Text":
    from advisor.render.rich_text import Text

    return Text.assemble("• ", (label, "bold"), ": " if label else "", detail)


def renderable(rec: Recommendation, texts: UI) -> "RenderableType":
    """A panel with the path, reasons, alternatives, caveats and pitfalls.

    Only rich's light parts (Text, Panel; no Table, markup or Pygments) keep the rich
    run within its startup budget.
    """
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel

    from advisor.render.rich_text import Text

    parts: list[RenderableType] = [Text(rec.title, style="bold"), "", _heading(texts("path"))]
    for number, step in enumerate(rec.path, 1):
        note = answer_note(step, texts)
        parts.append(Text.assemble((f"{number}. ", "dim"), (step.prompt, "bold")))
        detail = Text.assemble(
            (f"{step.flag} {spell(step.answer, texts)}", "cyan"),
            (f"  {note}" if note else "", "yellow"),
            "\n",
            ("→ " + step.why, "dim"),
        )
        parts.append(Padding(detail, (0, 0, 0, 3)))
    if rec.unused:
        parts += ["", _heading(texts("unused"))]
        parts += [Text("• " + note, style="yellow") for note in unused_notes(rec, texts)]
    if tailored := tailoring_notes(rec, texts):
        parts += ["", _heading(texts("tailored"))]
        parts += [Text("• " + note, style="cyan") for note in tailored]
    parts += ["", _heading(texts("why")), Text(rec.justification)]
    alt_marks, cav_marks = alternative_marks(rec, texts), caveat_marks(rec, texts)
    if rec.alternatives:
        parts += ["", _heading(texts("alternatives"))]
        parts += [_bullet(a.model, marked(alt_marks.get(a, ""), a.why)) for a in rec.alternatives]
    if rec.caveats:
        parts += ["", _heading(texts("caveats"))]
        parts += [_bullet("", marked(cav_marks.get(c, ""), c)) for c in rec.caveats]
    if rec.pitfalls:
        parts += ["", _heading(texts("pitfalls"))]
        parts += [_bullet(p.title, p.detail) for p in rec.pitfalls]
    return Panel(
        Group(*parts),
        title=Text(
            f"{texts('recommendation')}{texts('label_colon')}{rec.model}", style="bold green"
        ),
        title_align="left",
        border_style="green",
    )


def _code(rec: Recommendation, texts: UI) -> "list[RenderableType]":
    """The template under a titled rule, not inside a panel: no border characters end up in
    what the user copies from the terminal, and rich does not re-render 150 lines of code
    through a panel's crop-and-pad pass (the larger part of the rich run's budget)."""
    from rich.rule import Rule

    from advisor.render.highlight import printable
    from advisor.render.rich_text import Text

    if not rec.template.code:
        return []
    title = Text(template_heading(rec, texts))
    code = rec.template.code.rstrip("\n")
    return [Rule(title, align="left", style="blue"), printable(code)]


def rich(value: Shown, stream: IO[str], lang: str) -> None:
    screen = console(stream)
    screen.print(renderable(value.rec, ui(lang)))
    rich_template(value, stream, lang, screen)


def rich_template(
    value: Shown, stream: IO[str], lang: str, screen: "Console | None" = None
) -> None:
    """The template under its rule and the save command: apart, as `plain_template`."""
    texts = ui(lang)
    screen = screen or console(stream)
    for part in _code(value.rec, texts):
        screen.print(part, soft_wrap=True)
    if value.save_command:
        # Outside any panel and never wrapped: the terminal may fold it, but copy and
        # paste gets the command back in one piece.
        from advisor.render.rich_text import Text

        line = Text(texts("emit_hint", command=value.save_command), style="bold")
        screen.print(line, soft_wrap=True)


FORMATS: dict[str, Callable[[Shown, IO[str], str], None]] = {
    "rich": rich,
    "plain": plain,
    "json": as_json,
    "markdown": markdown,
}
