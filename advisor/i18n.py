"""Languages: pick one from a flag or the locale.

Only the choosing lives here; the catalogues (UI strings, error translations)
are in `advisor.texts`, which the error classes read. Keeping the two apart is
what lets this module raise a `UsageError` without an import circle.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor.errors import UsageError
from advisor.models import DEFAULT_LANG, LANGS
from advisor.quoting import quoted

_ZH_TW_PREFIXES = ("zh_tw", "zh-tw", "zh_hant", "zh-hant", "zh_hk", "zh-hk", "zh_mo")


def normalize_lang(value: str) -> str:
    """``zh_TW.UTF-8``, ``zh-tw`` and ``zh-Hant`` all mean zh-TW; ``en_US`` means en."""
    text = value.strip().lower()
    if text.startswith(_ZH_TW_PREFIXES):
        return "zh-TW"
    if text in ("en", "c", "posix") or text.startswith(("en_", "en-", "c.")):
        return "en"
    raise UsageError(
        f"unknown language {quoted(value)}: use --lang {' or --lang '.join(LANGS)}",
        key="unknown_language",
        value=quoted(value),
    )


def detect_lang(environ: Mapping[str, str]) -> str:
    """The locale's language, by POSIX precedence; English unless it is Traditional Chinese."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            return "zh-TW" if value.strip().lower().startswith(_ZH_TW_PREFIXES) else DEFAULT_LANG
    return DEFAULT_LANG
