"""`advisor recommend`: answers as flags (or a file) in, a recommendation out."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli import _recommending as recommending
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

NAME = "recommend"
SUMMARY = "Recommend a concurrency model from answers given as flags."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    recommending.add_options(parser)
    common.add_answer_flags(parser, inv, common.load_tree(inv.tree))


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor import engine
    from advisor.api import with_code
    from advisor.detect import environment_facts

    tree = common.load_tree(args.tree)
    answers = common.gather_answers(tree, args)
    common.check_emit(args.emit, tree, force=args.force)
    common.check_code_only(args)
    rec = engine.recommend(tree, answers, lang=inv.lang, facts=environment_facts(inv.lang))
    rec = with_code(rec, tree_path=args.tree, lang=inv.lang_flag, framework=args.framework)
    recommending.framework_note(rec, args, inv)
    repeat = engine.command_line(rec, tree=args.tree, lang=inv.lang_flag)
    recommending.show(rec, args, inv, repeat=repeat)
    recommending.emit(rec, args, inv)
    return ExitCode.OK
