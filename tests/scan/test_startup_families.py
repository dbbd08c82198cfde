"""Start-up families of issue 17's precision bar, each through the installed CLI: the lines a
coroutine runs once before the server it starts accepts a client are quiet, the same call
where the program serves stays reported (fixtures under tests/fixtures/scan)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, advisor_command, clean_env


def _lines(tmp_path: Path, fixture: str) -> set[int]:
    case = tmp_path / fixture
    shutil.copy(FIXTURES / "scan" / fixture, case)
    command, argv = advisor_command()
    ran = subprocess.run(
        [command, *argv, "scan", "--no-cache", "--format", "json", fixture],
        capture_output=True,
        text=True,
        env=clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"), LANG="C.UTF-8"),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert ran.returncode in (0, 1), ran.stderr
    found = json.loads(ran.stdout)
    items = found["findings"] if isinstance(found, dict) else found
    return {int(item["line"]) for item in items if item["code"] == "ADV101"}


def test_set_up_before_an_awaited_server_run_is_quiet_and_its_twins_are_not(
    tmp_path: Path,
) -> None:
    # serve_app's build before `await mcp_server.run_sse_async()` (line 35) is start-up; the
    # same build after a run on a receiver that is no server (42), or after the server's
    # start (49), stays reported (inspired by mcp-agent 0.2.6's example servers)
    assert _lines(tmp_path, "ADV101_server_run.py") == {42, 49}


def test_a_wheel_s_console_script_is_a_command_line_program_unless_it_serves(
    tmp_path: Path,
) -> None:
    # the `tool-rebuild` script declared only in the wheel's entry_points.txt prompts its one
    # user (quiet); `tool-server` ends in uvicorn.run, so its handler's read stays reported
    # (inspired by lightrag-hku 1.5.7's lightrag-rebuild-vdb and lightrag-server)
    case = tmp_path / "wheel"
    shutil.copytree(FIXTURES / "scan" / "ADV101_wheel_scripts", case)
    command, argv = advisor_command()
    ran = subprocess.run(
        [command, *argv, "scan", "--no-cache", "--format", "json", "wheel"],
        capture_output=True,
        text=True,
        env=clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"), LANG="C.UTF-8"),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 1, ran.stderr
    found = json.loads(ran.stdout)["findings"]
    assert [(Path(f["path"]).name, f["line"]) for f in found] == [("server.py", 10)]


@pytest.mark.parametrize(
    "extra",
    [
        b"tool-rebuild = tool.rebuild:main\n",  # a script named twice
        b"[console_scripts]\n",  # a section repeated
        b"# caf\xe9, a Latin-1 byte in a comment\n",
    ],
)
def test_a_wheel_s_sloppy_entry_points_still_declare_its_scripts(
    tmp_path: Path, extra: bytes
) -> None:
    # importlib.metadata reads these files leniently; one odd line used to drop every
    # declaration of the file, and the prompt of `tool-rebuild` was reported
    case = tmp_path / "wheel"
    shutil.copytree(FIXTURES / "scan" / "ADV101_wheel_scripts", case)
    entry_points = case / "tool-1.0.dist-info" / "entry_points.txt"
    entry_points.write_bytes(entry_points.read_bytes() + extra)
    command, argv = advisor_command()
    ran = subprocess.run(
        [command, *argv, "scan", "--no-cache", "--format", "json", "wheel"],
        capture_output=True,
        text=True,
        env=clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"), LANG="C.UTF-8"),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 1, ran.stderr
    found = json.loads(ran.stdout)["findings"]
    assert [(Path(f["path"]).name, f["line"]) for f in found] == [("server.py", 10)]
