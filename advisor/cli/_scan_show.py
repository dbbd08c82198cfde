"""`scan --recommend`, the result shown: as `recommend` shows it, inside an Evidence section.

The template filled in with the framework the code is built on, and the one-line `advisor
recommend ...` that repeats the result with the inferred answers written out as flags (the next
run may not have the code at hand). Apart from `_scan_recommend`'s flow so that what is shown
can be read without the refusals and the settling around it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli import _recommending as recommending

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation
    from advisor.inference import Inference
    from advisor.models import Recommendation


def _as_given(rec: Recommendation, sized: frozenset[str] = frozenset()) -> Recommendation:
    """The recommendation with inferred answers counted as given: they belong in the
    command that repeats the result, since the next run may not have the code at hand. So do
    the values assumed for the *sized* flags (answers that only size the result): `advisor
    recommend` has no code to settle them and would exit 2 without them (review 2026-12)."""
    path = tuple(
        s._replace(assumed=False) if s.source == "inferred" or s.flag in sized else s
        for s in rec.path
    )
    return rec._replace(path=path)


def _frameworks(inference: Inference) -> tuple[str, ...]:
    """The frameworks the code is built on, as the evidence for `--program service` or
    `--program gui` names them (Flask, FastAPI, WSGI server..., tkinter, PyQt): a template may
    have a form for one (a Qt program's window is not Tk's, newcomer review 25)."""
    from advisor.evidence.tables import tables

    answer = inference.questions.get("program")
    if answer is None:
        return ()
    if answer.value == "gui":
        guis = tables().guis
        return tuple(dict.fromkeys(e.signal for e in answer.evidence if e.signal in guis))
    if answer.value != "service":
        return ()
    serves = tables().serves | tables().task_queues
    return tuple(dict.fromkeys(e.signal for e in answer.evidence if e.signal in serves))


def _built_on(inference: Inference) -> tuple[str, ...]:
    """Every framework the evidence for the inferred `--program` names, those that run per
    interaction (Streamlit, Gradio) and task queues included: the note on a generic template."""
    from advisor.evidence.tables import tables

    answer = inference.questions.get("program")
    if answer is None:
        return ()
    kinds = tables().program_of
    return tuple(
        dict.fromkeys(e.signal for e in answer.evidence if kinds.get(e.signal) == answer.value)
    )


def generic_note(
    rec: Recommendation, inference: Inference, args: argparse.Namespace, inv: Invocation
) -> None:
    """One line on stderr when the code is built on a framework the template has no form for
    and is not written for (`--framework` says so itself, `recommending.framework_note`)."""
    from advisor import templating
    from advisor.texts import ui

    if getattr(args, "framework", None) is not None or rec.template.framework is not None:
        return
    names = templating.unformed(rec.template.id, _built_on(inference))
    if names:
        note = ui(inv.lang)("framework_no_form", framework=names[0], template=rec.template.id)
        inv.stderr.write(note + "\n")


def _with_code(
    rec: Recommendation,
    args: argparse.Namespace,
    inv: Invocation,
    sized: frozenset[str] = frozenset(),
    *,
    frameworks: tuple[str, ...] = (),
) -> tuple[Recommendation, str]:
    """The template filled in, its "Repeat:" header naming the inferred answers too, and
    the framework that chose its form (`--framework`, else the one the code is built on)."""
    from advisor import engine
    from advisor.api import with_code

    given = _as_given(rec, sized)
    framework = getattr(args, "framework", None)
    coded = with_code(
        given, tree_path=args.tree, lang=inv.lang_flag, frameworks=frameworks, framework=framework
    )
    given = given._replace(template=given.template._replace(framework=coded.template.framework))
    repeat = engine.command_line(given, tree=args.tree, lang=inv.lang_flag)
    return rec._replace(template=coded.template), repeat


def _show(
    rec: Recommendation,
    inference: Inference,
    repeat: str,
    args: argparse.Namespace,
    inv: Invocation,
) -> None:
    """As `recommend` shows it, inside an Evidence section: what the code said, per flag."""
    from advisor.render.evidence import FORMATS, WithEvidence

    tree = common.load_tree(args.tree)
    flags = {q.id: q.flag for q in tree.questions.values()}
    recommending.show(
        rec,
        args,
        inv,
        repeat=repeat,
        formats=FORMATS,
        wrap=lambda shown: WithEvidence(shown, inference, flags),
    )
