"""How far `advisor convert` reaches on programs shaped like real ones, and whether what it
converts behaves the same: the numbers issue 18 asks for.

Run on demand:  python benchmarks/convert_reach.py

Input: ``tests/fixtures/convert/corpus/*.py``, one minimal program per shape seen in public code
(tutorial downloaders, the Python docs' executor example, queue worker pools, classes that
start threads, build scripts, ...; each file's first comment names its shape), and
``corpus_new/*.py``, shapes added later (queues handed to workers as arguments, executors
made without ``with``, Thread subclasses, ...), counted apart so the first figures stay
comparable. Each program is
converted alone in a temporary folder; a converted one is run before and after (subprocesses,
no network) and must print the same (its characters sorted, as threads print in a racy order)
and keep every comment. Prints one line per program and the totals; exits 1 when a converted
program behaves differently or loses a comment: convert must never be wrong, only refuse.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import tokenize
from collections import Counter
from pathlib import Path

import advisor

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "convert"
CORPORA = (FIXTURES / "corpus", FIXTURES / "corpus_new")


def comments(text: str) -> Counter[str]:
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return Counter(t.string for t in tokens if t.type == tokenize.COMMENT)


def run(path: Path) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=path.parent,
        check=False,
    )
    return proc.returncode, "".join(sorted("".join(proc.stdout.split())))


def measure(program: Path) -> tuple[str, str]:
    """(outcome, detail): converted-same, converted-DIFFERENT, or refused with its reasons."""
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before" / "program.py"
        after = Path(tmp) / "after" / "program.py"
        before.parent.mkdir()
        after.parent.mkdir()
        shutil.copy(program, before)
        result = advisor.convert([before], target_version="3.11")
        (converted,) = result.files
        reasons = sorted({r.reason for r in result.refusals})
        if not converted.changed:
            return "refused", ", ".join(reasons) or "nothing to convert"
        after.write_text(converted.after, encoding="utf-8")
        if comments(converted.after) != comments(converted.before):
            return "converted-DIFFERENT", "comments lost or doubled"
        first, second = run(before), run(after)
        if first != second:
            return "converted-DIFFERENT", f"before {first} after {second}"
        notes = f" (notes: {', '.join(reasons)})" if reasons else ""
        return "converted-same", f"{len(converted.changes)} changes{notes}"


def main() -> int:
    different = 0
    for corpus in CORPORA:
        outcomes: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        print(f"== {corpus.name}")
        for program in sorted(corpus.glob("*.py")):
            outcome, detail = measure(program)
            outcomes[outcome] += 1
            if outcome == "refused":
                reasons.update(detail.split(", "))
            print(f"{program.name:32} {outcome:20} {detail}")
        total = sum(outcomes.values())
        print(
            f"\n{corpus.name}: {total} programs: {outcomes['converted-same']} converted and "
            f"behave the same, {outcomes['converted-DIFFERENT']} converted and behave "
            f"differently, {outcomes['refused']} refused"
        )
        print("refusal reasons:", ", ".join(f"{r} {n}" for r, n in sorted(reasons.items())))
        print()
        different += outcomes["converted-DIFFERENT"]
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
