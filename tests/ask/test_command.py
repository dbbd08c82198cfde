"""The `advisor ask` command in-process, keys fed through prompt_toolkit's pipe input: sessions,
the repeat command, aborts, answers files, --save-answers and --emit, no terminal. How each
prompt behaves under the keys is in test_prompt.py; a real terminal is test_pty.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from advisor.models import Fact
from tests.helpers import FIXTURES, typed


def sessions() -> list[pytest.param]:
    cases = yaml.safe_load((FIXTURES / "ask_sessions.yaml").read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["name"]) for c in cases]


def with_facts(monkeypatch, facts):
    if facts is not None:
        monkeypatch.setattr(
            "advisor.detect.environment_facts",
            lambda lang="en": {k: Fact(v, "test fact") for k, v in facts.items()},
        )


@pytest.mark.parametrize("case", sessions())
def test_session(cli, monkeypatch, case):
    with_facts(monkeypatch, case.get("facts", {"free_threading": False}))
    result = cli("ask", "--format", "plain", keys=typed(case["keys"]))
    assert result.code == 0, result.err
    assert result.out.startswith(f"Recommendation: {case['model']}\n")
    assert result.err.rstrip().splitlines()[-1] == f"Repeat this: {case['repeat']}"


def test_repeat_command_gives_the_same_answer(cli, monkeypatch):
    with_facts(monkeypatch, {"free_threading": False})
    asked = cli(
        "ask",
        "--format",
        "json",
        keys=typed(
            [
                "n",
                "<enter>",
                "<enter>",
                "20",
                "<enter>",
                "<enter>",
                "y",
                "<enter>",
                "n",
                "<enter>",
                "n",
                "<enter>",
            ]
        ),
    )
    assert asked.code == 0
    repeat = asked.err.strip().splitlines()[-1].removeprefix("Repeat this: advisor ")
    again = cli(*repeat.split(), "--format", "json")
    assert json.loads(again.out)["leaf"] == json.loads(asked.out)["leaf"] == "threading_shared"


@pytest.mark.parametrize("key", ["<c-c>", "<c-d>"])
def test_abort_writes_nothing(cli, tmp_path, key):
    saved, emitted = tmp_path / "answers.yaml", tmp_path / "code.py"
    result = cli(
        "ask", "--save-answers", str(saved), "--emit", str(emitted), keys=typed(["n", key])
    )
    assert result.code == 130
    assert result.err == "Aborted.\n"
    assert not saved.exists()
    assert not emitted.exists()


def test_abort_on_a_number_prompt(cli):
    result = cli("ask", keys=typed(["n", "<enter>", "<enter>", "<c-d>"]))
    assert result.code == 130
    assert result.err == "Aborted.\n"


def test_answers_file_prefills_and_only_the_rest_is_asked(cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("cpu_bound: no\ncpu_heavy_steps: no\n", encoding="utf-8")
    result = cli(
        "ask",
        "--answers",
        str(answers),
        "--format",
        "plain",
        keys=typed(["<enter>", "700", "<enter>", "y", "<enter>"]),
    )
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: asyncio\n")
    assert "--cpu-bound no" in result.out


def test_save_answers_round_trips(cli, tmp_path, monkeypatch):
    with_facts(monkeypatch, {"free_threading": False})
    saved = tmp_path / "answers.yaml"
    first = cli(
        "ask",
        "--save-answers",
        str(saved),
        "--format",
        "json",
        keys=typed(
            ["n", "<enter>", "<enter>", "20", "<enter>", "<enter>", "n", "<enter>", "y", "<enter>"]
        ),
    )
    assert first.code == 0
    assert f"saved answers to {saved}" in first.err
    assert yaml.safe_load(saved.read_text(encoding="utf-8")) == {
        "cpu_bound": False,
        "program": "script",
        "cpu_heavy_steps": False,
        "concurrency": 20,
        "shared_memory": False,
        "async_libs": True,
    }
    second = cli("ask", "--answers", str(saved), "--format", "json")
    assert second.code == 0
    assert json.loads(second.out)["leaf"] == json.loads(first.out)["leaf"] == "asyncio_libs"


def test_existing_save_target_is_refused_before_any_question(cli, tmp_path):
    saved = tmp_path / "answers.yaml"
    saved.write_text("mine\n", encoding="utf-8")
    result = cli("ask", "--save-answers", str(saved), keys=typed(["n"]))
    assert result.code == 2
    assert "already exists" in result.err
    assert saved.read_text(encoding="utf-8") == "mine\n"


def test_zh_tw_prompts_and_result(cli, monkeypatch):
    with_facts(monkeypatch, {"free_threading": False})
    result = cli(
        "ask",
        "--lang",
        "zh-TW",
        "--format",
        "plain",
        keys=typed(["y", "<enter>", "<enter>", "<enter>", "<enter>", "<enter>"]),
    )
    assert result.code == 0
    assert result.out.startswith("建議：multiprocessing\n")
    assert "重現這個結果：advisor recommend --lang zh-TW --cpu-bound yes" in result.err


# --- not a terminal --------------------------------------------------------------------


def test_not_a_terminal_points_to_recommend(cli):
    result = cli("ask")
    assert result.code == 2
    assert result.out == ""
    (line,) = result.err.splitlines()
    assert "advisor ask needs a terminal" in line
    assert "advisor recommend" in line
    assert "--answers FILE" in line
    assert "--cpu-bound" in line


def test_not_a_terminal_with_a_complete_answers_file(cli, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"cpu_bound": "no", "concurrency": 500}), encoding="utf-8")
    result = cli("ask", "--answers", str(answers), "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["model"] == "threading"  # blocking libraries and no asyncio loop, assumed
    assert data["path"][0]["source"] == "file"
    assert data["path"][0]["evidence"] == str(answers)
    assert result.err.strip().endswith("advisor recommend --cpu-bound no --concurrency 500")


@pytest.mark.parametrize(
    ("content", "name", "expect"),
    [
        ("cpu_bound: [unclosed\n", "a.yaml", "a.yaml:2: not valid YAML"),
        ("cpu_bound: maybe\n", "a.yaml", "a.yaml:1: invalid value 'maybe' for --cpu-bound"),
        ("threads: 4\n", "a.yaml", "unknown question 'threads'"),
        ("- cpu_bound\n", "a.yaml", "expected a mapping of question id to answer"),
        ("{not json", "a.json", "not valid JSON"),
        ("!!python/object/apply:os.system [ls]\n", "a.yaml", "unsafe or unknown tag"),
    ],
)
def test_bad_answers_file(cli, tmp_path, content, name, expect):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("ask", "--answers", str(path))
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert expect in result.err


def test_missing_answers_file(cli, tmp_path):
    result = cli("ask", "--answers", str(Path(tmp_path) / "nope.yaml"))
    assert result.code == 2
    assert "nope.yaml" in result.err
    assert "file not found" in result.err


def test_save_answers_as_json_reads_back(cli, tmp_path):
    given = tmp_path / "given.yaml"
    given.write_text("cpu_bound: no\nconcurrency: 500\n", encoding="utf-8")
    saved = tmp_path / "saved.json"
    first = cli("ask", "--answers", str(given), "--save-answers", str(saved), "--format", "json")
    assert first.code == 0
    assert json.loads(saved.read_text(encoding="utf-8")) == {"concurrency": 500, "cpu_bound": False}
    second = cli("ask", "--answers", str(saved), "--format", "json")
    assert json.loads(second.out)["leaf"] == json.loads(first.out)["leaf"]


def test_unwritable_emit_is_refused_before_anything_is_written(cli, tmp_path):
    given = tmp_path / "given.yaml"
    given.write_text("cpu_bound: no\nconcurrency: 500\n", encoding="utf-8")
    saved = tmp_path / "saved.yaml"
    result = cli(
        "ask",
        "--answers",
        str(given),
        "--save-answers",
        str(saved),
        "--emit",
        str(tmp_path / "nope" / "x.py"),
    )
    assert result.code == 2
    assert "does not exist" in result.err
    assert not saved.exists()


def test_emit_and_save_answers_must_differ(cli, tmp_path):
    target = str(tmp_path / "same.py")
    result = cli("ask", "--save-answers", target, "--emit", target, "--cpu-bound", "yes")
    assert result.code == 2
    assert "name the same file" in result.err
    assert not Path(target).exists()


@pytest.mark.parametrize("force", [[], ["--force"]])
@pytest.mark.parametrize("spelling", ["link/x.py", "real/../real/x.py", "real//x.py"])
def test_emit_and_save_answers_are_the_same_file_through_a_symlinked_folder(
    cli, tmp_path, monkeypatch, spelling, force
):
    """`--emit real/x.py --save-answers link/x.py --force` wrote the template, then
    replaced it with the answers, and reported both as written: one file, two spellings,
    refused before anything is written."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    answers = tmp_path / "in.json"
    answers.write_text('{"cpu_bound": "no", "concurrency": 500}', encoding="utf-8")
    result = cli("ask", "--answers", str(answers), "--format", "json",
                 "--emit", "real/x.py", "--save-answers", spelling, *force)  # fmt: skip
    assert result.code == 2, result.err
    assert "name the same file" in result.err
    assert list((tmp_path / "real").iterdir()) == []


def test_prompts_go_to_stderr_when_stdout_is_redirected():
    """stdin and stderr on a terminal, stdout into a file: ask still asks (on stderr)."""
    import io

    from advisor.cli._invocation import Invocation
    from tests.helpers import Terminal

    def invocation(stderr):
        return Invocation.parse(
            ["ask"], ["ask"], stdin=Terminal(), stdout=io.StringIO(), stderr=stderr
        )

    assert invocation(Terminal()).interactive is True
    assert invocation(io.StringIO()).interactive is False
