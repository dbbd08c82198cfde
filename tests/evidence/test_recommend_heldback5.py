"""Issue 19, the fifth held-back set's classes (docs/recommend-real-world.md): each folder of
``tests/fixtures/recommend_classes5`` is our own minimal reproduction of one class, citing the
application that inspired it, and its ``expected.yaml`` says what a user sees from
``advisor scan . --recommend --format json`` (the installed CLI in a subprocess, no terminal):
the exit code, the model, the answers inferred, reasons cited at ``file:line`` (their start),
and files whose code must not vote "yes" on any question (``no_yes_from``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from advisor import yamlio
from tests.helpers import FIXTURES, run_advisor

CLASSES = FIXTURES / "recommend_classes5"
CASES = sorted(p.name for p in CLASSES.iterdir() if (p / "expected.yaml").is_file())


def expected_of(name: str) -> dict[str, Any]:
    data = yamlio.load_path(CLASSES / name / "expected.yaml")
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("name", CASES)
def test_fifth_heldout_class(name: str, tmp_path: Path) -> None:
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
    quiet = tuple(expected.get("no_yes_from") or ())
    voted = [
        (question, e["file"], e["reason"])
        for question, answer in evidence.items()
        for e in (*answer["evidence"], *answer["conflicting"])
        if e["value"] is True and e["file"] and e["file"].startswith(quiet)
    ]
    assert not quiet or not voted, voted


def test_cases_cover_every_fixture() -> None:
    """A fixture folder without expectations would be silently skipped."""
    assert sorted(p.name for p in CLASSES.iterdir() if p.is_dir()) == CASES
    assert len(CASES) >= 5
