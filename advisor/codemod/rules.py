"""Convert's own texts and tables: the change messages, refusals and phrases of
``data/rules.yaml``, and what convert knows about synchronous calls (``data/sync_calls.yaml``).

The rules themselves (code, name, pattern, doc) are read from the same file by the one
registry, `advisor.rules`, which `explain`, the renderers and the docs share. Messages are
formatted into every language at once (a `Text`), because the renderers may not import
`convert` (the layering rule) and must still show a change in the user's language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from advisor.models import LANGS, Text

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

Param = str | Text


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
def rules_data() -> Mapping[str, Any]:
    """``data/rules.yaml`` parsed once: its ``rules`` fill the registry (`advisor.rules`),
    its refusals and phrases stay convert's own."""
    from advisor import yamlio

    data: Mapping[str, Any] = yamlio.load_data(os.path.join(DATA_DIR, "rules.yaml"))
    return data


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


def prefer_choices() -> tuple[str, ...]:
    return tuple(sync_table().prefer)


def _format(entry: Mapping[str, str], params: Mapping[str, Param]) -> Text:
    values = {}
    for lang in LANGS:
        local = {k: v.get(lang) if isinstance(v, Text) else v for k, v in params.items()}
        values[lang] = (entry.get(lang) or entry["en"]).format(**local)
    return Text(values)


def phrase(key: str, /, **params: Param) -> Text:
    return _format(rules_data()["phrases"][key], params)


def change_message(code: str, /, **params: Param) -> Text:
    from advisor.rules import get_rule

    return _format(get_rule(code).message, params)


def refusal_message(key: str, /, **params: Param) -> Text:
    return _format(rules_data()["refusals"][key], params)


def refusal_reasons() -> tuple[str, ...]:
    return tuple(rules_data()["refusals"])
