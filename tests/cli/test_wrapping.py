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
