"""One term per thing in every zh-TW text: the table is advisor/texts/terms.zh-TW.yaml (the
term each text writes, and the forms it replaces). Newcomer review 25 (18) found notebook /
筆記本, kernel / 核心, 用戶端 / 客戶端, 弱參照 / 弱參考 and 處理常式 / 處理函式, sometimes two
names in one report, and the mainland 並發 for concurrency.

Prose only: code spans, quoted text, placeholders and an option with its value
(`--program notebook`) are left out, and the tutorial chapter's own words (a claim's
`quote`, the seed tree, which is the chapter's flowchart verbatim) are the chapter's."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.helpers import ROOT
from tests.meta.test_zh_typography import _NOT_PROSE, TEXTS

TABLE = yaml.safe_load((ROOT / "advisor/texts/terms.zh-TW.yaml").read_text("utf-8"))["terms"]
#: A word quoted to name it (「並發」 in the glossary): mentioned, not used.
_QUOTED = re.compile(r"「[^」]*」")
#: An option and its value, a file name or a dotted name: not prose.
_OPTION = re.compile(r"--[\w-]+(?:[ =][\w.+-]+)?|\b[\w-]+\.(?:py|ipynb|md|yaml|toml)\b")


def _readme_paragraphs() -> list[tuple[str, str]]:
    readme = (ROOT / "README.zh-TW.md").read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", readme, flags=re.MULTILINE | re.DOTALL)
    return [(f"README.zh-TW.md paragraph {i}", p) for i, p in enumerate(prose.split("\n\n"))]


PROSE = [
    (where, _QUOTED.sub("", _OPTION.sub("", _NOT_PROSE.sub("", text))))
    for where, text in [*TEXTS, *_readme_paragraphs()]
    if "quote" not in where.split(".")
]


def _without(text: str, kept: list[str]) -> str:
    for phrase in kept:
        text = text.replace(phrase, "")
    return text


def _pattern(form: str) -> re.Pattern[str]:
    """A Latin form is a whole word (`notebook`, not `notebook_note`); a Chinese one is text."""
    if form.isascii():
        return re.compile(rf"(?<![\w./`-]){re.escape(form)}(?![\w./`-])")
    return re.compile(re.escape(form))


def test_the_table_is_read_and_texts_are_found() -> None:
    assert len(TABLE) >= 8
    assert len(PROSE) > 1000
    for term in TABLE:
        assert {"en", "use", "not", "why"} <= set(term), term
        assert term["use"] not in term["not"], term


@pytest.mark.parametrize("term", TABLE, ids=[t["en"] for t in TABLE])
def test_every_zh_tw_text_writes_the_one_term(term: dict[str, object]) -> None:
    forms = [str(f) for f in term["not"]]  # type: ignore[attr-defined]
    kept = [str(k) for k in term.get("keep", ())]  # type: ignore[attr-defined]
    found = [
        f"{where}: {form!r} in …{text[max(0, m.start() - 15) : m.end() + 15]}…"
        for form in forms
        for where, prose in PROSE
        for text in [_without(prose, kept)]
        for m in [_pattern(form).search(text)]
        if m
    ]
    assert found == [], f"write {term['use']!r}"


@pytest.mark.parametrize("term", TABLE, ids=[t["en"] for t in TABLE])
def test_the_term_is_in_use(term: dict[str, object]) -> None:
    use = str(term["use"])
    assert any(use in text for _where, text in [*TEXTS, *_readme_paragraphs()]), use
