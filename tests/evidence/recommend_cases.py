"""One run of ``advisor scan . --recommend`` on a copy of a fixture project in
``tests/fixtures/recommend_classes``, with some files rewritten first: shared by the tests of
the classes each held-back set showed (``test_recommend_classes5.py``,
``test_recommend_classes7.py``), which each hold a table of such runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, NamedTuple

from tests.helpers import FIXTURES, run_advisor

CLASSES = FIXTURES / "recommend_classes"
LIBRARY = "this looks like a library"


class Case(NamedTuple):
    """One run: fixture *name*, files rewritten in the copy first (*edits*: path -> text, a
    line appended with a leading ``+``, ``=old\\x00new`` for one replacement, or None to
    delete the file), the expected exit code and model, answers the evidence must give, and
    a text the output must say (a reason or a context line)."""

    name: str
    edits: dict[str, str | None]
    code: int
    model: str | None
    answers: dict[str, object]
    says: str


def _edit(root: Path, rel: str, edit: str | None) -> None:
    target = root / rel
    if edit is None:
        target.unlink()
    elif edit.startswith("+"):
        target.write_text(target.read_text(encoding="utf-8") + edit[1:], encoding="utf-8")
    elif edit.startswith("=") and "\x00" in edit:  # "=old\x00new": one replacement
        old, new = edit[1:].split("\x00")
        text = target.read_text(encoding="utf-8")
        assert old in text, old
        target.write_text(text.replace(old, new), encoding="utf-8")
    else:
        target.write_text(edit, encoding="utf-8")


def scan(case: Case, tmp_path: Path, *flags: str) -> tuple[int, dict[str, Any], str]:
    """The exit code, the JSON report (empty unless 0) and stderr of the run *case* names."""
    root = tmp_path / case.name
    shutil.copytree(CLASSES / case.name, root)
    for rel, edit in case.edits.items():
        _edit(root, rel, edit)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", *flags, cwd=root)
    data = json.loads(result.out) if result.code == 0 else {}
    assert isinstance(data, dict)
    return result.code, data, result.err


def check(case: Case, tmp_path: Path) -> None:
    """What a user sees from *case*'s run: its exit code and, on exit 2, the line that says
    why (and no "looks like a library" unless that is the reason); otherwise the model, the
    answers and the text the report must say."""
    code, data, err = scan(case, tmp_path)
    assert code == case.code, err
    if case.code:
        assert case.says in err, err
        if case.says != LIBRARY:
            assert LIBRARY not in err, err
        return
    assert data["model"] == case.model
    answers = {q: e["answer"] for q, e in data["evidence"].items()}
    for question, value in case.answers.items():
        assert answers.get(question) == value, (question, data["evidence"].get(question))
    said = [e["reason"] for e in data["context"]] + [
        e["reason"] for q in data["evidence"].values() for e in q["evidence"]
    ]
    assert any(case.says in s for s in said), said
