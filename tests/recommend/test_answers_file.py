"""Answers files mean what the flags mean: same spellings, same values, same refusals.

YAML 1.1 reads ``0120`` as 80 and ``1:00`` as 60; an answers file must not. Every case is
run twice, as a flag and as a file, and both must agree; then the hostile files: duplicate
JSON keys, a byte-order mark, billion-laughs aliases.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import FIXTURES, run_advisor

BASE = ["recommend", "--format", "json", "--cpu-bound", "no", "--cpu-heavy-steps", "no"]
IO_PATH = ["--shared-memory", "no", "--async-libs", "no", "--async-app", "no"]

CONCURRENCY = [
    "0120", "1:00", "0x10", "0o17", "0b1", "1_000", "+5", "500", "1e3", "500.0", "٥٠٠", "-1",
    "00", "1,000", "5 00", "0", "99999999999",
]  # fmt: skip
YESNO = [
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Yes",
    "NO",
    "true",
    "1",
    "0",
    "是",
    "否",
    "maybe",
    "2",
]


def outcome(result) -> tuple[int, object]:
    """What the user gets: the value used, or the error's exit code and its last words."""
    if result.code == 0:
        data = json.loads(result.out)
        return 0, {step["question"]: step["answer"] for step in data["path"]}
    return result.code, result.err.rsplit(": ", 1)[-1]


@pytest.mark.parametrize("spelling", CONCURRENCY)
def test_a_number_in_a_file_means_what_the_flag_means(cli, tmp_path, spelling):
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"concurrency: {spelling}\n", encoding="utf-8")
    by_flag = cli(*BASE, *IO_PATH, "--concurrency", spelling)
    by_file = cli(*BASE, *IO_PATH, "--answers", str(answers))
    assert outcome(by_file) == outcome(by_flag)
    if by_flag.code:
        assert by_file.err.startswith(f"advisor: error: {answers}:1: ")


@pytest.mark.parametrize("spelling", YESNO)
def test_a_yes_or_no_in_a_file_means_what_the_flag_means(cli, tmp_path, spelling):
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"cpu_bound: {spelling}\n", encoding="utf-8")
    rest = ["--format", "json", "--multi-machine", "no", "--free-threaded", "no"]
    rest += ["--cpu-heavy-steps", "no", "--concurrency", "500"]
    by_flag = cli("recommend", *rest, "--cpu-bound", spelling)
    by_file = cli("recommend", *rest, "--answers", str(answers))
    assert outcome(by_file) == outcome(by_flag)


def test_the_issues_examples(cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("cpu_bound: no\ncpu_heavy_steps: no\nconcurrency: 0120\n", encoding="utf-8")
    result = cli("recommend", "--format", "json", "--answers", str(answers))
    assert json.loads(result.out)["template"]["context"]["concurrency"] == 120
    answers.write_text("cpu_bound: no\ncpu_heavy_steps: no\nconcurrency: 1:00\n", encoding="utf-8")
    result = cli("recommend", "--format", "json", "--answers", str(answers))
    assert result.code == 2
    assert "invalid value '1:00' for --concurrency" in result.err


def test_duplicate_keys_in_a_json_file_are_refused_like_yaml(cli, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(
        '{\n  "cpu_bound": false,\n  "concurrency": 5,\n  "cpu_bound": true\n}\n', encoding="utf-8"
    )
    result = cli("recommend", "--answers", str(answers))
    assert result.code == 2
    assert result.err == (
        f"advisor: error: {answers}:4: duplicate key 'cpu_bound' (first at line 2); keep one\n"
    )
    yaml_file = tmp_path / "answers.yaml"
    yaml_file.write_text("cpu_bound: no\ncpu_bound: yes\n", encoding="utf-8")
    assert "duplicate key 'cpu_bound'" in cli("recommend", "--answers", str(yaml_file)).err


@pytest.mark.parametrize("name", ["answers.json", "answers.yaml"])
def test_a_byte_order_mark_is_accepted(cli, tmp_path, name):
    answers = tmp_path / name
    text = (
        '{"cpu_bound": true, "multi_machine": true}'
        if name.endswith("json")
        else ("cpu_bound: yes\nmulti_machine: yes\n")
    )
    answers.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = cli("recommend", "--format", "json", "--answers", str(answers))
    assert result.code == 0, result.err
    assert json.loads(result.out)["model"] == "distributed"


def laughs(levels: int = 9) -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_in_an_answers_file_is_refused_quickly(tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("cpu_bound: no\n" + laughs(), encoding="utf-8")
    # Refused before anything expands (the message says so); the timeout is a cap on a
    # run that would expand 10**9 nodes, not a measurement.
    result = run_advisor("recommend", "--answers", str(answers), timeout=60)
    assert result.code == 2
    assert result.err.startswith(f"advisor: error: {answers}:")
    assert "aliases here would expand to more than" in result.err
    assert result.err.count("\n") == 1
    assert len(result.err) < 400


def test_billion_laughs_in_a_tree_is_a_located_problem(tmp_path):
    tree = tmp_path / "tree.yaml"
    text = (FIXTURES / "trees" / "valid_custom.yaml").read_text(encoding="utf-8")
    extra = "".join(f"x_{line}\n" for line in laughs().splitlines())
    tree.write_text(text + extra, encoding="utf-8")
    checked = run_advisor("validate", str(tree))
    assert checked.code == 2
    assert "aliases here would expand to more than" in checked.err
    assert len(checked.err) < 600
    used = run_advisor("recommend", "--tree", str(tree), "--team-size", "2")
    assert used.code == 2
    assert "aliases here would expand" in used.err


def test_an_alias_that_contains_itself_is_refused(cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("cpu_bound: &x [*x]\n", encoding="utf-8")
    result = cli("recommend", "--answers", str(answers))
    assert result.code == 2
    assert "alias refers to the node that contains it" in result.err


def test_a_few_aliases_are_fine(cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("cpu_bound: &yes yes\nmulti_machine: *yes\n", encoding="utf-8")
    result = cli("recommend", "--format", "json", "--answers", str(answers))
    assert result.code == 0, result.err
    assert json.loads(result.out)["model"] == "distributed"


def test_a_huge_value_is_echoed_briefly(cli, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("cpu_bound: " + "x" * 5_000_000 + "\n", encoding="utf-8")
    result = cli("recommend", "--answers", str(answers))
    assert result.code == 2
    assert len(result.err) < 600
    assert "more characters" in result.err


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.json", '{"concurrency": 50, "--concurrency": 60}'),
        ("a.json", '{"cpu_bound": "yes", "cpu-bound": "no"}'),
        ("a.yaml", "concurrency: 50\n--concurrency: 50\n"),
        ("a.yaml", "cpu_bound: no\ncpu-bound: yes\n"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_one_question_under_two_spellings_is_refused_like_a_duplicate_key(
    cli, tmp_path, name, content, lang
):
    """An id and its flag are two keys to a parser but one question: last-one-wins would
    silently change the advice, so the file is refused, naming both spellings."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli(*BASE, *IO_PATH, "--concurrency", "5", "--answers", str(path), "--lang", lang)
    assert result.code == 2, result.out
    (line,) = result.err.splitlines()
    assert str(path) in line
    assert "'--concurrency'" in line or "'cpu-bound'" in line
    assert ("keep one" if lang == "en" else "請只保留一個") in line


def test_one_question_under_two_spellings_in_the_library_is_refused():
    import advisor

    with pytest.raises(advisor.UsageError, match="both answer --concurrency"):
        advisor.recommend(answers={"concurrency": 5, "--concurrency": 6}, cpu_bound=False)


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x7f"])
@pytest.mark.parametrize("command", ["recommend", "validate"])
def test_a_raw_control_character_in_yaml_is_located_and_named(cli, tmp_path, char, command):
    """PyYAML's own message was a Python repr over two lines ('... in "<unicode string>",
    position 12'): the user reads the line and the character instead."""
    path = tmp_path / "a.yaml"
    path.write_text(f"cpu_bound: no\nconcurrency: 5{char}0\n", encoding="utf-8")
    args = ["--answers", str(path)] if command == "recommend" else [str(path)]
    result = cli(command, *args)
    assert result.code == 2
    first = result.err.splitlines()[0]
    assert f"a.yaml:2: not valid YAML: the control character \\x{ord(char):02x}" in first
    assert "unicode string" not in result.err
