"""Help text wrapping for the prompts: by terminal cells, with a hanging indent."""

from __future__ import annotations

import pytest

from advisor.render.wrapping import wrap


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("short help", 40, ["  short help"]),
        ("alpha beta gamma delta", 14, ["  alpha beta", "  gamma delta"]),
        ("averyveryverylongword fits", 12, ["  averyveryverylongword", "  fits"]),
        ("中文沒有空白可以斷行", 12, ["  中文沒有空", "  白可以斷行"]),
        ("用 Python 解析", 12, ["  用 Python", "  解析"]),
        # A word longer than a line breaks after a path's "/", a dotted name's "." (newcomer
        # review 23, 8), never inside a version number.
        ("at: pkg/sub-3.5.2/mod.py:8", 14, ["  at: pkg/", "  sub-3.5.2/", "  mod.py:8"]),
        ("`concurrent.futures.Pool`", 16, ["  `concurrent.", "  futures.Pool`"]),
        ("共掃描 217 個檔案", 14, ["  共掃描", "  217 個檔案"]),  # a number with its measure word
    ],
)
def test_wrap(text, width, expected):
    assert wrap(text, width, indent="  ").split("\n") == expected


def test_wrapped_lines_fit_in_terminal_cells():
    from advisor.render.wrapping import _cell_width

    text = (
        "執行時若 CPU 接近 100%,請回答「是」。If the CPU sits near 100% while it runs, answer yes."
    )
    for line in wrap(text, 30, indent="  ").split("\n"):
        assert sum(_cell_width(c) for c in line) <= 30
