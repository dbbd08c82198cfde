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

What is measured is the program, not what launches it (`launchers.yaml`): a pyenv shim is
bash running a few bash helpers before it execs the interpreter, so a process whose executable
is a launcher adds no process, thread or memory, and the CPU and context switches a process
spent as a launcher (before its exec) are taken off its own and off the waited-for totals.
Only when nothing but launchers ran (a shell script computing by itself) does everything count.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from advisor import datafiles, procs

if TYPE_CHECKING:
    import psutil

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


_NONE = _Member(0.0, 0, 0, 0.0)


def launchers() -> frozenset[str]:
    """The executables that start a program and only wait for it (`launchers.yaml`)."""
    return frozenset(datafiles.load(__file__, "launchers.yaml")["launchers"])


def _is_launcher(member: psutil.Process, names: frozenset[str]) -> bool | None:
    """Whether *member* (a psutil.Process) runs a launcher's executable right now; None when
    its executable cannot be read (a helper that has exited but is not reaped yet, mid-exec):
    neither the program nor its launcher."""
    import psutil

    pid: int = member.pid
    try:
        # Read anew each time: psutil keeps a process's first answer, and a shim's process
        # becomes the interpreter when it execs (Linux; elsewhere what it was started as).
        exe = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        try:
            exe = (member.cmdline() or [""])[0]
        except psutil.Error:
            return None
    return os.path.basename(exe) in names if exe else None


class _Tally:
    """The members seen so far, each with what it spent while it was a launcher, and the
    peaks of the program's processes, threads and memory (of every member's too)."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.members: dict[tuple[int, float], _Member] = {}
        #: What each member had spent when last seen as a launcher (before its exec).
        self.launching: dict[tuple[int, float], _Member] = {}
        #: The members seen running the program (not a launcher) at least once.
        self.program: set[tuple[int, float]] = set()
        #: What the whole tree had spent at the last sample before the program started: each
        #: live member's own time and that of the children it waited for, so every process
        #: counts once; taken off the waited-for totals (`wait4`), which include it.
        self.before: _Member = _NONE
        #: (rss, threads, processes) peaks: the program's, and every member's.
        self.peaks = [0, 0, 0]
        self.every = [0, 0, 0]

    def sample(self, tree: Sequence[psutil.Process]) -> None:
        """Read each live member of *tree* (psutil.Process objects) once."""
        import psutil

        mine, every, before = [0, 0, 0], [0, 0, 0], [0.0, 0, 0]
        for member in tree:
            try:
                with member.oneshot():
                    times = member.cpu_times()
                    switches = member.num_ctx_switches()
                    used = [member.memory_info().rss, member.num_threads(), 1]
                    key = (member.pid, member.create_time())
                    launcher = _is_launcher(member, self.names)
                seen = _Member(
                    times.user + times.system,
                    switches.voluntary,
                    switches.involuntary,
                    ready_time(member.pid),
                )
            except psutil.Error:
                continue
            waited = getattr(times, "children_user", 0.0) + getattr(times, "children_system", 0.0)
            before = [
                before[0] + seen.cpu + waited,
                before[1] + seen.voluntary,
                before[2] + seen.involuntary,
            ]
            self.members[key] = seen
            every = [x + y for x, y in zip(every, used, strict=True)]
            if launcher:
                self.launching[key] = seen
            elif launcher is not None:
                self.program.add(key)
                mine = [x + y for x, y in zip(mine, used, strict=True)]
        if not self.program:
            self.before = _Member(float(before[0]), int(before[1]), int(before[2]), 0.0)
        self.peaks = [max(x, y) for x, y in zip(self.peaks, mine, strict=True)]
        self.every = [max(x, y) for x, y in zip(self.every, every, strict=True)]

    def own(self, key: tuple[int, float]) -> _Member:
        """What *key* spent as the program: all of it when only launchers ran."""
        seen = self.members[key]
        if not self.program:
            return seen
        if key not in self.program:
            return _NONE
        before = self.launching.get(key, _NONE)
        return _Member(
            max(seen.cpu - before.cpu, 0.0),
            max(seen.voluntary - before.voluntary, 0),
            max(seen.involuntary - before.involuntary, 0),
            max(seen.ready - before.ready, 0.0),
        )

    def launched(self) -> _Member:
        """The launchers' share of the waited-for totals (none when only launchers ran)."""
        return self.before if self.program else _NONE

    def peak(self) -> tuple[int, int, int]:
        """The program's peak memory, threads and processes (every member's when only
        launchers ran: they were the program)."""
        rss, threads, count = self.peaks if self.program else self.every
        return rss, threads, count

    def total(self) -> _Member:
        own = [self.own(k) for k in self.members]
        return _Member(
            sum(m.cpu for m in own),
            sum(m.voluntary for m in own),
            sum(m.involuntary for m in own),
            sum(m.ready for m in own),
        )


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
    tally = _Tally(launchers())
    peak_cores = 0.0
    window_start, window_cpu = start, 0.0
    launched_at = start  # when the last sample before the program's exec was taken
    status = None
    rusage = None
    try:
        root = psutil.Process(proc.pid)
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if not tally.program:  # the program has not started: the launcher's time so far
                launched_at = time.perf_counter()
            tally.sample(procs.tree(root))
            now = time.perf_counter()
            cpu_now = tally.total().cpu
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
    # The program's time starts at the last sample that saw only its launcher (the shim's
    # start-up is not the program's), at our spawn when it was never seen or ran at once.
    wall = time.perf_counter() - (launched_at if tally.program else start)
    proc.returncode = _exit_code(status)  # reaped by wait4: tell Popen so it never waits again
    peak_rss, peak_threads, peak_procs = tally.peak()
    sampled = tally.total()
    launched = tally.launched()
    waited_cpu = rusage.ru_utime + rusage.ru_stime - launched.cpu if rusage else 0.0
    cpu = max(sampled.cpu, waited_cpu)
    if wall < PEAK_WINDOW_S or peak_cores == 0.0:
        peak_cores = cpu / wall if wall else 0.0
    max_rss = rusage.ru_maxrss * (1 if sys.platform == "darwin" else 1024) if rusage else 0
    if max_rss <= inherited:
        max_rss = 0
    return Sampled(
        exit_code=proc.returncode,
        wall_s=wall,
        cpu_s=cpu,
        ready_s=sampled.ready,
        peak_cores=max(peak_cores, cpu / wall if wall else 0.0),
        peak_threads=max(peak_threads, 1),
        peak_processes=max(peak_procs, 1),
        peak_rss=max(peak_rss, max_rss),
        ctx_voluntary=max(sampled.voluntary, rusage.ru_nvcsw - launched.voluntary if rusage else 0),
        ctx_involuntary=max(
            sampled.involuntary, rusage.ru_nivcsw - launched.involuntary if rusage else 0
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
