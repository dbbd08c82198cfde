"""`advisor validate [FILE]`: every problem of a tree file, each with its line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli._help import Help
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

NAME = "validate"
SUMMARY = "Check a decision tree file and report every problem with its line."
#: The most problem lines printed; the count line says how many more there are.
MAX_PROBLEMS_SHOWN = 50


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    from advisor.cli import _common as common

    parser.add_argument("file", nargs="?", metavar="FILE", help=Help("help_validate_file"))
    common.add_lang(parser)  # its report is translated like every other command's output


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from pathlib import Path

    from advisor.errors import MESSAGE_LIMIT
    from advisor.models import Decision
    from advisor.quoting import one_line
    from advisor.texts import ui
    from advisor.tree import default_tree_path, load_tree, validate

    texts = ui(inv.lang)
    target = Path(args.file) if args.file else default_tree_path()
    problems = validate(target, inv.lang)
    shown = one_line(str(target), MESSAGE_LIMIT)  # the same location prefix as each problem
    if problems:
        # Bounded like scan's skipped files: a generated or corrupted file with forty
        # thousand problems printed forty thousand lines, burying the first ones (the fix
        # that clears the rest, usually) above the scroll-back.
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            inv.stderr.write(f"{problem}\n")
        if len(problems) > MAX_PROBLEMS_SHOWN:
            more = len(problems) - MAX_PROBLEMS_SHOWN
            inv.stderr.write(texts("validate_problems_more", count=more) + "\n")
        inv.stderr.write(texts("validate_problems", path=shown, count=len(problems)) + "\n")
        return ExitCode.USAGE
    tree = load_tree(target)
    leaves = sum(1 for n in tree.nodes.values() if not isinstance(n, Decision))
    inv.out.write(
        texts(
            "validate_ok",
            path=shown,
            questions=len(tree.questions),
            nodes=len(tree.nodes),
            leaves=leaves,
        )
        + "\n"
    )
    return ExitCode.OK
