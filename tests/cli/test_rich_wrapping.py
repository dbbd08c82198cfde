"""Rich panels break Chinese the way it is typeset, in a real narrow terminal.

Rich breaks only at spaces: in a 44-column pane a zh-TW recommendation left "→ I/O" alone on
a line before a run of Chinese, chopped "FastAPI/Starlette" at the panel's edge and could start
a line with "。" (newcomer review 21, #10). The commands run in a pseudo-terminal of that width,
as a reader of the zh-TW chapter would run them, and the screen is checked line by line.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rich.cells import cell_len

from advisor.render.wrapping import NO_LINE_START
from tests.helpers import finish, spawn

COLUMNS = 44
ZH = "zh_TW.UTF-8"

CASES = {
    "recommend": (
        "recommend --lang zh-TW --cpu-bound no --async-libs yes --program service "
        "--concurrency 500 --shared-memory no",
        ["FastAPI/Starlette", "→ I/O 密集"],
    ),
    "explain a model": ("explain asyncio --lang zh-TW", ["asyncio.TaskGroup，3.11+）"]),
    "explain a rule": ("explain ADV101 --lang zh-TW", ["`run_in_executor`"]),
}


def _wide(char: str) -> bool:
    return cell_len(char) == 2


def _panels(screen: str) -> list[str]:
    """The lines of the screen inside a panel's borders, with the borders."""
    lines = [line.rstrip("\r").rstrip() for line in screen.splitlines()]
    return [line for line in lines if line.startswith("│") and line.endswith("│")]


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_zh_tw_rich_text_breaks_between_characters(case: str, tmp_path: Path) -> None:
    command, whole = CASES[case]
    code, screen = finish(spawn(*command.split(), lang=ZH, tmp_path=tmp_path, columns=COLUMNS))
    assert code == 0, screen
    panels = _panels(screen)
    assert len(panels) > 10, screen
    assert all(cell_len(line) <= COLUMNS for line in panels), screen
    lines = [line[1:-1].rstrip() for line in panels]
    starts = [line.strip()[0] for line in lines if line.strip()]
    assert not [c for c in starts if c in NO_LINE_START and _wide(c)], screen
    for words in whole:  # English words and code are never cut at the edge
        assert any(words in line for line in lines), (words, screen)
    if case != "recommend":
        return  # the guides and rules hold code and tables, where a short line is the layout
    room = COLUMNS - 4  # the panel's borders and padding
    wasted = [
        (line, after)
        for line, after in itertools.pairwise(lines)
        if line.strip()
        and not _wide(line[-1])  # rich's break: at the space after an English word ...
        and len(after.strip()) > 1
        and _wide(after.strip()[0])  # ... before Chinese that had room on the line
        and not {after.strip()[0], after.strip()[1]} & NO_LINE_START
        and cell_len(line) + 4 <= room
        and cell_len(after) - cell_len(after.lstrip()) == cell_len(line) - cell_len(line.lstrip())
    ]
    assert not wasted, wasted
