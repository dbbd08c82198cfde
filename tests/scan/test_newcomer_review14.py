"""What a hostile new user met on main (review 14, 2026-12-06): each test drives the installed
CLI in a subprocess (or a real terminal where the output is for one) and checks what they read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import clean_env, finish, run_advisor, spawn

BROKEN = "def f(:\n  pass\n"
CLEAN = "import asyncio\n\n\nasync def g():\n    await asyncio.sleep(1)\n"
BLOCKING = "import time\n\n\nasync def g():\n    time.sleep(1)\n"


def _env(tmp_path: Path) -> dict[str, str]:
    return clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))


@pytest.mark.parametrize("fmt", ["plain", "json", "sarif", "github"])
def test_a_named_file_that_cannot_be_checked_fails_the_run(tmp_path: Path, fmt: str) -> None:
    """`advisor scan broken.py clean.py` exited 0 (ruff exits 1): a pre-commit hook passed a
    file nobody read. Exit 1, as a finding, in every format; the same run is SARIF's
    executionSuccessful false and JSON's unchecked 1; --exit-zero gives 0."""
    (tmp_path / "broken.py").write_text(BROKEN)
    (tmp_path / "clean.py").write_text(CLEAN)
    env = _env(tmp_path)
    result = run_advisor("scan", "broken.py", "clean.py", "--format", fmt, cwd=tmp_path, env=env)
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert "broken.py" in result.out + result.err
    if fmt == "json":
        assert json.loads(result.out)["unchecked"] == 1
    if fmt == "sarif":
        assert json.loads(result.out)["runs"][0]["invocations"][0]["executionSuccessful"] is False
    zero = run_advisor(
        "scan", "broken.py", "clean.py", "--format", fmt, "--exit-zero", cwd=tmp_path, env=env
    )
    assert zero.code == 0, zero
    alone = run_advisor("scan", "clean.py", "--format", fmt, cwd=tmp_path, env=env)
    assert alone.code == 0, alone


def test_a_file_found_in_a_folder_that_cannot_be_checked_fails_the_run_too(
    tmp_path: Path,
) -> None:
    """The same rule for a file met walking a folder: exit 1 exactly when SARIF says the run
    did not succeed, so the two never disagree."""
    (tmp_path / "broken.py").write_text("import asyncio\nasync def f(:\n")
    (tmp_path / "clean.py").write_text(CLEAN)
    result = run_advisor("scan", ".", "--format", "plain", cwd=tmp_path, env=_env(tmp_path))
    assert result.code == 1, result
    assert result.err.splitlines()[-1] == (
        "advisor: 1 of 2 file(s) could not be checked, so their code was not looked at."
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "1 of 2 file(s) could not be checked"),
        ("zh-TW", "2 個檔案中有 1 個無法檢查"),
    ],
)
def test_the_terminal_report_says_the_file_and_fails(tmp_path: Path, lang: str, said: str) -> None:
    (tmp_path / "broken.py").write_text(BROKEN)
    (tmp_path / "clean.py").write_text(CLEAN)
    child = spawn("scan", "broken.py", "clean.py", "--lang", lang, tmp_path=tmp_path)
    code, text = finish(child)
    assert code == 1, text
    assert said in text
    assert "broken.py" in text


SCRIPT = "#!/usr/bin/env python3\nimport time\n\n\nasync def main():\n    time.sleep(1)\n"


def test_an_extensionless_python_script_in_a_folder_is_checked(tmp_path: Path) -> None:
    """`bin/deploy` with a `#!/usr/bin/env python3` line was passed over in silence when its
    folder was scanned: it is Python, so it is checked; a shell script beside it is not."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "deploy").write_text(SCRIPT)
    (tmp_path / "bin" / "setup").write_text("#!/bin/sh\nsleep 1\n")
    (tmp_path / "LICENSE").write_text("MIT\n")
    (tmp_path / "app.py").write_text(CLEAN)
    result = run_advisor("scan", ".", "--format", "json", cwd=tmp_path, env=_env(tmp_path))
    payload = json.loads(result.out)
    assert result.code == 1, result
    assert [(f["path"], f["code"]) for f in payload["findings"]] == [
        (str(Path("bin", "deploy")), "ADV101")
    ]
    assert payload["checked"] == 2
    assert payload["unchecked"] == 0


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_an_extensionless_fifo_is_never_opened(tmp_path: Path) -> None:
    """Looking for `#!` lines must not open a FIFO (`mkfifo pipe`): with no writer, open()
    blocks forever, and the scan with it."""
    import os

    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "app.py").write_text(CLEAN)
    result = run_advisor("scan", ".", "--format", "plain", cwd=tmp_path, timeout=30)
    assert (result.code, result.out, result.err) == (0, "", "")


def test_an_extensionless_zipapp_is_not_taken_for_a_script(tmp_path: Path) -> None:
    """`python -m zipapp -p "/usr/bin/env python3"` writes a `#!` line then a zip archive: it
    holds no source, so it is not checked (nor called binary data, which would fail the run)."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "__main__.py").write_text("print(1)\n")
    import zipapp

    (tmp_path / "bin").mkdir()
    zipapp.create_archive(
        tmp_path / "src", tmp_path / "bin" / "tool", interpreter="/usr/bin/env python3"
    )
    (tmp_path / "app.py").write_text(CLEAN)
    result = run_advisor("scan", "bin", "app.py", "--format", "json", cwd=tmp_path)
    payload = json.loads(result.out)
    assert (result.code, payload["checked"], payload["unchecked"]) == (0, 1, 0), result


def test_an_extensionless_script_follows_the_excludes(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "deploy").write_text(SCRIPT)
    (tmp_path / "app.py").write_text(CLEAN)
    result = run_advisor(
        "scan", ".", "--exclude", "bin/*", "--format", "json", cwd=tmp_path, env=_env(tmp_path)
    )
    assert result.code == 0, result
    assert json.loads(result.out)["findings"] == []


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "... and 50 more problem(s) not shown here (25 more file(s)): the first 100 are "
            "drawn; --format plain lists every one",
        ),
        ("zh-TW", "……另有 50 個問題未在此顯示（另有 25 個檔案）：只畫出前 100 個"),
    ],
)
def test_the_terminal_report_is_bounded(tmp_path: Path, lang: str, said: str) -> None:
    """150 findings drew 600 lines, scrolling the summary away: the first 100 are drawn,
    then one line says how many more and how to see them all; the summary counts them all."""
    for number in range(75):
        (tmp_path / f"m{number:03}.py").write_text(BLOCKING + "    time.sleep(2)\n")
    child = spawn("scan", ".", "--lang", lang, tmp_path=tmp_path)
    child.timeout = 120
    code, text = finish(child)
    assert code == 1
    flat = " ".join(text.split())
    assert said in flat, text[-2000:]
    assert text.count("^") == 100
    assert ("150" in text.splitlines()[-3]) or ("150" in flat[-400:])


TELEBOT = """import os

import requests
import telebot

bot = telebot.TeleBot(os.environ["TOKEN"])


@bot.message_handler(commands=["weather"])
def weather(message):
    r = requests.get("https://api.example.invalid/weather", timeout=5)
    bot.reply_to(message, r.text)


if __name__ == "__main__":
    bot.infinity_polling()
"""


def test_a_bot_on_a_sync_framework_gets_a_sync_bot_not_a_fastapi_app(tmp_path: Path) -> None:
    """A pyTelegramBotAPI bot polling in plain `def` handlers was handed a FastAPI app: the
    code handed over now has the program's shape, `def` handlers on the bot's own pool."""
    (tmp_path / "bot.py").write_text(TELEBOT)
    env = _env(tmp_path)
    scanned = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=tmp_path, env=env)
    assert scanned.code == 0, scanned.err
    assert json.loads(scanned.out)["template"]["id"] == "service_threads_syncbot"
    code = run_advisor("scan", ".", "--recommend", "--template", cwd=tmp_path, env=env)
    assert "fastapi" not in code.out.lower()
    assert "async def" not in code.out
    assert "num_threads=CONCURRENCY" in code.out
    script = tmp_path / "out" / "bot_app.py"
    script.parent.mkdir()
    script.write_text(code.out)
    ran = subprocess.run(
        [sys.executable, "-W", "error", str(script)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert "pools created: 1, threads left: 0" in ran.stdout, ran.stdout


def test_the_bound_says_when_the_rest_are_in_the_files_shown(tmp_path: Path) -> None:
    """One file with 105 findings: "(0 more file(s))" read as nonsense; it says "above"."""
    (tmp_path / "big.py").write_text(BLOCKING + "    time.sleep(2)\n" * 104)
    code, text = finish(spawn("scan", "big.py", tmp_path=tmp_path))
    assert code == 1
    flat = " ".join(text.split())
    assert "... and 5 more problem(s) in the file(s) above, not shown here" in flat, text[-800:]
    assert "0 more file(s)" not in flat


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "advisor: error: --cache-dir notes.txt/cache: advisor cannot create or write that "
            "folder; give a folder you can write, or --no-cache",
        ),
        (
            "zh-TW",
            "advisor: error: --cache-dir notes.txt/cache：advisor 無法建立或寫入這個資料夾；"
            "請給一個你能寫入的資料夾，或使用 --no-cache",
        ),
    ],
)
def test_a_cache_folder_that_cannot_be_made_is_said(tmp_path: Path, lang: str, said: str) -> None:
    """`--cache-dir` below a file (or a read-only folder) ran uncached in silence."""
    (tmp_path / "notes.txt").write_text("x\n")
    (tmp_path / "app.py").write_text(CLEAN)
    result = run_advisor(
        "scan", "app.py", "--cache-dir", "notes.txt/cache", "--lang", lang,
        cwd=tmp_path, env=_env(tmp_path),
    )  # fmt: skip
    assert (result.code, result.out, result.err) == (2, "", said + "\n")
    uncached = run_advisor(
        "scan", "app.py", "--cache-dir", "notes.txt/cache", "--no-cache", "--format", "plain",
        cwd=tmp_path, env=_env(tmp_path),
    )  # fmt: skip
    assert uncached.code == 0, uncached


def test_a_name_assigned_on_every_line_is_read_in_linear_time(tmp_path: Path) -> None:
    """A generated module assigning one name 100,000 times, piped to `advisor scan -` (an
    editor's buffer) or named with a rule's word in it, took 90 s: each assignment copied the
    name's growing tuple of values. The run is checked as a user sees it (no finding, no
    error), and the cause by a counted fact, not a clock: the name's binding stops keeping
    values at the cap, so no tuple grows with the file."""
    import ast

    from advisor.lint.bindings import _MAX_VALUES, LOCAL
    from advisor.lint.names import Resolver

    code = "import asyncio\n" + "x = 1\n" * 100_000
    (tmp_path / "gen.py").write_text(code)
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "scan", "-", "--stdin-filename", "gen.py",
         "--format", "plain", "--no-cache"],
        input=code, capture_output=True, text=True, timeout=600, check=False,
        env=_env(tmp_path), cwd=tmp_path,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    resolver = Resolver("gen", False, ast.parse("x = 1\n" * (_MAX_VALUES + 50)))
    assert resolver.bindings(resolver.module_scope)["x"] is LOCAL


def test_stdin_over_the_size_limit_is_skipped_as_the_file_is(tmp_path: Path) -> None:
    """6.4 MB piped to `advisor scan -` took 19 s and 3.9 GB of memory, where the same file
    named on the command line is skipped at once as too large: stdin is skipped alike."""
    code = "x = 1\n" * 1_100_000
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "scan", "-", "--stdin-filename", "gen.py",
         "--format", "plain"],
        input=code, capture_output=True, text=True, timeout=60, check=False,
        env=_env(tmp_path), cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        "advisor: skipped gen.py: file too large (6600000 bytes; the limit is 5 MB): usually "
        "generated code, which advisor does not read; leave it out with `--exclude`"
    )


def test_the_terminal_report_of_a_buffer_shows_the_buffers_line(tmp_path: Path) -> None:
    """`advisor scan - --stdin-filename ed.py` in a terminal drew the *saved* ed.py's line 3
    (`print("disk")`) under the buffer's finding: it draws the buffer's."""
    (tmp_path / "ed.py").write_text('x = 1\ny = 2\nprint("disk")\n')
    (tmp_path / "buffer.txt").write_text(BLOCKING)
    child = spawn(
        "scan", "-", "--stdin-filename", "ed.py", tmp_path=tmp_path, redirect="< buffer.txt"
    )
    code, text = finish(child)
    assert code == 1, text
    assert "5 │     time.sleep(1)" in text
    assert "disk" not in text
