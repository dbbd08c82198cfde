"""Rich output for terminals: a panel with the path, reasons and highlighted code.

rich is imported inside the functions, so plain and JSON runs never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.i18n import UI
from advisor.models import Recommendation
from advisor.render.common import answer_note, spell

if TYPE_CHECKING:
    from rich.console import RenderableType


def renderable(rec: Recommendation, ui: UI, *, emit_command: str = "") -> RenderableType:
    from rich.console import Group
    from rich.markup import escape
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.table import Table
    from rich.text import Text

    path = Table.grid(padding=(0, 1))
    path.add_column(justify="right", style="dim")
    path.add_column()
    for number, step in enumerate(rec.path, 1):
        note = answer_note(step, ui)
        line = Text.assemble(
            (step.prompt, "bold"),
            "\n",
            (f"{step.flag} {spell(step.answer, ui)}", "cyan"),
            (f"  {note}" if note else "", "yellow"),
            "\n",
            ("→ " + step.why, "dim"),
        )
        path.add_row(f"{number}.", line)

    parts: list[RenderableType] = [
        Text(rec.title, style="bold"),
        "",
        Text(ui("path"), style="bold underline"),
        path,
        "",
        Text(ui("why"), style="bold underline"),
        Text(rec.justification),
    ]
    if rec.alternatives:
        parts += ["", Text(ui("alternatives"), style="bold underline")]
        parts += [f"• [bold]{escape(a.model)}[/]: {escape(a.why)}" for a in rec.alternatives]
    if rec.caveats:
        parts += ["", Text(ui("caveats"), style="bold underline")]
        parts += [f"• {escape(c)}" for c in rec.caveats]
    if rec.pitfalls:
        parts += ["", Text(ui("pitfalls"), style="bold underline")]
        parts += [f"• [bold]{escape(p.title)}[/]: {escape(p.detail)}" for p in rec.pitfalls]
    main = Panel(
        Group(*parts),
        title=f"[bold green]{escape(ui('recommendation'))}: {escape(rec.model)}[/]",
        title_align="left",
        border_style="green",
    )
    if not rec.template.code:
        return main
    subtitle = ui("emit_hint", command=emit_command) if emit_command else None
    code = Panel(
        Syntax(rec.template.code.rstrip("\n"), "python", theme="ansi_dark", word_wrap=True),
        title=f"{escape(ui('template'))} ({escape(rec.template.id)})",
        title_align="left",
        subtitle=escape(subtitle) if subtitle else None,
        subtitle_align="left",
        border_style="blue",
    )
    return Group(main, Padding(code, (1, 0, 0, 0)))
