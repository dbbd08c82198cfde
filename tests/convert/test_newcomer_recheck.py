"""The newcomer review's `convert` defects that a re-check found still open (#2, #29, #42,
#43, and Chinese punctuation in the change lines), driven through the installed CLI.

Fixtures are minimal programs written here, in the shape of the review's shared
`app.py`/`lib.py` (newcomer-2026-12.md, "Shared files").
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import git, run_advisor

APP = """\
import threading  # threads!
from lib import get

RESULTS = []


def worker(u):
    RESULTS.append(get(u))


def main():
    ts = [threading.Thread(target=worker, args=(u,)) for u in "abc"]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(sorted(RESULTS))


if __name__ == "__main__":
    main()
"""

LIB = """\
import time  # for the pretend download


def get(url):
    time.sleep(0.01)
    return url.upper()
"""

#: ASCII , : ; touching a Chinese character: what zh-TW prose must not print.
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff][,:;]|[,:;][\u4e00-\u9fff]")


def program(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    app, lib = folder / "app.py", folder / "lib.py"
    app.write_text(APP)
    lib.write_text(LIB)
    return app, lib


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_git_ignored_file_is_refused_for_what_it_is(tmp_path: Path) -> None:
    """#2: an ignored file has no commit; "commit or stash" would not save it."""
    app, lib = program(tmp_path)
    (tmp_path / ".gitignore").write_text("lib.py\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "app.py", ".gitignore")
    git(tmp_path, "commit", "-qm", "init")
    # English: tests/convert/test_cli.py::test_write_refuses_a_git_ignored_file
    result = run_advisor("convert", "--lang", "zh-TW", "app.py", "lib.py", "--write", cwd=tmp_path)
    assert result.code == 2
    assert result.err.count("\n") == 1, result.err
    assert "lib.py 被 git 忽略" in result.err
    assert "--force" in result.err
    assert "stash" not in result.err
    assert (app.read_text(), lib.read_text()) == (APP, LIB)


def test_a_removed_import_line_keeps_its_comment(tmp_path: Path) -> None:
    """#29: every comment of the original is in the output exactly once, also the one at
    the end of an import line the conversion removes."""
    app, lib = program(tmp_path)
    result = run_advisor("convert", "app.py", "lib.py", "--write", cwd=tmp_path)
    assert result.code == 0, result.err
    for before, path in ((APP, app), (LIB, lib)):
        after = path.read_text()
        assert "import threading" not in after
        assert "import time" not in after
        for comment in re.findall(r"#.*", before):
            assert after.count(comment) == 1, (comment, after)
    compile(app.read_text(), "app.py", "exec")


@contextlib.contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """*folder* in which no file can be created, also for root (immutable attribute)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("root without chattr writes anywhere")
    made = subprocess.run([chattr, "+i", str(folder)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("this file system has no immutable attribute")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(folder)], capture_output=True, check=False)


def test_a_failed_write_names_the_file_and_says_nothing_changed(tmp_path: Path) -> None:
    """#43: the user's file, never a temporary one, and the fact that no file changed."""
    app, _ = program(tmp_path / "ok")
    (tmp_path / "ok" / "lib.py").unlink()
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro" / "__init__.py").write_text("")
    lib = tmp_path / "ro" / "lib.py"
    lib.write_text(LIB)
    app.write_text(APP.replace("from lib import", "from ro.lib import"))
    before = app.read_text()
    with unwritable(tmp_path / "ro"):
        for lang, words in (("en", "no file was changed"), ("zh-TW", "沒有任何檔案被修改")):
            result = run_advisor(
                "convert", "--lang", lang, "ok/app.py", "ro/lib.py", "--write", cwd=tmp_path
            )
            assert result.code == 2
            assert result.err.startswith("advisor: error: ")
            assert "ro/lib.py" in result.err
            assert words in result.err
            assert ".tmp" not in result.err
    assert app.read_text() == before
    assert lib.read_text() == LIB
    assert sorted(p.name for p in (tmp_path / "ro").iterdir()) == ["__init__.py", "lib.py"]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="PEP 695 parses on this Python")
def test_newer_syntax_names_its_line_once_in_chinese(tmp_path: Path) -> None:
    """#42: the zh-TW message placed the file's line twice (`new.py:2: new.py:2: ...`)."""
    (tmp_path / "new.py").write_text(
        "import threading\ntype Num = int\n\n\ndef main():\n"
        "    t = threading.Thread(target=print)\n    t.start()\n    t.join()\n"
    )
    result = run_advisor("convert", "--lang", "zh-TW", "new.py", cwd=tmp_path)
    assert result.code == 2
    assert result.err.count("new.py:2") == 1, result.err
    assert "語法比執行 advisor 的 Python" in result.err


def test_chinese_change_lines_use_full_width_punctuation(tmp_path: Path) -> None:
    """The parts of a change line are joined with the full-width semicolon in zh-TW."""
    program(tmp_path)
    result = run_advisor("convert", "--lang", "zh-TW", "app.py", cwd=tmp_path)
    assert result.code == 0, result.err
    lines = [ln for ln in result.err.splitlines() if "ADV20" in ln]
    assert any("convert 看不到" in ln for ln in lines), result.err  # lib.py not given
    assert [ln for ln in lines if HALF_WIDTH.search(ln)] == []
