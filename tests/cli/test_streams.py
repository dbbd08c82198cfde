"""Closed and odd standard streams, as a shell leaves them: one clean line, the right code."""

from __future__ import annotations

import io
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.errors import ExitCode
from tests.helpers import clean_env, run_advisor

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell redirections")

ISSUE_EXAMPLE = "recommend --cpu-bound no --concurrency 500 --async-libs yes"


def shell(args: str, redirect: str) -> subprocess.CompletedProcess[str]:
    """`python -m advisor ARGS REDIRECT` through bash, e.g. with ``>&-`` (stdout closed)."""
    command = f"{shlex.quote(sys.executable)} -m advisor {args} {redirect}"
    return subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env=clean_env(),
        cwd=Path(__file__).parent,  # not the checkout: `-m` puts the cwd first on sys.path
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", [ISSUE_EXAMPLE, f"{ISSUE_EXAMPLE} --format json", "tree", "ask"])
def test_closed_stdout_is_one_line_and_exit_2(args):
    proc = shell(args, ">&-")
    assert proc.returncode == ExitCode.USAGE
    assert proc.stderr == (
        "advisor: error: standard output is closed; let advisor write it, "
        "e.g. to a file with > FILE or to > /dev/null\n"
    )


def test_closed_stdout_in_chinese():
    proc = shell(f"{ISSUE_EXAMPLE} --lang zh-TW", ">&-")
    assert proc.returncode == ExitCode.USAGE
    assert proc.stderr.startswith("advisor: error: 標準輸出已關閉")
    assert proc.stderr.count("\n") == 1


def test_closed_stdin_does_not_matter_to_recommend():
    proc = shell(f"{ISSUE_EXAMPLE} --format json", "<&-")
    assert proc.returncode == ExitCode.OK, proc.stderr
    assert json.loads(proc.stdout)["model"] == "asyncio"


def test_closed_stdin_means_ask_has_no_terminal():
    proc = shell("ask", "<&-")
    assert proc.returncode == ExitCode.USAGE
    (line,) = proc.stderr.splitlines()
    assert line.startswith("advisor: error: advisor ask needs a terminal")
    assert "AttributeError" not in proc.stderr


def test_closed_stdin_with_a_complete_answers_file(tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(
        '{"cpu_bound": "no", "concurrency": 500, "async_libs": "yes"}', encoding="utf-8"
    )
    proc = shell(f"ask --answers {shlex.quote(str(answers))} --format json", "<&-")
    assert proc.returncode == ExitCode.OK, proc.stderr
    assert json.loads(proc.stdout)["model"] == "asyncio"


def test_closed_stderr_keeps_the_exit_code():
    bad = shell("recommend --cpu-bound maybe", "2>&-")
    assert bad.returncode == ExitCode.USAGE
    assert bad.stdout == ""
    good = shell(f"{ISSUE_EXAMPLE} --format json", "2>&-")
    assert good.returncode == ExitCode.OK
    assert json.loads(good.stdout)["model"] == "asyncio"


def test_everything_closed():
    proc = shell(ISSUE_EXAMPLE, "<&- >&- 2>&-")
    assert proc.returncode == ExitCode.USAGE


class _ClosedPipe(io.StringIO):
    """Standard output whose reader went away (`| head -c1` after the first line)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def isatty(self) -> bool:
        return True  # rich's own path, as on a terminal that pipes into a pager


@pytest.mark.parametrize(
    "argv",
    [
        [*ISSUE_EXAMPLE.split(), "--shared-memory", "no",
         "--async-app", "no", "--format", fmt]
        for fmt in ("rich", "plain", "json", "markdown")
    ]
    + [["explain", "--format", "rich"], ["explain", "asyncio", "--format", "rich"],
       ["tree", "--format", "rich"], ["tree", "--format", "dot"]],
)  # fmt: skip
def test_a_pipe_closed_early_is_141_for_every_format(argv):
    """rich's own broken-pipe handler exits 1 ("findings") and redirects the process's
    stdout, not the stream it was given: every format must end in the documented 141."""
    err = io.StringIO()
    code = main(argv, stdin=io.StringIO(), stdout=_ClosedPipe(), stderr=err)
    assert code == ExitCode.BROKEN_PIPE, err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_subprocess_broken_pipe_is_quiet(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        f"{sys.executable} -m advisor {ISSUE_EXAMPLE} | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
        timeout=60,
    )
    assert proc.stdout == "Recommendation: asyncio\n"
    assert "Traceback" not in proc.stderr


def test_output_that_cannot_hold_unicode(tmp_path):
    import subprocess
    import sys

    env = clean_env(PYTHONIOENCODING="cp1252")
    plain = subprocess.run(
        [
            sys.executable,
            "-m",
            "advisor",
            "recommend",
            "--cpu-bound",
            "no",
            "--concurrency",
            "500",
            "--lang",
            "zh-TW",
        ],
        capture_output=True,
        encoding="cp1252",  # what the child writes: ×, µ and – exist in cp1252, CJK does not
        env=env,
        check=False,
        timeout=60,
    )
    assert plain.returncode == 0, plain.stderr
    assert "\\u" in plain.stdout or "\\N" in plain.stdout or "&#" in plain.stdout
    assert "Traceback" not in plain.stderr
    data = run_advisor(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "500",
        "--async-libs",
        "yes",
        "--lang",
        "zh-TW",
        "--format",
        "json",
        env=env,
    )
    assert data.code == 0
    assert data.out.isascii()  # escaped, so nothing is lost
    assert json.loads(data.out)["title"] == "asyncio：在單一執行緒中處理大量並行 I/O"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_is_one_line():
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "advisor",
                "recommend",
                "--cpu-bound",
                "yes",
                "--format",
                "json",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=clean_env(),
            check=False,
            timeout=60,
        )
    assert proc.returncode == 2  # the machine's problem, not a bug: no internal error
    assert proc.stderr.count("\n") == 1
    assert "No space left on device" in proc.stderr
    assert "Traceback" not in proc.stderr
