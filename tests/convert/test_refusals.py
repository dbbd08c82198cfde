"""A refusal lists every blocker of a file (issue 18), and the notes convert owes the user:
a ``--prefer`` that changed nothing, a ``requires-python`` it could not read. Driven through
the installed CLI where the user would see it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import advisor

MANY = """import queue
import threading

LOCK = threading.Lock()
JOBS = queue.Queue()


def work(n):
    LOCK.acquire()
    print(n, JOBS.get(timeout=1))
    LOCK.release()


def main():
    t = threading.Thread(target=work, args=(1,), daemon=True)
    t.start()
    t.join(timeout=1)


if __name__ == "__main__":
    main()
"""

PLAIN = """import threading
import time


def work(n):
    time.sleep(0.01)
    print(n)


def main():
    ts = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()
"""


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", "convert", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_every_blocker_is_listed(tmp_path: Path) -> None:
    """Lock, queue, daemon thread and join(timeout): four lines, not the first one only."""
    program = tmp_path / "program.py"
    program.write_text(MANY, encoding="utf-8")
    result = advisor.convert([program], target_version="3.11")
    assert [(r.line, r.reason) for r in result.refusals] == [
        (4, "lock"),
        (5, "queue"),
        (15, "daemon"),
        (17, "thread-shape"),
    ]
    assert result.files[0].after == MANY
    proc = _cli("program.py", "--target-version", "3.11", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if "left as is (" in ln]
    assert [ln.split(":")[1] for ln in lines] == ["4", "5", "15", "17"]


def test_prefer_that_changes_nothing_says_so(tmp_path: Path) -> None:
    (tmp_path / "program.py").write_text(PLAIN, encoding="utf-8")
    proc = _cli("program.py", "--prefer", "httpx", "--target-version", "3.11", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr  # a note, not a refusal
    assert "note (prefer-unused)" in proc.stderr
    assert "--prefer httpx changed nothing" in proc.stderr
    zh = _cli(
        "program.py",
        "--prefer",
        "httpx",
        "--target-version",
        "3.11",
        "--lang",
        "zh-TW",
        cwd=tmp_path,
    )
    assert "--prefer httpx 沒有改變任何內容" in zh.stderr


def test_invalid_requires_python_is_said_out_loud(tmp_path: Path) -> None:
    (tmp_path / "program.py").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nrequires-python = "garbage"\n', encoding="utf-8"
    )
    proc = _cli("program.py", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    notes = [ln for ln in proc.stderr.splitlines() if "requires-python-unread" in ln]
    assert len(notes) == 1
    assert "'garbage'" in notes[0]
    (tmp_path / "pyproject.toml").write_text("[project\nname =", encoding="utf-8")
    proc = _cli("program.py", cwd=tmp_path)
    assert "is not valid TOML" in proc.stderr
    proc = _cli("program.py", "--target-version", "3.11", cwd=tmp_path)
    assert "requires-python-unread" not in proc.stderr  # the user chose: nothing to say


def test_a_nul_byte_is_named_with_its_line(tmp_path: Path) -> None:
    """Review defect #44: the error said ``nul.py:0``."""
    (tmp_path / "nul.py").write_bytes(b"import threading\nx = 1\x00\n")
    proc = _cli("nul.py", cwd=tmp_path)
    assert proc.returncode == 2
    assert "nul.py:2: not valid Python" in proc.stderr
