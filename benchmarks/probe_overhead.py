"""What `advisor profile`'s in-process probe costs a program: wall time with the probe on, as a
ratio to the same program without it, measured in the same run.

Run on demand:  python benchmarks/probe_overhead.py [--runs 7] [--block-ms 100]

Four programs (written to a temporary folder): a CPU-heavy one (a pure-Python loop in one
thread, the probe's watchdog competing for the GIL), a CPU-heavy asyncio one (50 tasks
computing between awaits: the loop is late nearly all the time, so the watchdog samples its
stack), an I/O-heavy one (an asyncio echo server and 200 clients over loopback TCP, the
probe's tick and watchdog on a busy loop), and an I/O-heavy trio one where trio is installed
(100 clients; the probe's instrument runs once per task step).
Each runs as `python prog.py` with and without the probe's environment (exactly what
`advisor profile` gives its child), interleaved, so a noisy neighbour hurts both alike; the
figure is the median of the per-pair ratios. Goal (issue 20): under 1.05. Exits 1 when missed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor.profiler.pipeline import probe_env

GOAL = 1.05

CPU = """
def work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total

print(work(12_000_000))
"""

IO = """
import asyncio

CLIENTS, ROUNDS = 200, 40

async def echo(reader, writer):
    while data := await reader.readline():
        await asyncio.sleep(0.002)  # the far end takes a moment: the program waits
        writer.write(data)
        await writer.drain()
    writer.close()

async def client(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for i in range(ROUNDS):
        writer.write(b"%d\\n" % i)
        await writer.drain()
        await reader.readline()
    writer.close()
    await writer.wait_closed()

async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await asyncio.gather(*(client(port) for _ in range(CLIENTS)))
    print(CLIENTS * ROUNDS)

asyncio.run(main())
"""

# The shape of a CPU-heavy asyncio program: 50 tasks computing between awaits, so the loop's
# tick is late nearly all the time and the watchdog samples the loop thread's stack.
ASYNC_CPU = """
import asyncio

async def work():
    total = 0
    for _ in range(20):
        for i in range(20_000):
            total += i * i % 7
        await asyncio.sleep(0)
    return total

async def main():
    print(sum(await asyncio.gather(*(work() for _ in range(50)))))

asyncio.run(main())
"""

TRIO = """
import trio

CLIENTS, ROUNDS = 100, 40

async def echo(stream):
    try:
        while data := await stream.receive_some(64):
            await trio.sleep(0.002)  # the far end takes a moment: the program waits
            await stream.send_all(data)
    except trio.BrokenResourceError:
        pass

async def client(port):
    stream = await trio.open_tcp_stream("127.0.0.1", port)
    async with stream:
        for i in range(ROUNDS):
            await stream.send_all(b"%d\\n" % i)
            await stream.receive_some(64)

async def main():
    async with trio.open_nursery() as nursery:
        listeners = await nursery.start(trio.serve_tcp, echo, 0)
        port = listeners[0].socket.getsockname()[1]
        async with trio.open_nursery() as clients:
            for _ in range(CLIENTS):
                clients.start_soon(client, port)
        nursery.cancel_scope.cancel()
    print(CLIENTS * ROUNDS)

trio.run(main)
"""


def run(program: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of *program*."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, str(program)], env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--block-ms", type=float, default=100.0)
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_PROBE")}
    # An installed probe has its .pyc (pip compiles it); the warm-up run below writes it here.
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="advisor-overhead-") as folder:
        root = Path(folder)
        reports = root / "reports"
        reports.mkdir()
        probed = probe_env(base, str(reports), args.block_ms)
        print(
            f"{'program':<12} {'without':>9} {'with probe':>11} {'wall ratio':>11} {'CPU ratio':>10}"
        )
        programs = [
            ("CPU-heavy", "cpu", CPU),
            ("async CPU", "async_cpu", ASYNC_CPU),
            ("I/O-heavy", "io", IO),
        ]
        if importlib.util.find_spec("trio") is not None:
            programs.append(("trio I/O", "trio_io", TRIO))
        for name, stem, source in programs:
            program = root / f"{stem}.py"
            program.write_text(source, encoding="utf-8")
            run(program, probed)  # warm the file cache and the .pyc files once, uncounted
            walls: list[tuple[float, float]] = []
            cpus: list[float] = []
            for i in range(args.runs):
                order = [(False, base), (True, probed)]
                if i % 2:
                    order.reverse()  # alternate who goes first
                got = {with_probe: run(program, env) for with_probe, env in order}
                walls.append((got[False][0], got[True][0]))
                cpus.append(got[True][1] / got[False][1])
            ratio = statistics.median(w_on / w_off for w_off, w_on in walls)
            off = statistics.median(w for w, _ in walls)
            on = statistics.median(w for _, w in walls)
            cpu_ratio = statistics.median(cpus)
            worst = max(worst, ratio)
            print(f"{name:<12} {off:>8.2f}s {on:>10.2f}s {ratio:>11.3f} {cpu_ratio:>10.3f}")
        probes = len(list(reports.glob("probe-*.json")))
        print(f"probe reports written: {probes}; goal: wall ratio < {GOAL}")
    return 0 if worst < GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
