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


def _locale_lang(value: str) -> str | None:
    """The language one locale name means to advisor, or None for one it has no text in."""
    text = value.strip().lower()
    if text.startswith(_ZH_TW_PREFIXES):
        return "zh-TW"
    if text.startswith("en") and (len(text) == 2 or text[2] in "_-.@"):
        return "en"
    return None


def detect_lang(environ: Mapping[str, str]) -> str:
    """The locale's language, as gettext picks it: ``LANGUAGE`` first, then POSIX precedence.

    ``LANGUAGE`` is a colon-separated list of preferences (``fr:zh_TW``): the first one
    advisor has text in wins, and a list with none means English (gettext's untranslated
    text), not a fall back to ``LANG``. Like GNU gettext, it is ignored when the locale is
    plain ``C``/``POSIX``, which asks for untranslated output. A user with ``LANG=C.UTF-8``
    and ``LANGUAGE=zh_TW`` got English before (newcomer review 16, #10).
    """
    locale = ""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            locale = value.strip()
            break
    preferences = environ.get("LANGUAGE", "").strip()
    if preferences and locale.upper() not in ("C", "POSIX"):
        for entry in preferences.split(":"):
            found = _locale_lang(entry) if entry.strip() else None
            if found:
                return found
        if any(entry.strip() for entry in preferences.split(":")):
            return DEFAULT_LANG
    if locale:
        return "zh-TW" if locale.lower().startswith(_ZH_TW_PREFIXES) else DEFAULT_LANG
    return DEFAULT_LANG
