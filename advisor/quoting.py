"""Text made safe to show: a value quoted in the user's spelling, control characters
escaped, a whole message kept to one bounded line.

A 50 MB value, a billion-laughs expansion or a 5,000-item list must not turn
one error line into megabytes: every message quotes values through `quoted`,
and `one_line` is the last guard for the whole message. One module for all of
it, imported by the error classes, so it imports nothing of advisor's.
"""

from __future__ import annotations

from typing import Any

#: The most characters of a value a message quotes.
LIMIT = 60


def shown(text: str, keep: str = "") -> str:
    """*text* with every control character but those in *keep* written as an escape
    (``\\x1b``): file names and file contents are printed to the user's terminal, and a
    name like ``x\\x1b]0;pwned\\x07.py`` in a cloned repository must not drive it."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or ch in keep else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def quoted(value: Any, limit: int = LIMIT, *, quote: bool = True) -> str:
    """*value* quoted for a message: ``'text'``, ``yes``/``no``, ``12``; cut past *limit*.

    Booleans are spelled as the command line spells them, strings are quoted
    with their control characters escaped (a newline stays on the line), and
    containers are named by kind and size, never expanded.
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "empty"
    if isinstance(value, int):
        text = (
            str(value) if value.bit_length() < 200 else f"a {len(hex(value)) - 2}-hex-digit number"
        )
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, str):
        cut = value if len(value) <= limit * 4 else value[: limit * 4]
        text = repr(cut) if quote or not cut.isprintable() else cut
    elif isinstance(value, dict):
        return f"a mapping of {len(value)} key(s)"
    elif isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item(s)"
    else:
        return f"a {type(value).__name__}"
    if len(text) <= limit:
        return text
    more = len(value) - limit if isinstance(value, str) else len(text) - limit
    return f"{text[:limit]}… ({more:,} more characters)"


def cut(text: str, limit: int) -> str:
    """*text* with at most *limit* characters, "…" marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def one_line(text: str, limit: int) -> str:
    """*text* cut to *limit*, control characters shown as escapes: a newline in a path or
    value must not break the message's one line. (Values are quoted by `quoted`;
    this is the last guard for the whole message.)"""
    shown = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
        for ch in text[: limit * 4]
    )
    return cut(shown, limit)


class KeyedText(str):
    """English text that also carries a catalogue *key* and *params*, to be said in another
    language later (`advisor.errors.translate`).

    For a message built below the layer that knows the language (the YAML loader's words)
    and passed on as a param of an error: as a `str` it is the English, byte for byte, so
    English output cannot change. It lives here, in a leaf, so `advisor.yamlio` can build
    one without importing `advisor.errors` (which reads the catalogue through yamlio).
    """

    key: str
    params: dict[str, str]

    def __new__(cls, english: str, key: str, **params: str) -> KeyedText:
        text = super().__new__(cls, english)
        text.key = key
        text.params = params
        return text

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, str]]:
        return (str(self), self.key), self.params  # so it pickles (a worker's error)
