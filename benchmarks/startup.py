"""Startup time of `advisor recommend`, as a ratio to `python -c "import yaml"` measured in the same run.

Run on demand:  python benchmarks/startup.py [--runs 30]

Goals (issue 15): --format json <= 1.3x the baseline, --format rich <= 2.5x.
Medians of interleaved runs, so a noisy neighbour hurts every command alike.
Exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

ANSWERS = ["recommend", "--cpu-bound", "no", "--concurrency", "500"]
COMMANDS = {
    "baseline: python -c 'import yaml'": [sys.executable, "-c", "import yaml"],
    "advisor recommend --format json": [
        sys.executable,
        "-m",
        "advisor",
        *ANSWERS,
        "--format",
        "json",
    ],
    "advisor recommend --format plain": [
        sys.executable,
        "-m",
        "advisor",
        *ANSWERS,
        "--format",
        "plain",
    ],
    "advisor recommend --format rich": [
        sys.executable,
        "-m",
        "advisor",
        *ANSWERS,
        "--format",
        "rich",
    ],
}
GOALS = {"advisor recommend --format json": 1.3, "advisor recommend --format rich": 2.5}


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    env = {**os.environ, "COLUMNS": "100", "LANG": "C.UTF-8"}
    env.pop("LC_ALL", None)
    # Installed packages have .pyc files; let the warm-up runs write ours too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for argv in COMMANDS.values():  # warm the OS file cache and the .pyc files
        time_once(argv, env)
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, argv in COMMANDS.items():
            samples[name].append(time_once(argv, env))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    baseline = medians[next(iter(COMMANDS))]
    failed = False
    print(f"{'command':40} {'median':>9} {'ratio':>7}  goal")
    for name, median in medians.items():
        ratio = median / baseline
        goal = GOALS.get(name)
        verdict = "" if goal is None else (f"<= {goal}x " + ("ok" if ratio <= goal else "MISSED"))
        failed |= goal is not None and ratio > goal
        print(f"{name:40} {median * 1000:7.1f}ms {ratio:6.2f}x  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
