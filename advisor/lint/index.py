"""The file index: what the last scan of a root learnt about each file, so the next one can skip it.

One index per scan root lives in the data-only cache, keyed by the root, the rule data, the
scanner's code and the Python version. It maps each file's relative path to an `IndexEntry`:
its stat signature, content hash, module name and per-file result. A file whose size, mtime,
ctime and inode are unchanged is trusted without reading it — except when its mtime or ctime
was within two seconds of the moment the index was written (git's "racily clean" rule), because
a write in the same clock tick could leave the signature unchanged. Any other file is read and
hashed; an equal hash reuses the result. Results never go stale.

Entries are NamedTuples, so they are written to JSON as plain lists (no pickle, nothing to
import when the cache is read) and read back with field names.
"""

from __future__ import annotations

import hashlib
import os
import sys
from typing import Any, NamedTuple

from advisor import cache as _cache
from advisor import datafiles
from advisor.lint.discover import Source

NAMESPACE = "scan_index"
RACY_NS = 2_000_000_000


class IndexEntry(NamedTuple):
    """One file in the index; stored as the JSON list ``[signature, digest, module, result]``."""

    #: `discover.signature` as a list (JSON has no tuples); None: verify by hash next time.
    signature: list[int] | None
    #: sha256 of the content, hex.
    digest: str
    #: The dotted module name the file had when it was analysed.
    module: str
    #: The per-file result (`analyse.analyse`), None until the file is analysed.
    result: dict[str, Any] | None


class Unreadable(NamedTuple):
    """A file that could not be read, with the reason (the OS's words)."""

    reason: str


class Modules:
    """Dotted module names from the package folders (``__init__.py``) around each file."""

    def __init__(self) -> None:
        self._package: dict[str, str | None] = {}

    def _prefix(self, folder: str) -> str | None:
        if folder in self._package:
            return self._package[folder]
        prefix: str | None = None
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            parent = os.path.dirname(folder)
            name = os.path.basename(folder)
            outer = self._prefix(parent) if parent != folder else None
            prefix = f"{outer}.{name}" if outer else name
        self._package[folder] = prefix
        return prefix

    def name(self, abspath: str) -> tuple[str, bool]:
        """The module's dotted name, and whether it is a package's ``__init__``."""
        folder, file = os.path.split(abspath)
        stem = file.rpartition(".")[0] or file
        prefix = self._prefix(folder)
        if stem == "__init__":
            return (prefix or os.path.basename(folder)), True
        return (f"{prefix}.{stem}" if prefix else stem), False


def code_stamp() -> str:
    """Changes when the scanner's own code changes (editable installs keep one version): the
    linter's folder and its checks, stamped the way the tree cache stamps its code."""
    return _cache.code_stamp(datafiles.path(__file__), datafiles.path(__file__, "checks"))


def key(root: str, data_hash: str) -> str:
    """The cache key of *root*'s index: a new rule table, scanner or Python starts afresh."""
    return _cache.content_key(
        NAMESPACE, os.path.abspath(root), data_hash, code_stamp(), sys.version
    )


def load(index_key: str, cache_dir: str | None) -> tuple[dict[str, IndexEntry], str]:
    """The stored entries by relative path, and the coroutine fingerprint of the last scan.

    A damaged entry is dropped (its file is read again), never an error.
    """
    loaded = _cache.load(NAMESPACE, index_key, root=cache_dir)
    if not (isinstance(loaded, dict) and isinstance(loaded.get("files"), dict)):
        return {}, ""
    width = len(IndexEntry._fields)
    # The warm scan's hot path (thousands of entries): tuple.__new__ is IndexEntry._make
    # without its own length check, which the filter has already made.
    make = tuple.__new__
    entries = {
        relpath: make(IndexEntry, raw)
        for relpath, raw in loaded["files"].items()
        if type(raw) is list and len(raw) == width
    }
    return entries, str(loaded.get("needles", ""))


def trusted(entry: IndexEntry | None, source: Source, module: str) -> bool:
    """Whether *entry* describes *source* without reading it: the same stat signature (and
    the file still has the same module name)."""
    return entry is not None and entry.signature == [*source.signature] and entry.module == module


def reread(
    source: Source, entry: IndexEntry | None, module: str
) -> tuple[IndexEntry, bytes] | Unreadable:
    """*source*'s entry from its bytes, and the bytes. The stored result is kept when the
    content is unchanged (a touched file, a fresh checkout), else it is to be analysed."""
    try:
        with open(source.abspath, "rb") as handle:
            content = handle.read()
    except OSError as exc:
        return Unreadable(exc.strerror or str(exc))
    digest = hashlib.sha256(content).hexdigest()
    kept = entry.result if entry and entry.digest == digest and entry.module == module else None
    return IndexEntry(list(source.signature), digest, module, kept), content


def store(
    index_key: str,
    entries: dict[str, IndexEntry],
    needles: str,
    started: int,
    cache_dir: str | None,
) -> None:
    """Signatures within RACY_NS of the scan's start are dropped ("racily clean", as git says):
    a write in the same clock tick as our stat and read would leave the signature unchanged
    while the content we analysed is already old, so such files are verified by hash."""
    files = {
        relpath: entry._replace(signature=None) if _racy(entry.signature, started) else entry
        for relpath, entry in entries.items()
    }
    _cache.store(NAMESPACE, index_key, {"files": files, "needles": needles}, root=cache_dir)


def _racy(signature: list[int] | None, started: int) -> bool:
    """Modified (mtime or ctime) within RACY_NS of the scan's start."""
    if not signature:
        return False
    return max(signature[1], signature[2]) > started - RACY_NS
