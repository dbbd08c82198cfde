"""`advisor ask`: the questions on the path, one at a time, then the recommendation.

Every output (--emit, --save-answers, their folders) is checked before the first
question; the result is shown before anything is written, so a write that still
fails at the end costs no answer: the recommendation and the command repeating
it are on the screen.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, TextIO, cast

from advisor.cli import _common as common
from advisor.cli import recommend
from advisor.cli._help import Help
from advisor.errors import ExitCode, MissingAnswersError, UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from advisor.cli._invocation import Invocation
    from advisor.models import Answer, Fact, Recommendation, Tree

NAME = "ask"
SUMMARY = "Answer the questions interactively, then see the recommendation."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    recommend.add_recommendation_options(parser)
    parser.add_argument(
        "--save-answers", metavar="FILE", action=common.Once, help=Help("help_save_answers")
    )
    common.add_answer_flags(parser, inv, common.load_tree(inv.tree))


def _check_outputs(args: argparse.Namespace, tree: Any) -> None:
    common.check_emit(args.emit, tree, force=args.force)
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


def _has_fd(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


@contextlib.contextmanager
def _prompt_io(inv: Invocation) -> Iterator[dict[str, Any]]:
    """prompt_toolkit input and output on the run's own streams. The questions go to the
    terminal: stdout, or stderr with `advisor ask > rec.md`. Streams without a file
    descriptor (an embedding program, the tests) are read whole through a pipe input."""
    screen = inv.stdout if inv.stdout is not None and inv.stdout.isatty() else inv.stderr
    if _has_fd(inv.stdin) and _has_fd(screen):
        from prompt_toolkit.input import create_input
        from prompt_toolkit.output import create_output

        yield {
            "input": create_input(cast("TextIO", inv.stdin)),
            "output": create_output(stdout=cast("TextIO", screen)),
        }
        return
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    assert inv.stdin is not None
    with create_pipe_input() as pipe:
        pipe.send_text(inv.stdin.read())
        pipe.close()  # input ends with the text: a prompt left waiting aborts, never hangs
        yield {"input": pipe, "output": DummyOutput()}


def _save_answers_text(path: str, answers: dict[str, Any]) -> str:
    """JSON for a .json file, so `--answers` reads back what `--save-answers` wrote."""
    if path.lower().endswith(".json"):
        import json

        return json.dumps(answers, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    from advisor import yamlio

    return yamlio.dumps(answers)


def ask_and_recommend(
    tree: Tree,
    answers: dict[str, Answer],
    facts: Mapping[str, Fact],
    inv: Invocation,
    *,
    no_terminal: str = "ask",
) -> Recommendation:
    """On a terminal, ask every question on the path nobody answered (into *answers*), then
    recommend; without one, recommend from what there is, or name the flags still needed
    after the words of *no_terminal* ("ask" or "scan"). `scan --recommend` asks through this too, after the code
    answered what it could."""
    from advisor import engine
    from advisor.models import Answer, Source
    from advisor.texts import ui

    texts = ui(inv.lang)
    if inv.interactive and engine.next_question(tree, answers, facts) is not None:
        from advisor.prompt import ask_question

        with _prompt_io(inv) as prompt_io:
            while (question := engine.next_question(tree, answers, facts)) is not None:
                fact = facts.get(question.detect or "")
                value = ask_question(question, inv.lang, texts, fact=fact, **prompt_io)
                answers[question.id] = Answer(value, Source.PROMPT, "prompt")
    try:
        return engine.recommend(tree, answers, lang=inv.lang, facts=facts)
    except MissingAnswersError as exc:  # only without a terminal: the loop above asks all
        still = ", ".join(exc.flags)
        maybe = ", ".join(q.flag for q in exc.maybe)
        needed = (
            texts("still_needed_more", flags=still, maybe=maybe)
            if maybe
            else texts("still_needed", flags=still)
        )
        lead = texts("scan_not_answered") if no_terminal == "scan" else texts("not_a_terminal")
        raise UsageError(f"{lead} {needed}", key=None) from exc  # already in inv.lang


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

    rec = ask_and_recommend(tree, answers, facts, inv)
    rec = with_code(rec, tree_path=args.tree, lang=inv.lang_flag)
    recommend.show(rec, args, inv)
    repeat = engine.command_line(rec, tree=args.tree, lang=inv.lang_flag)
    try:
        recommend.emit(rec, args, inv)
        if args.save_answers is not None:
            text = _save_answers_text(args.save_answers, to_plain(answers))
            common.write_file(args.save_answers, text, force=args.force, option="--save-answers")
            saved = common.shell_path(args.save_answers)
            inv.stderr.write(texts("saved_answers", path=saved) + "\n")
    finally:
        if not args.template:
            # On the screen next to the result; never inside a redirected file or JSON.
            on_screen = inv.out.isatty() and args.format != "json"
            hint = inv.out if on_screen else inv.stderr
            hint.write(texts("repeat_hint", command=repeat) + "\n")
    return ExitCode.OK
