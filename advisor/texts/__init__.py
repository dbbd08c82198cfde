"""The text catalogues: UI strings (``ui.yaml``) and error translations (``errors.<lang>.yaml``).

Apart from `advisor.i18n` (which only *chooses* a language) so that the error
classes can read their translations without an import circle: this package
imports nothing that raises an `AdvisorError`, only the YAML loader and the
language constants. Tree texts carry both languages themselves; the strings the
renderers and the CLI add around them (headings, labels) live here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache

from advisor import datafiles
from advisor.models import DEFAULT_LANG

TEXTS_DIR = datafiles.path(__file__)


@lru_cache(maxsize=1)
def _strings() -> Mapping[str, Mapping[str, str]]:
    from advisor import yamlio

    data: Mapping[str, Mapping[str, str]] = yamlio.load_data(os.path.join(TEXTS_DIR, "ui.yaml"))
    return data


def _wide(char: str) -> bool:
    """A Chinese character or full-width mark (the texts write no space between two)."""
    return bool(char) and ("\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef")


def fill(template: str, values: Mapping[str, object]) -> str:
    """*template* with its ``{placeholders}`` filled (``str.format`` rules), dropping the
    template's space beside a placeholder when the value put there meets Chinese across it:
    "請改用 {fix}" keeps its space before `httpx` but not before 非同步的 (newcomer review 25,
    #18: "請改用 非同步的 HTTP 用戶端")."""
    import string

    out: list[str] = []
    pending_space = False  # a space after the last value, kept only if not Chinese both sides
    for part, field, spec, conversion in string.Formatter().parse(template):
        literal = part
        if pending_space and literal.startswith(" ") and _wide(literal[1:2]):
            literal = literal[1:]
        if field is None:
            out.append(literal)
            continue
        text = string.Formatter().get_field(field, (), values)[0]
        if conversion:
            text = string.Formatter().convert_field(text, conversion)
        text = format(text, spec or "")
        if literal.endswith(" ") and _wide(literal[-2:-1]) and _wide(text[:1]):
            literal = literal[:-1]
        out += [literal, text]
        pending_space = _wide(text[-1:])
    return "".join(out)


class UI:
    """UI strings in one language; ``ui("path")`` or ``ui("assumed", how="default")``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        entry = _strings()[key]
        text = entry.get(self.lang) or entry[DEFAULT_LANG]
        return fill(text, values) if values else text


def ui(lang: str) -> UI:
    return UI(lang)


def plural(key: str, count: int) -> str:
    """*key*, or its `KEY_one` form for a count of one ("1 task", not "1 tasks"). Chinese has
    no plural: a `_one` entry's zh-TW text is the same as its plain entry's."""
    return f"{key}_one" if count == 1 else key


@lru_cache(maxsize=4)
def _error_catalogue(lang: str) -> Mapping[str, str]:
    from advisor import yamlio

    path = os.path.join(TEXTS_DIR, f"errors.{lang}.yaml")
    if not os.path.isfile(path):
        return {}
    data: Mapping[str, str] = yamlio.load_data(path)
    return data


def error_template(lang: str, key: str) -> str | None:
    """The catalogue text for error *key* in *lang*; None when there is none (English is in
    the code, next to each `raise`)."""
    if lang == DEFAULT_LANG:
        return None
    return _error_catalogue(lang).get(key)


def all_strings() -> Mapping[str, Mapping[str, str]]:
    """Every UI entry, key -> {lang: text}: for translating argparse's own words."""
    return _strings()
