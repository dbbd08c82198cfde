"""What a new user met on main (review 16's open items and round 17, 2026-12-07,
docs/newcomer-review-16.md): each test drives the installed CLI in a subprocess (or a real
terminal where the width matters) and checks what they read, in English and zh-TW."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ANSI, advisor_command, clean_env, run_advisor, user_env

BLOCKING = "import time\n\n\nasync def f():\n    time.sleep(1)\n"
#: A notebook whose kernel is R (inspired by an `e_r.ipynb` beside Python notebooks).
R_NOTEBOOK = {
    "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": ["x <- 1\n"]}],
    "metadata": {"kernelspec": {"language": "R", "name": "ir"}, "language_info": {"name": "R"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_github_annotations_are_bounded_with_a_closing_notice(tmp_path: Path, lang: str) -> None:
    """120,000 findings printed 120,000 `::error` lines (19.5 MB) of which GitHub shows a
    handful per step: now the first 100, then a notice of how many more and where they are."""
    (tmp_path / "app.py").write_text(
        "import time\n\n\nasync def f():\n" + "    time.sleep(1)\n" * 150, encoding="utf-8"
    )
    result = run_advisor(
        "scan", "--format", "github", "app.py", env=user_env(tmp_path, lang), cwd=tmp_path
    )
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    annotations = [line for line in lines if line.startswith(("::error file=", "::warning file="))]
    assert len(annotations) == 100
    notice = lines[-1]
    assert notice.startswith("::notice title=advisor scan::")
    if lang == "en":
        assert "50 more problem(s) not annotated" in notice
        assert "--format sarif" in notice
        assert "--format json" in notice
    else:
        assert "另有 50 個問題未加註解" in notice
        assert "--format sarif" in notice
        assert "--format json" in notice
    # The complete formats still list every one.
    full = run_advisor(
        "scan", "--format", "json", "app.py", env=user_env(tmp_path, lang), cwd=tmp_path
    )
    assert len(json.loads(full.out)["findings"]) == 150


def test_github_annotations_under_the_bound_have_no_notice(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(BLOCKING, encoding="utf-8")
    result = run_advisor(
        "scan", "--format", "github", "app.py", env=user_env(tmp_path), cwd=tmp_path
    )
    assert result.out.startswith("::error file=app.py,line=5"), result.out
    assert "not annotated" not in result.out


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_recommend_on_files_that_are_not_python_says_what_to_name(
    tmp_path: Path, lang: str
) -> None:
    """`scan --recommend e_r.ipynb` said "cannot read: a notebook in R, not Python; fix it":
    nothing there is broken. It now says to name .py files or notebooks, as `scan` does."""
    (tmp_path / "e_r.ipynb").write_text(json.dumps(R_NOTEBOOK), encoding="utf-8")
    (tmp_path / "Makefile").write_text("all:\n\techo hi\n", encoding="utf-8")
    for named in (["e_r.ipynb"], ["e_r.ipynb", "Makefile"]):
        result = run_advisor(
            "scan", "--recommend", *named, env=user_env(tmp_path, lang), cwd=tmp_path
        )
        assert result.code == 2, result.err
        assert "Traceback" not in result.err
        assert "fix it" not in result.err
        assert "請修正" not in result.err
        if lang == "en":
            assert "nothing to recommend from: no file named is Python (first: " in result.err
            assert "name .py files or notebooks, or a folder to search" in result.err
        else:
            assert "沒有可供推薦的程式碼：指定的檔案都不是 Python（第一個：" in result.err
            assert "請指定 .py 檔案或筆記本，或要搜尋的資料夾" in result.err
    alone = run_advisor(
        "scan", "--recommend", "e_r.ipynb", env=user_env(tmp_path, lang), cwd=tmp_path
    )
    said = "a notebook in R, not Python" if lang == "en" else "這是 R 的筆記本，不是 Python"
    assert said in alone.err
    # A folder of R notebooks: point at the Python code, not "fix them".
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "a.ipynb").write_text(json.dumps(R_NOTEBOOK), encoding="utf-8")
    folder = run_advisor("scan", "--recommend", "r", env=user_env(tmp_path, lang), cwd=tmp_path)
    assert folder.code == 2
    assert "fix them" not in folder.err
    assert "請修正" not in folder.err
    assert ("only files that are not Python" if lang == "en" else "只有不是 Python 的檔案") in (
        folder.err
    )


def test_recommend_on_a_broken_file_still_says_fix_it(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("def (:\n", encoding="utf-8")
    result = run_advisor("scan", "--recommend", "bad.py", env=user_env(tmp_path), cwd=tmp_path)
    assert result.code == 2
    assert "fix it" in result.err


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("marker", ["pyproject.toml", "setup.py"])
def test_recommend_one_folder_too_high_names_the_project_below(
    tmp_path: Path, lang: str, marker: str
) -> None:
    """An unpacked sdist scanned from the folder it was unpacked in (waybackpack-0.6.4-src/
    holding waybackpack-0.6.4/setup.py) was "a library" with no word of the folder below."""
    project = tmp_path / "up" / "pkg-1.0"
    (project / "pkg").mkdir(parents=True)
    (project / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (project / "pkg" / "cli.py").write_text(
        "import requests\n\n\ndef main():\n    for u in ['https://a.example'] * 50:\n"
        "        print(requests.get(u).status_code)\n",
        encoding="utf-8",
    )
    if marker == "pyproject.toml":
        (project / marker).write_text(
            '[project]\nname = "pkg"\nversion = "1.0"\n\n[project.scripts]\npkg = "pkg.cli:main"\n',
            encoding="utf-8",
        )
    else:
        (project / marker).write_text(
            "from setuptools import setup\n\nsetup(name='pkg', version='1.0', packages=['pkg'],"
            " entry_points={'console_scripts': ['pkg = pkg.cli:main']})\n",
            encoding="utf-8",
        )
    result = run_advisor("scan", "--recommend", "up", env=user_env(tmp_path, lang), cwd=tmp_path)
    assert result.code == 2, result.out
    assert "advisor scan --recommend up/pkg-1.0" in result.err
    if lang == "en":
        assert f"up/pkg-1.0, one folder down, holds the project's {marker}" in result.err
        assert "this looks like a library" in result.err
    else:
        assert f"下一層的 up/pkg-1.0 有專案的 {marker}" in result.err
        assert "這看起來是函式庫" in result.err
    below = run_advisor(
        "scan",
        "--recommend",
        "up/pkg-1.0",
        "--format",
        "json",
        env=user_env(tmp_path, lang),
        cwd=tmp_path,
    )
    assert below.code == 0, below.err
    assert json.loads(below.out)["model"] == "threading"


@pytest.mark.parametrize(
    ("env", "chinese"),
    [
        ({"LANGUAGE": "zh_TW", "LANG": "C.UTF-8"}, True),
        ({"LANGUAGE": "zh_TW:en", "LANG": "en_US.UTF-8"}, True),
        ({"LANGUAGE": "fr:zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ({"LANGUAGE": "en", "LANG": "zh_TW.UTF-8"}, False),
        ({"LANGUAGE": "fr", "LANG": "zh_TW.UTF-8"}, False),
        ({"LANGUAGE": "", "LANG": "zh_TW.UTF-8"}, True),
        # GNU gettext ignores LANGUAGE under the C locale, which asks for untranslated text.
        ({"LANGUAGE": "zh_TW", "LC_ALL": "C"}, False),
    ],
)
def test_the_language_variable_is_honoured_as_gettext_does(
    tmp_path: Path, env: dict[str, str], chinese: bool
) -> None:
    (tmp_path / "app.py").write_text(BLOCKING, encoding="utf-8")
    result = run_advisor(
        "scan", "--format", "plain", "app.py", env=user_env(tmp_path, **env), cwd=tmp_path
    )
    assert result.code == 1
    assert ("阻塞" in result.out) is chinese, result.out


#: The closing marks a wrapped zh-TW line must not start with.
CLOSING = tuple("、。，；：）」』】》？！")


@pytest.mark.parametrize("columns", [40, 46, 64, 75])
def test_wrapped_chinese_lines_never_start_with_closing_punctuation(
    tmp_path: Path, columns: int
) -> None:
    """At these widths the ADV101 fix wrapped onto a line starting with "、" or "）" (widths
    found by running main's advisor at 30 to 79 columns); the line-breaking rule of Chinese
    typesetting carries the character before the mark down with it."""
    pexpect = pytest.importorskip("pexpect")
    (tmp_path / "app.py").write_text(
        "import requests\n\n\nasync def f():\n    return requests.get('https://a.example')\n",
        encoding="utf-8",
    )
    env = clean_env(
        TERM="xterm-256color", LANG="zh_TW.UTF-8", LINES="50", ADVISOR_CACHE_DIR=str(tmp_path)
    )
    command, argv = advisor_command()
    child = pexpect.spawn(
        command,
        [*argv, "scan", "app.py"],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, columns),
        cwd=str(tmp_path),
    )
    child.expect(pexpect.EOF)
    lines = ANSI.sub("", child.before).replace("\r", "").split("\n")
    child.close()
    assert child.exitstatus == 1, lines
    assert not [line for line in lines if line.strip().startswith(CLOSING)], lines
    fix = next(i for i, line in enumerate(lines) if line.startswith("         修正："))
    joined = "".join(line.strip() for line in lines[fix : fix + 4])
    assert "用戶端（`httpx.AsyncClient`、`aiohttp`）或" in joined.replace(" ", ""), lines


def test_the_wrapping_rule_on_its_own() -> None:
    from advisor.render.wrapping import wrap

    text = "這是一個測試（例如、範例）句子，用來確認換行、標點、不會在行首出現。還有「引號」。"
    for width in range(12, 40):
        lines = wrap(text, width).split("\n")
        assert "".join(lines) == text
        assert not [line for line in lines[1:] if line.startswith(CLOSING)], (width, lines)
        assert not [line for line in lines[:-1] if line.endswith(("（", "「"))], (width, lines)
    assert wrap("plain words that wrap as before", 12) == "plain words\nthat wrap as\nbefore"


#: python-telegram-bot v13 handlers: `Filters`, `Dispatcher`, `def` handlers, no `Updater`
#: in the file (the updater is built elsewhere; inspired by bots split into handlers.py).
PTB13_HANDLERS = """\
import requests
from telegram import Update
from telegram.ext import CallbackContext, Dispatcher, Filters, MessageHandler


def echo(update: Update, context: CallbackContext) -> None:
    reply = requests.get("https://api.example.com/q", params={"q": update.message.text})
    update.message.reply_text(reply.text)


def register(dispatcher: Dispatcher) -> None:
    dispatcher.add_handler(MessageHandler(Filters.text & ~Filters.command, echo))
"""

#: A pyTelegramBotAPI bot fed by a Flask webhook route (a common deployment of telebot).
TELEBOT_WEBHOOK = """\
import os

import flask
import requests
import telebot

bot = telebot.TeleBot(os.environ.get("TOKEN", "x"))
app = flask.Flask(__name__)


@bot.message_handler(commands=["weather"])
def weather(message):
    bot.reply_to(message, requests.get("https://api.example.com/weather", timeout=5).text)


@app.route("/webhook", methods=["POST"])
def webhook():
    update = telebot.types.Update.de_json(flask.request.get_data().decode("utf-8"))
    bot.process_new_updates([update])
    return ""


if __name__ == "__main__":
    app.run(port=8443)
"""


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize(
    ("source", "framework"),
    [(PTB13_HANDLERS, "python-telegram-bot (sync)"), (TELEBOT_WEBHOOK, "pyTelegramBotAPI")],
)
def test_sync_bots_get_the_sync_bot_form_and_it_runs(
    tmp_path: Path, lang: str, source: str, framework: str
) -> None:
    """v13 handlers with no `Updater` in sight were read as v20 (an event loop, `async def`
    handlers); a telebot webhook on Flask got the generic FastAPI form. Both are plain `def`
    handlers on the bot's own pool: the sync-bot form, which runs where the bot runs."""
    (tmp_path / "bot.py").write_text(source, encoding="utf-8")
    result = run_advisor(
        "scan",
        "--recommend",
        "bot.py",
        "--format",
        "json",
        env=user_env(tmp_path, lang),
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    rec = json.loads(result.out)
    assert rec["model"] == "threading"
    assert rec["template"]["id"] == "service_threads_syncbot"
    assert rec["template"]["framework"] == framework
    code = rec["template"]["code"]
    assert "lifespan" not in code
    assert "FastAPI" not in code
    if framework == "pyTelegramBotAPI":
        assert "process_new_updates" in code
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, "app.py"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert "messages answered" in ran.stdout


#: A Celery task module calling a blocking library (the shape of Celery's first-steps guide).
CELERY_TASKS = """\
import requests
from celery import Celery

app = Celery("tasks", broker="redis://localhost:6379/0")


@app.task
def fetch(url):
    return requests.get(url, timeout=10).status_code
"""


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_celery_worker_gets_the_worker_form_not_a_web_app(tmp_path: Path, lang: str) -> None:
    """A Celery task module was handed the FastAPI service template (a lifespan, uvicorn):
    a worker runs no web app. Its form runs the tasks on the worker's own thread pool."""
    (tmp_path / "tasks.py").write_text(CELERY_TASKS, encoding="utf-8")
    result = run_advisor(
        "scan",
        "--recommend",
        "tasks.py",
        "--format",
        "json",
        env=user_env(tmp_path, lang),
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    rec = json.loads(result.out)
    assert rec["model"] == "threading"
    assert rec["template"]["id"] == "service_threads_celery"
    code = rec["template"]["code"]
    assert "--pool threads --concurrency" in code
    assert "uvicorn" not in code
    assert "lifespan" not in code
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, "-W", "error", "app.py"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert "tasks run in" in ran.stdout
