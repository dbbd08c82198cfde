"""`advisor completion bash|zsh|fish`: a shell completion script (newcomer #60).

Generated from the command table and each command's own parser, tree flags included, so
a new command or option completes without anyone editing a script; no dependency (such
as argcomplete) and no advisor run at each Tab: the script is plain shell.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

NAME = "completion"
SUMMARY = "Print a shell completion script for bash, zsh or fish."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    from advisor.cli._completion import SHELLS

    # The metavar is what the usage line shows, spelled out so a missing or wrong shell is
    # named that way too ("required: {bash,zsh,fish}"), not by its dest, "shell".
    shells = "{" + ",".join(SHELLS) + "}"
    parser.add_argument(
        "shell", choices=tuple(SHELLS), metavar=shells, help=Help("help_completion_shell")
    )
    common.add_lang(parser)
    common.add_tree(parser)


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor.cli._completion import SHELLS, commands

    inv.out.write(SHELLS[args.shell](commands(inv)))
    return ExitCode.OK
