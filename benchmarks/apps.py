"""`advisor scan --recommend` on real applications, against an expert's labels.

    python benchmarks/apps.py [--manifest benchmarks/apps.yaml] [--advisor CMD]
                              [--baseline CMD] [--only NAME ...] [--json FILE]

Why: inferring the questionnaire from code is judged on code nobody here wrote. The manifest
pins real applications and libraries from PyPI (fetched and unpacked by `corpus.py`, never
committed) and holds our labels: the expert's answer to each question, read from the code,
and the acceptable models. Each package is scanned by the INSTALLED command line, as a user
would run it without a terminal (`advisor scan --recommend DIR --format json`, stdin closed),
in a subprocess.

Two passes per application. The first is what a user gets: an acceptable model, a wrong one,
or exit 2 (the code does not answer a question that matters, or it looks like a library).
After an exit 2, the second pass gives what the first asked for (`--application`, and the
missing answers from the labels), as a user answering the prompt would: it scores the model
"given the answers it asked for", and it yields the inferred answers of the first pass's
exit-2 runs, which print no JSON. An answer counts as inferred when the evidence decided it
(status used, off_path, confirmed or overridden); undecided is "not inferred".

Libraries must be refused with "this looks like a library" (exit 2).

`--baseline CMD` runs the same corpus with another advisor (e.g. one installed from main) in
the same run and prints both sets of totals side by side. Stale labels (a version that is not
the pin's, a question or model the tree does not have, a package without a label) stop the
run before anything is fetched; so does an archive whose sha256 is not the pin's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # the shared fetcher beside this file

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "apps.yaml"
INFERRED = {"used", "off_path", "confirmed", "overridden"}
LIBRARY = "this looks like a library"
UNKNOWN = "unknown"


class StaleLabels(Exception):
    """The labels no longer describe the pinned corpus or the tree: fix them before measuring."""


@dataclass
class Label:
    name: str
    version: str
    kind: str
    library: bool
    models: tuple[str, ...]
    answers: dict[str, Any]
    why: str


@dataclass
class Outcome:
    """One pass of advisor over one package."""

    code: int
    model: str | None = None
    leaf: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    sizes_only: list[str] = field(default_factory=list)
    library: bool = False
    missing: list[str] = field(default_factory=list)
    stderr: str = ""

    @property
    def verdict(self) -> str:
        if self.code == 0 and self.model:
            return "model"
        if self.code == 2:
            return "library" if self.library else "exit 2"
        return f"error {self.code}"


@dataclass
class Result:
    label: Label
    first: Outcome
    second: Outcome | None
    questions: dict[str, str]  # question -> agree / disagree / not inferred / inferred-unknown
    inferred: dict[str, Any]

    def model_class(self, outcome: Outcome) -> str:
        if outcome.verdict != "model":
            return outcome.verdict
        return "acceptable" if outcome.model in self.label.models else "wrong"


def load_labels(manifest: Path) -> tuple[list[corpus.Pin], dict[str, Label]]:
    """Pins and labels, checked against each other and against the shipped tree."""
    import advisor

    tree = advisor.load_tree()
    data = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    pins = corpus.load_manifest(manifest)
    raw = data.get("labels") or {}
    problems: list[str] = []
    pinned = {pin.name: pin for pin in pins}
    for name in sorted(set(pinned) ^ set(raw)):
        side = "a pin without a label" if name in pinned else "a label without a pin"
        problems.append(f"{name}: {side}")
    labels: dict[str, Label] = {}
    for name, item in raw.items():
        if name not in pinned:
            continue
        version = str(item.get("version"))
        if version != pinned[name].version:
            problems.append(f"{name}: labelled {version}, pinned {pinned[name].version}")
        models = tuple(item.get("models") or ())
        library = bool(item.get("library", False))
        if not library and not models:
            problems.append(f"{name}: an application needs acceptable models")
        problems += [
            f"{name}: model {m!r} is not one of the tree's" for m in models if m not in tree.models
        ]
        answers = dict(item.get("answers") or {})
        for question, answer in answers.items():
            problem = _check_answer(tree, question, answer)
            if problem:
                problems.append(f"{name}: {question}: {problem}")
        labels[name] = Label(
            name, version, str(item.get("kind")), library, models, answers, str(item.get("why"))
        )
    if problems:
        raise StaleLabels("stale labels in " + manifest.name + ":\n  " + "\n  ".join(problems))
    return pins, labels


def _check_answer(tree: Any, question: str, answer: Any) -> str | None:
    if question not in tree.questions:
        return "not a question of the tree"
    if answer == UNKNOWN:
        return None
    kind = tree.questions[question].kind
    if kind == "yesno" and not isinstance(answer, bool):
        return f"{answer!r} is not yes/no"
    if kind == "choice":
        values = {choice.value for choice in tree.questions[question].choices}
        if answer not in values:
            return f"{answer!r} is not one of {sorted(values)}"
    if kind == "integer" and not (
        isinstance(answer, list) and len(answer) == 2 and all(isinstance(n, int) for n in answer)
    ):
        return f"{answer!r} is not a range [low, high]"
    return None


def flag_value(answer: Any) -> str:
    """The label as a command-line value (a range gives its upper end: the peak)."""
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    if isinstance(answer, list):
        return str(answer[1])
    return str(answer)


def run(command: list[str], folder: Path, extra: list[str]) -> Outcome:
    """The installed CLI in a subprocess, no terminal, English messages."""
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "1"}
    argv = [*command, "scan", "--recommend", str(folder), "--format", "json", "--lang", "en"]
    done = subprocess.run(
        [*argv, *extra],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    outcome = Outcome(code=done.returncode, stderr=done.stderr)
    if done.returncode == 0 and done.stdout.strip():
        data = json.loads(done.stdout)
        outcome.model = data.get("model")
        outcome.leaf = data.get("leaf")
        outcome.evidence = data.get("evidence") or {}
        outcome.sizes_only = [item["flag"] for item in data.get("sizes_only") or []]
    outcome.library = LIBRARY in done.stderr
    needed = re.search(r"still needed: ([^)]*)\)", done.stderr)
    if needed:
        outcome.missing = re.findall(r"--[a-z][a-z-]*", needed.group(1))
    return outcome


def flag_of(question: str) -> str:
    return "--" + question.replace("_", "-")


def evaluate(command: list[str], folder: Path, label: Label) -> Result:
    first = run(command, folder, [])
    second: Outcome | None = None
    if not label.library and first.code == 2:
        extra: list[str] = []
        outcome = first
        for _ in range(4):  # each answer given can put a new question on the path
            if outcome.library and "--application" not in extra:
                extra.append("--application")
            wanted = [f for f in outcome.missing if f not in extra]
            answers = {flag_of(q): a for q, a in label.answers.items() if a != UNKNOWN}
            given = [f for f in wanted if f in answers]
            if not given and not (outcome.library and extra == ["--application"]):
                break
            for flag in given:
                extra += [flag, flag_value(answers[flag])]
            outcome = run(command, folder, extra)
            if outcome.code != 2:
                break
        second = outcome
    source = first if first.code == 0 else second
    evidence = source.evidence if source else {}
    questions: dict[str, str] = {}
    inferred: dict[str, Any] = {}
    for question, expected in label.answers.items():
        item = evidence.get(question) or {}
        decided = item.get("status") in INFERRED and item.get("answer") is not None
        if decided:
            inferred[question] = item["answer"]
        if expected == UNKNOWN:
            questions[question] = "inferred-unknown" if decided else "unknown"
        elif not decided:
            questions[question] = "not inferred"
        elif isinstance(expected, list):
            low, high = expected
            questions[question] = "agree" if low <= int(item["answer"]) <= high else "disagree"
        else:
            questions[question] = "agree" if item["answer"] == expected else "disagree"
    return Result(label, first, second, questions, inferred)


def folder_of(unpacked: Path) -> Path:
    """An sdist unpacks into one folder named after the release: scan that."""
    inner = [p for p in unpacked.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return inner[0] if len(inner) == 1 else unpacked


@dataclass
class Totals:
    apps: int = 0
    first: Counter[str] = field(default_factory=Counter)
    given: Counter[str] = field(default_factory=Counter)
    questions: dict[str, Counter[str]] = field(default_factory=dict)
    libraries: int = 0
    libraries_recognised: int = 0
    sizes_only: int = 0


def totals(results: list[Result]) -> Totals:
    total = Totals()
    for result in results:
        if result.label.library:
            total.libraries += 1
            total.libraries_recognised += result.first.library
            continue
        total.apps += 1
        total.first[result.model_class(result.first)] += 1
        final = result.second or result.first
        total.given[result.model_class(final)] += 1
        total.sizes_only += bool(result.first.sizes_only)
        for question, verdict in result.questions.items():
            total.questions.setdefault(question, Counter())[verdict] += 1
    return total


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"


def summary_lines(total: Totals) -> list[str]:
    lines = [f"applications: {total.apps}"]
    for title, counts in (("first pass", total.first), ("given the answers", total.given)):
        parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        lines.append(
            f"  models, {title}: acceptable {_ratio(counts['acceptable'], total.apps)}; {parts}"
        )
    lines.append(f"  recommended with answers that only size it (sizes_only): {total.sizes_only}")
    overall: Counter[str] = Counter()
    lines.append("  per question: agree / disagree / not inferred (unknown to the expert)")
    for question in sorted(total.questions):
        counts = total.questions[question]
        overall.update(counts)
        lines.append(
            f"    {question:16} {counts['agree']:3} {counts['disagree']:3} "
            f"{counts['not inferred']:3}   ({counts['unknown'] + counts['inferred-unknown']}"
            f", inferred {counts['inferred-unknown']})"
        )
    scored = overall["agree"] + overall["disagree"]
    lines.append(
        f"    {'all':16} {overall['agree']:3} {overall['disagree']:3} "
        f"{overall['not inferred']:3}   agreement on inferred: {_ratio(overall['agree'], scored)}"
    )
    lines.append(f"libraries recognised: {_ratio(total.libraries_recognised, total.libraries)}")
    return lines


MARK = {"agree": "+", "disagree": "x", "not inferred": ".", "unknown": " ", "inferred-unknown": "?"}


def report(results: list[Result]) -> list[str]:
    """One line per package: first pass, second pass, then one mark per labelled question."""
    lines = ["marks: + agree, x disagree, . not inferred, ? inferred where the expert says unknown"]
    for result in results:
        label = result.label
        if label.library:
            seen = "recognised" if result.first.library else result.first.verdict
            got = result.first.model or ""
            lines.append(f"{label.name:18} library     {seen} {got}".rstrip())
            continue
        first = result.model_class(result.first)
        shown = f"{first} ({result.first.model})" if result.first.model else first
        if result.first.library:
            shown = "exit 2 library"
        second = ""
        if result.second is not None:
            cls = result.model_class(result.second)
            second = f" -> {cls}" + (f" ({result.second.model})" if result.second.model else "")
        marks = " ".join(
            f"{q}{MARK[v]}"
            + (f"={result.inferred[q]}" if v in ("disagree", "inferred-unknown") else "")
            for q, v in sorted(result.questions.items())
        )
        lines.append(f"{label.name:18} {label.kind:11} {shown}{second}")
        lines.append(f"{'':18} {marks}")
    return lines


def default_advisor() -> list[str]:
    """The `advisor` installed beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name("advisor")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("advisor")
    if not found:
        raise SystemExit("apps: no installed `advisor` command (pip install -e . first)")
    return [found]


def measure(command: list[str], folders: dict[str, Path], labels: dict[str, Label]) -> list[Result]:
    results = []
    for name, label in labels.items():
        result = evaluate(command, folders[name], label)
        results.append(result)
        print(f"  {name}: {result.model_class(result.first)}", file=sys.stderr, flush=True)
    return results


def as_json(results: list[Result]) -> list[dict[str, Any]]:
    return [
        {
            "name": r.label.name,
            "kind": r.label.kind,
            "library": r.label.library,
            "first": {
                "class": r.model_class(r.first),
                "model": r.first.model,
                "leaf": r.first.leaf,
            },
            "second": None
            if r.second is None
            else {"class": r.model_class(r.second), "model": r.second.model, "leaf": r.second.leaf},
            "questions": r.questions,
            "inferred": r.inferred,
        }
        for r in results
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--dest", type=Path, default=corpus.CACHE / "unpacked")
    parser.add_argument("--advisor", help="the advisor command to measure (default: installed)")
    parser.add_argument("--baseline", help="another advisor command, measured in the same run")
    parser.add_argument("--only", nargs="+", help="these packages only")
    parser.add_argument("--json", type=Path, help="write every result to this file")
    args = parser.parse_args(argv)
    try:
        pins, labels = load_labels(args.manifest)
    except StaleLabels as error:
        print(f"apps: {error}", file=sys.stderr)
        return 1
    if args.only:
        unknown = set(args.only) - set(labels)
        if unknown:
            print(f"apps: not in the manifest: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 1
        labels = {n: label for n, label in labels.items() if n in args.only}
    try:
        folders = {
            pin.name: folder_of(corpus.unpack(corpus.download(pin), args.dest / pin.unpack_dir))
            for pin in pins
            if pin.name in labels
        }
    except (OSError, ValueError) as error:
        print(f"apps: {error}", file=sys.stderr)
        return 1
    runs: dict[str, list[Result]] = {}
    if args.baseline:
        print(f"baseline: {args.baseline}", file=sys.stderr)
        runs["baseline"] = measure(shlex.split(args.baseline), folders, labels)
    command = shlex.split(args.advisor) if args.advisor else default_advisor()
    print(f"measured: {shlex.join(command)}", file=sys.stderr)
    runs["measured"] = measure(command, folders, labels)
    for title, results in runs.items():
        print(f"== {title}")
        print("\n".join(report(results)))
        print()
    for title, results in runs.items():
        print(f"== totals, {title}")
        print("\n".join(summary_lines(totals(results))))
    if args.json:
        args.json.write_text(
            json.dumps({k: as_json(v) for k, v in runs.items()}, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
