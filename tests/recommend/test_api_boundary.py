"""The library boundary: wrong argument types are one clear error, values are normalised,
and whatever the inputs, the emitted code compiles (no value escapes the `# Repeat:` line)."""

from __future__ import annotations

import enum
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import advisor
from tests.helpers import FIXTURES, run_advisor

TREES = FIXTURES / "trees"


class Conns(enum.IntEnum):
    PEAK = 500


class Mode(str, enum.Enum):
    FAST = "fast"


def compiles(code: str) -> None:
    compile(code, "<emitted>", "exec")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lang": None}, "lang must be a string such as 'en' or 'zh-TW', not None"),
        ({"lang": 1}, "lang must be a string"),
        (
            {"tree": 42},
            "tree must be a path, a tree name such as 'default', a Tree or None, not int 42",
        ),
        ({"tree": b"tree.yaml"}, "tree must be a path"),
        ({"answers": ["cpu_bound"]}, "answers must be a mapping"),
        ({"facts": {"free_threading": True}}, "must be an advisor.Fact"),
        (
            {"concurrency": "500"},
            "concurrency= (--concurrency) takes an int, not str '500'; pass concurrency=500",
        ),
        ({"concurrency": "0120"}, "not str '0120'; pass concurrency=120"),  # 0120 is no literal
        ({"concurrency": " 500 "}, "pass concurrency=500"),
        ({"concurrency": True}, "takes an int, not bool True"),
        ({"concurrency": 5.0}, "takes an int, not float 5.0"),
        ({"concurrency": [500]}, "takes an int, not list"),
        ({"cpu_bound": 1}, "cpu_bound= (--cpu-bound) takes True or False"),
        ({"cpu_bound": object()}, "not object"),
    ],
)
def test_wrong_argument_types_are_one_clear_error(kwargs, message):
    call = {"cpu_bound": False, "cpu_heavy_steps": False, "concurrency": 500, **kwargs}
    with pytest.raises(advisor.UsageError) as info:
        advisor.recommend(**call)
    assert isinstance(info.value, TypeError)  # Python callers may catch it as one
    assert isinstance(info.value, advisor.AdvisorError)
    assert info.value.exit_code == 2
    assert message in str(info.value)
    assert len(str(info.value)) < 300


def test_a_huge_wrong_value_is_named_briefly():
    with pytest.raises(advisor.UsageError) as info:
        advisor.recommend(cpu_bound=False, concurrency="9" * 1_000_000)
    assert len(str(info.value)) < 300


def test_enum_members_become_plain_values_in_the_template():
    rec = advisor.recommend(cpu_bound=False, cpu_heavy_steps=False, concurrency=Conns.PEAK)
    assert rec.template.context["concurrency"] == 500
    assert type(rec.template.context["concurrency"]) is int
    assert "Conns" not in rec.template.code
    assert "LIMIT = 500" in rec.template.code or "500" in rec.template.code
    compiles(rec.template.code)


def test_explain_checks_its_arguments_too():
    with pytest.raises(advisor.UsageError, match="lang must be a string"):
        advisor.explain("asyncio", lang=None)
    with pytest.raises(advisor.UsageError, match="model must be a string"):
        advisor.explain(3)


def test_answer_objects_are_checked_and_normalised():
    rec = advisor.recommend(
        answers={"concurrency": advisor.Answer(Conns.PEAK, advisor.Source.INFERRED, "x.py:1")},
        cpu_bound=False,
        cpu_heavy_steps=False,
    )
    steps = {s.question: s for s in rec.path}
    assert steps["concurrency"].answer == 500
    assert type(steps["concurrency"].answer) is int
    with pytest.raises(advisor.UsageError, match="takes an int"):
        advisor.recommend(answers={"concurrency": advisor.Answer("500")}, cpu_bound=False)


def test_the_default_tree_by_name():
    assert advisor.load_tree("default") == advisor.load_tree()
    assert advisor.recommend("default", cpu_bound=True, multi_machine=True).model == "distributed"


def choice_tree(tmp_path: Path, value: str) -> Path:
    """valid_custom.yaml with a choice question whose value holds *value*."""
    text = (TREES / "valid_custom.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  async_fluent:\n    flag: --async-fluent\n    kind: yesno\n    default: false\n",
        "  async_fluent:\n    flag: --async-fluent\n    kind: choice\n"
        f"    choices:\n      - {{value: {value}, label: {{en: odd, zh-TW: 奇}}}}\n"
        "      - {value: plain, label: {en: plain, zh-TW: 平}}\n",
    )
    text = text.replace("      - when: yes\n", f"      - when: {value}\n")
    text = text.replace("      - when: no\n", "      - when: plain\n")
    path = tmp_path / "tree.yaml"
    path.write_text(text, encoding="utf-8")
    assert advisor.load_tree(path)
    return path


@pytest.mark.parametrize(
    "value", ['"a\\nprint(1)"', '"a\\rb"', '"a\\u2028b"', '"tab\\there"', '"\\e[2J"']
)
def test_a_choice_value_with_a_control_character_is_a_located_problem(tmp_path, value):
    """A choice value is typed after its flag and shown raw in --help and `advisor tree`:
    a line break or escape in it is refused where the tree says it, so it can neither
    break out of the `# Repeat:` comment nor reach the terminal."""
    with pytest.raises(advisor.TreeError, match=r"tree\.yaml:\d+: .*control character"):
        choice_tree(tmp_path, value)


@pytest.mark.parametrize("value", ['"it\'s"', '"a # b"', "'\"x\"'"])
def test_a_choice_value_never_escapes_the_repeat_comment(tmp_path, value):
    tree = choice_tree(tmp_path, value)
    real = advisor.load_tree(tree).questions["async_fluent"].choices[0].value
    rec = advisor.recommend(tree, team_size=5, async_fluent=real)
    assert rec.model == "asyncio"
    compiles(rec.template.code)
    header = [line for line in rec.template.code.splitlines() if line.startswith("# Repeat:")]
    assert len(header) == 1
    code_lines = [x for x in rec.template.code.splitlines() if not x.lstrip().startswith("#")]
    assert not any("print(1)" in line for line in code_lines)


def test_a_newline_in_a_tree_path_stays_in_the_comment(tmp_path):
    folder = tmp_path / "odd\nname"
    folder.mkdir()
    tree = folder / "tree.yaml"
    shutil.copy(TREES / "valid_custom.yaml", tree)
    result = run_advisor("recommend", "--tree", str(tree), "--team-size", "2", "--template")
    assert result.code == 0, result.err
    compiles(result.out)
    (repeat,) = [line for line in result.out.splitlines() if line.startswith("# Repeat:")]
    assert "$'" in repeat
    assert "\\n" in repeat
    emitted = tmp_path / "out.py"
    run = run_advisor("recommend", "--tree", str(tree), "--team-size", "2", "--emit", str(emitted))
    assert run.code == 0, run.err
    compiles(emitted.read_text(encoding="utf-8"))


def test_the_repeat_line_runs_in_bash(tmp_path):
    """The ANSI-C quoted command gives the same recommendation when a shell runs it."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    folder = tmp_path / "odd\nname"
    folder.mkdir()
    tree = folder / "tree.yaml"
    shutil.copy(TREES / "valid_custom.yaml", tree)
    rec = advisor.recommend(tree, team_size=2)
    (repeat,) = [x for x in rec.template.code.splitlines() if x.startswith("# Repeat: ")]
    command = repeat.removeprefix("# Repeat: advisor ")

    out = subprocess.run(
        [bash, "-c", f'"$0" -m advisor {command}', sys.executable],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == rec.template.code


@pytest.mark.parametrize(
    "call",
    [
        lambda: advisor.recommend(tree="a\0b.yaml", cpu_bound=False),
        lambda: advisor.load_tree(Path("a\0b.yaml")),
        lambda: advisor.explain("asyncio", tree="tree\0.yaml"),
    ],
)
def test_a_nul_character_in_a_path_is_a_clear_error_not_a_valueerror(call):
    """Paths from a program (a web form, a config value) may hold a NUL; os.open's
    ValueError must not escape as a raw Python error."""
    with pytest.raises(advisor.AdvisorError, match="NUL character"):
        call()


def test_a_nul_character_in_an_output_or_answers_path_is_a_clear_error(tmp_path):
    from advisor.answers import load_file
    from advisor.errors import OutputError
    from advisor.files import check_target, write_new_file

    with pytest.raises(OutputError, match="NUL character"):
        check_target(str(tmp_path / "a\0b.py"))
    with pytest.raises(OutputError, match="NUL character"):
        write_new_file(str(tmp_path / "a\0b.py"), "x = 1\n")
    with pytest.raises(advisor.UsageError, match="NUL character"):
        load_file(advisor.load_tree(), str(tmp_path / "a\0b.yaml"))
