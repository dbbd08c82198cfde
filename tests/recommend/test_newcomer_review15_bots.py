"""Sync and async chat bots get the bot form they are built on (newcomer review 15): each test
drives the installed CLI in a subprocess, as a user runs it, and reads the JSON it prints.

The bots are minimal reproductions written for these tests, shaped like python-telegram-bot's
v13 and v20 examples and Slack Bolt's getting-started app."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tests.helpers import clean_env, run_advisor

PTB13 = """\
import requests
from telegram.ext import Updater, CommandHandler


def start(update, context):
    r = requests.get("https://example.com", timeout=5)
    update.message.reply_text(r.text)


def main():
    updater = Updater("TOKEN")
    updater.dispatcher.add_handler(CommandHandler("start", start))
    updater.start_polling()
    updater.idle()


if __name__ == "__main__":
    main()
"""

PTB20 = """\
import requests
from telegram.ext import Application, CommandHandler


async def start(update, context):
    r = requests.get("https://example.com", timeout=5)
    await update.message.reply_text(r.text)


def main():
    app = Application.builder().token("TOKEN").build()
    app.add_handler(CommandHandler("start", start))
    app.run_polling()


if __name__ == "__main__":
    main()
"""

BOLT = """\
import requests
from slack_bolt import App

app = App(token="x")


@app.command("/hello")
def hello(ack, say):
    ack()
    r = requests.get("https://example.com", timeout=5)
    say(r.text)


if __name__ == "__main__":
    app.start(port=3000)
"""

ASYNC_BOLT = """\
import requests
from slack_bolt.async_app import AsyncApp

app = AsyncApp(token="x")


@app.command("/hello")
async def hello(ack, say):
    await ack()
    r = requests.get("https://example.com", timeout=5)
    await say(r.text)


if __name__ == "__main__":
    app.start(port=3000)
"""


def _recommend(tmp_path: Path, files: dict[str, str], lang: str = "en") -> dict[str, object]:
    project = tmp_path / "bot"
    project.mkdir()
    for name, text in files.items():
        (project / name).write_text(text)
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    result = run_advisor(
        "scan", "--recommend", "bot", "--format", "json", "--lang", lang, cwd=tmp_path, env=env
    )
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    data: dict[str, object] = json.loads(result.out)
    return data


@pytest.mark.parametrize(
    ("files", "model", "template", "framework"),
    [
        ({"bot.py": PTB13}, "threading", "service_threads_syncbot", "python-telegram-bot (sync)"),
        ({"bot.py": PTB20}, "asyncio+executor", "service_threads_bot", "python-telegram-bot"),
        ({"app.py": BOLT}, "threading", "service_threads_syncbot", "Slack Bolt"),
        ({"app.py": ASYNC_BOLT}, "asyncio+executor", "service_threads_bot", "Slack Bolt (async)"),
    ],
    ids=["ptb-v13", "ptb-v20", "bolt-app", "bolt-async-app"],
)
def test_a_bot_gets_the_form_of_the_framework_generation_it_is_built_on(
    tmp_path: Path, files: dict[str, str], model: str, template: str, framework: str
) -> None:
    """A v13 bot (`Updater`, `def` handlers) was handed `service_threads_bot`, whose handlers
    are `async def`: all of `telegram.ext` counted as async. Sync Slack Bolt got a FastAPI app."""
    data = _recommend(tmp_path, files)
    chosen = data["template"]
    assert isinstance(chosen, dict)
    assert (data["model"], chosen["id"], chosen["framework"]) == (model, template, framework)
    code = str(chosen["code"])
    ast.parse(code)
    if template == "service_threads_syncbot":
        assert "async def" not in code
        assert "FastAPI" not in code


def test_a_v13_bot_split_over_modules_is_still_the_sync_generation(tmp_path: Path) -> None:
    """The handlers module imports `CallbackContext`, which both generations have: the
    project's `Updater` decides, and no import of the package says an event loop runs."""
    handlers = (
        "import requests\nfrom telegram.ext import CallbackContext\n\n\n"
        "def start(update, context: CallbackContext) -> None:\n"
        '    update.message.reply_text(requests.get("https://example.com", timeout=5).text)\n'
    )
    main = PTB13.replace("import requests\n", "from handlers import start\n", 1).replace(
        'def start(update, context):\n    r = requests.get("https://example.com", timeout=5)\n'
        "    update.message.reply_text(r.text)\n\n\n",
        "",
    )
    data = _recommend(tmp_path, {"handlers.py": handlers, "bot.py": main}, lang="zh-TW")
    chosen = data["template"]
    assert isinstance(chosen, dict)
    assert chosen["id"] == "service_threads_syncbot"
    evidence = data["evidence"]
    assert isinstance(evidence, dict)
    assert evidence["async_app"]["answer"] is False
    assert not evidence["async_app"]["conflicting"]


def test_v20_code_naming_its_updater_stays_async(tmp_path: Path) -> None:
    """`Updater` beside `Application` is v20 code (its updater is a part of the application)."""
    both = PTB20.replace("Application, CommandHandler", "Application, CommandHandler, Updater")
    data = _recommend(tmp_path, {"bot.py": both})
    chosen = data["template"]
    assert isinstance(chosen, dict)
    assert (chosen["id"], chosen["framework"]) == ("service_threads_bot", "python-telegram-bot")
