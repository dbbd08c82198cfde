"""`advisor scan [PATH...]`: find the chapter's pitfalls in your code.

Findings go to stdout in the chosen format; files that could not be read are listed on stderr,
so `--format json > report.json` and `--format plain` piped into an editor stay clean. Exit 1
when findings remain (0 with --exit-zero), 0 when clean, 2 for a usage error.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help
from advisor.errors import ExitCode, ScanError

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

NAME = "scan"
SUMMARY = (
    "Find the chapter's concurrency pitfalls in your code (forgotten await, blocking calls, ...)."
)


def _formats() -> dict[str, object]:
    from advisor.render.findings import FORMATS
    from advisor.render.sarif import FORMATS as SARIF

    return {**FORMATS, **SARIF}


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help=Help("help_scan_paths"))
    parser.add_argument(
        "--select", metavar="CODES", type=_codes, action="extend", help=Help("help_scan_select")
    )
    parser.add_argument(
        "--ignore", metavar="CODES", type=_codes, action="extend", help=Help("help_scan_ignore")
    )
    parser.add_argument(
        "--exclude", metavar="GLOB", action="append", default=[], help=Help("help_scan_exclude")
    )
    parser.add_argument("--statistics", action="store_true", help=Help("help_scan_statistics"))
    parser.add_argument("--exit-zero", action="store_true", help=Help("help_scan_exit_zero"))
    parser.add_argument("--no-cache", action="store_true", help=Help("help_scan_no_cache"))
    parser.add_argument("--cache-dir", metavar="DIR", help=Help("help_scan_cache_dir"))
    parser.add_argument("--verify-cache", action="store_true", help=Help("help_scan_verify_cache"))
    parser.add_argument("--isolated", action="store_true", help=Help("help_scan_isolated"))
    common.add_lang(parser)
    from advisor.cli import _scan_recommend

    _scan_recommend.add_arguments(parser, inv, _formats())  # --recommend, --format, tree flags


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor.api import scan
    from advisor.render import choose_format
    from advisor.render.findings import skipped_lines, statistics

    if getattr(args, "recommend", False):
        from advisor.cli import _scan_recommend

        return _scan_recommend.run(args, inv)
    fmt = choose_format(args.format, inv.out)
    if args.statistics and fmt in ("sarif", "github"):
        # Counts are a table for people (or JSON); a SARIF upload or a workflow log fed a
        # table would break the CI step that reads it. Refused before any file is read.
        raise ScanError(
            f"--statistics cannot be written as --format {fmt}; "
            "use --format plain, rich or json with --statistics",
            key="scan_statistics_format",
            format=fmt,
        )
    result = scan(
        args.paths or ["."],
        select=args.select,
        ignore=args.ignore,
        exclude=args.exclude,
        config=not args.isolated,
        cache=not args.no_cache,
        cache_dir=args.cache_dir,
        trust_stat=not args.verify_cache,
    )
    if args.statistics:
        statistics(result, inv.out, inv.lang, fmt)
    else:
        _formats()[fmt](result, inv.out, inv.lang)  # type: ignore[operator]
    if inv.stderr is not None and fmt not in ("json", "sarif"):
        for line in skipped_lines(result, inv.lang):
            inv.stderr.write(f"advisor: {line}\n")
    if result.findings and not args.exit_zero:
        return ExitCode.FINDINGS
    return ExitCode.OK
