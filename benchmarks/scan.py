"""`advisor scan` over the standard library against ruff and the `ast` floor, in one run.

    python benchmarks/scan.py [--repeat N] [--path DIR | --package NAME] [--baseline DIR ...]

Times, in the same run on the same files: `advisor scan` cold (empty cache), warm (second run
over unchanged files) and edit (one file changed: a comment appended to the first ``.py`` file of
the tree). Every run reads a private copy of the tree (the folders the scanner skips left out),
never the tree itself: the edit once appended to the real standard library's ``__future__.py``,
and every Python on the machine that imported it meanwhile failed. `ruff check --isolated --no-cache --select ASYNC` (the baseline; isolated,
because a tree's own ruff configuration may not even load), and the single-core floor of reading
every file with `ast.parse` + `ast.walk`. Prints wall seconds, the ratios against ruff, CPU seconds
and peak RSS of each process. Goals: cold <= 3x ruff, warm <= 0.5x ruff. With ``--baseline DIR``
(a folder holding an older ``advisor`` package, e.g. ``git archive <commit> advisor | tar -x -C
DIR``) the older scanner's cold and warm runs are timed in the same run, interleaved, for a
before/after ratio; ``--baseline`` may be given more than once (the issue's start and the last
release, say), each timed in every round. Every row shows the best run and the median CPU of
the N runs; the ratios against each baseline are the medians' (one slow round on a shared
machine moves a best-of-N less, a median less than a mean).
``--package NAME`` scans a package of ``scan_packages.yaml`` instead (fetched by ``corpus.py``,
pinned by sha256): ``--package homeassistant`` is the corpus's biggest, 10,913 files. Each command runs as a fresh
process, as a user would run it; the best of N runs counts (the machine is shared).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from typing import NamedTuple

FLOOR = """
import ast, os, sys
root = sys.argv[1]
for folder, dirs, files in os.walk(root):
    dirs[:] = [d for d in dirs if d not in ("site-packages", "__pycache__")]
    for name in files:
        if name.endswith(".py"):
            try:
                with open(os.path.join(folder, name), "rb") as handle:
                    tree = ast.parse(handle.read())
            except (SyntaxError, ValueError):
                continue
            for _ in ast.walk(tree):
                pass
"""


class Ran(NamedTuple):
    """One command's wall time, CPU time (user + system, its process tree) and peak RSS."""

    seconds: float
    cpu: float
    peak_mb: float


def timed(command: list[str], env: dict[str, str], *, check: bool = False) -> Ran:
    """Run *command* as a fresh process; its own rusage (wait4), not the benchmark's.

    With *check*, a failing command stops the benchmark: ruff exits 2 at once when a
    configuration in the tree does not load (Home Assistant's `ruff.toml` files extend a
    `pyproject.toml` the wheel does not ship), and timing that would time nothing."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=env,
        cwd=tempfile.gettempdir(),  # `-m advisor` must not pick up a checkout in the cwd
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if check else subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if check and process.returncode != 0:
        err = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise SystemExit(f"{command[0]} failed ({process.returncode}): {err[:400]}")
    if process.stderr:
        process.stderr.close()
    # wait4 reports the child with its reaped descendants (a scan's pool workers): CPU summed,
    # ru_maxrss the largest single process of the tree, in KiB on Linux.
    return Ran(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def first_python_file(root: str) -> str:
    """The file an "edit" run changes: the first ``.py`` file of the tree, in sorted order."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                return os.path.join(folder, name)
    raise SystemExit(f"no Python file under {root}")


def private_copy(root: str, into: str) -> str:
    """A copy of *root* under *into*, without the folders the scanner skips (``__pycache__``,
    ``site-packages`` and the like, `advisor.lint` data ``skip_dirs``): what every run reads,
    so the edit run changes a file nobody else imports."""
    skipped = {"__pycache__", "site-packages", "dist-packages", ".git", "node_modules"}
    tree = os.path.join(into, os.path.basename(os.path.normpath(root)) or "tree")
    shutil.copytree(root, tree, symlinks=True, ignore=lambda _dir, names: skipped & set(names))
    return tree


@contextlib.contextmanager
def appended(path: str) -> Iterator[None]:
    """*path* with a comment line appended (one file changed, its lines unmoved), restored
    byte for byte afterwards, also when the run fails."""
    with open(path, "rb") as handle:
        original = handle.read()
    try:
        with open(path, "ab") as handle:
            handle.write(b"\n# advisor benchmark: one file changed\n")
        yield
    finally:
        with open(path, "wb") as handle:
            handle.write(original)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--path", default=sysconfig.get_paths()["stdlib"])
    parser.add_argument("--no-floor", action="store_true", help="skip the slow ast floor")
    parser.add_argument(
        "--baseline",
        action="append",
        default=[],
        help="folder holding an older advisor package (repeatable)",
    )
    parser.add_argument("--package", default=None, help="a package of scan_packages.yaml")
    args = parser.parse_args()
    if args.package:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import corpus

        manifest = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scan_packages.yaml")
        folders = corpus.fetch(corpus.Path(manifest), corpus.CACHE / "unpacked")
        args.path = str(folders[args.package])
    ruff = shutil.which("ruff") or os.path.join(os.path.dirname(sys.executable), "ruff")
    cache = tempfile.mkdtemp(prefix="advisor-bench-")
    work = tempfile.mkdtemp(prefix="advisor-bench-tree-")
    args.path = private_copy(args.path, work)
    env = {**os.environ, "ADVISOR_CACHE_DIR": cache, "NO_COLOR": "1"}
    scan = [sys.executable, "-m", "advisor", "scan", args.path, "--format", "plain", "--exit-zero"]
    # --isolated: the tree's own ruff configuration is not ours to load (and may not load).
    ruff_check = [ruff, "check", "--isolated", "--no-cache", "--select", "ASYNC", "--exit-zero"]
    labels = dict(LABELS)
    olds: list[tuple[str, dict[str, str]]] = []
    for number, folder in enumerate(args.baseline, 1):
        tag = "" if len(args.baseline) == 1 else f" {number}"
        olds.append((tag, {**env, "PYTHONPATH": os.path.abspath(folder)}))
        labels[f"before{tag}"] = f"advisor scan, cold, --baseline{tag}"
        labels[f"before_warm{tag}"] = f"advisor scan, warm, --baseline{tag}"
        labels[f"before_edit{tag}"] = f"advisor scan, one file changed, --baseline{tag}"
    rows: dict[str, list[Ran]] = {name: [] for name in labels}
    target = first_python_file(args.path)
    try:
        for _ in range(args.repeat):
            rows["ruff"].append(timed([*ruff_check, "-q", args.path], env, check=True))
            shutil.rmtree(cache, ignore_errors=True)
            rows["cold"].append(timed(scan, env))
            rows["warm"].append(timed(scan, env))
            rows["verify"].append(timed([*scan, "--verify-cache"], env))
            with appended(target):
                rows["edit"].append(timed(scan, env))
            for tag, old_env in olds:
                shutil.rmtree(cache, ignore_errors=True)
                rows[f"before{tag}"].append(timed(scan, old_env))
                rows[f"before_warm{tag}"].append(timed(scan, old_env))
                with appended(target):
                    rows[f"before_edit{tag}"].append(timed(scan, old_env))
        if not args.no_floor:
            rows["floor"].append(timed([sys.executable, "-c", FLOOR, args.path], env))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    # The best of N counts for wall time (the machine is shared); CPU and memory of that same
    # run, and the median CPU of all N beside it.
    best = {name: min(runs) for name, runs in rows.items() if runs}
    cpu = {name: statistics.median(r.cpu for r in runs) for name, runs in rows.items() if runs}
    base = best["ruff"]
    print(f"{'run':44} {'best s':>8} {'x ruff':>7} {'CPU s':>8} {'med CPU':>8} {'peak MB':>8}")
    for name, ran in best.items():
        print(
            f"{labels[name]:44} {ran.seconds:8.2f} {ran.seconds / base.seconds:7.2f} "
            f"{ran.cpu:8.2f} {cpu[name]:8.2f} {ran.peak_mb:8.0f}"
        )
    cold, warm = best["cold"].seconds, best["warm"].seconds
    print(
        f"goals: cold <= 3x ruff ({'met' if cold <= 3 * base.seconds else 'missed'}), "
        f"warm <= 0.5x ruff ({'met' if warm <= 0.5 * base.seconds else 'missed'}; "
        f"CPU {best['warm'].cpu / base.cpu:.2f}x ruff's)"
    )
    print(f"warm CPU, median: {cpu['warm'] / cpu['ruff']:.2f}x ruff's")
    for tag, _ in olds:
        ratio = cold / best[f"before{tag}"].seconds
        cpu_ratio = cpu["cold"] / cpu[f"before{tag}"]
        print(
            f"cold vs --baseline{tag}: {ratio:.2f}x wall (best), CPU {cpu_ratio:.2f}x (medians) "
            f"({'met' if cpu_ratio <= 1.25 else 'missed'}: <= 1.25x); warm CPU "
            f"{cpu['warm'] / cpu[f'before_warm{tag}']:.2f}x"
        )
    return 0


LABELS = {
    "ruff": "ruff check --isolated --no-cache --select ASYNC",
    "cold": "advisor scan, cold cache",
    "warm": "advisor scan, warm cache",
    "verify": "advisor scan, warm, every file hashed",
    "edit": "advisor scan, one file changed",
    "before": "advisor scan, cold, --baseline code",
    "before_warm": "advisor scan, warm, --baseline code",
    "before_edit": "advisor scan, one file changed, --baseline",
    "floor": "ast.parse + ast.walk, one core",
}

if __name__ == "__main__":
    sys.exit(main())
