"""What a new user met on main (review 16, 2026-12-07, docs/newcomer-review-16.md): each test
drives the installed CLI in a subprocess (or a real terminal where the output is for one) and
checks what they read, in English and zh-TW."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from tests.helpers import ANSI, advisor_command, clean_env, run_advisor, user_env

BLOCKING = "import time\n\n\nasync def f():\n    time.sleep(1)\n"
CLEAN = "import asyncio\n\n\nasync def g():\n    await asyncio.sleep(1)\n"


def _changed_files(tmp_path: Path) -> list[str]:
    """What `git diff --name-only` hands `advisor scan` after an ordinary commit: a Makefile,
    a Dockerfile, a .gitignore, a shell script (inspired by a CI step of that shape)."""
    (tmp_path / "bin").mkdir()
    files = {
        "Makefile": "all:\n\tpython -m app\n",
        "Dockerfile": "FROM python:3.12\nRUN pip install .\n",
        ".gitignore": "build/\n",
        "LICENSE": "MIT License\n\nCopyright (c) 2026\n",
        "bin/release": "#!/bin/sh\nset -e\necho release\n",
        "bin/deploy": "#!/usr/bin/env python3\n" + BLOCKING,
        "app.py": CLEAN,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return list(files)


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_named_files_without_an_extension_that_are_not_python_are_said_as_such(
    tmp_path: Path, lang: str
) -> None:
    """`advisor scan $(git diff --name-only)` reported "cannot parse: line 1: invalid syntax
    (a syntax error ...)" for a Makefile, a Dockerfile and a `#!/bin/sh` script: they are now
    skipped as not Python, as a README.md is; a Python `#!` script is still checked."""
    result = run_advisor(
        "scan",
        "--format",
        "plain",
        *_changed_files(tmp_path),
        env=user_env(tmp_path, lang),
        cwd=tmp_path,
    )
    assert "Traceback" not in result.err
    assert "cannot parse" not in result.err
    assert "無法解析" not in result.err
    # The Python script named with them is checked as before.
    assert "bin/deploy:6:5: ADV101" in result.out
    assert result.code == 1
    for name, what in [
        ("Makefile", "Makefile"),
        ("Dockerfile", "Dockerfile"),
        (".gitignore", ".gitignore"),
        ("LICENSE", "LICENSE"),
        ("bin/release", "#!/bin/sh"),
    ]:
        if lang == "en":
            assert f"advisor: skipped {name}: not a Python file ({what}); name .py files" in (
                result.err
            )
        else:
            assert f"advisor: 已略過 {name}：不是 Python 檔案（{what}）；請指定 .py 檔案" in (
                result.err
            )


def test_a_named_shell_script_alone_is_refused_with_its_reason(tmp_path: Path) -> None:
    """Only a shell script named (an editor's "lint this file"): exit 2 with what it is, the
    same as `advisor scan README.md`; an extensionless file without `#!` is still Python."""
    (tmp_path / "release").write_text("#!/usr/bin/env bash\necho hi\n", encoding="utf-8")
    result = run_advisor("scan", "release", env=user_env(tmp_path), cwd=tmp_path)
    assert result.code == 2
    assert "skipped release: not a Python file (#!/usr/bin/env bash)" in result.err
    (tmp_path / "tool").write_text(BLOCKING, encoding="utf-8")
    plain = run_advisor("scan", "--format", "plain", "tool", env=user_env(tmp_path), cwd=tmp_path)
    assert plain.code == 1
    assert "tool:5:5: ADV101" in plain.out


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_symbolic_link_loop_names_a_fix(tmp_path: Path, lang: str) -> None:
    """A "symbolic link loop" was the one skip reason that said no fix."""
    (tmp_path / "ok.py").write_text(CLEAN, encoding="utf-8")
    os.symlink("a.py", tmp_path / "b.py")
    os.symlink("b.py", tmp_path / "a.py")
    os.symlink("gone.py", tmp_path / "dangling.py")
    result = run_advisor(
        "scan", "--format", "plain", ".", env=user_env(tmp_path, lang), cwd=tmp_path
    )
    assert result.code == 1
    if lang == "en":
        assert "skipped a.py: symbolic link loop; point the link at a real file, remove" in (
            result.err
        )
        assert "skipped dangling.py: broken symbolic link; point the link at a real file" in (
            result.err
        )
        assert "`--exclude`" in result.err
    else:
        assert "已略過 a.py：符號連結形成迴圈；請讓連結指向實際的檔案、刪除它" in result.err
        assert "已略過 dangling.py：符號連結指向不存在的目標；請讓連結指向實際的檔案" in (
            result.err
        )


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.mark.parametrize("lang", ["C.UTF-8", "zh_TW.UTF-8"])
def test_code_lines_fit_a_40_column_terminal(tmp_path: Path, lang: str) -> None:
    """In a 40-column pane each finding's code line was cut to 40 cells plus an 8-cell
    gutter, so every one wrapped into the next line; now none is wider than the terminal."""
    pexpect = pytest.importorskip("pexpect")
    url = "https://example.com/a/very/long/path/" + "x" * 60
    (tmp_path / "app.py").write_text(
        f"import requests\n\n\nasync def f():\n    return requests.get('{url}')\n",
        encoding="utf-8",
    )
    env = clean_env(
        TERM="xterm-256color", LANG=lang, LINES="50", ADVISOR_CACHE_DIR=str(tmp_path / "c")
    )
    command, argv = advisor_command()
    child = pexpect.spawn(
        command,
        [*argv, "scan", "app.py"],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 40),
        cwd=str(tmp_path),
    )
    child.expect(pexpect.EOF)
    text = ANSI.sub("", child.before)
    child.close()
    assert child.exitstatus == 1, text
    code_lines = [line for line in text.split("\n") if "│" in line]
    assert any("requests.get(" in line for line in code_lines), text
    assert all(_cells(line) <= 40 for line in code_lines), code_lines
    assert any(line.rstrip().endswith("…") for line in code_lines), code_lines


@pytest.mark.parametrize("lang", ["C.UTF-8", "zh_TW.UTF-8"])
def test_wrapped_messages_and_fixes_hang_under_themselves(tmp_path: Path, lang: str) -> None:
    """In a 40-column pane a finding's message and its fix went on at column 0, where only
    the `5:5  ADV101` of the next finding tells them apart; now the lines they wrap onto
    start under the message (and under the fix), and still fit the terminal."""
    pexpect = pytest.importorskip("pexpect")
    (tmp_path / "app.py").write_text(
        "import requests\n\n\nasync def f():\n    return requests.get('https://a.example')\n",
        encoding="utf-8",
    )
    env = clean_env(
        TERM="xterm-256color", LANG=lang, LINES="50", ADVISOR_CACHE_DIR=str(tmp_path / "c")
    )
    command, argv = advisor_command()
    child = pexpect.spawn(
        command,
        [*argv, "scan", "app.py"],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 40),
        cwd=str(tmp_path),
    )
    child.expect(pexpect.EOF)
    lines = ANSI.sub("", child.before).split("\n")
    child.close()
    assert child.exitstatus == 1, lines
    start = next(i for i, line in enumerate(lines) if line.startswith("  5:12  ADV101  "))
    caret = next(i for i, line in enumerate(lines) if "│" in line)
    message = lines[start + 1 : caret]
    assert message, lines  # the message needs more than one line at 40 columns
    assert all(line.startswith(" " * 16) and line.strip() for line in message), lines
    fix = next(
        i for i, line in enumerate(lines) if line.startswith(("         fix: ", "         修正："))
    )
    label = 14 if lang == "C.UTF-8" else 9 + 6
    after = [line for line in lines[fix + 1 :] if line.strip()]
    assert after[0].startswith(" " * label), lines  # the fix's second line hangs too
    assert all(_cells(line) <= 40 for line in lines if line.strip()), lines
    joined = " ".join(line.strip() for line in lines)
    if lang == "C.UTF-8":
        assert "blocking call `requests.get` inside `async def` stalls the event loop" in joined
    else:  # Chinese wraps between characters, with no space to put back
        assert "呼叫阻塞式的 `requests.get`" in "".join(line.strip() for line in lines)


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_naming_only_files_that_are_not_python_says_so_not_fix_them(
    tmp_path: Path, lang: str
) -> None:
    """`advisor scan Makefile x.yml` ended "none of the 2 file(s) found could be checked
    (listed above); fix them": nothing there is broken, so it says no file named is Python and
    what to name instead (exit 2, as before)."""
    (tmp_path / "Makefile").write_text("all:\n\techo hi\n", encoding="utf-8")
    (tmp_path / "x.yml").write_text("a: 1\n", encoding="utf-8")
    result = run_advisor("scan", "Makefile", "x.yml", env=user_env(tmp_path, lang), cwd=tmp_path)
    assert result.code == 2
    last = result.err.splitlines()[-1]
    if lang == "en":
        assert last == (
            "advisor: error: nothing was checked: no file named is Python (listed above); "
            "name .py files or notebooks, or a folder to search"
        )
    else:
        assert last == (
            "advisor: error: 沒有檢查任何檔案：指定的檔案都不是 Python（列在上方）；"
            "請指定 .py 檔案或筆記本，或要搜尋的資料夾"
        )
    sarif = run_advisor(
        "scan", "--format", "sarif", "Makefile", env=user_env(tmp_path, lang), cwd=tmp_path
    )
    assert sarif.code == 2
    assert "(first: Makefile)" in sarif.err or "（第一個：Makefile）" in sarif.err


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_one_broken_file_is_named_not_counted(tmp_path: Path, lang: str) -> None:
    """One broken file named (an editor, a pre-commit run on one file) said "none of the 1
    file(s) found could be checked"; it now names the file."""
    (tmp_path / "bad.py").write_text("def f(:\n", encoding="utf-8")
    result = run_advisor("scan", "bad.py", env=user_env(tmp_path, lang), cwd=tmp_path)
    assert result.code == 2
    last = result.err.splitlines()[-1]
    assert "none of the 1" not in last
    if lang == "en":
        assert last == (
            "advisor: error: nothing was checked: bad.py could not be checked (listed above); "
            "fix it, or point `advisor scan` elsewhere"
        )
    else:
        assert last == (
            "advisor: error: 沒有檢查任何檔案：bad.py 無法檢查（列在上方）；"
            "請修正它，或讓 `advisor scan` 指向其他位置"
        )


@pytest.mark.parametrize("fmt", ["plain", "json", "sarif", "github"])
def test_a_changed_readme_beside_clean_python_passes(tmp_path: Path, fmt: str) -> None:
    """`advisor scan README.md app/main.py`, a commit that changed the docs and clean code,
    exited 1 with "1 of 2 file(s) could not be checked" (newcomer review 2026-12, 4): a file
    with no Python code in it is said on every format and not counted as unchecked."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.py").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "README.md").write_text("# app\n", encoding="utf-8")
    result = run_advisor(
        "scan", "--format", fmt, "README.md", "app/main.py",
        env=user_env(tmp_path, "en"), cwd=tmp_path,
    )  # fmt: skip
    assert (result.code, "Traceback" in result.err) == (0, False)
    if fmt == "plain":
        assert result.err.splitlines() == [
            "advisor: skipped README.md: not a Python file (.md); name .py files or folders",
            "advisor: 1 file(s) hold no Python code and were not checked (not counted as "
            "unchecked).",
        ]
    elif fmt == "json":
        payload = json.loads(result.out)
        assert (payload["checked"], payload["unchecked"], payload["skipped"]) == (1, 0, [])
        assert [(n["path"], n["kind"]) for n in payload["not_python"]] == [
            ("README.md", "not_python")
        ]
    elif fmt == "sarif":
        (invocation,) = json.loads(result.out)["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is True
        notes = invocation["toolExecutionNotifications"]
        assert [(n["level"], n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
                for n in notes] == [("note", "README.md")]  # fmt: skip
    else:
        assert result.out.startswith("::notice file=README.md,title=advisor scan::skipped")
    # Only such files named: nothing was checked, and that is still no pass.
    alone = run_advisor(
        "scan", "--format", fmt, "README.md", env=user_env(tmp_path, "en"), cwd=tmp_path
    )
    assert alone.code == 2
    assert "no file named is Python" in alone.err
