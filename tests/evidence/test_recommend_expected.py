"""Issue 19, the held-back sets' classes (docs/recommend-real-world.md), one folder per class:
each folder of ``tests/fixtures/recommend_classes5``, ``6``, ``9`` and ``12`` is our own
minimal reproduction of one class, citing the application that inspired it, often beside its
other side. Its ``expected.yaml`` says what a user sees from ``advisor scan . --recommend
--format json`` (the installed CLI in a subprocess, no terminal):

- ``code``, ``model``, ``answers``: the exit code, the model, the answers inferred;
- ``cited``: reasons cited at ``file:line`` per question (their start);
- ``context``: context lines cited the same way;
- ``no_answer``: questions the code must leave unanswered;
- ``no_yes_from``: files whose code must not vote "yes" on any question;
- ``says``: a context line the result must say."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from advisor import yamlio
from tests.helpers import FIXTURES, run_advisor

FOLDERS = (
    FIXTURES / "recommend_classes5",
    FIXTURES / "recommend_classes6",
    FIXTURES / "recommend_classes9",
    FIXTURES / "recommend_classes12",
    FIXTURES / "recommend_classes13",
)
CASES = sorted(
    f"{folder.name}/{p.name}"
    for folder in FOLDERS
    for p in folder.iterdir()
    if (p / "expected.yaml").is_file()
)


def expected_of(case: str) -> dict[str, Any]:
    data = yamlio.load_path(FIXTURES / case / "expected.yaml")
    assert isinstance(data, dict)
    return data


def check(data: dict[str, Any], expected: dict[str, Any]) -> None:
    """Every expectation *expected* states, against the JSON report *data*."""
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
    quiet = tuple(expected.get("no_yes_from") or ())
    voted = [
        (question, e["file"], e["reason"])
        for question, answer in evidence.items()
        for e in (*answer["evidence"], *answer["conflicting"])
        if e["value"] is True and e["file"] and e["file"].startswith(quiet)
    ]
    assert not quiet or not voted, voted
    says = expected.get("says")
    assert not says or any(says in c["reason"] for c in data["context"]), data["context"]


@pytest.mark.parametrize("case", CASES)
def test_held_back_class(case: str, tmp_path: Path) -> None:
    expected = expected_of(case)
    root = tmp_path / Path(case).name
    shutil.copytree(FIXTURES / case, root, ignore=shutil.ignore_patterns("expected.yaml"))
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == expected["code"], result.err
    check(json.loads(result.out), expected)


def test_cases_cover_every_fixture() -> None:
    """A fixture folder without expectations would be silently skipped."""
    folders = sorted(f"{f.name}/{p.name}" for f in FOLDERS for p in f.iterdir() if p.is_dir())
    assert folders == CASES
    assert len(CASES) >= 14


def test_a_flag_on_by_default_still_waits(tmp_path: Path) -> None:
    """The other side of ``import_sorter`` (isort): with the git flag declared ``True``, the
    `git ls-files` child runs by default and weighs against the pool: `--cpu-bound` is asked."""
    root = _edited_copy(
        tmp_path,
        "import_sorter",
        "impsort/settings.py",
        "skip_gitignore: bool = False",
        "skip_gitignore: bool = True",
    )
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 2, result.out
    assert "--cpu-bound" in result.err


def test_a_child_process_in_the_mapped_work_still_votes(tmp_path: Path) -> None:
    """The other side of ``pool_beside_git`` (isort): a child process the mapped function
    itself runs, for every file, is what the work waits on: it still votes "no", and
    `--cpu-bound` is asked."""
    root = _edited_copy(
        tmp_path,
        "pool_beside_git",
        "lintall/main.py",
        '    with open(path, encoding="utf-8") as handle:\n',
        '    subprocess.run(["ruff", "check", path], check=False)\n'
        '    with open(path, encoding="utf-8") as handle:\n',
    )
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 2, result.out
    assert "--cpu-bound" in result.err


def _edited_copy(tmp_path: Path, case: str, file: str, old: str, new: str) -> Path:
    """A copy of a ``recommend_classes9`` fixture with one text of one file replaced: the
    other side of the class it shows."""
    root = tmp_path / case
    shutil.copytree(
        FIXTURES / "recommend_classes9" / case, root, ignore=shutil.ignore_patterns("expected.yaml")
    )
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer holds the text the test replaces"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root
