"""The templates' text fits its width by display cells, in both languages. Newcomer review 25
(19): the notebook form's Markdown notes were never wrapped (156-256 columns at COLUMNS=80),
and zh-TW comments were wrapped by character count, so a line of Chinese (two cells a
character) ran past the English lines' width. The scripts keep the project's line length
(100, pyproject's ruff setting); the notebook form's comments and Markdown wrap at 88."""

from __future__ import annotations

import unicodedata

import pytest

from advisor import notebook_layout, templating
from tests.helpers import run_advisor

LANGS = ("en", "zh-TW")
SCRIPT_WIDTH = 100
NOTEBOOKS = sorted(
    {
        entry["programs"]["notebook"]
        for entry in templating.catalog().values()
        if isinstance(entry, dict) and "notebook" in entry.get("programs", {})
    }
)


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def _render(template_id: str, lang: str) -> str:
    context = templating.context_for(template_id, {})
    return templating.render(template_id, context, header="", lang=lang)


def _markdown_lines(text: str) -> list[str]:
    lines, inside = [], False
    for line in text.splitlines():
        if line.startswith("# %%"):
            inside = line == "# %% [markdown]"
        elif inside:
            lines.append(line)
    return lines


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("template_id", templating.script_template_ids())
def test_script_comments_fit_the_line_length_in_cells(template_id: str, lang: str) -> None:
    comments = [
        line for line in _render(template_id, lang).splitlines() if line.lstrip().startswith("#")
    ]
    wide = [line for line in comments if _cells(line) > SCRIPT_WIDTH]
    assert not wide, wide[:3]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("template_id", NOTEBOOKS)
def test_notebook_markdown_and_comments_wrap_by_cells(template_id: str, lang: str) -> None:
    text = _render(template_id, lang)
    markdown = _markdown_lines(text)
    assert markdown
    # A heading is kept whole; every other Markdown line fits.
    wide = [
        line
        for line in markdown
        if _cells(line) > notebook_layout.TEXT_WIDTH and not line.startswith("# #")
    ]
    assert not wide, wide[:3]
    # The percent text is what `parse` reads back for --emit: the same cells again.
    assert notebook_layout.percent(notebook_layout.parse(text), writefile=True) == text


def test_the_ipynb_keeps_paragraphs_whole(tmp_path) -> None:
    """In the .ipynb a paragraph is one line again: Jupyter renders it, and a line break
    between two Chinese characters would show as a space."""
    import json

    target = tmp_path / "nb.ipynb"
    result = run_advisor(
        "recommend", "--program", "notebook", "--cpu-bound", "no", "--concurrency", "50",
        "--cpu-heavy-steps", "no", "--shared-memory", "no", "--async-libs", "yes",
        "--lang", "zh-TW", "--emit", str(target),
    )  # fmt: skip
    assert result.code == 0, result.err
    cells = json.loads(target.read_text(encoding="utf-8"))["cells"]
    notes = "".join(cells[1]["source"])
    assert "- 請由上而下依序執行各儲存格。" in notes
    bullet = next(line for line in notes.splitlines() if line.startswith("- 請由上而下"))
    assert '`if __name__ == "__main__":`' in bullet  # the bullet's end, on its line


def test_the_terminal_shows_the_notebook_wrapped(tmp_path) -> None:
    result = run_advisor(
        "recommend", "--program", "notebook", "--cpu-bound", "no", "--concurrency", "50",
        "--cpu-heavy-steps", "no", "--shared-memory", "no", "--async-libs", "yes",
        "--format", "plain",
    )  # fmt: skip
    assert result.code == 0, result.err
    comments = [line for line in result.out.splitlines() if line.startswith("# - ")]
    assert comments
    assert max(_cells(line) for line in comments) <= notebook_layout.TEXT_WIDTH
