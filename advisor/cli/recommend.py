"""`advisor recommend`: answers as flags (or a file) in, a recommendation out."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation
    from advisor.models import Recommendation

NAME = "recommend"
SUMMARY = "Recommend a concurrency model from answers given as flags."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    add_recommendation_options(parser)
    common.add_answer_flags(parser, inv, common.load_tree(inv.tree))


def add_recommendation_options(parser: argparse.ArgumentParser) -> None:
    """The options `recommend` and `ask` share, answer flags aside."""
    from advisor.render.recommendation import FORMATS

    common.add_tree(parser)
    common.add_lang(parser)
    common.add_format(parser, FORMATS)
    common.add_output(parser)
    parser.add_argument("--answers", metavar="FILE", action=common.Once, help=Help("help_answers"))


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor import engine
    from advisor.api import with_code
    from advisor.detect import environment_facts

    tree = common.load_tree(args.tree)
    answers = common.gather_answers(tree, args)
    common.check_emit(args.emit, tree, force=args.force)
    rec = engine.recommend(tree, answers, lang=inv.lang, facts=environment_facts())
    rec = with_code(rec, tree_path=args.tree, lang=inv.lang_flag)
    show(rec, args, inv)
    emit(rec, args, inv)
    return ExitCode.OK


def show(rec: Recommendation, args: argparse.Namespace, inv: Invocation) -> None:
    """Print the recommendation the way the flags ask; `--template` and `--emit -` print
    only the code."""
    from advisor.render import choose_format

    if args.template or args.emit == common.STDOUT:
        inv.out.write(rec.template.code or "")
        return
    from advisor import engine, templating
    from advisor.render.recommendation import FORMATS, Shown

    fmt = choose_format(args.format, inv.out)
    save = ""
    if args.emit is None and fmt != "json":  # the JSON has no "save it" line
        command = engine.command_line(rec, tree=args.tree, lang=inv.lang_flag)
        save = f"{command} --emit {templating.filename_for(rec.template.id)}"
    FORMATS[fmt](Shown(rec, save), inv.out, inv.lang)


def emit(rec: Recommendation, args: argparse.Namespace, inv: Invocation) -> None:
    """Write --emit FILE, after the output: a write that fails loses no result."""
    if args.emit is None or args.emit == common.STDOUT:
        return
    from advisor.texts import ui

    texts = ui(inv.lang)
    common.write_file(args.emit, rec.template.code or "", force=args.force, option="--emit")
    path = common.shell_path(args.emit)
    inv.stderr.write(texts("wrote_template", template=rec.template.id, path=path) + "\n")
