"""Issue 19, the fourth held-back set's classes (docs/recommend-real-world.md): servers with no
framework, alternatives chosen by the input, and state shared through classes, imported
modules and locks. Each on our own minimal reproduction in ``tests/fixtures/recommend_classes``,
citing the application that inspired it, through the installed CLI in a subprocess."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, run_advisor

CLASSES = FIXTURES / "recommend_classes"


def scan(name: str, tmp_path: Path, *flags: str) -> dict[str, Any]:
    """``advisor scan . --recommend --format json`` on a copy of fixture *name*."""
    root = tmp_path / name
    shutil.copytree(CLASSES / name, root)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", *flags, cwd=root)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert isinstance(data, dict)
    return data


def cited(data: dict[str, Any], question: str) -> list[str]:
    """``file:line`` of every item of evidence for *question* that votes for its answer."""
    return [f"{e['file']}:{e['line']}" for e in data["evidence"][question]["evidence"]]


def test_one_protocol_of_a_table_is_not_the_workload_and_a_class_dict_is_shared(
    tmp_path: Path,
) -> None:
    """pproxy: a pure-Python cipher is one protocol of the six classes in ``MAPPINGS``,
    looked up by the name the command line gives: listed, not counted. The websocket
    protocol's per-byte unmasking (``data[i] ^ mask[i % 4]``: arithmetic only in an index)
    is no computation at all (it made the proxy asyncio+executor, a wrong model).
    ``asyncio.start_server`` and ``run_forever`` make it a service; ``AuthTable``'s
    class-level dicts, written on every connection, are shared state. And after tgcf, a
    blocking read of the configuration while a module is imported is no vote either."""
    data = scan("proxy_protocols", tmp_path)
    assert data["model"] == "asyncio"
    evidence = data["evidence"]
    assert evidence["program"]["answer"] == "service"
    assert "relayproxy/server.py:51" in cited(data, "program")
    assert evidence["cpu_heavy_steps"]["answer"] is False
    assert not [e for e in evidence["cpu_bound"]["conflicting"] if e["value"] is True]
    off = {o["where"]: o["flags"] for o in data["main_path"]["not_on_main_path"]}
    assert list(off) == ["relayproxy/protocols.py: Shadow.decrypt()"]
    assert "--cpu-heavy-steps" in off["relayproxy/protocols.py: Shadow.decrypt()"]
    assert any(
        "only 1 of the 6 alternatives in relayproxy/protocols.py: MAPPINGS" in c["reason"]
        for c in data["context"]
    ), data["context"]
    # tgcf: the rules read from redis once, while rules.py is imported, are no vote.
    assert evidence["async_libs"]["answer"] is True
    assert not evidence["async_libs"]["conflicting"]
    assert (
        "redis blocks, but only while relayproxy.rules is imported (read_rules runs only then)"
        in [c["reason"].split(":", 1)[0] for c in data["context"]]
    )
    assert evidence["shared_memory"]["answer"] is True
    assert cited(data, "shared_memory") == ["relayproxy/server.py:19", "relayproxy/server.py:20"]
    assert (
        "AuthTable._auth, a class-level container"
        in (evidence["shared_memory"]["evidence"][0]["reason"])
    )


def test_the_alternatives_and_class_state_said_in_chinese(tmp_path: Path) -> None:
    """The same reasons in zh-TW, full-width punctuation."""
    data = scan("proxy_protocols", tmp_path, "--lang", "zh-TW")
    reasons = [c["reason"] for c in data["context"]]
    assert any("6 個選項（由輸入選擇其中一個）中，只有 1 個會執行到" in r for r in reasons), reasons
    shared = data["evidence"]["shared_memory"]["evidence"][0]["reason"]
    assert "類別層級的容器，每個實例都共用它" in shared
    assert "持續接受連線直到被停止" in data["evidence"]["program"]["evidence"][0]["reason"]
    assert any("只在匯入 relayproxy.rules 時執行（read_rules 只在那時執行）" in r for r in reasons)


def test_tornado_handlers_in_a_route_table_share_an_imported_dict(tmp_path: Path) -> None:
    """webssh: the handlers are rows of a route table; each POST records the terminal in a
    dict another module defines: shared state (it said "no", the handlers off the path)."""
    data = scan("web_terminal", tmp_path)
    assert data["model"] == "asyncio+executor"
    assert data["evidence"]["shared_memory"]["answer"] is True
    assert cited(data, "shared_memory") == ["webterm/handler.py:27"]


def test_a_lock_a_pooled_method_takes_guards_shared_state(tmp_path: Path) -> None:
    """errbot: the pooled ``_execute_and_send`` reads the bot's commands under ``self._gbl``,
    an RLock set in ``__init__``: shared state, though the method writes nothing itself."""
    data = scan("command_bot", tmp_path)
    assert data["model"] == "threading"
    shared = data["evidence"]["shared_memory"]
    assert shared["answer"] is True
    assert cited(data, "shared_memory") == ["cmdbot/core.py:24"]
    assert "takes self._gbl" in shared["evidence"][0]["reason"]


def test_arithmetic_in_an_index_is_addressing_not_computation() -> None:
    """pproxy's websocket unmasking: ``data[i] ^ mask[i % 4]`` per byte of a frame; the
    remainder picks a key byte. A flat matrix product still computes (its products are
    values, whatever its indices do)."""
    import advisor

    unmask = (
        "def feed(buffer, mask, n):\n"
        "    while len(buffer) > n:\n"
        "        frame = bytes(buffer[i] ^ mask[i % 4] for i in range(n))\n"
        "        del buffer[:n]\n"
        "        print(frame)\n"
        "feed(bytearray(), b'abcd', 8)\n"
    )
    assert "cpu_bound" not in advisor.infer([advisor.SourceFile("ws.py", unmask)]).questions
    product = (
        "def mul(a, b, n):\n"
        "    c = [0] * (n * n)\n"
        "    for i in range(n):\n"
        "        for k in range(n):\n"
        "            c[i * n + k] += a[i * n + k] * b[k]\n"
        "    return c\n"
        "mul([1], [1], 1)\n"
    )
    answer = advisor.infer([advisor.SourceFile("mm.py", product)]).questions["cpu_bound"]
    assert answer.value is True
