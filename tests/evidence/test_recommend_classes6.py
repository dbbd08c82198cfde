"""Issue 19, the sixth held-back set's classes (docs/recommend-real-world.md): each folder of
``tests/fixtures/recommend_classes6`` is our own minimal reproduction of one class, citing the
application that inspired it (heisenbridge, wsgidav, libretranslate), beside its other side.
Its ``expected.yaml`` says what a user sees from ``advisor scan . --recommend --format json``
(the installed CLI in a subprocess, no terminal): the exit code, the model, the answers
inferred, reasons cited at ``file:line`` (their start), context cited the same way, and
questions the code must leave unanswered (``no_answer``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from advisor import yamlio
from tests.helpers import FIXTURES, run_advisor

CLASSES = FIXTURES / "recommend_classes6"
CASES = sorted(p.name for p in CLASSES.iterdir() if (p / "expected.yaml").is_file())


def expected_of(name: str) -> dict[str, Any]:
    data = yamlio.load_path(CLASSES / name / "expected.yaml")
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("name", CASES)
def test_sixth_heldout_class(name: str, tmp_path: Path) -> None:
    expected = expected_of(name)
    root = tmp_path / name
    shutil.copytree(CLASSES / name, root, ignore=shutil.ignore_patterns("expected.yaml"))
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == expected["code"], result.err
    data = json.loads(result.out)
    assert data["model"] == expected["model"]
    evidence = data["evidence"]
    answers = {q: evidence[q]["answer"] for q in expected["answers"]}
    assert answers == expected["answers"]
    for question, lines in (expected.get("cited") or {}).items():
        cited = {f"{e['file']}:{e['line']}": e["reason"] for e in evidence[question]["evidence"]}
        for where, start in lines.items():
            assert cited.get(where, "").startswith(start), (question, where, cited)
    context = {f"{c['file']}:{c['line']}": c["reason"] for c in data["context"]}
    for where, start in (expected.get("context") or {}).items():
        assert context.get(where, "").startswith(start), (where, context)
    for question in expected.get("no_answer") or ():
        assert question not in evidence, evidence.get(question)


def test_cases_cover_every_fixture() -> None:
    """A fixture folder without expectations would be silently skipped."""
    assert sorted(p.name for p in CLASSES.iterdir() if p.is_dir()) == CASES
    assert len(CASES) >= 6
