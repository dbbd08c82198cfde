"""Issue 19, the classes of development set 11 (docs/recommend-real-world.md) that are not one
``expected.yaml`` away: our own minimal reproductions, through the installed CLI in a
subprocess, checking what the user reads. The others are folders of
``tests/fixtures/recommend_classes12`` run by ``test_recommend_expected.py``; these are in
``tests/fixtures/recommend_cli12``.

- ``paste_service`` (pinnwand): one subcommand of a group with no default serves a Tornado app
  beside one-shot maintenance commands. The app was set aside as not the default path's, and
  ``--program`` fell silently to "script": threading for an asyncio server. Asked since
  f-apps12; since f-apps13 the maintenance commands (no work of their own) say the service
  is the program.
- ``chat_thread_bot`` (aho's other side): the plain function a coroutine hands to
  ``asyncio.to_thread`` is not called on the loop, so its blocking client casts no "blocks the
  loop" vote (``chat_command_bot``, the class itself, is an ``expected.yaml`` case).
- ``stats_bot`` (oobabot): a ``discord.Client`` whose ``on_message`` updates counters and a
  per-channel dict on the statistics object it holds: every message shares them, on one loop,
  so ``--shared-memory`` is "yes" (said in both languages). Its other side, ``quiet_bot``,
  only reads what it holds and writes a reply object of its own message: no such vote.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import FIXTURES, run_advisor

CASES = FIXTURES / "recommend_cli12"


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(CASES / name, target, ignore=shutil.ignore_patterns("expected.yaml"))
    return target


def test_a_command_that_serves_beside_maintenance_is_the_program(tmp_path: Path) -> None:
    # Was asked (f-apps12); since f-apps13 the other commands, which only open the app's
    # database, maintain the service: the service is the program. The other side, a command
    # with work of its own beside the server, is still asked (test_recommend_classes13.py).
    root = copy("paste_service", tmp_path)
    for lang, says in (
        ("en", "(delete, reap) do no work of their own"),
        ("zh-TW", "（delete、reap）除了與應用程式共用的程式碼"),
    ):
        result = run_advisor(
            "scan", "--lang", lang, ".", "--recommend", "--format", "json", cwd=root
        )
        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert data["model"] == "asyncio+executor"
        program = data["evidence"]["program"]
        assert (program["answer"], program["status"]) == ("service", "used")
        assert says in program["evidence"][0]["reason"], program


def test_the_serving_command_answered_gives_its_model(tmp_path: Path) -> None:
    root = copy("paste_service", tmp_path)
    flags = ("--program", "service", "--concurrency", "50", "--async-app", "yes")
    for lang, start in (
        ("en", "only the http command builds a Tornado app (service)"),
        ("zh-TW", "只有 http 子命令建立 Tornado 應用程式（service）"),
    ):
        result = run_advisor(
            "scan", "--lang", lang, ".", "--recommend", "--format", "json", *flags, cwd=root
        )
        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert data["model"] == "asyncio+executor"
        program = data["evidence"]["program"]
        assert program["status"] == "confirmed"
        assert program["evidence"][0]["reason"].startswith(start)


def test_a_function_handed_to_a_thread_does_not_block_the_loop(tmp_path: Path) -> None:
    root = copy("chat_thread_bot", tmp_path)
    flags = ("--async-libs", "no", "--concurrency", "10")
    result = run_advisor("scan", ".", "--recommend", "--format", "json", *flags, cwd=root)
    assert result.code == 0, result.err
    async_libs = json.loads(result.out)["evidence"]["async_libs"]
    reasons = [e["reason"] for e in (*async_libs["evidence"], *async_libs["conflicting"])]
    assert reasons, async_libs
    assert not any(" blocks in " in r for r in reasons), reasons


def test_state_the_one_event_client_holds_is_shared(tmp_path: Path) -> None:
    root = copy("stats_bot", tmp_path)
    for lang, reason in (
        ("en", "log_message modifies self.per_channel of the one object discord.Client holds"),
        ("zh-TW", "log_message 會修改 discord.Client 所持有的唯一物件的 self.per_channel"),
    ):
        result = run_advisor(
            "scan", "--lang", lang, ".", "--recommend", "--format", "json", cwd=root
        )
        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert data["model"] == "asyncio"
        shared = data["evidence"]["shared_memory"]
        assert shared["answer"] is True, shared
        assert any(e["reason"].startswith(reason) for e in shared["evidence"]), shared


def test_what_an_event_client_only_reads_is_not_shared_state(tmp_path: Path) -> None:
    root = copy("quiet_bot", tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    shared = json.loads(result.out)["evidence"].get("shared_memory") or {}
    assert shared.get("answer") is not True, shared
