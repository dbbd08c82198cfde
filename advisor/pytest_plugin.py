"""A pytest plugin: fail a test whose event loop was blocked longer than a threshold, naming
the line that blocked it.

Registered through the `pytest11` entry point, so `pip install advisor` makes it available in
every pytest run, and off unless asked: `pytest --advisor-blocking=50ms`, the ini option
`advisor_blocking = 50ms`, or per test `@pytest.mark.advisor_blocking("50ms")` (and
`@pytest.mark.advisor_blocking(None)` to exempt one test).

It reuses `advisor profile`'s probe (`Blocking`): while a test runs, every event loop that
runs (asyncio's own loops, whatever pytest-asyncio or AnyIO's plugin starts them with, and
uvloop's) ticks a few times per threshold, and a watchdog thread samples the loop thread's
stack while a tick is late; a trio run (AnyIO's trio backend, or `trio.run` in a test) gets
the probe's trio instrument, and the watchdog samples while a task step runs long. A late tick of the threshold or more, blamed on a frame of the
loop thread, fails the test with that frame's file:line and call. Work handed to threads or
executors never delays the loop's ticks, so it is never blamed; nor is a loop that was late
only because it was waiting (for the GIL another thread held, or for a busy machine).

Importing this module costs nothing but pytest itself: the probe is imported on first use.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from advisor.profiler.probe.advisor_probe import Blocking

OPTION = "--advisor-blocking"
INI = "advisor_blocking"
MARKER = "advisor_blocking"
TAG = "_advisor_pytest"
SAMPLE_EVERY = 0.005  # the watchdog's period: several samples inside the shortest threshold
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$")

# pytest's own usage error (shown by pytest, like its other option errors); a local name, as
# advisor.errors has a UsageError of its own.
PytestUsageError = pytest.UsageError

_active: Blocking | None = None
_watchdog: threading.Thread | None = None


def parse_duration(value: object) -> float | None:
    """`"50ms"`, `"0.05s"`, `50` (milliseconds) -> seconds; None, False, "", "off" -> None."""
    if value is None or value is False:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value) / 1000
    else:
        text = str(value).strip().lower()
        if text in ("", "off", "no", "none", "0"):
            return None
        match = _DURATION.match(text)
        if match is None:
            raise ValueError(f"{value!r} is not a duration; write it as 50ms or 0.05s")
        number = float(match.group(1))
        seconds = number if match.group(2) == "s" else number / 1000
    if seconds <= 0:
        return None
    return seconds


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("advisor", "advisor: event-loop blocking")
    group.addoption(
        OPTION,
        metavar="DURATION",
        default=None,
        help="fail a test whose event loop was blocked this long or longer (50ms, 0.1s), "
        "naming the line that blocked it; off unless given",
    )
    parser.addini(INI, "default for --advisor-blocking (50ms, 0.1s); empty: off", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(duration): fail this test if its event loop is blocked this long or longer "
        "(50ms, 0.1s); None exempts the test",
    )
    try:
        _default(config)
    except ValueError as exc:
        raise PytestUsageError(f"{OPTION}: {exc}") from None


def _default(config: pytest.Config) -> float | None:
    given = config.getoption(OPTION)
    if given is None:
        given = config.getini(INI)
    return parse_duration(given)


DEFAULT_S = 0.1  # a bare marker where neither the option nor the ini gives a limit


def threshold(item: pytest.Item) -> float | None:
    """The test's threshold in seconds: its marker's, else the option's, else the ini's. A
    bare `@pytest.mark.advisor_blocking` turns the check on at the run's limit (100 ms when
    the run has none); ValueError for a marker with a bad duration."""
    marker = item.get_closest_marker(MARKER)
    if marker is not None and (marker.args or "duration" in marker.kwargs):
        value = marker.args[0] if marker.args else marker.kwargs["duration"]
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise ValueError(f"{MARKER}: {exc}") from None
    default = _default(item.config)
    if marker is not None and default is None:
        return DEFAULT_S
    return default


def _current() -> Blocking | None:
    return _active


def _install() -> None:
    """Wrap the loops' run_forever (once) and start the watchdog thread (once)."""
    global _watchdog  # noqa: PLW0603
    import asyncio.base_events
    import importlib
    import importlib.util
    import sys

    from advisor.profiler.probe import advisor_probe

    advisor_probe.wrap_run_forever(asyncio.base_events.BaseEventLoop, _current, TAG)
    uvloop = sys.modules.get("uvloop")
    if uvloop is None:
        try:  # optional: uvloop need not be installed (import_module keeps mypy off its stubs)
            uvloop = importlib.import_module("uvloop")
        except ImportError:
            uvloop = None
    if uvloop is not None:
        advisor_probe.wrap_run_forever(uvloop.Loop, _current, TAG)
    # trio is imported here, not when a test first uses it: AnyIO's plugin starts one trio run
    # for several tests, and a run started before the wrap would go unwatched.
    if importlib.util.find_spec("trio") is not None:
        advisor_probe.wrap_trio(importlib.import_module("trio"), _current, TAG)
    if _watchdog is None:
        _watchdog = threading.Thread(target=_watch, name="advisor-blocking", daemon=True)
        _watchdog.start()


def _watch() -> None:
    while True:
        time.sleep(SAMPLE_EVERY)
        blocking = _active
        if blocking is not None:
            try:
                blocking.sample()
            except Exception:  # noqa: BLE001, S112 - a failed sample must not end the watchdog
                continue


def _where(file: str | None, line: int, root: str) -> str:
    if file is None:
        return "?"
    try:
        rel = os.path.relpath(file, root)
    except ValueError:
        rel = file
    return f"{file if rel.startswith('..') else rel}:{line}"


def failure(blocking: Blocking, limit: float, root: str, lang: str) -> str | None:
    """The failure message for what *blocking* saw, or None when nothing is to blame."""
    from advisor.profiler.infer import fix_for, fix_text
    from advisor.texts import ui

    texts = ui(lang)
    blamed = [(lag, site) for lag, site in blocking.episodes if site is not None and site[0]]
    if not blamed:
        return None
    lag, site = max(blamed, key=lambda pair: pair[0])
    lines = [
        texts(
            "pytest_blocked",
            ms=f"{lag * 1000:.0f}",
            limit=f"{limit * 1000:.0f}",
            where=_where(site[0], site[1], root),
            function=f"{site[2]}()",
            call=site[3] or "?",
        )
    ]
    if site[4] is not None:
        lines.append(
            "  "
            + texts(
                "profile_blocking_inside",
                call=site[7] or "?",
                where=_where(site[4], site[5], root),
                function=f"{site[6]}()",
            )
        )
    lines.append(
        "  "
        + texts(
            "profile_blocking_rule",
            rule="ADV101",
            fix=fix_text(fix_for(site[3]), lang, site[8]),
        )
    )
    more = len(blamed) - 1
    if more:
        lines.append("  " + texts("pytest_blocked_more", count=more))
    return "\n".join(lines)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, Any, Any]:
    """Async fixtures run on the test's loop too: a fixture that blocks it fails at setup."""
    return (yield from _watched(item, "setup"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, Any]:
    return (yield from _watched(item, "call"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, Any, Any]:
    return (yield from _watched(item, "teardown"))


def _watched(item: pytest.Item, phase: str) -> Generator[None, Any, Any]:
    """One phase of *item* (setup, call, teardown) with every loop that runs in it watched.
    The phase always runs (pytest's own setup and teardown must); a bad marker fails the
    test, in one line, after its call."""
    global _active  # noqa: PLW0603
    try:
        limit = threshold(item)
    except ValueError as exc:
        result = yield
        if phase == "call":
            pytest.fail(str(exc), pytrace=False)
        return result
    if limit is None:
        return (yield)
    from advisor.i18n import detect_lang
    from advisor.profiler.probe.advisor_probe import Blocking, retarget

    _install()
    blocking = Blocking(limit, min(0.025, limit / 5))
    _active = blocking
    retarget()  # a trio run that AnyIO keeps across tests reports to this test from now on
    try:
        result = yield
    finally:
        _active = None
        retarget()
    message = failure(blocking, limit, str(item.config.rootpath), detect_lang(os.environ))
    if message is not None:
        pytest.fail(message, pytrace=False)
    return result
