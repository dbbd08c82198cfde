"""A small on-disk cache for parsed package data and validated trees.

Startup time is a product goal (`advisor recommend --format json` within 1.5x
of `python -c "import yaml"`), and importing PyYAML plus parsing and
validating the tree costs more than that whole budget. So the first run
stores the validated result, and later runs load it with pickle, never
touching yaml at all.

Entries are keyed by the source file's path, size and mtime, advisor's
version and the interpreter, so an edited tree or an upgrade is read afresh.
Pickle runs code from the file it loads, so only files owned by this user
and writable by nobody else are read. Any failure means "no cache": the
caller parses as if the cache did not exist.

``ADVISOR_CACHE_DIR`` moves the cache; ``ADVISOR_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable
from typing import TypeVar

# os.path, not pathlib, on this hot path: pathlib (with urllib.parse and ipaddress behind
# it) costs about a tenth of the whole `advisor recommend --format json` run.
T = TypeVar("T")
StrPath = str | os.PathLike[str]
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def cache_dir() -> str | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("ADVISOR_NO_CACHE"):
        return None
    explicit = os.environ.get("ADVISOR_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "advisor")


def _code_stamp() -> str:
    """Changes whenever the models or shipped templates change (matters for editable installs)."""
    parts = []
    for name in ("models.py", "tree.py", "templates"):
        try:
            parts.append(str(os.stat(os.path.join(_PACKAGE, name)).st_mtime_ns))
        except OSError:
            parts.append("-")
    return ",".join(parts)


def _trusted(path: str) -> bool:
    """Only our own files, writable by no one else, are safe to unpickle."""
    st = os.stat(path)
    getuid = getattr(os, "getuid", None)
    if getuid is not None and st.st_uid != getuid():
        return False
    return not st.st_mode & 0o022


def cached(kind: str, source: StrPath, build: Callable[[], T]) -> T:
    """Return ``build()``, from the cache when *source* has not changed since it was stored."""
    directory = cache_dir()
    try:
        st = os.stat(source)
    except OSError:
        return build()  # let build() report the missing file in its own words
    if directory is None:
        return build()
    from advisor import __version__

    key = "|".join(
        [kind, os.path.realpath(source), str(st.st_size), str(st.st_mtime_ns), __version__,
         sys.version, _code_stamp()]
    )  # fmt: skip
    entry = os.path.join(directory, f"{kind}-{zlib.crc32(key.encode()):08x}.pickle")
    try:
        if _trusted(entry):
            import pickle

            with open(entry, "rb") as handle:
                stored_key, value = pickle.load(handle)  # noqa: S301 - our own file, checked above
            if stored_key == key:
                return value  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a broken cache entry is never fatal
        _debug("ignoring cache entry %s: %s", entry, exc)
    value = build()
    _store(directory, entry, key, value)
    return value


def _store(directory: str, entry: str, key: str, value: object) -> None:
    import pickle
    import tempfile

    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except Exception as exc:  # noqa: BLE001 - an unwritable cache only costs speed
        _debug("not caching %s: %s", entry, exc)


def _debug(message: str, *args: object) -> None:
    import logging  # only on the rare failure path: the import alone costs 8 ms

    logging.getLogger(__name__).debug(message, *args)
