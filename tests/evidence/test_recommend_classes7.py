"""Issue 19, the classes the seventh held-back set showed (benchmarks/apps_heldout7.yaml, the
comment block at its end): each on our own minimal reproduction in
``tests/fixtures/recommend_classes``, citing the application that inspired it, through the
installed CLI in a subprocess. Each class has its negative case beside it: the same project
with the one thing that makes the difference taken away."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evidence.recommend_cases import LIBRARY, Case, check, scan

NO_SCRIPTS = """from setuptools import find_packages, setup

setup(name="reminder-bot", version="0.1", packages=find_packages())
"""

SELF_TEST_GUARD = '''"""A library module whose main guard runs a self-test, no arguments."""

from itertools import combinations


def pairs(items):
    return list(combinations(items, 2))


if __name__ == "__main__":
    assert pairs([1, 2, 3]) == [(1, 2), (1, 3), (2, 3)]
'''

APP = """from logkit import log

for item in range(3):
    log("item", n=item)
"""

NO_PAIRS = ("pairs = list(combinations(list(self.tensors), 2))", "pairs = list(self.tensors)")

CASES = {
    # matrix-reminder-bot: setup.py's `scripts=["matrix-reminder-bot"]`, an extensionless
    # Python file that runs main.main() on an event loop, is the program's start.
    "a file setup.py installs as a command is an entry point": Case(
        "reminder_bot", {}, 0, "asyncio", {"async_app": True, "async_libs": True}, "aiohttp"
    ),
    "without it the package is a library": Case(
        "reminder_bot", {"setup.py": NO_SCRIPTS, "reminder-bot": None}, 2, None, {}, LIBRARY
    ),
    # difPy: `python -m difPy.dif -D photos`, argparse under a main guard inside the package.
    "a package main guard that parses the command line is an entry point": Case(
        "image_dupes",
        {},
        0,
        "multiprocessing",
        {"cpu_bound": True, "native_code": False},
        "hands every pair of items to match",
    ),
    # rich, aiohttp: `python -m rich.syntax FILE` in a typed library is a demo of it.
    "a typed package's main guard with a command line is a demo": Case(
        "image_dupes", {"imgdupes/py.typed": ""}, 2, None, {}, LIBRARY
    ),
    "a package main guard that runs a self-test is a library's helper": Case(
        "image_dupes", {"imgdupes/dif.py": SELF_TEST_GUARD}, 2, None, {}, LIBRARY
    ),
    # difPy: without the pairwise search, the per-image resize is the work, in Pillow.
    "one heavy native call per item answers native code when nothing pairs the items": Case(
        "image_dupes",
        {"imgdupes/dif.py": "=" + "\x00".join(NO_PAIRS)},
        0,
        "threading",
        {"native_code": True},
        "Pillow",
    ),
    # structlog: show_off.py at the top of the archive shows a typed library off.
    "a demo script beside a typed package is no program": Case(
        "show_off", {}, 2, None, {}, LIBRARY
    ),
    "a top-level app.py beside the package stays a program": Case(
        "show_off",
        {"show_off.py": None, "app.py": APP},
        2,
        None,
        {},
        "still needed",
    ),
    # streamrip: requests inside a coroutine beside aiohttp; Semaphore(c.max_connections)
    # with `max_connections = 6` in the package's config.toml; a cover downscale only
    # `if c.embed_max_width > 0`, which the same file sets to -1.
    "a blocking call whose async counterpart is in use can be switched": Case(
        "track_fetcher",
        {},
        0,
        "asyncio",
        {"async_libs": True, "concurrency": 6, "cpu_heavy_steps": False},
        "requests can be switched to aiohttp, which the program already uses",
    ),
    "a step the configuration turns on is a heavy step": Case(
        "track_fetcher",
        {"trackfetch/config.toml": "=embed_max_width = -1\x00embed_max_width = 600"},
        0,
        "asyncio+executor",
        {"concurrency": 6, "cpu_heavy_steps": True},
        "Pillow",
    ),
    # A blocking library whose async counterpart the code does not use (sqlite3 beside
    # aiohttp: aiosqlite is not there) still blocks inside the coroutine: asked.
    "a blocking call with no counterpart in use still blocks": Case(
        "track_fetcher",
        {
            "trackfetch/download.py": "=        if c.embed\x00        sqlite3.connect(url).commit()\n        if c.embed"
        },
        2,
        None,
        {},
        "--async-libs",
    ),
    # grip: `GitHubRenderer() if not render_offline else OfflineRenderer()`, with
    # `render_offline=False`: the offline Markdown renderer is an option, not the program's.
    "a renderer a default-off flag picks is no heavy step": Case(
        "page_preview",
        {},
        0,
        "threading",
        {"cpu_heavy_steps": False, "async_libs": False},
        "no step computes heavily",
    ),
    "the same renderer on by default is a heavy step": Case(
        "page_preview",
        {"preview/cli.py": "=offline=False\x00offline=True"},
        0,
        "threading",
        {"cpu_heavy_steps": True},
        "a pure-Python conversion of a whole document",
    ),
    # codespell: a word regular expression over every line of every file, each word looked
    # up in a dict: per-word Python work, in one process.
    "a regular expression over every line, then every word, computes": Case(
        "spell_check",
        {},
        0,
        "multiprocessing",
        {"cpu_bound": True, "native_code": False},
        "runs a regular expression over every line (enumerate(lines))",
    ),
    "one search per line with nothing per word casts no vote": Case(
        "spell_check",
        {"spellcheck/cli.py": "=for word in WORD.findall(line):\x00if WORD.search(line):"},
        2,
        None,
        {},
        "still needed: --cpu-bound",
    ),
    # butterfly: setup.py's scripts=["butterfly.server.py"] reads its configuration at the
    # top level, then starts Tornado's IOLoop there.
    "top-level set-up before the loop starts is context": Case(
        "pty_server",
        {},
        0,
        "asyncio",
        {"async_libs": True, "async_app": True},
        "at the top level of the script that then starts the event loop",
    ),
}


@pytest.mark.parametrize("title", list(CASES))
def test_class(title: str, tmp_path: Path) -> None:
    check(CASES[title], tmp_path)


def test_the_new_reasons_in_traditional_chinese(tmp_path: Path) -> None:
    """The new reasons exist in zh-TW, with full-width punctuation."""
    code, data, err = scan(
        CASES["a blocking call whose async counterpart is in use can be switched"],
        tmp_path,
        "--lang",
        "zh-TW",
    )
    assert code == 0, err
    said = [e["reason"] for e in data["evidence"]["async_libs"]["evidence"]]
    assert any("requests 可以換成程式已經用來做網路 I/O 的 aiohttp" in r for r in said), said
    code, data, err = scan(
        CASES["a package main guard that parses the command line is an entry point"],
        tmp_path / "pairs",
        "--lang",
        "zh-TW",
    )
    assert code == 0, err
    said = [e["reason"] for e in data["evidence"]["cpu_bound"]["evidence"]]
    assert any("把每一對項目交給 match：工作量隨項目數的平方成長" in r for r in said), said
