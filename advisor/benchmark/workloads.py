"""The work each task does: a request to the loopback server, CPU work, shared-state updates.

Kept apart from the runners so every model runs exactly the same work; the only thing that
changes between models is how the tasks are scheduled. CPU work is calibrated once by the
parent (`calibrate_cpu`, `calibrate_native`) and handed to every run as a loop count, so a
slower run means a slower model, not a different amount of work.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import socket
import time
from typing import NamedTuple

from advisor.benchmark.server import HOST, REPLY, REQUEST

#: hashlib releases the GIL for inputs of 2048 bytes or more; one block of this size is
#: hashed as many times as the calibration says, so no large buffer is ever copied.
NATIVE_BLOCK = 1 << 20


class Work(NamedTuple):
    """What one task does, in units the runners can execute without calibrating again."""

    port: int = 0  # 0: no request
    cpu_loops: int = 0  # pure-Python loop iterations
    native_blocks: int = 0  # NATIVE_BLOCK-sized sha256 updates (GIL released)
    increments: int = 0  # updates of shared state


def cpu_loop(loops: int) -> int:
    """Pure-Python arithmetic: holds the GIL the whole time, as parsing or scoring code does."""
    total = 0
    for i in range(loops):
        total += i * i % 7
    return total


_BLOCK: bytes | None = None


def native_hash(blocks: int) -> int:
    """sha256 over a 1 MiB block, *blocks* times: C code that releases the GIL while it runs."""
    global _BLOCK  # noqa: PLW0603 - one buffer per process, created on first use
    if _BLOCK is None:
        _BLOCK = bytes(range(256)) * (NATIVE_BLOCK // 256)
    digest = hashlib.sha256()
    for _ in range(blocks):
        digest.update(_BLOCK)
    return digest.digest()[0]


def _best_rate(fn: object, units: int, tries: int = 3) -> float:
    """Units per millisecond, from the fastest of a few tries (the least disturbed by noise)."""
    assert callable(fn)
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        fn(units)
        best = min(best, time.perf_counter() - start)
    return units / max(best * 1000, 1e-6)


def calibrate_cpu(cpu_ms: float) -> int:
    """Loop iterations that take about *cpu_ms* milliseconds on this machine."""
    if cpu_ms <= 0:
        return 0
    return max(1, round(_best_rate(cpu_loop, 200_000) * cpu_ms))


def calibrate_native(cpu_ms: float) -> int:
    """1 MiB sha256 updates that take about *cpu_ms* milliseconds on this machine."""
    if cpu_ms <= 0:
        return 0
    return max(1, round(_best_rate(native_hash, 8) * cpu_ms))


def blocking_request(port: int) -> bool:
    """One request over a new blocking connection, as `requests` or a database driver would."""
    with socket.create_connection((HOST, port), timeout=60) as sock:
        sock.sendall(REQUEST)
        data = b""
        while not data.endswith(b"\n"):
            chunk = sock.recv(64)
            if not chunk:
                break
            data += chunk
    return data == REPLY


async def async_request(port: int) -> bool:
    """The same request over asyncio streams."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        writer.write(REQUEST)
        await writer.drain()
        data = await reader.readline()
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()
    return data == REPLY


def compute(work: Work) -> int:
    """The CPU part of one task (pure Python, or native, or nothing)."""
    result = 0
    if work.cpu_loops:
        result += cpu_loop(work.cpu_loops)
    if work.native_blocks:
        result += native_hash(work.native_blocks)
    return result
