"""`advisor scan`'s precision on real async packages, every finding labelled by hand.

    python benchmarks/scan_packages.py [--manifest M] [--labels L] [--python PY] [--show]
    python benchmarks/scan_packages.py --manifest benchmarks/scan_packages_heldout.yaml \
        --labels benchmarks/scan_packages_heldout.labels     # the held-out group

Why: precision measured on code we wrote is precision on our own habits. This runs the installed
scanner (a subprocess, `PY -m advisor scan FOLDER --format json`, as a user runs it) over every
package of `scan_packages.yaml`, fetched by `corpus.py` (pinned by sha256, unpacked, never
committed, never imported), and compares each finding with `scan_packages.labels`: one line per
finding a person read at the code, `path:line RULE true|false reason`, under a
`[name==version]` header. A finding in a notebook is labelled by its cell and the line in it,
`analysis.ipynb#cell3:2 ADV101 ...` (the cell's place in the notebook, markdown counted).
Files of a project template that are not Python source (`templates` in the JSON) are counted
apart from the files not checked.

Prints per package and in total: files checked and not checked, findings, true, false and
precision. A finding nobody labelled counts as false and is listed, so a new rule or a wider
reach cannot raise precision by producing unread findings. The run fails (exit 1) when:
- a finding has no label, or a file was not checked (the issue's bar: zero files unchecked);
- the labels are stale: a header names a version the manifest does not pin, or a label points
  at a file or line that does not exist (an archive whose hash changed is refused by corpus.py);
- `--min-precision` is given and not met.
Labelled findings the scanner no longer reports are listed too: a false one is a fixed false
alarm, a true one is lost recall (printed, and fatal with `--strict-recall`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # a sibling script, not a package

HERE = Path(__file__).resolve().parent
LABEL = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+)\s+(?P<rule>ADV\d+)\s+(?P<verdict>true|false)\s+(?P<why>\S.*)$"
)
HEADER = re.compile(r"^\[(?P<name>[^=\]]+)==(?P<version>[^\]]+)\]$")


@dataclass
class Labels:
    """The verdicts of one package, keyed by (path, line, rule), and the problems reading them."""

    verdicts: dict[tuple[str, int, str], tuple[bool, str]] = field(default_factory=dict)


def read_labels(path: Path) -> tuple[dict[str, Labels], dict[str, str], list[str]]:
    """Labels by package name, the version each header names, and the malformed lines."""
    packages: dict[str, Labels] = {}
    versions: dict[str, str] = {}
    problems: list[str] = []
    current: str | None = None
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for number, raw in enumerate(text.splitlines(), 1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        if header := HEADER.match(text):
            current = header["name"]
            versions[current] = header["version"]
            packages.setdefault(current, Labels())
            continue
        label = LABEL.match(text)
        if label is None or current is None:
            problems.append(f"{path.name}:{number}: not `path:line RULE true|false reason`")
            continue
        key = (label["path"], int(label["line"]), label["rule"])
        earlier = packages[current].verdicts.get(key)
        if earlier is not None and earlier[0] != (label["verdict"] == "true"):
            # Two findings of one rule on one line (two calls) share a key: same verdict only.
            problems.append(f"{path.name}:{number}: {key[0]}:{key[1]} {key[2]} labelled both ways")
        packages[current].verdicts[key] = (label["verdict"] == "true", label["why"])
    return packages, versions, problems


def scan(python: str, folder: Path, baseline: Path | None = None) -> dict[str, object]:
    """The scanner's JSON report on one folder, run as a user runs it (fresh process, no cache);
    with *baseline*, the older ``advisor`` package in that folder runs instead."""
    env = {**os.environ, "ADVISOR_NO_CACHE": "1", "NO_COLOR": "1"}
    if baseline is not None:
        env["PYTHONPATH"] = str(baseline.resolve())
    done = subprocess.run(
        [python, "-m", "advisor", "scan", str(folder), "--format", "json", "--exit-zero"],
        env=env,
        cwd=tempfile.gettempdir(),  # never the checkout's own pyproject or package
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if done.returncode != 0:
        raise RuntimeError(f"scan of {folder.name} exited {done.returncode}: {done.stderr[-2000:]}")
    report: dict[str, object] = json.loads(done.stdout)
    return report


def line_exists(folder: Path, path: str, line: int) -> bool:
    path, _, cell = path.partition("#cell")
    target = folder / path
    if not target.is_file():
        return False
    if cell:  # a notebook's label: the line in that cell (its place, markdown counted)
        try:
            source = json.loads(target.read_text(encoding="utf-8"))["cells"][int(cell) - 1]
        except (ValueError, LookupError, TypeError):
            return False
        text = source.get("source", "") if isinstance(source, dict) else ""
        text = "".join(text) if isinstance(text, list) else str(text)
        return len(text.splitlines()) >= line
    with target.open(encoding="utf-8", errors="replace") as handle:
        return sum(1 for _ in handle) >= line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=HERE / "scan_packages.yaml")
    parser.add_argument(
        "--labels",
        type=Path,
        default=None,
        help="labels file (default: the manifest's, with .labels); a missing one labels nothing",
    )
    parser.add_argument("--dest", type=Path, default=corpus.CACHE / "unpacked")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs advisor")
    parser.add_argument("--only", action="append", default=[], help="package name (repeatable)")
    parser.add_argument("--show", action="store_true", help="print every finding with its label")
    parser.add_argument("--min-precision", type=float, default=None)
    parser.add_argument("--strict-recall", action="store_true")
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="folder holding an older advisor package: its precision is printed first, same run",
    )
    args = parser.parse_args(argv)
    if args.labels is None:
        args.labels = args.manifest.with_suffix(".labels")
    if not args.labels.exists():
        # A new set is run once before anyone labels it: every finding prints unlabelled.
        print(f"no labels file {args.labels}: every finding is unlabelled", file=sys.stderr)
    if args.baseline is not None:
        print(f"== baseline ({args.baseline.name})")
        measure(args, baseline=args.baseline)
        print("== this checkout")
    return measure(args, baseline=None)


def measure(args: argparse.Namespace, baseline: Path | None) -> int:
    """One pass over the corpus: the table, the lists, and the exit status."""

    pins = corpus.load_manifest(args.manifest)
    folders = corpus.fetch(args.manifest, args.dest)
    labels, versions, problems = read_labels(args.labels)
    pinned = {pin.name: pin.version for pin in pins}
    for name, version in versions.items():
        if pinned.get(name) != version:
            problems.append(
                f"labels for {name}=={version}, but the manifest pins {pinned.get(name)}"
            )

    unlabelled: list[str] = []
    lost: list[str] = []
    fixed: list[str] = []
    shown: list[str] = []
    totals = {"files": 0, "checked": 0, "unchecked": 0, "findings": 0, "true": 0, "false": 0}
    totals["templates"] = 0  # project templates' files, not Python source (scan docs)
    print(
        f"{'package':24} {'files':>6} {'unchecked':>9} {'findings':>8} {'true':>5} {'false':>5} {'precision':>9}"
    )
    for pin in pins:
        if args.only and pin.name not in args.only:
            continue
        folder = folders[pin.name]
        report = scan(args.python, folder, baseline)
        verdicts = labels.get(pin.name, Labels()).verdicts
        for (path, line, rule), _ in verdicts.items():
            if not line_exists(folder, path, line):
                problems.append(f"{pin.name}: label {path}:{line} {rule} points at no such line")
        true = false = 0
        seen: set[tuple[str, int, str]] = set()
        findings = report["findings"]
        assert isinstance(findings, list)
        for finding in findings:
            path = os.path.relpath(finding["path"], folder)
            if finding.get("cell"):  # a notebook's line is the cell's: labelled `nb.ipynb#cell3:2`
                path = f"{path}#cell{finding['cell']}"
            key = (path, int(finding["line"]), str(finding["code"]))
            seen.add(key)
            verdict = verdicts.get(key)
            where = f"{pin.name}: {path}:{key[1]} {key[2]}"
            if verdict is None:
                false += 1
                unlabelled.append(f"{where} {finding['message']}")
                shown.append(f"{where} UNLABELLED {finding['message']}")
            else:
                true += verdict[0]
                false += not verdict[0]
                shown.append(f"{where} {'true' if verdict[0] else 'FALSE'} {verdict[1]}")
        for key, (is_true, why) in verdicts.items():
            if key not in seen:
                (lost if is_true else fixed).append(
                    f"{pin.name}: {key[0]}:{key[1]} {key[2]} ({why})"
                )
        files, checked = int(report["files"]), int(report["checked"])  # type: ignore[call-overload]
        unchecked = int(report["unchecked"])  # type: ignore[call-overload]
        totals["templates"] += len(report.get("templates", ()))  # type: ignore[arg-type]
        count = true + false
        precision = f"{true / count:.2f}" if count else "-"
        print(
            f"{pin.folder:24} {files:6} {unchecked:9} {count:8} {true:5} {false:5} {precision:>9}"
        )
        for name, value in (("files", files), ("checked", checked), ("unchecked", unchecked),
                            ("findings", count), ("true", true), ("false", false)):  # fmt: skip
            totals[name] += value
    count = totals["findings"]
    precision = totals["true"] / count if count else 1.0
    print(
        f"{'total':24} {totals['files']:6} {totals['unchecked']:9} {count:8} "
        f"{totals['true']:5} {totals['false']:5} {precision:9.2f}"
    )
    print(
        f"files checked: {totals['checked']}, not checked: {totals['unchecked']}, "
        f"templates (not Python source): {totals['templates']}"
    )
    if args.show:
        print("\n".join(shown))
    if fixed:
        print(f"\nlabelled false, no longer reported ({len(fixed)}):\n  " + "\n  ".join(fixed))
    if lost:
        print(f"\nlabelled true, no longer reported ({len(lost)}):\n  " + "\n  ".join(lost))
    failed = False
    if unlabelled:
        print(f"\nfindings nobody labelled, counted false ({len(unlabelled)}):", file=sys.stderr)
        print("  " + "\n  ".join(unlabelled), file=sys.stderr)
        failed = True
    if problems:
        print("\nstale or malformed labels:\n  " + "\n  ".join(problems), file=sys.stderr)
        failed = True
    if totals["unchecked"]:
        print(f"\n{totals['unchecked']} files were not checked", file=sys.stderr)
        failed = True
    if args.min_precision is not None and precision < args.min_precision:
        print(f"\nprecision {precision:.2f} < {args.min_precision}", file=sys.stderr)
        failed = True
    if args.strict_recall and lost:
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
