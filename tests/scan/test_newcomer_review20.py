"""What a hostile new user met on main (review of 2026-12-07, issue 19 and the scan's UX): each
test drives the installed CLI in a subprocess and checks what they read, in English and zh-TW.

The projects are minimal reproductions of our own, after the layouts the user tried: Flask's
documented app factory (``create_app()`` in the package, ``app = create_app()`` in
``wsgi.py``), FastAPI's ``get_application()``, a Tk window, a batch crawler, a notebook cell
that awaits at its top level, and a ``pyproject.toml`` written on Windows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_advisor, user_env

FLASK_INIT = """from flask import Flask


def create_app():
    app = Flask(__name__)
    from myapp.views import bp

    app.register_blueprint(bp)
    return app
"""
FLASK_VIEWS = """import requests
from flask import Blueprint

bp = Blueprint("main", __name__)


@bp.route("/weather")
def weather():
    r = requests.get("https://example.com/api", timeout=10)
    return r.json()
"""
FASTAPI_FACTORY = """from fastapi import FastAPI

from app.routes import router


def get_application() -> FastAPI:
    application = FastAPI()
    application.include_router(router)
    return application
"""
FASTAPI_ROUTES = """import httpx
from fastapi import APIRouter

router = APIRouter()


@router.get("/weather")
async def weather():
    async with httpx.AsyncClient() as client:
        r = await client.get("https://example.com/api", timeout=10)
    return r.json()
"""
CRAWLER = """import requests


def fetch(url):
    return requests.get(url, timeout=10).text


def main():
    for line in open("urls.txt"):
        print(len(fetch(line.strip())))


if __name__ == "__main__":
    main()
"""
TK_APP = """import threading
import tkinter as tk

import requests


def fetch(label):
    label.config(text=str(requests.get("https://example.com", timeout=10).status_code))


def main():
    root = tk.Tk()
    label = tk.Label(root, text="...")
    label.pack()
    go = lambda: threading.Thread(target=fetch, args=(label,)).start()  # noqa: E731
    tk.Button(root, text="Go", command=go).pack()
    root.mainloop()


if __name__ == "__main__":
    main()
"""
FAILURE = "Decide what one failure does"


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _recommend(tmp_path: Path, project: Path, lang: str = "en") -> dict:
    result = run_advisor(
        "scan",
        "--recommend",
        "--format",
        "json",
        str(project),
        env=user_env(tmp_path, lang),
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    return json.loads(result.out)


def _answer(data: dict, question: str) -> object:
    return next(step["answer"] for step in data["path"] if step["question"] == question)


def _flask_factory(root: Path) -> Path:
    return _write(
        root,
        {
            "myapp/__init__.py": FLASK_INIT,
            "myapp/views.py": FLASK_VIEWS,
            "wsgi.py": "from myapp import create_app\n\napp = create_app()\n",
        },
    )


def test_flask_app_factory_is_a_service_cited_at_the_factory_call(tmp_path: Path) -> None:
    """It was a batch script: no --program evidence, the crawler's template, and "Main path:
    myapp/views.py:4 (Flask app)" at the Blueprint line."""
    project = _flask_factory(tmp_path / "proj")
    data = _recommend(tmp_path, project)
    assert _answer(data, "program") == "service"
    assert data["template"]["id"] == "service_threads_flask"
    entries = data["main_path"]["entry_points"]
    assert entries == [{"kind": "factory", "name": "create_app", "where": "wsgi.py:3"}]
    assert not any(FAILURE in caveat for caveat in data["caveats"])
    text = run_advisor("scan", "--recommend", str(project), env=user_env(tmp_path), cwd=tmp_path)
    assert "Main path: from wsgi.py:3 (app built by create_app())" in text.out
    assert "views.py:4" not in text.out
    zh = run_advisor(
        "scan", "--recommend", str(project), env=user_env(tmp_path, "zh-TW"), cwd=tmp_path
    )
    assert "wsgi.py:3（由 create_app() 建立的應用程式）" in zh.out


def test_fastapi_get_application_is_a_service(tmp_path: Path) -> None:
    project = _write(
        tmp_path / "proj",
        {
            "app/__init__.py": "",
            "app/factory.py": FASTAPI_FACTORY,
            "app/routes.py": FASTAPI_ROUTES,
            "main.py": "from app.factory import get_application\n\napp = get_application()\n",
        },
    )
    data = _recommend(tmp_path, project)
    assert _answer(data, "program") == "service"
    assert data["main_path"]["entry_points"][0]["where"] == "main.py:3"


def test_a_factory_called_inside_a_function_and_a_blueprint_are_no_entry(tmp_path: Path) -> None:
    """Negative: a batch crawler beside a package whose factory only a function calls (a test
    helper, an optional web UI) stays a script; a Blueprint is part of an app, not one."""
    project = _write(
        tmp_path / "proj",
        {
            "crawl.py": CRAWLER,
            "myapp/__init__.py": FLASK_INIT,
            "myapp/views.py": FLASK_VIEWS,
            "tools_web.py": "from myapp import create_app\n\n\ndef serve():\n"
            "    app = create_app()\n    app.run()\n",
        },
    )
    data = _recommend(tmp_path, project)
    assert _answer(data, "program") == "script"
    kinds = [e["kind"] for e in data["main_path"]["entry_points"]]
    assert "factory" not in kinds
    assert not any(
        e["where"].startswith("myapp/views.py") for e in data["main_path"]["entry_points"]
    )


def test_the_failure_policy_caveat_is_a_batch_programs_only(tmp_path: Path) -> None:
    """ "For a crawler, an ETL or an API fan-out" was printed for a Tk window and a Flask app."""
    tk = _recommend(tmp_path, _write(tmp_path / "tk", {"main.py": TK_APP}))
    assert _answer(tk, "program") == "gui"
    assert not any(FAILURE in caveat for caveat in tk["caveats"])
    crawler = _recommend(tmp_path, _write(tmp_path / "crawl", {"crawl.py": CRAWLER}))
    assert _answer(crawler, "program") == "script"
    assert any(FAILURE in caveat for caveat in crawler["caveats"])


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_github_annotation_of_a_syntax_error_has_its_line_and_column(
    tmp_path: Path, lang: str
) -> None:
    (tmp_path / "bad.py").write_text("x = 1\ny = foo(\n", encoding="utf-8")
    (tmp_path / "ok.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "latin.py").write_bytes(b"x = '\xe9'\n")
    result = run_advisor(
        "scan",
        "--format",
        "github",
        "bad.py",
        "latin.py",
        "ok.py",
        env=user_env(tmp_path, lang),
        cwd=tmp_path,
    )
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    bad = next(line for line in lines if line.startswith("::warning file=bad.py"))
    assert bad.startswith("::warning file=bad.py,line=2,col=8,title=advisor scan::")
    # Negative: a file that is not UTF-8 has no line to point at.
    latin = next(line for line in lines if line.startswith("::warning file=latin.py"))
    assert latin.startswith("::warning file=latin.py,title=advisor scan::")


def _notebook(path: Path, source: list[str]) -> None:
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    notebook = {
        "cells": [{**cell, "source": source}],
        "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook), encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "cell_text", "async_def_text"),
    [
        ("en", "in a notebook cell that awaits at its top level", "inside `async def`"),
        ("zh-TW", "在頂層使用 await 的筆記本儲存格裡呼叫", "在 `async def` 裡呼叫"),
    ],
)
def test_a_top_level_await_cell_is_named_as_a_cell(
    tmp_path: Path, lang: str, cell_text: str, async_def_text: str
) -> None:
    """The user's cell has no `async def`: the finding said "inside `async def`" of the
    coroutine advisor wraps the cell in."""
    _notebook(
        tmp_path / "nb.ipynb",
        [
            "import time\n",
            "import asyncio\n",
            "async def tick():\n",
            "    time.sleep(1)\n",
            "task = asyncio.create_task(tick())\n",
            "time.sleep(1)\n",
            "await task\n",
        ],
    )
    result = run_advisor("scan", "nb.ipynb", env=user_env(tmp_path, lang), cwd=tmp_path)
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    in_cell = next(line for line in lines if line.startswith("nb.ipynb:cell 1:6:"))
    assert cell_text in in_cell
    # Negative: a blocking call inside the user's own `async def` still says so.
    in_def = next(line for line in lines if line.startswith("nb.ipynb:cell 1:4:"))
    assert async_def_text in in_def


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "[tool.advisor] exclude: `sub\\*` has a backslash, which matches no path"),
        ("zh-TW", "[tool.advisor] 的 exclude：`sub\\*` 含有反斜線，不會符合任何路徑"),
    ],
)
def test_a_backslash_glob_is_refused_with_the_fix(tmp_path: Path, lang: str, said: str) -> None:
    """``exclude = ["sub\\\\*"]`` silently matched nothing: refused (exit 2), naming ``sub/*``."""
    blocking = "import time\n\n\nasync def f():\n    time.sleep(1)\n"
    _write(tmp_path, {"sub/a.py": blocking, "main.py": "print(1)\n"})
    (tmp_path / "pyproject.toml").write_text(
        '[tool.advisor]\nexclude = ["sub\\\\*"]\n', encoding="utf-8"
    )
    result = run_advisor("scan", ".", env=user_env(tmp_path, lang), cwd=tmp_path)
    assert result.code == 2
    assert said in result.err
    assert "`sub/*`" in result.err
    assert len(result.err.strip().splitlines()) == 1
    # Negative: the same glob with / excludes the folder, and the scan passes.
    (tmp_path / "pyproject.toml").write_text('[tool.advisor]\nexclude = ["sub/*"]\n')
    assert run_advisor("scan", ".", env=user_env(tmp_path, lang), cwd=tmp_path).code == 0
