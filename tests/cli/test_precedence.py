"""One precedence rule (`advisor.answers.merge`) in recommend, ask, scan --recommend and
profile --recommend: the same answer given at the same layers resolves the same way in each.

The cases are data (tests/fixtures/precedence.yaml); every command runs in-process through
`cli.main`, ask with scripted keys, profile on a tiny real program.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
import yaml

from advisor.errors import ExitCode
from advisor.models import Fact
from tests.helpers import FIXTURES, typed

SPEC = yaml.safe_load((FIXTURES / "precedence.yaml").read_text(encoding="utf-8"))
COMMANDS = ("recommend", "ask", "scan", "profile")
CRAWLER = FIXTURES / "projects" / "requests_crawler"
THREADS = (
    "import threading, time; "
    "ts = [threading.Thread(target=time.sleep, args=(0.5,)) for _ in range(3)]; "
    "[t.start() for t in ts]; [t.join() for t in ts]"
)


def argv(command: str, case: dict[str, Any], tmp_path) -> tuple[list[str], str | None]:
    """The command line for *command* with the case's layers, and the keys to type (ask)."""
    layers: list[str] = []
    flag = "--" + SPEC["question"].replace("_", "-")
    if "file" in case:
        answers = tmp_path / "answers.yaml"
        answers.write_text(f"{SPEC['question']}: {case['file']}\n", encoding="utf-8")
        layers += ["--answers", str(answers)]
    if "flag" in case:
        layers += [flag, str(case["flag"])]
    common = [*SPEC["others"], *layers, "--format", "json"]
    if command == "scan":
        return ["scan", str(CRAWLER), "--recommend", *common], None
    if command == "profile":
        return ["profile", "--recommend", *common, "--", sys.executable, "-c", THREADS], None
    if command == "ask":
        return ["ask", *common], typed(["20", "<enter>"])
    return ["recommend", *common], None


def resolved(command: str, out: str, err: str) -> dict[str, Any]:
    """The question's step on the recommendation's path: its answer and source."""
    data = json.loads(err if command == "profile" else out)
    rec = data["recommendation"] if command == "profile" else data
    (step,) = (s for s in rec["path"] if s["question"] == SPEC["question"])
    return {"answer": step["answer"], "source": step["source"]}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", SPEC["cases"], ids=[c["name"] for c in SPEC["cases"]])
def test_one_precedence_rule(cli, monkeypatch, tmp_path, command, case):
    monkeypatch.setattr(
        "advisor.detect.environment_facts",
        lambda lang="en": {"free_threading": Fact(False, "test fact")},
    )
    args, keys = argv(command, case, tmp_path)
    expect = case["expect"] if case["expect"] != "found" else SPEC["found"][command]
    result = cli(*args, keys=keys)
    if expect == "missing":
        assert result.code == ExitCode.USAGE
        assert "--concurrency" in result.err
        return
    assert result.code == 0, result.err
    assert resolved(command, result.out, result.err) == expect


@pytest.mark.parametrize("layer", ["file", "flag"])
def test_profile_refuses_a_bad_answer_before_running_the_program(cli, tmp_path, layer):
    """The user's answers are read first: a typo costs one line, not a whole run."""
    marker = tmp_path / "ran"
    if layer == "file":
        answers = tmp_path / "answers.yaml"
        answers.write_text("concurrency: many\n", encoding="utf-8")
        bad = ["--answers", str(answers)]
    else:
        bad = ["--concurrency", "many"]
    program = f"open({str(marker)!r}, 'w').close()"
    result = cli("profile", "--recommend", *bad, "--", sys.executable, "-c", program)
    assert result.code == ExitCode.USAGE
    assert "many" in result.err
    assert not marker.exists()
