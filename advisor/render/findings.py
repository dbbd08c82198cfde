"""`advisor scan` findings as text: rich (grouped, with the line and a caret), plain
(``path:line:col: CODE message``, what editors and CI parse), JSON, and GitHub workflow
annotations. SARIF lives in `render.sarif`.

The offending line is read from the file when the report is drawn (findings carry positions, not
text), and is shown only if the file still exists; a changed file costs a wrong caret, not a crash.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from typing import IO, TYPE_CHECKING

from advisor.quoting import shown

if TYPE_CHECKING:
    from rich.console import Console

    from advisor.findings import Finding, ScanResult

MAX_SKIPPED_SHOWN = 20
#: Findings the rich (terminal) report draws, each with its line and caret (four lines or
#: so): a scan of a large legacy tree drew thousands of them, scrolling the summary away
#: (review 2026-12). `plain`, `json` and `sarif` are read by programs and stay complete.
MAX_RICH_FINDINGS = 100
#: Findings `--format github` annotates. GitHub shows a handful of annotations per step and
#: prints every command in the log: 120,000 findings made a 19.5 MB log (newcomer review 16).
#: A closing notice says how many more there are and which formats list them all.
MAX_GITHUB_FINDINGS = 100


def _line(
    finding: Finding,
    cache: dict[tuple[str, int], list[str]],
    given: Mapping[str, str] | None = None,
) -> str | None:
    """The finding's line as the file holds it now (or as *given* holds it: the buffer of
    `advisor scan -`, which the file on disk is not); in a notebook, the cell's line."""
    path, number = finding.path, finding.line
    if (path, finding.cell) not in cache:
        if given is not None and path in given:
            text = given[path]
        else:
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
            except OSError:
                text = ""
        if finding.cell:
            cache[path, finding.cell] = _cell_lines(text, finding.cell)
        else:
            cache[path, 0] = text.splitlines()
    lines = cache[path, finding.cell]
    return lines[number - 1] if 0 < number <= len(lines) else None


def _cell_lines(text: str, cell: int) -> list[str]:
    """The lines of the notebook cell at place *cell* (from 1, markdown counted), as written;
    none when the file is not that notebook any more (a wrong caret is never a crash)."""
    try:
        source = json.loads(text)["cells"][cell - 1]["source"]
    except (ValueError, LookupError, TypeError, RecursionError):
        return []
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        source = "".join(source)
    return source.splitlines() if isinstance(source, str) else []


def with_end(finding: Finding, message: str, lang: str) -> str:
    """*message* with where a chain's blocking call is (`Finding.end`): the finding is at the
    call in the coroutine, and ``handler -> load_token -> open()`` alone does not say which
    file or line ``open()`` is on. One short suffix, so each finding stays one line."""
    end = finding.end
    if not end:
        return message
    from advisor.texts import ui

    texts = ui(lang)
    return message + texts("scan_chain_end", place=end)


def plain(result: ScanResult, stream: IO[str], lang: str) -> None:
    for finding in result.findings:
        cell = f"cell {finding.cell}:" if finding.cell else ""
        where = f"{shown(finding.path)}:{cell}"
        message = shown(with_end(finding, finding.message(lang), lang))
        stream.write(f"{where}{finding.line}:{finding.col}: {finding.code} {message}\n")


def json_format(result: ScanResult, stream: IO[str], lang: str) -> None:
    json.dump(result.to_dict(lang), stream, ensure_ascii=False, indent=2, sort_keys=True)
    stream.write("\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str, workspace: str | None = None) -> str:
    """*path* (as the scan shows it: relative to the current folder, or absolute) relative
    to the repository's root in a GitHub Actions job (``GITHUB_WORKSPACE``), which is where
    GitHub resolves an annotation's ``file=``; a job step run with ``working-directory:`` (a
    monorepo's package) would otherwise annotate no file, silently (review 25, #13). ruff's
    GitHub format does the same. Outside a job, or for a file outside the workspace, the path
    is left as the scan shows it."""
    root = os.environ.get("GITHUB_WORKSPACE") if workspace is None else workspace
    if not root:
        return path
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        return path
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return path
    return relative.replace(os.sep, "/")


def github(result: ScanResult, stream: IO[str], lang: str) -> None:
    """GitHub Actions workflow commands: one annotation per finding, on the file and line
    (`workspace_path`)."""
    from advisor.texts import ui

    texts = ui(lang)
    for finding in result.findings[:MAX_GITHUB_FINDINGS]:
        level = "error" if finding.severity == "error" else "warning"
        message = f"{finding.code} {with_end(finding, finding.message(lang), lang)}"
        if finding.cell:
            # A notebook's file is JSON: its line numbers are not the cell's, so the
            # annotation is on the file, and the message says the cell and the line.
            place = ""
            message = in_cell(finding, message, lang)
        else:
            place = f",line={finding.line},col={finding.col}"
        stream.write(
            f"::{level} file={_escape_property(workspace_path(finding.path))}{place},"
            f"title={_escape_property(finding.code)}::{_escape_data(message)}\n"
        )
    hidden = len(result.findings) - MAX_GITHUB_FINDINGS
    if hidden > 0:
        said = texts("scan_github_more", count=hidden, shown=MAX_GITHUB_FINDINGS)
        stream.write(f"::notice title=advisor scan::{_escape_data(said)}\n")
    for skipped in result.skipped:
        line = texts("scan_skipped", path=skipped.path, reason=skipped.reason(lang))
        at, col = skipped.place
        place = (f",line={at}" if at else "") + (f",col={col}" if at and col else "")
        stream.write(
            f"::warning file={_escape_property(workspace_path(skipped.path))}{place},"
            "title=advisor scan::"
            f"{_escape_data(line)}\n"
        )
    summary = unchecked_summary(result, lang)
    if summary:
        level = "error" if result.nothing_checked else "warning"
        stream.write(f"::{level} title=advisor scan::{_escape_data(summary)}\n")
    for template in result.templates:
        line = texts("scan_template", path=template.path, reason=template.reason(lang))
        stream.write(
            f"::notice file={_escape_property(template.path)},title=advisor scan::"
            f"{_escape_data(line)}\n"
        )
    if result.templates:
        stream.write(
            f"::notice title=advisor scan::{_escape_data(templates_summary(result, lang))}\n"
        )
    for other in result.not_python:
        line = texts("scan_skipped", path=other.path, reason=other.reason(lang))
        stream.write(
            f"::notice file={_escape_property(other.path)},title=advisor scan::"
            f"{_escape_data(line)}\n"
        )


def in_cell(finding: Finding, message: str, lang: str) -> str:
    """*message* prefixed with the notebook cell, line and column of *finding*."""
    from advisor.texts import ui

    texts = ui(lang)
    return str(
        texts(
            "scan_in_cell", cell=finding.cell, line=finding.line, col=finding.col, message=message
        )
    )


def unchecked_summary(result: ScanResult, lang: str) -> str:
    """How many files could not be checked, or why nothing was: one line for every format, so
    a run that read nothing never looks like a clean one."""
    from advisor.texts import ui

    texts = ui(lang)
    if result.skipped:
        # A folder that could not be listed is no file (newcomer review 15): counted apart.
        folders = sum(1 for s in result.skipped if s.folder)
        count = len(result.skipped) - folders
        total = result.checked + count
        if not count:
            return str(texts("scan_unchecked_folders", folders=folders))
        if folders:
            return str(texts("scan_unchecked_both", count=count, total=total, folders=folders))
        return str(texts("scan_unchecked", count=count, total=total))
    if result.nothing_checked and result.excluded:
        return str(texts("scan_all_excluded_summary", count=result.excluded))
    if result.nothing_checked:
        return str(texts("scan_none_found_summary"))
    return ""


def not_parsed_summary(result: ScanResult, lang: str) -> str:
    """How many of the files counted as checked were never parsed (found by walking, no
    rule's words in them): a summary that says "checked" must not hide that their syntax
    was not looked at. Empty when every checked file was parsed."""
    from advisor.texts import ui

    if not result.unparsed:
        return ""
    texts = ui(lang)
    return str(texts("scan_not_parsed", count=result.unparsed, scanned=result.checked))


def not_python_summary(result: ScanResult, lang: str) -> str:
    """How many files hold no Python code (a ``README.md`` named, a notebook in another
    language): said in every format, never counted as files left unchecked."""
    from advisor.texts import ui

    texts = ui(lang)
    if not result.not_python:
        return ""
    return str(texts("scan_not_python", count=len(result.not_python)))


def templates_summary(result: ScanResult, lang: str) -> str:
    """How many files are project templates, not Python source (`lint.jinja`): said in every
    format, apart from the files that could not be checked."""
    from advisor.texts import ui

    if not result.templates:
        return ""
    texts = ui(lang)
    return str(texts("scan_templates", count=len(result.templates)))


TAB_SIZE = 8
ELLIPSIS = "…"


def clip(code: str, index: int, width: int) -> tuple[str, int]:
    """*code* cut to *width* terminal cells around the character at *index*, with "…" where
    it was cut, and the cells before that character: a minified file or a long data line
    printed a 20,000-character snippet per finding (review 2026-12); the caret stays under
    the column, a third of the way in."""
    from rich.cells import cell_len

    if cell_len(code) <= width:
        return code, cell_len(code[:index])
    room = width - 2 * len(ELLIPSIS)
    start = max(0, index - room // 3)
    end = start
    used = 0
    while end < len(code) and used + cell_len(code[end]) <= room:
        used += cell_len(code[end])
        end += 1
    head = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(code) else ""
    return head + code[start:end] + tail, cell_len(head + code[start:index])


def _hanging(console: Console, prefix: str, prefix_cells: int, text: str) -> None:
    """*prefix* (markup, *prefix_cells* wide) then *text* wrapped under itself: in a narrow
    terminal the message and its fix went on at column 0, under the `3:5  ADV102` that is the
    only landmark between findings (new-user review 16). Wrapped by cells, so Chinese lines
    break between characters and fit; a line that fits prints exactly as before."""
    from rich.markup import escape

    from advisor.render.wrapping import wrap

    pad = " " * prefix_cells
    # The terminal's width, with room for ten cells of message at least (`wrap`'s floor): a
    # floor of twenty ran a notebook's `cell 4:6:11  ADV104` findings 3 columns past a
    # 40-column terminal (newcomer review 23, 11).
    width = console.width
    first, *rest = wrap(pad + text, width, indent=pad).split("\n")
    lines = [prefix + escape(first[prefix_cells:]), *(escape(line) for line in rest)]
    console.print("\n".join(lines), soft_wrap=True)


def _paragraph(console: Console, text: str, style: str) -> None:
    """A summary line wrapped by `wrap`'s rules, not rich's: rich broke zh-TW only at its
    spaces ("其中 30 " alone on a line, "：" starting the next) and left a space at the end of
    each English line (newcomer review 23, 10)."""
    from rich.text import Text

    from advisor.render.wrapping import wrap

    console.print(Text(wrap(text, console.width), style=style), soft_wrap=True)


def rich_format(
    result: ScanResult, stream: IO[str], lang: str, *, given: Mapping[str, str] | None = None
) -> None:
    """*given*: path -> text for files whose text is not the one on disk (`scan -`: an
    editor's unsaved buffer drew the saved file's line under its finding, review 14)."""
    from rich.cells import cell_len
    from rich.text import Text

    from advisor import render
    from advisor.texts import ui

    texts = ui(lang)
    console = render.console(stream)
    cache: dict[tuple[str, int], list[str]] = {}
    by_file: dict[str, list[Finding]] = {}
    for finding in result.findings[:MAX_RICH_FINDINGS]:
        by_file.setdefault(finding.path, []).append(finding)
    for path, findings in by_file.items():
        console.print(Text(shown(path), style="bold underline"))
        for finding in findings:
            style = "red" if finding.severity == "error" else "yellow"
            message = finding.message(lang)
            # The fix goes on its own "fix:" line; zh-TW messages join it with a full-width
            # "；", which the ASCII split missed, so they never had one (review 2026-12).
            separator = next((sep for sep in ("; ", "；") if sep in message), ";")
            head, _, fix = message.rpartition(separator)
            cell = f"cell {finding.cell}:" if finding.cell else ""
            place = f"{cell}{finding.line}:{finding.col}"
            _hanging(
                console,
                f"  [dim]{place}[/dim]  [bold {style}]{finding.code}[/]  ",
                len(f"  {place}  {finding.code}  "),
                head or message,
            )
            source = _line(finding, cache, given)
            if source is not None:
                gutter = f"{finding.line:>6} │ "
                raw = source.rstrip()
                # The caret goes under what the reader sees: tabs expanded the same way in the
                # line and in the text before the column, wide (CJK) characters two cells, an
                # escaped control character as long as its escape.
                code = shown(raw, keep="\t").expandtabs(TAB_SIZE)
                before = shown(raw[: finding.col - 1], keep="\t").expandtabs(TAB_SIZE)
                # Cut to the terminal: a floor of 40 cells plus the gutter overflowed a
                # 40-column pane and wrapped every code line (new-user review 16).
                code, at = clip(code, len(before), max(20, console.width - len(gutter)))
                console.print(Text(gutter, style="dim") + Text(code), soft_wrap=True)
                caret = " " * 6 + " │ " + " " * at + "^"
                console.print(Text(caret, style=style))
            if head:
                colon = "：" if lang == "zh-TW" else ": "
                label = f"{texts('scan_fix')}{colon}"
                _hanging(console, f"         [green]{label}[/green]", 9 + cell_len(label), fix)
            if finding.end:
                label = f"{texts('scan_chain_at')}{'：' if lang == 'zh-TW' else ': '}"
                _hanging(console, f"         [dim]{label}[/dim]", 9 + cell_len(label), finding.end)
        console.print()
    files = len({finding.path for finding in result.findings})
    hidden = result.findings[MAX_RICH_FINDINGS:]
    if hidden:
        more = len({finding.path for finding in hidden} - set(by_file))
        said = (
            texts("scan_findings_more", count=len(hidden), files=more, shown=MAX_RICH_FINDINGS)
            if more
            else texts("scan_findings_more_here", count=len(hidden), shown=MAX_RICH_FINDINGS)
        )
        _paragraph(console, said, "yellow")
    if result.findings:
        summary = texts(
            "scan_summary", count=len(result.findings), files=files, scanned=result.checked
        )
        _paragraph(console, summary, "bold")
        _paragraph(console, texts("scan_explain_hint", code=result.findings[0].code), "dim")
    elif result.skipped and not result.nothing_checked:
        # "No problems found" over a run that could not read a file claimed success a line
        # before saying it failed (newcomer review 15): one line says both, in yellow.
        unchecked = unchecked_summary(result, lang)
        partial = texts("scan_clean_partial", scanned=result.checked, unchecked=unchecked)
        _paragraph(console, partial, "bold yellow")
    elif not result.nothing_checked:
        _paragraph(console, texts("scan_clean", scanned=result.checked), "bold green")
    if result.unparsed and not result.nothing_checked:
        _paragraph(console, not_parsed_summary(result, lang), "dim")
    if result.skipped and (result.findings or result.nothing_checked):
        _paragraph(console, unchecked_summary(result, lang), "bold yellow")
    if result.templates:
        _paragraph(console, templates_summary(result, lang), "yellow")
    if result.not_python and not result.nothing_checked:
        _paragraph(console, not_python_summary(result, lang), "yellow")


def statistics(result: ScanResult, stream: IO[str], lang: str, fmt: str) -> None:
    """Counts by rule (``--statistics``), most frequent first."""
    from advisor.rules import get_rule

    rows = result.statistics()
    if fmt == "json":
        # The scan document without the findings, plus the rules' names: the counts of files
        # checked and not checked travel with the numbers, as in every format (issue 17,
        # "never skip silently"); a bare array of counts said nothing of unread files.
        payload = {k: v for k, v in result.to_dict(lang).items() if k != "findings"}
        payload["rules"] = [
            {"code": code, "name": get_rule(code).name, "count": count} for code, count in rows
        ]
        json.dump(payload, stream, ensure_ascii=False, indent=2, sort_keys=True)
        stream.write("\n")
        return
    for code, count in rows:
        stream.write(f"{count:>5}  {code}  {get_rule(code).name}\n")


def skipped_lines(result: ScanResult, lang: str) -> list[str]:
    """One line per skipped file for stderr, bounded however many there are."""
    from advisor.texts import ui

    texts = ui(lang)
    lines = [
        texts("scan_skipped", path=shown(s.path), reason=shown(s.reason(lang)))
        for s in result.skipped[:MAX_SKIPPED_SHOWN]
    ]
    more = len(result.skipped) - MAX_SKIPPED_SHOWN
    if more > 0:
        lines.append(texts("scan_skipped_more", count=more))
    lines.extend(
        texts("scan_template", path=shown(t.path), reason=shown(t.reason(lang)))
        for t in result.templates[:MAX_SKIPPED_SHOWN]
    )
    more = len(result.templates) - MAX_SKIPPED_SHOWN
    if more > 0:
        # Cut as the unreadable files are, and said: 25 templates printed 20 lines, no more.
        lines.append(texts("scan_templates_more", count=more))
    lines.extend(
        texts("scan_skipped", path=shown(s.path), reason=shown(s.reason(lang)))
        for s in result.not_python[:MAX_SKIPPED_SHOWN]
    )
    more = len(result.not_python) - MAX_SKIPPED_SHOWN
    if more > 0:
        lines.append(texts("scan_not_python_more", count=more))
    return lines


FORMATS: dict[str, Callable[[ScanResult, IO[str], str], None]] = {
    "rich": rich_format,
    "plain": plain,
    "json": json_format,
    "github": github,
}
