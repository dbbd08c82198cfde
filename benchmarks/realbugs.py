"""Recall on real fixed bugs: advisor, ruff (ASYNC rules) and flake8-async side by side.

    python benchmarks/realbugs.py [--markdown] [--baseline DIR]

Each folder of ``benchmarks/realbugs`` is a minimal reproduction, written here, of a bug a
public project fixed (``cases.yaml`` names the report and the fix); the buggy line ends with
``# bug``. A tool finds a bug when it reports any finding on that line. ruff runs with
``--select ASYNC``; flake8-async with its defaults. Both are optional: a tool that is not
installed is reported as such, never counted as zero. With ``--baseline DIR`` (a folder holding an
older ``advisor`` package: ``git archive <commit> advisor | tar -x -C DIR``) the older scanner
runs on the same cases in the same run, as the column ``before``. Cases marked ``set: heldout`` (and
``heldout6``, ``heldout7``, ``heldout8``, later rounds) in ``cases.yaml`` were collected after the
scanner was written; ``dev9`` to ``dev14`` are development rounds collected to find missed
classes. ``--set heldout`` (or ``tuned``, ``heldout6`` to ``heldout27``, ``dev9`` to ``dev14``)
scores one set alone, and the totals always give each set its own line.

A second figure, ``advisor@end``, is printed beside advisor's, never instead of it: a bug also
counts as found when a chain advisor reports at the call in a coroutine (``handler ->
load_token -> open()``) ends at the ``# bug`` line, that is when the chain's final hop, the
blocking call itself, is on it (a hop between does not count). ruff and flake8-async report no
chains, so they have no such figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "realbugs")


def bug_lines(case: str) -> set[tuple[str, int]]:
    found = set()
    for folder, _dirs, files in os.walk(case):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    for number, line in enumerate(handle, 1):
                        if line.rstrip().endswith("# bug"):
                            found.add((os.path.relpath(path, case), number))
    return found


#: case -> (the lines advisor reports, the lines its chains' blocking calls are on)
_SEEN: dict[str, tuple[set[tuple[str, int]], set[tuple[str, int]]]] = {}


def _advisor(case: str) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    import advisor

    if case not in _SEEN:
        result = advisor.scan([case], config=False, cache=False, jobs=1)

        def rel(path: str) -> str:
            return os.path.relpath(os.path.abspath(path), case)

        lines = {(rel(f.path), f.line) for f in result.findings}
        # where each chain's blocking call is: its final hop (`Finding.end`), no hop between
        ends = {
            (rel(f.related_path(f.related[-1][0])), f.related[-1][1])
            for f in result.findings
            if f.end
        }
        _SEEN[case] = (lines, ends)
    return _SEEN[case]


def advisor_hits(case: str) -> set[tuple[str, int]]:
    return _advisor(case)[0]


def advisor_end_hits(case: str) -> set[tuple[str, int]]:
    """The second figure, advisor's only (ruff and flake8-async report no chains): a finding
    on the ``# bug`` line, or a chain whose blocking call (its final hop, not a hop between)
    is on it. The same scan as `advisor_hits`."""
    lines, ends = _advisor(case)
    return lines | ends


BASELINE = """
import json, os, sys
import advisor
case = sys.argv[1]
result = advisor.scan([case], config=False, cache=False, jobs=1)
print(json.dumps([[os.path.relpath(os.path.abspath(f.path), case), f.line] for f in result.findings]))
"""


def baseline_hits(case: str, folder: str) -> set[tuple[str, int]]:
    env = {**os.environ, "PYTHONPATH": folder}
    out = subprocess.run(
        [sys.executable, "-c", BASELINE, case],
        capture_output=True, text=True, check=True, timeout=120, env=env, cwd=folder,
    )  # fmt: skip
    return {(path, line) for path, line in json.loads(out.stdout)}


def ruff_hits(case: str, ruff: str) -> set[tuple[str, int]]:
    out = subprocess.run(
        [ruff, "check", "--no-cache", "--select", "ASYNC", "--output-format", "json",
         "--exit-zero", case],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    return {
        (os.path.relpath(item["filename"], case), item["location"]["row"])
        for item in json.loads(out.stdout or "[]")
    }


def flake8_async_hits(case: str, tool: str) -> set[tuple[str, int]]:
    files = [
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(case)
        for name in names
        if name.endswith(".py")
    ]
    out = subprocess.run([tool, *files], capture_output=True, text=True, check=False, timeout=120)
    hits = set()
    for line in out.stdout.splitlines():
        path, _, rest = line.partition(":")
        number = rest.partition(":")[0]
        if number.isdigit():
            hits.add((os.path.relpath(path, case), int(number)))
    return hits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--baseline", metavar="DIR", help="an older advisor package to compare")
    parser.add_argument(
        "--set",
        choices=[
            "tuned",
            "heldout",
            "heldout6",
            "heldout7",
            "heldout8",
            "heldout9",
            "heldout10",
            "heldout11",
            "heldout12",
            "heldout13",
            "heldout14",
            "heldout15",
            "heldout16",
            "heldout17",
            "heldout18",
            "heldout19",
            "heldout20",
            "heldout21",
            "heldout22",
            "heldout23",
            "heldout24",
            "heldout25",
            "heldout26",
            "heldout27",
            "dev9",
            "dev10",
            "dev11",
            "dev12",
            "dev13",
            "dev14",
        ],
        help="score one set of cases alone",
    )
    args = parser.parse_args()
    from advisor import yamlio

    cases = yamlio.load_data(os.path.join(HERE, "cases.yaml"))
    bindir = os.path.dirname(sys.executable)
    ruff = shutil.which("ruff") or os.path.join(bindir, "ruff")
    flake8_async = shutil.which("flake8-async") or os.path.join(bindir, "flake8-async")
    tools: dict[str, Callable[[str], set[tuple[str, int]]]] = {}
    if args.baseline:
        baseline = os.path.abspath(args.baseline)
        tools["before"] = lambda case: baseline_hits(case, baseline)
    tools["advisor"] = advisor_hits
    tools["advisor@end"] = advisor_end_hits
    if os.path.exists(ruff):
        tools["ruff"] = lambda case: ruff_hits(case, ruff)
    if os.path.exists(flake8_async):
        tools["flake8-async"] = lambda case: flake8_async_hits(case, flake8_async)
    found = dict.fromkeys(tools, 0)
    by_set: dict[str, dict[str, int]] = {}
    sizes: dict[str, int] = {}
    rows = []
    for case_id, meta in cases.items():
        which = meta.get("set", "tuned")
        if args.set and which != args.set:
            continue
        sizes[which] = sizes.get(which, 0) + 1
        by_set.setdefault(which, dict.fromkeys(tools, 0))
        case = os.path.join(HERE, case_id)
        bugs = bug_lines(case)
        marks = []
        for name, hits in tools.items():
            hit = bool(bugs & hits(case))
            found[name] += hit
            by_set[which][name] += hit
            marks.append("yes" if hit else "—")
        rows.append((case_id, meta["kind"], marks, meta["source"]))
    names = list(tools)
    if args.markdown:
        print("| case | kind | " + " | ".join(names) + " | report |")
        print("| --- | --- | " + " | ".join("---" for _ in names) + " | --- |")
        for case_id, kind, marks, source in rows:
            print(f"| {case_id} | {kind} | " + " | ".join(marks) + f" | {source} |")
        total = len(rows)
        print(
            "| **recall** | | "
            + " | ".join(f"**{found[n]}/{total} ({found[n] / total:.0%})**" for n in names)
            + " | |"
        )
        if len(sizes) > 1:
            for which, n in sizes.items():
                print(
                    f"| {which} | | "
                    + " | ".join(
                        f"{by_set[which][x]}/{n} ({by_set[which][x] / n:.0%})" for x in names
                    )
                    + " | |"
                )
    else:
        for case_id, kind, marks, _ in rows:
            print(f"{case_id:28} {kind:9} " + " ".join(f"{m:>12}" for m in marks))
        for name in names:
            per_set = ", ".join(f"{which} {by_set[which][name]}/{n}" for which, n in sizes.items())
            print(f"{name}: {found[name]}/{len(rows)} ({per_set})")
    print(_NOTE)
    return 0


_NOTE = (
    "advisor@end: found at the # bug line, or at the blocking call that ends one of advisor's "
    "chains (its final hop); advisor reports a chain at the call in the coroutine. Advisor's "
    "figure only: ruff and flake8-async report no chains, their figure is the one above."
)


if __name__ == "__main__":
    sys.exit(main())
