"""`advisor profile -- COMMAND [ARGS...]`: run the user's program, measure it, and turn the
figures into answers (`--recommend`: into a recommendation).

The program owns stdin, stdout, stderr and the exit code: they pass through untouched, and
the report goes to stderr after it ends (or to `--report FILE`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation
    from advisor.errors import MissingAnswersError
    from advisor.measurement import ProfileReport
    from advisor.models import Answer, Tree

NAME = "profile"
SUMMARY = "Run your program and measure it: CPU, threads, memory, GIL waits, event-loop lag."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    from advisor.render.profile import FORMATS

    common.add_tree(parser)
    common.add_lang(parser)
    common.add_format(parser, FORMATS)
    parser.add_argument("--report", metavar="FILE", help=Help("help_profile_report"))
    parser.add_argument("--force", action="store_true", help=Help("help_profile_force"))
    parser.add_argument("--no-probe", action="store_true", help=Help("help_profile_no_probe"))
    parser.add_argument("--recommend", action="store_true", help=Help("help_profile_recommend"))
    parser.add_argument(
        "--block-ms",
        type=common.bounded(float, 1, 600_000),
        default=100.0,
        metavar="MS",
        help=Help("help_profile_block_ms"),
    )
    common.add_answers(parser)
    common.add_answer_flags(parser, inv, common.load_tree(inv.tree))
    # Not dest="command": the top-level parser keeps the subcommand's name there.
    parser.add_argument(
        "program", metavar="COMMAND", nargs=argparse.REMAINDER, help=Help("help_profile_command")
    )


def _recommend(
    report: ProfileReport,
    tree: Tree,
    given: tuple[dict[str, Answer], ...],
    inv: Invocation,
) -> ProfileReport:
    """Measured answers under the user's (*given*: file, flags); on a terminal, ask what
    was neither measured nor given."""
    from advisor import engine
    from advisor.answers import merge
    from advisor.cli import _recommending as recommending
    from advisor.detect import environment_facts
    from advisor.errors import MissingAnswersError
    from advisor.models import format_answer
    from advisor.profiler.pipeline import measured_answers

    facts = environment_facts(inv.lang)
    gil = report.probe.gil if report.probe is not None else None
    if gil is not None and gil.version:  # the program's interpreter, not advisor's
        from advisor.detect import said_free_threading

        has_switch = tuple(int(p) for p in gil.version.split(".")[:2]) >= (3, 13)
        enabled = gil.enabled_at_end if has_switch else None
        facts["free_threading"] = said_free_threading(gil.version, enabled, inv.lang)
    answers = merge(measured_answers(report, tree, inv.lang), *given)
    if inv.interactive:
        rec = recommending.ask_and_recommend(tree, answers, facts, inv)
    else:
        try:
            rec = engine.recommend(tree, answers, lang=inv.lang, facts=facts)
        except MissingAnswersError as exc:  # the program's exit code stands: a note, no error
            return report._replace(recommend_note=_not_answered(exc, inv))
    # The answers typed at the prompt are kept in the repeat line (newcomer #58).
    # Measured answers count as assumed in the path, but `advisor recommend` cannot measure:
    # the line carries them as flags, so it gives the same recommendation on its own.
    repeat = engine.command_line(rec, tree=inv.tree, lang=inv.lang_flag)
    words = repeat.split()
    for qid, measured in sorted(report.answers.items()):
        question = tree.questions.get(qid)
        if question is not None and question.flag not in words:
            value = engine.shell_quote(format_answer(measured.value))
            repeat += f" {question.flag} {value}"
    return report._replace(recommendation=rec, repeat=repeat)


def _not_answered(exc: MissingAnswersError, inv: Invocation) -> str:
    """Why there is no recommendation, in the user's language, naming the command that
    takes the missing answers (`advisor profile --recommend`, not `advisor ask`: #45)."""
    from advisor.cli._recommending import still_needed
    from advisor.texts import ui

    texts = ui(inv.lang)
    space = "" if inv.lang == "zh-TW" else " "  # full-width brackets need no space
    return f"{texts('profile_not_answered')}{space}{still_needed(exc, texts)}"


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor.profiler.pipeline import run_profile
    from advisor.render import choose_format
    from advisor.render.profile import FORMATS

    command = list(args.program)
    if command[:1] == ["--"]:
        command = command[1:]
    tree = common.load_tree(args.tree) if args.recommend else None
    # The user's answers are read before the program runs: a bad one costs no run.
    given = common.answer_layers(tree, args) if tree is not None else ()
    if args.report is not None and not args.report.strip():  # a report, not a .py (#40)
        from advisor.errors import OutputError

        raise OutputError(
            "--report needs a file name, e.g. --report profile.txt, or - for stdout",
            key="profile_report_name",
        )
    if args.report not in (None, "-"):  # `--report -`: stdout, asked for (newcomer #40)
        common.check_target(args.report, force=args.force, option="--report")
    report = run_profile(command, probe=not args.no_probe, block_ms=args.block_ms)
    if tree is not None:
        report = _recommend(report, tree, given, inv)
    if args.report is None:
        FORMATS[choose_format(args.format, inv.stderr)](report, inv.stderr, inv.lang)
    elif args.report == "-":
        FORMATS[args.format or "plain"](report, inv.stdout or inv.stderr, inv.lang)
    else:
        import io

        buffer = io.StringIO()
        FORMATS[args.format or "plain"](report, buffer, inv.lang)
        common.write_file(args.report, buffer.getvalue(), force=args.force, option="--report")
    if report.recommend_note and report.exit_code == 0:
        from advisor.errors import ExitCode

        # Answers still needed: no recommendation, exit 2 as `scan --recommend` and
        # `recommend` do (newcomer review 25, #21). A program that failed keeps its own code.
        return ExitCode.USAGE
    return report.exit_code
