"""Issue 19, cause 4: the library tables grown from the recommend corpus (benchmarks/apps.yaml).
A bot like the corpus's aitelegrambot is read through the installed CLI in a subprocess; the
other new entries are checked by the answer one call of each gives, in both directions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import advisor
from advisor.inference import SourceFile
from tests.helpers import FIXTURES, run_advisor


def test_a_bot_calling_a_blocking_llm_client_keeps_its_loop_and_offloads(tmp_path: Path) -> None:
    root = tmp_path / "llm_bot"
    shutil.copytree(
        FIXTURES / "projects" / "llm_bot", root, ignore=shutil.ignore_patterns("expected.yaml")
    )
    result = run_advisor("scan", ".", "--recommend", "--lang", "en", cwd=root)
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: asyncio+executor\n")
    assert "bot.py:12: imports python-telegram-bot: the program serves requests" in result.out
    assert "--async-app yes  (from your code)" in result.out
    data = json.loads(
        run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root).out or "{}"
    )
    reasons = [item["reason"] for item in data["evidence"]["async_libs"]["evidence"]]
    assert "Ollama blocks the calling thread; async counterpart: ollama.AsyncClient" in reasons, (
        reasons
    )
    chinese = run_advisor("scan", ".", "--recommend", "--lang", "zh-TW", cwd=root)
    assert chinese.code == 0, chinese.err
    assert "python-telegram-bot" in chinese.out


@pytest.mark.parametrize(
    ("code", "question", "value"),
    [
        ("from telethon import TelegramClient\nTelegramClient('s', 1, 'h')\n", "async_libs", True),
        ("import openai\nopenai.OpenAI().models.list()\n", "async_libs", False),
        ("import openai\nopenai.AsyncOpenAI()\n", "async_libs", True),
        ("import dns.resolver\ndns.resolver.resolve('example.org')\n", "async_libs", False),
        ("import peewee\npeewee.SqliteDatabase('app.db')\n", "async_libs", False),
        ("import paho.mqtt.client as mqtt\nmqtt.Client()\n", "async_libs", False),
        ("from PyQt5.QtCore import QProcess\nQProcess().start('borg')\n", "async_libs", False),
        (
            "from requests_futures.sessions import FuturesSession\n"
            "FuturesSession(max_workers=20).get('u')\n",
            "concurrency",
            20,
        ),
        ("import PySimpleGUI as sg\nsg.Window('w')\n", "program", "gui"),
        ("from pyrogram import Client\n", "program", "service"),
        ("import dask_jobqueue\n", "multi_machine", True),
        ("import librosa\ndef f(y):\n    return librosa.stft(y)\n", "native_code", True),
    ],
)
def test_a_new_table_entry_answers_its_question(code: str, question: str, value: object) -> None:
    inference = advisor.infer([SourceFile("app.py", code)])
    answer = inference.questions[question]
    assert (answer.value, answer.decided) == (value, True)


def test_compressing_a_small_body_is_not_a_heavy_step_but_a_whole_file_is() -> None:
    small = "import gzip, requests\ndef send(d):\n    requests.post('u', data=gzip.compress(d))\n"
    whole = (
        "import gzip, requests\ndef send(p):\n    with open(p, 'rb') as f:\n"
        "        requests.post('u', data=gzip.compress(f.read()))\n"
    )
    heavy = advisor.infer([SourceFile("app.py", small)]).questions["cpu_heavy_steps"]
    assert heavy.value is False
    heavy = advisor.infer([SourceFile("app.py", whole)]).questions["cpu_heavy_steps"]
    assert heavy.value is True
