"""Issue 19, the fourth held-back set's classes (docs/recommend-real-world.md, "A fourth
held-back set"): each on our own minimal reproduction in ``tests/fixtures/recommend_classes``,
citing the application that inspired it, through the installed CLI in a subprocess."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, run_advisor

CLASSES = FIXTURES / "recommend_classes"


def scan(name: str, tmp_path: Path, *flags: str, code: int = 0) -> dict[str, Any]:
    """``advisor scan . --recommend --format json`` on a copy of fixture *name*; ``err`` is
    what it said on stderr."""
    root = tmp_path / name
    if not root.exists():
        shutil.copytree(CLASSES / name, root)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", *flags, cwd=root)
    assert result.code == code, result.err
    data = json.loads(result.out) if code == 0 else {}
    assert isinstance(data, dict)
    data["err"] = result.err
    return data


def reasons(data: dict[str, Any], question: str) -> dict[str, str]:
    """``file:line`` -> reason of the evidence for *question*'s answer."""
    return {f"{e['file']}:{e['line']}": e["reason"] for e in data["evidence"][question]["evidence"]}


def test_a_served_wsgi_app_waits_and_its_framework_blocks(tmp_path: Path) -> None:
    """httpbin: a Flask app built at module level above ``app.run()`` in a package's module,
    views that echo or sleep and call no I/O library advisor knows. The app on the main path
    is the program (not a package's helper main guard), it waits on its clients (``--cpu-bound
    no``), and Flask runs each view synchronously (``--async-libs no``): threading, exit 0,
    where it asked ``--cpu-bound`` before."""
    data = scan("echo_service", tmp_path)
    assert data["model"] == "threading"
    assert data["main_path"]["entry_points"] == [
        {"kind": "app", "name": "Flask", "where": "echo/core.py:10"}
    ]
    answers = {q: e["answer"] for q, e in data["evidence"].items()}
    assert answers["cpu_bound"] is False
    assert answers["async_libs"] is False
    assert answers["program"] == "service"
    assert answers["async_app"] is False
    cpu = reasons(data, "cpu_bound")
    assert cpu["echo/core.py:10"].startswith("builds a Flask app on the main path")
    assert "async counterpart: Quart" in reasons(data, "async_libs")["echo/core.py:10"]
    zh = scan("echo_service", tmp_path, "--lang", "zh-TW")
    assert reasons(zh, "cpu_bound")["echo/core.py:10"].startswith("主要路徑上建立了 Flask 應用程式")
    assert "對應的 async 版本：Quart" in reasons(zh, "async_libs")["echo/core.py:10"]


def test_a_python_visitor_over_every_parsed_file_is_computation(tmp_path: Path) -> None:
    """vulture: ``ast.parse`` in a method the loop over files calls, and a NodeVisitor that
    records names: no arithmetic anywhere, but Python runs for every node of every file.
    ``--cpu-bound yes`` (it asked, the one low ``open()`` leaning "no") and the visitor is
    Python bytecode: multiprocessing."""
    data = scan("dead_names", tmp_path)
    assert data["model"] == "multiprocessing"
    cpu = data["evidence"]["cpu_bound"]
    assert cpu["answer"] is True
    assert cpu["confidence"] == "medium"
    assert reasons(data, "cpu_bound") == {
        "deadnames/core.py:17": "parses every input with ast.parse, over and over, and walks "
        "each tree in Python (Finder): pure-Python computation"
    }
    assert data["evidence"]["native_code"]["answer"] is False
    zh = scan("dead_names", tmp_path, "--lang", "zh-TW")
    assert reasons(zh, "cpu_bound")["deadnames/core.py:17"] == (
        "以 ast.parse 反覆剖析每一份輸入，並以 Python 走訪每棵語法樹（Finder）：純 Python 計算"
    )


def test_records_parsed_and_scored_one_by_one_are_computation(tmp_path: Path) -> None:
    """NanoFilt: ``for rec in SeqIO.parse(fq, "fastq")`` scoring every read in Python (a
    division per read, a mean quality per base): a filter whose Python is the run."""
    data = scan("read_filter", tmp_path)
    assert data["model"] == "multiprocessing"
    assert reasons(data, "cpu_bound") == {
        "readfilter/filter.py:18": "reads its input record by record (Bio.SeqIO.parse) and "
        "computes on each record in filter_stream: pure-Python computation"
    }
    zh = scan("read_filter", tmp_path, "--lang", "zh-TW")
    assert reasons(zh, "cpu_bound")["readfilter/filter.py:18"] == (
        "逐筆讀取輸入（Bio.SeqIO.parse），並在 filter_stream 中對每一筆記錄做計算：純 Python 計算"
    )


def test_one_file_parsed_once_is_not_the_work(tmp_path: Path) -> None:
    """The other side: a downloader that reads its settings once with ``ast.parse`` and a small
    visitor. No vote for computation at all; the downloads answer: threading."""
    data = scan("settings_fetch", tmp_path)
    assert data["model"] == "threading"
    cpu = data["evidence"]["cpu_bound"]
    assert cpu["answer"] is False
    assert not [e for e in cpu["conflicting"] if e["value"] is True]


def test_scripts_that_are_tools_bundled_in_a_library_are_not_an_application(
    tmp_path: Path,
) -> None:
    """pySerial: both console scripts run modules of the package's ``tools/`` folder (a
    terminal, a port lister), neither is named like the project, and setup.py's topic says
    it is a library: refused as one (it recommended threading for the library). Named like
    the project, the same script is the project's own command: an application again."""
    refused = scan("port_tools", tmp_path, code=2)
    assert refused["err"].startswith(
        "advisor: error: .: this looks like a library: its declared scripts (porttalk-term, "
        "porttalk-ports) are tools bundled inside the package, none is the project's own "
        "command, and setup.py: Topic :: Software Development :: Libraries says it is meant "
        "to be imported"
    ), refused["err"]
    zh = scan("port_tools", tmp_path, "--lang", "zh-TW", code=2)
    assert "它宣告的指令稿（porttalk-term、porttalk-ports）都是套件內附的工具" in zh["err"]
    setup = tmp_path / "port_tools" / "setup.py"
    setup.write_text(setup.read_text().replace('"porttalk-term=', '"porttalk='))
    own = run_advisor("scan", ".", "--recommend", cwd=tmp_path / "port_tools")
    assert "this looks like a library" not in own.err, own.err


def test_a_pool_sized_by_a_setting_takes_the_default_the_project_writes(tmp_path: Path) -> None:
    """errbot: the command pool is ``ThreadPool(bot_config.BOT_ASYNC_POOLSIZE)`` and the
    bootstrap writes ``config.BOT_ASYNC_POOLSIZE = 10`` when the user's config lacks it;
    ``--concurrency`` was the flows' pool of 5, the only bound written as a number."""
    data = scan("pool_bot", tmp_path)
    assert data["model"] == "threading"
    concurrency = data["evidence"]["concurrency"]
    assert concurrency["answer"] == 10
    assert reasons(data, "concurrency") == {
        "pagerbot/core.py:8": "ThreadPool(processes=10): at most 10 at once"
    }
