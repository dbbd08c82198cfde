"""`advisor.codemod.apply`: --write is all or nothing and respects uncommitted work; every
refusal reason is documented."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import advisor
from advisor.codemod import apply
from advisor.codemod.rules import refusal_reasons
from advisor.errors import AdvisorError, ConvertError
from tests.helpers import FIXTURES, ROOT, git

CASES = FIXTURES / "convert"


def two_programs(folder: Path) -> list[Path]:
    paths = []
    for name in ("exercise1", "worker_pool"):
        path = folder / f"{name}.py"
        shutil.copy(CASES / name / "before.py", path)
        paths.append(path)
    return paths


def test_write_replaces_every_file(tmp_path: Path) -> None:
    paths = two_programs(tmp_path)
    result = advisor.convert(paths, target_version="3.11")
    assert apply.write(result) == [str(p) for p in paths]
    for path, name in zip(paths, ("exercise1", "worker_pool"), strict=True):
        assert path.read_text() == (CASES / name / "after.py").read_text()
    assert not advisor.convert(paths, target_version="3.11").changed  # idempotent


def test_a_failure_in_the_middle_leaves_every_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = two_programs(tmp_path)
    before = [p.read_text() for p in paths]
    result = advisor.convert(paths, target_version="3.11")
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):  # the second file cannot be put in place
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(AdvisorError, match="No space left"):
        apply.write(result)
    monkeypatch.undo()
    assert [p.read_text() for p in paths] == before
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in paths)  # no temp files left


def test_a_file_edited_after_reading_is_not_overwritten(tmp_path: Path) -> None:
    paths = two_programs(tmp_path)
    result = advisor.convert(paths, target_version="3.11")
    paths[1].write_text(paths[1].read_text() + "# edited meanwhile\n")
    with pytest.raises(AdvisorError, match="changed since"):
        apply.write(result)
    assert paths[0].read_text() == result.files[0].before


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_uncommitted_changes_are_refused_unless_forced(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    paths = two_programs(tmp_path)
    git(tmp_path, "add", paths[0].name)
    git(tmp_path, "commit", "-qm", "first")
    # paths[1] is untracked: not committed either
    result = advisor.convert(paths, target_version="3.11")
    with pytest.raises(ConvertError, match=r"worker_pool\.py: uncommitted changes") as info:
        apply.write(result)
    assert info.value.exit_code == 2
    assert paths[0].read_text() == result.files[0].before  # nothing written at all
    git(tmp_path, "add", paths[1].name)
    git(tmp_path, "commit", "-qm", "second")
    paths[0].write_text(paths[0].read_text() + "\n")
    result = advisor.convert(paths, target_version="3.11")
    with pytest.raises(ConvertError, match=r"exercise1\.py"):
        apply.write(result)
    assert apply.write(result, force=True) == [str(p) for p in paths]


def test_outside_git_writing_is_allowed(tmp_path: Path) -> None:
    assert apply.uncommitted([str(tmp_path / "x.py")]) == []


def test_every_refusal_reason_is_documented() -> None:
    """A refusal's reason is what a user searches convert's manual page for when convert leaves code
    as it was. (The rules themselves: tests/meta/test_rules_documented.py.)"""
    readme = (ROOT / "docs" / "commands" / "convert.md").read_text(encoding="utf-8")
    for reason in refusal_reasons():
        assert f"`{reason}`" in readme, reason


def test_one_blocking_table_with_convert_kinds() -> None:
    """Convert reads the linter's blocking-call table: every call there has convert's kind
    (its own, or handle for an object whose methods block), and convert keeps no copy."""
    from advisor import yamlio
    from advisor.codemod.rules import DATA_DIR, sync_table
    from advisor.lint._data import bundle

    calls = bundle()["blocking"]["calls"]
    for name, entry in calls.items():
        if "()" in name:
            assert "kind" not in entry, name
        else:
            assert entry["kind"] in ("call", "handle", "sleep"), name
    kinds = sync_table().blocking
    assert {name for name in calls if "()" not in name} <= kinds.keys()
    assert kinds["time.sleep"] == "sleep"
    assert kinds["requests.get"] == "call"
    assert kinds["sqlite3.connect"] == "handle"
    assert kinds["requests.Session"] == "handle"  # only in `requests.Session().get` & co.
    assert not any("()" in name for name in kinds)
    assert "blocking" not in yamlio.load_data(str(Path(DATA_DIR) / "sync_calls.yaml"))


def test_readme_shows_the_real_diff(tmp_path: Path) -> None:
    """The exercise-1 diff in docs/commands/convert.md is what `advisor convert` prints today."""
    readme = (ROOT / "docs" / "commands" / "convert.md").read_text(encoding="utf-8")
    start = readme.index("```diff\n", readme.index("The chapter's exercise 1 becomes")) + 8
    shown = readme[start : readme.index("```\n", start)]
    path = tmp_path / "downloader.py"
    shutil.copy(CASES / "exercise1" / "before.py", path)
    diff = apply.unified_diff(advisor.convert([path], target_version="3.11").files[0])
    hunk_lines = [line for line in diff.splitlines(keepends=True)[2:] if not line.startswith("@@")]
    assert shown == "".join(hunk_lines)


def test_ctrl_c_right_after_a_replacement_restores_every_file(tmp_path: Path, monkeypatch) -> None:
    """Review defect #3: a KeyboardInterrupt that lands just after os.replace returned (where
    the replace loop spends its time) must still put that file back."""
    paths = two_programs(tmp_path)
    result = advisor.convert(paths, target_version="3.11")
    real_replace = os.replace

    def replace_then_interrupt(src: str, dst: str) -> None:
        real_replace(src, dst)
        if not dst.endswith(".tmp") and not os.path.basename(src).startswith("tmp"):
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        apply.write(result)
    monkeypatch.setattr(os, "replace", real_replace)
    for path, converted in zip(paths, result.files, strict=True):
        assert path.read_text() == converted.before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def test_a_write_error_names_the_users_file(tmp_path: Path, monkeypatch) -> None:
    """Review defect #43: the message is about the file the user named, not a temp file."""
    from advisor.errors import OutputError

    paths = two_programs(tmp_path)
    result = advisor.convert(paths, target_version="3.11")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied", src)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError) as info:
        apply.write(result)
    message = str(info.value)
    assert f"cannot write {paths[0]}:" in message
    assert ".tmp" not in message
    for path, converted in zip(paths, result.files, strict=True):
        assert path.read_text() == converted.before


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    """Review defect #5: a ``chmod 444`` file was replaced (even as root); like black and
    ruff --fix, --write now leaves it alone and says so, unless --force."""
    paths = two_programs(tmp_path)
    paths[1].chmod(0o444)
    before = [p.read_text() for p in paths]
    result = advisor.convert(paths, target_version="3.11")
    with pytest.raises(ConvertError) as caught:
        apply.write(result)
    assert "read-only" in str(caught.value)
    assert "worker_pool.py" in str(caught.value)
    assert [p.read_text() for p in paths] == before  # all or nothing: neither was written
    assert apply.write(result, force=True) == [str(p) for p in paths]
    assert os.stat(paths[1]).st_mode & 0o777 == 0o444  # the mode is kept
