"""Small pieces every text renderer shares."""

from __future__ import annotations

from advisor.models import AnswerValue, Recommendation, Step
from advisor.texts import UI


def spell(value: AnswerValue, ui: UI) -> str:
    """An answer as the user would type it, in their language."""
    if isinstance(value, bool):
        return ui("answer_yes") if value else ui("answer_no")
    return str(value)


def answer_note(step: Step, ui: UI) -> str:
    """'(assumed: default)' and the like; empty for answers the user gave."""
    if not step.assumed:
        return ""
    return f"({ui('assumed', how=ui('source_' + step.source))})"


def unused_notes(rec: Recommendation, ui: UI) -> list[str]:
    """One line per answer given but not on the path: it is reported, never dropped."""
    return [ui("unused_item", flag=u.flag, answer=spell(u.answer, ui)) for u in rec.unused]
