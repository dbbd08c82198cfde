"""`advisor convert` as a user runs it: the installed CLI in a subprocess (diff, JSON, --write
then --check, git, exit codes), and in-process where a failure has to be injected."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, clean_env, run_advisor

CASES = FIXTURES / "convert"


def program(folder: Path, case: str = "exercise1", name: str = "downloader.py") -> Path:
    path = folder / name
    shutil.copy(CASES / case / "before.py", path)
    return path


def test_default_is_a_diff_on_stdout_and_nothing_written(tmp_path: Path) -> None:
    path = program(tmp_path)
    before = path.read_text()
    result = run_advisor("convert", "downloader.py", "--target-version", "3.11", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.startswith("--- a/downloader.py\n+++ b/downloader.py\n")
    assert "+    await asyncio.gather(*threads, return_exceptions=True)\n" in result.out
    assert "downloader.py:17: ADV201 threading.Thread(target=download)" in result.err
    assert path.read_text() == before
    # the diff is a real patch: git apply turns the file into the converted one
    if shutil.which("git"):
        subprocess.run(["git", "apply", "-"], input=result.out, text=True, cwd=tmp_path, check=True)
        assert path.read_text() == (CASES / "exercise1" / "after.py").read_text()


def test_write_then_check(tmp_path: Path) -> None:
    paths = [program(tmp_path), program(tmp_path, "worker_pool", "pool.py")]
    check = run_advisor(
        "convert", "downloader.py", "pool.py", "--check", "--target-version", "3.11", cwd=tmp_path
    )
    assert check.code == 1
    assert "2 file(s) would change" in check.out
    assert paths[0].read_text() == (CASES / "exercise1" / "before.py").read_text()
    write = run_advisor(
        "convert", "downloader.py", "pool.py", "--write", "--target-version", "3.11", cwd=tmp_path
    )
    assert write.code == 0, write.err
    assert "wrote 2 file(s)" in write.out
    assert paths[1].read_text() == (CASES / "worker_pool" / "after.py").read_text()
    again = run_advisor(
        "convert", "downloader.py", "pool.py", "--check", "--target-version", "3.11", cwd=tmp_path
    )
    assert again.code == 0, again.out + again.err
    out = subprocess.run(
        [os.sys.executable, "pool.py"], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout == "285\n1:1, 2:4, 3:9\n"


def test_json_lists_changes_and_refusals(tmp_path: Path) -> None:
    program(tmp_path)
    program(tmp_path, "lock_refused", "counter.py")
    result = run_advisor(
        "convert",
        "downloader.py",
        "counter.py",
        "--format",
        "json",
        "--target-version",
        "3.10",
        cwd=tmp_path,
    )
    assert result.code == 1  # counter.py was left as is
    data = json.loads(result.out)
    assert data["target_version"] == "3.10"
    downloader, counter = data["files"]
    assert [c["code"] for c in downloader["changes"]] == ["ADV202", "ADV205", "ADV201", "ADV205"]
    assert {c["pattern"] for c in downloader["changes"]} == {"thread-join-to-gather"}
    assert not counter["changed"]
    assert data["refusals"] == [
        {
            "path": "counter.py",
            "line": 4,
            "reason": "lock",
            "message": data["refusals"][0]["message"],
        }
    ]
    assert "threading.Lock()" in data["refusals"][0]["message"]


def test_refusals_in_traditional_chinese(tmp_path: Path) -> None:
    program(tmp_path, "lock_refused", "counter.py")
    result = run_advisor("convert", "counter.py", "--lang", "zh-TW", cwd=tmp_path)
    assert result.code == 1
    assert result.out == ""
    assert "counter.py:4: 保留不動（lock）：threading.Lock() 保護執行緒之間共享的狀態" in result.err


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_write_refuses_uncommitted_changes_unless_forced(tmp_path: Path) -> None:
    env = clean_env(
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    path = program(tmp_path)
    result = run_advisor("convert", "downloader.py", "--write", cwd=tmp_path, env=env)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "downloader.py: uncommitted changes" in result.err
    assert "--force" in result.err
    assert "Traceback" not in result.err
    assert path.read_text() == (CASES / "exercise1" / "before.py").read_text()
    forced = run_advisor("convert", "downloader.py", "--write", "--force", cwd=tmp_path, env=env)
    assert forced.code == 0, forced.err
    assert "async def main" in path.read_text()


@pytest.mark.parametrize(
    ("args", "setup", "message"),
    [
        (["missing.py"], None, "missing.py: no such file"),
        (["bad.py"], "def f(:\n", "bad.py:1: not valid Python"),
        (["ok.py", "--write", "--check"], "x = 1\n", "not allowed with argument"),
        (["ok.py", "--prefer", "trio"], "x = 1\n", "invalid choice"),
        (["ok.py", "--target-version", "3.9"], "x = 1\n", "needs Python 3.10 or newer"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args, setup, message) -> None:
    if setup is not None:
        (tmp_path / args[0]).write_text(setup, encoding="utf-8")
    result = run_advisor("convert", *args, cwd=tmp_path)
    assert result.code == 2, result
    assert message in result.err
    assert "Traceback" not in result.err
    assert result.err.strip().count("\n") == 0


def test_a_write_failing_midway_leaves_every_file_as_it_was(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [program(tmp_path), program(tmp_path, "worker_pool", "pool.py")]
    before = [p.read_text() for p in paths]
    real_replace = os.replace
    calls: list[str] = []

    def replace(src, dst):
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(5, "Input/output error", str(dst))
        return real_replace(src, dst)

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "replace", replace)
    result = cli("convert", "downloader.py", "pool.py", "--write", "--target-version", "3.11")
    monkeypatch.undo()
    assert result.code == 2
    assert "Input/output error" in result.err
    assert [p.read_text() for p in paths] == before
    assert sorted(os.listdir(tmp_path)) == ["downloader.py", "pool.py"]


def test_help_lists_the_command(tmp_path: Path) -> None:
    result = run_advisor("--help")
    assert "convert" in result.out
    usage = run_advisor("convert", "--help")
    assert "--target-version" in usage.out
    assert "--prefer" in usage.out


def test_rich_diff_in_colour(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    program(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = cli("convert", "downloader.py", "--format", "rich", "--target-version", "3.11")
    assert result.code == 0
    assert "\x1b[" in result.out  # coloured
    assert "+async def main():" in result.out.replace("\x1b[32m", "").replace("\x1b[0m", "")
    assert "4 change(s) in 1 file(s)" in result.out


def test_json_with_write_and_check(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    path = program(tmp_path)
    monkeypatch.chdir(tmp_path)
    checked = cli("convert", "downloader.py", "--check", "--format", "json")
    assert checked.code == 1
    assert json.loads(checked.out)["files"][0]["changed"] is True
    written = cli("convert", "downloader.py", "--write", "--format", "json")
    assert written.code == 0
    assert json.loads(written.out)["files"][0]["changed"] is True
    assert "asyncio.run(main())" in path.read_text()
    again = cli("convert", "downloader.py", "--check", "--format", "json")
    assert again.code == 0
    assert json.loads(again.out)["files"][0]["changed"] is False


TRAP = "\x1b]0;pwned\x07\x1b[2J"


@pytest.mark.parametrize("fmt", ["plain", "rich"])
def test_a_file_named_with_an_escape_sequence_is_shown_escaped(tmp_path: Path, fmt: str) -> None:
    """The summary lines and the rich diff show file names (and code) escaped; a
    file from a cloned repository must not drive the user's terminal. (The plain diff on
    stdout is a patch for `git apply` and stays exact.)"""
    program(tmp_path, name=f"d{TRAP}.py")
    result = run_advisor(
        "convert", f"d{TRAP}.py", "--target-version", "3.11", "--format", fmt, cwd=tmp_path
    )
    assert result.code == 0, result.err
    assert "ADV201" in result.out + result.err
    shown = result.err if fmt == "plain" else result.out + result.err  # plain's stdout: the patch
    for line in shown.splitlines():
        assert line.isprintable(), repr(line)


def test_the_diff_to_pipe_keeps_the_exact_file_name(tmp_path: Path) -> None:
    """--diff is for `git apply`: escaping belongs to the terminal views only."""
    program(tmp_path, name="d\x1b.py")
    result = run_advisor("convert", "d\x1b.py", "--target-version", "3.11", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.startswith("--- a/d\x1b.py\n")


@pytest.mark.parametrize(
    ("name", "lang", "heading"), [("ADV201", "en", "What it does"), ("adv203", "zh-TW", "功能")]
)
def test_explain_prints_a_conversion_rule(name, lang, heading):
    """`advisor explain` knows the conversion rules as it knows the scan rules."""
    result = run_advisor("explain", name, "--lang", lang, "--format", "plain")
    assert result.code == 0, result.err
    assert result.out.startswith(name.upper())
    assert heading in result.out


def test_explain_lists_both_rule_families_for_an_unknown_code():
    result = run_advisor("explain", "ADV299")
    assert result.code == 2
    assert "ADV108" in result.err
    assert "ADV205" in result.err
    assert result.err.count("\n") == 1


def test_a_utf8_file_with_a_byte_order_mark_converts_and_keeps_it(tmp_path: Path) -> None:
    """Editors on Windows save UTF-8 with a BOM; Python runs such files, so convert must too."""
    path = tmp_path / "downloader.py"
    body = (CASES / "exercise1" / "before.py").read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + body)
    result = run_advisor(
        "convert", "downloader.py", "--write", "--target-version", "3.11", cwd=tmp_path
    )
    assert result.code == 0, result.err
    after = (CASES / "exercise1" / "after.py").read_bytes()
    assert path.read_bytes() == b"\xef\xbb\xbf" + after
    assert run_advisor("convert", "downloader.py", "--check", cwd=tmp_path).code == 0


def _git_env(home: Path) -> dict[str, str]:
    """git with no user or system configuration (no safe.directory from the developer)."""
    return clean_env(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )


def _committed_repo(tmp_path: Path) -> tuple[Path, dict[str, str], Path, Path]:
    repo = tmp_path / "repo"
    repo.mkdir()
    env = _git_env(tmp_path)
    app = program(repo, name="app.py")
    lib = program(repo, case="worker_pool", name="lib.py")
    (repo / ".gitignore").write_text("lib.py\n", encoding="utf-8")
    for args in (["init", "-q"], ["add", "app.py", ".gitignore"], ["commit", "-qm", "init"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)
    return repo, env, app, lib


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_write_refuses_a_git_ignored_file(tmp_path: Path) -> None:
    """Review defect #2: an ignored file has no commit; overwriting it loses its only copy."""
    repo, env, app, lib = _committed_repo(tmp_path)
    before = lib.read_text()
    result = run_advisor("convert", "app.py", "lib.py", "--write", cwd=repo, env=env)
    assert result.code == 2
    assert "lib.py: ignored by git" in result.err
    assert lib.read_text() == before
    assert app.read_text() == (CASES / "exercise1" / "before.py").read_text()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_write_refuses_when_git_is_not_on_path_inside_a_repository(tmp_path: Path) -> None:
    """Review defect #4: the guard does not switch itself off; it says why, --force overrides."""
    repo, env, app, _ = _committed_repo(tmp_path)
    empty = tmp_path / "no-git"
    empty.mkdir()
    env["PATH"] = str(empty)
    result = run_advisor("convert", "app.py", "--write", cwd=repo, env=env)
    assert result.code == 2
    assert "app.py: git cannot say whether it has uncommitted changes (git is not on PATH)" in (
        result.err
    )
    assert app.read_text() == (CASES / "exercise1" / "before.py").read_text()
    forced = run_advisor("convert", "app.py", "--write", "--force", cwd=repo, env=env)
    assert forced.code == 0, forced.err
    assert "async def main" in app.read_text()


@pytest.mark.skipif(
    shutil.which("git") is None or not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="needs git and root (to give the repository to another user)",
)
def test_write_refuses_a_repository_git_calls_dubious(tmp_path: Path) -> None:
    """Review defect #4: "detected dubious ownership" used to read as "not in git"."""
    import pwd

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user nobody")
    repo, env, app, _ = _committed_repo(tmp_path)
    for folder, _dirs, files in os.walk(repo):
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        for name in files:
            os.chown(os.path.join(folder, name), nobody.pw_uid, nobody.pw_gid)
    result = run_advisor("convert", "app.py", "--write", cwd=repo, env=env)
    assert result.code == 2
    assert "dubious ownership" in result.err
    assert "--force" in result.err
    assert app.read_text() == (CASES / "exercise1" / "before.py").read_text()


def test_a_folder_converts_and_check_passes_with_an_intentionally_threaded_file(
    tmp_path: Path,
) -> None:
    """Review defects #53 and #54: a folder is expanded as scan expands it, and a file whose
    thread line says `# advisor: ignore` is left as is without failing --check."""
    src = tmp_path / "src"
    (src / "keep").mkdir(parents=True)
    program(src, name="a.py")
    kept = program(src / "keep", name="threaded.py")
    text = kept.read_text().replace("args=(url,))\n", "args=(url,))  # advisor: ignore[ADV201]\n")
    kept.write_text(text)
    result = run_advisor("convert", "src", "--write", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "async def main" in (src / "a.py").read_text()
    assert kept.read_text() == text
    assert "left as is (ignored)" in result.out
    check = run_advisor("convert", "src", "--check", cwd=tmp_path)
    assert check.code == 0, check.out + check.err


def test_diff_paths_apply_from_the_folder_they_are_shown_in(tmp_path: Path) -> None:
    """Review defect #33: `../x.py` and `./x.py` twice are one file, named without `..`."""
    sub = tmp_path / "sub"
    sub.mkdir()
    path = program(tmp_path)
    result = run_advisor(
        "convert", "../downloader.py", "../downloader.py", "./../downloader.py", cwd=sub
    )
    assert result.code == 0, result.err
    assert result.out.count("--- a/downloader.py\n") == 1
    assert "a/.." not in result.out
    if shutil.which("git") is not None:
        applied = subprocess.run(
            ["git", "apply", "-"],
            input=result.out,
            cwd=tmp_path,
            text=True,
            check=False,
            capture_output=True,
        )
        assert applied.returncode == 0, applied.stderr
        assert "async def main" in path.read_text()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_write_as_root_keeps_the_owner_and_the_hard_links(tmp_path: Path) -> None:
    """Review defect #6: root converting another user's file left it root's (its owner could
    no longer read it), and a second hard link kept the old text (a new inode)."""
    path = program(tmp_path)
    os.chmod(path, 0o640)
    os.chown(path, 65534, 65534)  # nobody:nogroup
    twin = tmp_path / "backup.py"
    os.link(path, twin)
    inode = path.stat().st_ino
    write = run_advisor(
        "convert", "downloader.py", "--write", "--target-version", "3.11", cwd=tmp_path
    )
    assert write.code == 0, write.err
    expected = (CASES / "exercise1" / "after.py").read_text()
    assert path.read_text() == twin.read_text() == expected
    st = path.stat()
    assert (st.st_uid, st.st_gid, oct(st.st_mode & 0o777), st.st_ino) == (
        65534,
        65534,
        "0o640",
        inode,
    )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_write_as_root_keeps_the_owner_of_a_file_with_one_name(tmp_path: Path) -> None:
    path = program(tmp_path)
    os.chown(path, 65534, 65534)
    write = run_advisor(
        "convert", "downloader.py", "--write", "--target-version", "3.11", cwd=tmp_path
    )
    assert write.code == 0, write.err
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (65534, 65534)
    assert path.read_text() == (CASES / "exercise1" / "after.py").read_text()
