"""`advisor scan` over the standard library against ruff and the `ast` floor, in one run.

    python benchmarks/scan.py [--repeat N] [--path DIR | --package NAME] [--baseline DIR]

Times, in the same run on the same files: `advisor scan` cold (empty cache) and warm (second run
over unchanged files), `ruff check --no-cache --select ASYNC` (the baseline), and the
single-core floor of reading every file with `ast.parse` + `ast.walk`. Prints the table and the
ratios against ruff. Goals: cold <= 3x ruff, warm <= 0.5x ruff. With ``--baseline DIR`` (a
folder holding an older ``advisor`` package, e.g. ``git archive <commit> advisor | tar -x -C DIR``)
the older scanner's cold run is timed in the same run, interleaved, for a before/after ratio.
``--package NAME`` scans a package of ``scan_packages.yaml`` instead (fetched by ``corpus.py``,
pinned by sha256): ``--package homeassistant`` is the corpus's biggest, 10,913 files. Each command runs as a fresh
process, as a user would run it; the best of N runs counts (the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time

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


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command,
        env=env,
        cwd=tempfile.gettempdir(),  # `-m advisor` must not pick up a checkout in the cwd
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        timeout=900,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--path", default=sysconfig.get_paths()["stdlib"])
    parser.add_argument("--no-floor", action="store_true", help="skip the slow ast floor")
    parser.add_argument("--baseline", default=None, help="folder holding an older advisor package")
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
    env = {**os.environ, "ADVISOR_CACHE_DIR": cache, "NO_COLOR": "1"}
    scan = [sys.executable, "-m", "advisor", "scan", args.path, "--format", "plain", "--exit-zero"]
    rows: dict[str, list[float]] = {
        "ruff": [], "cold": [], "warm": [], "verify": [], "floor": [], "before": []
    }  # fmt: skip
    old_env = {**env, "PYTHONPATH": os.path.abspath(args.baseline)} if args.baseline else None
    try:
        for _ in range(args.repeat):
            rows["ruff"].append(
                timed(
                    [
                        ruff,
                        "check",
                        "--no-cache",
                        "--select",
                        "ASYNC",
                        "--exit-zero",
                        "-q",
                        args.path,
                    ],
                    env,
                )
            )
            shutil.rmtree(cache, ignore_errors=True)
            rows["cold"].append(timed(scan, env))
            rows["warm"].append(timed(scan, env))
            rows["verify"].append(timed([*scan, "--verify-cache"], env))
            if old_env is not None:
                shutil.rmtree(cache, ignore_errors=True)
                rows["before"].append(timed(scan, old_env))
        if not args.no_floor:
            rows["floor"].append(timed([sys.executable, "-c", FLOOR, args.path], env))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    best = {name: min(times) for name, times in rows.items() if times}
    base = best["ruff"]
    labels = {
        "ruff": "ruff check --no-cache --select ASYNC",
        "cold": "advisor scan, cold cache",
        "warm": "advisor scan, warm cache",
        "verify": "advisor scan, warm, every file hashed",
        "floor": "ast.parse + ast.walk, one core",
        "before": "advisor scan, cold, --baseline code",
    }
    print(f"{'run':40} {'best s':>8} {'x ruff':>8}")
    for name, seconds in best.items():
        print(f"{labels[name]:40} {seconds:8.2f} {seconds / base:8.2f}")
    print(
        f"goals: cold <= 3x ruff ({'met' if best['cold'] <= 3 * base else 'missed'}), "
        f"warm <= 0.5x ruff ({'met' if best['warm'] <= 0.5 * base else 'missed'})"
    )
    if "before" in best:
        ratio = best["cold"] / best["before"]
        print(
            f"cold vs --baseline: {ratio:.2f}x ({'met' if ratio <= 1.25 else 'missed'}: <= 1.25x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
