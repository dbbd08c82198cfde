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


class UI:
    """UI strings in one language; ``ui("path")`` or ``ui("assumed", how="default")``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        entry = _strings()[key]
        text = entry.get(self.lang) or entry[DEFAULT_LANG]
        return text.format(**values) if values else text


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
