"""What a new user met on main (review 15, 2026-12-07): each test drives the installed CLI in a
subprocess (or a real terminal where the output is for one) and checks what they read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import advisor_command, clean_env, finish, run_advisor, spawn

BROKEN = "def f(:\n  pass\n"
CLEAN = "import asyncio\n\n\nasync def g():\n    await asyncio.sleep(1)\n"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return clean_env(**{"ADVISOR_CACHE_DIR": str(tmp_path / "cache"), **extra})


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_an_unwritable_cache_variable_is_refused_as_the_option_is(
    tmp_path: Path, lang: str
) -> None:
    """`ADVISOR_CACHE_DIR=/proc/x advisor scan app.py` ran uncached in silence while
    `--cache-dir /proc/x` was refused: the variable is refused alike (exit 2, no traceback);
    --no-cache still runs."""
    (tmp_path / "app.py").write_text(CLEAN)
    env = _env(tmp_path, ADVISOR_CACHE_DIR="/proc/x")
    result = run_advisor("scan", "app.py", "--lang", lang, cwd=tmp_path, env=env)
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert "ADVISOR_CACHE_DIR=/proc/x" in result.err
    if lang == "en":
        assert "advisor cannot create or write that folder" in result.err
    else:
        assert "advisor 無法建立或寫入這個資料夾" in result.err
    uncached = run_advisor("scan", "app.py", "--no-cache", cwd=tmp_path, env=env)
    assert uncached.code == 0, uncached


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_clean_run_with_an_unchecked_file_does_not_claim_success_in_a_terminal(
    tmp_path: Path, lang: str
) -> None:
    """`advisor scan broken.py clean.py` in a terminal said "No problems found (1 file(s)
    checked)." and then "1 of 2 file(s) could not be checked", exiting 1: one line says both."""
    (tmp_path / "broken.py").write_text(BROKEN)
    (tmp_path / "clean.py").write_text(CLEAN)
    code, text = finish(spawn("scan", "broken.py", "clean.py", "--lang", lang, tmp_path=tmp_path))
    assert code == 1, text
    flat = " ".join(text.split())
    if lang == "en":
        assert "No problems found (" not in flat
        assert (
            "No problems found in the 1 file(s) checked; 1 of 2 file(s) could not be checked"
            in flat
        )
    else:
        assert "沒有發現問題（" not in flat
        assert "已檢查的 1 個檔案中沒有發現問題；2 個檔案中有 1 個無法檢查" in flat
    assert "broken.py" in flat
    assert "Traceback" not in text


def test_the_plain_format_claims_no_success_over_an_unchecked_file(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text(BROKEN)
    (tmp_path / "clean.py").write_text(CLEAN)
    result = run_advisor(
        "scan", "broken.py", "clean.py", "--format", "plain", cwd=tmp_path, env=_env(tmp_path)
    )
    assert result.code == 1, result
    assert "No problems found" not in result.out + result.err
    assert "1 of 2 file(s) could not be checked" in result.err


def _without_read_override() -> list[str] | None:
    """A prefix that runs the CLI without the power to read anything (root's
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so `chmod 000` locks a folder for root too;
    None when it cannot be had (root without setpriv)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}"]


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_an_unreadable_folder_is_said_as_a_folder_not_counted_as_a_file(
    tmp_path: Path, lang: str
) -> None:
    """`mkdir locked; chmod 000 locked; advisor scan .` said "2 of 3 file(s) could not be
    checked": the folder is said as a folder, apart from the files."""
    prefix = _without_read_override()
    if prefix is None:
        pytest.skip("root reads anything, and setpriv is not here to drop that")
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(CLEAN)
    # words a rule looks for, so the walk parses it (and fails)
    (project / "broken.py").write_text("import time\n\nasync def f(:\n    time.sleep(1)\n")
    locked = project / "locked"
    locked.mkdir()
    (locked / "hidden.py").write_text(CLEAN)
    command, argv = advisor_command()
    locked.chmod(0)
    try:
        runs = {
            fmt: subprocess.run(
                [*prefix, command, *argv, "scan", ".", "--format", fmt, "--lang", lang],
                capture_output=True,
                text=True,
                cwd=project,
                env=_env(tmp_path),
                check=False,
                timeout=60,
            )
            for fmt in ("plain", "json")
        }
    finally:
        locked.chmod(0o755)
    plain = runs["plain"]
    assert plain.returncode == 1, plain.stderr
    assert "Traceback" not in plain.stderr
    if lang == "en":
        assert "skipped locked: a folder advisor cannot list: permission denied" in plain.stderr
        assert (
            "1 of 2 file(s) could not be checked, and 1 folder(s) could not be listed"
            in plain.stderr
        )
        assert "of 3 file(s)" not in plain.stderr
    else:
        assert "已略過 locked：advisor 無法列出這個資料夾的內容：權限不足" in plain.stderr
        assert "2 個檔案中有 1 個無法檢查，另有 1 個資料夾無法列出內容" in plain.stderr
    kinds = {s["path"]: s["kind"] for s in json.loads(runs["json"].stdout)["skipped"]}
    assert kinds == {"broken.py": "syntax_error", "locked": "folder_permission_denied"}


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_refused_recommendation_names_the_unread_entry_point(tmp_path: Path, lang: str) -> None:
    """`scan --recommend` with an unreadable __main__.py said "(see Skipped)", then exited 2
    without any Skipped section: the note names the file and why, in either language."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__main__.py").write_text("import time\nasync def f(:\n    time.sleep(1)\n")
    (pkg / "util.py").write_text("def helper(x):\n    return x + 1\n")
    result = run_advisor(
        "scan", "--recommend", "pkg", "--lang", lang, cwd=tmp_path, env=_env(tmp_path)
    )
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert "see Skipped" not in result.err
    assert "見「略過」" not in result.err
    if lang == "en":
        assert "the entry point __main__.py could not be read" in result.err
        assert "what the program starts with: cannot parse: line 2" in result.err
    else:
        assert (
            "無法讀取進入點 __main__.py，所以答案不包含程式一開始執行的內容：無法解析：第 2 行"
            in (result.err)
        )
