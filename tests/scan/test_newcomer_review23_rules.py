"""Review 23's scan-rule defects #2 (ADV110 and a coroutine override in another file) and #17
(ADV109 in a coroutine): the installed CLI in a subprocess on minimal projects written here
in the shape of changedetection.io 0.60.10's content fetchers and Red-DiscordBot 3.5.24's
audio cog, checking what the user reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_advisor, user_env

BASE = """\
import os


class Fetcher:
    screenshot_dir = None

    def save_step_html(self, step):
        if self.screenshot_dir and not os.path.isdir(self.screenshot_dir):
            os.mkdir(self.screenshot_dir)

    async def iterate_steps(self, steps):
        for step in steps:
            await self.save_step_html(step)
"""

BROWSER = """\
from pkg.base import Fetcher


class BrowserFetcher(Fetcher):
    {kind} save_step_html(self, step):
        super().save_step_html(step)
        return step

    async def run(self):
        await self.iterate_steps([1, 2])
"""


def _project(root: Path, kind: str) -> None:
    (root / "pkg").mkdir(exist_ok=True)
    (root / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (root / "pkg" / "base.py").write_text(BASE, encoding="utf-8")
    (root / "pkg" / "browser.py").write_text(BROWSER.format(kind=kind), encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nname = "p"\nversion = "0"\n')


def _adv110(root: Path, *paths: str) -> tuple[int, list[tuple[str, int]]]:
    result = run_advisor("scan", *paths, "--format", "json", cwd=root, env=user_env(root))
    found = json.loads(result.out)["findings"]
    return result.code, [(f["path"], f["line"]) for f in found if f["code"] == "ADV110"]


@pytest.mark.parametrize("paths", [(".",), ("pkg/base.py",)], ids=["project", "base-file-alone"])
def test_an_async_override_in_another_file_keeps_the_await(tmp_path: Path, paths: tuple) -> None:
    """#2: `await self.save_step_html()` in the base class is right for the subclass in
    another file that overrides it as `async def`; removing the `await`, as ADV110's fix
    said, would make the HTML never saved. Named alone, the base file gets the same answer
    (the project around it is indexed)."""
    _project(tmp_path, "async def")
    assert _adv110(tmp_path, *paths) == (0, [])


def test_a_plain_override_keeps_the_finding(tmp_path: Path) -> None:
    """A subclass overriding it with a plain `def` leaves the `await` wrong: still an error."""
    _project(tmp_path, "def")
    assert _adv110(tmp_path, ".") == (1, [("pkg/base.py", 13)])


def test_the_cache_follows_an_override_edited_in_the_other_file(tmp_path: Path) -> None:
    """The subclass's file is no module the base's file names: editing it alone must still
    move the base file's finding, on the warm run too."""
    _project(tmp_path, "def")
    assert _adv110(tmp_path, ".") == (1, [("pkg/base.py", 13)])
    browser = tmp_path / "pkg" / "browser.py"
    browser.write_text(BROWSER.format(kind="async def"), encoding="utf-8")
    assert _adv110(tmp_path, ".") == (0, [])
    browser.write_text(BROWSER.format(kind="def"), encoding="utf-8")
    assert _adv110(tmp_path, ".") == (1, [("pkg/base.py", 13)])


AUDIO = """\
import concurrent.futures


class LocalCache:
    def __init__(self, database):
        self.database = database

    async def clean_up_old_entries(self):
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
            executor.submit(self.database.execute, "DELETE FROM a")
            executor.submit(self.database.execute, "DELETE FROM b")

    def update(self, values):
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
            executor.submit(self.database.execute, "UPDATE a", values)
"""


@pytest.mark.parametrize(
    ("lang", "stalls", "fix"),
    [
        (
            "en",
            "waits for its tasks on the event loop's thread, freezing every other task",
            "await loop.run_in_executor(pool, func, *args)",
        ),
        (
            "zh-TW",
            "會在事件迴圈的執行緒上等待它的工作完成，在那之前其他所有任務都會停住",
            "以 `await loop.run_in_executor(pool, func, *args)` 等待每個工作",
        ),
    ],
)
def test_a_pool_shut_down_in_a_coroutine_says_it_stalls_the_loop(
    tmp_path: Path, lang: str, stalls: str, fix: str
) -> None:
    """#17: `with ThreadPoolExecutor()` in `async def` read only "starts a new pool every
    time"; the end of the block waits for the tasks on the loop's thread. A plain method's
    pool keeps the old message, which has no loop to freeze."""
    (tmp_path / "local_db.py").write_text(AUDIO, encoding="utf-8")
    result = run_advisor(
        "scan",
        "local_db.py",
        "--format",
        "plain",
        "--lang",
        lang,
        cwd=tmp_path,
        env=user_env(tmp_path),
    )
    lines = [line for line in result.out.splitlines() if "ADV109" in line]
    assert [line.split(":")[1] for line in lines] == ["9", "14"]
    in_coroutine, in_method = lines
    assert stalls in in_coroutine
    assert fix in in_coroutine
    assert stalls not in in_method
    assert "run_in_executor" not in in_method
