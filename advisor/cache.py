"""A small on-disk cache of plain data (JSON), keyed by the hash of what it was built from.

Startup time is a product goal (`advisor recommend --format json` within 1.5x
of `python -c "import yaml"`), and importing PyYAML plus parsing and
validating the tree costs more than that whole budget. So the first run
stores the validated result as plain data, and later runs rebuild it from
JSON without touching yaml at all. `scan` keeps its per-file index here too.

Why it is shaped this way:

- **Plain data, never pickle.** Loading an entry can never run code, even one
  somebody else wrote. A corrupt, truncated or foreign entry is a miss.
- **Keyed by content, never by size and mtime.** A same-size edit within the
  same second, `cp -p`, `tar x` or a coarse-timestamp file system keep size
  and mtime while the content changes; a hash of the content cannot be
  fooled that way. `content_key` also mixes in the cache format and
  advisor's version, so an upgrade starts afresh.
- **Best effort.** `store` never raises and never leaves a temporary file
  behind; an unwritable cache only costs speed.
- **Bounded.** Each namespace keeps its `MAX_ENTRIES` most recently stored
  entries; older ones are deleted when a new one is stored.
- **Deletes only its own files.** The cache folder may be a user's project
  (``--cache-dir .``, ``ADVISOR_CACHE_DIR=~/.cache`` without ``/advisor``), and
  a namespace folder may be their ``data/``. So entries carry a name no person
  writes (``advisor-`` + 40 hex digits + ``.json``; temporary files
  ``.advisor-tmp-...``), and an entry is deleted only when its name has that
  exact shape and its first bytes are the header `store` writes for that key.

Where: ``ADVISOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/advisor`` (an absolute
``XDG_CACHE_HOME`` only, as the XDG spec says), else ``~/.cache/advisor``;
no cache at all when ``HOME`` is unset, empty or ``/`` (never write to
``/.cache``). ``ADVISOR_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from functools import lru_cache
from typing import Any

# os.path, not pathlib, on this hot path: pathlib (with urllib.parse and ipaddress behind
# it) costs about a tenth of the whole `advisor recommend --format json` run.

#: Bumped whenever the layout of an entry changes; part of every key.
FORMAT_VERSION = 2
#: Entries kept per namespace; the oldest are deleted beyond this.
MAX_ENTRIES = 32
#: An entry larger than this is not read (a planted huge file must cost nothing).
MAX_ENTRY_BYTES = 256 * 1024 * 1024
#: A temporary file this old belongs to a process that was killed mid-write.
_STALE_TMP_SECONDS = 3600
_PREFIX = "advisor-"
_TMP_PREFIX = ".advisor-tmp-"
_SUFFIX = ".json"
#: Hex digits of the key in an entry's name.
_NAME_DIGITS = 40
_HEX = frozenset("0123456789abcdef")
_TMP_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


@lru_cache(maxsize=1)
def _sha256_type() -> Any:
    """sha256 without `import hashlib`, which loads OpenSSL (5 ms, most of a warm run).
    Looked up once: a failed import is not remembered by Python, so trying `_sha2` on
    3.10 and 3.11 at every key searched the whole sys.path again (~0.4 ms each time)."""
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]  # CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]  # CPython 3.10, 3.11
        except ImportError:
            from hashlib import sha256
    return sha256


def _sha256() -> Any:
    return _sha256_type()()


def content_key(*parts: str | bytes) -> str:
    """A sha256 hex digest over *parts*, the cache format version and advisor's version.

    Each part is length-prefixed, so ``("ab", "c")`` and ``("a", "bc")`` differ.
    """
    from advisor._version import __version__

    digest = _sha256()
    for part in (str(FORMAT_VERSION), __version__, *parts):
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % len(data))
        digest.update(data)
    return str(digest.hexdigest())


def code_stamp(*folders: str) -> str:
    """A key part that changes when the Python code in *folders* changes (not their
    sub-folders): an editable install keeps advisor's version while its code, which shaped
    a cached value, is edited. Every ``*.py`` file counts, so no hand-kept list of "the
    modules that matter" can miss one.

    By name, size and modification time (nanoseconds), not by content: this runs on every
    start-up, where reading and hashing the code would cost several times more than the
    stat calls. Content keys protect against a user's same-size, same-second edit of their
    own input; code changes by an install (whose version is in every key) or by an edit
    in a checkout, which moves the mtime."""
    parts: list[str] = []
    for number, folder in enumerate(folders):
        parts.append(f"folder {number}")
        try:
            with os.scandir(folder) as it:
                found = sorted((e.name, e) for e in it if e.name.endswith(".py"))
            for name, entry in found:
                st = entry.stat()
                parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return content_key(*parts)


#: The variable that names the cache folder: read here only (the CLI never sets it).
ENV = "ADVISOR_CACHE_DIR"


def cache_dir() -> str | None:
    """Where entries live, or None when caching is off or there is no safe place for it."""
    if os.environ.get("ADVISOR_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get(ENV)
    if explicit:
        return os.path.abspath(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # a relative value is invalid per the XDG spec: ignore it
        return os.path.join(xdg, "advisor")
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home) or os.path.realpath(home) == os.path.realpath(os.sep):
        return None  # never fall back to /.cache
    return os.path.join(home, ".cache", "advisor")


def _namespace_dir(namespace: str, root: str | None = None) -> str | None:
    directory = cache_dir() if root is None else os.path.abspath(root)
    if directory is None:
        return None
    if not namespace.isidentifier() or not namespace.isascii():
        raise ValueError(f"cache namespace must be an ASCII identifier, got {namespace!r}")
    return os.path.join(directory, namespace)


def _entry_path(directory: str, key: str) -> str:
    if len(key) < _NAME_DIGITS or not set(key) <= _HEX:
        raise ValueError("cache keys come from content_key()")
    return os.path.join(directory, _PREFIX + key[:_NAME_DIGITS] + _SUFFIX)


def _entry_key(name: str) -> str | None:
    """The key digits an entry's file name carries, or None for any name `store` would not
    write: only those are ever counted or deleted. Entries of earlier versions had no
    prefix; they are still recognised, so an upgrade does not leave them behind forever
    (`_has_header` proves them ours before any is deleted)."""
    if not name.endswith(_SUFFIX):
        return None
    digits = name[len(_PREFIX) if name.startswith(_PREFIX) else 0 : -len(_SUFFIX)]
    return digits if len(digits) == _NAME_DIGITS and set(digits) <= _HEX else None


def _is_temporary(name: str) -> bool:
    """A temporary file of `store`: our prefix, mkstemp's 8 random characters (lower-case
    letters, digits, ``_``), our suffix. Such a file may be half-written, so its name is
    all the proof there can be; it is deleted only once it is an hour old."""
    middle = name[len(_TMP_PREFIX) : -len(_SUFFIX)]
    return (
        name.startswith(_TMP_PREFIX)
        and name.endswith(_SUFFIX)
        and len(middle) == 8
        and all(c in _TMP_CHARS for c in middle)
    )


def load(namespace: str, key: str, *, root: str | None = None) -> Any | None:
    """The value stored under *key*, or None on a miss, a corrupt or foreign entry, or no cache.

    *root* is a cache folder chosen by the caller (`--cache-dir`), else `cache_dir()`.
    """
    directory = _namespace_dir(namespace, root)
    if directory is None:
        return None
    path = _entry_path(directory, key)
    try:
        # Non-blocking and not through a symlink: a FIFO planted under an entry's name
        # must not hang every run, nor a link read some other file. Only a regular file
        # of ours, of a sane size, is read at all.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or not _ours(st) or st.st_size > MAX_ENTRY_BYTES:
                return None
            entry = json.loads(handle.read(MAX_ENTRY_BYTES + 1))
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - unreadable or not JSON: a miss, never fatal
        _debug("ignoring cache entry %s: %s", path, exc)
        return None
    if (
        isinstance(entry, dict)
        and entry.get("format") == FORMAT_VERSION
        and entry.get("key") == key
        and "value" in entry
    ):
        return entry["value"]
    return None


def _ours(st: os.stat_result) -> bool:
    """An entry someone else could have written is not trusted to give advice."""
    getuid = getattr(os, "getuid", None)
    if getuid is not None and st.st_uid != getuid():
        return False
    return not st.st_mode & 0o022


def store(namespace: str, key: str, value: Any, *, root: str | None = None) -> None:
    """Store *value* (JSON data) under *key*: atomic, best effort, never raises."""
    directory = _namespace_dir(namespace, root)
    if directory is None:
        return
    tmp: str | None = None
    try:
        path = _entry_path(directory, key)
        # Serialise first: a value that is not plain data fails before any file exists.
        data = json.dumps(
            {"format": FORMAT_VERSION, "key": key, "value": value},
            ensure_ascii=False,
            allow_nan=False,
            separators=(",", ":"),
        ).encode("utf-8")
        os.makedirs(directory, mode=0o700, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=directory, prefix=_TMP_PREFIX, suffix=_SUFFIX)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
        tmp = None
        _evict(directory, keep=path)
    except Exception as exc:  # noqa: BLE001 - an unwritable cache only costs speed
        _debug("not caching %s/%s: %s", namespace, key, exc)
    finally:
        if tmp is not None:  # also on KeyboardInterrupt: no temporary file is left behind
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _evict(directory: str, keep: str) -> None:
    """Delete the oldest entries beyond `MAX_ENTRIES`, and temporary files of killed runs;
    nothing whose name `store` would not have written, and no entry without our header."""
    import time

    entries: list[tuple[float, str, str]] = []
    now = time.time()
    with os.scandir(directory) as it:
        for item in it:
            digits = _entry_key(item.name)
            if digits is None and not _is_temporary(item.name):
                continue
            try:
                st = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            if digits is None:
                if now - st.st_mtime > _STALE_TMP_SECONDS:
                    _remove(item.path)
            elif item.path != keep:
                entries.append((st.st_mtime, item.path, digits))
    entries.sort()
    for _, path, digits in entries[: max(0, len(entries) - (MAX_ENTRIES - 1))]:
        if _has_header(path, digits):
            _remove(path)


def _has_header(path: str, digits: str) -> bool:
    """Whether *path* begins as `store` begins every entry (of any format version): the
    format number, then the key whose first digits are in the name. A file that merely
    has such a name is left alone."""
    import re

    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            head = handle.read(128)
    except OSError:
        return False
    found = re.match(rb'\{"format":\d{1,6},"key":"([0-9a-f]{64})"', head)
    return found is not None and found.group(1).startswith(digits.encode("ascii"))


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _debug(message: str, *args: object) -> None:
    import logging  # only on the rare failure path: the import alone costs 8 ms

    logging.getLogger(__name__).debug(message, *args)
