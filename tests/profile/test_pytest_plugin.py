"""The pytest plugin (`pytest --advisor-blocking=50ms`), driven end to end.

A small suite (tests/fixtures/pytest_plugin, copied into a temporary folder as test files)
runs under a real pytest in a subprocess, with pytest-asyncio, AnyIO's plugin (asyncio,
uvloop and trio backends), uvloop, and tests that call trio.run themselves;
the JUnit XML says which tests failed and with what message. Tests that block their loop
fail naming the line; tests that await, or hand the blocking call to a thread or an
executor, pass. Never a timing: only which test failed and which line it names.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from advisor.pytest_plugin import parse_duration
from tests.helpers import FIXTURES, clean_env

SUITE = FIXTURES / "pytest_plugin"
UVLOOP = importlib.util.find_spec("uvloop") is not None
TRIO = importlib.util.find_spec("trio") is not None


def marks(source: Path) -> dict[str, int]:
    """{test name: line} from the `# BLOCKS test_name` comments."""
    found = {}
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if "# BLOCKS " in line:
            found[line.rsplit("# BLOCKS ", 1)[1].strip()] = number
    return found


def run_suite(tmp_path: Path, *options: str, ini: str = "") -> dict[str, str | None]:
    """{test id: failure message or None} for the whole suite, run by pytest in a subprocess."""
    shutil.copy(SUITE / "asyncio_suite.py", tmp_path / "test_asyncio_suite.py")
    shutil.copy(SUITE / "anyio_suite.py", tmp_path / "test_anyio_suite.py")
    if TRIO:  # else no trio tests (see the dev extra in pyproject.toml)
        shutil.copy(SUITE / "trio_suite.py", tmp_path / "test_trio_suite.py")
    if UVLOOP:  # else asyncio's loop only (see the uvloop extra in pyproject.toml)
        uv = tmp_path / "uv"
        uv.mkdir()
        shutil.copy(SUITE / "uvloop_conftest.py", uv / "conftest.py")
        shutil.copy(SUITE / "uvloop_suite.py", uv / "test_uvloop_suite.py")
    (tmp_path / "pytest.ini").write_text(
        f"[pytest]\nasyncio_default_fixture_loop_scope = function\n{ini}", encoding="utf-8"
    )
    report = tmp_path / "junit.xml"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist",
         f"--junitxml={report}", *options],
        capture_output=True, text=True, cwd=tmp_path, env=clean_env(LANG="C.UTF-8"),
        timeout=300, check=False,
    )  # fmt: skip
    assert report.exists(), proc.stdout + proc.stderr
    results: dict[str, str | None] = {}
    for case in ET.parse(report).iter("testcase"):
        failed = case.find("failure")
        if failed is None:  # a fixture that blocked: an error at setup
            failed = case.find("error")
        name = f"{case.get('classname', '').rsplit('.', 1)[-1]}::{case.get('name')}"
        results[name] = (
            None if failed is None else (failed.get("message") or "") + (failed.text or "")
        )
    return results


BLOCKING = {
    "test_asyncio_suite::test_blocks": ("asyncio_suite.py", "test_blocks"),
    "test_asyncio_suite::test_blocks_in_a_helper": ("asyncio_suite.py", "test_blocks_in_a_helper"),
    "test_asyncio_suite::test_marked": ("asyncio_suite.py", "test_marked"),
    "test_asyncio_suite::test_a_fixture_blocks": ("asyncio_suite.py", "test_a_fixture_blocks"),
    "test_asyncio_suite::test_bare_marker": ("asyncio_suite.py", "test_bare_marker"),
    "test_anyio_suite::test_anyio_blocks[asyncio]": ("anyio_suite.py", "test_anyio_blocks"),
}
if UVLOOP:
    BLOCKING["test_anyio_suite::test_anyio_blocks[uvloop]"] = (
        "anyio_suite.py",
        "test_anyio_blocks",
    )
    BLOCKING["test_uvloop_suite::test_uvloop_blocks"] = ("uvloop_suite.py", "test_uvloop_blocks")
if TRIO:
    BLOCKING["test_anyio_suite::test_anyio_blocks[trio]"] = ("anyio_suite.py", "test_anyio_blocks")
    BLOCKING["test_trio_suite::test_trio_blocks"] = ("trio_suite.py", "test_trio_blocks")
BAD = "test_asyncio_suite::test_bad_marker"  # fails in one line, naming the bad duration
# awaits, threads, executors, exempt, generous limit, plain test; per backend
PASSING = 7 + (2 if UVLOOP else 0) + (2 if TRIO else 0)


def test_with_the_option_blocking_tests_fail_naming_the_line(tmp_path):
    results = run_suite(tmp_path, "--advisor-blocking=50ms")
    failed = {name for name, message in results.items() if message is not None}
    assert failed == set(BLOCKING) | {BAD}, results
    assert "advisor_blocking: 'fast' is not a duration" in (results[BAD] or "")
    assert "Traceback" not in (results[BAD] or "")
    for name, (source, test) in BLOCKING.items():
        line = marks(SUITE / source)[test]
        target = "uv/test_" + source if source.startswith("uvloop") else "test_" + source
        message = results[name]
        assert f"{target}:{line}" in message, message
        assert "time.sleep" in message
        assert "advisor explain ADV101" in message
        if "trio" in name:  # trio's own fix, not asyncio's
            assert "trio.sleep" in message, message
    # awaiting, threads, to_thread, executors, exempt, generous limit, plain test: all pass
    assert len(results) == len(BLOCKING) + 1 + PASSING


def test_off_by_default_only_the_marked_tests_are_checked(tmp_path):
    results = run_suite(tmp_path)
    failed = {name for name, message in results.items() if message is not None}
    # a bare marker checks at 100 ms when the run gives no limit
    assert failed == {
        "test_asyncio_suite::test_marked",
        "test_asyncio_suite::test_bare_marker",
        BAD,
    }


def test_the_ini_option_turns_it_on(tmp_path):
    results = run_suite(tmp_path, ini="advisor_blocking = 50ms\n")
    failed = {name for name, message in results.items() if message is not None}
    assert failed == set(BLOCKING) | {BAD}


def test_a_bad_duration_is_a_usage_error(tmp_path):
    (tmp_path / "test_x.py").write_text("def test_x():\n    pass\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist",
         "--advisor-blocking=soon"],
        capture_output=True, text=True, cwd=tmp_path, env=clean_env(), timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 4  # pytest's usage error
    assert "--advisor-blocking: 'soon' is not a duration" in proc.stderr


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("50ms", 0.05), ("0.1s", 0.1), ("50", 0.05), (50, 0.05), ("", None), ("off", None),
     (None, None), (False, None), ("0", None)],
)  # fmt: skip
def test_durations(value, seconds):
    assert parse_duration(value) == seconds


def test_a_duration_without_a_number_is_refused():
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("fast")
