"""The located-problem checker: collect every problem of a YAML data file with its line.

Shared by the tree parser and, later, `scan`'s rule catalogue: both read YAML
through `yamlio` (mappings remember their lines) and want every problem at
once, each as ``file:line: message`` with a did-you-mean for likely typos.
Values are quoted through `advisor.quoting`, so a huge value cannot blow up a message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from advisor import yamlio
from advisor.errors import Problem
from advisor.models import LANGS, Text
from advisor.quoting import quoted

__all__ = ["Checker", "Problem", "kind_name", "quoted", "snake_id", "tidy"]


class Checker:
    """Collects located problems while converting raw YAML into models.

    Every check reports and carries on, so a user sees every problem of a file at once,
    each with its file and line; `scan`'s rule catalogue is checked the same way.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message))

    def mapping(self, value: Any, line: int, what: str) -> yamlio.LocatedDict | None:
        if isinstance(value, yamlio.LocatedDict):
            return value
        self.add(line, f"{what} must be a mapping")
        return None

    def keys(self, raw: yamlio.LocatedDict, allowed: tuple[str, ...], what: str) -> None:
        """Report every key outside *allowed*, with a did-you-mean for likely typos."""
        for key in raw:
            if key in allowed:
                continue
            import difflib

            close = difflib.get_close_matches(str(key)[:200], allowed, n=1)
            fix = f"did you mean {close[0]!r}?" if close else f"expected {', '.join(allowed)}"
            self.add(raw.line_of(key), f"{what}: unknown key {quoted(key)}; {fix}")

    def items(self, raw: yamlio.LocatedDict, key: str, what: str, missing: str = "") -> list[Any]:
        """A list-valued field; *missing* is the problem to report when it is absent or empty."""
        value = raw.get(key)
        if isinstance(value, list) and (value or not missing):
            return value
        if value is None or value == []:
            if missing:
                self.add(raw.line_of(key), f"{what}: {missing}")
            return []
        self.add(
            raw.line_of(key),
            f"{what}: {key!r} must be a list, not {kind_name(value)}; put each item on a '- ' line",
        )
        return []

    def text(self, raw: Mapping[str, Any], key: str, what: str, *, required: bool = True) -> Text:
        line = raw.line_of(key) if isinstance(raw, yamlio.LocatedDict) else 0
        value = raw.get(key)
        if value is None:
            if required:
                self.add(line, f"{what} has no {key!r}")
            return Text.plain("")
        return self.localized(value, line, f"{what} {key!r}")

    def localized(self, value: Any, line: int, what: str) -> Text:
        if isinstance(value, str):
            self.printable(value, line, what)
            return (
                Text.plain(value)
                if what.endswith(("'wrong'", "'right'"))
                else (self._missing_langs(value, line, what))
            )
        if not isinstance(value, Mapping):
            self.add(line, f"{what} must be a mapping of language to text")
            return Text.plain("")
        missing = [
            lang for lang in LANGS if not isinstance(value.get(lang), str) or not value[lang]
        ]
        if missing:
            self.add(
                line,
                f"{what} lacks text for {', '.join(missing)}; every text needs {', '.join(LANGS)}",
            )
        unknown = sorted(set(map(str, value)) - set(LANGS))
        if unknown:
            shown = ", ".join(quoted(u, 20) for u in unknown[:3])
            self.add(line, f"{what} has unknown language {shown}; use {', '.join(LANGS)}")
        for lang in LANGS:
            self.printable(value.get(lang), line, f"{what} ({lang})")
        return Text({lang: tidy(lang, str(value.get(lang) or "")) for lang in LANGS})

    def printable(self, value: Any, line: int, what: str, *, allow: str = "\n\t") -> None:
        """Texts are printed to the user's terminal (`advisor tree`, --help, `ask`): an
        escape sequence written as ``"\\e]52;..."`` in a downloaded tree could set their
        clipboard or clear their screen. Only the characters in *allow* pass (line breaks
        and tabs in prose; nothing in a value typed after a flag)."""
        if not isinstance(value, str):
            return
        bad = next((ch for ch in value if not ch.isprintable() and ch not in allow), None)
        if bad is not None:
            self.add(
                line,
                f"{what} contains the control character {bad.encode('unicode_escape').decode()}"
                "; remove it (texts are printed to the terminal as they are)",
            )

    def _missing_langs(self, value: str, line: int, what: str) -> Text:
        self.add(line, f"{what} is a plain string; give it as {{en: ..., zh-TW: ...}}")
        return Text.plain(value)


def kind_name(value: Any) -> str:
    """How a wrongly typed value is named in a message."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "a mapping"
    return "a list" if isinstance(value, list) else f"a {type(value).__name__}"


def snake_id(value: Any) -> str:
    """A lower_snake_case spelling of a bad id, to suggest in its place."""
    words = re.findall(r"[a-z0-9]+", str(value)[:80].lower())
    name = "_".join(words) or "x"
    return name if name[0].isalpha() else f"n_{name}"


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# Not after ")": there it usually ends code (`asyncio.run() 進入`), and the space between
# code and Chinese is wanted, as explain.yaml writes it.
_CJK_GAP = f"(?<=[{_CJK},;:!?])\\s+(?=[{_CJK}])"


def tidy(lang: str, text: str) -> str:
    """Folded YAML joins lines with a space; Chinese has none between characters."""
    return re.sub(_CJK_GAP, "", text) if lang.startswith("zh") else text
