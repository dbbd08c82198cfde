"""Newcomer review 23, 4: a real discord.py bot (Red-DiscordBot) got the FastAPI template and a
FastAPI-only explanation. The cause was not its ``AutoShardedBot`` subclass but the small
aiohttp.web RPC server beside the bot: two frameworks named, so no form was chosen. A chat
bot with a web server as its side door (RPC, webhook) gets the bot's form; a FastAPI app that
merely imports a bot library keeps the FastAPI form.

Our own minimal reproductions in ``tests/fixtures/review23/bots``, through the installed CLI.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, recommend_in_copy, run_advisor

CASES = FIXTURES / "review23" / "bots"

#: fixture -> (template, framework named for it)
EXPECTED = {
    "sharded": ("service_asyncio_bot", "discord.py"),  # Red's layout: AutoShardedBot + aiohttp.web
    "webhookbot": ("service_asyncio_bot", "python-telegram-bot"),  # a Starlette webhook, uvicorn
    "fastapi_notify": ("service_asyncio", None),  # FastAPI serves; discord.py only posts
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bot_with_a_web_side_door_gets_the_bots_form(name: str, tmp_path: Path) -> None:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == 0, result.err
    template = json.loads(result.out)["template"]
    assert (template["id"], template["framework"]) == EXPECTED[name]


def test_the_service_step_speaks_of_bots_too(tmp_path: Path) -> None:
    """Step 2's explanation for a service names what a chat bot's framework does, not only
    FastAPI's pool and WSGI's workers, in both languages."""
    for lang, words in (("en", "a chat bot (discord.py"), ("zh-TW", "聊天機器人（discord.py")):
        result = run_advisor(
            "scan",
            ".",
            "--recommend",
            "--format",
            "plain",
            "--lang",
            lang,
            cwd=_copy(CASES / "sharded", tmp_path / lang),
        )
        assert result.code == 0, result.err
        assert words in result.out
        assert "service_asyncio_bot" in result.out


def _copy(project: Path, where: Path) -> Path:
    shutil.copytree(project, where)
    return where
