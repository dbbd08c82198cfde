"""The classes of missed real bugs fixed on r-pass23, through the installed CLI, in a
subprocess, on copies of their fixtures: a blocking def reached through a function value
(alexa_media_player#2277), an attribute a library's generic base types (hacs/default#8500),
and an `async def` override of a plain method a base class calls bare (ipykernel#942)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _scan(tmp_path: Path, fixture: str, *flags: str) -> tuple[int, list[dict[str, Any]]]:
    project = tmp_path / "project"
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = FIXTURES / fixture
    if source.is_dir():
        shutil.copytree(source, project)
    else:
        project.mkdir()
        shutil.copy(source, project / source.name)
    result = run_advisor(
        "scan", ".", "--format", "json", "--isolated", "--no-cache", *flags, cwd=project
    )
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)["findings"]


def _messages(findings: list[dict[str, Any]]) -> dict[int, str]:
    return {f["line"]: f["message"] for f in findings}


def test_function_values_show_how_the_chain_goes_on(tmp_path: Path) -> None:
    """`list(map(self._fix, xs))` in a helper a coroutine calls: reported at the coroutine's
    call, the chain naming the caller that runs the method (`map(_fix)`), ending at the
    blocking call's line; exit 1."""
    code, findings = _scan(tmp_path, "ADV101_called_values.py")
    assert code == 1
    messages = _messages(findings)
    assert "`refresh -> _process -> map(_fix) -> pytz.timezone()`" in messages[51]
    assert "`order -> _ordered -> sorted(_key) -> load -> open()`" in messages[54]
    assert "`bound -> _bound -> partial(_fix) -> pytz.timezone()`" in messages[63]
    assert "`aliased -> _aliased -> _fix -> pytz.timezone()`" in messages[60]
    first = next(f for f in findings if f["line"] == 51)
    assert first["related"][-1]["line"] == 28  # the hops end at `pytz.timezone(...)`


def test_function_values_off_the_loop_are_quiet(tmp_path: Path) -> None:
    """The negative twin: executors, a pool's map, a lazy map handed on, lambdas, builtins,
    a local bound twice, helpers that do not block: nothing, exit 0."""
    assert _scan(tmp_path, "negative_called_values.py") == (0, [])


def test_generic_coordinator_reaches_the_plain_method(tmp_path: Path) -> None:
    """`self.coordinator.set_value(...)` in a switch whose base (another module) derives from
    `CoordinatorEntity[_CoordinatorT]`, the TypeVar bound to the coordinators: the chain runs
    into the coordinator's plain method and the router client's socket."""
    code, findings = _scan(tmp_path, "ADV101_generic_attributes")
    assert code == 1
    messages = _messages(findings)
    assert set(messages) == {10, 17, 22}
    assert "`async_turn_on -> set_value -> send -> socket.create_connection()`" in messages[10]


def test_generic_coordinator_untyped_or_offloaded_is_quiet(tmp_path: Path) -> None:
    """The negative twin: the method handed to the executor, an unsubscripted or constrained
    base, an attribute no library types: nothing, exit 0."""
    assert _scan(tmp_path, "negative_generic_attributes") == (0, [])


def test_async_override_names_the_base_call_in_both_languages(tmp_path: Path) -> None:
    """`async def _abort_queues` overriding the plain method `Kernel` calls bare two modules
    away: ADV102 on the override's `def` line, naming the base class and its call's place."""
    code, findings = _scan(tmp_path, "ADV102_overrides")
    assert code == 1
    messages = _messages(findings)
    assert set(messages) == {5, 8}
    assert all(f["path"] == "kernel/inprocess/kernel.py" for f in findings)
    assert "the base class `Kernel` calls (kernel/base.py:11)" in messages[5]
    assert "make the override a plain `def`" in messages[5]
    _code, chinese = _scan(tmp_path / "zh", "ADV102_overrides", "--lang", "zh-TW")
    assert "覆寫了基底類別 `Kernel`" in _messages(chinese)[5]


def test_overrides_the_base_awaits_or_keeps_are_quiet(tmp_path: Path) -> None:
    """The negative twin: the base awaits it, keeps its result, caches it, never calls it, or
    the override is plain: nothing, exit 0."""
    assert _scan(tmp_path, "negative_overrides") == (0, [])


def test_stored_callback_and_handed_function_reach_the_blocking_def(tmp_path: Path) -> None:
    """`Poller(self._done)` in another module, then `self._check()` in the poller's coroutine:
    the chain runs into `_done`; and `retry(self._fetch)`, a helper calling its parameter."""
    code, findings = _scan(tmp_path, "ADV101_stored_callbacks")
    assert code == 1
    assert [(f["path"], f["line"]) for f in findings] == [("poller.py", 15)]
    assert "`wait -> _done -> open().read()`" in findings[0]["message"]
    _code, handed = _scan(tmp_path / "handed", "ADV101_called_values.py")
    assert "`fetch -> retry -> _fetch -> load -> open()`" in _messages(handed)[102]


def test_stored_callbacks_of_two_kinds_or_offloaded_are_quiet(tmp_path: Path) -> None:
    """The negative twin: two different callbacks for one parameter, one run in the executor,
    one that does not block: nothing, exit 0."""
    assert _scan(tmp_path, "negative_stored_callbacks") == (0, [])
