"""The newcomer review's `scan` defects re-checked with the variants a hostile user tries next
(deep brackets, long chains, UTF-16 files, unreadable settings, everything excluded, ...),
each through the installed CLI: one clear line, the documented exit code.

Fixtures are minimal files written here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.helpers import run_advisor

BLOCKING = "import time\n\n\nasync def f():\n    time.sleep(1)\n"


def test_code_deeper_than_any_python_is_skipped_not_a_crash(tmp_path: Path) -> None:
    """2,000 nested brackets went to libcst (the newer-syntax reader), whose native parser
    overflowed its stack: the scan died with a segmentation fault (exit 139). A 5,000-link
    chain beside a syntax error took libcst a minute. Both are skipped with CPython's error."""
    (tmp_path / "deep.py").write_text(
        "import asyncio\n\n\nasync def f():\n    x = " + "(" * 2000 + "1" + ")" * 2000 + "\n"
    )
    (tmp_path / "chain.py").write_text(
        "import asyncio\n\n\nasync def f():\n    x = a" + ".b" * 5000 + "\n\n\ndef g(:\n    pass\n"
    )
    (tmp_path / "ok.py").write_text(BLOCKING)
    for lang, words in (("en", "cannot parse"), ("zh-TW", "無法解析")):
        result = run_advisor("scan", "--no-cache", "--lang", lang, ".", cwd=tmp_path)
        assert result.code == 1, result.err  # ok.py's finding; nothing crashed
        assert "ok.py:5:5: ADV101" in result.out
        lines = result.err.splitlines()
        assert len(lines) == 3, lines  # two skipped files, one summary
        assert "chain.py" in lines[0]
        assert "deep.py" in lines[1]
        assert all(words in line for line in lines[:2])
        assert "Traceback" not in result.err


def test_a_utf16_file_is_skipped_with_why_not_passed_as_checked(tmp_path: Path) -> None:
    """PowerShell's `>` writes UTF-16: `async` is then spelt with NUL bytes between its
    letters, no rule's word matched, and the file passed as checked (exit 0, "No problems")."""
    (tmp_path / "app.py").write_text(BLOCKING, encoding="utf-16")
    for lang, words in (("en", "UTF-16 text"), ("zh-TW", "UTF-16 文字")):
        result = run_advisor("scan", "--lang", lang, "app.py", cwd=tmp_path)
        assert result.code == 2, result.out
        assert words in result.err.splitlines()[0]
        assert "app.py" in result.err.splitlines()[0]
    result = run_advisor("scan", "--format", "sarif", "app.py", cwd=tmp_path)
    assert result.code == 2
    assert '"executionSuccessful": false' in result.out


def test_excludes_that_leave_nothing_of_a_folder_are_refused(tmp_path: Path) -> None:
    """`exclude = ["*"]` made `advisor scan` check nothing and exit 0 (SARIF successful),
    while `ignore = ["ADV"]` is refused for that very reason (newcomer #50's neighbour).
    Files named on the command line and excluded stay a pass: pre-commit names them."""
    (tmp_path / "app.py").write_text(BLOCKING)
    (tmp_path / "pyproject.toml").write_text('[tool.advisor]\nexclude = ["*"]\n')
    for lang, words in (("en", "all 1 path(s) found are excluded"), ("zh-TW", "全都被")):
        result = run_advisor("scan", "--lang", lang, cwd=tmp_path)
        assert (result.code, result.out) == (2, "")
        assert result.err.startswith("advisor: error: .")
        assert result.err.count("\n") == 1, result.err
        assert words in result.err
    github = run_advisor("scan", "--format", "github", cwd=tmp_path)
    assert github.code == 2
    assert "::error title=advisor scan::All 1 path(s) found are excluded" in github.out
    named = run_advisor("scan", "app.py", cwd=tmp_path)
    assert (named.code, named.out) == (0, "")
    (tmp_path / "pyproject.toml").unlink()
    (tmp_path / "app.py").unlink()
    empty = run_advisor("scan", "--format", "github", cwd=tmp_path)
    assert empty.code == 2
    assert (
        empty.out
        == "::error title=advisor scan::No Python file was found, so nothing was checked.\n"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/mem")
def test_an_unreadable_pyproject_is_refused_not_passed_over(tmp_path: Path) -> None:
    """A pyproject.toml that cannot be read (mode 000 for another user, an I/O error) was
    passed over in silence: the scan ran with rules nobody chose. /proc/self/mem fails
    every read with EIO, also for root, which reads any mode."""
    (tmp_path / "app.py").write_text(BLOCKING)
    pyproject = tmp_path / "pyproject.toml"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        pyproject.write_text('[tool.advisor]\nignore = ["ADV101"]\n')
        pyproject.chmod(0)
    else:
        pyproject.symlink_to("/proc/self/mem")
    for lang, words in (
        ("en", "make it readable, or scan with --isolated"),
        ("zh-TW", "--isolated 掃描"),
    ):
        result = run_advisor("scan", "--lang", lang, "app.py", cwd=tmp_path)
        assert (result.code, result.out) == (2, "")
        assert result.err.startswith(f"advisor: error: {pyproject}: ")
        assert result.err.count("\n") == 1, result.err
        assert words in result.err
    assert run_advisor("scan", "--isolated", "app.py", cwd=tmp_path).code == 1


def test_select_and_ignore_of_one_file_are_named_once(tmp_path: Path) -> None:
    """`select = ["ADV101"]` with `ignore = ["ADV101"]` said "<path>: [tool.advisor] select
    and <path>: [tool.advisor] ignore: ...", and "and" stayed English in the zh-TW line
    (newcomer #38's garbling, one step on)."""
    (tmp_path / "app.py").write_text(BLOCKING)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.advisor]\nselect = ["ADV101"]\nignore = ["ADV101"]\n')
    for lang, words in (
        ("en", "select and ignore: no rule is left"),
        ("zh-TW", "select 與 ignore 合起來"),
    ):
        result = run_advisor("scan", "--lang", lang, "app.py", cwd=tmp_path)
        assert (result.code, result.out) == (2, "")
        assert result.err.count(str(pyproject)) == 1, result.err
        assert words in result.err


def test_an_unreadable_entry_point_is_not_called_a_library(tmp_path: Path) -> None:
    """A package whose `__main__.py` has a syntax error was "a library (no ... __main__.py
    ...)", one line after "the entry point pkg/__main__.py could not be read" (issue 19,
    cause 9: unreadable entry points said out loud)."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "net.py").write_text(
        "import requests\n\n\ndef get(u):\n    return requests.get(u)\n"
    )
    (package / "__main__.py").write_text('from pkg.net import get\nif True\n    get("x")\n')
    flags = ("--cpu-bound", "no", "--concurrency", "5", "--shared-memory", "no")
    for lang, words in (
        ("en", "cannot tell a program from a library"),
        ("zh-TW", "無法分辨這是程式還是函式庫"),
    ):
        result = run_advisor("scan", "--recommend", *flags, "--lang", lang, ".", cwd=tmp_path)
        assert (result.code, result.out) == (2, "")
        assert result.err.count("\n") == 1, result.err
        assert words in result.err
        assert "pkg/__main__.py" in result.err
        assert "--application" in result.err
    insisted = run_advisor("scan", "--recommend", *flags, "--application", ".", cwd=tmp_path)
    assert insisted.code == 0, insisted.err
    assert "the entry point pkg/__main__.py could not be read" in insisted.err


def test_scan_recommend_of_stdin_says_it_reads_a_project(tmp_path: Path) -> None:
    """`advisor scan --recommend -` said "-: no such file or folder"."""
    for lang, words in (
        ("en", "works with `advisor scan`, not with --recommend"),
        ("zh-TW", "不能搭配 --recommend"),
    ):
        result = run_advisor("scan", "--recommend", "-", "--lang", lang, cwd=tmp_path)
        assert (result.code, result.out) == (2, "")
        assert result.err.count("\n") == 1, result.err
        assert words in result.err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_file_under_a_linked_folder_is_reported_under_its_real_name(tmp_path: Path) -> None:
    """Newcomer #20 was fixed for a linked file; a linked folder that sorts before the real
    one (`lnk -> real`) still named the finding `lnk/zzz.py`, and `real/zzz.py` vanished."""
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "zzz.py").write_text(BLOCKING)
    (tmp_path / "lnk").symlink_to("real", target_is_directory=True)
    for args in ((), ("lnk", ".")):
        result = run_advisor("scan", "--no-cache", *args, cwd=tmp_path)
        assert result.code == 1, result.err
        assert [line.split(":")[0] for line in result.out.splitlines()] == ["real/zzz.py"]
    named = run_advisor("scan", "lnk", cwd=tmp_path)  # the link alone: the name given
    assert [line.split(":")[0] for line in named.out.splitlines()] == ["lnk/zzz.py"]


def test_a_file_where_a_folder_is_expected_and_back_is_one_line(tmp_path: Path) -> None:
    """`--cache-dir FILE` cached nothing in silence, `--stdin-filename FOLDER` named the
    findings `src:3:5`, and `app.py/` was "no such file or folder" though app.py exists."""
    (tmp_path / "app.py").write_text(BLOCKING)
    (tmp_path / "src").mkdir()
    cases = (
        (("--cache-dir", "app.py", "app.py"), "a file, not a folder", "這是檔案，不是資料夾"),
        (("-", "--stdin-filename", "src"), "a folder; give the name", "這是資料夾"),
        (("app.py/",), "app.py is a file, not a folder", "app.py 是檔案"),
    )
    for args, english, chinese in cases:
        for lang, words in (("en", english), ("zh-TW", chinese)):
            result = run_advisor("scan", *args, "--lang", lang, cwd=tmp_path)
            assert (result.code, result.out) == (2, ""), args
            assert result.err.count("\n") == 1, result.err
            assert words in result.err
    assert (tmp_path / "app.py").read_text() == BLOCKING  # nothing written over
