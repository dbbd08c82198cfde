"""What a new user of `advisor scan` and `scan --recommend` saw, re-checked on main (review
2026-12, the hostile new-user pass): each test drives the installed CLI in a subprocess on
files written here and checks what the user reads and the exit code.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.helpers import run_advisor

#: A sequential downloader: the code answers --cpu-bound and --async-libs, and nothing says
#: how many requests are in flight or whether state is shared: answers that only size the
#: threading result, which `scan --recommend` assumes.
DOWNLOADER = """\
import json
import sys
import urllib.request


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def main(urls):
    for u in urls:
        print(u, len(fetch(u)))


if __name__ == "__main__":
    main(sys.argv[1:])
"""


def _command(line: str, prefix: str) -> list[str]:
    """The `advisor ...` words of the line that starts with *prefix*, ready to run again."""
    words = shlex.split(line.split(prefix, 1)[1])
    assert words[:2] == ["advisor", "recommend"], line
    return words[1:]


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_the_commands_scan_recommend_prints_repeat_the_result(tmp_path: Path, lang: str) -> None:
    """`scan --recommend` recommended threading while --concurrency and --shared-memory only
    sized the result, then printed "Repeat this: advisor recommend ..." and "Save it: ...
    --emit" lines without them: copied, both exited 2 ("missing answer for --concurrency")."""
    (tmp_path / "fetch.py").write_text(DOWNLOADER)
    result = run_advisor(
        "scan", ".", "--recommend", "--format", "plain", "--lang", lang, cwd=tmp_path
    )
    assert result.code == 0, result.err
    model = result.out.splitlines()[0].split()[-1]
    repeat_prefix = "Repeat this: " if lang == "en" else "重現這個結果："
    save_prefix = "Save it: " if lang == "en" else "儲存範本："
    repeat = next(line for line in result.err.splitlines() if line.startswith(repeat_prefix))
    save = next(line for line in result.out.splitlines() if save_prefix in line)
    assert "--concurrency 100" in repeat
    again = run_advisor(*_command(repeat, repeat_prefix), "--format", "plain", cwd=tmp_path)
    assert again.code == 0, again.err
    assert again.out.splitlines()[0].split()[-1] == model
    saved = run_advisor(*_command(save, save_prefix), cwd=tmp_path)
    assert saved.code == 0, saved.err
    assert (tmp_path / "threading_example.py").is_file()
    if lang == "zh-TW":  # a list in Chinese prose is joined with the enumeration comma
        assert re.search(r"--concurrency、--shared-memory", result.err)


@pytest.mark.parametrize("readme", ["README.md", "README.zh-TW.md"])
def test_the_readme_library_example_says_the_model_it_returns(readme: str) -> None:
    """The README's "library in ten lines" said `rec.model == "asyncio"` next to the very answers the
    README's first example shows recommending threading; run the line and compare."""
    import subprocess
    import sys

    from tests.helpers import clean_env

    text = (Path(__file__).parents[2] / readme).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("rec = advisor.recommend("))
    code, _, comment = line.partition("#")
    claimed = re.search(r'rec\.model == "([^"]+)"', comment)
    assert claimed is not None, line
    proc = subprocess.run(
        [sys.executable, "-c", f"import advisor\n{code}\nprint(rec.model)"],
        capture_output=True, text=True, env=clean_env(), timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == claimed.group(1)


@pytest.mark.parametrize(
    ("lang", "fix"),
    [("en", "save it as UTF-8"), ("zh-TW", "請以 UTF-8 儲存")],
)
@pytest.mark.parametrize("recommend", [False, True])
def test_a_latin_1_file_is_named_with_its_fix(
    tmp_path: Path, lang: str, fix: str, recommend: bool
) -> None:
    """A Latin-1 file (an editor's old default) was "cannot decode: not valid utf-8 at byte
    20", with nothing a user could do; a UTF-16 file was told to be saved as UTF-8."""
    (tmp_path / "latin.py").write_bytes(
        b"import asyncio\n# caf\xe9\n\n\nasync def f():\n    import time\n    time.sleep(1)\n"
    )
    argv = ("--recommend",) if recommend else ()
    result = run_advisor("scan", ".", *argv, "--lang", lang, cwd=tmp_path)
    assert result.code == 2
    assert "latin.py" in result.err
    assert fix in result.err
    assert "coding: latin-1" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("prefix", ["", "async def g():\n    pass\n"])
def test_a_finding_on_a_very_long_line_shows_a_bounded_snippet(tmp_path: Path, prefix: str) -> None:
    """A finding at column 20,013 of a minified line printed all 20,000 characters of it in
    the rich report, then a caret line as long: one finding filled the terminal."""
    long_line = '    x = "' + "x" * 20_000 + '"; time.sleep(1)\n'
    (tmp_path / "m.py").write_text(f"import time\n{prefix}\n\nasync def f():\n{long_line}")
    result = run_advisor("scan", "m.py", "--format", "rich", cwd=tmp_path)
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) < 200
    source = next(line for line in lines if "│ …" in line)
    caret = lines[lines.index(source) + 1]
    assert source.endswith('"; time.sleep(1)')
    assert source[caret.index("^") :].startswith("time.sleep")


@pytest.mark.parametrize("named", ["src", "src/", "./src"])
@pytest.mark.parametrize("fmt", ["plain", "sarif"])
def test_a_named_folder_excluded_whole_checks_nothing_and_says_so(
    tmp_path: Path, named: str, fmt: str
) -> None:
    """`advisor scan src` in CI under `exclude = ["*"]` (or `exclude = ["src"]`) checked
    nothing and exited 0 with SARIF "executionSuccessful": true, though the docs say such an
    exclude is refused; `advisor scan .` was. Only a named *file* excluded is on purpose
    (pre-commit names files), and that still exits 0."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text("import time\n\n\nasync def f():\n    time.sleep(1)\n")
    (tmp_path / "pyproject.toml").write_text('[tool.advisor]\nexclude = ["*"]\n')
    result = run_advisor("scan", named, "--format", fmt, cwd=tmp_path)
    assert result.code == 2
    assert "excluded" in result.err
    assert "Traceback" not in result.err
    if fmt == "sarif":
        assert '"executionSuccessful": false' in result.out
    file_named = run_advisor("scan", "src/a.py", "--format", fmt, cwd=tmp_path)
    assert file_named.code == 0, file_named.err


@pytest.mark.parametrize(("lang", "words"), [("C.UTF-8", "Ctrl-D"), ("zh_TW.UTF-8", "按 Ctrl-D")])
def test_scan_dash_at_a_terminal_says_it_reads_the_code_from_there(
    tmp_path: Path, lang: str, words: str
) -> None:
    """`advisor scan -` typed at a terminal (the editor's form, without the pipe) waited for
    input with nothing on the screen, as if it hung; now it says what it waits for, and the
    code typed is checked when Ctrl-D ends it."""
    pexpect = pytest.importorskip("pexpect")
    from tests.helpers import ANSI, spawn

    child = spawn(
        "scan", "-", "--stdin-filename", "x.py", "--format", "plain", lang=lang, tmp_path=tmp_path
    )
    try:
        child.expect(words)
        for line in ("import time", "async def f():", "    time.sleep(1)"):
            child.sendline(line)
        child.sendeof()
        child.expect(pexpect.EOF, timeout=30)
        seen = ANSI.sub("", child.before)
    finally:
        child.close(force=True)
    assert "x.py:3:5: ADV101" in seen
    assert child.exitstatus == 1


@pytest.mark.parametrize(("lang", "fix"), [("en", "fix: "), ("zh-TW", "修正：")])
def test_the_rich_report_puts_the_fix_on_its_own_line_in_both_languages(
    tmp_path: Path, lang: str, fix: str
) -> None:
    """In English each finding had its "fix:" line; in zh-TW the message is joined to its
    fix with a full-width "；", which the renderer did not split: no "修正" line at all."""
    (tmp_path / "a.py").write_text("import time\n\n\nasync def f():\n    time.sleep(1)\n")
    result = run_advisor("scan", "a.py", "--format", "rich", "--lang", lang, cwd=tmp_path)
    assert result.code == 1, result.err
    fixes = [line.strip() for line in result.out.splitlines() if line.strip().startswith(fix)]
    assert len(fixes) == 1
    assert "asyncio.sleep" in fixes[0]
    head = next(line for line in result.out.splitlines() if "ADV101" in line)
    assert "asyncio.sleep" not in head


@pytest.mark.parametrize("recommend", [False, True])
def test_a_notebook_in_another_language_is_named_as_its_kernel_spells_it(
    tmp_path: Path, recommend: bool
) -> None:
    """An R notebook was "a notebook in r, not Python"; a kernel that writes "Python" is
    still Python and checked."""
    import json

    def notebook(language: str, source: str) -> str:
        cell = {"cell_type": "code", "source": source, "metadata": {}, "outputs": []}
        meta = {"kernelspec": {"language": language, "name": language.lower()}}
        return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": meta, "cells": [cell]})

    (tmp_path / "r.ipynb").write_text(notebook("R", "x <- 1\n"))
    argv = ("--recommend",) if recommend else ()
    result = run_advisor("scan", "r.ipynb", *argv, cwd=tmp_path)
    assert result.code == 2
    assert "a notebook in R, not Python" in result.err
    (tmp_path / "py.ipynb").write_text(
        notebook("Python", "import time\nasync def f():\n    time.sleep(1)\n")
    )
    checked = run_advisor("scan", "py.ipynb", "--format", "plain", cwd=tmp_path)
    assert checked.code == 1, checked.err
    assert "py.ipynb:cell 1:3:5: ADV101" in checked.out


def test_the_shipped_hook_hands_notebooks_to_advisor(tmp_path: Path) -> None:
    """pre-commit picks files by the hook's types: with `types: [python]` a committed
    notebook was "(no files to check) Skipped", though `advisor scan` checks notebooks. The
    file tags are pre-commit's own (`identify`, when installed); the entry runs as pre-commit
    runs it, the file names appended."""
    import json
    import shlex

    import yaml

    root = Path(__file__).parents[2]
    (hook,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    wanted = set(hook.get("types_or") or hook.get("types") or ())
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    cells = [
        {**cell, "source": "import asyncio\n"},
        {**cell, "source": "async def main():\n    await asyncio.sleep(0)\n"},
        {**cell, "source": "asyncio.run(main())\n"},
    ]
    (tmp_path / "a.ipynb").write_text(
        json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})
    )
    try:
        from identify.identify import tags_from_filename
    except ImportError:
        tags = {"jupyter"}  # what identify says of a .ipynb
    else:
        tags = set(tags_from_filename("a.ipynb"))
    assert wanted & tags, (wanted, tags)
    program, *entry = shlex.split(hook["entry"])
    assert program == "advisor"
    result = run_advisor(*entry, "a.ipynb", cwd=tmp_path)
    assert result.code == 1, result.err
    assert result.out.startswith("a.ipynb:cell 3:1:1: ADV104 ")


#: A thread pool around a library advisor does not know: --cpu-bound and --async-libs stay
#: undecided, so without a terminal the run exits 2 naming both.
UNKNOWN_SDK = """\
from concurrent.futures import ThreadPoolExecutor

import acme_sdk


def job(i):
    return acme_sdk.Client().fetch(i)


def main():
    with ThreadPoolExecutor(max_workers=16) as pool:
        print(list(pool.map(job, range(100))))


if __name__ == "__main__":
    main()
"""


def test_the_missing_answers_error_is_punctuated_as_chinese_in_zh_tw(tmp_path: Path) -> None:
    """The exit-2 line joined its parts with an ASCII "; ", left a space before a full-width
    bracket and listed flags with ", " inside Chinese prose."""
    (tmp_path / "main.py").write_text(UNKNOWN_SDK)
    result = run_advisor("scan", ".", "--recommend", "--lang", "zh-TW", cwd=tmp_path)
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert "--cpu-bound" in line
    assert "--async-libs" in line
    prose = re.sub(r"`[^`]*`", "X", line.removeprefix("advisor: error: "))
    assert "; " not in prose
    assert " （" not in prose
    english = run_advisor("scan", ".", "--recommend", cwd=tmp_path)
    assert english.code == 2
    assert (
        "(still needed: --cpu-bound); advisor knows none of the I/O libraries the code calls"
        in english.err
    )


@pytest.mark.parametrize(("lang", "words"), [("en", ".gitignore"), ("zh-TW", ".gitignore")])
def test_a_folder_whose_files_gitignore_hides_names_gitignore(
    tmp_path: Path, lang: str, words: str
) -> None:
    """A repository whose .gitignore ignores its `.py` files got "no Python files found;
    check the path, and the --exclude and [tool.advisor] exclude settings": neither was the
    cause, and the file was right there."""
    import subprocess

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=False, capture_output=True)
    (tmp_path / "a.py").write_text("import time\n\n\nasync def f():\n    time.sleep(1)\n")
    (tmp_path / ".gitignore").write_text("*.py\n")
    result = run_advisor("scan", ".", "--lang", lang, cwd=tmp_path)
    assert result.code == 2
    (line,) = result.err.splitlines()
    assert words in line
    assert "exclude" in line
