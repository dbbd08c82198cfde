"""Markdown, for pasting a recommendation into an issue, a PR or a design doc."""

from __future__ import annotations

from advisor.i18n import UI
from advisor.models import Recommendation
from advisor.render.common import answer_note, spell, unused_notes


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(rec: Recommendation, ui: UI, *, emit_command: str = "") -> str:
    out: list[str] = [f"# {ui('recommendation')}: `{rec.model}`", "", f"**{rec.title}**", ""]
    out += [f"## {ui('path')}", "", "| # | ? | | → |", "|---|---|---|---|"]
    for number, step in enumerate(rec.path, 1):
        note = answer_note(step, ui)
        answer = f"`{step.flag} {spell(step.answer, ui)}`" + (f" {note}" if note else "")
        out.append(f"| {number} | {_cell(step.prompt)} | {_cell(answer)} | {_cell(step.why)} |")
    if rec.unused:
        out += ["", f"## {ui('unused')}", ""]
        out += [f"- {note}" for note in unused_notes(rec, ui)]
    out += ["", f"## {ui('why')}", "", rec.justification]
    if rec.alternatives:
        out += ["", f"## {ui('alternatives')}", ""]
        out += [f"- **{alt.model}**: {alt.why}" for alt in rec.alternatives]
    if rec.caveats:
        out += ["", f"## {ui('caveats')}", ""]
        out += [f"- {caveat}" for caveat in rec.caveats]
    if rec.pitfalls:
        out += ["", f"## {ui('pitfalls')}", ""]
        for p in rec.pitfalls:
            out.append(f"### {p.title}")
            out += ["", p.detail, ""]
            if p.wrong:
                out += [f"{ui('wrong')}:", "", "```python", p.wrong.rstrip("\n"), "```", ""]
            if p.right:
                out += [f"{ui('right')}:", "", "```python", p.right.rstrip("\n"), "```", ""]
    if rec.template.code:
        out += ["", f"## {ui('template')} (`{rec.template.id}`)", ""]
        if emit_command:
            out += [ui("emit_hint", command=f"`{emit_command}`"), ""]
        out += ["```python", rec.template.code.rstrip("\n"), "```"]
    return "\n".join(out).rstrip("\n") + "\n"
