"""The boundary of the library: a Python caller's arguments checked and normalised.

A wrong type (``lang=None``, ``tree=42``, ``concurrency="500"``, ``exclude="*.py"``) is one
clear `InvalidArgumentError` naming the argument, never a raw Python error deep inside, and
values become the plain answer types (an ``IntEnum`` member becomes its int). `advisor.api`
calls these before any work; they never load a tree, read a file or run anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from advisor.errors import InvalidArgumentError
from advisor.models import Answer, AnswerValue, Fact, Question, Source, Tree


def described(value: object) -> str:
    """A wrong argument named in a message: its type, and a short repr for simple values."""
    kind = type(value).__name__
    if isinstance(value, (bool, int, float, str, bytes)) or value is None:
        shown = repr(value[:61] if isinstance(value, (str, bytes)) else value)
        if len(shown) > 60:
            shown = shown[:60] + "…"
        return f"{kind} {shown}" if value is not None else "None"
    return kind


def lang(value: object) -> str:
    from advisor.i18n import normalize_lang

    if not isinstance(value, str):
        raise InvalidArgumentError(
            f"lang must be a string such as 'en' or 'zh-TW', not {described(value)}"
        )
    return normalize_lang(value)


def mapping(name: str, value: object) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise InvalidArgumentError(
            f"{name} must be a mapping of question ids (strings) to answers, not {described(value)}"
        )
    return value


def facts(value: object) -> Mapping[str, Fact] | None:
    if value is None:
        return None
    checked = mapping("facts", value)
    for name, fact in checked.items():
        if not isinstance(fact, Fact):
            raise InvalidArgumentError(
                f"facts[{name!r}] must be an advisor.Fact(value, evidence), not {described(fact)}"
            )
    return checked


def _expected(question: Question) -> str:
    if question.kind == "yesno":
        auto = " or 'auto'" if question.detect else ""
        return f"True or False (or a word such as 'yes'/'no'{auto})"
    if question.kind == "integer":
        return "an int"
    return "one of the strings " + ", ".join(repr(c.value) for c in question.choices)


def api_value(question: Question, value: object, name: str) -> AnswerValue:
    """A Python caller's answer as a plain bool, int or str of the kind the question takes.

    Enum members count as their value (``IntEnum`` -> int); a bool is no number, a str
    is no number (``concurrency="500"`` is refused, not guessed at), anything else is refused.
    """
    import enum

    raw = value.value if isinstance(value, enum.Enum) else value
    ok: AnswerValue | None = None
    if isinstance(raw, bool):
        ok = bool(raw) if question.kind == "yesno" else None
    elif isinstance(raw, int) or (
        hasattr(type(raw), "__index__") and not isinstance(raw, (str, bytes))
    ):
        import operator

        ok = operator.index(raw) if question.kind == "integer" else None  # type: ignore[arg-type]
    elif isinstance(raw, str):
        ok = str(raw) if question.kind != "integer" else None
    if ok is None:
        digits = raw.strip() if isinstance(raw, str) and len(raw) <= 20 else ""
        # As a Python literal: `concurrency=0120` would be a SyntaxError, 120 is what it means.
        hint = f"; pass {name}={int(digits)}" if digits.isascii() and digits.isdigit() else ""
        raise InvalidArgumentError(
            f"{name}= ({question.flag}) takes {_expected(question)}, not {described(value)}{hint}"
        )
    return ok


def given(tree: Tree, answers: object, kwargs: Mapping[str, Any]) -> dict[str, Answer]:
    """Keyword answers and *answers* (plain values or `Answer` objects), checked and parsed."""
    from advisor import answers as answers_mod

    resolved_tree = tree
    raw: dict[str, Any] = {**mapping("answers", answers), **kwargs}
    given: dict[str, Answer] = {}
    plain: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None:
            continue  # unanswered
        question = answers_mod.find_question(resolved_tree, key)
        if isinstance(value, Answer):
            if not isinstance(value.source, Source) or not isinstance(
                value.evidence, (str, type(None))
            ):
                raise InvalidArgumentError(
                    f"{key}: an Answer needs an advisor.Source and evidence as a string or None"
                )
            parsed = answers_mod.parse_value(question, api_value(question, value.value, key))
            given[question.id] = value._replace(value=parsed)
        else:
            plain[key] = api_value(question, value, key)
    given.update(answers_mod.from_mapping(resolved_tree, plain, Source.API))
    return given


def globs(exclude: object) -> None:
    """A string is iterable too: ``exclude="*.py"`` would be read as its characters, and ``*``
    excludes every file, so the scan would silently find nothing."""
    if isinstance(exclude, (str, bytes)) or not isinstance(exclude, Iterable):
        raise InvalidArgumentError(
            f"exclude must be a list of globs such as ['build/*'], not {described(exclude)}"
        )


def workload_number(name: str, value: object, low: int, high: int, *, whole: bool) -> None:
    """The bounds `advisor bench --tasks/--io-latency/--cpu-ms/--repeats` holds to: checked
    before anything runs, so ``tasks=0`` cannot race nothing and name a winner."""
    if value is None:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (whole and not isinstance(value, int))
        or not low <= value <= high
    ):
        kind = "whole number" if whole else "number"
        raise InvalidArgumentError(
            f"{name} must be a {kind} from {low} to {high} or None, not {described(value)}"
        )


def conversion(result: object) -> None:
    """`write` and `diff` take what `advisor.convert` returned; anything else is named."""
    if not hasattr(result, "changed"):
        raise InvalidArgumentError(
            f"result: expected what advisor.convert() returns, not {described(result)}"
        )
