"""Review 25's scan defects, driven through the installed CLI in a subprocess on minimal
projects written here (a newcomer's 27-line crawler with a console script, in the shape of
their Typer CLI; an async Django view and a Channels consumer; advisor's own emitted
templates), checking what the user reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_advisor, user_env

SCRIPTS = '[project]\nname = "mini"\nversion = "0"\n\n[project.scripts]\nmini = "mini.app:main"\n'

#: #1: a coroutine that runs as a task beside others, in a module a console script runs.
#: (name, the module's code, the lines ADV101 must name; none: the sequential exemption holds)
BESIDE_CASES = [
    (
        "create_task",
        """\
import asyncio
import time


async def fetch(i):
    await asyncio.sleep(1)
    return i


async def progress(tasks):
    while not all(t.done() for t in tasks):
        print(sum(t.done() for t in tasks))
        time.sleep(0.5)


async def crawl():
    tasks = [asyncio.create_task(fetch(i)) for i in range(10)]
    watcher = asyncio.create_task(progress(tasks))
    await asyncio.gather(*tasks)
    await watcher


def main():
    asyncio.run(crawl())
""",
        [13],
    ),
    (
        "gather_helper",
        """\
import asyncio
import time


async def pause():
    time.sleep(0.5)


async def fetch(i):
    await pause()
    await asyncio.sleep(1)
    return i


async def crawl():
    await asyncio.gather(*(fetch(i) for i in range(10)))


def main():
    asyncio.run(crawl())
""",
        [6],
    ),
    (
        "task_group",
        """\
import asyncio
import time


async def fetch(i):
    time.sleep(0.1)
    await asyncio.sleep(1)


async def crawl():
    async with asyncio.TaskGroup() as tg:
        for i in range(10):
            tg.create_task(fetch(i))


def main():
    asyncio.run(crawl())
""",
        [6],
    ),
    (
        "sequential",
        """\
import asyncio
import time


async def fetch(i):
    await asyncio.sleep(1)
    return i


async def crawl():
    for i in range(3):
        await fetch(i)
        time.sleep(0.5)


def main():
    asyncio.run(crawl())
""",
        [],
    ),
]


@pytest.mark.parametrize(
    ("code", "lines"), [c[1:] for c in BESIDE_CASES], ids=[c[0] for c in BESIDE_CASES]
)
@pytest.mark.parametrize("declared", [True, False], ids=["console_script", "no_pyproject"])
def test_task_beside_others_is_reported_in_a_console_script(
    tmp_path: Path, code: str, lines: list[int], declared: bool
) -> None:
    """Review 25, #1: `[project.scripts]` hid `time.sleep` in a coroutine handed to
    `create_task` beside ten others; the command-line exemption covers a program doing one
    thing at a time, never a task that runs beside other tasks, nor what it calls."""
    project = tmp_path / "mini"
    (project / "mini").mkdir(parents=True)
    (project / "mini" / "__init__.py").write_text("", encoding="utf-8")
    (project / "mini" / "app.py").write_text(code, encoding="utf-8")
    if declared:
        (project / "pyproject.toml").write_text(SCRIPTS, encoding="utf-8")
    result = run_advisor("scan", ".", "--format", "json", env=user_env(tmp_path), cwd=project)
    assert result.code == (1 if lines else 0), result.out + result.err
    found = sorted(f["line"] for f in json.loads(result.out)["findings"] if f["code"] == "ADV101")
    assert found == lines


SERVICE = """\
import asyncio
import time


async def handler():
    time.sleep(1)
    await asyncio.sleep(0)
"""


@pytest.mark.parametrize(
    ("workspace", "shown"),
    [
        ("repo", "pkg/service.py"),  # the job's workspace: GitHub resolves file= from there
        ("", "service.py"),  # outside a job: as the scan shows it
        ("elsewhere", "service.py"),  # a file outside the workspace: left as shown
    ],
)
def test_github_annotations_name_files_from_the_workspace(
    tmp_path: Path, workspace: str, shown: str
) -> None:
    """Review 25, #13: in a job step with `working-directory: pkg`, `--format github` wrote
    `file=service.py`, which GitHub resolves from the repository's root: no file, no
    annotation. Paths are relative to GITHUB_WORKSPACE, as ruff's GitHub format writes them."""
    package = tmp_path / "repo" / "pkg"
    package.mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (package / "service.py").write_text(SERVICE, encoding="utf-8")
    extra = {"GITHUB_ACTIONS": "true"}
    extra["GITHUB_WORKSPACE"] = str(tmp_path / workspace) if workspace else ""
    result = run_advisor(
        "scan", "--format", "github", ".", env=user_env(tmp_path, **extra), cwd=package
    )
    assert result.code == 1, result.err
    assert result.out.startswith(f"::error file={shown},line=6,col=5,title=ADV101::"), result.out


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_django_orm_in_a_coroutine_names_the_async_orm(tmp_path: Path, lang: str) -> None:
    """Review 25, #2: `User.objects.get(...)`, `list(Order.objects.filter(...))` and a Channels
    consumer's `Message.objects.create(...)` in `async def` raise SynchronousOnlyOperation
    and were never reported; the fix names Django's own async API (the fixture's expectations
    are checked line by line by tests/scan/test_rules.py)."""
    fixture = Path(__file__).parent.parent / "fixtures" / "scan" / "ADV101_django"
    result = run_advisor(
        "scan", str(fixture), "--format", "json", "--lang", lang, env=user_env(tmp_path, lang)
    )
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    views = [f for f in findings if f["path"].endswith("views.py")]
    assert [f["line"] for f in views] == [12, 13, 14, 15, 17, 19, 21, 22]
    shown = {f["message"] for f in views}
    first = next(f["message"] for f in views if f["line"] == 12)
    assert "`User.objects.get`" in first
    for word in ("aget", "sync_to_async", "SynchronousOnlyOperation"):
        assert word in first
    if lang == "zh-TW":
        assert all("Django 的非同步 ORM API" in m for m in shown)
    assert any("`list(Order.objects.filter)`" in m for m in shown)
