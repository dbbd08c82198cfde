"""Small pieces every text renderer shares."""

from __future__ import annotations

from advisor import templating
from advisor.models import AnswerValue, Recommendation, Step
from advisor.texts import UI


def spell(value: AnswerValue, ui: UI) -> str:
    """An answer as the user would type it, in their language."""
    if isinstance(value, bool):
        return ui("answer_yes") if value else ui("answer_no")
    return str(value)


def answer_note(step: Step, ui: UI) -> str:
    """'(assumed: default)' and the like; empty for answers the user gave. An answer read
    from the code is no guess: "(assumed: inferred)" read as one (review 2026-12)."""
    if not step.assumed:
        return ""
    if step.source == "inferred":
        return ui("from_your_code")
    return ui("assumed", how=ui("source_" + step.source))


def unused_notes(rec: Recommendation, ui: UI) -> list[str]:
    """One line per answer given but not on the path: it is reported, never dropped."""
    return [ui("unused_item", flag=u.flag, answer=spell(u.answer, ui)) for u in rec.unused]


def tailoring_notes(rec: Recommendation, ui: UI) -> list[str]:
    """What answers such as ``--program service`` changed: the template form emitted, and
    which caveats and alternatives they added (marked where they are listed)."""
    notes: list[str] = []
    program = rec.template.context.get("program")
    if rec.template.base and rec.template.framework:
        notes.append(
            ui(
                templating.framework_note(rec.template.id),
                id=rec.template.id,
                base=rec.template.base,
                program=program,
                framework=rec.template.framework,
            )
        )
    elif rec.template.base:
        notes.append(
            ui("tailored_template", id=rec.template.id, base=rec.template.base, program=program)
        )
    elif isinstance(program, str) and program != "script":
        notes.append(ui("tailored_no_template", id=rec.template.id, program=program))
    notes += [ui("tailored_advice", because=t.because) for t in rec.tailored]
    return notes


def caveat_marks(rec: Recommendation, ui: UI) -> dict[str, str]:
    """Caveat text -> its mark, "(--program service)", for the caveats an answer added."""
    return {
        text: ui("tailored_mark", because=t.because) for t in rec.tailored for text in t.caveats
    }


def alternative_marks(rec: Recommendation, ui: UI) -> dict[tuple[str, str], str]:
    """(model, why) -> its mark, for the alternatives an answer added."""
    return {
        (a.model, a.why): ui("tailored_mark", because=t.because)
        for t in rec.tailored
        for a in t.alternatives
    }


def marked(mark: str, text: str) -> str:
    """*text* with its mark in front; zh-TW's full-width parentheses need no space."""
    if not mark:
        return text
    return f"{mark}{text}" if mark.endswith("）") else f"{mark} {text}"
