"""How many of convert's own outputs pass `advisor convert --check`: each golden fixture and
corpus program is converted, the output written, and converted again; a second run that
changes something or leaves code as is (notes aside) fails the documented CI use for ever
(review 23, defect #1).

Run from outside the worktree, once per version, with that version's Python:

    python benchmarks/convert_again.py            # the advisor that Python imports

Prints one line per program that fails, then the counts; exits 1 when any fails.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import advisor
from advisor import yamlio
from advisor.conversion import NOTE_REASONS

CASES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "convert"


def programs() -> list[tuple[str, Path, dict]]:
    found = []
    for case in sorted(CASES.iterdir()):
        if (case / "case.yaml").is_file():
            options = yamlio.load_path(case / "case.yaml").get("options", {})
            found.append((case.name, case / "before.py", options))
    for folder in ("corpus", "corpus_new"):
        found += [(p.name, p, {}) for p in sorted((CASES / folder).glob("*.py"))]
    return found


def again(path: Path, options: dict) -> tuple[bool, list[str]] | None:
    """None when the first run converts nothing; else (passes, what the second run says)."""
    kwargs = {"target_version": options.get("target_version"), "prefer": options.get("prefer")}
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / path.name
        shutil.copy(path, program)
        first = advisor.convert([program], **kwargs)
        if not first.changed:
            return None
        program.write_text(first.files[0].after, encoding="utf-8")
        second = advisor.convert([program], **kwargs)
    said = [f"{c.line} {c.code}" for c in second.changes]
    said += [f"{r.line} {r.reason}" for r in second.refusals if r.reason not in NOTE_REASONS]
    return not said, said


def main() -> int:
    converted = passed = 0
    for name, path, options in programs():
        outcome = again(path, options)
        if outcome is None:
            continue
        converted += 1
        ok, said = outcome
        passed += ok
        if not ok:
            print(f"fails --check: {name}: {', '.join(said)}")
    print(f"converted outputs passing --check: {passed} of {converted}")
    return 0 if passed == converted else 1


if __name__ == "__main__":
    sys.exit(main())
