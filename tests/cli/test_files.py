"""Safe writes: nothing the user had is replaced or lost, and a doomed write fails up front."""

from __future__ import annotations

import os
import stat

import pytest

from advisor.errors import OutputError
from advisor.files import check_target, replace_files, write_new_file
from tests.helpers import run_advisor

EMIT = ["recommend", "--cpu-bound", "yes", "--free-threaded", "no"]


def leftovers(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_force_never_replaces_a_fifo(tmp_path):
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    for extra in ([], ["--force"]):
        result = run_advisor(*EMIT, "--emit", str(fifo), *extra)
        assert result.code == 2
        assert "named pipe (FIFO), not a regular file" in result.err
        assert result.err.count("\n") == 1
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


def test_force_never_replaces_a_symlink(tmp_path):
    target = tmp_path / "real.py"
    target.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    result = run_advisor(*EMIT, "--emit", str(link), "--force")
    assert result.code == 2
    assert "symbolic link" in result.err
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_force_never_replaces_a_device(device, monkeypatch):
    """In-process, with every way of replacing a file disarmed: a regression must fail this
    test, never turn the machine's /dev/null into a regular file."""

    def disarmed(*args, **kwargs):
        raise AssertionError(f"tried to replace {device}")

    for name in ("replace", "rename", "link", "unlink"):
        monkeypatch.setattr(os, name, disarmed)
    before = os.lstat(device)
    with pytest.raises(OutputError, match="not a regular file"):
        write_new_file(device, "x\n", force=True, option="--emit")
    after = os.lstat(device)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_force_never_replaces_a_link_to_dev_stdout(tmp_path):
    """`--emit /dev/stdout --force` through the CLI, on a private link to the same place."""
    link = tmp_path / "stdout.py"
    link.symlink_to("/proc/self/fd/1")
    result = run_advisor(*EMIT, "--emit", str(link), "--force")
    assert result.code == 2
    assert "not a regular file" in result.err
    assert "Traceback" not in result.err
    assert link.is_symlink()


def test_save_answers_force_refuses_a_fifo_in_traditional_chinese(tmp_path):
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    answers = tmp_path / "given.yaml"
    answers.write_text("cpu_bound: yes\nfree_threaded: no\n", encoding="utf-8")
    result = run_advisor(
        "ask", "--answers", str(answers), "--save-answers", str(fifo), "--force", "--lang", "zh-TW"
    )
    assert result.code == 2
    assert "具名管道" in result.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_force_replaces_a_regular_file_atomically(tmp_path):
    target = tmp_path / "out.py"
    target.write_text("old\n", encoding="utf-8")
    result = run_advisor(*EMIT, "--emit", str(target), "--force")
    assert result.code == 0, result.err
    assert "ProcessPoolExecutor" in target.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


def test_an_unwritable_folder_fails_before_any_work():
    result = run_advisor(*EMIT, "--emit", "/proc/self/advisor_example.py")
    assert result.code == 2
    assert result.err.startswith("advisor: error: cannot write /proc/self/advisor_example.py")
    with pytest.raises(OutputError, match="cannot write"):
        check_target("/proc/self/x.yaml", force=False, option="--save-answers")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_fails_the_check(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            check_target(locked / "x.py", force=False, option="--emit")
    finally:
        locked.chmod(0o700)


def test_check_target_passes_none_and_leaves_no_trace(tmp_path):
    check_target(None, force=False, option="--emit")
    check_target(tmp_path / "new.py", force=False, option="--emit")
    assert list(tmp_path.iterdir()) == []


def test_write_new_file_never_clobbers(tmp_path):
    target = tmp_path / "x.py"
    assert write_new_file(target, "one\n") == target
    with pytest.raises(OutputError, match="already exists"):
        write_new_file(target, "two\n")
    assert target.read_text(encoding="utf-8") == "one\n"
    write_new_file(target, "three\n", force=True)
    assert target.read_text(encoding="utf-8") == "three\n"
    assert leftovers(tmp_path) == []


def test_write_new_file_without_hard_links_still_never_clobbers(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "x.py"
    write_new_file(target, "one\n")
    assert target.read_text(encoding="utf-8") == "one\n"
    with pytest.raises(OutputError, match="already exists"):
        write_new_file(target, "two\n")
    assert leftovers(tmp_path) == []


def make(tmp_path, **files: str) -> dict[str, str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {str(tmp_path / name): text for name, text in files.items()}


def test_replace_files_rewrites_every_file(tmp_path):
    old = make(tmp_path, a="a = 1\n", b="b = 2\r\n")
    os.chmod(tmp_path / "b", 0o640)
    replace_files({path: (text, text.upper()) for path, text in old.items()})
    assert (tmp_path / "a").read_text(encoding="utf-8") == "A = 1\n"
    assert (tmp_path / "b").read_bytes() == b"B = 2\r\n"
    assert stat.S_IMODE(os.stat(tmp_path / "b").st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_replace_files_writes_nothing_when_one_file_changed_since_read(tmp_path):
    old = make(tmp_path, a="a = 1\n", b="b = 2\n")
    (tmp_path / "b").write_text("b = 3\n", encoding="utf-8")  # edited by someone meanwhile
    with pytest.raises(OutputError, match="changed since advisor read it"):
        replace_files({path: (text, "new\n") for path, text in old.items()})
    assert (tmp_path / "a").read_text(encoding="utf-8") == "a = 1\n"
    assert (tmp_path / "b").read_text(encoding="utf-8") == "b = 3\n"
    assert leftovers(tmp_path) == []


def test_replace_files_puts_back_what_it_replaced_when_one_fails(tmp_path, monkeypatch):
    old = make(tmp_path, a="a = 1\n", b="b = 2\n", c="c = 3\n")
    real_replace = os.replace
    calls = []

    def fail_on_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", dst)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_second)
    with pytest.raises(OutputError, match="No space left"):
        replace_files({path: (text, "new\n") for path, text in old.items()})
    for name, text in (("a", "a = 1\n"), ("b", "b = 2\n"), ("c", "c = 3\n")):
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    assert leftovers(tmp_path) == []


def test_replace_files_refuses_links_and_pipes(tmp_path):
    old = make(tmp_path, real="x = 1\n")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(OutputError, match="symbolic link"):
        replace_files(
            {str(tmp_path / "link"): ("x = 1\n", "y\n"), **{p: (t, "z\n") for p, t in old.items()}}
        )
    assert (tmp_path / "real").read_text(encoding="utf-8") == "x = 1\n"


def _shell_words(command: str) -> list[str]:
    """How bash splits *command* (after the program name) into arguments."""
    import subprocess

    proc = subprocess.run(
        ["bash", "-c", f"printf '%s\\0' {command}"], capture_output=True, check=True, timeout=30
    )
    return proc.stdout.decode("utf-8", "surrogateescape").split("\0")[:-1]


ODD_NAMES = ["./-", "-x.py", "my file.py", "it's.py", "a\nb.py", "ansi\x1b[2J\x1b]0;pwned\x07.py"]


@pytest.mark.skipif(os.name != "posix", reason="bash quoting")
@pytest.mark.parametrize("name", ODD_NAMES)
def test_the_run_it_with_line_is_one_line_and_runs_the_file_written(tmp_path, name):
    """`python -` reads standard input, an unquoted space splits the name, a newline or
    a terminal escape breaks (or drives) the user's terminal: the hint must be a command
    that, pasted, names exactly the file advisor wrote."""
    result = run_advisor(*EMIT, f"--emit={name}", cwd=tmp_path)
    assert result.code == 0, result.err
    (line,) = result.err.splitlines()
    assert line.isprintable()
    command = line.split("run it with: python ", 1)[1]
    (word,) = _shell_words(command)
    assert not word.startswith("-")
    assert os.path.samefile(tmp_path / word, tmp_path / name)


@pytest.mark.skipif(os.name != "posix", reason="bash quoting")
@pytest.mark.parametrize("name", ODD_NAMES[2:])
def test_saved_answers_line_names_the_file_in_one_pasteable_word(tmp_path, name):
    answers = tmp_path / "in.json"
    answers.write_text('{"cpu_bound": "no", "concurrency": 500}', encoding="utf-8")
    target = f"{name}.json"
    result = run_advisor(
        "ask", "--answers", str(answers), "--format", "json", f"--save-answers={target}",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 0, result.err
    (line,) = [x for x in result.err.splitlines() if x.startswith("saved answers to ")]
    assert all(x.isprintable() for x in result.err.splitlines())
    (word,) = _shell_words(line.split("saved answers to ", 1)[1])
    assert os.path.samefile(tmp_path / word, tmp_path / target)
