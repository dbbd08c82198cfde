"""The inference of `scan --recommend` (`advisor.infer`) kept in advisor's cache, so a second
run over unchanged code reads the code and reuses what was inferred from it.

Every run read and parsed every file and gathered its evidence again: 6.7 CPU seconds on a
large bot (red-discordbot, 217 files) for each repeat, where `advisor scan` answers from its
index in a tenth of a second. What is inferred depends on the whole program (the main path
joins every file), so the cache holds the whole inference, not one file's part: an edit
anywhere infers everything again, as before; a repeat of the same code costs reading it.

- **Keyed by content.** The key is a SHA-256 over every unit read (path, cell, text), the
  scripts the project declares, the settings its configuration files set, the Python version
  (its `ast`), and the code and data of advisor itself (`code_stamp`: an editable install
  keeps its version while its tables are edited). The same files in another order are
  another key: their order is part of what `infer` reads.
- **Plain data.** An entry is JSON (`advisor.cache`), decoded field by field here, never
  unpickled; an entry that does not decode is a miss.
- **Never a different answer.** A hit is the `Inference` the same inputs gave, equal field
  for field (`tests/recommend/test_inference_cache.py` compares a cached and a fresh run on
  the CLI's output). ``ADVISOR_NO_CACHE=1`` and an unusable cache folder turn it off, as
  for every other cache.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from advisor import cache
from advisor.inference import Evidence, Inference, InferredAnswer, SourceFile
from advisor.models import Text

NAMESPACE = "inference"

#: The shape of an entry: raised whenever `encode` changes.
LAYOUT = 2

#: advisor's own files whose change may change what is inferred: its code and its tables.
_STAMPED = (".py", ".yaml", ".yml", ".json")


def key(
    files: Sequence[SourceFile], declared: Sequence[str], settings: Mapping[str, set[int]]
) -> str:
    """The cache key of `infer`'s inputs (the module's docstring)."""
    parts: list[str] = [NAMESPACE, str(LAYOUT), sys.version, code_stamp()]
    parts.append(f"declared {len(declared)}")
    parts.extend(declared)
    for name in sorted(settings):
        parts.append(f"setting {name}")
        parts.extend(str(v) for v in sorted(settings[name]))
    parts.append(f"files {len(files)}")
    for source in files:
        parts.extend((source.path, str(source.cell), source.text))
    return cache.content_key(*parts)


def code_stamp() -> str:
    """Every code and data file of the installed advisor package, by name, size and
    modification time (`cache.code_stamp`'s reasons), sub-folders included: the inference
    reads the evidence tables and the linter's resolver and data."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts: list[str] = []
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(_STAMPED):
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                parts.append(
                    f"{os.path.relpath(folder, package)}/{name}:{st.st_size}:{st.st_mtime_ns}"
                )
    return cache.content_key(*parts)


def load(entry_key: str) -> Inference | None:
    """The inference stored under *entry_key*, or None (a miss, no cache, a bad entry)."""
    value = cache.load(NAMESPACE, entry_key)
    if value is None:
        return None
    try:
        return decode(value)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def store(entry_key: str, inference: Inference) -> None:
    cache.store(NAMESPACE, entry_key, encode(inference))


def encode(inference: Inference) -> dict[str, Any]:
    """*inference* as plain JSON data (`decode` gives it back, equal)."""
    return {
        "questions": [[q, _answer(a)] for q, a in inference.questions.items()],
        "context": [_evidence(e) for e in inference.context],
        "files": inference.files,
        "skipped": [[path, _text(reason)] for path, reason in inference.skipped],
        "tests": inference.tests,
        "entry_points": _strings(inference.entry_points),
        "packages": inference.packages,
        "demos": list(inference.demos),
        "helper_scripts": list(inference.helper_scripts),
        "api_scripts": list(inference.api_scripts),
        "package_dirs": list(inference.package_dirs),
        "consoles": list(inference.consoles),
        "sizes_only": [list(pair) for pair in inference.sizes_only],
        "main_path": None
        if inference.main_path is None
        else [list(entry) for entry in inference.main_path],
        "off_path": [[where, list(ids)] for where, ids in inference.off_path],
    }


def decode(value: Mapping[str, Any]) -> Inference:
    """The `Inference` `encode` wrote; raises on anything else (a miss for `load`)."""
    main_path = value["main_path"]
    entry_points = value["entry_points"]
    return Inference(
        questions={str(q): _inferred(a) for q, a in value["questions"]},
        context=tuple(_evidence_of(e) for e in value["context"]),
        files=int(value["files"]),
        skipped=tuple((str(path), _text_of(reason)) for path, reason in value["skipped"]),
        tests=int(value["tests"]),
        entry_points=None if entry_points is None else tuple(str(e) for e in entry_points),
        packages=int(value["packages"]),
        demos=_tuple(value["demos"]),
        helper_scripts=_tuple(value["helper_scripts"]),
        api_scripts=_tuple(value["api_scripts"]),
        package_dirs=_tuple(value["package_dirs"]),
        consoles=_tuple(value["consoles"]),
        sizes_only=tuple((str(a), str(b)) for a, b in value["sizes_only"]),
        main_path=None
        if main_path is None
        else tuple((str(a), str(b), str(c)) for a, b, c in main_path),
        off_path=tuple((str(where), _tuple(ids)) for where, ids in value["off_path"]),
    )


def _strings(values: Iterable[str] | None) -> list[str] | None:
    return None if values is None else list(values)


def _tuple(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _text(text: Text) -> dict[str, str]:
    return dict(text.values)


def _text_of(value: Mapping[str, Any]) -> Text:
    return Text({str(k): str(v) for k, v in value.items()})


def _evidence(e: Evidence) -> list[Any]:
    reason = _text(e.reason)
    return [e.question, e.value, e.confidence, e.file, e.line, reason, e.signal, e.cell, e.existing]


def _value(value: Any) -> Any:
    """An answer's value as JSON gave it back: a bool, a whole number, a string, or None."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    raise TypeError(f"not an answer value: {value!r}")


def _evidence_of(item: Sequence[Any]) -> Evidence:
    question, value, confidence, file, line, reason, signal, cell, existing = item
    return Evidence(
        None if question is None else str(question),
        _value(value),
        str(confidence),
        str(file),
        int(line),
        _text_of(reason),
        str(signal),
        None if cell is None else int(cell),
        bool(existing),
    )


def _answer(a: InferredAnswer) -> list[Any]:
    return [
        a.question,
        a.value,
        a.confidence,
        [_evidence(e) for e in a.evidence],
        [_evidence(e) for e in a.conflicting],
    ]


def _inferred(item: Sequence[Any]) -> InferredAnswer:
    question, value, confidence, evidence, conflicting = item
    return InferredAnswer(
        str(question),
        _value(value),
        str(confidence),
        tuple(_evidence_of(e) for e in evidence),
        tuple(_evidence_of(e) for e in conflicting),
    )
