"""`advisor help [COMMAND]` is `--help` by another name, and `advisor completion SHELL`
prints a completion script that bash really completes with (newcomer #60)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest

from advisor.cli import _app, _completion, main
from advisor.errors import ExitCode
from tests.helpers import FIXTURES, clean_env

CUSTOM = FIXTURES / "trees" / "valid_custom.yaml"


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("command", [None, "recommend", "scan", "profile", "help"])
def test_help_is_the_same_as_dash_dash_help(cli, lang, command):
    topic = [command] if command else []
    asked = cli("help", *topic, "--lang", lang)
    dashed = cli(*topic, "--help", "--lang", lang)
    assert asked.code == dashed.code == ExitCode.OK, asked.err
    assert asked.out == dashed.out
    assert asked.out.startswith("usage: advisor" if lang == "en" else "用法：advisor")


def test_help_follows_the_tree(cli):
    """A custom tree brings its own flags, in `help` as in `--help`."""
    result = cli("help", "recommend", "--tree", str(CUSTOM))
    assert "--team-size" in result.out
    assert result.out == cli("recommend", "--help", "--tree", str(CUSTOM)).out


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_top_level_help_names_help_and_completion(cli, lang):
    out = cli("--help", "--lang", lang).out
    assert "advisor help [COMMAND]" in out
    assert "advisor completion {bash,zsh,fish}" in out
    assert "source <(advisor completion bash)" in out


def test_help_for_an_unknown_command_is_one_line(cli):
    result = cli("help", "scna")
    assert result.code == ExitCode.USAGE
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert "did you mean 'scan'?" in result.err


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory) -> str:
    """Written once for the module (the `cli` fixture is per test)."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["completion", "bash"], stdout=out, stderr=err) == 0, err.getvalue()
    path = tmp_path_factory.mktemp("completion") / "advisor.bash"
    path.write_text(out.getvalue(), encoding="utf-8")
    return str(path)


def complete(script: str, *words: str) -> list[str]:
    """What bash offers for the command line *words* (the last one being typed)."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    array = " ".join(f"'{w}'" for w in ("advisor", *words))
    program = (
        f"source {script}\n"
        f"COMP_WORDS=({array}); COMP_CWORD={len(words)}; COMPREPLY=()\n"
        "_advisor\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    proc = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return [line for line in proc.stdout.splitlines() if line]


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["sc"], ["scan"]),
        (["scan", "--rec"], ["--recommend"]),
        ([""], list(_app.COMMANDS)),
        (["recommend", "--format", ""], ["rich", "plain", "json", "markdown"]),
        (["recommend", "--cpu-b"], ["--cpu-bound"]),
        (["recommend", "--cpu-bound", ""], ["yes", "no"]),
        (["scan", "--recommend", "--async-a"], ["--async-app"]),
        (["scan", "--format", "sa"], ["sarif"]),
        (["ask", "--save"], ["--save-answers"]),
        (["help", "co"], ["convert", "completion"]),
        (["completion", ""], ["bash", "zsh", "fish"]),
        (["explain", "no"], ["notebook"]),
        (["explain", ""], ["asyncio", "interpreters", "notebook", "gui", "service"]),
        (["explain", "pool-per"], ["pool-per-request-to-lifespan"]),
        (["--lang", "zh-TW", "profile", "--no-p"], ["--no-probe"]),
    ],
)
def test_bash_completes(bash_script, words, offered):
    found = complete(bash_script, *words)
    assert set(offered) <= set(found), found


def test_bash_leaves_file_names_to_bash(bash_script):
    """After an option that takes a file, and for scan's paths, the script offers nothing
    itself: `complete -o default` then completes file names."""
    assert complete(bash_script, "recommend", "--emit", "ex") == []
    assert complete(bash_script, "scan", "sr") == []


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command_and_option(cli, shell):
    result = cli("completion", shell)
    assert result.code == ExitCode.OK, result.err
    for command in _app.COMMANDS:
        assert command in result.out
    for option in ("recommend", "--recommend", "--save-answers", "--cpu-bound", "--verify-cache"):
        word = option if shell == "zsh" or not option.startswith("--") else f"-l {option[2:]}"
        assert word in result.out
    binary = shutil.which(shell)
    if binary is not None:  # where the shell is installed, the script must at least parse
        proc = subprocess.run(
            [binary, "-n"], input=result.out, text=True, capture_output=True, check=False
        )
        assert proc.returncode == 0, proc.stderr


def test_completion_in_chinese_describes_commands_in_chinese(cli):
    assert "顯示 advisor 或某個指令的說明" in cli("completion", "fish", "--lang", "zh-TW").out


def test_a_run_builds_only_its_own_command(tmp_path):
    """Start-up: `advisor recommend` neither imports nor builds the other commands, which
    only `advisor --help` lists."""
    code = (
        "import io, sys\n"
        "from advisor.cli import _app, main\n"
        "argv = ['recommend', '--cpu-bound', 'no', '--concurrency', '500', '--format', 'json']\n"
        "assert main(argv, stdout=io.StringIO(), stderr=sys.stderr) == 0\n"
        "print(' '.join(n for n in _app.COMMANDS if f'advisor.cli.{n}' in sys.modules))\n"
    )
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["recommend"]


@pytest.mark.parametrize("argv", [["--help"], ["--help", "recommend"], ["-h", "scan", "--rec"]])
def test_top_level_help_still_lists_every_command(cli, argv):
    out = cli(*argv).out
    assert all(f"\n    {name}" in out for name in _app.COMMANDS)


def test_zsh_keeps_colons_in_descriptions_and_escapes_them_in_words(cli):
    """_describe splits ``word:description`` at the first unescaped colon: only the word's
    colons need a backslash; the description is shown as written, colons and all."""
    out = cli("completion", "zsh").out
    assert "'explain:Compare the models, or explain one: when to use it," in out
    assert "'profile:Run your program and measure it: CPU, threads," in out
    table = [_completion.Command("a:b", "Say: this [or that]", ())]
    assert "        'a\\:b:Say: this [or that]'" in _completion.zsh(table).splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_offers_every_page_explain_draws(cli, shell):
    """`advisor explain <Tab>` offers the models, topics, program kinds and patterns (data,
    not argparse choices: a rule code is accepted too), in every shell's script."""
    from advisor import guides

    out = cli("completion", shell).out
    line = next(line for line in out.splitlines() if "pool-to-dask" in line)
    for name in guides.names():
        assert name in line, name
