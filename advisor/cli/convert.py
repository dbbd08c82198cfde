"""`advisor convert PATH... [--diff | --write | --check]`: threads to asyncio, as a codemod.

The default writes nothing: a unified diff on stdout (pipe it to `git apply`), the list of
changes and of what was left as is on stderr. --write replaces the files all or nothing;
--check only says whether anything would change, for CI.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

NAME = "convert"
SUMMARY = "Convert threading code to asyncio (the chapter's patterns): a diff, or in place."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    from advisor.codemod.rules import prefer_choices
    from advisor.render.conversion import FORMATS

    parser.add_argument("paths", nargs="+", metavar="PATH", help=Help("help_convert_paths"))
    mode = parser.add_mutually_exclusive_group()
    helps = {
        "diff": Help("help_convert_diff"),
        "write": Help("help_convert_write"),
        "check": Help("help_convert_check"),
    }
    for flag, text in helps.items():
        mode.add_argument(f"--{flag}", dest="mode", action="store_const", const=flag, help=text)
    parser.add_argument("--target-version", metavar="3.X", help=Help("help_convert_target_version"))
    parser.add_argument("--prefer", choices=prefer_choices(), help=Help("help_convert_prefer"))
    parser.add_argument("--force", action="store_true", help=Help("help_convert_force"))
    common.add_lang(parser)
    common.add_format(parser, FORMATS)


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor.api import convert
    from advisor.cli._progress import Progress
    from advisor.codemod import apply
    from advisor.render import choose_format
    from advisor.render.conversion import FORMATS, render_summary
    from advisor.texts import ui

    mode = args.mode or "diff"
    texts = ui(inv.lang)

    def label(stage: str, done: int, total: int) -> str:
        if stage == "read":
            return texts("convert_progress_read", done=done, total=total)
        return texts("convert_progress_convert", done=done, total=total)

    progress = Progress(inv.stderr, label)
    try:
        result = convert(
            args.paths, target_version=args.target_version, prefer=args.prefer, progress=progress
        )
    finally:
        progress.close()
    fmt = choose_format(args.format, inv.out)
    if mode == "write":
        written = apply.write(result, force=args.force)
        if fmt == "json":
            FORMATS["json"](result, inv.out, inv.lang)
        else:
            render_summary(result, inv.out, inv.lang)
            inv.out.write(texts("convert_written", files=len(written)) + "\n")
    elif mode == "check":
        if fmt == "json":
            FORMATS["json"](result, inv.out, inv.lang)
        else:
            render_summary(result, inv.out, inv.lang)
            if result.changed:
                inv.out.write(texts("convert_would_change", files=len(result.changed)) + "\n")
    else:
        FORMATS[fmt](result, inv.out, inv.lang)
        if fmt == "plain":  # stdout stays a pure diff
            render_summary(result, inv.stderr, inv.lang)
    return int(apply.exit_code(result, check=mode == "check"))
