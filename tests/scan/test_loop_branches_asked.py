"""ADV101 one call away decides a def's no-loop branches (`loop_branches.no_loop_nodes`) only
for a def whose lines name a loop probe, ``is_running`` or a def of the file that does
(`reach_reasons.asks_loop`): deciding every def was an eighth of a cold scan of the standard
library (issue 17, "Speed"). Counted, never timed: the same findings, fewer defs decided."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from advisor import api
from advisor.lint.checks import loop_branches

PLAIN = textwrap.dedent(
    """
    import time

    def helper(path):
        data = open(path).read()  # not ASCII: searched as NFKC, « é »
        return data.strip()

    def other():
        time.sleep(1)

    async def handler():
        helper("x")
        other()
    """
)

PROBED = textwrap.dedent(
    """
    import asyncio
    import time

    def _loop():
        return asyncio.get_running_loop()

    def stop():
        if _loop() is None:
            time.sleep(1)

    def plain():
        time.sleep(1)

    async def handler():
        stop()
        plain()
    """
)


@pytest.fixture
def decided(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the defs `no_loop_nodes` decides, in order."""
    names: list[str] = []
    real = loop_branches.no_loop_nodes

    def counting(ctx: object, function: ast.AST) -> frozenset[int]:
        names.append(getattr(function, "name", "?"))
        return real(ctx, function)

    monkeypatch.setattr("advisor.lint.checks.reach_reasons.no_loop_nodes", counting)
    return names


def _lines(tmp_path: Path, source: str) -> list[int]:
    """ADV101's lines in *source*, scanned in this process (``jobs=1``: the count is seen)."""
    (tmp_path / "m.py").write_text(source, encoding="utf-8")
    result = api.scan([tmp_path], select=["ADV101"], cache=False, config=False, jobs=1)
    return [f.line for f in result.findings]


def test_a_file_naming_no_probe_decides_no_def(tmp_path: Path, decided: list[str]) -> None:
    assert _lines(tmp_path, PLAIN) == [12, 13]
    assert decided == []


def test_only_the_defs_naming_a_probe_or_its_def_are_decided(
    tmp_path: Path, decided: list[str]
) -> None:
    # `stop` asks through `_loop()`: its sleep runs only without a loop, never in the chain
    assert _lines(tmp_path, PROBED) == [17]
    assert set(decided) == {"_loop", "stop"}  # never `plain`, which names neither
