"""Progress on a large tree (review defect #54): on a terminal, ``convert`` shows how far it
is on stderr once the work takes more than a moment and clears the line before the summary;
in a log it says nothing for a quick run. Driven through the CLI with stderr on a real
pseudo-terminal."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli._progress import Progress

PROGRAM = """import threading
import time


def work(n):
    time.sleep(0.01)


def main():
    ts = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()
"""


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_progress_in_place_after_a_moment() -> None:
    now = [0.0]
    stream = _Tty()
    progress = Progress(stream, lambda s, d, t: f"{s} {d}/{t}", clock=lambda: now[0])
    progress("read", 0, 30)  # quick so far: nothing
    assert stream.getvalue() == ""
    now[0] = 1.0
    progress("read", 1, 30)
    now[0] = 1.05
    progress("read", 2, 30)  # within a tenth of a second of the last: not redrawn
    now[0] = 1.2
    progress("convert", 0, 30)
    progress("convert", 1, 3)  # three files are never worth a line
    progress.close()
    assert stream.getvalue() == "\rread 1/30\rconvert 0/30" + "\r" + " " * 12 + "\r"


def test_log_progress_only_when_slow() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(stream, lambda s, d, t: f"{s} {d}/{t}", clock=lambda: now[0])
    now[0] = 4.0
    progress("read", 10, 300)
    assert stream.getvalue() == ""
    now[0] = 6.0
    progress("read", 20, 300)
    now[0] = 7.0
    progress("read", 30, 300)
    progress.close()
    assert stream.getvalue() == "read 20/300\n"


def _tree(root: Path, count: int) -> None:
    for n in range(count):
        (root / f"job_{n:03}.py").write_text(PROGRAM, encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_convert_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    _tree(tmp_path, 30)
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "advisor", "convert", ".", "--lang", "en", "--format", "plain"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=slave,
            env={**os.environ, "NO_COLOR": "1"},
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed its end
                break
            if not data:
                break
            chunks.append(data)
        out, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    err = b"".join(chunks).decode()
    assert proc.returncode == 0, err
    assert "convert: reading " in err or "convert: converting " in err
    assert "of 30 files" in err
    tail = err[err.rfind("of 30 files") :]
    assert re.search(r"\r +\r", tail)  # the progress line was cleared before the summary
    assert "30 file(s)" in tail
    assert out.decode().startswith("--- a/")


def test_no_progress_in_a_log_for_a_quick_run(tmp_path: Path) -> None:
    _tree(tmp_path, 2)
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "convert", ".", "--lang", "en"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "convert: reading" not in proc.stderr
