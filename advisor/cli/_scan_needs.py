"""`scan --recommend --format json` when the code leaves open an answer that changes the model.

The command exits 2 with the answers still needed on stderr, and printed nothing on stdout: a
program reading the JSON (an editor, CI, the web page) got an empty document (newcomer review
18, #11). Issue 19 asks that the answers which only size the result be listed in JSON; the same
reader needs the undecided ones. So, with `--format json`, the exit-2 cases print one document
(`advisor.render.evidence.needs_answers_dict`, status "needs_answers"): each needed answer with
its prompt and, where known, the model each value leads to, and the evidence gathered so far.
The stderr line and the exit code stay as they are; the text formats print nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping

    from advisor.cli._invocation import Invocation
    from advisor.cli._scan_deciding import Deciding
    from advisor.errors import AdvisorError, MissingAnswersError
    from advisor.inference import Inference
    from advisor.models import Answer, AnswerValue, Recommendation, Tree


def wanted(args: argparse.Namespace) -> bool:
    """Only `--format json` asked by name: the text formats keep their empty stdout."""
    return getattr(args, "format", None) == "json"


def _entry(
    tree: Tree,
    qid: str,
    lang: str,
    *,
    maybe: bool = False,
    sizes: bool = False,
    leads: tuple[tuple[AnswerValue, str], ...] = (),
) -> dict[str, Any]:
    question = tree.questions[qid]
    return {
        "question": qid,
        "flag": question.flag,
        "prompt": question.prompt.get(lang),
        "decides": bool(leads),
        "leads_to": [{"answer": value, "model": model} for value, model in leads] or None,
        "maybe": maybe,
        "sizes_only": sizes,
    }


def missing_needed(
    tree: Tree,
    missing: MissingAnswersError,
    found: Deciding | None,
    unknown_io: frozenset[str],
    lang: str,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The questions the exit-2 message names, in its order (the deciding one first), and the
    flags that would only size the template once it is given."""
    decides = found.question.id if found is not None else None
    sized = {q.id for q in found.sizes if q.id != decides} if found is not None else set()
    later = {q.id for q in missing.maybe}
    order = [
        *([decides] if decides else []),
        *(q.id for q in (*missing.missing, *missing.maybe)),
        *(q for q in tree.questions if q in unknown_io),
    ]
    needed = [
        _entry(
            tree,
            qid,
            lang,
            maybe=qid in later and qid != decides,
            sizes=qid in sized,
            leads=found.models if found is not None and qid == decides else (),
        )
        for qid in dict.fromkeys(order)
        if qid in tree.questions
    ]
    sizes = [q.flag for q in found.sizes if q.id != decides] if found is not None else []
    return needed, sizes


def unknown_io_needed(
    tree: Tree, rec: Recommendation, error: AdvisorError, qid: str, lang: str
) -> list[dict[str, Any]]:
    """The one answer the unknown-I/O refusal needs (`_scan_settle._refuse_unknown_io`), with
    the model of the default the path took and of the other value."""
    step = next((s for s in rec.path if s.question == qid), None)
    if step is None:
        return [_entry(tree, qid, lang)]
    leads = ((step.answer, rec.model), (not step.answer, error.params.get("other_model", "")))
    return [_entry(tree, qid, lang, leads=leads)]


def write(
    inv: Invocation,
    error: AdvisorError,
    needed: list[dict[str, Any]],
    sizes: list[str],
    *,
    inference: Inference,
    tree: Tree,
    answers: Mapping[str, Answer],
) -> None:
    """Print the exit-2 document on stdout; the caller raises *error* after it (stderr, 2)."""
    import json

    from advisor.render import is_utf8
    from advisor.render.evidence import needs_answers_dict

    flags = {q.id: q.flag for q in tree.questions.values()}
    message = error.message(inv.lang)
    data = needs_answers_dict(
        needed, sizes, message, inference=inference, flags=flags, given=answers, lang=inv.lang
    )
    inv.out.write(json.dumps(data, ensure_ascii=not is_utf8(inv.out), indent=2, sort_keys=True))
    inv.out.write("\n")
