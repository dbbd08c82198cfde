"""`advisor help [COMMAND]`: the same text as `advisor [COMMAND] --help` (newcomer #60).

People type `advisor help scan` as they type `git help commit`; refusing it as an
unknown command, while `--help` works, is a door shut for no reason. The text is the
parser's own help, in the run's language and for the run's --tree, so the two can never
differ.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

NAME = "help"
SUMMARY = "Show the help of advisor or of one command (the same as --help)."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    parser.add_argument("topic", metavar="COMMAND", nargs="?", help=Help("help_help_topic"))
    common.add_lang(parser)
    common.add_tree(parser)


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor.cli import _app

    argv: tuple[str, ...] = ("--help",)
    if args.topic is not None:
        _app.check_command([args.topic])  # `advisor help scna`: did you mean scan?
        argv = (args.topic, "--help")
    return _app.run(inv._replace(command=args.topic, argv=argv))
