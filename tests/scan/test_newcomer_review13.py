"""What a hostile new user met on main (review 13, 2026-12-06): each test drives the installed
CLI in a subprocess, the way the user ran it, and checks what they read.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import clean_env, run_advisor

#: A syntax error in a file where no rule's words occur: the runner's fast path never parsed
#: it, so `advisor scan bad.py` printed nothing and exited 0.
NO_TRIGGER = "def f(:\n  pass\n"
#: The same mistake in a file with a rule's words (`async`): always parsed, always said.
TRIGGER = "import asyncio\nasync def f(:\n"


def _env(tmp_path: Path) -> dict[str, str]:
    return clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))


def _run_emitted(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run the code advisor handed over, as the user would, warnings as errors; it must exit 0."""
    (tmp_path / "out").mkdir()
    script = tmp_path / "out" / "bot_app.py"
    script.write_text(code)
    ran = subprocess.run(
        [sys.executable, "-W", "error", str(script)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    return ran


@pytest.mark.parametrize("fmt", ["rich", "plain", "json", "sarif", "github"])
def test_a_named_file_with_a_syntax_error_is_said_whatever_its_words(
    tmp_path: Path, fmt: str
) -> None:
    """`advisor scan bad.py` must say what `advisor scan` says of the same mistake in a file
    that holds a rule's words: same exit code, the syntax error in the output."""
    (tmp_path / "bad.py").write_text(NO_TRIGGER)
    (tmp_path / "worse.py").write_text(TRIGGER)
    seen = []
    for name in ("bad.py", "worse.py"):
        result = run_advisor("scan", name, "--format", fmt, cwd=tmp_path, env=_env(tmp_path))
        assert "Traceback" not in result.err
        assert "line " in result.out + result.err, (name, result)
        seen.append(result.code)
    assert seen == [2, 2]
    if fmt == "json":
        result = run_advisor("scan", "bad.py", "--format", "json", cwd=tmp_path, env=_env(tmp_path))
        payload = json.loads(result.out)
        assert payload["checked"] == 0
        assert [s["kind"] for s in payload["skipped"]] == ["syntax_error"]


def test_a_walked_file_then_named_is_parsed(tmp_path: Path) -> None:
    """The cache of a folder's scan (the file never parsed) must not hide the syntax error
    when the file is named next: pre-commit names files after CI walked the folder."""
    (tmp_path / "bad.py").write_text(NO_TRIGGER)
    walked = run_advisor("scan", ".", "--format", "json", cwd=tmp_path, env=_env(tmp_path))
    assert walked.code == 0, walked
    payload = json.loads(walked.out)
    assert payload["checked"] == 1
    assert payload["not_parsed"] == 1  # counted as checked by its words, said unparsed
    named = run_advisor("scan", "bad.py", cwd=tmp_path, env=_env(tmp_path))
    assert named.code == 2, named
    assert "bad.py" in named.err
    assert "line 1" in named.err


def test_stdin_with_a_syntax_error_is_said(tmp_path: Path) -> None:

    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "scan", "-", "--stdin-filename", "bad.py"],
        input=NO_TRIGGER,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "line 1" in proc.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "1 of the 2 file(s) scanned held no word any rule looks for, so they were not"),
        ("zh-TW", "個檔案中，有"),
    ],
)
def test_a_walked_folder_says_which_checked_files_were_not_parsed(
    tmp_path: Path, lang: str, said: str
) -> None:
    """A folder's files with no rule's words keep the fast path (parsing them would more
    than double a cold scan of the standard library), but the summary no longer counts them
    as checked without saying they were not parsed."""
    (tmp_path / "plain.py").write_text("x = 1\n")
    (tmp_path / "app.py").write_text("import asyncio\n\nasync def main():\n    pass\n")
    env = _env(tmp_path)
    rich = run_advisor("scan", ".", "--format", "rich", "--lang", lang, cwd=tmp_path, env=env)
    assert rich.code == 0, rich
    assert said in " ".join(rich.out.split()).replace(" ", "" if lang == "zh-TW" else " ")
    sarif = run_advisor("scan", ".", "--format", "sarif", "--lang", lang, cwd=tmp_path, env=env)
    notes = json.loads(sarif.out)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any(said in n["message"]["text"] for n in notes), notes


#: A small discord.py bot, in the shape of discord.py's own examples/basic_bot.py.
DISCORD_BOT = """import os

import aiohttp
import discord
from discord.ext import commands

intents = discord.Intents.default()
intents.message_content = True
bot = commands.Bot(command_prefix="!", intents=intents)


@bot.command()
async def cat(ctx):
    async with aiohttp.ClientSession() as session:
        async with session.get("https://api.example.invalid/cat") as r:
            data = await r.json()
    await ctx.send(data[0]["url"])


if __name__ == "__main__":
    bot.run(os.environ["DISCORD_TOKEN"])
"""


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_discord_bot_is_handed_a_bot_not_a_web_service(tmp_path: Path, lang: str) -> None:
    """`scan --recommend` on a discord.py bot handed over a FastAPI app (uvicorn, routes,
    lifespan): a bot has no server to run it. Its form runs on its own and prints."""

    (tmp_path / "bot.py").write_text(DISCORD_BOT)
    env = _env(tmp_path)
    scanned = run_advisor(
        "scan", ".", "--recommend", "--format", "json", "--lang", lang, cwd=tmp_path, env=env
    )
    assert scanned.code == 0, scanned.err
    template = json.loads(scanned.out)["template"]
    assert (template["id"], template["framework"]) == ("service_asyncio_bot", "discord.py")
    code = run_advisor("scan", ".", "--recommend", "--template", "--lang", lang, cwd=tmp_path)
    assert code.code == 0, code.err
    assert "fastapi" not in code.out.lower()
    assert "uvicorn" not in code.out.lower()
    ran = _run_emitted(tmp_path, code.out)
    assert ran.stderr == ""
    assert ran.stdout.startswith("bot: 200 messages answered in "), ran.stdout
    assert "peak in flight: 100" in ran.stdout
    assert "clients opened: 1, tasks left: 0" in ran.stdout


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "advisor: error: bad.py: cannot parse: line 1: "),
        ("zh-TW", "advisor: error: bad.py：無法解析：第 1 行："),
    ],
)
def test_recommend_on_one_unreadable_file_names_it_once(
    tmp_path: Path, lang: str, said: str
) -> None:
    """`scan --recommend bad.py` said "bad.py: none of the 1 Python files or notebooks could
    be read (first: bad.py: ...)"; in zh-TW "1 個……都無法讀取" with ASCII colons."""
    (tmp_path / "bad.py").write_text(NO_TRIGGER)
    result = run_advisor(
        "scan", "--recommend", "bad.py", "--lang", lang, cwd=tmp_path, env=_env(tmp_path)
    )
    assert result.code == 2
    assert result.err.splitlines()[-1].startswith(said), result.err
    assert "none of the 1" not in result.err


#: A python-telegram-bot bot whose handler calls `requests` (aitelegrambot's shape: a
#: blocking SDK in an async handler).
TELEGRAM_BOT = """import os

import requests
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes


async def weather(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    r = requests.get("https://api.example.invalid/weather", timeout=5)
    await update.message.reply_text(r.text)


def main() -> None:
    app = Application.builder().token(os.environ["TOKEN"]).build()
    app.add_handler(CommandHandler("weather", weather))
    app.run_polling()


if __name__ == "__main__":
    main()
"""


def test_a_bot_with_a_blocking_library_gets_the_bots_pool_not_a_web_service(
    tmp_path: Path,
) -> None:

    (tmp_path / "bot.py").write_text(TELEGRAM_BOT)
    env = _env(tmp_path)
    scanned = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=tmp_path, env=env)
    assert scanned.code == 0, scanned.err
    template = json.loads(scanned.out)["template"]
    assert template["id"] == "service_threads_bot", template
    code = run_advisor("scan", ".", "--recommend", "--template", cwd=tmp_path, env=env)
    assert "fastapi" not in code.out.lower()
    ran = _run_emitted(tmp_path, code.out)
    assert "pools created: 1, tasks left: 0" in ran.stdout, ran.stdout


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "advisor: error: unknown option -dash.py; to name the file -dash.py, write "
            "./-dash.py or put -- before it; see `advisor scan --help`",
        ),
        (
            "zh-TW",
            "advisor: error: 不認得的選項 -dash.py；若要指定檔案 -dash.py，請寫成 ./-dash.py，"
            "或在它前面加上 --；請參考 `advisor scan --help`",
        ),
    ],
)
def test_a_file_named_like_an_option_is_told_how_to_name_it(
    tmp_path: Path, lang: str, said: str
) -> None:
    """`advisor scan -dash.py` said only "unknown option -dash.py" though the file exists;
    both ways it suggests work, and an option that names no file is refused as before."""
    (tmp_path / "-dash.py").write_text("import time\nasync def f():\n    time.sleep(1)\n")
    env = _env(tmp_path)
    refused = run_advisor("scan", "--lang", lang, "-dash.py", cwd=tmp_path, env=env)
    assert refused.code == 2
    assert refused.out == ""
    assert refused.err == said + "\n"
    for named in (["./-dash.py"], ["--", "-dash.py"]):
        scanned = run_advisor("scan", "--format", "json", *named, cwd=tmp_path, env=env)
        assert scanned.code == 1, scanned.err
        assert [f["code"] for f in json.loads(scanned.out)["findings"]] == ["ADV101"]
    missing = run_advisor("scan", "-nothere.py", cwd=tmp_path, env=env)
    assert missing.code == 2
    assert "to name the file" not in missing.err
