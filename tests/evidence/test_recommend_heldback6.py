"""Issue 19, the sixth held-back set's classes (docs/recommend-real-world.md): each folder of
``tests/fixtures/recommend_classes6`` is our own minimal reproduction of one class, citing the
application that inspired it (sigal, bdfr, picard), and its ``expected.yaml`` says what a user
sees from ``advisor scan . --recommend --format json`` (the installed CLI in a subprocess, no
terminal): the exit code, the model, the answers inferred, reasons cited at ``file:line``
(their start), files whose code must not vote "yes" on any question (``no_yes_from``), and a
context line the result must say (``says``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from advisor import yamlio
from tests.helpers import FIXTURES, run_advisor

CLASSES = FIXTURES / "recommend_classes6"
CASES = sorted(p.name for p in CLASSES.iterdir() if (p / "expected.yaml").is_file())


def expected_of(name: str) -> dict[str, Any]:
    data = yamlio.load_path(CLASSES / name / "expected.yaml")
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("name", CASES)
def test_sixth_heldout_class(name: str, tmp_path: Path) -> None:
    expected = expected_of(name)
    root = tmp_path / name
    shutil.copytree(CLASSES / name, root, ignore=shutil.ignore_patterns("expected.yaml"))
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == expected["code"], result.err
    data = json.loads(result.out)
    assert data["model"] == expected["model"]
    evidence = data["evidence"]
    answers = {q: evidence[q]["answer"] for q in expected["answers"]}
    assert answers == expected["answers"]
    for question, lines in (expected.get("cited") or {}).items():
        cited = {f"{e['file']}:{e['line']}": e["reason"] for e in evidence[question]["evidence"]}
        for where, start in lines.items():
            assert cited.get(where, "").startswith(start), (question, where, cited)
    quiet = tuple(expected.get("no_yes_from") or ())
    voted = [
        (question, e["file"], e["reason"])
        for question, answer in evidence.items()
        for e in (*answer["evidence"], *answer["conflicting"])
        if e["value"] is True and e["file"] and e["file"].startswith(quiet)
    ]
    assert not quiet or not voted, voted
    says = expected.get("says")
    assert not says or any(says in e["reason"] for e in data["context"]), data["context"]


def test_the_new_reasons_in_traditional_chinese(tmp_path: Path) -> None:
    """The reasons these classes added, as a zh-TW user reads them: full-width marks."""
    root = tmp_path / "tag_editor"
    shutil.copytree(CLASSES / "tag_editor", root, ignore=shutil.ignore_patterns("expected.yaml"))
    result = run_advisor("scan", ".", "--recommend", "--lang", "zh-TW", cwd=root)
    assert result.code == 0, result.err
    assert "QProcess 不會阻塞：它透過 Qt 自己事件迴圈上的 signal 回報結果" in result.out
    assert "以子行程執行外部程式，結束時由 Qt 的 signal 通知" in result.out
    assert "等待 QNetworkAccessManager、QProcess，而且沒有計算量大的步驟" in result.out


def test_cases_cover_every_fixture() -> None:
    """A fixture folder without expectations would be silently skipped."""
    assert sorted(p.name for p in CLASSES.iterdir() if p.is_dir()) == CASES
    assert len(CASES) >= 3


CLICK_TOOL = """
# After bdfr's __main__.py: a click group's subcommands beside an optional hashing pass.
import hashlib
from multiprocessing import Pool

import click


def _calc_hash(path):
    return path, hashlib.md5(open(path, "rb").read(64)).hexdigest()


@click.group()
def cli():
    pass


@cli.command("download")
def cli_download():
    with Pool(4) as pool:
        print(pool.map(_calc_hash, ["a", "b"]))


@cli.command("archive")
def cli_archive():
    print("archive")
"""


def test_a_click_subcommand_is_no_concurrent_handler(tmp_path: Path) -> None:
    """In a module that imports click, ``@cli.command()`` registers a subcommand, run once per
    invocation: bdfr's ``cli_archive`` was listed among "the concurrent functions"."""
    import advisor

    (tmp_path / "tool.py").write_text(CLICK_TOOL, encoding="utf-8")
    inference = advisor.infer([str(tmp_path / "tool.py")])
    reasons = [e.reason.get("en") for e in inference.questions["shared_memory"].evidence]
    assert any("_calc_hash" in r for r in reasons), reasons
    assert not any("cli_archive" in r or "cli_download" in r for r in reasons), reasons
