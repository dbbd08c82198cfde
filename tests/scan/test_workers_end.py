"""A scan's worker processes end with the scan, however the scan's process ends.

A reviewer saw them survive: a large scan killed (``kill -9``, a CI job's time-out, an editor
stopping its language server) left one worker per core running, asleep on a queue nobody
would ever write to. Each test starts a real scan of a tree large enough for the process pool
(`lint.jobs.PARALLEL_MIN_FILES`, `PARALLEL_MIN_BYTES`), waits until its workers exist, ends
the scan's process one way, and counts the workers still running. Nothing here times
anything: the waits only bound how long a broken build may hang the test run."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from advisor.lint.jobs import PARALLEL_MIN_BYTES, PARALLEL_MIN_FILES

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and reparenting")

#: The workers asked for (``-j``): the pool starts them all at its first batch.
WORKERS = 2


#: One module of a service, the shape every rule family reads: coroutines calling helpers
#: that block, a thread, a task kept and one not. Repeated with its names numbered, so each
#: file costs the checks real work.
UNIT = """
async def handler_{n}(request):
    data = load_{n}(request.path)
    task = asyncio.create_task(notify_{n}(data))
    await asyncio.sleep(0)
    return data, task


def load_{n}(path):
    with open(path) as handle:
        time.sleep(0.1)
        return handle.read()


async def notify_{n}(data):
    requests.post("http://example.invalid", data=data)
    threading.Thread(target=work_{n}, args=(data,)).start()


def work_{n}(data):
    return sum(i * i for i in range(len(data)))
"""


def _tree(root: Path) -> Path:
    """Enough files and bytes that the first pass is shared out to the workers."""
    files = PARALLEL_MIN_FILES * 2
    units = PARALLEL_MIN_BYTES * 2 // (files * len(UNIT)) + 1
    head = "import asyncio\nimport threading\nimport time\n\nimport requests\n"
    for i in range(files):
        body = "".join(UNIT.format(n=f"{i}_{k}") for k in range(units))
        (root / f"service_{i}.py").write_text(head + body, encoding="utf-8")
    return root


def _scan(tree: Path, cache: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ADVISOR_CACHE_DIR": str(cache)}
    return subprocess.Popen(
        [sys.executable, "-m", "advisor", "scan", str(tree), "-j", str(WORKERS), "--exit-zero"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a shell's job is
    )


def _workers(scan: subprocess.Popen[bytes]) -> list[psutil.Process]:
    """The scan's worker processes, once they all exist (the scan still running)."""
    parent = psutil.Process(scan.pid)
    while scan.poll() is None:
        children = parent.children()
        if len(children) >= WORKERS:
            return children
        psutil.wait_procs([parent], timeout=0.05)
    pytest.fail("the scan ended before its workers were seen: the tree is too small")


def _running(processes: list[psutil.Process]) -> list[psutil.Process]:
    """Those of *processes* still running once each had a minute to end (a zombie, ended
    but not yet reaped by its new parent, has ended)."""
    _, alive = psutil.wait_procs(processes, timeout=60)
    running = []
    for process in alive:
        try:
            if process.status() != psutil.STATUS_ZOMBIE:
                running.append(process)
        except psutil.NoSuchProcess:
            pass
    return running


@pytest.mark.parametrize(
    ("how", "group"),
    [(signal.SIGKILL, False), (signal.SIGTERM, False), (signal.SIGINT, True)],
    ids=["kill-9", "terminated", "ctrl-c"],
)
def test_workers_end_with_the_scan(tmp_path: Path, how: signal.Signals, group: bool) -> None:
    """``kill -9`` and ``kill`` of the scan's process alone, and Ctrl-C (the terminal signals
    the whole foreground group): no worker is left running."""
    tree = tmp_path / "tree"
    tree.mkdir()
    scan = _scan(_tree(tree), tmp_path / "cache")
    workers: list[psutil.Process] = []
    try:
        workers = _workers(scan)
        if group:
            os.killpg(scan.pid, how)
        else:
            os.kill(scan.pid, how)
        scan.wait(timeout=120)
        assert [p.pid for p in _running(workers)] == []
    finally:  # whatever failed, nothing of this test is left running
        for process in [*workers, psutil.Process(scan.pid)] if scan.poll() is None else workers:
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        scan.wait(timeout=120)
