"""`advisor scan PATH --recommend` as a user runs it: the fixture projects through the
installed CLI in a subprocess, flags overriding inference, conflicts, a terminal, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import advisor
from advisor.models import Fact
from tests.evidence.test_projects import PROJECTS, expected_model, expected_of
from tests.helpers import FIXTURES, run_advisor, typed

TREE = advisor.load_tree()


def flags_of(answers: dict[str, Any]) -> list[str]:
    """``{"free_threaded": False}`` -> ``["--free-threaded", "no"]``."""
    out: list[str] = []
    for qid, value in answers.items():
        spelled = ("yes" if value else "no") if isinstance(value, bool) else str(value)
        out += [TREE.questions[qid].flag, spelled]
    return out


def copy_project(project: Path, tmp_path: Path) -> Path:
    """A copy outside this repository, as a user's project would be."""
    target = tmp_path / project.name
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("expected.yaml"))
    return target


@pytest.fixture
def gil(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "advisor.detect.environment_facts",
        lambda lang="en": {"free_threading": Fact(False, "test")},
    )


#: Projects that also go through the installed CLI in a subprocess; the others call the same
#: `main` in-process (`cli`), without a Python start-up per run.
SUBPROCESS = {
    "chat_server",
    "conflicting",
    "link_checker",
    "mirror_fetcher",
    "notebook",
    "thumbnailer",
    "webhook_relay",
}


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_project_through_the_installed_cli(
    project: Path, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = expected_of(project)
    root = copy_project(project, tmp_path)
    if project.name in SUBPROCESS:

        def advisor(*argv: str):
            return run_advisor(*argv, cwd=root)
    else:
        monkeypatch.chdir(root)
        advisor = cli
    flags = flags_of(dict(expected.get("flags") or {}))
    if expected.get("missing_flags"):
        without = advisor("scan", ".", "--recommend")
        assert without.code == 2, without.err
        assert without.out == ""
        assert "Traceback" not in without.err
        for flag in expected["missing_flags"]:
            assert flag in without.err
        for question in expected.get("conflicts") or []:
            assert f"evidence for {TREE.questions[question].flag} is weak or points both ways" in (
                without.err
            )
    result = advisor("scan", ".", "--recommend", "--format", "json", *flags)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["model"] == expected_model(expected)
    decided = dict(expected.get("answers") or {})
    for step in data["path"]:
        if step["flag"] in flags:
            assert step["source"] == "flag"
        elif step["question"] in decided:
            assert step["source"] == "inferred"
            assert step["answer"] == decided[step["question"]]
            assert step["evidence"]
    for question, location in (expected.get("evidence") or {}).items():
        if question not in TREE.questions:  # e.g. program, before issue 8's tree
            continue
        entry = data["evidence"][question]
        cited = [_location(e) for e in (*entry["evidence"], *entry["conflicting"])]
        assert location in cited, (question, cited)
    for question in expected.get("conflicts") or []:
        assert data["evidence"][question]["conflicting"], question
    # The repeat line reproduces the result without the code.
    repeat = result.err.strip().splitlines()[-1]
    assert repeat.startswith("Repeat this: advisor recommend ")
    again = advisor(*repeat.removeprefix("Repeat this: advisor ").split(), "--format", "json")
    assert again.code == 0, again.err
    assert json.loads(again.out)["leaf"] == data["leaf"]


def _location(evidence: dict[str, Any]) -> str:
    if evidence["cell"] is not None:
        return f"{evidence['file']}:cell {evidence['cell']}:{evidence['line']}"
    return f"{evidence['file']}:{evidence['line']}"


def test_flags_override_inferred_answers(cli, tmp_path: Path, gil: None) -> None:
    root = copy_project(FIXTURES / "projects" / "requests_crawler", tmp_path)
    result = cli("scan", str(root), "--recommend", "--format", "json", "--cpu-bound", "yes")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["model"] == "multiprocessing"
    first = data["path"][0]
    assert (first["question"], first["answer"], first["source"]) == ("cpu_bound", True, "flag")
    assert data["evidence"]["cpu_bound"]["answer"] is False
    assert data["evidence"]["cpu_bound"]["status"] == "overridden"
    assert data["evidence"]["cpu_bound"]["overridden_by"] == "--cpu-bound yes"
    assert "--cpu-bound yes" in result.err.splitlines()[-1]


def test_answers_file_overrides_too(cli, tmp_path: Path, gil: None) -> None:
    root = copy_project(FIXTURES / "projects" / "requests_crawler", tmp_path)
    answers = tmp_path / "answers.yaml"
    answers.write_text("concurrency: 500\n", encoding="utf-8")
    result = cli("scan", str(root), "--recommend", "--answers", str(answers), "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    step = next(s for s in data["path"] if s["question"] == "concurrency")
    assert (step["answer"], step["source"]) == (500, "file")


def test_conflicting_evidence_is_shown(cli, tmp_path: Path, gil: None) -> None:
    root = copy_project(FIXTURES / "projects" / "conflicting", tmp_path)
    result = cli("scan", str(root), "--recommend", "--format", "plain", "--cpu-bound", "no")
    assert result.code == 0, result.err
    evidence = result.out[result.out.index("Evidence from your code") :]
    # The same answer as the code's (weak) one confirms it: nothing was overridden (#22).
    assert "--cpu-bound no  (low confidence; matches --cpu-bound no)" in evidence
    assert "report.py:14: calls requests.get: blocking network I/O" in evidence
    assert "against (yes): " in evidence
    assert "report.py:21: nested loops doing arithmetic in window_stats" in evidence


def test_on_a_terminal_only_what_the_code_could_not_tell_is_asked(
    cli, tmp_path: Path, gil: None
) -> None:
    root = copy_project(FIXTURES / "projects" / "conflicting", tmp_path)
    result = cli(
        "scan",
        str(root),
        "--recommend",
        "--format",
        "json",
        keys=typed(["n", "<enter>", "<enter>", "<enter>"]),  # cpu-bound, program, free-threaded
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    sources = {s["question"]: s["source"] for s in data["path"]}
    assert sources["cpu_bound"] == "prompt"
    assert sources["cpu_heavy_steps"] == "inferred"
    inferred = set(advisor.infer([root]).answers())
    asked = {q for q, source in sources.items() if source == "prompt"}
    assert "cpu_bound" in asked
    assert not asked & inferred  # what the code told is never asked
    # CPU-heavy steps, blocking libraries, no asyncio loop: threads and a process pool
    assert (data["model"], data["leaf"]) == ("threading", "threading_process_pool")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "no Python files or notebooks found"),
        ({"README.md": "# hi\n"}, "no Python files or notebooks found"),
        (
            {"bad.py": "def broken(:\n", "worse.py": "x = = 1\n"},
            "none of the 2 Python files or notebooks could be read (first: ",
        ),
        ({"nb.ipynb": "{not json"}, "nb.ipynb: cannot read: not a notebook"),
    ],
)
def test_nothing_to_read_is_an_error_not_a_guess(
    cli, tmp_path: Path, files: dict[str, str], message: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = cli("scan", str(tmp_path), "--recommend")
    assert result.code == 2
    assert result.out == ""
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1
    zh = cli("scan", str(tmp_path), "--recommend", "--lang", "zh-TW")
    assert zh.code == 2
    assert "advisor scan --recommend" in zh.err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.err)


def test_tree_flags_only_with_recommend(cli, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("import requests\nrequests.get('u')\n", encoding="utf-8")
    result = cli("scan", str(tmp_path), "--cpu-bound", "no")
    assert result.code == 2
    assert "--cpu-bound" in result.err


def test_template_and_emit(cli, tmp_path: Path, gil: None) -> None:
    root = copy_project(FIXTURES / "projects" / "aiohttp_crawler", tmp_path)
    code = cli("scan", str(root), "--recommend", "--template")
    assert code.code == 0, code.err
    assert code.out.startswith("# Generated by advisor: asyncio")
    assert "--concurrency 200" in code.out.splitlines()[1]  # inferred answers in the repeat
    target = tmp_path / "worker.py"
    emitted = cli("scan", str(root), "--recommend", "--emit", str(target), "--format", "plain")
    assert emitted.code == 0, emitted.err
    assert target.read_text(encoding="utf-8") == code.out
    again = cli("scan", str(root), "--recommend", "--emit", str(target))
    assert again.code == 2  # never overwritten without --force
    assert target.read_text(encoding="utf-8") == code.out


@pytest.mark.parametrize(
    ("fmt", "heading"),
    [
        ("rich", "╭─ Evidence from your code (1 file(s) read)"),
        ("markdown", "## Evidence from your code (1 file(s) read)"),
        ("plain", "Evidence from your code (1 file(s) read)"),
    ],
)
def test_every_format_shows_the_evidence(cli, tmp_path: Path, gil: None, fmt, heading) -> None:
    root = copy_project(FIXTURES / "projects" / "ffmpeg_batch", tmp_path)
    result = cli("scan", str(root), "--recommend", "--format", fmt)
    assert result.code == 0, result.err
    assert heading in result.out
    assert "runs ffmpeg as a child process" in result.out
    zh = cli("scan", str(root), "--recommend", "--format", fmt, "--lang", "zh-TW")
    assert "以子行程執行 ffmpeg 並等待它結束" in zh.out


@pytest.mark.parametrize("option", [["--statistics"], ["--select", "ADV101"], ["--exit-zero"]])
def test_lint_options_are_refused_not_ignored(cli, tmp_path: Path, option: list[str]) -> None:
    (tmp_path / "app.py").write_text("import requests\nrequests.get('u')\n", encoding="utf-8")
    result = cli("scan", str(tmp_path), "--recommend", *option)
    assert result.code == 2
    assert f"{option[0]} is about findings, and --recommend shows none" in result.err


def test_an_engine_default_is_not_reported_as_overriding_weak_evidence(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Evidence pointing both ways leaves `--native-code` undecided: asked (exit 2 without a
    terminal), never the tree's default (issue 19); the user's answer then confirms or
    overrides the code's lean."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text(
        "import numpy as np\n\n\ndef crunch(n):\n    s = 0\n    for i in range(n):\n"
        "        for j in range(n):\n            s += i * j\n    return s\n\n\n"
        "def main():\n    print(crunch(100), np.linalg.svd(np.eye(3)))\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    argv = ("scan", ".", "--recommend", "--cpu-bound", "yes", "--format", "json")
    result = cli(*argv)
    assert result.code == 2, result.out
    assert "(still needed: --native-code)" in result.err
    assert "the code's evidence for --native-code is weak or points both ways" in result.err
    given = cli(*argv, "--native-code", "yes")
    native = json.loads(given.out)["evidence"]["native_code"]
    # The code's undecided answer was "yes" too (the heavy SVD against the loop's bytecode):
    # confirmed, not overridden (newcomer #22).
    assert (native["status"], native["overridden_by"]) == ("confirmed", None)
    other = cli(*argv, "--native-code", "no")
    native = json.loads(other.out)["evidence"]["native_code"]
    assert (native["status"], native["overridden_by"]) == ("overridden", "--native-code no")


def test_zh_tw_evidence_has_no_space_between_chinese_words(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text(
        "import requests\n\n\ndef crunch(n):\n    s = 0\n    for i in range(n):\n"
        "        for j in range(n):\n            s += i * j\n    return s\n\n\n"
        "def main():\n    return crunch(9), requests.get('http://example.invalid')\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    argv = (
        "scan",
        ".",
        "--recommend",
        "--lang",
        "zh-TW",
        "--cpu-bound",
        "no",
        "--concurrency",
        "8",
    )
    argv = (*argv, "--format", "json")
    result = cli(*argv)
    assert result.code == 0, result.err
    evidence = json.loads(result.out)["evidence"]
    reasons = [e["reason"] for a in evidence.values() for e in (*a["evidence"], *a["conflicting"])]
    assert any("巢狀迴圈" in r for r in reasons), reasons
    gaps = [r for r in reasons if re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", r)]
    assert not gaps


def test_a_flag_that_agrees_with_the_code_confirms_it_rather_than_overriding(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text(
        "import requests\n\n\ndef get(url):\n    return requests.get(url).text\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(root)

    def cpu_bound(value: str) -> dict[str, object]:
        argv = ("scan", ".", "--recommend", "--cpu-bound", value, "--concurrency", "4")
        result = cli(*argv, "--shared-memory", "no", "--format", "json")
        assert result.code == 0, result.err
        evidence: dict[str, object] = json.loads(result.out)["evidence"]["cpu_bound"]
        return evidence

    same, other = cpu_bound("no"), cpu_bound("yes")
    assert same["answer"] is False
    assert (same["status"], same["overridden_by"]) == ("confirmed", None)
    assert (other["status"], other["overridden_by"]) == ("overridden", "--cpu-bound yes")
