"""The command table, the parser built from it, and the one run of a command.

Adding a command is one module under ``advisor/cli/`` (NAME, SUMMARY,
add_arguments, run) and its name in `COMMANDS`. Only the command being run adds
its arguments, so `advisor recommend` never loads what `explain` needs.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from advisor.cli._help import Help, Parser, formatter_for
from advisor.errors import ExitCode, UsageError
from advisor.quoting import quoted

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

#: Module names under advisor.cli, in the order `advisor --help` lists them.
COMMANDS: tuple[str, ...] = (
    "recommend",
    "ask",
    "explain",
    "tree",
    "validate",
    "bench",
    "profile",
    "scan",
    "convert",
    "help",
    "completion",
)

EPILOG = Help("help_exit_codes")
#: `advisor --help` alone also says where more help and shell completion are.
MAIN_EPILOG = Help("help_more", then=EPILOG)


def command(name: str) -> ModuleType:
    """A command's module; each is light to import (heavy imports live inside `run`)."""
    return importlib.import_module(f"advisor.cli.{name}")


def build_parser(inv: Invocation) -> Parser:
    from advisor import __version__

    formatter = formatter_for(inv.lang)
    parser = Parser(
        prog="advisor",
        allow_abbrev=False,
        description=Help("help_description"),
        epilog=MAIN_EPILOG,
        formatter_class=formatter,
    )
    parser.stream = inv.stdout
    parser.add_argument("--version", action="version", version=f"advisor {__version__}")
    parser.add_argument("--debug", action="store_true", help=Help("help_debug"))
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", title=Help("help_commands"), parser_class=Parser
    )
    parser.commands = {}
    for name in _parsed_commands(inv):
        module = command(name)
        summary = Help(f"command_{module.NAME}", english=module.SUMMARY)
        p = sub.add_parser(
            module.NAME,
            allow_abbrev=False,
            help=summary,
            description=summary,
            epilog=EPILOG,
            formatter_class=formatter,
        )
        p.stream = inv.stdout
        p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
        if inv.command == module.NAME:  # only the command being run builds its options
            module.add_arguments(p, inv)
        parser.commands[module.NAME] = p
    return parser


def _parsed_commands(inv: Invocation) -> tuple[str, ...]:
    """The commands that get a parser: only the one being run (each parser, and the import
    of its module, costs start-up time, and `check_command` has already refused a name that
    is not a command), all of them when the top-level help lists them."""
    if inv.command is None:
        return COMMANDS
    before = inv.argv[: inv.argv.index(inv.command)]
    if "--help" in before or "-h" in before:  # `advisor --help recommend`: the list
        return COMMANDS
    return (inv.command,)


def check_command(argv: Sequence[str]) -> None:
    """Catch `advisor --cpu-bound yes` and `advisor recomend` before argparse's generic errors."""
    from advisor.cli._invocation import GLOBAL_OPTIONS

    for arg in argv:
        if arg in COMMANDS or arg in GLOBAL_OPTIONS:
            return
        if arg.startswith("-"):
            # `advisor --lang zh-TW validate x`: the command is there, only too late, so the
            # example moves it to the front; with none, recommend is the likeliest one.
            later = next((a for a in argv if a in COMMANDS or a in GLOBAL_OPTIONS), None)
            words = list(argv)
            if later is not None:
                words.remove(later)
            example = " ".join([later or "recommend", *(quoted(a, quote=False) for a in words[:8])])
            raise UsageError(
                f"{quoted(arg, quote=False)} needs a command before it, e.g. "
                f"`advisor {example}`; see `advisor --help`",
                key="needs_command",
                option=quoted(arg, quote=False),
                example=f"advisor {example}",
            )
        import difflib

        close = difflib.get_close_matches(arg, list(COMMANDS), n=1)
        hint = f"did you mean {quoted(close[0])}? " if close else ""
        raise UsageError(
            f"unknown command {quoted(arg)}; {hint}commands: {', '.join(COMMANDS)}",
            key="unknown_command_close" if close else "unknown_command",
            name=quoted(arg),
            close=quoted(close[0]) if close else "",
            commands=", ".join(COMMANDS),
        )


def run(inv: Invocation) -> int:
    """Parse and run one command; failures are raised, for `main` to show."""
    if inv.stdout is None:
        raise UsageError(
            "standard output is closed; let advisor write it, e.g. to a file with > FILE "
            "or to > /dev/null",
            key="stdout_closed",
        )
    check_command(inv.argv)
    parser = build_parser(inv)
    try:
        args, unknown = parser.parse_known_args(inv.argv)
    except SystemExit as exc:  # argparse exits after --help and --version
        return int(exc.code or 0)
    if unknown:
        parser.commands.get(args.command, parser).reject_unknown(unknown)
    if not args.command:
        parser.print_help()
        return ExitCode.USAGE
    return int(command(args.command).run(args, inv))
