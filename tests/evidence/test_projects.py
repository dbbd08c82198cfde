"""Small realistic projects in, inferred answers, evidence lines and model out.

Each folder of ``tests/fixtures/projects`` is a project; its ``expected.yaml`` says what the
code should tell (``answers``: decided answers, exactly), what it cannot (``undecided``),
where evidence conflicts (``conflicts``), lines that must be cited (``evidence``: question ->
file:line), context lines (``context``), the answers a user adds (``flags``) and the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import advisor
from advisor import yamlio
from advisor.inference import Inference, SourceFile
from advisor.lint.notebook import cells
from advisor.models import Fact
from tests.helpers import FIXTURES

PROJECTS = sorted(p for p in (FIXTURES / "projects").iterdir() if p.is_dir())
GIL = {"free_threading": Fact(False, "test: a GIL build")}


def project_sources(root: Path) -> list[SourceFile]:
    """A minimal walk for the tests: scan's discovery is tested on its own."""
    sources: list[SourceFile] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".py":
            sources.append(SourceFile(rel, path.read_text(encoding="utf-8")))
        elif path.suffix == ".ipynb":
            sources.extend(cells(rel, path.read_text(encoding="utf-8")))
    return sources


def expected_of(project: Path) -> dict[str, Any]:
    data = yamlio.load_path(project / "expected.yaml")
    assert isinstance(data, dict)
    return data


def expected_model(expected: dict[str, Any]) -> str:
    """The model with the default (expert) tree."""
    return str(expected["model"])


def check_inference(inference: Inference, expected: dict[str, Any]) -> None:
    decided = {q: a.value for q, a in inference.questions.items() if a.decided}
    assert decided == dict(expected.get("answers") or {})
    undecided = {q for q, a in inference.questions.items() if not a.decided}
    assert undecided >= set(expected.get("undecided") or [])
    conflicted = {q for q, a in inference.questions.items() if a.conflicting}
    assert conflicted == set(expected.get("conflicts") or [])
    for question, location in (expected.get("evidence") or {}).items():
        answer = inference.questions[question]
        cited = [e.location for e in (*answer.evidence, *answer.conflicting)]
        assert location in cited, (question, cited)
    context = {e.location for e in inference.context}
    assert context >= set(expected.get("context") or [])


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_project_through_the_library(project: Path) -> None:
    expected = expected_of(project)
    inference = advisor.infer(project_sources(project))
    check_inference(inference, expected)
    flags = dict(expected.get("flags") or {})
    rec = advisor.recommend(evidence=inference, facts=GIL, **flags)
    assert rec.model == expected_model(expected)
    inferred = inference.answers()
    for step in rec.path:
        if step.question in flags:
            assert step.source == "api"
        elif step.question in inferred:
            assert step.source == "inferred"
            assert step.evidence == inferred[step.question].evidence
            assert step.assumed


@pytest.mark.parametrize(
    "project", [p for p in PROJECTS if expected_of(p).get("missing_flags")], ids=lambda p: p.name
)
def test_undecided_answer_is_missing_not_guessed(project: Path) -> None:
    expected = expected_of(project)
    inference = advisor.infer(project_sources(project))
    with pytest.raises(advisor.MissingAnswersError) as info:
        advisor.recommend(evidence=inference, facts=GIL)
    assert list(info.value.flags) == expected["missing_flags"]


def test_every_project_has_expectations() -> None:
    assert len(PROJECTS) >= 10
    for project in PROJECTS:
        expected = expected_of(project)
        assert expected.get("model") in advisor.MODELS, project.name
        assert expected.get("evidence"), project.name
