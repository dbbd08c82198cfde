"""Find a tree file, read it, and return a validated `Tree`: from memory, the cache, or YAML.

This is the only place that reads tree files, and so yamlio's one client for
trees. Three levels, cheapest first:

1. an in-process memo keyed by the file's resolved real path and a hash of its
   content (a file edited between two loads is read afresh);
2. the disk cache (`advisor.cache`), keyed by the content hash plus a stamp of
   the code that shaped the data, holding the validated tree as plain JSON;
3. PyYAML, the parser and the graph checks; the result goes into 1 and 2.

No level trusts size or mtime: `cp -p`, `tar x` or a same-second edit of the
same size cannot make advisor give advice from an old tree.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from advisor import cache, datafiles
from advisor.errors import Problem, TreeError
from advisor.models import Tree
from advisor.tree import plain

if TYPE_CHECKING:
    from pathlib import Path

TREE_FILENAME = "decision_tree.yaml"
#: How many trees one process keeps in memory.
_MEMO_SIZE = 16
_MEMO: dict[tuple[str, str], Tree] = {}
_HERE = datafiles.path(__file__)
_PACKAGE = os.path.dirname(_HERE)


SEED_TREE_FILENAME = "seed_tree.yaml"


def _shipped(filename: str) -> str:
    # os.path, not importlib.resources or pathlib: advisor is never imported from a
    # zip, and those imports cost more than the rest of a cached run's lookup.
    packaged = os.path.join(_PACKAGE, filename)
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(_PACKAGE), filename)  # a source checkout


def _default_tree_file() -> str:
    return _shipped(TREE_FILENAME)


def _seed_tree_file() -> str:
    return _shipped(SEED_TREE_FILENAME)


#: Trees known by name; ``./default`` names a file called "default" instead.
#: "seed" is the tutorial chapter's flowchart, verbatim.
NAMED_TREES = {"default": _default_tree_file, "seed": _seed_tree_file}


def resolve_tree(name: str | os.PathLike[str] | None) -> str:
    """The file a tree name stands for: None or a known name -> a shipped tree, else a path.

    The one place where names become files, so every command and the library
    agree on what ``--tree default`` means.
    """
    if name is None:
        return _default_tree_file()
    text = os.fspath(name)
    named = NAMED_TREES.get(text)
    return named() if named is not None else text


def default_tree_path() -> Path:
    """The shipped tree: inside the installed package, or at the root of a source checkout."""
    from pathlib import Path

    return Path(_default_tree_file())


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """What a cached tree depends on besides its file: the code that parses, checks and
    stores it (models, detect, yamlio, echo, the tree package: every module in the two
    folders, so an edit to any invalidates the cache in an editable install), the shipped
    templates (a leaf may name only those; listed, not imported) and the stored layout."""
    try:
        templates = ",".join(sorted(os.listdir(os.path.join(_PACKAGE, "templates"))))
    except OSError:
        templates = "-"
    return cache.content_key(cache.code_stamp(_PACKAGE, _HERE), templates, plain.LAYOUT)


def _read(path: str) -> bytes:
    if not path.strip():  # `--tree=` or `--tree "$UNSET"`: say so, not "cannot read : ..."
        raise TreeError(
            "no decision tree file named (the --tree value is empty); give the path of a "
            "tree file, or leave --tree out for the shipped tree",
            key="tree_empty_name",
        )
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        reason = "file not found"
        raise TreeError(
            f"cannot read decision tree {path}: {reason}; check the path",
            key="tree_not_found",
            path=path,
        ) from exc
    except IsADirectoryError as exc:
        reason = "is a directory, not a file"
        raise TreeError(
            f"cannot read decision tree {path}: {reason}; check the path",
            key="tree_directory",
            path=path,
        ) from exc
    except OSError as exc:
        reason = f"cannot read: {exc.strerror or exc}"
        raise TreeError(
            f"cannot read decision tree {path}: {reason}; check the path",
            key="tree_unreadable",
            path=path,
            reason=str(exc.strerror or exc),
        ) from exc
    except ValueError as exc:  # a NUL character: no file system has such a name
        reason = "a file name cannot contain a NUL character"
        raise TreeError(
            f"cannot read decision tree {path}: {reason}; check the path",
            key="tree_nul",
            path=path,
        ) from exc


def load_tree(path: str | os.PathLike[str] | None = None) -> Tree:
    """Load and validate a decision tree: the shipped one for None or ``"default"``, the
    chapter's flowchart for ``"seed"``, else the file at *path*."""
    target = resolve_tree(path)
    data = _read(target)
    key = cache.content_key("tree", code_stamp(), data)
    memo_key = (os.path.realpath(target), key)
    tree = _MEMO.get(memo_key)
    if tree is None:
        tree = _from_cache(key, target)
        if tree is None:
            tree = _parse(target, data)
            cache.store("tree", key, plain.to_data(tree))
        if len(_MEMO) >= _MEMO_SIZE:
            del _MEMO[next(iter(_MEMO))]
        _MEMO[memo_key] = tree
    return tree if tree.source == target else tree._replace(source=target)


def _from_cache(key: str, source: str) -> Tree | None:
    stored = cache.load("tree", key)
    if stored is None:
        return None
    try:
        return plain.from_data(stored, source)
    except plain.LayoutError:
        return None  # a foreign or damaged entry: parse afresh, and overwrite it


def _parse(path: str, data: bytes) -> Tree:
    from advisor import yamlio
    from advisor.tree.parsing import parse

    try:
        text = yamlio.decode(data)
        raw = yamlio.loads(text, path)
    except yamlio.YAMLFileError as exc:
        if not exc.line:  # the file itself, not its content: not text, nested too deeply
            raise TreeError(
                f"cannot read decision tree {path}: {exc}; check the path",
                key="tree_unreadable",
                path=path,
                reason=exc.text,
            ) from exc
        raise TreeError([Problem(path, exc.line, exc.text)]) from exc
    return parse(raw, source=path)


def validate(path: str | os.PathLike[str] | None = None, lang: str = "en") -> list[Problem]:
    """Every problem in a tree file; an empty list means it is valid. A file that cannot be
    read is one problem; every problem is said in *lang* (a YAML-level problem is a
    `KeyedText`; the checker's own English is matched against `texts/problems.<lang>.yaml`)."""
    try:
        load_tree(path)
    except TreeError as exc:
        from advisor.quoting import KeyedText
        from advisor.texts.problems import translated

        problems = [
            p.translated(lang)
            if isinstance(p.message, KeyedText)
            else p._replace(message=translated(p.message, lang))
            for p in exc.problems
        ]
        return problems or [Problem(resolve_tree(path), 0, exc.message(lang))]
    return []
