"""Answers from files, flags and the API: lookup by id, loose scalar types, located errors."""

from __future__ import annotations

import pytest

from advisor import answers
from advisor.errors import AnswersFileError, InvalidAnswerError
from advisor.models import Choice, Question, Source, Text
from advisor.tree import load_tree
from tests.helpers import FIXTURES

TREES = FIXTURES / "trees"


def question(*values: str) -> Question:
    return Question(
        id="mode",
        flag="--mode",
        kind="choice",
        prompt=Text.plain("Mode?"),
        help=Text.plain(""),
        choices=tuple(Choice(v, Text.plain(v)) for v in values),
    )


# --- find_question: an exact id beats a flag that spells it ---


def shadowed_tree():
    """valid_custom with team_size's flag spelling the other question's id (the validator
    refuses this now, but trees built in code reach find_question without it)."""
    tree = load_tree(TREES / "valid_custom.yaml")
    questions = dict(tree.questions)
    questions["team_size"] = questions["team_size"]._replace(flag="--async-fluent")
    questions["async_fluent"] = questions["async_fluent"]._replace(flag="--fluent")
    return tree._replace(questions=questions)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("async_fluent", "async_fluent"),  # the id, though team_size's flag reads the same
        ("team_size", "team_size"),
        ("--async-fluent", "team_size"),  # flags still work
        ("async-fluent", "team_size"),
        ("fluent", "async_fluent"),
        ("--fluent", "async_fluent"),
    ],
)
def test_find_question_prefers_an_exact_id(key, expected):
    assert answers.find_question(shadowed_tree(), key).id == expected


# --- choices written unquoted in YAML arrive as numbers or booleans ---


@pytest.mark.parametrize(
    ("values", "raw", "expected"),
    [
        (("1", "2"), 1, "1"),
        (("1", "2"), 2, "2"),
        (("1", "2"), "2", "2"),
        (("0.5", "1"), 0.5, "0.5"),
        (("yes", "no"), True, "yes"),
        (("yes", "no"), False, "no"),
        (("on", "off"), True, "on"),
        (("True", "False"), True, "True"),
    ],
)
def test_a_choice_accepts_a_number_or_boolean_spelling_its_value(values, raw, expected):
    assert answers.parse_value(question(*values), raw) == expected


@pytest.mark.parametrize(
    ("values", "raw", "message"),
    [
        (("1", "2"), 3, "invalid value '3' for --mode: choose one of 1, 2; in a YAML file, quote"),
        (("01", "02"), 1, "invalid value '1' for --mode: choose one of 01, 02; in a YAML file"),
        (("a", "b"), True, "invalid value 'yes' for --mode: choose one of a, b; in a YAML file"),
        (("a", "b"), "c", "invalid value 'c' for --mode: choose one of a, b"),
    ],
)
def test_a_choice_rejects_other_values(values, raw, message):
    with pytest.raises(InvalidAnswerError) as info:
        answers.parse_value(question(*values), raw)
    assert str(info.value).startswith(message)


def test_an_answers_file_may_leave_a_numeric_choice_unquoted(tmp_path):
    tree = load_tree(TREES / "valid_choice.yaml")
    path = tmp_path / "answers.yaml"
    path.write_text("api_version: 1\n", encoding="utf-8")
    (answer,) = answers.load_file(tree, path).values()
    assert (answer.value, answer.source, answer.evidence) == ("1", Source.FILE, f"{path}:1")


# --- numbers too long for Python to print ---


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("a.json", '{\n  "team_size": 1,\n  "async_fluent": ' + "9" * 5000 + "\n}", ":3: "),
        ("a.json", '{\n"team_size": 1.' + "5" * 5000 + ',\n"x": ' + "9" * 5000 + "}", ":3: "),
    ],
    ids=["json", "json-after-a-long-float"],
)
def test_a_number_too_long_is_a_located_answers_file_error(tmp_path, name, text, where):
    tree = load_tree(TREES / "valid_custom.yaml")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersFileError) as info:
        answers.load_file(tree, path)
    message = str(info.value)
    assert message.startswith(f"{path}{where}number too long (more than 4300 digits)"), message
    assert "use a smaller number" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "where", "flag"),
    [
        ("team_size: 1\nasync_fluent: " + "9" * 5000 + "\n", ":2: ", "--async-fluent"),
        ("team_size: 0x" + "f" * 4000 + "\n", ":1: ", "--team-size"),
        ("team_size: " + "9" * 100_000 + "\n", ":1: ", "--team-size"),
    ],
    ids=["yesno", "hex", "digits"],
)
def test_a_huge_yaml_value_is_read_as_the_flag_would_and_echoed_briefly(
    tmp_path, text, where, flag
):
    tree = load_tree(TREES / "valid_custom.yaml")
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidAnswerError) as info:
        answers.load_file(tree, path)
    message = str(info.value)
    assert message.startswith(f"{path}{where}invalid value '"), message
    assert f"for {flag}" in message
    assert "more characters)" in message
    assert len(message) < len(str(path)) + 300


def test_deeply_nested_json_is_an_answers_file_error(tmp_path):
    tree = load_tree(TREES / "valid_custom.yaml")
    path = tmp_path / "a.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(AnswersFileError, match="nested too deeply"):
        answers.load_file(tree, path)


def test_a_number_too_long_given_in_code_is_an_invalid_answer():
    tree = load_tree(TREES / "valid_custom.yaml")
    with pytest.raises(InvalidAnswerError, match="--team-size is a number too long to print"):
        answers.parse_value(tree.questions["team_size"], 16**4000)
