"""`scan --recommend`, answers the code left open: settle them, or say why they stay open.

Missing answers that cannot change the model are settled and named on stderr (issue 19, cause
6); an undecided one is explained with the evidence on both sides; an I/O library nobody
recognises is refused unless either answer leads to the same model. Kept apart from the flow in
`_scan_recommend`, which calls these only when the code did not answer everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.errors import ScanError, UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from advisor.cli._invocation import Invocation
    from advisor.inference import Inference
    from advisor.models import Answer, AnswerValue, Fact, Question, Recommendation, Tree


def _undecided(
    flags: Sequence[str], inference: Inference, questions: Iterable[Question], lang: str
) -> str:
    """Why the code did not answer a missing question it had evidence for: both sides."""
    from advisor.models import format_answer
    from advisor.texts import ui

    texts = ui(lang)
    notes = []
    for question in questions:
        answer = inference.questions.get(question.id)
        if question.flag not in flags or answer is None:
            continue
        shown = [*answer.evidence[:2], *answer.conflicting[:2]]
        opened, closed = ("（", "）") if lang == "zh-TW" else (" (", ")")
        places = texts("list_separator").join(
            f"{e.location}{opened}{format_answer(e.value)}{closed}" for e in shown
        )
        notes.append(texts("evidence_undecided_note", flag=question.flag, evidence=places))
        # The program's commands lead to different answers (issue 19, cause 2): say so.
        differ = f"subcommands:{question.id}"
        notes += [c.describe(lang) for c in inference.context if c.signal == differ]
    return texts("clause_separator").join(notes)


def _refuse_unknown_io(
    tree: Tree,
    rec: Recommendation,
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact],
    inv: Invocation,
) -> None:
    """When no I/O library the code calls is recognised, --async-libs is undecided, never the
    tree's default: exit 2 naming it, unless its other value leads to the same model."""
    from advisor import engine
    from advisor.evidence import settle
    from advisor.models import Answer, Source, format_answer

    step = next((s for s in rec.path if s.question == settle.IO_QUESTION), None)
    if step is None or step.source != Source.DEFAULT.value:
        return
    other = not step.answer
    try:
        alt = engine.recommend(
            tree,
            {**answers, settle.IO_QUESTION: Answer(other, Source.API)},
            lang=inv.lang,
            facts=facts,
        )
    except UsageError:
        return
    if alt.model == rec.model:
        return
    flag = step.flag
    raise ScanError(
        "advisor knows none of the I/O libraries the code calls (built-in calls such as open() "
        f"say nothing of them), so it cannot tell whether its "
        f"libraries are async: {flag} {format_answer(step.answer)} leads to {rec.model}, "
        f"{flag} {format_answer(other)} to {alt.model}; give {flag}",
        key="scan_unknown_io",
        flag=flag,
        value=format_answer(step.answer),
        model=rec.model,
        other=format_answer(other),
        other_model=alt.model,
    )


def _settle(
    tree: Tree,
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact],
    inv: Invocation,
    open_: frozenset[str],
    *,
    values: Mapping[str, frozenset[AnswerValue]],
) -> tuple[Recommendation, tuple[tuple[str, str], ...]] | None:
    """Missing answers that cannot change the model (issue 19, cause 6): recommend, and say
    on stderr which answers only size the result and what the template assumes for them."""

    from advisor.evidence import settle
    from advisor.models import format_answer
    from advisor.texts import ui

    settled = settle.settle(tree, answers, facts, inv.lang, open_, values=values)
    if settled is None:
        return None
    rec, questions = settled
    used = {step.question: step.answer for step in rec.path}
    sizes = tuple((q.flag, format_answer(used[q.id]) if q.id in used else "") for q in questions)
    texts = ui(inv.lang)
    # Chinese prose lists with 、, never an ASCII comma (issue 19).
    separator = texts("list_separator")
    assumed = separator.join(f"{flag} {value}".strip() for flag, value in sizes)
    flags = separator.join(flag for flag, _ in sizes)
    note = texts("scan_sizes_only", flags=flags, model=rec.model, assumed=assumed)
    common.notice(note)
    return rec, sizes
