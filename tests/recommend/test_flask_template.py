"""service_threads' Flask form, as a user of a Flask app gets it (issue 19: `scan --recommend`
on a Flask app handed over a FastAPI template).

The CLI in a subprocess scans a tiny Flask project (tests/fixtures/projects/flask_sync_client)
and prints or writes the Flask app, saying why; the app is then run the way its docstring
says first (`python service_threads_flask_app.py`: Flask's threaded development server) on a
free 127.0.0.1 port in its own session, hit by concurrent requests, and stopped with Ctrl-C
(SIGINT), also when the test fails. What is asserted is counted, never timed: the statuses,
the pools created (one), the peak of calls in flight (exactly the pool's size: reached and
never exceeded), and the processes left in the session (none).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import Counter
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from advisor import templating
from tests.helpers import FIXTURES
from tests.recommend.test_service_templates import (
    Server,
    fire,
    served,
    stats,
)
from tests.recommend.test_templates import script_env

httpx = pytest.importorskip("httpx")
pytest.importorskip("psutil")

PROJECT = FIXTURES / "projects" / "flask_sync_client"


def advisor(*args: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=script_env(),
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("lang", "because"),
    [("en", "the Flask form of threading"), ("zh-TW", "使用的 Flask 形式")],
)
def test_scan_recommend_on_a_flask_app_prints_the_flask_template(lang, because):
    result = advisor("scan", ".", "--recommend", "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert "service_threads_flask" in result.stdout
    assert because in result.stdout
    printed = advisor("scan", ".", "--recommend", "--template", "--lang", lang)
    assert printed.returncode == 0, printed.stderr
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(printed.stdout))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    }
    assert "flask" in imported
    assert not imported & {"fastapi", "uvicorn", "anyio"}, imported


def test_json_names_the_template_and_the_framework():
    result = advisor("scan", ".", "--recommend", "--format", "json")
    assert result.returncode == 0, result.stderr
    template = json.loads(result.stdout)["template"]
    assert (template["id"], template["base"], template["framework"]) == (
        "service_threads_flask",
        "threading",
        "Flask",
    )


def test_a_fastapi_app_keeps_the_fastapi_template(tmp_path):
    """Nothing changes where the framework is ASGI, or where no code says which it is."""
    (tmp_path / "app.py").write_text(
        (FIXTURES / "projects" / "fastapi_sync_client" / "app.py")
        .read_text(encoding="utf-8")
        .replace("from settings import UPSTREAM", 'UPSTREAM = "https://api.example.invalid"'),
        encoding="utf-8",
    )
    result = advisor("scan", ".", "--recommend", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["template"]["framework"] is None
    flags = ["--cpu-bound", "no", "--concurrency", "20", "--shared-memory", "no"]
    flags += ["--async-libs", "no", "--async-app", "no", "--program", "service"]
    plain = advisor("recommend", *flags, "--format", "json")
    assert json.loads(plain.stdout)["template"]["id"] == "service_threads"


def served_by_flask(path: Path) -> AbstractContextManager[Server]:
    """`python <file>` on a free port ($PORT), until the block ends, also on failure; up when
    Flask's development server says where it runs."""
    return served(path, sys.executable, path.name, ready="Running on http://127.0.0.1:{port}")


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_the_emitted_flask_app_serves_with_one_pool_of_the_answered_size(lang, tmp_path):
    pytest.importorskip("flask")
    target = tmp_path / "service_threads_flask_app.py"
    emit = advisor(
        "scan", ".", "--recommend", "--concurrency", "8", "--lang", lang, "--emit", str(target)
    )
    assert emit.returncode == 0, emit.stderr
    requests = [f"/items/{i}" for i in range(20)]  # x FAN_OUT 4: 80 calls on 8 threads
    with served_by_flask(target) as server:
        load = fire(server, requests)
        after = stats(server)
    assert Counter(load.statuses) == {200: len(requests)}, f"{load.failures[:3]}\n{server}"
    assert all(len(body["records"]) == 4 for body in load.bodies)
    assert after["pool_size"] == 8
    assert after["pools_created"] == 1
    assert after["peak_running"] == 8, after  # the bound: reached, never exceeded
    assert after["running"] == 0
    assert server.process.returncode == 0, str(server)
    assert server.left_behind == [], str(server)
    assert "Traceback" not in server.logged(), str(server)


@pytest.mark.parametrize(
    ("frameworks", "expected"),
    [
        (("Flask",), ("service_threads_flask", "Flask")),
        (("Flask", "WSGI server"), ("service_threads_flask", "Flask")),  # gunicorn runs it
        (("Flask", "FastAPI"), ("service_threads", None)),  # which one serves the work?
        (("FastAPI",), ("service_threads", None)),
        (("Django",), ("service_threads_django", "Django")),  # its own form
        (("Sanic",), ("service_threads", None)),  # no form yet
        ((), ("service_threads", None)),
    ],
)
def test_the_flask_form_only_where_flask_alone_is_named(frameworks, expected):
    assert templating.framework_variant("service_threads", frameworks) == expected
    # Other leaves' service forms have no Flask form: the leaf's own form stays.
    assert templating.framework_variant("service_processes", frameworks)[0] == "service_processes"
