"""The loopback server the I/O workloads talk to: one asyncio process, 127.0.0.1 only.

Each request is one line on a new connection; the server waits the configured latency
without blocking (so it can hold thousands of requests at once) and answers ``ok``.
It runs in its own process so that the models under test do not share its event loop or
its CPU accounting, and so it can be stopped (and its count of answered requests read)
whatever happens to the bench.

Run as ``python -m advisor.benchmark.server LATENCY_MS``: prints ``port N`` once listening,
``served N`` when it receives SIGTERM or SIGINT or its stdin closes, then exits. It also
exits by itself when its parent dies, so it can never outlive the bench.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
from types import TracebackType
from typing import IO

HOST = "127.0.0.1"
REPLY = b"ok\n"
REQUEST = b"x\n"


def raise_fd_limit() -> None:
    """Thousands of sockets in flight need more descriptors than a default soft limit of 1024."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


async def _serve(latency: float) -> int:
    served = 0
    stop = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal served
        try:
            line = await reader.readline()
            if line:
                await asyncio.sleep(latency)
                writer.write(REPLY)
                await writer.drain()
                served += 1
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    parent = os.getppid()
    server = await asyncio.start_server(handle, HOST, 0, backlog=4096)
    port = server.sockets[0].getsockname()[1]
    print(f"port {port}", flush=True)
    async with server:
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), 0.5)
            except TimeoutError:
                if os.getppid() != parent:  # orphaned: the bench is gone
                    break
    return served


def main(argv: list[str]) -> int:
    raise_fd_limit()
    latency = float(argv[0]) / 1000 if argv else 0.02
    served = asyncio.run(_serve(latency))
    print(f"served {served}", flush=True)
    return 0


class LoopbackServer:
    """Start the server process, learn its port, stop it and read how many requests it answered.

    A context manager, so the server ends on any exit path, Ctrl-C included. The child gets
    its own session: a Ctrl-C at the terminal reaches the bench, which then stops it, rather
    than killing it midway through a run.
    """

    def __init__(self, latency_ms: float) -> None:
        self.latency_ms = latency_ms
        self.port = 0
        self.served: int | None = None
        self.errors: list[str] = []  # the server's stderr, once stopped
        self._stderr: IO[str] | None = None
        self._proc: subprocess.Popen[str] | None = None

    def start(self) -> LoopbackServer:
        import tempfile

        # A file, not a pipe: a server that writes warnings under load must never block on it.
        self._stderr = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed in stop()
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "advisor.benchmark.server", str(self.latency_ms)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            start_new_session=True,
        )
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line.startswith("port "):
            self.stop()
            reason = self.errors[-1] if self.errors else "it exited without a port"
            from advisor.errors import BenchError

            raise BenchError(
                f"the bench's loopback server did not start: {reason}",
                key="bench_server",
                reason=reason,
            )
        self.port = int(line.split()[1])
        return self

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def stop(self) -> int | None:
        """End the server; return the number of requests it answered (None if unknown)."""
        proc = self._proc
        if proc is None:
            return self.served
        self._proc = None
        try:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            out, _ = proc.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        if self._stderr is not None:
            self._stderr.seek(0)
            self.errors = [line for line in self._stderr.read().splitlines() if line.strip()]
            self._stderr.close()
            self._stderr = None
        for line in (out or "").splitlines():
            if line.startswith("served "):
                self.served = int(line.split()[1])
        return self.served

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
