"""The classes of missed real bugs fixed on r-miss23, through the installed CLI, in a
subprocess, on copies of their fixtures (positive and negative twins)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _scan(tmp_path: Path, fixture: str) -> tuple[int, list[dict[str, object]]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)["findings"]


def _found(tmp_path: Path, fixture: str) -> tuple[int, set[tuple[str, int, str]]]:
    code, findings = _scan(tmp_path, fixture)
    return code, {
        (Path(str(f["path"])).as_posix(), int(str(f["line"])), str(f["code"])) for f in findings
    }


def test_synchronous_websocket_clients_in_coroutines(tmp_path: Path) -> None:
    """websocket-client's `create_connection` one call away (homeassistant-robonomics-
    integration#58), `WebSocket().connect` and `recv` in the coroutine, and a signalrcore hub
    built by the builder's chain whose `send` runs in a coroutine (pyeasee#48): ADV101 at each,
    exit 1, the message naming an asyncio WebSocket client."""
    code, findings = _scan(tmp_path, "ADV101_websocket_clients")
    assert code == 1
    found = {(Path(str(f["path"])).as_posix(), f["line"], f["code"]) for f in findings}
    assert found == {("app/rpc.py", line, "ADV101") for line in (24, 29, 30, 42)}
    hub = next(f for f in findings if f["line"] == 42)
    assert "asyncio WebSocket client" in str(hub["message"])


def test_websocket_clients_off_the_loop_are_quiet(tmp_path: Path) -> None:
    """The negative twin: the clients in a thread or a plain callback, the asyncio `websockets`
    library awaited, the builder's configuring steps: nothing, exit 0."""
    assert _found(tmp_path, "negative_websocket_clients") == (0, set())


def test_coroutine_serialised_or_stored_as_a_record_field(tmp_path: Path) -> None:
    """A coroutine of another module bound in a synchronous listener and stored in the message
    it serialises (bystro#93), and coroutines handed to `print`, `json.dumps` and `str`
    (straight or through a name), and a command-line program's printers (typer's and click's
    `echo`, rich's `print` renamed, `pprint`, an f-string of a name; review 25, #16): ADV102 at
    each call, exit 1, the message saying it is serialised."""
    code, findings = _scan(tmp_path, "ADV102_serialised")
    assert code == 1
    found = {(Path(str(f["path"])).as_posix(), f["line"], f["code"]) for f in findings}
    assert found == {("worker/listener.py", line, "ADV102") for line in (15, 22, 23, 27)} | {
        ("worker/cli.py", line, "ADV102") for line in (18, 23, 24, 25, 26)
    }
    dumped = next(f for f in findings if f["line"] == 23)
    assert "serialised" in str(dumped["message"])


def test_coroutines_awaited_before_they_are_written_out_are_quiet(tmp_path: Path) -> None:
    """The negative twin: awaited or run first, a plain function's result, a mapping the
    function gathers, a name awaited after a helper read it: nothing, exit 0."""
    assert _found(tmp_path, "negative_serialised") == (0, set())


def test_bare_coroutines_handed_to_asyncio_wait(tmp_path: Path) -> None:
    """A Home Assistant entity's `async_update_ha_state()` appended to the list handed to
    `asyncio.wait` (clientraw), a literal and a generator of the scan's coroutine function:
    ADV102 at each coroutine call in the `wait` call, and once at the `wait` of a list built
    beforehand (in a loop, by a comprehension, as a literal: fansMedalHelper#91), the line
    that raises; exit 1, the message naming `asyncio.create_task`."""
    code, findings = _scan(tmp_path, "ADV102_waited")
    assert code == 1
    found = sorted((f["line"], f["col"]) for f in findings if f["code"] == "ADV102")
    assert found == [(28, 19), (32, 25), (32, 44), (33, 34), (42, 15), (44, 15)]
    assert all("asyncio.create_task" in str(f["message"]) for f in findings)


def test_tasks_handed_to_asyncio_wait_are_quiet(tmp_path: Path) -> None:
    """The negative twin: tasks made first, a list rebound to futures, `gather`, and
    `concurrent.futures.wait`: nothing, exit 0."""
    assert _found(tmp_path, "negative_waited") == (0, set())
