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
    assert answers["cpu_bound"] is False and answers["async_libs"] is False
    assert answers["program"] == "service" and answers["async_app"] is False
    cpu = reasons(data, "cpu_bound")
    assert cpu["echo/core.py:10"].startswith("builds a Flask app on the main path")
    assert "async counterpart: Quart" in reasons(data, "async_libs")["echo/core.py:10"]
    zh = scan("echo_service", tmp_path, "--lang", "zh-TW")
    assert reasons(zh, "cpu_bound")["echo/core.py:10"].startswith("主要路徑上建立了 Flask 應用程式")
    assert "對應的 async 版本：Quart" in reasons(zh, "async_libs")["echo/core.py:10"]
