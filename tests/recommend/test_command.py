"""`advisor recommend` as a user drives it: in-process through `cli`, and a few runs of the
real CLI in a subprocess (plain when piped, JSON that parses, the rich panel and NO_COLOR)."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, clean_env, run_advisor

TREES = FIXTURES / "trees"
#: The issue's own example: `advisor recommend --cpu-bound no --concurrency 500` -> threads
#: sized to 500, with what it assumed (no async libraries, no asyncio loop) said on the path.
ISSUE_EXAMPLE = ("recommend", "--cpu-bound", "no", "--concurrency", "500")


def test_issue_example_recommends_and_says_what_it_assumed(cli):
    """--async-libs is no longer assumed yes: unanswered, the tree takes the answer that works
    with every library, and says so, with asyncio as the alternative to switch to."""
    result = cli("recommend", "--cpu-bound", "no", "--concurrency", "500")
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: threading\n")
    assert "--concurrency 500" in result.out
    assert "More than 100 in flight" in result.out
    assert "--cpu-heavy-steps no  (assumed: default)" in result.out
    assert "--async-libs no  (assumed: default)" in result.out
    assert "--async-app no  (assumed: derived)" in result.out
    assert "--program script: a script runs an asyncio loop only if" in result.out
    assert "  - asyncio: Switch to an async client" in result.out
    assert "CONCURRENCY: int = 500" in result.out


def test_issue_example_with_async_libraries_is_asyncio(cli):
    result = cli(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "500",
        "--async-libs",
        "yes",
        "--async-libs",
        "yes",
    )
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: asyncio\n")


@pytest.mark.parametrize(
    ("args", "model"),
    [
        (["--cpu-bound", "yes", "--free-threaded", "no"], "multiprocessing"),
        (
            [
                "--cpu-bound",
                "no",
                "--concurrency",
                "20",
                "--shared-memory",
                "no",
                "--async-libs",
                "no",
                "--async-app",
                "no",
            ],
            "threading",
        ),
        (["--cpu-bound", "yes", "--multi-machine", "yes"], "distributed"),
        (
            [
                "--cpu-bound",
                "no",
                "--concurrency",
                "300",
                "--cpu-heavy-steps",
                "yes",
                "--async-libs",
                "yes",
                "--free-threaded",
                "no",
            ],
            "asyncio+executor",
        ),
        (["--cpu-bound", "yes", "--native-code", "yes"], "threading"),
        (
            [
                "--cpu-bound",
                "no",
                "--concurrency",
                "500",
                "--async-libs",
                "no",
                "--async-app",
                "no",
            ],
            "threading",
        ),
    ],
)
def test_json_names_the_model(cli, args, model):
    result = cli("recommend", *args, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["model"] == model


def test_json_schema(cli):
    result = cli(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "500",
        "--async-libs",
        "yes",
        "--format",
        "json",
    )
    data = json.loads(result.out)
    assert set(data) >= {
        "model",
        "title",
        "path",
        "justification",
        "alternatives",
        "pitfalls",
        "template",
        "caveats",
        "schema_version",
        "unused",
    }
    assert data["model"] == "asyncio"
    assert [s["question"] for s in data["path"]] == [
        "cpu_bound",
        "program",
        "concurrency",
        "cpu_heavy_steps",
        "async_libs",
    ]
    assert data["unused"] == []
    first = data["path"][0]
    assert first == {
        "question": "cpu_bound",
        "flag": "--cpu-bound",
        "answer": False,
        "assumed": False,
        "source": "flag",
        "evidence": "--cpu-bound no",
        "given": None,
        "prompt": first["prompt"],
        "why": first["why"],
    }
    assert data["path"][1]["assumed"] is True
    assert all(set(a) == {"model", "why"} for a in data["alternatives"])
    assert [p["id"] for p in data["pitfalls"]] == [
        "missing-await",
        "blocking-call-in-async",
        "await-in-sync",
        "check-then-act-across-await",
        "task-reference-dropped",
        "swallowed-cancellation",
    ]
    assert data["template"]["id"] == "asyncio"
    assert data["template"]["context"]["concurrency"] == 500
    assert "asyncio.Queue(maxsize=2 * CONCURRENCY)" in data["template"]["code"]
    # stable: sorted keys, the same bytes twice
    assert (
        result.out
        == cli(
            "recommend",
            "--cpu-bound",
            "no",
            "--concurrency",
            "500",
            "--async-libs",
            "yes",
            "--format",
            "json",
        ).out
    )
    assert list(data) == sorted(data)


def test_markdown(cli):
    result = cli(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "500",
        "--async-libs",
        "yes",
        "--format",
        "markdown",
    )
    assert result.code == 0
    assert result.out.startswith("# Recommendation: `asyncio`\n")
    assert "| 3 | At peak, how many operations are waiting at the same moment" in result.out
    assert "```python\n" in result.out


def test_zh_tw_from_flag_and_from_locale(cli, monkeypatch):
    by_flag = cli("recommend", "--cpu-bound", "yes", "--free-threaded", "no", "--lang", "zh-TW")
    assert by_flag.out.startswith("建議：multiprocessing\n")
    assert "決策路徑" in by_flag.out
    assert "--cpu-bound 是" in by_flag.out
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    by_locale = cli("recommend", "--cpu-bound", "yes", "--free-threaded", "no")
    assert by_locale.out == by_flag.out.replace(" --lang zh-TW", "")  # the flag is repeated
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # LC_ALL wins over LANG
    assert cli("recommend", "--cpu-bound", "yes", "--free-threaded", "no").out.startswith(
        "Recommendation:"
    )


def test_template_alone(cli):
    result = cli(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "321",
        "--async-libs",
        "yes",
        "--template",
    )
    assert result.code == 0
    assert result.out.startswith("# Generated by advisor: asyncio")
    assert "CONCURRENCY: int = 321" in result.out
    compile(result.out, "<template>", "exec")


def test_emit_writes_a_file_and_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "fetcher.py"
    first = cli(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "500",
        "--async-libs",
        "yes",
        "--emit",
        str(target),
        "--format",
        "json",
    )
    assert first.code == 0
    assert json.loads(first.out)["model"] == "asyncio"
    assert f"wrote asyncio template to {target}" in first.err
    code = target.read_text(encoding="utf-8")
    assert "CONCURRENCY: int = 500" in code
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode & stat.S_IRUSR
    assert mode & stat.S_IWUSR

    target.write_text("# my own work\n", encoding="utf-8")
    second = cli(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "500",
        "--async-libs",
        "yes",
        "--emit",
        str(target),
    )
    assert second.code == 2
    assert "already exists" in second.err
    assert "--force" in second.err
    assert target.read_text(encoding="utf-8") == "# my own work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fetcher.py"]  # no temp file left

    third = cli(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "500",
        "--async-libs",
        "yes",
        "--emit",
        str(target),
        "--force",
        "--template",
    )
    assert third.code == 0
    assert target.read_text(encoding="utf-8") == third.out


def test_emit_into_missing_directory_or_onto_a_directory(cli, tmp_path):
    missing = cli("recommend", "--cpu-bound", "yes", "--emit", str(tmp_path / "nope" / "x.py"))
    assert missing.code == 2
    assert "does not exist" in missing.err
    onto_dir = cli("recommend", "--cpu-bound", "yes", "--emit", str(tmp_path))
    assert onto_dir.code == 2
    assert "is a directory" in onto_dir.err


def test_custom_tree_brings_its_own_flags(cli):
    tree = str(TREES / "valid_custom.yaml")
    result = cli(
        "recommend",
        "--tree",
        tree,
        "--team-size",
        "12",
        "--async-fluent",
        "yes",
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["model"] == "asyncio"
    assert [s["flag"] for s in data["path"]] == ["--team-size", "--async-fluent"]
    help_text = cli("recommend", "--tree", tree, "--help")
    assert help_text.code == 0
    assert "--team-size N" in help_text.out
    assert "--cpu-bound" not in help_text.out


def test_help_documents_exit_codes(cli):
    result = cli("recommend", "--help")
    assert result.code == 0
    out = result.out
    assert "exit codes:" in out
    assert "130" in out
    assert "--concurrency N" in out


@pytest.mark.skipif(os.name != "posix", reason="umask semantics")
def test_emit_is_atomic_and_respects_umask(cli, tmp_path):
    old = os.umask(0o077)
    try:
        target = tmp_path / "x.py"
        assert cli("recommend", "--cpu-bound", "yes", "--emit", str(target)).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not list(Path(tmp_path).glob(".x.py.*"))


def test_same_answer_twice_is_fine(cli):
    result = cli(
        "recommend",
        "--cpu-bound",
        "yes",
        "--cpu-bound",
        "yes",
        "--free-threaded",
        "no",
        "--format",
        "json",
    )
    assert result.code == 0
    assert json.loads(result.out)["model"] == "multiprocessing"


def test_percent_sign_in_a_custom_prompt_does_not_break_help(cli, tmp_path):
    tree = tmp_path / "tree.yaml"
    text = (TREES / "valid_custom.yaml").read_text(encoding="utf-8")
    tree.write_text(
        text.replace("How many people maintain the code?", "How many people (100% of them)?"),
        encoding="utf-8",
    )
    result = cli("recommend", "--tree", str(tree), "--help")
    assert result.code == 0
    assert "(100% of them)" in result.out


def test_commands_shown_for_a_custom_tree_name_it(cli, tmp_path):
    tree = tmp_path / "my tree.yaml"  # a space: the command must quote it
    tree.write_text((TREES / "valid_custom.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("recommend", "--tree", str(tree), "--team-size", "2", "--format", "plain")
    assert result.code == 0
    expected = f"advisor recommend --tree '{tree}' --team-size 2"
    assert f"Save it: {expected} --emit threading_example.py" in result.out
    assert f"# Repeat: {expected} --template" in result.out


def test_rich_shows_the_whole_save_command(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    result = cli(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "20",
        "--shared-memory",
        "no",
        "--async-libs",
        "no",
        "--async-app",
        "no",
        "--format",
        "rich",
    )
    expected = (
        "Save it: advisor recommend --cpu-bound no --concurrency 20 --shared-memory no "
        "--async-libs no --async-app no --emit threading_example.py"
    )
    assert expected in result.out


def test_missing_answer_in_chinese_names_the_question_in_chinese(cli):
    result = cli("recommend", "--cpu-bound", "no", "--concurrency", "20", "--lang", "zh-TW")
    assert result.code == 2
    assert (
        "--shared-memory（這些任務是否（在大多數請求中）都會更新記憶體中共用的狀態？）"
        in result.err
    )


def test_recommend_reads_an_answers_file_and_flags_win(cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "cpu_bound: no\nconcurrency: 20\nshared_memory: yes\nasync_libs: no\nasync_app: no\n",
        encoding="utf-8",
    )
    from_file = json.loads(cli("recommend", "--answers", str(answers), "--format", "json").out)
    assert from_file["model"] == "threading"
    assert from_file["path"][0]["source"] == "file"
    assert from_file["path"][0]["evidence"] == f"{answers}:1"
    overridden = cli(
        "recommend", "--answers", str(answers), "--concurrency", "500", "--format", "json"
    )
    data = json.loads(overridden.out)
    assert data["model"] == "threading"
    assert data["leaf"] == "threading_many"
    assert [s["source"] for s in data["path"]] == [
        "file",
        "default",
        "flag",
        "default",
        "file",
        "file",
    ]
    # shared_memory is not asked at 500 in flight: reported, not dropped.
    assert data["unused"] == [
        {"question": "shared_memory", "flag": "--shared-memory", "answer": True, "source": "file"}
    ]


@pytest.mark.parametrize("flag", ["--emit", "--format", "--answers", "--help", "--debug", "--lang"])
def test_a_tree_flag_that_collides_with_an_option_is_one_line(cli, tmp_path, flag):
    """The CLI checks a tree's flags against its own parser (the tree loader keeps no list)."""
    tree = tmp_path / "tree.yaml"
    text = (TREES / "valid_custom.yaml").read_text(encoding="utf-8")
    tree.write_text(text.replace("flag: --team-size", f"flag: {flag}"), encoding="utf-8")
    for command in ("recommend", "ask"):
        result = cli(command, "--tree", str(tree), "--async-fluent", "yes")
        assert result.code == 2
        assert result.out == ""
        assert result.err == (
            f"advisor: error: {tree}: question 'team_size' uses the flag {flag}, which "
            f"`advisor {command}` already has; give the question another flag in the tree\n"
        )


def test_a_tree_flag_only_ask_has_is_fine_for_recommend(cli, tmp_path):
    tree = tmp_path / "tree.yaml"
    text = (TREES / "valid_custom.yaml").read_text(encoding="utf-8")
    tree.write_text(text.replace("flag: --team-size", "flag: --save-answers"), encoding="utf-8")
    ok = cli("recommend", "--tree", str(tree), "--save-answers", "2", "--format", "json")
    assert ok.code == 0, ok.err
    assert json.loads(ok.out)["model"] == "threading"
    refused = cli("ask", "--tree", str(tree), "--save-answers", "2")
    assert refused.code == 2
    assert "which `advisor ask` already has" in refused.err


# --- the real CLI in a subprocess -------------------------------------------------------


def test_subprocess_plain_when_piped():
    result = run_advisor(
        "recommend", "--cpu-bound", "no", "--concurrency", "500", "--async-libs", "yes"
    )
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: asyncio")
    assert "\x1b[" not in result.out
    assert result.err == ""


def test_subprocess_json_parses():
    result = run_advisor(
        "recommend",
        "--cpu-bound",
        "no",
        "--concurrency",
        "500",
        "--async-libs",
        "yes",
        "--format",
        "json",
    )
    assert result.code == 0
    assert json.loads(result.out)["model"] == "asyncio"


def test_subprocess_rich_panel_and_no_color():
    colour = run_advisor(
        *ISSUE_EXAMPLE,
        "--async-libs",
        "yes",
        "--format",
        "rich",
        env=clean_env(FORCE_COLOR="1", COLUMNS="100"),
    )
    assert colour.code == 0
    assert "\x1b[" in colour.out
    assert "╭─ Recommendation: asyncio" in re.sub(r"\x1b\[[0-9;]*m", "", colour.out)
    plain = run_advisor(
        *ISSUE_EXAMPLE,
        "--async-libs",
        "yes",
        "--format",
        "rich",
        env=clean_env(NO_COLOR="1", COLUMNS="100"),
    )
    assert plain.code == 0
    assert "╭─ Recommendation: asyncio" in plain.out
    assert "\x1b[3" not in plain.out  # no colour codes under NO_COLOR
    assert "asyncio.Queue(maxsize=2 * CONCURRENCY)" in plain.out
