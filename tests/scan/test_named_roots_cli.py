"""A file named alone gets what ``advisor scan .`` gives it in a monorepo, and ADV102 follows
namespace folders as ADV101 does. Driven through the installed CLI in a subprocess, checking
what the user reads, in English and zh-TW.

Our own minimal reproductions, after the hostile new-user review of 2026-12-07: a repository
with a root ``pyproject.toml`` and ``.git``, a service (``services/api/pyproject.toml``) calling
``get_item`` of a sibling library (``libs/core``), which does ``requests.get``: ``scan .``
reported ADV101, ``scan services/api/src/acme/api/handlers.py`` (what the pre-commit hook runs)
nothing; and ``acme/store.py``'s ``async def put_item`` called without ``await`` from
``acme/h.py``, with no ``__init__.py`` in ``acme/``: ADV101 followed such folders, ADV102 did
not."""

from __future__ import annotations

from pathlib import Path

from advisor.lint.project_roots import index_root
from tests.helpers import run_advisor, user_env

ITEMS = """import requests


def get_item(key):
    return requests.get(f"https://example.invalid/items/{key}", timeout=5).json()
"""
HANDLERS = """from acme.core.items import get_item


async def read(key):
    return get_item(key)
"""
HANDLERS_FILE = "services/api/src/acme/api/handlers.py"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _monorepo(root: Path) -> None:
    (root / ".git").mkdir(parents=True)
    _write(
        root,
        {
            "pyproject.toml": '[project]\nname = "mono"\n',
            "services/api/pyproject.toml": '[project]\nname = "acme-api"\n',
            "libs/core/pyproject.toml": '[project]\nname = "acme-core"\n',
            "libs/core/src/acme/core/items.py": ITEMS,
            HANDLERS_FILE: HANDLERS,
        },
    )


def test_named_file_in_a_monorepo_gets_what_scan_dot_gives(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _monorepo(repo)
    whole = run_advisor("scan", ".", env=user_env(tmp_path), cwd=repo)
    assert "read -> get_item -> requests.get()" in whole.out, whole.out
    named = run_advisor("scan", HANDLERS_FILE, env=user_env(tmp_path), cwd=repo)
    assert named.code == 1, named.out + named.err
    assert named.out.splitlines()[0] == whole.out.splitlines()[0]
    # from the service's own folder (a hook run there), warm: the same finding
    service = repo / "services" / "api"
    for _run in range(2):
        here = run_advisor("scan", "src/acme/api/handlers.py", env=user_env(tmp_path), cwd=service)
        assert "src/acme/api/handlers.py:5:12: ADV101" in here.out, here.out
        assert "libs/core/src/acme/core/items.py:5" in here.out
    zh = run_advisor("scan", HANDLERS_FILE, env=user_env(tmp_path, "zh-TW"), cwd=repo)
    assert "阻塞於 libs/core/src/acme/core/items.py:5" in zh.out, zh.out


def test_index_root_widens_only_for_a_module_the_repository_holds(tmp_path: Path) -> None:
    """The negative twin: a file importing only the standard library, a third-party package
    or its own project's modules keeps its project as the index root."""
    repo = tmp_path / "repo"
    _monorepo(repo)
    project = str(repo / "services" / "api")
    named = repo / HANDLERS_FILE
    assert index_root(str(named), project, ()) == str(repo)
    for text in (
        "import os\nimport requests\n",
        "from acme.api import handlers\n",
        "from acme.core.missing import nothing\n",
    ):
        named.write_text(text, encoding="utf-8")
        assert index_root(str(named), project, ()) == project, text
    (repo / ".git").rmdir()  # no repository: the project stays the root
    named.write_text(HANDLERS, encoding="utf-8")
    assert index_root(str(named), project, ()) == project


def test_forgotten_await_through_a_namespace_folder(tmp_path: Path) -> None:
    project = tmp_path / "bot"
    _write(
        project,
        {
            "pyproject.toml": '[project]\nname = "bot"\n',
            "acme/store.py": "async def put_item(i, v):\n    return i\n",
            "acme/h.py": "from acme.store import put_item\n\n\nasync def read(i):\n"
            "    put_item(i, 1)\n",
        },
    )
    for argv in (("scan", "."), ("scan", "acme/h.py")):
        found = run_advisor(*argv, env=user_env(tmp_path), cwd=project)
        assert found.out.startswith("acme/h.py:5:5: ADV102 coroutine `put_item`"), found.out
    zh = run_advisor("scan", "acme/h.py", env=user_env(tmp_path, "zh-TW"), cwd=project)
    assert "ADV102 協程 `put_item` 被呼叫，卻沒有 `await`" in zh.out, zh.out
