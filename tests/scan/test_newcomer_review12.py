"""What a hostile new user met on main (review 2026-12-06, r-newcomer pass): each test drives
the installed CLI in a subprocess, the way the user ran it, and checks the line they read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import run_advisor


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc")
def test_a_file_that_cannot_be_written_is_named_with_a_full_width_colon(tmp_path: Path) -> None:
    """`--emit /proc/x.py --lang zh-TW` printed "無法寫入 /proc/x.py:No such file ..."
    with an ASCII colon glued between the path and the reason."""
    result = run_advisor(
        "recommend", "--cpu-bound", "no", "--concurrency", "500",
        "--emit", "/proc/advisor-newcomer.py", "--lang", "zh-TW", cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("advisor: error: 無法寫入 /proc/advisor-newcomer.py："), lines[0]
    assert "請選擇可以寫入的資料夾" in lines[0]
    assert "Traceback" not in result.err


PROGRAM = (
    "from multiprocessing import Pool\n\nwith Pool(4) as p:\n    print(p.map(abs, range(9)))\n"
)


@pytest.mark.parametrize(
    ("option", "lang", "said"),
    [
        (["--framework", "Django"], "en", "--framework works only with --recommend"),
        (["--framework", "Django"], "zh-TW", "--framework 只能搭配 --recommend 使用"),
        (["--emit", "app.py"], "en", "--emit works only with --recommend"),
        (["--cpu-bound=no"], "zh-TW", "--cpu-bound 只能搭配 --recommend 使用"),
        (["--template"], "en", "add it: advisor scan --recommend --template"),
        (["--format", "markdown"], "en", "--format markdown is the format of `advisor scan --recommend`"),
        (["--format", "markdown"], "zh-TW", "--format markdown 是 `advisor scan --recommend` 的輸出格式"),
    ],
)  # fmt: skip
def test_an_option_of_scan_recommend_given_without_it_is_named_as_such(
    tmp_path: Path, option: list[str], lang: str, said: str
) -> None:
    """`advisor scan src --framework Django` said "unknown option --framework", and
    `--format markdown` "invalid choice", although `advisor scan --help` lists both: they
    belong to --recommend, and the line now says so and how to add it."""
    (tmp_path / "crunch.py").write_text(PROGRAM)
    result = run_advisor("scan", ".", *option, "--lang", lang, cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert said in lines[0], lines[0]
    assert "unknown option" not in lines[0]
    assert "invalid choice" not in lines[0]
    assert not (tmp_path / "app.py").exists()


def test_a_mistyped_option_is_still_unknown(tmp_path: Path) -> None:
    (tmp_path / "crunch.py").write_text(PROGRAM)
    result = run_advisor("scan", ".", "--no-such-flag", cwd=tmp_path)
    assert result.code == 2
    assert (
        result.err.strip()
        == "advisor: error: unknown option --no-such-flag; see `advisor scan --help`"
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", 'advisor: error: an empty path ("") was given; name a file or folder'),
        ("zh-TW", 'advisor: error: 給了一個空的路徑（""）；請指定檔案或資料夾'),
    ],
)
@pytest.mark.parametrize("recommend", [[], ["--recommend"]])
def test_an_empty_path_is_named(tmp_path: Path, lang: str, said: str, recommend: list[str]) -> None:
    """`advisor scan "$SRC"` with SRC unset printed "advisor: error: : no such file or folder"."""
    (tmp_path / "crunch.py").write_text(PROGRAM)
    result = run_advisor("scan", ".", "", *recommend, "--lang", lang, cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.splitlines()) == 1, result.err
    assert result.err.startswith(said), result.err


@pytest.mark.parametrize(
    ("lang", "fix"),
    [("en", "leave it out with `--exclude`"), ("zh-TW", "請用 `--exclude` 排除它")],
)
def test_a_file_over_the_size_limit_is_skipped_with_its_fix(
    tmp_path: Path, lang: str, fix: str
) -> None:
    """A 6 MB generated module was skipped as "file too large (6577795 bytes; the limit is
    5 MB)" and then "fix them": a generated file cannot be fixed, it can be excluded."""
    (tmp_path / "app.py").write_text(PROGRAM)
    (tmp_path / "generated.py").write_text("x = 1\n" * 1_000_000)
    result = run_advisor("scan", ".", "--format", "plain", "--lang", lang, cwd=tmp_path)
    assert result.code == 1, result.err  # app.py's finding; the skip does not hide it
    skip = next(line for line in result.err.splitlines() if "generated.py" in line)
    assert skip.endswith(fix), skip


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "cannot write {file}/app.py: Not a directory; choose a folder you can write to"),
        ("zh-TW", "無法寫入 {file}/app.py：路徑中有一段不是資料夾；請選擇可以寫入的資料夾"),
    ],
)
def test_the_systems_reason_reads_in_the_users_language(
    tmp_path: Path, lang: str, said: str
) -> None:
    """The reason came from the C library in English inside the Chinese line: "無法寫入
    x.py：Not a directory"; the common errno reasons are in the catalogue now."""
    (tmp_path / "app.py").write_text(PROGRAM)
    file = tmp_path / "a-file"
    file.write_text("")
    result = run_advisor(
        "recommend", "--cpu-bound", "no", "--concurrency", "500",
        "--emit", f"{file}/app.py", "--lang", lang, cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 2
    assert result.err == f"advisor: error: {said.format(file=file)}\n"
