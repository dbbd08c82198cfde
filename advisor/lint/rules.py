"""The rule registry: codes, names, severities, messages and docs, all from ``data/rules.yaml``.

Selection follows ruff: ``--select`` and ``--ignore`` take codes or prefixes (``ADV1``), and the
more specific of two matching entries wins, so ``--select ADV10 --ignore ADV105`` keeps the rest.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from advisor.lint._data import bundle


class Rule(NamedTuple):
    code: str
    name: str
    severity: str
    message: dict[str, str]
    doc: dict[str, Any]
    triggers: tuple[str, ...]


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for code, entry in sorted(bundle()["rules"].items()):
        rules[code] = Rule(
            code,
            entry["name"],
            entry["severity"],
            entry["message"],
            entry["doc"],
            tuple(entry["triggers"]),
        )
    return rules


def get_rule(code: str) -> Rule:
    return all_rules()[code]


def find_rule(name_or_code: str) -> Rule | None:
    """A rule by code (any case) or short name (`missing-await`)."""
    wanted = name_or_code.strip()
    for rule in all_rules().values():
        if wanted.upper() == rule.code or wanted.lower() == rule.name:
            return rule
    return None


def _lang(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or "")
    return str(value)


def render_message(code: str, params: dict[str, str], lang: str) -> str:
    """The one-line message in *lang*, with the fix and "how" parameters translated."""
    data = bundle()
    entry = data["rules"][code]
    values = dict(params)
    if "fix" in values:
        values["fix"] = _lang(data["blocking"]["fixes"].get(values["fix"], values["fix"]), lang)
    for name in ("how", "where"):  # a rule's own tables of phrases, by key
        if name in values and isinstance(entry.get(name), dict):
            phrase = _lang(entry[name].get(values[name], values[name]), lang)
            values[name] = phrase.format_map(_Defaulting(params))
    template = _lang(entry["message"], lang)
    return string.Formatter().vformat(template, (), _Defaulting(values))


class _Defaulting(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def skip_reason(key: str, detail: str, lang: str) -> str:
    texts = bundle()["skips"].get(key) or {}
    template = texts.get(lang) or texts.get("en")
    if not template:
        return f"{key}: {detail}" if detail else key
    return str(template).format(detail=detail)


def _matches(code: str, patterns: Iterable[str]) -> int:
    """Length of the longest pattern that is a prefix of *code* (0: none)."""
    return max((len(p) for p in patterns if code.startswith(p)), default=0)


def normalise(patterns: Iterable[str], option: str) -> tuple[str, ...]:
    """Upper-cased codes or prefixes; an unknown one is a usage error naming the known codes."""
    from advisor.errors import ScanError

    codes = all_rules()
    result: list[str] = []
    for raw in patterns:
        for part in str(raw).split(","):
            pattern = part.strip().upper()
            if not pattern:
                continue
            if pattern == "ALL":
                pattern = "ADV"
            if not any(code.startswith(pattern) for code in codes):
                raise ScanError(
                    f"{option}: unknown rule code {part.strip()!r}; known codes: "
                    f"{', '.join(codes)} (or a prefix such as ADV1)",
                    key="scan_unknown_code",
                    option=option,
                    code=part.strip(),
                    known=", ".join(codes),
                )
            result.append(pattern)
    return tuple(result)


def selected_codes(
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    *,
    option: str = "--select",
    ignore_option: str = "--ignore",
) -> frozenset[str]:
    chosen = normalise(select, option) if select is not None else ("ADV",)
    if not chosen:  # `--select ''` would check nothing and pass every CI run
        from advisor.errors import ScanError

        raise ScanError(
            f"{option} names no rule; give codes or prefixes such as {option} ADV1, or leave it out",
            key="scan_empty_select",
            option=option,
        )
    dropped = normalise(ignore or (), ignore_option)
    return frozenset(
        code for code in all_rules() if _matches(code, chosen) > _matches(code, dropped)
    )
