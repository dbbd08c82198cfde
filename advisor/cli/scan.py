"""`advisor scan [PATH...]`: find the chapter's pitfalls in your code.

Findings go to stdout in the chosen format; files that could not be read are listed on stderr,
so `--format json > report.json` and `--format plain` piped into an editor stay clean. Exit 1
when findings remain (0 with --exit-zero), 0 when clean, 2 for a usage error or when nothing
could be checked (no Python file found, or none readable): a CI run that read nothing must not
pass. A file that could not be checked while others were exits 1 as a finding does (ruff's
exit for a syntax error; 0 with --exit-zero). `advisor scan -` reads one file's text from stdin (an editor's buffer), named by
--stdin-filename.
"""

from __future__ import annotations

import argparse
import shlex
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help
from advisor.errors import ExitCode, ScanError

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation
    from advisor.findings import ScanResult

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


def _jobs(value: str | None) -> int | None:
    """``--jobs N``: at most N worker processes (1: all in this one); None, one per usable core.
    A shared CI runner or a pre-commit hook beside other work wants fewer (newcomer review 21)."""
    if value is None:
        return None
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if not 1 <= jobs <= 1024:
        raise ScanError(
            f"--jobs {shlex.quote(value)} is not a number of processes; give a whole number "
            "from 1 (everything in this process) to 1024, such as --jobs 2",
            key="scan_jobs_invalid",
            value=shlex.quote(value),
        )
    return jobs


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
    parser.add_argument("-j", "--jobs", metavar="N", help=Help("help_scan_jobs"))
    parser.add_argument("--stdin-filename", metavar="PATH", help=Help("help_scan_stdin_filename"))
    common.add_lang(parser)
    from advisor.cli import _scan_recommend

    _scan_recommend.add_arguments(parser, inv, _formats())  # --recommend, --format, tree flags


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor.api import scan
    from advisor.render import choose_format
    from advisor.render.findings import (
        not_python_summary,
        skipped_lines,
        statistics,
        templates_summary,
        unchecked_summary,
    )
    from advisor.texts import ui

    texts = ui(inv.lang)
    if any(not glob.strip() for glob in args.exclude):
        # An empty glob matches nothing: the user meant to exclude something and nothing
        # was, in silence (review 2026-12); refused as `--select ""` is.
        raise ScanError(
            '--exclude "" names no path; give a glob such as --exclude "tests/*", or leave it out',
            key="scan_exclude_empty",
        )
    for glob in args.exclude:
        if "\\" in glob:
            # Matched with / on every system, a backslash glob excluded nothing, in silence,
            # though the same glob in [tool.advisor] is refused (newcomer review 21, 6).
            given, fixed = shlex.quote(glob), shlex.quote(glob.replace("\\", "/"))
            raise ScanError(
                f"--exclude {given}: a backslash matches no path (advisor matches paths with / "
                f"on every system); write --exclude {fixed}",
                key="scan_exclude_backslash",
                glob=given,
                fixed=fixed,
            )
    if getattr(args, "recommend", False):
        from advisor.cli import _scan_recommend

        return _scan_recommend.run(args, inv)
    if args.format is not None and args.format not in _formats():
        # markdown, the recommendation's format: `--help` lists it, so not "invalid choice"
        raise ScanError(
            f"--format {args.format} is the format of `advisor scan --recommend`; add "
            f"--recommend, or choose one of {', '.join(_formats())} for the findings",
            key="scan_format_needs_recommend",
            format=args.format,
            formats=", ".join(_formats()),
        )
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
    jobs = _jobs(args.jobs)
    paths = args.paths or ["."]
    _check_folders(args)
    content = _stdin_content(paths, args.stdin_filename, inv)
    if content is not None:
        paths = [args.stdin_filename or "-"]
    result = scan(
        paths,
        select=args.select,
        ignore=args.ignore,
        exclude=args.exclude,
        config=not args.isolated,
        cache=not args.no_cache,
        cache_dir=args.cache_dir,
        trust_stat=not args.verify_cache,
        content=content,
        jobs=jobs,
    )
    if args.statistics:
        statistics(result, inv.out, inv.lang, fmt)
    elif fmt == "rich" and content is not None:
        from advisor.render.findings import rich_format

        # The buffer's lines under its findings, not the saved file's (review 14).
        buffer = content.decode("utf-8", errors="replace")
        rich_format(result, inv.out, inv.lang, given={paths[0]: buffer})
    else:
        _formats()[fmt](result, inv.out, inv.lang)  # type: ignore[operator]
    if inv.stderr is not None and fmt not in ("json", "sarif", "github"):
        for line in skipped_lines(result, inv.lang):
            inv.stderr.write(f"advisor: {line}\n")
        if result.skipped and (fmt != "rich" or args.statistics) and not result.nothing_checked:
            inv.stderr.write(f"advisor: {unchecked_summary(result, inv.lang)}\n")
        if result.templates and (fmt != "rich" or args.statistics):
            inv.stderr.write(f"advisor: {templates_summary(result, inv.lang)}\n")
        if result.not_python and (fmt != "rich" or args.statistics) and result.checked:
            inv.stderr.write(f"advisor: {not_python_summary(result, inv.lang)}\n")
        if result.excluded and not result.checked and not result.nothing_checked:
            inv.stderr.write(f"advisor: {texts('scan_excluded_named', count=result.excluded)}\n")
    if result.nothing_checked:
        raise _nothing_checked(paths, result, listed=fmt not in ("json", "sarif", "github"))
    if args.exit_zero:
        return ExitCode.OK
    # A file that could not be checked fails the run as a finding does (ruff exits 1 on a
    # syntax error, flake8 on E999): `advisor scan broken.py clean.py` exited 0 and a
    # pre-commit hook passed a file nobody had read (review 2026-12). The same files make
    # SARIF's executionSuccessful false and JSON's `unchecked` non-zero.
    if result.findings or result.skipped:
        return ExitCode.FINDINGS
    return ExitCode.OK


def _check_folders(args: argparse.Namespace) -> None:
    """A folder where a file is expected, or a file where a folder is, is said before any
    work: `--cache-dir FILE` silently cached nothing, `--stdin-filename src` named the
    findings of stdin `src:3:5`."""
    import os

    # A folder that is a file, or that cannot be made or written, ran uncached in silence
    # (reviews 2026-12, 14 and 15): asked for by the option or by the variable, it is said.
    if args.cache_dir:
        problem = _cache_folder_problem(args.cache_dir, writable=not args.no_cache)
        if problem == "file":
            raise ScanError(
                f"--cache-dir {args.cache_dir}: a file, not a folder; give a folder (advisor "
                "creates it when missing)",
                key="scan_cache_dir_file",
                path=args.cache_dir,
            )
        if problem == "unwritable":
            raise ScanError(
                f"--cache-dir {args.cache_dir}: advisor cannot create or write that folder; "
                "give a folder you can write, or --no-cache",
                key="scan_cache_dir_unwritable",
                path=args.cache_dir,
            )
    from advisor import cache

    explicit = os.environ.get(cache.ENV, "")
    if explicit and not args.no_cache and not args.cache_dir and cache.cache_dir() is not None:
        problem = _cache_folder_problem(explicit, writable=True)
        if problem == "file":
            raise ScanError(
                f"{cache.ENV}={explicit}: a file, not a folder; point it at a folder (advisor "
                "creates it when missing), or unset it",
                key="scan_cache_env_file",
                variable=cache.ENV,
                path=explicit,
            )
        if problem == "unwritable":
            raise ScanError(
                f"{cache.ENV}={explicit}: advisor cannot create or write that folder; point "
                "it at a folder you can write, or unset it (or give --no-cache)",
                key="scan_cache_env_unwritable",
                variable=cache.ENV,
                path=explicit,
            )
    if args.stdin_filename and os.path.isdir(args.stdin_filename):
        raise ScanError(
            f"--stdin-filename {args.stdin_filename}: a folder; give the name of the file "
            "whose text stdin holds, e.g. --stdin-filename src/app.py",
            key="scan_stdin_filename_folder",
            path=args.stdin_filename,
        )


def _cache_folder_problem(folder: str, *, writable: bool) -> str | None:
    """``"file"`` when *folder* names something that is not a folder, ``"unwritable"`` when
    (asked *writable*) it can neither be made nor have files created in it, else None."""
    import os

    if os.path.exists(folder) and not os.path.isdir(folder):
        return "file"
    if not writable:
        return None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return "unwritable"
    return None if os.access(folder, os.W_OK | os.X_OK) else "unwritable"


def _stdin_content(paths: list[str], name: str | None, inv: Invocation) -> bytes | None:
    """The text of `advisor scan -` (bytes, so a coding cookie still counts), or None when
    no ``-`` was given; ``-`` with other paths, or --stdin-filename without ``-``, is refused."""
    if "-" not in paths:
        if name is not None:
            raise ScanError(
                "--stdin-filename names the text read from stdin; give `-` as the path: "
                "advisor scan - --stdin-filename PATH",
                key="scan_stdin_filename_alone",
            )
        return None
    if len(paths) > 1:
        raise ScanError(
            "`-` (read stdin) cannot be combined with other paths; scan them in another run",
            key="scan_stdin_with_paths",
        )
    if inv.stdin is None:
        raise ScanError(
            "`-` reads the code from stdin, but stdin is closed; pipe the file in: "
            "advisor scan - --stdin-filename app.py < app.py",
            key="scan_stdin_closed",
        )
    isatty = getattr(inv.stdin, "isatty", None)
    if isatty is not None and isatty():
        # Typed at a terminal, `advisor scan -` waited in silence, as if it hung (review
        # 2026-12): say what it waits for, and how to end or pipe it.
        from advisor.texts import ui

        texts = ui(inv.lang)
        inv.stderr.write(f"advisor: {texts('scan_stdin_tty')}\n")
        inv.stderr.flush()
    buffer = getattr(inv.stdin, "buffer", None)
    data = buffer.read() if buffer is not None else inv.stdin.read()
    return data if isinstance(data, bytes) else data.encode("utf-8")


def _nothing_checked(paths: list[str], result: ScanResult, *, listed: bool) -> ScanError:
    """Why the run checked nothing: no file found, or none readable (the first one's reason,
    unless the skipped files were *listed* on stderr just above: said once, not twice)."""
    where = " ".join(paths)
    if not result.skipped and result.not_python:
        # `advisor scan Makefile` said "none of the 1 file(s) found could be checked ...; fix
        # them": nothing there is broken, the files named are not Python (review 16).
        first = result.not_python[0]
        return ScanError(
            "nothing was checked: no file named is Python ("
            + ("listed above" if listed else f"first: {first.path}")
            + "); name .py files or notebooks, or a folder to search",
            key="scan_nothing_python_named_listed" if listed else "scan_nothing_python_named",
            path=first.path,
        )
    if not result.skipped and result.excluded:
        count = str(result.excluded)
        return ScanError(
            f"{where}: all {count} path(s) found are excluded by --exclude or [tool.advisor] "
            "exclude, so nothing was checked; exclude less, or scan another path",
            key="scan_all_excluded",
            paths=where,
            count=count,
        )
    if not result.skipped:
        return ScanError(
            f"{where}: no Python files found; check the path, its .gitignore (the files it "
            "ignores are skipped, as are virtual environments and site-packages), and the "
            "--exclude and [tool.advisor] exclude settings",
            key="scan_no_files",
            paths=where,
        )
    first = result.skipped[0]
    count = str(len(result.skipped))
    if count == "1":
        # "none of the 1 file(s) found" for one file named or one buffer on stdin (review 16).
        return ScanError(
            f"nothing was checked: {first.path} could not be checked ("
            + ("listed above" if listed else first.reason("en"))
            + "); fix it, or point `advisor scan` elsewhere",
            key="scan_nothing_checked_one_listed" if listed else "scan_nothing_checked_one",
            path=first.path,
            reason=first.reason("zh-TW"),
        )
    if listed:
        return ScanError(
            f"nothing was checked: none of the {count} file(s) found could be checked "
            "(listed above); fix them, or point `advisor scan` elsewhere",
            key="scan_nothing_checked_listed",
            count=count,
        )
    return ScanError(
        f"nothing was checked: none of the {count} file(s) found could be checked (first: "
        f"{first.path}: {first.reason('en')}); fix them, or point `advisor scan` elsewhere",
        key="scan_nothing_checked",
        count=count,
        path=first.path,
        reason=first.reason("zh-TW"),
    )
