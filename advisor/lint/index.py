"""The file index: what the last scan of a root learnt about each file, so the next one can skip it.

One index per scan root lives in the data-only cache, keyed by the root, the rule data, the
scanner's code and the Python version, in two entries. The index proper (`Stored`) maps each
file's relative path to its stat signature, content hash and module name, and holds the
findings the last scan printed, cross-file ones included: a warm run with nothing changed
reads only this and prints them (no parse, no join of facts across files). The per-file
results (`analyse`'s output: findings, candidates and the facts other files' findings are
joined from) are the other, much larger entry, read only when something changed; a token
written in both says they belong together. A file whose size, mtime,
ctime and inode are unchanged is trusted without reading it — except when its mtime or ctime
was within two seconds of the moment the index was written (git's "racily clean" rule), because
a write in the same clock tick could leave the signature unchanged. Any other file is read and
hashed; an equal hash reuses the result. Results never go stale.

Entries are NamedTuples, written to JSON as plain lists (no pickle, no code objects, nothing
to import when the cache is read) and read back with field names.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from typing import Any, NamedTuple

from advisor import cache as _cache
from advisor import datafiles
from advisor.lint.discover import Source

NAMESPACE = "scan_index"
# One result's text, as compact as the cache writes its entries.
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
RACY_NS = 2_000_000_000


class IndexEntry(NamedTuple):
    """One file in the index; stored as the JSON list ``[signature, digest, module]`` (its
    result is in the other entry, `load_results`)."""

    #: `discover.signature` as a list (JSON has no tuples); None: verify by hash next time.
    signature: list[int] | None
    #: sha256 of the content, hex.
    digest: str
    #: The dotted module name the file had when it was analysed.
    module: str


class Unreadable(NamedTuple):
    """A file that could not be read, with the reason (the OS's words)."""

    reason: str
    #: The skip key (`advisor.lint._data.os_skip`): a denied permission has its own.
    key: str = "unreadable"


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
        if file.endswith(".ipynb"):
            stem += "-ipynb"  # a notebook is not importable: a name no import can spell
        prefix = self._prefix(folder)
        if stem == "__init__":
            return (prefix or os.path.basename(folder)), True
        return (f"{prefix}.{stem}" if prefix else stem), False


def code_stamp() -> str:
    """Changes when the scanner's own code changes (editable installs keep one version): the
    linter's folder and its checks, stamped the way the tree cache stamps its code."""
    return _cache.code_stamp(datafiles.path(__file__), datafiles.path(__file__, "checks"))


#: The layout of the stored results and views: bumped when it changes (3: a chain finding
#: carries its hops' places, `checks.hop_places`), so an older cache is read again, not misread.
LAYOUT = 3


def key(root: str, data_hash: str) -> str:
    """The cache key of *root*'s index: a new rule table, scanner, layout or Python starts
    afresh."""
    return _cache.content_key(
        NAMESPACE, os.path.abspath(root), data_hash, code_stamp(), sys.version, str(LAYOUT)
    )


def results_key(index_key: str) -> str:
    """The key of the per-file results that go with the index stored under *index_key*."""
    return _cache.content_key(NAMESPACE, "results", index_key)


class Stored(NamedTuple):
    """What the last scan of a root left: the small part a warm run reads whole.

    The per-file results (parse facts, candidates, the bulk of the index) are another entry,
    read only when some file changed (`load_results`): a warm run with nothing changed reads
    the signatures and the findings it prints, and nothing else.
    """

    #: relative path -> entry.
    entries: dict[str, IndexEntry]
    #: The fingerprint of the cross-file inputs of the second pass (`runner`).
    needles: str
    #: relative path -> ``[own findings, cross-file findings]`` or ``{"skip": [...]}``, for the
    #: files that have any; the findings of the last scan as the pipeline reads them.
    views: dict[str, Any]
    #: Ties the entry to its results entry: a pair written by two runs is not a pair.
    token: str


def load(index_key: str, cache_dir: str | None) -> Stored | None:
    """The stored index of a root, or None (no cache, a miss, a damaged or foreign entry).

    A damaged file entry is dropped (its file is read again), never an error.
    """
    loaded = _cache.load(NAMESPACE, index_key, root=cache_dir)
    if not (
        isinstance(loaded, dict)
        and isinstance(loaded.get("files"), dict)
        and isinstance(loaded.get("views"), dict)
    ):
        return None
    # The warm scan's hot path (thousands of entries): tuple.__new__ is IndexEntry._make
    # without its own length check, which the filter has already made.
    make = tuple.__new__
    entries = {
        relpath: make(IndexEntry, raw)
        for relpath, raw in loaded["files"].items()
        if type(raw) is list and len(raw) == 3
    }
    return Stored(
        entries, str(loaded.get("needles", "")), loaded["views"], str(loaded.get("token"))
    )


class Results(NamedTuple):
    """The per-file results of the last run, as `load_results` read them."""

    #: relative path -> result (`analyse`'s output).
    files: dict[str, dict[str, Any]]
    #: relative path -> the file's names of other code (`depends.refs`).
    refs: dict[str, str]
    #: relative path -> the result's JSON text as stored: `store_results` writes it back
    #: as it is for a file whose result is the very object read (an edit re-encodes only
    #: what changed).
    texts: dict[str, str]


NO_RESULTS = Results({}, {}, {})


def load_results(index_key: str, token: str, cache_dir: str | None) -> Results:
    """The per-file results stored with the index whose token is *token*; empty on a miss.

    Each file's result is stored as its own JSON text inside the entry, so an edit that
    changes one file encodes that one result again and copies the others' texts."""
    loaded = _cache.load(NAMESPACE, results_key(index_key), root=cache_dir)
    if not (
        isinstance(loaded, dict)
        and loaded.get("token") == token
        and isinstance(loaded.get("files"), dict)
        and isinstance(loaded.get("refs"), dict)
    ):
        return NO_RESULTS
    results: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    decode = json.loads
    for path, text in loaded["files"].items():
        if type(text) is not str:
            continue
        try:
            result = decode(text)
        except ValueError:
            continue  # a damaged result: the file is read again
        if type(result) is dict:
            results[path] = result
            texts[path] = text
    refs = {path: r for path, r in loaded["refs"].items() if type(r) is str and path in results}
    return Results(results, refs, texts)


def trusted(entry: IndexEntry | None, source: Source, module: str) -> bool:
    """Whether *entry* describes *source* without reading it: the same stat signature (and
    the file still has the same module name)."""
    return entry is not None and entry.signature == [*source.signature] and entry.module == module


def reread(source: Source, module: str) -> tuple[IndexEntry, bytes] | Unreadable:
    """*source*'s entry (without a result) from its bytes, and the bytes: the caller compares
    the digest with the stored one, so a touched file or a fresh checkout is not analysed
    again."""
    try:
        with open(source.abspath, "rb") as handle:
            content = handle.read()
    except OSError as exc:
        from advisor.lint._data import os_skip

        key, reason = os_skip(exc)
        return Unreadable(reason, key)
    digest = hashlib.sha256(content).hexdigest()
    return IndexEntry(list(source.signature), digest, module), content


def store(  # noqa: PLR0917 - the index and what ties it to its results
    index_key: str,
    entries: dict[str, IndexEntry],
    needles: str,
    views: dict[str, Any],
    started: int,
    cache_dir: str | None,
    token: str,
) -> None:
    """Write the index that goes with the results stored under *token* (`store_results`,
    called first when they changed: a run killed between the two leaves an index whose token
    matches no results, which the next run treats as having none).

    Signatures within RACY_NS of the scan's start are dropped ("racily clean", as git says):
    a write in the same clock tick as our stat and read would leave the signature unchanged
    while the content we analysed is already old, so such files are verified by hash."""
    files = {
        relpath: [None if _racy(e.signature, started) else e.signature, e.digest, e.module]
        for relpath, e in entries.items()
    }
    value = {"files": files, "needles": needles, "views": views, "token": token}
    _cache.store(NAMESPACE, index_key, value, root=cache_dir)


def store_results(
    index_key: str,
    results: dict[str, dict[str, Any]],
    refs: dict[str, str],
    cache_dir: str | None,
    old: Results = NO_RESULTS,
) -> str:
    """Store the per-file results and each file's names of other code (`depends.refs`);
    returns the token the index must carry to use them. A result that is the very object
    *old* read keeps its stored text: only what changed is encoded again."""
    token = os.urandom(8).hex()
    encode = _ENCODER.encode
    kept, texts = old.files, old.texts
    files = {
        path: texts[path] if kept.get(path) is result and path in texts else encode(result)
        for path, result in results.items()
    }
    value = {"token": token, "files": files, "refs": refs}
    _cache.store(NAMESPACE, results_key(index_key), value, root=cache_dir)
    return token


def _racy(signature: list[int] | None, started: int) -> bool:
    """Modified (mtime or ctime) within RACY_NS of the scan's start."""
    if not signature:
        return False
    return max(signature[1], signature[2]) > started - RACY_NS
