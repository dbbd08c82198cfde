"""`advisor convert` output: unified diffs (plain, or coloured by rich), a summary of every
change and refusal, and JSON listing each change with its rule and conversion pattern.

The plain diff is exactly what `git apply` / `patch -p1` read, so the summary is a separate
renderer the CLI sends to stderr in that mode.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from typing import IO

from advisor.conversion import NOTE_REASONS, ConversionResult, FileConversion
from advisor.quoting import shown
from advisor.repository import repository_root
from advisor.texts import ui


def unified_diff(conversion: FileConversion) -> str:
    """``--- a/path`` / ``+++ b/path`` like git, so `git apply` and `patch -p1` take it."""
    name = diff_path(conversion.path)
    lines = difflib.unified_diff(
        conversion.before.splitlines(keepends=True),
        conversion.after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def diff_path(path: str) -> str:
    """The path a diff names: relative to the current folder when the file is under it, else
    to the root of the git repository holding it (where ``git apply`` runs), else its name.
    Never ``a/../x.py`` or ``a/<absolute path>``, which neither git nor patch applies (#33)."""
    absolute = os.path.abspath(path)
    here = os.getcwd()
    if os.path.commonpath([absolute, here]) == here:
        relative = os.path.relpath(absolute, here)
    else:
        folder = os.path.dirname(absolute)
        relative = os.path.relpath(absolute, repository_root(folder) or folder)
    return relative.replace(os.sep, "/")


def summary_lines(result: ConversionResult, lang: str) -> list[str]:
    """``path:line: CODE message`` per change, then each refusal and note, then one total."""
    texts = ui(lang)
    # Paths escaped: a file named with an escape sequence must not drive the terminal.
    lines = [f"{shown(c.path)}:{c.line}: {c.code} {c.message.get(lang)}" for c in result.changes]
    for r in result.refusals:
        label = (
            texts("convert_note", reason=r.reason)
            if r.reason in NOTE_REASONS
            else texts("convert_left_as_is", reason=r.reason)
        )
        where = f"{shown(r.path)}:{r.line}: " if r.line else f"{shown(r.path)}: " if r.path else ""
        lines.append(f"{where}{label}{texts('label_colon')}{r.message.get(lang)}")
    refused = len({r.path for r in result.refusals if r.reason not in NOTE_REASONS})
    if not result.changes and not result.refusals:
        lines.append(texts("convert_nothing"))
    else:
        target = f"{result.target_version[0]}.{result.target_version[1]}"
        lines.append(
            texts(
                "convert_summary",
                changes=len(result.changes),
                files=len(result.changed),
                refused=refused,
                target=target,
            )
        )
    return lines


def render_summary(result: ConversionResult, stream: IO[str], lang: str) -> None:
    stream.write("".join(f"{line}\n" for line in summary_lines(result, lang)))


def render_diff(result: ConversionResult, stream: IO[str], lang: str) -> None:
    """Only the diff: pipe it to `git apply`."""
    for conversion in result.changed:
        stream.write(unified_diff(conversion))


def render_rich(result: ConversionResult, stream: IO[str], lang: str) -> None:
    """The diff in colour, then the summary, for a terminal."""
    from rich.text import Text

    from advisor.render import console as make_console

    console = make_console(stream)
    styles = {"+": "green", "-": "red", "@": "cyan"}
    for conversion in result.changed:
        for line in unified_diff(conversion).splitlines():
            style = "bold" if line.startswith(("+++", "---")) else styles.get(line[:1], "")
            console.print(Text(shown(line, keep="\t"), style=style))  # --diff stays exact
    for line in summary_lines(result, lang):
        console.print(Text(line, style="dim" if ": " in line else "bold"))


def render_json(result: ConversionResult, stream: IO[str], lang: str) -> None:
    data = result.to_dict(lang)
    for entry, conversion in zip(data["files"], result.files, strict=False):
        entry["diff"] = unified_diff(conversion)
    stream.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


FORMATS: dict[str, Callable[[ConversionResult, IO[str], str], None]] = {
    "plain": render_diff,
    "rich": render_rich,
    "json": render_json,
}
