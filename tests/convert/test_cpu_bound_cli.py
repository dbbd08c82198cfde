"""A thread pool whose work is CPU-heavy pure Python is left as is by `advisor convert`, saying
why in the user's language (ADV107, process pools); a pool of I/O work converts as before.

Our own minimal reproductions, after the hostile new-user review of 2026-12-07: a pure-Python
Mandelbrot mapped over ``ThreadPoolExecutor(max_workers=8).map`` became ``async def mandel``
with no ``await`` (its coroutines then ran one after another) while `advisor scan` said ADV107.
Driven through the installed CLI in a subprocess, as the user ran it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

MANDEL = """from concurrent.futures import ThreadPoolExecutor


def mandel(row):
    out = []
    for x in range(400):
        c = complex(-2 + x * 3 / 400, -1.5 + row * 3 / 300)
        z = 0j
        n = 0
        while abs(z) <= 2 and n < 100:
            z = z * z + c
            n += 1
        out.append(n)
    return out


def main():
    with ThreadPoolExecutor(max_workers=8) as pool:
        {call}
    print(len(rows))


if __name__ == "__main__":
    main()
"""
MAP = "rows = list(pool.map(mandel, range(300)))"
SUBMIT = "future = pool.submit(mandel, 1)\n        rows = future.result()"

THREADS = MANDEL.replace(
    "from concurrent.futures import ThreadPoolExecutor", "import threading"
).replace(
    """    with ThreadPoolExecutor(max_workers=8) as pool:
        {call}
    print(len(rows))""",
    """    threads = [threading.Thread(target=mandel, args=(r,)) for r in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()""",
)


def test_cpu_bound_thread_is_left_as_is_too(tmp_path: Path) -> None:
    """The same class through ``threading.Thread(target=...)`` (ADV201), which ADV107 reports."""
    (tmp_path / "render.py").write_text(THREADS, encoding="utf-8")
    proc = _run("convert", "render.py", "--target-version", "3.11", "--lang", "en", cwd=tmp_path)
    lines = [ln for ln in proc.stderr.splitlines() if "left as is (cpu-bound)" in ln]
    assert len(lines) == 1, proc.stderr
    assert "threading.Thread runs `mandel` at line 18" in lines[0]


# The negative twin: the same pool doing I/O (a sleep standing in for a request) converts.
FETCH = """import time
from concurrent.futures import ThreadPoolExecutor


def fetch(row):
    total = 0
    for x in range(400):
        total += x * row
    time.sleep(0.01)
    return total


def main():
    with ThreadPoolExecutor(max_workers=8) as pool:
        rows = list(pool.map(fetch, range(30)))
    print(len(rows))


if __name__ == "__main__":
    main()
"""


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("call", [MAP, SUBMIT], ids=["map", "submit"])
def test_cpu_bound_pool_is_left_as_is_and_says_why(tmp_path: Path, call: str) -> None:
    source = MANDEL.replace("{call}", call)
    (tmp_path / "render.py").write_text(source, encoding="utf-8")
    scan = _run("scan", "render.py", "--lang", "en", cwd=tmp_path)
    assert "ADV107" in scan.stdout, scan.stdout
    proc = _run("convert", "render.py", "--target-version", "3.11", "--lang", "en", cwd=tmp_path)
    assert "async def" not in proc.stdout  # no diff of a conversion
    lines = [ln for ln in proc.stderr.splitlines() if "left as is (cpu-bound)" in ln]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("render.py:19:")
    assert "`mandel`" in lines[0]
    assert "ADV107" in lines[0]
    assert "ProcessPoolExecutor" in lines[0]
    zh = _run("convert", "render.py", "--target-version", "3.11", "--lang", "zh-TW", cwd=tmp_path)
    assert "CPU 密集的純 Python 程式碼（ADV107）" in zh.stderr, zh.stderr
    assert "請改用 ProcessPoolExecutor" in zh.stderr
    written = _run("convert", "render.py", "--write", "--target-version", "3.11", cwd=tmp_path)
    assert "cpu-bound" in written.stdout + written.stderr
    assert (tmp_path / "render.py").read_text(encoding="utf-8") == source


def test_io_pool_still_converts(tmp_path: Path) -> None:
    (tmp_path / "fetch.py").write_text(FETCH, encoding="utf-8")
    scan = _run("scan", "fetch.py", cwd=tmp_path)
    assert "ADV107" not in scan.stdout
    proc = _run("convert", "fetch.py", "--target-version", "3.11", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "+async def fetch(row):" in proc.stdout
    assert "cpu-bound" not in proc.stderr
