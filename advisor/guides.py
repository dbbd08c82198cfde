"""`advisor explain`: the comparison table, and per model when (not) to choose it,
its pitfalls and the conversion patterns, from ``texts/explain.yaml`` and the tree.

Pitfalls live in the decision tree (the recommendation shows them too); the
rest is teaching material that only `explain` needs, so it has its own file.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from advisor import datafiles
from advisor.errors import AdvisorError, UsageError
from advisor.models import LANGS, MODELS, Pitfall, Tree
from advisor.quoting import quoted

EXPLAIN_NAME = "explain.yaml"
EXPLAIN_FILE = datafiles.path(__file__, "texts", EXPLAIN_NAME)
ROWS = ("execution", "switching", "memory", "scale", "gil", "sync", "cancel", "debug", "fit")


class ComparisonRow(NamedTuple):
    id: str
    label: str
    values: Mapping[str, str]  # model id -> text


class Comparison(NamedTuple):
    lang: str
    models: tuple[str, ...]
    rows: tuple[ComparisonRow, ...]
    #: The terms the texts use (並行 = concurrent, 平行 = parallel), printed under the table.
    glossary: str = ""


class Change(NamedTuple):
    before: str
    after: str


class Pattern(NamedTuple):
    id: str
    title: str
    summary: str
    before: str
    after: str
    changes: tuple[Change, ...]


class ModelGuide(NamedTuple):
    model: str
    name: str
    lang: str
    summary: str
    when: tuple[str, ...]
    when_not: tuple[str, ...]
    pitfalls: tuple[Pitfall, ...]
    patterns: tuple[Pattern, ...]
    #: What the page is about, so a reader (and a renderer) can tell the lists apart: a
    #: ``model``'s lists say when to choose it and when not; a ``program`` kind's
    #: (``notebook``, ``gui``, ``service``) say what changes there and what breaks; a
    #: ``topic`` (``interpreters``) reads like a model; a ``pattern`` has no lists.
    kind: str = "model"


def _text(value: Any, lang: str, where: str) -> str:
    if isinstance(value, str):
        return value
    if not isinstance(value, Mapping) or not all(value.get(code) for code in LANGS):
        langs = ", ".join(LANGS)
        raise AdvisorError(
            f"{EXPLAIN_NAME}: {where} needs text in {langs}",
            key="explain_needs_langs",
            where=EXPLAIN_NAME,
            part=where,
            langs=langs,
        )
    return str(value[lang])


@lru_cache(maxsize=1)
def _data() -> Mapping[str, Any]:
    from advisor import yamlio

    try:
        data: Mapping[str, Any] = datafiles.load(__file__, "texts", EXPLAIN_NAME)
    except yamlio.YAMLFileError as exc:
        where = f"{EXPLAIN_NAME}:{exc.line}"
        raise AdvisorError(
            f"{where}: {exc}; reinstall advisor",
            key="explain_bad_yaml",
            where=where,
            reason=exc.text,
        ) from exc
    return data


def comparison(lang: str) -> Comparison:
    """The seed's comparison table, extended to every model."""
    table = _data()["comparison"]
    models = tuple(table["models"])
    rows = []
    for row in table["rows"]:
        values = {m: _text(row["values"].get(m), lang, f"row {row['id']} / {m}") for m in models}
        rows.append(ComparisonRow(row["id"], _text(row["label"], lang, f"row {row['id']}"), values))
    glossary = table.get("glossary")
    return Comparison(
        lang, models, tuple(rows), _text(glossary, lang, "glossary") if glossary else ""
    )


def pattern(pid: str, lang: str) -> Pattern:
    for raw in _data()["patterns"]:
        if raw["id"] == pid:
            return Pattern(
                id=pid,
                title=_text(raw["title"], lang, f"pattern {pid}"),
                summary=_text(raw["summary"], lang, f"pattern {pid}"),
                # Code is plain or per language (its comments are translated).
                before=_text(raw["before"], lang, f"pattern {pid} before"),
                after=_text(raw["after"], lang, f"pattern {pid} after"),
                changes=tuple(
                    Change(
                        _text(c["before"], lang, f"pattern {pid}"),
                        _text(c["after"], lang, f"pattern {pid}"),
                    )
                    for c in raw.get("changes") or ()
                ),
            )
    raise AdvisorError(
        f"{EXPLAIN_NAME}: unknown pattern {pid!r}",
        key="unknown_pattern",
        where=EXPLAIN_NAME,
        name=repr(pid),
    )


def pattern_ids() -> tuple[str, ...]:
    return tuple(str(raw["id"]) for raw in _data()["patterns"])


def pattern_for(name: str) -> str | None:
    """The conversion pattern a name stands for (``Thread-Join-To-Gather``), if any: convert
    prints these ids beside each change, so `explain` must take them back."""
    key = name.strip().lower().replace("_", "-")
    return key if key in pattern_ids() else None


def pattern_guide(pid: str, lang: str) -> ModelGuide:
    """One conversion pattern's page (`advisor explain thread-join-to-gather`), in the shape of
    a model's guide: the pattern is its only section, with no when/when-not lists, and the
    summary names the `convert` rules that apply it (the way back from convert's output)."""
    from advisor.rules import rules_for_pattern
    from advisor.texts import ui

    found = pattern(pid, lang)
    texts = ui(lang)
    codes = [rule.code for rule in rules_for_pattern(pid)]
    summary = (
        texts("pattern_rules", rules=", ".join(codes), first=codes[0])
        if codes
        else texts("pattern_by_hand")
    )
    return ModelGuide(
        model=pid,
        name=found.title,
        lang=lang,
        summary=summary,
        when=(),
        when_not=(),
        pitfalls=(),
        patterns=(found,),
        kind="pattern",
    )


def topic_names() -> tuple[str, ...]:
    """The explain pages that are not models (``interpreters``, and the program kinds
    ``notebook``, ``gui``, ``service``)."""
    return tuple(str(topic) for topic in _data().get("topics") or {})


def names() -> tuple[str, ...]:
    """Every page name `explain` offers (models, topics and program kinds, conversion
    patterns), for shell completion: rule codes and aliases are accepted but not offered,
    so a Tab lists pages, not a hundred spellings."""
    return (*MODELS, *topic_names(), *pattern_ids())


def topic_for(name: str) -> str | None:
    """The explain page that is not a model (``interpreters``) a name stands for, if any."""
    key = name.strip().lower().replace("_", "-").replace(" ", "")
    for topic, raw in (_data().get("topics") or {}).items():
        if key == topic or key in (raw.get("aliases") or ()):
            return str(topic)
    return None


def normalize_model(name: str) -> str:
    """Accept common spellings: 'asyncio-executor', 'executor', 'dask', 'multiprocess'."""
    key = name.strip().lower().replace("_", "-").replace(" ", "")
    aliases = {
        "asyncio+executor": "asyncio+executor",
        "asyncio-executor": "asyncio+executor",
        "executor": "asyncio+executor",
        "threads": "threading",
        "thread": "threading",
        "async": "asyncio",
        "multiprocess": "multiprocessing",
        "processes": "multiprocessing",
        "dask": "distributed",
        "ray": "distributed",
    }
    model = aliases.get(key, key)
    if model not in MODELS:
        choices = ", ".join((*MODELS, *topic_names()))
        raise UsageError(
            f"unknown model {quoted(name)}; choose one of {choices}",
            key="unknown_model",
            name=quoted(name),
            models=choices,
        )
    return model


def topic_guide(topic: str, lang: str) -> ModelGuide:
    """A page that is not a model (``interpreters``, or a program kind such as ``notebook``),
    in the shape of a model's guide; its ``kind`` tells the renderer how to title the lists."""
    raw = _data()["topics"][topic]
    return ModelGuide(
        model=topic,
        name=_text(raw["name"], lang, f"topic {topic}"),
        lang=lang,
        summary=_text(raw["summary"], lang, f"topic {topic}"),
        when=tuple(_text(t, lang, f"topic {topic} when") for t in raw.get("when") or ()),
        when_not=tuple(
            _text(t, lang, f"topic {topic} when_not") for t in raw.get("when_not") or ()
        ),
        pitfalls=(),
        patterns=tuple(pattern(pid, lang) for pid in raw.get("patterns") or ()),
        kind=str(raw.get("kind") or "topic"),
    )


def is_guide(name: str) -> bool:
    """A model (or an alias), a topic or a conversion pattern: the pages `guide` draws.
    `explain` asks this before the rule registry, so `explain asyncio` never loads the rule
    tables (the CLI and `advisor.explain` alike)."""
    if topic_for(name) is not None or pattern_for(name) is not None:
        return True
    try:
        normalize_model(name)
    except UsageError:
        return False
    return True


def guide(model: str, tree: Tree, lang: str) -> ModelGuide:
    """Everything `advisor explain MODEL` shows, in one language (or a topic's or a
    conversion pattern's page)."""
    topic = topic_for(model)
    if topic is not None:
        return topic_guide(topic, lang)
    pid = pattern_for(model)
    if pid is not None:
        return pattern_guide(pid, lang)
    model = normalize_model(model)
    raw = _data()["models"][model]
    info = tree.models.get(model)
    pitfalls = tuple(p.localized(lang) for p in (info.pitfalls if info else ()))
    return ModelGuide(
        model=model,
        name=info.name.get(lang) if info else model,
        lang=lang,
        summary=_text(raw["summary"], lang, f"model {model}"),
        when=tuple(_text(t, lang, f"model {model} when") for t in raw.get("when") or ()),
        when_not=tuple(
            _text(t, lang, f"model {model} when_not") for t in raw.get("when_not") or ()
        ),
        pitfalls=pitfalls,
        patterns=tuple(pattern(pid, lang) for pid in raw.get("patterns") or ()),
    )
