"""Stand-in for the shared `advisor.cache` data cache until it lands on this branch.

Same three names and contract as the shared interface: `content_key` hashes parts plus the cache
format and advisor's version; `load` returns JSON data or None on a miss, corruption or a disabled
cache; `store` writes atomically, never raises. Plain JSON only, never pickle: a cache file is data
that anyone with write access to the cache folder could have written.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from typing import Any

_FORMAT = "1"


def _version() -> str:
    from advisor import __version__

    return __version__


def _directory() -> str | None:
    if os.environ.get("ADVISOR_NO_CACHE"):
        return None
    explicit = os.environ.get("ADVISOR_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "advisor")


def content_key(*parts: str | bytes) -> str:
    """A sha256 over the parts, the cache format and advisor's version."""
    digest = hashlib.sha256()
    for part in (_FORMAT, _version(), *parts):
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _entry(namespace: str, key: str) -> str | None:
    directory = _directory()
    if directory is None:
        return None
    return os.path.join(directory, namespace, f"{key}.json")


def load(namespace: str, key: str) -> Any | None:
    path = _entry(namespace, key)
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def store(namespace: str, key: str, value: Any) -> None:
    path = _entry(namespace, key)
    if path is None:
        return
    try:
        directory = os.path.dirname(path)
        os.makedirs(directory, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(value, handle, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, TypeError, ValueError):
        return
