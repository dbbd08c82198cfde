"""Run the user's command as a child and sample its whole process tree until it exits.

The child inherits our stdin, stdout and stderr, so its output passes through untouched and
it can still be interactive. CPU time and context switches come from two sources that
complement each other: psutil samples of every live member of the tree (processes that
exit between samples are caught by the second), and the rusage that `wait4` returns for the
child and every descendant it waited for (processes that never get waited for are caught
by the first). The larger of the two is kept.

Signals, so that the program sees each one exactly once. At a terminal where we are in the
foreground, the child stays in our process group: Ctrl-C reaches it directly and we do not
forward that one; a SIGINT or SIGTERM sent to us alone (`kill`) is forwarded (on Linux,
`sigtimedwait` tells the two apart: a terminal's signal comes from the kernel, a `kill` from
a process). Without such a terminal (CI runners, `timeout`, supervisors), senders often
signal the whole process group, and a process cannot tell `kill(pid)` from `killpg`: there the
child runs in a process group of its own, which group signals to ours cannot reach, and we
forward every SIGINT and SIGTERM to its group, once. If advisor itself is killed outright,
the kernel sends the child SIGTERM (Linux's parent-death signal), so it never runs on orphaned.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from advisor import procs

INTERVAL_S = 0.05
PEAK_WINDOW_S = 0.25  # "cores busy at peak" is averaged over at least this long
SI_USER = 0
FORWARDED = (signal.SIGINT, signal.SIGTERM)


class Sampled(NamedTuple):
    exit_code: int
    wall_s: float
    cpu_s: float
    ready_s: float  # time the tree's threads were ready to run but waited for a core (Linux)
    peak_cores: float
    peak_threads: int
    peak_processes: int
    peak_rss: int
    ctx_voluntary: int
    ctx_involuntary: int


class _Member(NamedTuple):
    cpu: float
    voluntary: int
    involuntary: int
    ready: float


def ready_time(pid: int) -> float:
    """Seconds the threads of *pid* spent runnable but waiting for a core (Linux schedstat).

    On a loaded machine a CPU-bound program gets a fraction of a core, so its CPU time alone
    makes it look like it waits on I/O; the time it spent queued for a core shows it did not.
    psutil has no API for this, hence the one read of /proc; 0.0 where it does not exist.
    """
    total = 0
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0.0
    for tid in threads:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat", encoding="ascii") as handle:
                total += int(handle.read().split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e9


def _own_peak_rss() -> int:
    """Our own peak RSS in bytes (0 where `resource` does not exist)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak * (1 if sys.platform == "darwin" else 1024))


def _exit_code(status: int) -> int:
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code  # killed by signal N: 128 + N, as shells report


def run(command: Sequence[str], env: Mapping[str, str]) -> Sampled:
    """Run *command* to completion; FileNotFoundError/PermissionError if it cannot start."""
    import psutil

    # Linux keeps, as a process's own peak, the peak of the memory it had before exec, which
    # for a child of ours is our own (newcomer #31): a peak no higher than ours says nothing.
    inherited = _own_peak_rss()
    start = time.perf_counter()
    # preexec_fn is unsafe only with other threads alive: `profile` has started none by now,
    # and the function makes one system call.
    arm = procs.die_with_us()
    can_wait = hasattr(signal, "sigtimedwait")
    alone = can_wait and not _terminal_foreground()
    proc = subprocess.Popen(
        list(command),
        env=dict(env),
        preexec_fn=arm,  # noqa: PLW1509
        process_group=0 if alone else None,
    )
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, FORWARDED) if can_wait else None
    old_handlers = {}
    if not can_wait:  # pragma: no cover - macOS: no siginfo; the terminal reaches the child
        old_handlers[signal.SIGINT] = signal.signal(signal.SIGINT, signal.SIG_IGN)
    members: dict[tuple[int, float], _Member] = {}
    peak_rss = peak_threads = peak_procs = 0
    peak_cores = 0.0
    window_start, window_cpu = start, 0.0
    status = None
    rusage = None
    try:
        root = psutil.Process(proc.pid)
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            rss = threads = count = 0
            for member in procs.tree(root):
                try:
                    with member.oneshot():
                        times = member.cpu_times()
                        switches = member.num_ctx_switches()
                        rss += member.memory_info().rss
                        threads += member.num_threads()
                        key = (member.pid, member.create_time())
                    members[key] = _Member(
                        times.user + times.system,
                        switches.voluntary,
                        switches.involuntary,
                        ready_time(member.pid),
                    )
                    count += 1
                except psutil.Error:
                    continue
            peak_rss, peak_threads = max(peak_rss, rss), max(peak_threads, threads)
            peak_procs = max(peak_procs, count)
            now = time.perf_counter()
            cpu_now = sum(m.cpu for m in members.values())
            if now - window_start >= PEAK_WINDOW_S:
                peak_cores = max(peak_cores, (cpu_now - window_cpu) / (now - window_start))
                window_start, window_cpu = now, cpu_now
            _wait_signal(proc.pid, INTERVAL_S, can_wait, alone)
    finally:
        if status is None and proc.poll() is None:  # we are leaving early: do not orphan it
            with contextlib.suppress(OSError):
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                procs.end_tree(proc.pid)
        if old_mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
        for sig, handler in old_handlers.items():
            signal.signal(sig, handler)
    wall = time.perf_counter() - start
    proc.returncode = _exit_code(status)  # reaped by wait4: tell Popen so it never waits again
    sampled_cpu = sum(m.cpu for m in members.values())
    waited_cpu = rusage.ru_utime + rusage.ru_stime if rusage else 0.0
    cpu = max(sampled_cpu, waited_cpu)
    if wall < PEAK_WINDOW_S or peak_cores == 0.0:
        peak_cores = cpu / wall if wall else 0.0
    max_rss = rusage.ru_maxrss * (1 if sys.platform == "darwin" else 1024) if rusage else 0
    if max_rss <= inherited:
        max_rss = 0
    return Sampled(
        exit_code=proc.returncode,
        wall_s=wall,
        cpu_s=cpu,
        ready_s=sum(m.ready for m in members.values()),
        peak_cores=max(peak_cores, cpu / wall if wall else 0.0),
        peak_threads=max(peak_threads, 1),
        peak_processes=max(peak_procs, 1),
        peak_rss=max(peak_rss, max_rss),
        ctx_voluntary=max(
            sum(m.voluntary for m in members.values()), rusage.ru_nvcsw if rusage else 0
        ),
        ctx_involuntary=max(
            sum(m.involuntary for m in members.values()), rusage.ru_nivcsw if rusage else 0
        ),
    )


def _terminal_foreground() -> bool:
    """True when a terminal's keys would signal our process group (Ctrl-C reaches the child)."""
    for fd in (0, 1, 2):
        try:
            if os.isatty(fd) and os.tcgetpgrp(fd) == os.getpgrp():
                return True
        except OSError:
            continue
    return False


def _wait_signal(child: int, timeout: float, can_wait: bool, alone: bool = False) -> None:
    """Sleep up to *timeout*; forward a SIGINT/SIGTERM the child cannot have seen.

    *alone*: the child leads a process group of its own, so nothing sent to us reached it.
    """
    if not can_wait:  # pragma: no cover - macOS
        time.sleep(timeout)
        return
    info = signal.sigtimedwait(FORWARDED, timeout)
    if info is None:
        return
    if alone and info.si_pid != child:
        with contextlib.suppress(OSError):
            os.killpg(child, info.si_signo)
    elif info.si_code == SI_USER and info.si_pid != child:
        with contextlib.suppress(OSError):
            os.kill(child, info.si_signo)
