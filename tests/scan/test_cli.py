"""`advisor scan` and `advisor explain ADV1xx` through the installed CLI, in a subprocess:
exit codes, formats, stdout versus stderr, configuration (pyproject, --select/--ignore/--exclude,
suppression comments), files that cannot be read, both languages."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, clean_env, run_advisor

BLOCKING = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(BLOCKING, encoding="utf-8")
    (tmp_path / "clean.py").write_text(
        "import asyncio\n\n\nasync def main():\n    await asyncio.sleep(1)\n", encoding="utf-8"
    )
    return tmp_path


def scan(project: Path, *argv: str, lang: str | None = None):
    env = clean_env(ADVISOR_CACHE_DIR=str(project.parent / "cache"))
    if lang:
        env["LANG"] = lang
    return run_advisor("scan", *argv, env=env, cwd=project)


def test_findings_exit_1_plain_lines_on_stdout(project: Path) -> None:
    result = scan(project, "--format", "plain")
    assert result.code == 1
    assert result.out == (
        "app.py:5:5: ADV101 blocking call `time.sleep` inside `async def` stalls the event loop; "
        "use `await asyncio.sleep(...)`\n"
    )
    assert result.err == ""


def test_clean_exit_0_and_exit_zero(project: Path) -> None:
    assert scan(project, "clean.py").code == 0
    assert scan(project, "--exit-zero").code == 0
    assert scan(project, "--ignore", "ADV101").code == 0


def test_usage_errors_exit_2_in_one_line(project: Path) -> None:
    bad_code = scan(project, "--select", "ADV999")
    assert bad_code.code == 2
    assert bad_code.out == ""
    assert bad_code.err.count("\n") == 1
    assert "unknown rule code 'ADV999'" in bad_code.err
    assert "Traceback" not in bad_code.err
    missing = scan(project, "nowhere")
    assert missing.code == 2
    assert "nowhere: no such file or folder" in missing.err
    zh = scan(project, "--select", "ADV999", "--lang", "zh-TW")
    assert "不認得的規則代碼" in zh.err


def test_json_sarif_github_formats(project: Path) -> None:
    data = json.loads(scan(project, "--format", "json").out)
    assert [f["code"] for f in data["findings"]] == ["ADV101"]
    sarif = json.loads(scan(project, "--format", "sarif").out)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app.py"
    assert location["region"] == {"startLine": 5, "startColumn": 5}
    github = scan(project, "--format", "github").out
    assert github.startswith("::error file=app.py,line=5,col=5,title=ADV101::")


def test_statistics(project: Path) -> None:
    result = scan(project, "--statistics", "--format", "plain")
    assert result.out == "    1  ADV101  blocking-call-in-async\n"
    assert result.code == 1


def test_statistics_refuses_machine_formats_instead_of_breaking_them(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text("import time\nasync def f():\n    time.sleep(1)\n")
    for fmt in ("sarif", "github"):
        result = scan(root, "--statistics", "--format", fmt)
        assert result.code == 2, result.out
        assert result.out == ""
        assert len(result.err.strip().splitlines()) == 1
        assert f"--format {fmt}" in result.err
    counts = json.loads(scan(root, "--statistics", "--format", "json").out)
    assert counts["rules"][0]["code"] == "ADV101"


def test_rich_in_traditional_chinese(project: Path) -> None:
    result = scan(project, "--format", "rich", "--lang", "zh-TW")
    assert "在 `async def` 裡呼叫阻塞式的 `time.sleep`" in result.out
    assert "time.sleep(1)" in result.out
    assert "^" in result.out


def test_config_from_pyproject_and_isolated(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.advisor]\nignore = ["ADV101"]\n', encoding="utf-8"
    )
    assert scan(project).code == 0
    assert scan(project, "--isolated").code == 1
    (project / "pyproject.toml").write_text("[tool.advisor]\nselct = 1\n", encoding="utf-8")
    broken = scan(project)
    assert broken.code == 2
    assert "did you mean 'select'" in broken.err


def test_a_bad_code_in_pyproject_is_named_there_not_as_a_flag(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text("import time\nasync def f():\n    time.sleep(1)\n")
    (root / "pyproject.toml").write_text('[tool.advisor]\nignore = ["ADV9"]\n')
    result = scan(root)
    assert result.code == 2
    assert "[tool.advisor] ignore: unknown rule code 'ADV9'" in result.err
    assert "--ignore" not in result.err
    assert "Traceback" not in result.err
    assert scan(root, "--ignore", "ADV102").code == 1  # the flag wins over the file


def test_exclude_globs_for_dot_folders_and_absolute_paths(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    for folder in (".gen", "build"):
        (root / folder).mkdir(parents=True)
        (root / folder / "a.py").write_text("import time\nasync def f():\n    time.sleep(1)\n")
    (root / "clean.py").write_text("x = 1\n")  # excluding every file is exit 2
    assert scan(root).code == 1
    for pattern in (".gen/*", "./.gen/"):
        result = scan(root, "--exclude", pattern, "--exclude", str(root / "build"))
        assert result.code == 0, (pattern, result.out)
    kept = scan(root, "--exclude", "gen")
    assert ".gen/a.py" in kept.out
    assert "build/a.py" in kept.out


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_an_empty_select_is_refused_not_a_silent_pass(tmp_path: Path, lang: str) -> None:
    """`--select ''` (an unset CI variable) would check nothing and exit 0 on any code."""
    (tmp_path / "app.py").write_text("import time\n\nasync def f():\n    time.sleep(1)\n")
    result = run_advisor("scan", str(tmp_path), "--select", "", "--lang", lang)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "--select" in result.err
    assert "ADV1" in result.err
    assert "Traceback" not in result.err


def test_suppression_after_a_form_feed_stays_on_its_line(tmp_path: Path) -> None:
    """Python does not end a line at a form feed; the comment belongs to the flagged line."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / "d.py").write_text(
        "import time\n\x0c\nasync def f():\n    x = 1  # \x0c\n"
        "    time.sleep(1)  # advisor: ignore[ADV101]\n",
        encoding="utf-8",
    )
    result = scan(root, "--format", "plain")
    assert result.code == 0, result.out


def test_unreadable_files_are_reported_and_the_scan_goes_on(project: Path) -> None:
    (project / "broken.py").write_text("async def f(:\n", encoding="utf-8")
    (project / "newer.py").write_text("type X = int\nasync def f(): pass\n", encoding="utf-8")
    (project / "latin.py").write_bytes(b"x = '\xff'\nasync def f(): pass\n")
    (project / "binary.py").write_bytes(b"\x00\x00async def\x00")
    (project / "huge.py").write_text(
        "async def f(): pass\n" + "x = 1\n" * 1_000_000, encoding="utf-8"
    )
    (project / "loop.py").symlink_to(project / "loop.py")
    (project / "sub").mkdir()
    (project / "sub" / "back").symlink_to(project, target_is_directory=True)
    result = scan(project, "--format", "plain")
    assert result.code == 1
    assert "app.py:5:5: ADV101" in result.out
    assert "Traceback" not in result.err
    errors = result.err
    assert "skipped broken.py: cannot parse: line 1" in errors
    assert "newer.py" not in errors  # newer syntax is checked (lint/newer.py)
    assert errors.endswith(
        "advisor: 5 of 8 file(s) could not be checked, so their code was not looked at.\n"
    )
    assert "skipped latin.py: cannot decode" in errors
    assert "skipped binary.py: binary data" in errors
    assert "skipped huge.py: file too large" in errors
    assert "skipped loop.py: symbolic link loop" in errors
    assert "back" not in errors  # a link back to the scanned folder: its files are checked
    zh = scan(project, "--format", "plain", "--lang", "zh-TW")
    assert "已略過 broken.py：無法解析" in zh.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_given_as_a_path_is_skipped_not_read(tmp_path: Path) -> None:
    """Reading a FIFO blocks until a writer comes: the scan must say so and go on."""
    root = tmp_path / "proj"
    root.mkdir()
    os.mkfifo(root / "pipe.py")
    (root / "a.py").write_text("import time\nasync def f():\n    time.sleep(1)\n")
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    result = run_advisor("scan", "pipe.py", "a.py", env=env, cwd=root, timeout=30)
    assert result.code == 1
    assert result.out.startswith("a.py:3:5: ADV101")
    assert "skipped pipe.py: not a regular file" in result.err


def test_warm_run_gives_the_same_answer(project: Path) -> None:
    first = scan(project, "--format", "json")
    second = scan(project, "--format", "json")
    assert first.out == second.out
    (project / "app.py").write_text(BLOCKING.replace("time.sleep(1)", "pass"), encoding="utf-8")
    assert scan(project).code == 0
    assert scan(project, "--no-cache").code == 0
    private = project.parent / "elsewhere"
    scan(project, "--cache-dir", str(private))
    assert list(private.rglob("*.json"))


def test_scan_plain_does_not_load_rich(project: Path) -> None:
    code = (
        "import sys, io, advisor.cli\n"
        "advisor.cli.main(['scan', '--format', 'plain', '.'], stdout=io.StringIO())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'yaml')))\n"
    )
    import subprocess

    env = clean_env(ADVISOR_CACHE_DIR=str(project.parent / "cache"))
    subprocess.run(
        [sys.executable, "-m", "advisor", "scan", "."],
        cwd=project,
        env=env,
        check=False,
        capture_output=True,
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_explain_a_rule(lang: str) -> None:
    result = run_advisor("explain", "ADV102", "--format", "plain", "--lang", lang)
    assert result.code == 0
    assert "await fetch_data" in result.out
    assert ("為什麼不好" in result.out) == (lang == "zh-TW")
    by_name = run_advisor("explain", "missing-await", "--format", "json")
    assert json.loads(by_name.out)["code"] == "ADV102"
    unknown = run_advisor("explain", "ADV999")
    assert unknown.code == 2
    assert "unknown rule 'ADV999'" in unknown.err


@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich"])
def test_explain_fits_one_screen_and_gives_the_details_on_request(fmt: str) -> None:
    """`advisor explain ADV101`, where every scan's footer sends the user, printed 58 KB of
    one paragraph (newcomer review 2026-12, 7): the four parts stay short, one line says where
    the case-by-case details are, and `--details` prints them."""
    short = run_advisor("explain", "ADV101", "--format", fmt, env=clean_env(COLUMNS="100"))
    assert (short.code, short.err) == (0, "")
    assert len(short.out) < 8000
    # The rich panel wraps lines inside its border: read them as one text.
    flat = " ".join(line.strip("│ ") for line in short.out.splitlines())
    assert "advisor explain ADV101 --details" in flat
    assert "hacs_waste_collection_schedule" not in short.out  # a detail, not the summary
    full = run_advisor(
        "explain", "ADV101", "--details", "--format", fmt, env=clean_env(COLUMNS="100")
    )
    assert full.code == 0
    assert "hacs_waste_collection_schedule" in full.out
    assert "--details`" not in full.out
    payload = json.loads(run_advisor("explain", "ADV101", "--format", "json").out)
    assert len(payload["what"]) < 1600
    assert "hacs_waste_collection_schedule" in payload["details"]
    assert json.loads(run_advisor("explain", "ADV103", "--format", "json").out)["details"] is None


def test_sarif_carries_each_rule_in_one_screen(tmp_path: Path) -> None:
    """Every SARIF file held every rule's whole doc: 256 KB for an empty folder."""
    (tmp_path / "app.py").write_text("x = 1\n", encoding="utf-8")
    result = run_advisor("scan", "--format", "sarif", str(tmp_path))
    assert result.code == 0
    (run,) = json.loads(result.out)["runs"]
    for rule in run["tool"]["driver"]["rules"]:
        assert len(rule["fullDescription"]["text"]) < 1600, rule["id"]
        assert len(rule["help"]["text"]) < 6000, rule["id"]


def test_pre_commit_hook_runs_the_installed_command(project: Path) -> None:
    """The hook pre-commit would run: its entry, with file names appended, as a subprocess."""
    import shlex

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "advisor-scan"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["python", "jupyter"]  # notebooks too
    program, *entry_args = shlex.split(hook["entry"])
    assert program == "advisor"
    result = run_advisor(
        *entry_args,
        "app.py",
        "clean.py",
        env=clean_env(ADVISOR_CACHE_DIR=str(project.parent / "c")),
        cwd=project,
    )
    assert result.code == 1
    assert result.out.startswith("app.py:5:5: ADV101 ")


TRAP = "\x1b]0;pwned\x07\x1b[2J"


@pytest.mark.parametrize("fmt", ["plain", "rich"])
def test_file_names_and_code_never_reach_the_terminal_raw(tmp_path, fmt):
    """A cloned repository may hold a file named with an escape sequence, or one in a
    comment on a flagged line: plain, rich and the skipped-file lines show it escaped."""
    (tmp_path / f"a{TRAP}.py").write_text(
        f"import time\nasync def f():\n    time.sleep(1)  # {TRAP}\n", encoding="utf-8"
    )
    (tmp_path / f"b{TRAP}.py").write_text("def broken(:\n", encoding="utf-8")
    result = run_advisor("scan", str(tmp_path), "--format", fmt, env=clean_env(COLUMNS="200"))
    assert result.code == 1, result.err
    assert "ADV101" in result.out
    assert "\\x1b" in result.out
    for line in (result.out + result.err).splitlines():
        assert line.isprintable(), repr(line)


def test_commands_registered_with_a_cli_registry_are_quiet_through_the_cli(tmp_path):
    """A user's project that registers its commands as objects (piccolo's `commands=[dump,
    load]`, `Command(callable=backwards)`, argparse, typer, fire; fixture ADV101_commands):
    the installed CLI reports only the thread wait in a command and the same file reads in a
    chat bot's command and a request handler, nothing in the commands' own local I/O."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "scan" / "ADV101_commands", project)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code == 1, result.err
    found = {(Path(f["path"]).as_posix(), f["line"]) for f in json.loads(result.out)["findings"]}
    assert found == {
        ("tool/bot.py", 11),
        ("tool/bot.py", 16),
        ("tool/commands/backwards.py", 21),
    }


def test_code_run_once_at_start_up_is_quiet_through_the_cli(tmp_path):
    """A user's project with code that runs once at start-up (fixture ADV101_once): a
    worker's task imports behind a flag it sets, a lazy TLS context cached on the object, a
    store's file read awaited only from `start`, a session every client's `login` builds. The
    installed CLI reports the same guarded context first built on a request, a lazy import
    on a request with no guard, the store's flush behind a `close` that code serving also
    awaits, and a media write, and nothing of the start-up code."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "scan" / "ADV101_once", project)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code == 1, result.err
    report = json.loads(result.out)
    found = {(Path(f["path"]).as_posix(), f["line"]) for f in report["findings"]}
    assert found == {
        ("jobs/app.py", 46),
        ("jobs/codecs.py", 14),
        ("bridge/file_store.py", 30),
        ("bridge/media.py", 6),
    }
    messages = [f["message"] for f in report["findings"] if f["line"] == 46]
    assert len(messages) == 1
    assert "`handle -> tls -> ssl.create_default_context()`" in messages[0]


def test_a_client_that_ends_its_own_run_closes_quietly_through_the_cli(tmp_path):
    """A user's chat client (fixture ADV101_shutdown, after twitchio's `Client` and mautrix's
    state store): the installed CLI, in text as a user reads it, reports the transcript a
    websocket writes when it closes in its own reconnect loop and another class's `save` that
    nothing calls, and nothing of the client's shut-down (`close -> save_tokens -> save`) or
    the store's flush behind a mixin's `close`."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "scan" / "ADV101_shutdown", project)
    result = run_advisor("scan", ".", "--isolated", "--no-cache", cwd=project)
    assert result.code == 1, result.err
    reported = sorted(
        line.split(": ADV101", 1)[0].replace("\\", "/")
        for line in result.out.splitlines()
        if ": ADV101 " in line
    )
    assert reported == ["chat/assets.py:11:14", "chat/client.py:23:14"]


def test_a_program_that_runs_one_thing_at_a_time_is_quiet_through_the_cli(tmp_path):
    """A user's examples folder (fixture ADV101_sequential, after twscrape's scripts and
    examples and falcon's websocket tutorial client): the installed CLI, in text as a user
    reads it, reports the write inside each `gather`, the prompt while a websocket is open,
    the sleep in a task group's body, a library coroutine an example awaits and the sleep after
    a poller's own `start` left a task running, and nothing a
    sequential program does alone (the
    one-at-a-time writes, the read after the `gather`, the subprocess at the end, the sleep
    after the task group, the busy sleep after a script starts its thread)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "scan" / "ADV101_sequential", project)
    result = run_advisor("scan", ".", "--isolated", "--no-cache", cwd=project)
    assert result.code == 1, result.err
    found = sorted(line.split(": ")[0] for line in result.out.splitlines() if "ADV101" in line)
    assert [place.rsplit(":", 1)[0].replace("\\", "/") for place in found] == [
        "examples/download_media.py:12",
        "examples/fetch_fixtures.py:20",
        "examples/sleeper_thread.py:44",
        "examples/task_group.py:16",
        "examples/ws_client.py:13",
        "shop/store.py:7",
    ]
