"""Languages: pick one from flags or the locale, and look up UI strings.

Tree texts carry both languages themselves; the strings the renderers and
the CLI add around them (headings, labels) live in ``texts/ui.yaml``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache

from advisor import datafiles
from advisor.echo import echo
from advisor.errors import UsageError
from advisor.models import DEFAULT_LANG, LANGS

_ZH_TW_PREFIXES = ("zh_tw", "zh-tw", "zh_hant", "zh-hant", "zh_hk", "zh-hk", "zh_mo")


def normalize_lang(value: str) -> str:
    """``zh_TW.UTF-8``, ``zh-tw`` and ``zh-Hant`` all mean zh-TW; ``en_US`` means en."""
    text = value.strip().lower()
    if text.startswith(_ZH_TW_PREFIXES):
        return "zh-TW"
    if text in ("en", "c", "posix") or text.startswith(("en_", "en-", "c.")):
        return "en"
    raise UsageError(
        f"unknown language {echo(value)}: use --lang {' or --lang '.join(LANGS)}",
        key="unknown_language",
        value=echo(value),
    )


def detect_lang(environ: Mapping[str, str]) -> str:
    """The locale's language, by POSIX precedence; English unless it is Traditional Chinese."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            return "zh-TW" if value.strip().lower().startswith(_ZH_TW_PREFIXES) else DEFAULT_LANG
    return DEFAULT_LANG


TEXTS_DIR = datafiles.path(__file__, "texts")


@lru_cache(maxsize=1)
def _strings() -> Mapping[str, Mapping[str, str]]:
    data: Mapping[str, Mapping[str, str]] = datafiles.load(__file__, "texts", "ui.yaml")
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


@lru_cache(maxsize=4)
def _error_catalogue(lang: str) -> Mapping[str, str]:
    name = f"errors.{lang}.yaml"
    if not os.path.isfile(os.path.join(TEXTS_DIR, name)):
        return {}
    data: Mapping[str, str] = datafiles.load(__file__, "texts", name)
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
