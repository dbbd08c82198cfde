"""What a file's name and place say about an entry point (``data/mainpath.yaml``): named like
the program's start or like a helper (`rank`), a repository's development tooling
(`dev_tooling`), a ``__main__.py`` that hands over to the program (`delegates`).
"""

from __future__ import annotations

from collections.abc import Iterable

from advisor.evidence.follow import _resolver, _Walk
from advisor.evidence.units import MAIN_GUARD, MODULE, Entry, Graph, _folder, names


def _stem_words(path: str) -> tuple[str, list[str], list[str]]:
    name = path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0].lower()
    folders = [p.lower() for p in path.split("/")[:-1]]
    words = stem.replace("-", "_").split("_")
    return stem, words, folders


def rank(entry: Entry) -> int:
    """2: named like the program's start (``main.py``, ``app.py``, ``__main__.py``); 0: named
    like a helper (``download_data.py``, ``scripts/update_db.py``); 1: anything else."""
    data = names()
    stem, words, folders = _stem_words(entry.file)
    if any(f in data["helper_folders"] for f in folders):
        return 0
    if any(w in data["helper_words"] for w in words):
        return 0
    if stem in data["main_names"] or entry.kind == "dunder_main":
        return 2
    return 1


def dev_tooling(path: str, packages: Iterable[str]) -> bool:
    """Whether a file outside every package (*packages*: folders with an ``__init__.py``) is
    a repository's development tooling: in a ``tools/`` or ``requirements/`` folder, or in a
    helper folder and named like a helper (``scripts/release.py``; ``data/mainpath.yaml``).
    Its main guard does not make a project that ships a package an application (issue 19,
    cause 8: aiohttp's and SQLAlchemy's code generators)."""
    if _folder(path) in set(packages):
        return False
    data = names()
    stem, words, folders = _stem_words(path)
    # By whole words of the folder's name too: attrs' typing-examples/, a docs_src/.
    words_of_folders = {w for f in folders for w in f.replace("-", "_").split("_")}
    if set(folders) & set(data["dev_folders"]) or words_of_folders & set(data["usage_folders"]):
        return True
    if stem.replace("-", "_") in data["usage_files"]:
        return True  # structlog's show_off.py beside src/structlog: a demo, not the program
    return any(f in data["helper_folders"] for f in folders) and any(
        w in data["helper_words"] for w in words
    )


def delegates(graph: Graph, file: str) -> bool:
    """Whether a package's ``__main__.py`` hands over to the program: it calls a function or
    method of another project module named like a start (``main``, ``cli``, ``run``,
    ``command_line_runner``; ``data/mainpath.yaml``). A ``__main__.py`` that builds the
    package's own objects and prints them (rich's demo) does not: with no script declared,
    that package is a library (issue 19, cause 8)."""
    if any(app[0] == file for app in graph.apps):
        return True  # it builds or runs a framework's app: `python -m app` serves
    words = set(names()["start_words"])
    walk = _Walk(graph, _resolver(graph))
    for unit in [u for u in graph.edges if u[0] == file]:
        for target in sorted(graph.edges[unit]):
            if target[0] not in {"sym", "attr"}:
                continue
            for kind, (path, name) in walk.resolve(file, target):
                if kind != "unit" or path == file or name in (MODULE, MAIN_GUARD):
                    continue
                last = name.rsplit(".", 1)[-1].lower()
                if words & set(last.strip("_").split("_")):
                    return True
    return False
