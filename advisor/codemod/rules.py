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

from advisor import datafiles
from advisor.models import LANGS, Text

DATA_DIR = datafiles.path(__file__, "data")

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
    safe_decorators: frozenset[str]


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
        safe_decorators=frozenset(data["safe_decorators"]),
    )


def _kinds(calls: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Qualified call -> ``call``/``handle``/``sleep``, as the table's header defines them.

    Convert looks up direct calls only, so it needs a kind for every name without ``()``:
    the entry's own ``kind``, or ``handle`` for a name that only appears before ``()``
    (``requests.Session`` in ``requests.Session().get``: every use of its result blocks).
    An entry marked ``scan_only`` names no handle for convert: ``ThreadPoolExecutor().submit()
    .result`` blocks inside ``async def``, but the pool itself is what convert rewrites.
    """
    kinds = {
        name.split("()", 1)[0]: "handle"
        for name, entry in calls.items()
        if "()" in name and not entry.get("scan_only")
    }
    kinds.update((name, str(entry["kind"])) for name, entry in calls.items() if "()" not in name)
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
