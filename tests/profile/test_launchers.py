"""Newcomer review 23, 5: `advisor profile -- python3 ...` through a pyenv shim counted the
shim's bash helpers as the program ("5 processes at once: the work already spreads over
processes", its start-up CPU in the program's). The program is what the shim execs; a shell
that only starts and waits is not work (`advisor/profiler/launchers.yaml`).

Our own shim, written like pyenv's (bash helpers run in command substitutions, here three
at once and busy long enough for the sampler to see them, then ``exec`` of the interpreter),
profiled by the installed CLI as a user runs it; and a shell script that computes by itself,
where the shell is the program and still counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT, clean_env

#: Three bash helpers busy at once, then the interpreter replaces the shim (pyenv's `exec`).
SHIM = """#!/usr/bin/env bash
busy() {{ i=0; while ((i < 60000)); do ((i++)); done; }}
a=$(busy; echo a) & b=$(busy; echo b) & c=$(busy; echo c) & wait
exec {python} "$@"
"""


def _profile(*command: str) -> tuple[dict[str, object], str]:
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "json", "--report", "-", "--",
         *command],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data: dict[str, object] = json.loads(proc.stdout)
    plain = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "plain", "--report", "-", "--",
         *command],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    return data, plain.stdout


def test_a_shims_helpers_are_not_the_programs_processes(tmp_path: Path) -> None:
    shim = tmp_path / "python3"
    shim.write_text(SHIM.format(python=sys.executable), encoding="utf-8")
    shim.chmod(0o755)
    data, shown = _profile(str(shim), "-c", "import time; time.sleep(1.0)")
    assert data["peak_processes"] == 1, data
    assert "processes at once" not in shown, shown
    # The helpers' busy loops (their CPU) are the shim's, not the sleeping program's: far
    # less than the three helpers spent, whatever the machine's load.
    helpers, _ = _profile("bash", "-c", "i=0; while ((i < 60000)); do ((i++)); done")
    assert float(str(data["cpu_s"])) < 2 * float(str(helpers["cpu_s"])), (data, helpers)


def test_a_shell_that_computes_by_itself_is_the_program() -> None:
    data, _ = _profile("bash", "-c", "i=0; while ((i < 60000)); do ((i++)); done")
    assert data["peak_processes"] == 1
    assert float(str(data["cpu_s"])) > 0.0
