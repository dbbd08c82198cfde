"""`advisor convert` time as a ratio to parsing the same files with libcst alone, measured in
the same run (libcst's parser is the floor any libcst codemod pays).

Run on demand:  python benchmarks/convert.py [--runs 5]

Input: every golden fixture in tests/fixtures/convert (the chapter's exercise and patterns,
programs shaped like real ones). Medians of interleaved runs, so a noisy neighbour hurts both
alike. A conversion walks the tree several times in Python on top of the parse (positions,
one collecting pass, the rewrite, the imports, plus compile and the pitfall check), each
walk costing about one parse; the goal, convert <= 20x the bare parse, catches a walk per
node or a quadratic search sneaking in. Exits 1 when the goal is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import libcst

import advisor

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "convert"
GOAL = 20.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    files = sorted(str(p) for p in FIXTURES.glob("*/before.py"))
    sources = [Path(f).read_text(encoding="utf-8") for f in files]
    parse_times, convert_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        for source in sources:
            libcst.parse_module(source)
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for path in files:  # one file at a time: the call graph stays per file, as the parse
            advisor.convert([path], target_version="3.11")
        convert_times.append(time.perf_counter() - start)
    parse, convert = statistics.median(parse_times), statistics.median(convert_times)
    ratio = convert / parse
    print(f"files: {len(files)}, runs: {runs}")
    print(f"baseline: libcst.parse_module   {parse * 1000:8.1f} ms")
    print(
        f"advisor.convert                 {convert * 1000:8.1f} ms  ({ratio:.1f}x, goal <= {GOAL}x)"
    )
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
