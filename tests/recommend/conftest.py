"""Fixtures for the template tests: the display the `--program gui` programs run on."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.recommend.test_templates import script_env


def needs_xvfb() -> bool:
    """Tk draws through X11 except on Windows and macOS (Aqua)."""
    return sys.platform not in ("win32", "darwin")


def gui_env(display: str | None, **extra: str) -> dict[str, str]:
    """A script's environment with DISPLAY set to the test display."""
    env = script_env(**extra)
    if display is not None:
        env["DISPLAY"] = display
    return env


@pytest.fixture(scope="session")
def display() -> Iterator[str | None]:
    """A private Xvfb display for the session, on a display number Xvfb picks itself
    (-displayfd), so parallel test workers never race for one; stopped on teardown.
    Missing Xvfb fails the test with the command that installs it: not a silent skip."""
    # Asked in a child: importing tkinter here would run Tcl's setlocale(LC_CTYPE, "") in
    # the test process, which turns its encoding to ASCII while a test has unset LANG.
    probe = subprocess.run(
        [sys.executable, "-c", "import tkinter"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if probe.returncode != 0:
        pytest.fail(f"tkinter is missing: install your Python's Tk support\n{probe.stderr}", False)
    if not needs_xvfb():
        yield None
        return
    exe = shutil.which("Xvfb")
    if exe is None:
        pytest.fail(
            "Xvfb is not installed, and the --program gui templates are tested on a real Tk: "
            "run scripts/setup-test-system (as root it runs apt-get install -y xvfb)",
            False,
        )
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        [exe, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "800x600x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    os.close(write_end)
    try:
        number = b""
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], 30)
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:
                pytest.fail(f"Xvfb did not report a display (exit code {proc.poll()})", False)
            number += chunk
        yield f":{int(number)}"
    finally:
        os.close(read_end)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
