"""Issue 19, the sixth held-back set's classes beyond their fixture folders (those are checked
by ``test_recommend_expected.py``): the reasons of picard's class as a zh-TW user reads them,
and bdfr's click subcommands, which are no concurrent handlers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import FIXTURES, run_advisor

CLASSES = FIXTURES / "recommend_classes6"


def test_the_new_reasons_in_traditional_chinese(tmp_path: Path) -> None:
    """The reasons these classes added, as a zh-TW user reads them: full-width marks."""
    root = tmp_path / "tag_editor"
    shutil.copytree(CLASSES / "tag_editor", root, ignore=shutil.ignore_patterns("expected.yaml"))
    result = run_advisor("scan", ".", "--recommend", "--lang", "zh-TW", cwd=root)
    assert result.code == 0, result.err
    assert "QProcess 不會阻塞：它透過 Qt 自己事件迴圈上的 signal 回報結果" in result.out
    assert "等待 QNetworkAccessManager、QProcess，而且沒有計算量大的步驟" in result.out
    # The text shows the strongest evidence first (the desktop app waiting on its user, since
    # development set 11); every reason is in the JSON.
    data = run_advisor("scan", ".", "--recommend", "--lang", "zh-TW", "--format", "json", cwd=root)
    reasons = [e["reason"] for e in json.loads(data.out)["evidence"]["cpu_bound"]["evidence"]]
    assert any("以子行程執行外部程式，結束時由 Qt 的 signal 通知" in r for r in reasons), reasons


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
