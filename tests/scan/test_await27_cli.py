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
