"""`scan --recommend` without a terminal: name first the missing answer that decides the model.

When the code leaves several answers open and they do not all lead to one model, the exit-2
message listed them in the tree's order: "still needed: --concurrency; depending on the answer,
also --async-libs" (gamdl, xandikos, datasette, sshuttle, heralding; issue 19, cause 6). Yet
there `--concurrency` only sizes the template: once `--async-libs` is given, every answer to it
leads to the same model. A user who reads the message should be told which answer matters, what
each of its values leads to, and that the others only size the template. Here each open
question is tried alone with each of its values; it decides when every value settles the rest
(`advisor.evidence.settle.settle`) into one model. Pure but for the texts: no prompt, no output.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable

    from advisor.cli._invocation import Invocation
    from advisor.errors import UsageError
    from advisor.models import Answer, AnswerValue, Fact, Question, Tree


class Deciding(NamedTuple):
    """The one open question that decides the model, the model of each of its values, and
    the open questions that only size the template once it is given."""

    question: Question
    models: tuple[tuple[AnswerValue, str], ...]
    sizes: tuple[Question, ...]


def deciding(
    tree: Tree,
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact],
    lang: str,
    *,
    asked: Iterable[str],
    open_: frozenset[str],
    values: Mapping[str, frozenset[AnswerValue]],
) -> Deciding | None:
    """The first of *asked* (question ids, the tree's order) and *open_* whose every value
    leads, the others settled, to one model each, and at least two models in all; None when
    no single answer decides (then the tree's order stands)."""
    from advisor.evidence import settle
    from advisor.models import Answer, Source

    order = [*asked, *sorted(open_ - set(asked))]
    for qid in dict.fromkeys(order):
        question = tree.questions.get(qid)
        if question is None:
            continue
        every = settle.candidates(tree, question)
        tried = [v for v in every if v in values.get(qid, every)] or every
        models: list[tuple[AnswerValue, str]] = []
        sizes: dict[str, Question] = {}
        for value in tried:
            given = {**answers, qid: Answer(value, Source.API, "deciding")}
            settled = settle.settle(tree, given, facts, lang, open_ - {qid}, values=values)
            if settled is None:
                rec = _recommended(tree, given, facts, lang)
                if rec is None:
                    break
                models.append((value, rec))
                continue
            models.append((value, settled[0].model))
            sizes.update({q.id: q for q in settled[1]})
        else:
            if len({model for _, model in models}) > 1:
                return Deciding(question, tuple(models), tuple(sizes.values()))
    return None


def _recommended(
    tree: Tree, answers: Mapping[str, Answer], facts: Mapping[str, Fact], lang: str
) -> str | None:
    """The model when *answers* already reach a leaf, else None."""
    from advisor import engine
    from advisor.errors import UsageError

    try:
        return engine.recommend(tree, answers, lang=lang, facts=facts).model
    except UsageError:
        return None


def deciding_first(
    exc: UsageError,
    tree: Tree,
    answers: Mapping[str, Answer],
    *,
    facts: Mapping[str, Fact],
    inv: Invocation,
    open_: frozenset[str],
    values: Mapping[str, frozenset[AnswerValue]],
) -> tuple[UsageError, Deciding | None]:
    """*exc* (the exit-2 error naming the answers still needed in the tree's order, caused by
    a `MissingAnswersError`) said with the deciding answer first and the sizing ones said to be
    such; *exc* itself when no single answer decides. With it, what decides (or None), for
    the JSON document of the same exit (`_scan_needs`)."""
    from advisor.errors import MissingAnswersError, UsageError
    from advisor.models import format_answer
    from advisor.texts import ui

    missing = exc.__cause__
    if not isinstance(missing, MissingAnswersError):
        return exc, None
    asked = [q.id for q in (*missing.missing, *missing.maybe)]
    found = deciding(tree, answers, facts, inv.lang, asked=asked, open_=open_, values=values)
    if found is None or (not found.sizes and asked == [found.question.id]):
        return exc, found  # nothing else asked: the message already names the one that decides
    texts = ui(inv.lang)
    separator = texts("list_separator")
    flag = found.question.flag
    # the flag with each value (a bare "no leads to ..." read as "there are no leads")
    leads = separator.join(
        texts("deciding_leads", flag=flag, flag_value=format_answer(value), model=model)
        for value, model in found.models
    )
    sizes = [q.flag for q in found.sizes if q.flag != flag]
    if sizes:
        text = texts(
            "still_needed_deciding_sizes", flag=flag, leads=leads, sizes=separator.join(sizes)
        )
    else:
        text = texts("still_needed_deciding", flag=flag, leads=leads)
    gap = "" if texts.lang == "zh-TW" else " "  # full-width brackets take no space before
    return UsageError(f"{texts('scan_not_answered')}{gap}{text}", key=None), found  # inv.lang
