"""The classes of missed real bugs fixed on g-recall18, through the installed CLI, in a
subprocess, on copies of their fixtures (positive and negative twins)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _found(tmp_path: Path, fixture: str) -> tuple[int, set[tuple[str, int, str]]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code in (0, 1), result.err
    findings = json.loads(result.out)["findings"]
    return result.code, {(Path(f["path"]).as_posix(), f["line"], f["code"]) for f in findings}


def test_coroutine_function_handed_to_a_synchronous_caller(tmp_path: Path) -> None:
    """`future.add_done_callback(partial(self._done, ...))` through a local, `call_soon`,
    `call_later`, a loop's signal handler (also as a lambda), `signal.signal`,
    `atexit.register`, `threading.Timer`, `weakref.finalize` with an `async def`
    (loads-broker#83): ADV102 at each, exit 1."""
    code, found = _found(tmp_path, "ADV102_sync_callers")
    assert code == 1
    assert found == {("app/runs.py", line, "ADV102") for line in (34, 35, 36, 37, 41, 42, 43, 44)}


def test_plain_callbacks_and_tornado_scheduling_are_quiet(tmp_path: Path) -> None:
    """The negative twin: plain callbacks, a lambda that schedules the coroutine, a name bound
    to two callbacks, tornado's `IOLoop.call_later` (it schedules what the callback returns):
    nothing."""
    code, found = _found(tmp_path, "negative_sync_callers")
    assert (code, found) == (0, set())


def test_aiobotocore_client_built_in_a_coroutine(tmp_path: Path) -> None:
    """`async with self.session.create_client(...)` with `self.session = get_session()`
    (godaikin-ha#3) and `AioSession().create_client("s3")` in a coroutine: botocore loads
    its JSON data files on the loop: ADV101 at both, exit 1."""
    code, found = _found(tmp_path, "ADV101_aws_models")
    assert code == 1
    assert found == {("app/auth.py", 17, "ADV101"), ("app/auth.py", 23, "ADV101")}


def test_aiobotocore_client_built_off_the_loop_is_quiet(tmp_path: Path) -> None:
    """The negative twin: clients built in plain functions or threads, calls on a kept
    client: nothing."""
    code, found = _found(tmp_path, "negative_aws_models")
    assert (code, found) == (0, set())


def test_websocket_coroutine_method_called_without_await(tmp_path: Path) -> None:
    """`self.websocket.send(...)` in a sync method, `self.websocket` stored from
    `async with websockets.connect(url) as ws` in a nested coroutine (webex_bot#6), its
    `close()` in a coroutine, `ws.ping()` on `ws = await websockets.connect(url)`: ADV102 at
    each, exit 1."""
    code, found = _found(tmp_path, "ADV102_connections")
    assert code == 1
    assert found == {("app/client.py", line, "ADV102") for line in (21, 24, 38)}


def test_websocket_awaited_or_untyped_is_quiet(tmp_path: Path) -> None:
    """The negative twin: awaited or handed-on calls, an attribute also holding another
    object, the synchronous client, a name bound twice: nothing."""
    code, found = _found(tmp_path, "negative_connections")
    assert (code, found) == (0, set())


def test_future_of_a_lazily_built_pool_waited_on_in_a_coroutine(tmp_path: Path) -> None:
    """`pool = get_pool()` (`global _pool`, built once) then `pool.submit(...).result()` in a
    helper a coroutine of another module calls (process-improve#312), and the same chain in a
    coroutine of the getter's module: ADV101 at both, exit 1."""
    code, found = _found(tmp_path, "ADV101_lazy_singleton")
    assert code == 1
    assert found == {("app/server.py", 7, "ADV101"), ("app/pool.py", 27, "ADV101")}


def test_future_of_an_unknown_or_awaited_pool_is_quiet(tmp_path: Path) -> None:
    """The negative twin: a global bound to two kinds of object, a getter without `global`,
    a future awaited through `asyncio.wrap_future`: nothing."""
    code, found = _found(tmp_path, "negative_lazy_singleton")
    assert (code, found) == (0, set())
