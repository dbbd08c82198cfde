"""Whether two versions of the scanner say exactly the same on every committed package tree.

    python benchmarks/same_output.py --baseline DIR [--candidate DIR] [--tree PATH ...]
        [--manifests GLOB] [--jobs 2] [--out DIR]

Why: a change made only for speed must not change what a scan says, and a few trees prove
little. Round 20b's cut was byte-identical on the standard-library copy and on 105 of the 106
trees compared, and changed the 106th (bentoml: one file fewer parsed by the second pass):
the joins that lead the second pass read facts of files no coroutine reaches. So the proof is
every tree of every committed ``scan_packages*.yaml`` manifest, unpacked by ``corpus.py``
(pinned by sha256; a tree not fetched yet is listed as missing, never fetched here), plus any
``--tree`` given.

Each tree is scanned by both versions as a user runs it (`scan_packages.scan`: a fresh
process, ``ADVISOR_NO_CACHE=1``, ``--format json --exit-zero``, from the temporary folder),
*DIR* holding an ``advisor`` package (``git archive COMMIT advisor | tar -x -C DIR``; the
candidate defaults to this checkout's). The reports are compared with the findings sorted and
the timing fields left out; everything else, the files parsed and not parsed included, must
match byte for byte. At most ``--jobs`` scans run at once (two: the machine's cores are
shared). With ``--out``, each report is kept there and a tree already compared is not scanned
again (a run can be resumed). Exit 1 when any tree differs or could not be scanned.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # a sibling script, not a package
from scan_packages import scan

HERE = Path(__file__).resolve().parent
#: Fields that say how long a run took, not what it found.
TIMING = frozenset({"elapsed", "duration", "seconds", "time", "cpu"})


def normalised(report: Any) -> str:
    """*report* as compared: findings sorted, timing fields dropped, keys sorted."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in TIMING}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    if isinstance(report, dict) and isinstance(report.get("findings"), list):
        report = {
            **report,
            "findings": sorted(report["findings"], key=lambda f: json.dumps(f, sort_keys=True)),
        }
    return json.dumps(strip(report), sort_keys=True, indent=0)


def trees(pattern: str, dest: Path, extra: list[Path]) -> tuple[list[Path], list[str]]:
    """The unpacked trees of every manifest matching *pattern* (each once), then *extra*; and
    the archives not unpacked yet."""
    found: list[Path] = []
    missing: list[str] = []
    for manifest in sorted(glob.glob(str(HERE / pattern))):
        for pin in corpus.load_manifest(Path(manifest)):
            path = dest / pin.unpack_dir
            if path in found or pin.unpack_dir in missing:
                continue
            if path.is_dir():
                found.append(path)
            else:
                missing.append(pin.unpack_dir)
    return found + [p for p in extra if p not in found], missing


def compare(tree: Path, baseline: Path, candidate: Path, out: Path | None) -> str:
    """The verdict on one tree: ``same``, ``DIFFERENT`` or the error."""
    reports = []
    for side, folder in (("base", baseline), ("new", candidate)):
        kept = out / f"{tree.name}.{side}.json" if out is not None else None
        if kept is not None and kept.is_file() and kept.stat().st_size:
            reports.append(kept.read_text(encoding="utf-8"))
            continue
        try:
            text = normalised(scan(sys.executable, tree, folder))
        except (RuntimeError, OSError, ValueError) as exc:
            return f"ERROR ({side}): {str(exc)[:200]}"
        if kept is not None:
            kept.write_text(text, encoding="utf-8")
        reports.append(text)
    return "same" if reports[0] == reports[1] else "DIFFERENT"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--baseline", type=Path, required=True, help="folder holding advisor/")
    parser.add_argument("--candidate", type=Path, default=HERE.parent, help="the same")
    parser.add_argument("--manifests", default="scan_packages*.yaml", help="under benchmarks/")
    parser.add_argument("--dest", type=Path, default=corpus.CACHE / "unpacked")
    parser.add_argument("--tree", type=Path, action="append", default=[], help="one more tree")
    parser.add_argument("--jobs", type=int, default=2, help="scans at once (default 2)")
    parser.add_argument("--out", type=Path, help="keep each report here; resume from them")
    args = parser.parse_args(argv)
    found, missing = trees(args.manifests, args.dest, [p.resolve() for p in args.tree])
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    bad = 0
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        verdicts = pool.map(
            lambda t: compare(t, args.baseline.resolve(), args.candidate.resolve(), args.out),
            found,
        )
        for tree, verdict in zip(found, verdicts, strict=True):
            bad += verdict != "same"
            print(f"{verdict:10} {tree.name}", flush=True)
    for name in missing:
        print(f"missing    {name} (fetch it with corpus.py)")
    print(f"{len(found) - bad} of {len(found)} trees the same; {len(missing)} not unpacked")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
