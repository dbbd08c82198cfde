"""What the user reads: bounded values in their own spelling, the exit-code table, help in
their language, internal errors that say so, and commands that survive copy and paste."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from advisor.errors import ExitCode
from tests.helpers import ROOT, run_advisor

UI = yaml.safe_load((ROOT / "advisor" / "texts" / "ui.yaml").read_text(encoding="utf-8"))
COMMANDS = ("recommend", "ask", "explain", "tree", "validate")


def one_line(result) -> str:
    (line,) = result.err.splitlines()
    assert line.startswith("advisor: error: ")
    return line


def test_a_50_mb_bad_value_is_echoed_cut(cli, tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"cpu_bound": "x" * 50_000_000}), encoding="utf-8")
    result = cli("recommend", "--answers", str(answers))
    assert result.code == ExitCode.USAGE
    line = one_line(result)
    assert len(line) < 400
    assert "'xxxxxxxxxx" in line
    assert "…" in line
    assert "answer yes or no" in line  # the fix survives the cut


@pytest.mark.parametrize("flag", ["--cpu-bound", "--free-threaded", "--concurrency"])
def test_a_long_flag_value_is_cut_too(flag):
    result = run_advisor("recommend", "--cpu-bound", "no", flag, "9" * 100_000)
    assert result.code == ExitCode.USAGE
    assert len(result.err) < 400
    assert "Traceback" not in result.err


def test_a_long_unknown_option_or_command_is_cut(cli):
    assert len(cli("recommend", "--" + "x" * 100_000).err) < 400
    assert len(cli("y" * 100_000).err) < 400
    assert len(cli("recommend", "--format", "z" * 100_000).err) < 600


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        ("cpu_bound: 2024-01-01\n", "'2024-01-01'"),
        ("concurrency: 2024-01-01\ncpu_bound: no\n", "'2024-01-01'"),
        ("concurrency: 1.5\ncpu_bound: no\n", "'1.5'"),
        ("cpu_bound: True\n", None),  # a valid answer: no message at all
        ("concurrency: [1, 2]\ncpu_bound: no\n", None),
    ],
)
def test_values_are_shown_as_the_user_wrote_them(cli, tmp_path, content, shown):
    answers = tmp_path / "a.yaml"
    answers.write_text(content, encoding="utf-8")
    result = cli("recommend", "--answers", str(answers), "--format", "json")
    if shown is None and result.code == ExitCode.OK:
        return
    line = one_line(result)
    if shown:
        assert shown in line
    assert not re.search(r"datetime|\bdate\(|'True'|\[1, 2\]", line)


def test_a_newline_in_a_value_stays_on_one_line(cli):
    result = cli("recommend", "--cpu-bound", "yes\nno")
    assert result.code == ExitCode.USAGE
    assert "'yes\\nno'" in one_line(result)


def test_the_same_answer_twice_in_another_spelling_is_fine(cli):
    for flags in (
        ("--concurrency", "500", "--concurrency", "0500"),
        ("--concurrency", "500", "--concurrency", "5_00"),
    ):
        result = cli("recommend", "--cpu-bound", "no", *flags, "--format", "json")
        assert result.code == ExitCode.OK, result.err
        steps = {s["question"]: s for s in json.loads(result.out)["path"]}
        assert steps["concurrency"]["answer"] == 500
    result = cli("recommend", "--cpu-bound", "yes", "--cpu-bound", "y", "--free-threaded", "no")
    assert result.code == ExitCode.OK, result.err


def test_different_answers_twice_are_still_refused(cli):
    result = cli("recommend", "--cpu-bound", "yes", "--cpu-bound", "no")
    assert result.code == ExitCode.USAGE
    assert "--cpu-bound given twice ('yes' and 'no'); keep one" in one_line(result)


@pytest.mark.parametrize(
    ("command", "option", "first", "second"),
    [
        ("recommend", "--answers", "a.yaml", "b.yaml"),
        ("recommend", "--emit", "a.py", "b.py"),
        ("recommend", "--format", "json", "plain"),
        ("recommend", "--lang", "en", "zh-TW"),
        ("ask", "--save-answers", "a.yaml", "b.yaml"),
        ("tree", "--format", "dot", "mermaid"),
        ("explain", "--lang", "zh-TW", "en"),
    ],
)
def test_every_one_value_option_given_twice_is_refused(
    cli, tmp_path, monkeypatch, command, option, first, second
):
    """`--answers a.yaml --answers b.yaml` silently dropped a.yaml (and `--emit a.py
    --emit b.py` wrote only b.py): two different values for one option are refused
    before anything is read or written, as two different answers are."""
    monkeypatch.chdir(tmp_path)
    result = cli(command, option, first, f"{option}={second}")
    assert result.code == ExitCode.USAGE
    line = one_line(result)
    assert (
        f"{option} given twice ('{first}' and '{second}'); keep one" in line
        or f"{option} 出現兩次（'{first}' 與 '{second}'）" in line  # the last --lang speaks
    )
    assert list(tmp_path.iterdir()) == []


def test_one_value_option_repeated_with_the_same_value_is_fine(cli):
    result = cli(
        "recommend",
        "--cpu-bound",
        "yes",
        "--free-threaded",
        "no",
        "--format",
        "json",
        "--format",
        "json",
        "--lang",
        "zh-TW",
        "--lang",
        "zh_TW",
    )
    assert result.code == ExitCode.OK, result.err  # fmt: skip


# --- internal errors -----------------------------------------------------------------------


@pytest.fixture
def broken_engine(monkeypatch):
    def boom(*args, **kwargs):
        raise ValueError("boom\nat line 2")

    monkeypatch.setattr("advisor.engine.recommend", boom)


def test_an_unexpected_exception_is_an_internal_error(cli, broken_engine):
    result = cli("recommend", "--cpu-bound", "yes")
    assert result.code == ExitCode.INTERNAL == 3
    assert one_line(result) == (
        "advisor: error: unexpected ValueError: boom\\nat line 2; rerun with --debug and report it"
    )


def test_an_internal_error_in_chinese_and_with_debug(cli, broken_engine):
    zh = cli("recommend", "--cpu-bound", "yes", "--lang", "zh-TW")
    assert zh.code == ExitCode.INTERNAL
    assert "請加上 --debug 重新執行並回報" in one_line(zh)
    debug = cli("--debug", "recommend", "--cpu-bound", "yes")
    assert debug.code == ExitCode.INTERNAL
    assert "Traceback" in debug.err
    assert debug.err.splitlines()[-1].startswith("advisor: error: unexpected ValueError")


# --- help ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("command", [(), ("recommend",), ("ask",), ("tree",)])
def test_help_lists_every_exit_code(cli, lang, command):
    out = cli(*command, "--help", "--lang", lang).out
    for name, code in ExitCode.codes().items():
        assert re.search(rf"^  {code} +\S", out, re.MULTILINE), name


def test_readme_documents_every_exit_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes", 1)[1]
    for name, code in ExitCode.codes().items():
        assert f"| {code} |" in table, name


HELP_KEYS = [k for k in UI if k.startswith(("help_", "argparse_", "command_"))]


@pytest.mark.parametrize("command", COMMANDS)
def test_chinese_help_has_no_english_help_text(cli, command):
    """Every help text advisor owns (and argparse's own words) appears in zh-TW, none in
    English: the check reads the texts from ui.yaml, so a new option is covered too."""
    zh = cli(command, "--help", "--lang", "zh-TW").out
    en = cli(command, "--help", "--lang", "en").out
    leaked = [
        UI[key]["en"].strip()
        for key in HELP_KEYS
        if UI[key]["en"] != UI[key]["zh-TW"]
        and UI[key]["en"].split("{")[0].strip() in en
        and UI[key]["en"].split("{")[0].strip() in zh
    ]
    assert leaked == []
    assert "default:" not in zh
    assert "（預設：否）" in zh or command not in ("recommend", "ask")
    assert zh.startswith("用法：advisor")
    assert "結束代碼：" in zh


def test_top_level_help_in_chinese_from_the_locale(cli, monkeypatch):
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    out = cli("--help").out
    assert "選項：" in out
    assert "依照以命令列選項提供的答案，推薦一種並行模型。" in out
    assert "show this help" not in out


# --- commands to copy ----------------------------------------------------------------------

LONG_ANSWERS = (
    "--cpu-bound", "no", "--concurrency", "20", "--shared-memory", "no",
    "--async-libs", "no", "--async-app", "no",
)  # fmt: skip


@pytest.mark.parametrize(("lang", "prefix"), [("en", "Save it: "), ("zh-TW", "儲存範本：")])
@pytest.mark.parametrize("columns", ["40", "60", "100"])
def test_rich_never_wraps_the_save_command(cli, monkeypatch, lang, prefix, columns):
    monkeypatch.setenv("COLUMNS", columns)
    result = cli("recommend", *LONG_ANSWERS, "--lang", lang, "--format", "rich")
    assert result.code == ExitCode.OK
    command = (
        f"advisor recommend --lang {lang} --cpu-bound no --concurrency 20 --shared-memory no "
        "--async-libs no --async-app no --emit threading_example.py"
    )
    assert f"{prefix}{command}\n" in result.out


def test_a_newline_in_a_file_name_stays_on_one_line(cli, tmp_path):
    target = tmp_path / "two\nlines.py"
    target.write_text("mine\n", encoding="utf-8")
    result = cli("recommend", "--cpu-bound", "yes", "--emit", str(target))
    assert result.code == ExitCode.USAGE
    assert "two\\nlines.py already exists" in one_line(result)
    assert target.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["recommend", "--cpu-bound"], "--cpu-bound 後面需要一個值"),
        (["recommend", "--format", "xml"], "--format 的值 'xml' 無效"),
        (
            ["recommend", "--concurency", "5"],
            "不認得的選項 --concurency（你是指 --concurrency 嗎？）",
        ),
        (["tree", "extra"], "多出的引數 'extra'"),
        (["recomend"], "不認得的指令 'recomend'；你是指 'recommend' 嗎？"),
    ],
)
def test_command_line_mistakes_in_chinese(cli, args, expect):
    result = cli(*args, "--lang", "zh-TW")
    assert result.code == ExitCode.USAGE
    assert expect in one_line(result)
    assert not re.search(r"\b(argument|expected|invalid|unknown|see)\b", result.err)


TERMINAL_TRAP = "x\x1b]0;pwned\x07\x1b[2J\n"


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_validate_reports_never_pass_terminal_escapes_through(tmp_path, lang):
    """A file name with an escape sequence (a downloaded tree, a crafted archive) is shown
    escaped on every line validate prints, valid file or not, as in error messages."""
    shipped = (ROOT / "decision_tree.yaml").read_text(encoding="utf-8")
    good = tmp_path / f"{TERMINAL_TRAP}good.yaml"
    good.write_text(shipped, encoding="utf-8")
    bad = tmp_path / f"{TERMINAL_TRAP}bad.yaml"
    bad.write_text(shipped.replace("start:", "stArt:", 1), encoding="utf-8")
    missing = tmp_path / f"{TERMINAL_TRAP}missing.yaml"
    for path, code in ((good, 0), (bad, 2), (missing, 2)):
        result = run_advisor("validate", str(path), "--lang", lang)
        assert result.code == code, result.err
        lines = (result.out + result.err).splitlines()
        assert lines
        assert all(line.isprintable() for line in lines), lines


@pytest.mark.parametrize("value", ["", " ", "\t"])
@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["recommend", "--answers"], "no answers file named (the --answers value is empty)"),
        (["recommend", "--tree"], "no decision tree file named (the --tree value is empty)"),
        (["tree", "--tree"], "no decision tree file named (the --tree value is empty)"),
        (["recommend", "--emit"], "--emit needs a file name"),
        (["ask", "--save-answers"], "--save-answers needs a file name"),
    ],
)
def test_an_empty_file_option_says_so(cli, args, expect, value):
    """`--tree "$UNSET"` read "cannot read decision tree : file not found": the name to
    check was invisible. Every file option says its value is empty."""
    result = cli(*args[:-1], f"{args[-1]}={value}")
    assert result.code == ExitCode.USAGE
    assert expect in one_line(result)


#: Bad answers files, each with a fragment of the zh-TW line it must give. Every message
#: advisor writes itself is Chinese; a parser's own words (YAML, JSON) stay as they are.
BAD_ANSWERS = [
    ("bad.yaml", "cpu_bound: [no\n", "不是有效的 YAML："),
    (
        "dup.yaml",
        "cpu_bound: no\ncpu_bound: yes\n",
        "重複的鍵 'cpu_bound'（第一次出現在第 1 行）；請修正答案檔",
    ),
    ("list.yaml", "- cpu_bound\n", "答案檔必須是「問題 id：答案」的對應表"),
    ("unknown.yaml", "cpu_bond: no\n", "不認得的問題 'cpu_bond'；你是指 'cpu_bound' 嗎？"),
    ("value.yaml", "cpu_bound: maybe\n", "的值 'maybe' 無效"),
    ("twice.yaml", "cpu_bound: no\n--cpu-bound: no\n", "回答的是同一題 --cpu-bound"),
    ("bad.json", '{"cpu_bound": no}', "不是有效的 JSON："),
    (
        "dup.json",
        '{"cpu_bound": "no",\n "cpu_bound": "yes"}',
        "重複的鍵 'cpu_bound'（第一次出現在第 1 行）",
    ),
    ("deep.json", "[" * 100_000 + "]" * 100_000, "巢狀層次太深"),
    ("latin1.yaml", b"cpu_bound: \xe9\n", "不是 UTF-8 文字"),
    ("missing.yaml", None, "找不到檔案"),
    ("folder", "", "是資料夾"),
]


@pytest.mark.parametrize(
    ("name", "content", "expect"), BAD_ANSWERS, ids=[b[0] for b in BAD_ANSWERS]
)
def test_a_bad_answers_file_is_refused_in_chinese(cli, tmp_path, name, content, expect):
    """issue 15: `--lang zh-TW --answers bad.yaml` printed English."""
    path = tmp_path / name
    if name == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = cli("recommend", "--concurrency", "5", "--answers", str(path), "--lang", "zh-TW")
    assert result.code == ExitCode.USAGE
    line = one_line(result)
    assert expect in line
    # only the YAML parser's own detail stays English (docs/architecture-i18n.md)
    ours = line.removeprefix("advisor: error: ").replace(str(path), "")
    ours = re.sub(r"YAML[:：][^;；]*[;；]", "YAML:;", ours)
    assert not re.search(r"\b(answers file|not valid|duplicate|unknown|expected|keep one)\b", ours)


def test_a_bad_answers_file_in_chinese_from_the_real_cli(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("cpu_bound: [no\n", encoding="utf-8")
    result = run_advisor("recommend", "--answers", str(bad), "--lang", "zh-TW")
    assert result.code == ExitCode.USAGE
    assert result.err.startswith(f"advisor: error: {bad}:")
    assert result.err.rstrip().endswith("請修正答案檔")


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["convert"], "缺少必要的引數 PATH；請參考 `advisor convert --help`"),
        (["completion"], "缺少必要的引數 {bash,zsh,fish}；請參考 `advisor completion --help`"),
        (["recommend", "--template=yes"], "--template 不接受值（收到 'yes'）"),
        (["convert", "--write", "--check", "x.py"], "--check 不能和 --write 一起使用"),
        (["bench", "--tasks", "0"], "--tasks 0 超出範圍：請輸入 1 到 100000 之間的數"),
        (["bench", "--cpu-ms", "x"], "--cpu-ms 需要 0 到 10000 之間的數"),
    ],
)
def test_argparse_errors_read_in_chinese(cli, args, chinese):
    """argparse's other messages (a missing argument, a value given to a switch, two options
    that exclude each other, bench's bounded numbers) were English under --lang zh-TW."""
    result = cli(*args, "--lang", "zh-TW")
    assert result.code == ExitCode.USAGE
    assert chinese in one_line(result)


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_missing_shell_is_named_as_the_usage_line_shows_it(cli, lang):
    """The usage line shows `{bash,zsh,fish}`; the error named the argument's dest, `shell`."""
    result = cli("completion", "--lang", lang)
    assert result.code == ExitCode.USAGE
    usage = cli("completion", "--help").out
    assert "advisor completion [-h]" in usage
    assert "{bash,zsh,fish}" in usage
    assert "{bash,zsh,fish}" in result.err
    assert "shell" not in result.err
    if lang == "en":
        assert result.err == (
            "advisor: error: the following arguments are required: {bash,zsh,fish}; "
            "see `advisor completion --help`\n"
        )
