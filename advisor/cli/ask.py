"""`advisor ask`: the questions on the path, one at a time, then the recommendation.

Every output (--emit, --save-answers, their folders) is checked before the first
question; the result is shown before anything is written, so a write that still
fails at the end costs no answer: the recommendation and the command repeating
it are on the screen.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from advisor.cli import _common as common
from advisor.cli import _recommending as recommending
from advisor.cli._help import Help
from advisor.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation
    from advisor.models import Answer

NAME = "ask"
SUMMARY = "Answer the questions interactively, then see the recommendation."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    recommending.add_options(parser)
    parser.add_argument(
        "--save-answers", metavar="FILE", action=common.Once, help=Help("help_save_answers")
    )
    common.add_answer_flags(parser, inv, common.load_tree(inv.tree))


def _check_outputs(args: argparse.Namespace, tree: Any) -> None:
    common.check_emit(args.emit, tree, force=args.force)
    common.check_code_only(args)
    common.check_target(args.save_answers, force=args.force, option="--save-answers")
    if (
        args.emit is not None
        and args.save_answers is not None
        and _place(args.emit) == _place(args.save_answers)
    ):
        raise UsageError(
            "--emit and --save-answers name the same file; give each its own", key="same_file"
        )


def _place(path: str) -> str:
    """Where *path* would be written: its folder resolved through symlinks (``d/x.py`` and
    ``link-to-d/x.py`` are one file), the name itself not (advisor never writes through a
    symlinked file)."""
    folder, name = os.path.split(os.path.abspath(path))
    return os.path.join(os.path.realpath(folder), name)


def _save_answers_text(path: str, answers: dict[str, Any]) -> str:
    """JSON for a .json file, so `--answers` reads back what `--save-answers` wrote."""
    if path.lower().endswith(".json"):
        import json

        return json.dumps(answers, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    from advisor import yamlio

    return yamlio.dumps(answers)


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor import engine
    from advisor.answers import to_plain
    from advisor.api import with_code
    from advisor.detect import environment_facts
    from advisor.texts import ui

    tree = common.load_tree(args.tree)
    texts = ui(inv.lang)
    facts = environment_facts()
    answers: dict[str, Answer] = common.gather_answers(tree, args)
    _check_outputs(args, tree)

    rec = recommending.ask_and_recommend(tree, answers, facts, inv)
    rec = with_code(rec, tree_path=args.tree, lang=inv.lang_flag, framework=args.framework)
    recommending.framework_note(rec, args, inv)
    repeat = engine.command_line(rec, tree=args.tree, lang=inv.lang_flag)
    recommending.show(rec, args, inv, repeat=repeat)
    try:
        recommending.emit(rec, args, inv)
        if args.save_answers is not None:
            text = _save_answers_text(args.save_answers, to_plain(answers))
            common.write_file(args.save_answers, text, force=args.force, option="--save-answers")
            saved = common.shell_path(args.save_answers)
            inv.stderr.write(texts("saved_answers", path=saved) + "\n")
    finally:
        recommending.repeat_hint(repeat, args, inv)
    return ExitCode.OK
