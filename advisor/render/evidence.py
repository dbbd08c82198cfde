"""The "Evidence" section of `advisor scan --recommend`, as text and as JSON.

For each question the code said something about: what it said, how sure, whether
the decision used it (or a flag overrode it, or the path never needed it), the
strongest evidence with file:line and, where evidence disagrees, the other side.
The user must be able to check every inferred answer, so nothing here is hidden
because it is inconvenient: undecided and overridden answers are listed too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import IO, Any, NamedTuple

from advisor.inference import Evidence, Inference, InferredAnswer
from advisor.models import SCHEMA_VERSION, Answer, Recommendation, Source, format_answer
from advisor.render import console, is_utf8, recommendation
from advisor.render.common import spell
from advisor.render.recommendation import Shown
from advisor.texts import UI, ui

#: How many pieces of evidence (and of counter-evidence) the text shows per answer.
SHOWN = 2
#: How many context lines the text shows in each of its two lists: the concurrency already in
#: the code, and what was seen but not counted.
CONTEXT_SHOWN = 5
#: How many places off the main path the text lists.
OFF_PATH_SHOWN = 8


def status(question: str, rec: Recommendation, answer: InferredAnswer) -> tuple[str, str]:
    """(status, detail): used, overridden or confirmed (by what), off_path, or undecided."""
    step = next((s for s in rec.path if s.question == question), None)
    if step is not None and step.source == "inferred":
        return "used", ""
    if step is not None and step.source != "default":
        given = f"{step.flag} {format_answer(step.answer)}"
        if step.source == "file":  # from --answers FILE, not typed as a flag (newcomer #22)
            given = f"--answers: {given}"
        elif step.source == "prompt":
            given = f"prompt: {given}"
        if step.answer == answer.value:
            # The user said the same, even where the code's own evidence was too weak to be
            # used: nothing was overridden (newcomer #22).
            return "confirmed", given
        return "overridden", given
    # A default the engine fell back on is not an override: nobody answered, the code could
    # not tell; the user is told to answer it.
    return ("off_path" if answer.decided else "undecided"), ""


def ordered(inference: Inference, flags: Mapping[str, str]) -> list[tuple[str, InferredAnswer]]:
    """Inferred answers in the tree's question order; questions the tree lacks are left out."""
    return [(q, inference.questions[q]) for q in flags if q in inference.questions]


def text(rec: Recommendation, inference: Inference, flags: Mapping[str, str], ui: UI) -> str:
    """The Evidence section as plain lines (also the body of the rich panel)."""
    heading = ui("evidence_heading", files=inference.files)
    if inference.tests:
        gap = "" if ui.lang == "zh-TW" else " "  # full-width brackets need no space
        heading += gap + ui("evidence_tests", count=inference.tests)
    out = [heading]
    sized = dict(inference.sizes_only)
    for question, answer in ordered(inference, flags):
        state, detail = status(question, rec, answer)
        value = spell(answer.value, ui)
        label = _state_label(state, detail, flags[question], ui)
        if state == "undecided" and flags[question] in sized:
            # "answer --program yourself" beside an exit-0 recommendation read as if the
            # model waited for it; it only sizes the template (newcomer review 21, 12).
            assumed = spell(sized[flags[question]], ui)
            label = ui("evidence_sizes_only", flag=flags[question], assumed=assumed)
        confidence = _confidence(answer.confidence, ui)
        status_text = ui("evidence_status", confidence=confidence, status=label)
        out.append(f"  {flags[question]} {value}  {status_text}")
        out += [f"    {_line(e, ui)}" for e in answer.evidence[:SHOWN]]
        out += [
            # the label ends with its own separator: ": " in English, a full-width colon in Chinese
            f"    {ui('evidence_against', value=spell(e.value, ui) if e.value is not None else '')}"
            f"{_line(e, ui)}"
            for e in answer.conflicting[:SHOWN]
        ]
    out += _main_path(inference, flags, ui)
    existing = [e for e in inference.context if e.existing]
    seen = [e for e in inference.context if not e.existing]
    for heading, items in ((ui("evidence_context"), existing), (ui("evidence_seen"), seen)):
        if items:
            out += ["", heading]
            out += [f"  {_line(e, ui)}" for e in items[:CONTEXT_SHOWN]]
            if len(items) > CONTEXT_SHOWN:
                out.append("  " + ui("evidence_more", count=len(items) - CONTEXT_SHOWN))
    if inference.skipped:
        out += ["", ui("evidence_skipped", count=len(inference.skipped))]
        out += [
            f"  {path}: {reason.get(ui.lang)}" for path, reason in inference.skipped[:CONTEXT_SHOWN]
        ]
        if len(inference.skipped) > CONTEXT_SHOWN:
            out.append("  " + ui("evidence_more", count=len(inference.skipped) - CONTEXT_SHOWN))
    return "\n".join(out) + "\n"


def _main_path(inference: Inference, flags: Mapping[str, str], ui: UI) -> list[str]:
    """Where evidence was weighed from, and what the main path does not reach (issue 19)."""
    if not inference.main_path:
        return []
    shown = [
        ui(
            "entry_shown",
            where=where,
            kind=_entry_kind(kind, name, ui),
        )
        for where, kind, name in inference.main_path[:CONTEXT_SHOWN]
    ]
    out = ["", ui("evidence_main_path", entries=ui("list_separator").join(shown))]
    if not inference.off_path:
        return out
    out.append(ui("evidence_off_main_path"))
    for where, questions in inference.off_path[:OFF_PATH_SHOWN]:
        named = ui("list_separator").join(flags[q] for q in questions if q in flags)
        item = ui("evidence_off_main_path_item", where=where, flags=named) if named else where
        out.append(f"  {item}")
    if len(inference.off_path) > OFF_PATH_SHOWN:
        out.append("  " + ui("evidence_more", count=len(inference.off_path) - OFF_PATH_SHOWN))
    return out


def _entry_kind(kind: str, name: str, ui: UI) -> str:
    """An entry point's kind (`advisor.evidence.units.Entry`) in the user's language."""
    if kind == "app":
        return ui("entry_app", name=name)
    if kind == "factory":
        return ui("entry_factory", name=name)
    if kind == "script":
        return ui("entry_script")
    if kind == "dunder_main":
        return ui("entry_dunder_main")
    if kind == "notebook":
        return ui("entry_notebook")
    if kind == "module_code":
        return ui("entry_module_code")
    return ui("entry_main_guard")


def _state_label(state: str, detail: str, flag: str, ui: UI) -> str:
    if state == "used":
        return ui("evidence_used")
    if state == "overridden":
        return ui("evidence_overridden", value=detail)
    if state == "confirmed":
        return ui("evidence_confirmed", value=detail)
    if state == "off_path":
        return ui("evidence_off_path")
    return ui("evidence_undecided", flag=flag)


def _confidence(level: str, ui: UI) -> str:
    if level == "high":
        return ui("confidence_high")
    return ui("confidence_medium") if level == "medium" else ui("confidence_low")


def _line(evidence: Evidence, ui: UI) -> str:
    reason = evidence.reason.get(ui.lang)
    return f"{evidence.location}: {reason}" if evidence.location else reason


def to_dict(
    rec: Recommendation, inference: Inference, flags: Mapping[str, str], lang: str
) -> dict[str, Any]:
    """``recommend --format json``'s object plus ``evidence``, ``context`` and ``scanned``;
    ``status`` "recommended" tells it from the exit-2 document (`needs_answers_dict`)."""
    data = rec.to_dict()
    data["status"] = "recommended"
    data.update(_scan_dict(inference, flags, lang, lambda q, a: status(q, rec, a)))
    return data


def unanswered_status(flag: str, given: Answer | None, answer: InferredAnswer) -> tuple[str, str]:
    """(status, detail) with no recommendation reached: "decided" where the code's answer
    stands (no path says yet whether it is used), else confirmed or overridden, as `status`."""
    if given is not None and given.source in (Source.FLAG, Source.FILE, Source.PROMPT):
        shown = f"{flag} {format_answer(given.value)}"
        if given.source == Source.FILE:
            shown = f"--answers: {shown}"
        return ("confirmed" if given.value == answer.value else "overridden"), shown
    return ("decided" if answer.decided else "undecided"), ""


def needs_answers_dict(
    needed: list[dict[str, Any]],
    sizes_only: list[str],
    message: str,
    *,
    inference: Inference,
    flags: Mapping[str, str],
    given: Mapping[str, Answer],
    lang: str,
) -> dict[str, Any]:
    """The document `scan --recommend --format json` prints when it exits 2 (review 18, #11):
    no recommendation, the answers still *needed* (`advisor.cli._scan_needs`), those that
    would only size the template, the stderr *message*, and the evidence gathered so far,
    so that a program reading the JSON is never left with an empty stdout."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "status": "needs_answers",
        "lang": lang,
        "message": message,
        "needed": needed,
    }
    data.update(
        _scan_dict(
            inference, flags, lang, lambda q, a: unanswered_status(flags[q], given.get(q), a)
        )
    )
    # Nothing is assumed before the model is decided: the value depends on the needed answers.
    data["sizes_only"] = [{"flag": f, "assumed": None} for f in sizes_only]
    return data


def _scan_dict(
    inference: Inference,
    flags: Mapping[str, str],
    lang: str,
    status_of: Callable[[str, InferredAnswer], tuple[str, str]],
) -> dict[str, Any]:
    """What the code said, shared by both documents: evidence, context, scanned, main_path,
    sizes_only."""
    data: dict[str, Any] = {}
    evidence: dict[str, Any] = {}
    for question, answer in ordered(inference, flags):
        state, detail = status_of(question, answer)
        evidence[question] = {
            "flag": flags[question],
            "answer": answer.value,
            "confidence": answer.confidence,
            "status": state,
            "overridden_by": (detail or None) if state == "overridden" else None,
            "evidence": [e.to_dict(lang) for e in answer.evidence],
            "conflicting": [e.to_dict(lang) for e in answer.conflicting],
        }
    data["evidence"] = evidence
    data["context"] = [{**e.to_dict(lang), "concurrency": e.existing} for e in inference.context]
    data["scanned"] = {
        "files": inference.files,
        "tests_left_out": inference.tests,
        "skipped": [{"path": p, "reason": r.get(lang)} for p, r in inference.skipped],
    }
    # Where the evidence was weighed from, and what the main path does not reach (issue 19):
    # null when no entry point was found and the whole project counted.
    data["main_path"] = (
        None
        if inference.main_path is None
        else {
            "entry_points": [
                {"where": where, "kind": kind, "name": name or None}
                for where, kind, name in inference.main_path
            ],
            "not_on_main_path": [
                {"where": where, "flags": [flags[q] for q in questions if q in flags]}
                for where, questions in inference.off_path
            ],
        }
    )
    # Missing answers that only size the result (issue 19): the flag and what was assumed.
    data["sizes_only"] = [{"flag": f, "assumed": v} for f, v in inference.sizes_only]
    return data


class WithEvidence(NamedTuple):
    """What `scan --recommend` shows: the recommendation as `recommend` shows it, and the
    evidence behind its inferred answers. *flags* maps question ids to the tree's flags."""

    shown: Shown
    inference: Inference
    flags: Mapping[str, str]


def _untemplated(shown: Shown) -> Shown:
    """The recommendation without its code: the evidence goes between the reasoning and the
    template, not 150 to 250 lines of code further down (review 2026-12)."""
    rec = shown.rec
    return Shown(rec._replace(template=rec.template._replace(code=None)), save_command="")


def plain(value: WithEvidence, stream: IO[str], lang: str) -> None:
    recommendation.plain(_untemplated(value.shown), stream, lang)
    stream.write("\n" + text(value.shown.rec, value.inference, value.flags, ui(lang)))
    stream.write(recommendation.plain_template(value.shown, lang))


def rich(value: WithEvidence, stream: IO[str], lang: str) -> None:
    """The recommendation's panels, then the evidence in a panel of its own."""
    from rich.cells import cell_len
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel

    from advisor.render.rich_text import Text

    recommendation.rich(_untemplated(value.shown), stream, lang)
    body = text(value.shown.rec, value.inference, value.flags, ui(lang)).rstrip("\n")
    heading, _, rest = body.partition("\n")
    # Each line keeps its indent when the panel wraps it (a hanging indent).
    lines: list[Padding | Text] = [
        Padding(Text(line.lstrip()), (0, 0, 0, len(line) - len(line.lstrip())))
        for line in rest.split("\n")
    ]
    # A title is cut at the panel's edge: "(left out 1 test, example, documen" lost what was
    # left out (newcomer review 23, 9). The title says how many files were read; what was
    # left out opens the panel, and in a terminal too narrow for the title, all of it does.
    out = console(stream)
    title = ui(lang)("evidence_heading", files=value.inference.files)
    left_out = heading[len(title) :].strip() if heading.startswith(title) else ""
    if cell_len(title) > out.width - 6 or not heading.startswith(title):
        title, left_out = "", heading
    if left_out:
        lines.insert(0, Text(left_out, style="bold" if not title else "dim"))
    shown = Text(title, style="bold") if title else None
    out.print(Panel(Group(*lines), title=shown, title_align="left"))
    recommendation.rich_template(value.shown, stream, lang)


def markdown(value: WithEvidence, stream: IO[str], lang: str) -> None:
    recommendation.markdown(_untemplated(value.shown), stream, lang)
    body = text(value.shown.rec, value.inference, value.flags, ui(lang)).rstrip("\n")
    heading, _, rest = body.partition("\n")
    stream.write(f"\n## {heading}\n\n```text\n{rest}\n```\n")
    stream.write(recommendation.markdown_template(value.shown, lang))


def as_json(value: WithEvidence, stream: IO[str], lang: str) -> None:
    """`recommend --format json`'s object plus the evidence (schema in the README)."""
    data = to_dict(value.shown.rec, value.inference, value.flags, lang)
    text_ = json.dumps(data, ensure_ascii=not is_utf8(stream), indent=2, sort_keys=True)
    stream.write(text_ + "\n")


FORMATS: dict[str, Callable[[WithEvidence, IO[str], str], None]] = {
    "rich": rich,
    "plain": plain,
    "json": as_json,
    "markdown": markdown,
}
