"""`advisor explain CODE --details` is read in a terminal or through `less`: wrapped to the
terminal by display cells, headed by family, one case per paragraph, in both languages.
Newcomer review 25 (17): piped, ADV101's details were 24 lines, the longest 66,711 characters
(zh-TW 70,761), one paragraph with no heading."""

from __future__ import annotations

import unicodedata

import pytest

from advisor.rules import all_rules
from tests.helpers import clean_env, run_advisor

LANGS = ("en", "zh-TW")
DETAILED = [code for code, rule in all_rules("lint").items() if rule.text("details", "en")]
#: The headings of ADV101's and ADV102's families a reader looks for, per language.
HEADINGS = {
    "en": ("What is flagged", "Not flagged, and why", "Fixes"),
    "zh-TW": ("會標出的情況", "不標出的情況及原因", "修正方式"),
}
LABEL = {"en": "Details", "zh-TW": "細節"}


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def _details(code: str, lang: str, columns: int) -> list[str]:
    result = run_advisor(
        "explain", code, "--details", "--format", "plain", "--lang", lang,
        env=clean_env(COLUMNS=str(columns)),
    )  # fmt: skip
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    return lines[lines.index(LABEL[lang]) + 1 :]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", DETAILED)
@pytest.mark.parametrize("columns", [80, 60])
def test_details_are_wrapped_to_the_terminal(code: str, lang: str, columns: int) -> None:
    lines = _details(code, lang, columns)
    assert lines
    too_wide = [line for line in lines if _cells(line) > columns]
    assert not too_wide, too_wide[:3]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", ["ADV101", "ADV102"])
def test_the_longest_details_are_headed_by_family(code: str, lang: str) -> None:
    lines = _details(code, lang, 80)
    stripped = [line.strip() for line in lines]
    for heading in HEADINGS[lang]:
        assert any(line.startswith(heading) for line in stripped), heading
    # Each heading is underlined, and paragraphs are separated by blank lines.
    underlined = [i for i, line in enumerate(stripped) if line.startswith("────")]
    assert len(underlined) >= 8
    assert stripped.count("") >= 25


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_without_details_is_wrapped_too(lang: str) -> None:
    result = run_advisor(
        "explain", "ADV101", "--format", "plain", "--lang", lang, env=clean_env(COLUMNS="80")
    )
    assert result.code == 0, result.err
    # Prose is wrapped; code examples are printed as written.
    prose = [line for line in result.out.splitlines() if not line.startswith("    ")]
    assert max(_cells(line) for line in prose) <= 80


def test_markdown_details_have_headings_and_lists() -> None:
    result = run_advisor("explain", "ADV101", "--details", "--format", "markdown")
    assert result.code == 0, result.err
    assert "\n### Not flagged, and why" in result.out
    assert "\n- " in result.out
