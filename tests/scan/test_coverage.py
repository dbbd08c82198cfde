"""`advisor scan` never skips silently (issue 17), and the newcomer review's scan defects, driven
through the installed CLI in a subprocess and checked on what the user sees: the line, the
exit code, both languages.

The newer-syntax tests run on whatever Python runs the suite; on the oldest supported one
(3.11) they are the proof that 3.12+ files are checked rather than skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT, Result, clean_env, run_advisor

BLOCKING = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"

#: Valid Python 3.12-3.14 that 3.11's `ast` rejects, each with a seeded blocking call.
NEWER = {
    "pep695_alias.py": (
        "import time\n\ntype Pair[T] = tuple[T, T]\n\n\nasync def handler():\n    time.sleep(1)\n",
        7,
    ),
    "pep695_generics.py": (
        "import time\n\n\nclass Box[T: (int, str)]:\n    async def get[U](self, x: U) -> U:\n"
        "        time.sleep(1)\n        return x\n",
        6,
    ),
    "pep695_multiline.py": (
        "import time\n\n\ndef first[\n    T,\n    *Ts,\n](x: T) -> T:\n    return x\n\n\n"
        "async def handler():\n    time.sleep(1)\n",
        12,
    ),
    "pep701_fstring.py": (
        'import time\n\n\nasync def handler(items):\n    label = f"{", ".join(items)}"\n'
        '    other = f"{\n        items  # a comment\n    }"\n    time.sleep(1)\n',
        9,
    ),
    "pep701_inline.py": (
        "import time\n\n\nasync def handler(items):\n"
        "    text = f\"{'\\n'.join(items)}\"; time.sleep(1)\n",
        5,
    ),
    "pieces.py": (
        '"""A docstring whose lines start at column 0:\nclass Fake[T]:\n    pass\n"""\n'
        "import functools\nimport time\n\nitems = [\n1,\n]\n\n\n@functools.total_ordering\n"
        "class Box[T]:\n    async def get(self):\n        time.sleep(1)\n\n\n"
        "if items:\n    type Alias = int\nelse:\n    pass\n",
        16,
    ),
    # Type parameters on their own lines, then `(` and a line break before the bases or
    # parameters (a shape of Home Assistant 2026.11's integrations, 15 files then unchecked).
    "pep695_broken_bases.py": (
        "import time\n\n\nclass Entity[\n    T: int,\n](\n    Base,\n):\n    pass\n\n\n"
        "def make[\n    T,\n](\n    x: T,\n) -> T:\n    return x\n\n\n"
        "async def handler():\n    time.sleep(1)\n",
        21,
    ),
    # A PEP 701 f-string inside a parenthesised concatenation spread over lines: the call in it
    # is reported on its own line.
    "pep701_concatenated.py": (
        "import time\n\n\nasync def handler(tunnel, secure):\n    label = (\n"
        '        f"{tunnel}"\n        f"{\n            time.sleep(1)\n            if secure\n'
        "            else ''\n        }\"\n    )\n",
        8,
    ),
    "pep758_except.py": (
        "import time\n\n\nasync def handler():\n    try:\n        pass\n"
        "    except ValueError, TypeError:\n        pass\n    time.sleep(1)\n",
        9,
    ),
}


def scan(cwd: Path, *argv: str, stdin: str | None = None, lang: str = "en") -> Result:
    env = clean_env(ADVISOR_CACHE_DIR=str(cwd.parent / "cache"))
    argv = (*argv, "--lang", lang)
    if stdin is None:
        return run_advisor("scan", *argv, env=env, cwd=cwd)
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "scan", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "proj"
    folder.mkdir()
    return folder


# ---- newer syntax -----------------------------------------------------------------------------
def test_newer_syntax_is_checked_and_the_seeded_bug_found(root: Path) -> None:
    for name, (text, _) in NEWER.items():
        (root / name).write_text(text, encoding="utf-8")
    result = scan(root, "--format", "json")
    data = json.loads(result.out)
    assert result.code == 1, result.err
    assert data["skipped"] == []
    assert data["unchecked"] == 0
    assert data["checked"] == len(NEWER)
    found = {(f["path"], f["line"], f["code"]) for f in data["findings"]}
    assert found == {(name, line, "ADV101") for name, (_, line) in NEWER.items()}


def test_newer_syntax_keeps_columns_where_it_can(root: Path) -> None:
    (root / "inline.py").write_text(NEWER["pep701_inline.py"][0], encoding="utf-8")
    result = scan(root, "--format", "plain")
    assert result.out.startswith("inline.py:5:35: ADV101 blocking call `time.sleep`")


def test_a_real_syntax_error_is_still_a_syntax_error(root: Path) -> None:
    (root / "app.py").write_text(BLOCKING, encoding="utf-8")
    (root / "bad.py").write_text("import time\nasync def f(:\n    time.sleep(1)\n", "utf-8")
    result = scan(root, "--format", "plain")
    assert result.code == 1
    assert "advisor: skipped bad.py: cannot parse: line 2" in result.err


# ---- never skip silently -----------------------------------------------------------------------
@pytest.fixture
def unparseable(root: Path) -> Path:
    (root / "a.py").write_text("import asyncio\nasync def f(:\n", encoding="utf-8")
    (root / "b.py").write_text("import asyncio\ndef g(:\n", encoding="utf-8")
    return root


def test_nothing_checked_exits_2_with_one_clear_line(unparseable: Path) -> None:
    for fmt in ("plain", "rich"):
        result = scan(unparseable, "--format", fmt)
        assert result.code == 2, fmt
        assert "No problems found" not in result.out
        last = result.err.splitlines()[-1]
        assert last.startswith("advisor: error: nothing was checked: none of the 2 file(s)")
    zh = scan(unparseable, "--format", "plain", lang="zh-TW")
    assert zh.code == 2
    assert zh.err.splitlines()[-1].startswith("advisor: error: 沒有檢查任何檔案：找到的 2 個檔案")


def test_nothing_checked_in_json_sarif_and_github(unparseable: Path) -> None:
    data = json.loads((result := scan(unparseable, "--format", "json")).out)
    assert result.code == 2
    assert (data["checked"], data["unchecked"], data["files"]) == (0, 2, 2)
    assert {s["kind"] for s in data["skipped"]} == {"syntax_error"}
    sarif = json.loads((result := scan(unparseable, "--format", "sarif")).out)
    assert result.code == 2
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning", "warning", "error"]
    assert notes[-1]["message"]["text"] == (
        "2 of 2 file(s) could not be checked, so their code was not looked at."
    )
    github = scan(unparseable, "--format", "github")
    assert github.code == 2
    lines = github.out.splitlines()
    assert lines[0].startswith(
        "::warning file=a.py,line=2,col=13,title=advisor scan::skipped a.py: cannot parse"
    )  # on the syntax error's line and column (newcomer review 20)
    assert lines[-1] == (
        "::error title=advisor scan::2 of 2 file(s) could not be checked, so their code was "
        "not looked at."
    )


def test_some_unchecked_are_counted_and_findings_decide_the_exit(unparseable: Path) -> None:
    (unparseable / "app.py").write_text(BLOCKING, encoding="utf-8")
    plain = scan(unparseable, "--format", "plain")
    assert plain.code == 1
    assert plain.err.splitlines()[-1] == (
        "advisor: 2 of 3 file(s) could not be checked, so their code was not looked at."
    )
    rich = scan(unparseable, "--format", "rich", lang="zh-TW")
    assert "3 個檔案中有 2 個無法檢查" in rich.out
    sarif = json.loads(scan(unparseable, "--format", "sarif").out)
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is False
    (unparseable / "a.py").unlink()
    (unparseable / "b.py").unlink()
    clean = json.loads(scan(unparseable, "--format", "sarif").out)
    assert clean["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_no_python_file_is_not_a_clean_scan(root: Path) -> None:
    """Newcomer #52: an empty folder, or a typo'd one without .py files."""
    (root / "docs").mkdir()
    (root / "docs" / "readme.md").write_text("# hi\n", encoding="utf-8")
    result = scan(root, "docs")
    assert result.code == 2
    assert result.err == (
        "advisor: error: docs: no Python files found; check the path, its .gitignore (the "
        "files it ignores are skipped, as are virtual environments and site-packages), and "
        "the --exclude and [tool.advisor] exclude settings\n"
    )
    zh = scan(root, "docs", lang="zh-TW")
    assert zh.code == 2
    assert "docs: 找不到任何 Python 檔案" in zh.err
    named = scan(root, "docs/readme.md", "--format", "plain")
    assert named.code == 2
    assert "advisor: skipped docs/readme.md: not a Python file (.md)" in named.err


# ---- exclude -------------------------------------------------------------------------------
def test_the_shipped_pre_commit_hook_honours_exclude(root: Path) -> None:
    """Newcomer #16: pre-commit names each file; an excluded folder stays excluded."""
    (root / "migrations").mkdir()
    (root / "migrations" / "m1.py").write_text(BLOCKING, encoding="utf-8")
    (root / "app.py").write_text(BLOCKING.replace("handler", "other"), encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.advisor]\nexclude = ["migrations"]\n', encoding="utf-8"
    )
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = hook["entry"].split()
    assert entry[:2] == ["advisor", "scan"]
    both = scan(root, *entry[2:], "migrations/m1.py", "app.py")
    assert both.code == 1
    assert both.out.splitlines() == [
        "app.py:5:5: ADV101 blocking call `time.sleep` inside `async def` stalls the event "
        "loop; use `await asyncio.sleep(...)`"
    ]
    only_excluded = scan(root, *entry[2:], "migrations/m1.py")
    assert (only_excluded.code, only_excluded.out) == (0, "")
    assert "1 path(s) are excluded by --exclude or [tool.advisor] exclude" in only_excluded.err
    flag = scan(root, "--exclude", "app.py", "app.py", "--format", "plain")
    assert (flag.code, flag.out) == (0, "")


def test_a_glob_star_stays_inside_one_folder(root: Path) -> None:
    """Newcomer #26: `sub/*.py` is not `sub/deep/c.py`, as in .gitignore and ruff."""
    (root / "sub" / "deep").mkdir(parents=True)
    (root / "sub" / "a.py").write_text(BLOCKING, encoding="utf-8")
    (root / "sub" / "deep" / "c.py").write_text(BLOCKING, encoding="utf-8")
    (root / "clean.py").write_text("x = 1\n", encoding="utf-8")  # excluding all is exit 2
    result = scan(root, "--exclude", "sub/*.py", "--format", "plain")
    assert result.code == 1
    assert [line.split(":")[0] for line in result.out.splitlines()] == ["sub/deep/c.py"]
    deep = scan(root, "--exclude", "sub/**/*.py", "--format", "plain")
    assert (deep.code, deep.out) == (0, "")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_linked_file_is_reported_under_its_real_name(root: Path) -> None:
    """Newcomer #20: `aaa.py -> zzz.py` reported only as aaa.py; zzz.py disappeared."""
    (root / "zzz.py").write_text(BLOCKING, encoding="utf-8")
    (root / "aaa.py").symlink_to(root / "zzz.py")
    result = scan(root, "--format", "plain")
    assert [line.split(":")[0] for line in result.out.splitlines()] == ["zzz.py"]


# ---- selections and configuration ---------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "config", "start"),
    [
        (["--ignore", "ADV1"], None, "advisor: error: --ignore: no rule is left to check"),
        (
            ["--select", "ADV101", "--ignore", "ADV101"],
            None,
            "advisor: error: --select and --ignore: no rule is left to check",
        ),
        ([], 'ignore = ["ADV"]', "ignore: no rule is left to check"),
        ([], "select = []", 'select names no rule; write select = ["ADV1"]'),
    ],
)
def test_selections_that_check_nothing_are_refused(
    root: Path, argv: list[str], config: str | None, start: str
) -> None:
    """Newcomer #50 (ignore everything) and #38 (the garbled `select = []` message)."""
    (root / "app.py").write_text(BLOCKING, encoding="utf-8")
    if config:
        (root / "pyproject.toml").write_text(f"[tool.advisor]\n{config}\n", encoding="utf-8")
    result = scan(root, *argv)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert start in result.err
    assert "ADV1, or leave" not in result.err  # #38: the location pasted into the example
    zh = scan(root, *argv, lang="zh-TW")
    assert zh.code == 2
    assert "Traceback" not in zh.err
    assert "沒有剩下任何要檢查的規則" in zh.err or "沒有指定任何規則" in zh.err


def test_pyproject_that_would_be_ignored_silently_is_refused(root: Path) -> None:
    """Newcomer #51: a UTF-16 pyproject.toml, and `[tool] advisor = 5`."""
    (root / "app.py").write_text(BLOCKING, encoding="utf-8")
    (root / "pyproject.toml").write_bytes('[tool.advisor]\nignore = ["ADV101"]\n'.encode("utf-16"))
    encoded = scan(root)
    assert encoded.code == 2
    assert "pyproject.toml: cannot read: not UTF-8 (byte 0); TOML files are UTF-8" in encoded.err
    (root / "pyproject.toml").write_text("[tool]\nadvisor = 5\n", encoding="utf-8")
    number = scan(root)
    assert number.code == 2
    assert "pyproject.toml: [tool.advisor] must be a table" in number.err


# ---- SARIF -------------------------------------------------------------------------------------
def test_sarif_uri_of_a_root_file_with_a_colon(root: Path) -> None:
    """Newcomer #19: `c:z.py` read as a URI with scheme `c`."""
    (root / "c:z.py").write_text(BLOCKING, encoding="utf-8")
    doc = json.loads(scan(root, "--format", "sarif").out)
    location = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "c%3Az.py"


# ---- stdin ---------------------------------------------------------------------------------
def test_scan_stdin_for_editors(root: Path) -> None:
    """Newcomer #60: `advisor scan - --stdin-filename PATH` checks an unsaved buffer."""
    (root / "src").mkdir()
    result = scan(root, "-", "--stdin-filename", "src/app.py", "--format", "plain", stdin=BLOCKING)
    assert result.code == 1
    assert result.out.startswith("src/app.py:5:5: ADV101 blocking call `time.sleep`")
    clean = scan(root, "-", "--format", "json", stdin="x = 1\n")
    assert clean.code == 0
    assert json.loads(clean.out)["checked"] == 1
    (root / "pyproject.toml").write_text('[tool.advisor]\nexclude = ["src"]\n', encoding="utf-8")
    excluded = scan(
        root, "-", "--stdin-filename", "src/app.py", "--format", "plain", stdin=BLOCKING
    )
    assert (excluded.code, excluded.out) == (0, "")
    mixed = scan(root, "-", "src", stdin=BLOCKING)
    assert mixed.code == 2
    assert mixed.err == (
        "advisor: error: `-` (read stdin) cannot be combined with other paths; scan them in "
        "another run\n"
    )
    readme = scan(root, "-", "--stdin-filename", "README.md", stdin="# Title\n\nSome *text*\n")
    assert readme.code == 2  # refused as `advisor scan README.md` is, never parsed as Python
    assert "skipped README.md: not a Python file (.md)" in readme.err
    assert "cannot parse" not in readme.err
    alone = scan(root, "--stdin-filename", "x.py", lang="zh-TW")
    assert alone.code == 2
    assert "--stdin-filename 是從標準輸入讀取的內容的檔名" in alone.err


# ---- configuration hierarchy, help -------------------------------------------------------------
def test_each_file_follows_its_nearest_configuration(root: Path) -> None:
    """Newcomer #25: `scan` from the root and `scan sub/x.py` (pre-commit) must agree."""
    (root / "sub").mkdir()
    (root / "a.py").write_text(BLOCKING, encoding="utf-8")
    (root / "sub" / "x.py").write_text(BLOCKING, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.advisor]\nignore = ["ADV101"]\n', "utf-8")
    (root / "sub" / "pyproject.toml").write_text('[tool.advisor]\nselect = ["ADV101"]\n', "utf-8")
    whole = scan(root, "--format", "plain")
    named = scan(root, "a.py", "sub/x.py", "--format", "plain")
    assert whole.code == named.code == 1
    assert [line.split(":")[0] for line in whole.out.splitlines()] == ["sub/x.py"]
    assert named.out == whole.out


def test_scan_help_shows_the_recommend_options(root: Path) -> None:
    """Newcomer #48: --tree, --answers, --emit and the answer flags were hidden."""
    for lang, words in (("en", "with --recommend one of"), ("zh-TW", "搭配 --recommend 時為")):
        shown = scan(root, "--help", lang=lang)
        assert shown.code == 0
        text = " ".join(shown.out.split())
        for option in ("--tree", "--answers", "--template", "--emit", "--force", "--cpu-bound"):
            assert option in text
        assert "rich, plain, json, github, sarif" in text
        assert words in text
        assert "markdown" in text
    wrong = scan(root, "--recommend", "--format", "sarif")
    assert wrong.code == 2
    assert "choose from 'rich', 'plain', 'json', 'markdown'" in wrong.err


# ---- scan --recommend -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("notebook", "reason"),
    [
        ({"cells": [{"cell_type": "code", "source": [1, 2]}]}, "code cell 1 has a source"),
        ({"cells": [{"cell_type": "code", "source": [["import time"]]}]}, "code cell 1 has"),
        ({"cells": [1, 2]}, "a cell is not an object"),
        (
            {
                "metadata": {"kernelspec": {"language": "R", "name": "ir"}},
                "cells": [{"cell_type": "code", "source": "x <- 1"}],
            },
            "a notebook in R, not Python",
        ),
    ],
)
def test_recommend_on_odd_notebooks_says_why(root: Path, notebook: object, reason: str) -> None:
    """Newcomer #36 (a traceback, exit 3) and #45 ("no Python files found" for a notebook)."""
    (root / "nb.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    answers = ("--cpu-bound", "no", "--concurrency", "5", "--shared-memory", "no")
    result = scan(root, "--recommend", *answers, "nb.ipynb")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "nb.ipynb: cannot read:" in result.err
    assert reason in result.err
    zh = scan(root, "--recommend", *answers, "nb.ipynb", lang="zh-TW")
    assert zh.code == 2
    assert "無法讀取" in zh.err


THREADED = """\
import threading

import requests


class Crawler:
    def __init__(self):
        self.lock = threading.Lock()
        self.seen = set()

    def fetch(self, url):
        requests.get(url)
        with self.lock:
            self.seen.add(url)

    def run(self, urls):
        threads = [threading.Thread(target=self.fetch, args=(u,)) for u in urls]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


if __name__ == "__main__":
    Crawler().run(["a", "b"])
"""


def test_recommend_evidence_wording_and_status(root: Path) -> None:
    """Newcomer #23 ("module-level self.seen") and #22 ("overridden" by the same answer)."""
    (root / "crawler.py").write_text(THREADED, encoding="utf-8")
    answers = ("--cpu-bound", "no", "--concurrency", "5", "--program", "script")
    result = scan(root, "--recommend", *answers, "--format", "json")
    assert result.code == 0, result.err
    evidence = json.loads(result.out)["evidence"]
    reasons = [e["reason"] for e in evidence["shared_memory"]["evidence"]]
    assert reasons == [
        "fetch modifies self.seen, shared by every call on that object, under a lock"
    ]
    assert evidence["program"]["status"] == "confirmed"
    assert evidence["program"]["overridden_by"] is None
    text = scan(root, "--recommend", *answers, "--format", "plain", lang="zh-TW")
    assert "fetch 在鎖的保護下修改 self.seen" in text.out
    assert "模組層級的 self.seen" not in text.out


def test_one_finding_per_rule_and_place(root: Path) -> None:
    """Newcomer #34: `subprocess.Popen([...]).wait()` was reported twice at one line:col."""
    (root / "app.py").write_text(
        "import subprocess\n\n\nasync def run():\n    subprocess.Popen(['ls']).wait()\n",
        encoding="utf-8",
    )
    result = scan(root, "--format", "plain")
    assert result.code == 1
    assert result.out.splitlines() == [
        "app.py:5:5: ADV101 blocking call `subprocess.Popen().wait` inside `async def` stalls "
        "the event loop; use `await asyncio.create_subprocess_exec(...)` and `await proc.wait()`"
    ]


def test_libcst_is_loaded_only_for_newer_syntax(root: Path) -> None:
    """The fallback parser costs nothing on code in the running Python's syntax."""
    (root / "app.py").write_text(BLOCKING, encoding="utf-8")
    code = (
        "import sys, advisor\n"
        "advisor.scan([sys.argv[1]], config=False, cache=False)\n"
        "print('libcst' in sys.modules)\n"
    )
    env = clean_env()
    loaded = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, env=env, check=True
    )
    assert loaded.stdout == "False\n"
    (root / "new.py").write_text(NEWER["pep695_alias.py"][0], encoding="utf-8")
    loaded = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, env=env, check=True
    )
    expected = "False" if sys.version_info >= (3, 12) else "True"
    assert loaded.stdout == f"{expected}\n"


def test_recommend_does_not_read_markdown_as_python(root: Path) -> None:
    """Newcomer #52: `scan --recommend txt/readme.md` parsed Markdown as Python."""
    (root / "txt").mkdir()
    (root / "txt" / "readme.md").write_text("# Notes\n\nimport this\n", encoding="utf-8")
    answers = ("--cpu-bound", "no", "--concurrency", "5", "--shared-memory", "no")
    result = scan(root, "--recommend", *answers, "txt/readme.md")
    assert result.code == 2
    assert "txt/readme.md: not a Python file (.md)" in result.err
    assert "name .py files or notebooks, or a folder to search" in result.err
    zh = scan(root, "--recommend", *answers, "txt/readme.md", lang="zh-TW")
    assert "不是 Python 檔案（.md）" in zh.err
