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

    Kept in convert's own data file until scan's table lands on main; the `kind` (call,
    handle, sleep) is convert's own addition either way, because scan only needs to know
    that a call blocks, while convert must know whether its result blocks too.
    """
    from advisor import yamlio

    data = yamlio.load_data(os.path.join(DATA_DIR, "sync_calls.yaml"))
    blocking = dict(data["blocking"])
    if os.path.isfile(SCAN_TABLE):
        scan_calls = yamlio.load_data(SCAN_TABLE).get("calls") or {}
        blocking = {**kinds_from_scan(scan_calls), **blocking}
    return SyncTable(
        blocking=blocking,
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


#: `advisor scan`'s blocking-call table (ADV101), once scan is installed beside convert.
SCAN_TABLE = os.path.join(os.path.dirname(DATA_DIR), os.pardir, "scan", "data", "blocking.yaml")


def kinds_from_scan(calls: Mapping[str, Any]) -> dict[str, str]:
    """Convert's kinds for scan's blocking calls.

    Every call scan flags in ``async def`` must be one convert moves out of the event loop,
    so convert uses the union of both tables (its own kinds win). Scan spells a method of
    a returned object ``sqlite3.connect().execute``: that makes ``sqlite3.connect`` a
    *handle* (its result blocks on every use); other calls are one-shot *calls*.
    """
    handles = {name.split("()", 1)[0] for name in calls if "()" in name}
    kinds = dict.fromkeys(handles, "handle")
    for name in calls:
        if "()" not in name:
            kinds[name] = "sleep" if name == "time.sleep" else kinds.get(name, "call")
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
