"""`--framework NAME` (issue 19): `advisor recommend` can ask for the framework's form of the
template that `scan --recommend` picks from the code, so the command it prints ("Repeat
this:", "Save it:", the template's `# Repeat:` header) gives the template the user saw.

The installed CLI runs in a subprocess, as a user types it.
"""

from __future__ import annotations

import shlex

import pytest

from tests.recommend.test_flask_template import advisor

#: The answers that lead to service_threads, as `scan --recommend` infers them for PROJECT.
SERVICE = [
    "--cpu-bound",
    "no",
    "--program",
    "service",
    "--concurrency",
    "20",
    "--cpu-heavy-steps",
    "no",
    "--shared-memory",
    "no",
    "--async-libs",
    "no",
    "--async-app",
    "no",
]


def _generated_id(code: str) -> str:
    """The template id a printed template says it is (its first line names it)."""
    first = code.splitlines()[0]
    return first.rsplit("(", 1)[1].rstrip(").")


def test_recommend_framework_flask_prints_the_flask_app() -> None:
    done = advisor("recommend", *SERVICE, "--framework", "Flask", "--template")
    assert done.returncode == 0, done.stderr
    assert "from flask import" in done.stdout.replace("import Flask", "import")
    assert "fastapi" not in done.stdout.lower()
    assert "--framework Flask --template" in done.stdout.splitlines()[1]
    json_done = advisor("recommend", *SERVICE, "--framework", "flask", "--format", "json")
    assert '"id": "service_threads_flask"' in json_done.stdout
    assert '"framework": "Flask"' in json_done.stdout


def _repeat_line(output: str) -> str:
    (line,) = [x for x in output.splitlines() if x.startswith("Repeat this: ")]
    return line.removeprefix("Repeat this: ")


def test_scan_repeat_command_gives_the_same_template() -> None:
    scanned = advisor("scan", "--recommend", ".", "--format", "json")
    assert scanned.returncode == 0, scanned.stderr
    assert '"id": "service_threads_flask"' in scanned.stdout
    repeat = _repeat_line(scanned.stderr)
    assert "--framework Flask" in repeat
    words = shlex.split(repeat)
    assert words[:2] == ["advisor", "recommend"]
    again = advisor(*words[1:], "--format", "json")
    assert again.returncode == 0, again.stderr
    assert '"id": "service_threads_flask"' in again.stdout
    # The "Save it:" line and the template's header name it too.
    shown = advisor("scan", "--recommend", ".", "--format", "plain")
    assert f"Save it: {repeat} --emit service_threads_flask_app.py" in shown.stdout
    assert f"# Repeat: {repeat} --template" in shown.stdout


def test_scan_framework_overrides_the_evidence() -> None:
    done = advisor("scan", "--recommend", ".", "--framework", "Flask", "--template")
    assert done.returncode == 0, done.stderr
    assert _generated_id(done.stdout) == "threading_blocking"  # the leaf, as the header says
    assert "--framework Flask --template" in done.stdout


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "no Flask form of threading; the template is the generic one"),
        ("zh-TW", "threading 沒有 Flask 形式；範本為通用版本"),
    ],
)
def test_no_form_is_one_line_and_changes_nothing(lang: str, note: str) -> None:
    script = [*SERVICE]
    script[script.index("service")] = "script"
    plain = advisor("recommend", "--lang", lang, *script, "--template")
    done = advisor("recommend", "--lang", lang, *script, "--framework", "Flask", "--template")
    assert done.returncode == 0
    assert done.stderr == note + "\n"
    assert done.stdout == plain.stdout  # the same template, and a repeat without --framework
    assert "--framework" not in done.stdout


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "advisor: error: argument --framework: invalid choice: 'Sanic' (choose from "
            "'Bottle', 'Celery', 'Django', 'Falcon', 'Flask', 'PyQt', 'PySide', 'Pyramid', "
            "'Pyrogram', 'QtPy', 'Slack Bolt', "
            "'Slack Bolt (async)', 'Starlette', 'TwitchIO', "
            "'aiogram', 'aiohttp.web', 'discord.py', 'disnake', 'hikari', 'irc bot', 'irc3', "
            "'matrix-nio', 'nextcord', 'pyTelegramBotAPI', 'pydle', 'python-telegram-bot', "
            "'python-telegram-bot (sync)', 'slixmpp'); "
            "see `advisor recommend --help`",
        ),
        (
            "zh-TW",
            "advisor: error: --framework 的值 'Sanic' 無效：請從 'Bottle', 'Celery', 'Django', "
            "'Falcon', "
            "'Flask', 'PyQt', 'PySide', 'Pyramid', 'Pyrogram', 'QtPy', 'Slack Bolt', "
            "'Slack Bolt (async)', 'Starlette', "
            "'TwitchIO', 'aiogram', 'aiohttp.web', "
            "'discord.py', 'disnake', 'hikari', 'irc bot', 'irc3', 'matrix-nio', 'nextcord', "
            "'pyTelegramBotAPI', 'pydle', 'python-telegram-bot', 'python-telegram-bot (sync)', "
            "'slixmpp' 中選擇；請參考 `advisor recommend --help`",
        ),
    ],
)
def test_unknown_framework_is_a_usage_error(lang: str, message: str) -> None:
    done = advisor("recommend", "--lang", lang, *SERVICE, "--framework", "Sanic")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == message + "\n"
