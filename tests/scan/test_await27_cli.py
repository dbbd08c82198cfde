"""The classes of coroutine mistakes fixed on r-await27, through the installed CLI, in a
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


def test_channel_layer_called_without_await(tmp_path: Path) -> None:
    """Django Channels: `self.channel_layer.group_add`/`group_send` bare in an async consumer,
    in a consumer deriving from the project's base consumer of another module, and on the layer
    `get_channel_layer()` returns: ADV102 at each, exit 1, the fix saying `await`."""
    code, findings = _scan(tmp_path, "ADV102_channel_layer")
    assert code == 1
    found = {(Path(str(f["path"])).as_posix(), f["line"], f["code"]) for f in findings}
    assert found == {("chat/consumers.py", line, "ADV102") for line in (15, 19, 24, 29)}
    sent = next(f for f in findings if f["line"] == 19)
    assert "await self.channel_layer.group_send" in str(sent["message"])


def test_channel_layer_awaited_or_wrapped_is_quiet(tmp_path: Path) -> None:
    """The negative twin: awaited, through `async_to_sync` in a sync consumer and a view, the
    layer's plain method, a class of the code's own with a `channel_layer`: nothing, exit 0."""
    assert _found(tmp_path, "negative_channel_layer") == (0, set())


def test_plain_callbacks_registered_where_callbacks_are_awaited(tmp_path: Path) -> None:
    """A plain method registered with a `register_callback` whose parameter is typed
    `Callable[..., Awaitable[None]]` (denonavr#239), a plain method given by keyword to a setter
    whose class awaits the attribute it stores, a plain method handed to a constructor whose
    parameter is so typed, and module functions added to a bus that awaits its listeners in a
    loop and to a hub that gathers them: ADV110 at each `def`, exit 1, the message naming the
    registrar and saying `async def`."""
    code, findings = _scan(tmp_path, "ADV110_registered")
    assert code == 1
    found = {(Path(str(f["path"])).as_posix(), f["line"], f["code"]) for f in findings}
    assert found == {
        ("player/device.py", 14, "ADV110"),
        ("player/device.py", 17, "ADV110"),
        ("player/device.py", 25, "ADV110"),
        ("player/hooks.py", 4, "ADV110"),
        ("player/hooks.py", 13, "ADV110"),
    }
    typed = next(f for f in findings if f["line"] == 14)
    assert "register_callback" in str(typed["message"])
    assert "async def" in str(typed["message"])
    listener = next(f for f in findings if f["line"] == 4)
    assert "add_listener" in str(listener["message"])


def test_registered_callbacks_the_registry_can_take_are_quiet(tmp_path: Path) -> None:
    """The negative twin: coroutine callbacks, a plain callback returning another call's
    result, registries that call plainly or ask `iscoroutinefunction`, `atexit` and `signal`:
    nothing, exit 0."""
    assert _found(tmp_path, "negative_registered") == (0, set())


def test_registered_callback_found_again_from_the_cache(tmp_path: Path) -> None:
    """The registrar's file and the registration's are joined after the scan: a second run
    reusing the cache reports the same, and making the callback `async def` quiets it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "ADV110_registered", project)
    args = ("scan", ".", "--format", "json", "--isolated")
    first = run_advisor(*args, cwd=project)
    second = run_advisor(*args, cwd=project)
    assert first.code == second.code == 1
    assert json.loads(first.out)["findings"] == json.loads(second.out)["findings"]
    hooks = project / "player" / "hooks.py"
    text = hooks.read_text(encoding="utf-8")
    hooks.write_text(text.replace("def log_event", "async def log_event"), encoding="utf-8")
    third = run_advisor(*args, cwd=project)
    lines = {(f["path"], f["line"]) for f in json.loads(third.out)["findings"]}
    assert ("player/hooks.py", 4) not in lines
    assert ("player/device.py", 14) in lines
