"""The conversion rules as data: codes, patterns, messages and docs (``data/rules.yaml``), and
what convert knows about synchronous calls (``data/sync_calls.yaml``).

Messages are formatted into every language at once (a `Text`), because the renderers may not
import `convert` (the layering rule) and must still show a change in the user's language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from advisor.models import LANGS, Text

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

Param = str | Text


class RuleSpec(NamedTuple):
    code: str
    name: str
    #: The `advisor explain` conversion pattern this rule implements.
    pattern: str
    message: Mapping[str, str]
    #: what / why / example / instead; prose per language, examples as code.
    doc: Mapping[str, Any]
    #: Shown where scan shows error/warning, so one renderer draws both kinds of rule docs.
    severity: str = "rewrite"


class SyncTable(NamedTuple):
    blocking: Mapping[str, str]
    hazards: Mapping[str, str]
    callback_methods: frozenset[str]
    callback_prefix: str
    prefer: Mapping[str, Mapping[str, str]]
    httpx_keywords: frozenset[str]
    aiohttp_keywords: frozenset[str]
    aiofiles_methods: frozenset[str]
    aiosqlite_methods: frozenset[str]
    aiosqlite_cursor_methods: frozenset[str]


@lru_cache(maxsize=1)
def _rules_data() -> Mapping[str, Any]:
    from advisor import yamlio

    data: Mapping[str, Any] = yamlio.load_data(os.path.join(DATA_DIR, "rules.yaml"))
    return data


@lru_cache(maxsize=1)
def rules() -> Mapping[str, RuleSpec]:
    """Every conversion rule by code, in code order."""
    raw = _rules_data()["rules"]
    return {
        code: RuleSpec(code, spec["name"], spec["pattern"], spec["message"], spec["doc"])
        for code, spec in sorted(raw.items())
    }


@lru_cache(maxsize=1)
def sync_table() -> SyncTable:
    """The blocking-call knowledge convert works from.

    The blocking calls are the linter's own table (``lint/data/blocking.yaml``), so a call
    `advisor scan` flags in ``async def`` is one convert moves out of the event loop; the
    rest (hazards, callbacks, --prefer maps) is convert's own.
    """
    from advisor import yamlio
    from advisor.lint._data import bundle

    data = yamlio.load_data(os.path.join(DATA_DIR, "sync_calls.yaml"))
    return SyncTable(
        blocking=_kinds(bundle()["blocking"]["calls"]),
        hazards=dict(data["hazards"]),
        callback_methods=frozenset(data["callback_methods"]),
        callback_prefix=str(data["callback_attribute_prefix"]),
        prefer={k: dict(v) for k, v in data["prefer"].items()},
        httpx_keywords=frozenset(data["httpx_keywords"]),
        aiohttp_keywords=frozenset(data["aiohttp_keywords"]),
        aiofiles_methods=frozenset(data["aiofiles_methods"]),
        aiosqlite_methods=frozenset(data["aiosqlite_methods"]),
        aiosqlite_cursor_methods=frozenset(data["aiosqlite_cursor_methods"]),
    )


def _kinds(calls: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Qualified call -> ``call``/``handle``/``sleep``, as the table's header defines them.

    Convert looks up direct calls only, so it needs a kind for every name without ``()``:
    the entry's own ``kind``, or ``handle`` for a name that only appears before ``()``
    (``requests.Session`` in ``requests.Session().get``: every use of its result blocks).
    """
    kinds = {name.split("()", 1)[0]: "handle" for name in calls if "()" in name}
    kinds.update((name, str(entry["kind"])) for name, entry in calls.items() if "()" not in name)
    return kinds


def find_rule(name_or_code: str) -> RuleSpec | None:
    """A conversion rule by code (any case) or name, for `advisor explain ADV201`."""
    wanted = name_or_code.strip()
    for rule in rules().values():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None


def prefer_choices() -> tuple[str, ...]:
    return tuple(sync_table().prefer)


def _format(entry: Mapping[str, str], params: Mapping[str, Param]) -> Text:
    values = {}
    for lang in LANGS:
        local = {k: v.get(lang) if isinstance(v, Text) else v for k, v in params.items()}
        values[lang] = (entry.get(lang) or entry["en"]).format(**local)
    return Text(values)


def phrase(key: str, /, **params: Param) -> Text:
    return _format(_rules_data()["phrases"][key], params)


def change_message(code: str, /, **params: Param) -> Text:
    return _format(rules()[code].message, params)


def refusal_message(key: str, /, **params: Param) -> Text:
    return _format(_rules_data()["refusals"][key], params)


def refusal_reasons() -> tuple[str, ...]:
    return tuple(_rules_data()["refusals"])
