"""Review cases for `advisor scan` through the installed CLI: where a finding points (columns in
characters, file URIs in SARIF) and which line a suppression comment belongs to."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import clean_env, run_advisor


def scan(root: Path, *argv: str):
    env = clean_env(ADVISOR_CACHE_DIR=str(root.parent / "cache"))
    return run_advisor("scan", *argv, env=env, cwd=root)


def test_columns_count_characters_not_utf8_bytes(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "c.py").write_text(
        'import time\nasync def f():\n    x = "héllo€"; time.sleep(1)\n', encoding="utf-8"
    )
    plain = scan(root, "--format", "plain")
    assert plain.out.startswith("c.py:3:19: ADV101 "), plain.out
    doc = json.loads(scan(root, "--format", "sarif").out)
    region = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 19}


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


def test_sarif_uris_are_percent_encoded(tmp_path: Path) -> None:
    root = tmp_path / "my proj"
    (root / "sub dir").mkdir(parents=True)
    (root / "sub dir" / "x%y#1.py").write_text(
        "import time\nasync def f():\n    time.sleep(1)\n", encoding="utf-8"
    )
    doc = json.loads(scan(root, "--format", "sarif").out)
    run = doc["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "sub%20dir/x%25y%231.py"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/my%20proj/")


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_rich_caret_sits_under_the_call_with_tabs_and_wide_characters(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "r.py").write_text(
        'import time\nasync def f():\n    x = "中文"; time.sleep(1)\n', encoding="utf-8"
    )
    (root / "t.py").write_text("import time\nasync def f():\n\tif 1: time.sleep(2)\n")
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="200", NO_COLOR="1")
    result = run_advisor("scan", "--format", "rich", env=env, cwd=root)
    lines = result.out.splitlines()
    carets = [i for i, line in enumerate(lines) if line.rstrip().endswith("^")]
    assert len(carets) == 2, result.out
    for i in carets:
        code, caret = lines[i - 1], lines[i]
        assert "\t" not in code
        assert _cells(code[: code.index("time.sleep")]) == _cells(caret.rstrip()) - 1, (code, caret)


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


def test_an_engine_default_is_not_reported_as_overriding_weak_evidence(tmp_path: Path) -> None:
    """Evidence pointing both ways leaves `--native-code` undecided; the engine's default is
    then used, which is not the user overriding the code's answer."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text(
        "import numpy as np\n\n\ndef crunch(n):\n    s = 0\n    for i in range(n):\n"
        "        for j in range(n):\n            s += i * j\n    return s\n\n\n"
        "def main():\n    print(crunch(100), np.zeros(3))\n",
        encoding="utf-8",
    )
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    argv = ("scan", ".", "--recommend", "--cpu-bound", "yes", "--format", "json")
    result = run_advisor(*argv, env=env, cwd=root)
    assert result.code == 0, result.err
    native = json.loads(result.out)["evidence"]["native_code"]
    assert native["conflicting"], native
    assert native["status"] == "undecided", native
    assert native["overridden_by"] is None
    given = run_advisor(*argv, "--native-code", "no", env=env, cwd=root)
    native = json.loads(given.out)["evidence"]["native_code"]
    assert (native["status"], native["overridden_by"]) == ("overridden", "--native-code no")


def test_zh_tw_evidence_has_no_space_between_chinese_words(tmp_path: Path) -> None:
    import re

    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text(
        "import requests\n\n\ndef crunch(n):\n    s = 0\n    for i in range(n):\n"
        "        for j in range(n):\n            s += i * j\n    return s\n\n\n"
        "def main():\n    return crunch(9), requests.get('http://example.invalid')\n",
        encoding="utf-8",
    )
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    argv = (
        "scan",
        ".",
        "--recommend",
        "--lang",
        "zh-TW",
        "--cpu-bound",
        "no",
        "--concurrency",
        "8",
    )
    argv = (*argv, "--format", "json")
    result = run_advisor(*argv, env=env, cwd=root)
    assert result.code == 0, result.err
    evidence = json.loads(result.out)["evidence"]
    reasons = [e["reason"] for a in evidence.values() for e in (*a["evidence"], *a["conflicting"])]
    assert any("巢狀迴圈" in r for r in reasons), reasons
    gaps = [r for r in reasons if re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", r)]
    assert not gaps


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
    assert counts[0]["code"] == "ADV101"


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


def test_a_flag_that_agrees_with_the_code_confirms_it_rather_than_overriding(
    tmp_path: Path,
) -> None:
    root = tmp_path / "proj"
    root.mkdir()
    (root / "a.py").write_text(
        "import requests\n\n\ndef get(url):\n    return requests.get(url).text\n",
        encoding="utf-8",
    )
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))

    def cpu_bound(value: str) -> dict[str, object]:
        argv = ("scan", ".", "--recommend", "--cpu-bound", value, "--concurrency", "4")
        result = run_advisor(*argv, "--shared-memory", "no", "--format", "json", env=env, cwd=root)
        assert result.code == 0, result.err
        evidence: dict[str, object] = json.loads(result.out)["evidence"]["cpu_bound"]
        return evidence

    same, other = cpu_bound("no"), cpu_bound("yes")
    assert same["answer"] is False
    assert (same["status"], same["overridden_by"]) == ("confirmed", None)
    assert (other["status"], other["overridden_by"]) == ("overridden", "--cpu-bound yes")


def test_exclude_globs_for_dot_folders_and_absolute_paths(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    for folder in (".gen", "build"):
        (root / folder).mkdir(parents=True)
        (root / folder / "a.py").write_text("import time\nasync def f():\n    time.sleep(1)\n")
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
