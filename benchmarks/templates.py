"""How soon an early failure ends a template's run, as a ratio to the full run in the same run.

Run on demand:  python benchmarks/templates.py [--runs 3]

The template tests count what an early failure leaves undone (jobs and chunks never
started, tasks alive at once); the time it saves lives here, because a busy machine
stretches one run and not the other. Each template runs its whole backlog, then with a
failure in its second wave (FAIL_JOB=3 / FAIL_CHUNK=0); medians of interleaved runs.
Goal: the failing run takes at most 0.6x the full run. Exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 0.6
#: template id -> (answers, the constants for a long backlog, the failure knob)
CASES: dict[str, tuple[dict[str, int], dict[str, int], dict[str, int]]] = {
    "threading": ({"concurrency": 2}, {"JOBS": 100, "MAX_WORKERS": 2}, {"FAIL_JOB": 3}),
    "asyncio": ({"concurrency": 2}, {"JOBS": 100}, {"FAIL_JOB": 3}),
    "asyncio_threads": ({"concurrency": 2}, {"JOBS": 100, "MAX_WORKERS": 2}, {"FAIL_JOB": 3}),
    "multiprocessing": ({}, {"CHUNKS_PER_WORKER": 24, "ITEMS": 3_000_000}, {"FAIL_CHUNK": 0}),
}


def script(folder: Path, template_id: str, answers: dict[str, int], **values: int) -> Path:
    """The emitted script with module-level constants rewritten, as a reader would edit it."""
    from advisor import templating

    code = templating.render(template_id, templating.context_for(template_id, answers))
    for name, value in values.items():
        code, count = re.subn(
            rf"^{name}(: [^=]+)? = .*$", f"{name} = {value!r}", code, count=1, flags=re.M
        )
        if count != 1:
            raise SystemExit(f"{template_id} has no constant {name}")
    path = folder / f"{template_id}_{len(list(folder.glob('*.py')))}.py"
    path.write_text(code, encoding="utf-8")
    return path


def timed(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(path)], cwd=path.parent, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each script (median)")
    args = parser.parse_args()
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'template':<18} {'full':>8} {'failing':>8} {'ratio':>6}  goal <= {GOAL}x")
        for template_id, (answers, backlog, failure) in CASES.items():
            full = script(folder, template_id, answers, **backlog)
            failing = script(folder, template_id, answers, **backlog, **failure)
            times: dict[Path, list[float]] = {full: [], failing: []}
            for _ in range(args.runs):
                for path, samples in times.items():
                    samples.append(timed(path))
            full_s, fail_s = (statistics.median(times[p]) for p in (full, failing))
            ratio = fail_s / full_s
            missed += ratio > GOAL
            mark = "" if ratio <= GOAL else "  MISSED"
            print(f"{template_id:<18} {full_s:>7.2f}s {fail_s:>7.2f}s {ratio:>5.2f}x{mark}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
