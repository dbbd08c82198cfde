"""Turn raw answers (flag strings, prompt results, file values, API kwargs) into `Answer`s.

Every source goes through `parse_value`, so "--cpu-bound 是" on the command
line, ``cpu_bound: no`` in a file and ``cpu_bound=False`` in Python mean the
same thing and fail with the same message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from advisor import yamlio
from advisor.errors import AnswersFileError, InvalidAnswerError, UnknownQuestionError
from advisor.models import AUTO, Answer, AnswerValue, Question, Source, Tree, format_answer
from advisor.quoting import quoted

YES = frozenset({"yes", "y", "true", "t", "1", "on", "是", "是的", "對"})
NO = frozenset({"no", "n", "false", "f", "0", "off", "否", "不是", "不"})
YESNO_HINT = "answer yes or no (also y/n, true/false, 1/0, 是/否)"


def parse_value(question: Question, raw: object) -> AnswerValue:
    """Check and normalise one answer: bool for yes/no, int for integers, str for choices."""
    if isinstance(raw, int) and yamlio.int_too_long(raw):
        raise InvalidAnswerError(
            f"the value for {question.flag} is a number too long to print; give a smaller number",
            key="number_too_long",
            flag=question.flag,
        )
    # Quoted in the user's spelling (yes/no, not True/False) and cut to a bounded length.
    shown = quoted(format_answer(raw)) if isinstance(raw, (bool, int, str)) else quoted(raw)
    if question.kind == "yesno":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        if question.detect and text == AUTO:
            return AUTO
        hint = YESNO_HINT + (", or auto to detect it" if question.detect else "")
        raise InvalidAnswerError(
            f"invalid value {shown} for {question.flag}: {hint}",
            key="invalid_yesno_auto" if question.detect else "invalid_yesno",
            flag=question.flag,
            value=shown,
        )
    if question.kind == "integer":
        value: int | None = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            value = raw
        elif isinstance(raw, str):
            try:
                value = int(raw.strip().replace("_", ""))
            except ValueError:
                value = None
        bounds = bounds_text(question)
        # Translated only where both bounds exist (every shipped question has them): a
        # "None" bound makes the CLI fall back to the English message.
        params = {
            "flag": question.flag,
            "minimum": str(question.minimum),
            "maximum": str(question.maximum),
        }
        if value is None:
            raise InvalidAnswerError(
                f"invalid value {shown} for {question.flag}: expected a whole number {bounds}, "
                f"e.g. {question.flag} {_example(question)}",
                key="invalid_integer",
                value=shown,
                example=str(_example(question)),
                **params,
            )
        if (question.minimum is not None and value < question.minimum) or (
            question.maximum is not None and value > question.maximum
        ):
            raise InvalidAnswerError(
                f"{question.flag} {value} is out of range: give a whole number {bounds}",
                key="out_of_range",
                value=str(value),
                **params,
            )
        return value
    values = [c.value for c in question.choices]
    if isinstance(raw, str) and raw.strip() in values:
        return raw.strip()
    # A file's `mode: 1` or `mode: yes` arrives as a number or a boolean, not as the text.
    matched = next((v for v in values if v.lower() in _spellings(raw)), None)
    if matched is not None:
        return matched
    quote = "" if isinstance(raw, str) else "; in a YAML file, quote the value"
    raise InvalidAnswerError(
        f"invalid value {shown} for {question.flag}: choose one of {', '.join(values)}{quote}",
        key="invalid_choice",
        flag=question.flag,
        value=shown,
        choices=", ".join(values),
    )


def _spellings(raw: object) -> frozenset[str]:
    """The texts a YAML or JSON scalar may have been written as, lower-cased."""
    if isinstance(raw, bool):
        return frozenset({"yes", "true", "on"} if raw else {"no", "false", "off"})
    if isinstance(raw, (int, float)):
        return frozenset({str(raw)})
    return frozenset()


def bounds_text(question: Question, *, compact: bool = False) -> str:
    """An integer question's bounds: "from 1 to 10" in a sentence, "1–10" beside a prompt."""
    lo, hi = question.minimum, question.maximum
    if lo is not None and hi is not None:
        return f"{lo}–{hi}" if compact else f"from {lo} to {hi}"
    if lo is not None:
        return f"≥ {lo}"
    if hi is not None:
        return f"≤ {hi}"
    return ""


def _example(question: Question) -> int:
    lo = question.minimum if question.minimum is not None else 0
    return max(lo, min(500, question.maximum if question.maximum is not None else 500))


def find_question(tree: Tree, key: str) -> Question:
    """Accept a question id, its flag, or the flag's keyword form (``cpu_bound``).

    An exact id wins over a flag that happens to spell it: ids are the stable names.
    """
    wanted = key.strip()[:200]
    exact = tree.questions.get(wanted)
    if exact is not None:
        return exact
    for q in tree.questions.values():
        if wanted in (q.flag, q.flag.lstrip("-"), q.dest):
            return q
    names = [q.id for q in tree.questions.values()]
    import difflib

    close = difflib.get_close_matches(wanted.lstrip("-").replace("-", "_"), names, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    known = ", ".join(names)
    raise UnknownQuestionError(
        f"unknown question {quoted(key)}; {hint}known: {known}",
        key="unknown_question_close" if close else "unknown_question",
        name=quoted(key),
        close=repr(close[0]) if close else "",
        known=known,
    )


def from_mapping(
    tree: Tree,
    raw: Mapping[str, Any],
    source: Source,
    evidence: Mapping[str, str] | None = None,
) -> dict[str, Answer]:
    """Parse a whole set of answers; keys may be ids, flags or keywords; None means unanswered."""
    result: dict[str, Answer] = {}
    answered_by: dict[str, str] = {}  # question id -> the key that answered it
    for key, value in raw.items():
        if value is None:
            continue
        question = find_question(tree, str(key))
        where = (evidence or {}).get(str(key))
        if question.id in answered_by:
            # `concurrency: 50` and `--concurrency: 60` are one question under two
            # spellings: refused like a duplicate key, never a silent last-one-wins.
            first, second = quoted(answered_by[question.id]), quoted(str(key))
            prefix = f"{where}: " if where else ""
            raise InvalidAnswerError(
                f"{prefix}{first} and {second} both answer {question.flag}; keep one",
                key="answered_twice",
                first=first,
                second=second,
                flag=question.flag,
                **({"where": where} if where else {}),
            )
        answered_by[question.id] = str(key)
        try:
            parsed = parse_value(question, value)
        except InvalidAnswerError as exc:
            if not where:
                raise
            # Keep the key and params, so the CLI can still translate it, led by the place.
            raise InvalidAnswerError(
                f"{where}: {exc}", key=exc.key, **{**exc.params, "where": where}
            ) from exc
        result[question.id] = Answer(parsed, source, where)
    return result


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json keeps the last of two equal keys; an answers file with both is a mistake."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _duplicate_at(name: str, text: str, key: str) -> tuple[str, int]:
    """``file:line`` of the second spelling of *key* in a JSON text (json does not say), and
    the line of the first; just the file name and 0 when the key is spelled differently
    (escapes)."""
    import re

    found = list(re.finditer(re.escape(json.dumps(key)) + r"\s*:", text))
    if len(found) < 2:
        return name, 0
    first = text.count("\n", 0, found[0].start()) + 1
    second = text.count("\n", 0, found[1].start()) + 1
    return f"{name}:{second}", first


def load_file(tree: Tree, path: str | os.PathLike[str]) -> dict[str, Answer]:
    """Read an answers file (YAML or JSON: question id -> answer).

    Scalars are read as the text the user typed and parsed like the flag's value, so
    ``concurrency: 0120`` means 120 as ``--concurrency 0120`` does (YAML 1.1 would say 80).
    Duplicate keys are refused in JSON as in YAML; a UTF-8 byte-order mark is allowed.
    """
    name = os.fspath(path)
    if not name.strip():  # `--answers=` or `--answers "$UNSET"`
        raise AnswersFileError(
            "no answers file named (the --answers value is empty); give the path of a YAML "
            "or JSON file",
            key="answers_empty_name",
        )
    try:
        with open(name, encoding="utf-8-sig") as handle:
            text = handle.read()
    except FileNotFoundError as exc:
        raise AnswersFileError(
            f"{name}: file not found; check the --answers path", key="answers_not_found", path=name
        ) from exc
    except IsADirectoryError as exc:
        raise AnswersFileError(
            f"{name}: is a directory; give an answers file", key="answers_directory", path=name
        ) from exc
    except UnicodeDecodeError as exc:
        raise AnswersFileError(
            f"{name}: not UTF-8 text; save the answers file as UTF-8",
            key="answers_not_utf8",
            path=name,
        ) from exc
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise AnswersFileError(
            f"{name}: cannot read: {reason}", key="answers_unreadable", path=name, reason=reason
        ) from exc
    except ValueError as exc:  # a NUL character: no file system has such a name
        raise AnswersFileError(
            f"{name}: a file name cannot contain a NUL character", key="answers_nul", path=name
        ) from exc
    if name.lower().endswith(".json"):
        try:
            data: Any = json.loads(text, object_pairs_hook=_no_duplicates)
        except _DuplicateKey as exc:
            at, first = _duplicate_at(name, text, exc.key)
            shown_key = quoted(exc.key)
            first_at = f" (first at line {first})" if first else ""
            raise AnswersFileError(
                f"{at}: duplicate key {shown_key}{first_at}; keep one",
                key="answers_duplicate_key_at" if first else "answers_duplicate_key",
                where=at,
                name=shown_key,
                first=str(first),
            ) from exc
        except json.JSONDecodeError as exc:
            # json's own words, kept as a param: the message is the parser's, not ours
            raise AnswersFileError(
                f"{name}:{exc.lineno}: not valid JSON: {exc.msg}",
                key="answers_bad_json",
                where=f"{name}:{exc.lineno}",
                reason=exc.msg,
            ) from exc
        except ValueError as exc:  # an integer longer than int() accepts (4300 digits)
            at = _long_number_at(name, text)
            raise AnswersFileError(
                f"{at}: {yamlio.too_long_message()}",
                key="answers_number_too_long",
                where=at,
                digits=str(yamlio.int_digits_limit()),
            ) from exc
        except RecursionError as exc:
            raise AnswersFileError(
                f"{name}: nested too deeply; flatten the answers file",
                key="answers_too_deep",
                where=name,
            ) from exc
    else:
        try:
            data = yamlio.loads(text, name, scalars_as_text=True)
        except yamlio.YAMLFileError as exc:
            where = f"{name}:{exc.line}" if exc.line else name
            # the YAML loader's words stay a param: they quote the parser, not advisor
            raise AnswersFileError(
                f"{where}: {exc}; fix the answers file",
                key="answers_bad_yaml",
                where=where,
                reason=exc.text,
            ) from exc
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise AnswersFileError(
            f"{name}: expected a mapping of question id to answer",
            key="answers_not_mapping",
            where=name,
        )
    lines = data.key_lines if isinstance(data, yamlio.LocatedDict) else {}
    evidence = {str(k): f"{name}:{lines[k]}" if k in lines else name for k in data}
    try:
        return from_mapping(tree, data, Source.FILE, evidence)
    except UnknownQuestionError as exc:
        # the question's own key and params, led by the file's name
        raise AnswersFileError(
            f"{name}: {exc}", key=exc.key, **{**exc.params, "where": name}
        ) from exc


def _long_number_at(name: str, text: str) -> str:
    """``file:line`` of the first number json refused as too long (json does not say where)."""
    import re

    limit = yamlio.int_digits_limit()
    found = re.search(rf"(?<![\d.])\d{{{limit + 1},}}(?![\d.eE])", text)
    if found is None:
        return name
    line = text.count("\n", 0, found.start()) + 1
    return f"{name}:{line}"


def to_plain(answers: Mapping[str, Answer]) -> dict[str, AnswerValue]:
    """The form `--save-answers` writes: question id -> value, user-given answers only."""
    return {qid: a.value for qid, a in sorted(answers.items()) if not a.assumed}


def merge(*layers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The one precedence rule for answers: each layer wins over the ones before it.

    Callers pass the layers lowest first: defaults < inferred (code) or measured (profile) <
    answers file < flags or keyword arguments. Every command that combines answers goes
    through here, so the rule cannot drift between `recommend`, `ask`, `scan --recommend` and
    `profile --recommend`.
    """
    merged: dict[str, Answer] = {}
    for layer in layers:
        merged.update(layer)
    return merged
