"""The linter's data files (rules, blocking calls, call tables), compiled once and cached as JSON.
`convert` reads the blocking calls from here too: one table for both.

Parsing YAML costs more than a warm scan of a large tree, so the parsed bundle is kept in the
data-only cache under a key made of the files' bytes: editing a data file is seen immediately.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from typing import Any

from advisor import cache as _cache
from advisor import datafiles

DATA_DIR = datafiles.path(__file__, "data")
FILES = ("rules.yaml", "blocking.yaml", "calls.yaml", "skips.yaml")


def _fingerprint() -> bytes:
    digest = hashlib.sha256()
    for name in FILES:
        with open(os.path.join(DATA_DIR, name), "rb") as handle:
            digest.update(handle.read())
    return digest.digest()


@lru_cache(maxsize=1)
def bundle() -> dict[str, Any]:
    """``{"rules": ..., "blocking": ..., "calls": ..., "hash": ...}`` as plain data."""
    fingerprint = _fingerprint()
    key = _cache.content_key("scan_data", fingerprint)
    cached = _cache.load("scan_data", key)
    if isinstance(cached, dict) and cached.get("hash") == fingerprint.hex():
        return cached
    from advisor import yamlio

    data: dict[str, Any] = {"hash": fingerprint.hex()}
    for name in FILES:
        data[name.removesuffix(".yaml")] = _plain(yamlio.load_path(os.path.join(DATA_DIR, name)))
    _cache.store("scan_data", key, data)
    return data


def _plain(value: Any) -> Any:
    """LocatedDict and friends to plain dicts and lists, so the bundle equals its JSON copy."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


#: Between a structured detail's name and its values (`detail`): never in a path or a number.
_FIELD = "\x1f"


def detail(name: str, *values: object) -> str:
    """A skip reason's detail in advisor's own words, stored as its ``skips.yaml`` name and
    values so that each language says it (a zh-TW line read "無法解碼：not valid utf-8 at
    byte 20"); the cached results keep plain strings."""
    return _FIELD.join([name, *map(str, values)])


def os_skip(exc: OSError) -> tuple[str, str]:
    """The skip key and detail of a file the system would not let advisor read: a denied
    permission has its own reason, with the fix ("cannot read: Permission denied" named
    none); any other error keeps the system's own words."""
    if isinstance(exc, PermissionError):
        return "permission_denied", ""
    return "unreadable", exc.strerror or str(exc)


def _said(value: str, lang: str) -> str:
    if _FIELD not in value:
        return value  # Python's own message, a size, an encoding name
    name, *values = value.split(_FIELD)
    texts = bundle()["skips"].get(name) or {}
    template = texts.get(lang) or texts.get("en")
    return str(template).format(*values) if template else ": ".join(values)


def skip_reason(key: str, detail: str, lang: str) -> str:
    """Why a file was skipped (``skips.yaml``), in *lang*: findings store the key and the
    detail, not the text, so one result shows in either language."""
    detail = _said(detail, lang)
    texts = bundle()["skips"].get(key) or {}
    template = texts.get(lang) or texts.get("en")
    if not template:
        return f"{key}: {detail}" if detail else key
    return str(template).format(detail=detail)
