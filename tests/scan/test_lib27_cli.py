"""Blocking work reached through frameworks and library objects (issue 17, r-lib27): FastMCP's
plain tools, resources and prompts (run inline on the server's loop before fastmcp 3.0 and by
the mcp SDK's 1.x FastMCP), a closure a coroutine calls, haystack's `Pipeline.run` and
KumoRFM's graph materialisation. Through the installed CLI, in a subprocess, on copies of the
fixtures (positive and negative twins)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan_lib27"


def _scan(tmp_path: Path, fixture: str, *extra: str) -> tuple[int, list[dict[str, object]]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    result = run_advisor(
        "scan", ".", "--format", "json", "--isolated", "--no-cache", *extra, cwd=project
    )
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)["findings"]


def _found(findings: list[dict[str, object]]) -> set[tuple[str, int]]:
    return {(Path(str(f["path"])).as_posix(), int(str(f["line"]))) for f in findings}


def test_plain_fastmcp_tools_block_the_servers_loop(tmp_path: Path) -> None:
    """`@mcp.tool()`, bare `@mcp.tool`, the SDK's `@sdk.resource(...)`, `mcp.tool(...)(f)` and a
    tool defined under `register(mcp: FastMCP)` calling a closure: each blocking call is ADV101,
    said to be in a plain function FastMCP runs on its loop, exit 1."""
    code, findings = _scan(tmp_path, "ADV101_loop_tools")
    assert code == 1
    assert _found(findings) == {
        ("mcpapp/server.py", 19),
        ("mcpapp/server.py", 25),
        ("mcpapp/server.py", 30),
        ("mcpapp/server.py", 35),
        ("mcpapp/tools.py", 19),
    }
    assert {f["code"] for f in findings} == {"ADV101"}
    for finding in findings:
        assert "a plain function FastMCP calls on its event loop" in str(finding["message"])
        assert "inside `async def`" not in str(finding["message"])
    chain = next(f for f in findings if f["path"].endswith("tools.py"))  # type: ignore[union-attr]
    assert "search -> _post -> httpx.post()" in str(chain["message"])
    assert chain["related"][-1]["line"] == 11  # type: ignore[index]


def test_plain_fastmcp_tools_in_chinese(tmp_path: Path) -> None:
    _code, findings = _scan(tmp_path, "ADV101_loop_tools", "--lang", "zh-TW")
    assert findings
    for finding in findings:
        assert "在 FastMCP 於其事件迴圈上呼叫的一般函式裡" in str(finding["message"])


def test_fastmcp_tools_that_do_not_block_are_quiet(tmp_path: Path) -> None:
    """An async tool that offloads, a plain tool that only adds, another object's `.tool`
    decorator over a sleeping function, and a plain function nothing registers: exit 0."""
    code, findings = _scan(tmp_path, "negative_loop_tools")
    assert (code, findings) == (0, [])


def test_framework_objects(tmp_path: Path) -> None:
    """haystack's `Pipeline.run` on a loaded pipeline and on one handed in annotated
    `Pipeline`."""
    code, findings = _scan(tmp_path, "ADV101_framework_objects")
    assert code == 1
    assert _found(findings) == {("routes.py", 7), ("routes.py", 11)}
    assert all("pipe.run" in str(f["message"]) for f in findings)


def test_framework_objects_off_the_loop_are_quiet(tmp_path: Path) -> None:
    """The pipeline run in a thread, its `inputs`/`outputs` (not listed), a closure that only
    formats text, and a coroutine's call of a closure (followed from FastMCP's plain tools
    only: from coroutines it added a false alarm on the package sets): exit 0."""
    code, findings = _scan(tmp_path, "negative_framework_objects")
    assert (code, findings) == (0, [])


def test_websockets_connect_through_a_spelled_splat(tmp_path: Path) -> None:
    """`websockets.connect(**connect_args)` where the coroutine builds the dict with a wss:// URI
    and no `ssl`: the library makes a default context per connection, ADV101."""
    code, findings = _scan(tmp_path, "ADV101_tls_splat")
    assert code == 1
    assert _found(findings) == {("client.py", 15)}
    assert "ssl.create_default_context()" in str(findings[0]["message"])


def test_websockets_splats_that_say_nothing_or_carry_a_context_are_quiet(tmp_path: Path) -> None:
    """A context in the literal or stored later, a ws:// URI, a dict handed in: exit 0."""
    code, findings = _scan(tmp_path, "negative_tls_splat")
    assert (code, findings) == (0, [])


def test_pillow_work_in_helpers_and_screen_grabs(tmp_path: Path) -> None:
    """A screen grab and its save in a coroutine, and the module's helpers one call away: a
    crop converted on the way (`img.crop(box).convert(...)`) and an image rebound by its own
    `convert` (`img = img.convert("RGB")`), each chain ending at the decode."""
    code, findings = _scan(tmp_path, "ADV101_image_helpers")
    assert code == 1
    assert _found(findings) == {
        ("shots.py", 27),
        ("shots.py", 28),
        ("shots.py", 33),
        ("shots.py", 34),
    }
    by_line = {f["line"]: str(f["message"]) for f in findings}
    assert "capture -> _crop -> img.crop().convert()" in by_line[33]
    assert "capture -> _to_jpeg -> img.convert()" in by_line[34]


def test_pillow_work_off_the_loop_or_without_decoding_is_quiet(tmp_path: Path) -> None:
    """The helper in a thread, an image's size read (no decode), a drawn canvas resized and
    rebound: exit 0."""
    code, findings = _scan(tmp_path, "negative_image_helpers")
    assert (code, findings) == (0, [])
