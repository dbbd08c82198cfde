"""The tree checker's problems in the user's language, from `texts/problems.<lang>.yaml`.

The checker builds its English messages where it finds each problem, from the part of the
file it is in (``question 'x' choice 'y'``) and the values it quotes; a catalogue key at
each of sixty call sites would have to carry every piece too. The catalogue instead holds
each English text with its placeholders, matched whole against the message, and its
translation; the part of the file (``{what}``) is translated the same way, piece by piece.
A message no entry matches stays English (a test checks every message the checker can
write has one).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

#: What a placeholder may match: a quoted YAML key, one quoted id or word, or anything (the
#: shortest that fits).
_PLACES = {"key": r"'[^']*'", "id": r"'[^']*'|\"[^\"]*\"|[^\s']+"}
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{(\w+)\}")


def _pattern(english: str) -> re.Pattern[str]:
    out: list[str] = []
    at = 0
    for match in _PLACEHOLDER.finditer(english):
        out.append(re.escape(english[at : match.start()]))
        token = match.group(0)
        if token in ("{{", "}}"):
            out.append(re.escape(token[0]))
        else:
            name = match.group(1)
            out.append(f"(?P<{name}>{_PLACES.get(name, '.+?')})")
        at = match.end()
    out.append(re.escape(english[at:]))
    return re.compile("".join(out))


Table = tuple[tuple[re.Pattern[str], str], ...]


@lru_cache(maxsize=4)
def _tables(lang: str) -> tuple[Table, Table, Mapping[str, str]]:
    from importlib import resources

    from advisor import yamlio

    path = resources.files("advisor.texts").joinpath(f"problems.{lang}.yaml")
    try:
        data: Any = yamlio.load_data(str(path))
    except (OSError, yamlio.YAMLFileError):
        return (), (), {}

    def table(entries: Sequence[Mapping[str, str]]) -> Table:
        return tuple((_pattern(e["en"]), e[lang]) for e in entries if e.get(lang))

    return table(data.get("problems", ())), table(data.get("subjects", ())), data.get("kinds", {})


def _say(text: str, table: Table, lang: str) -> str | None:
    kinds = _tables(lang)[2]
    for pattern, translation in table:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        params = {
            name: (_subject(value, lang) if name == "what" else kinds.get(value, value))
            for name, value in match.groupdict().items()
        }
        return (
            translation.replace("{{", "\0")
            .replace("}}", "\1")
            .format_map(params)
            .replace("\0", "{")
            .replace("\1", "}")
        )
    return None


def _subject(text: str, lang: str) -> str:
    return _say(text, _tables(lang)[1], lang) or text


def translated(message: str, lang: str) -> str:
    """*message*, a tree checker's problem, in *lang*; as it is when no entry matches."""
    if lang == "en":
        return message
    return _say(message, _tables(lang)[0], lang) or message
