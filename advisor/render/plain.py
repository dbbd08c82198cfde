"""Plain text: the default when stdout is not a terminal. No colour, no wrapping.

Lines are not wrapped on purpose: zh-TW has no spaces to wrap at, and pipes,
pagers and terminals wrap better than a guess at the width would.
"""

from __future__ import annotations

from advisor.i18n import UI
from advisor.models import Recommendation
from advisor.render.common import answer_note, spell, unused_notes


def render(rec: Recommendation, ui: UI, *, emit_command: str = "") -> str:
    out: list[str] = [f"{ui('recommendation')}: {rec.model}", rec.title, ""]
    out.append(ui("path"))
    for number, step in enumerate(rec.path, 1):
        note = answer_note(step, ui)
        out.append(f"  {number}. {step.prompt}")
        out.append(f"     {step.flag} {spell(step.answer, ui)}" + (f"  {note}" if note else ""))
        if step.assumed and step.evidence and step.source != "default":
            out.append(f"     {step.evidence}")
        out.append(f"     → {step.why}")
    if rec.unused:
        out += ["", ui("unused")]
        out += [f"  - {note}" for note in unused_notes(rec, ui)]
    out += ["", ui("why"), f"  {rec.justification}"]
    if rec.alternatives:
        out += ["", ui("alternatives")]
        out += [f"  - {alt.model}: {alt.why}" for alt in rec.alternatives]
    if rec.caveats:
        out += ["", ui("caveats")]
        out += [f"  - {caveat}" for caveat in rec.caveats]
    if rec.pitfalls:
        out += ["", ui("pitfalls")]
        out += [f"  - {p.title}: {p.detail}" for p in rec.pitfalls]
    if rec.template.code:
        out += ["", f"{ui('template')} ({rec.template.id})"]
        if emit_command:
            out.append("  " + ui("emit_hint", command=emit_command))
        out += ["", rec.template.code.rstrip("\n")]
    return "\n".join(out) + "\n"
