"""The one rule registry: every ADV code, lint (ADV1xx, `advisor scan`) and rewrite (ADV2xx,
`advisor convert`), with its name, severity, one-line message and four-part doc.

The rules live as data beside the code that applies them (``lint/data/rules.yaml`` and
``codemod/data/rules.yaml``), read through each package's cached loader; this module only
gathers them, so `explain`, the renderers, SARIF and the docs read one table and never
import the linter or the codemod themselves. Each kind loads on first use only: a scan pays
for the lint rules, never for the codemod's file.

Selection follows ruff: ``--select`` and ``--ignore`` take codes or prefixes (``ADV1``), and the
more specific of two matching entries wins, so ``--select ADV10 --ignore ADV105`` keeps the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Literal, NamedTuple

Kind = Literal["lint", "rewrite"]
KINDS: tuple[Kind, ...] = ("lint", "rewrite")
#: The four parts of a rule's doc, in the order every page shows them (ruff's shape).
DOC_PARTS = ("what", "why", "example", "instead")
#: The optional fifth part: what the rule does and does not flag, case by case, with the
#: real code behind each decision. `explain` shows it on request (``--details``) and
#: docs/rules.md in full; the four parts stay one screen (ADV101's "what" had grown to
#: 58,000 characters, printed whole by every `explain` and copied into every SARIF file).
DETAILS = "details"
#: The parts that are code: one text for every language, or one per language.
CODE_PARTS = frozenset({"example", "instead"})


class Rule(NamedTuple):
    code: str
    name: str
    kind: Kind
    #: error / warning for lint rules; ``rewrite`` for rewrites, so one renderer draws both.
    severity: str
    #: The one-line message template per language; ``{params}`` come from the check or rewrite.
    message: Mapping[str, str]
    #: what / why / example / instead; prose per language, code as one text or per language.
    doc: Mapping[str, Any]
    #: Lint: the byte triggers that must occur in a file before the rule can fire.
    triggers: tuple[str, ...] = ()
    #: Rewrite: the `advisor explain` conversion pattern this rule implements.
    pattern: str = ""

    def text(self, part: str, lang: str) -> str:
        """One doc part in *lang* (English where a translation is missing); code keeps its
        indentation and loses only trailing blank lines."""
        value = self.doc.get(part, "")
        if isinstance(value, Mapping):
            value = value.get(lang) or value["en"]
        return str(value).rstrip() if part in CODE_PARTS else str(value).strip()

    def summary(self, lang: str) -> str:
        """The message template in *lang*, placeholders left in (what docs show)."""
        return str(self.message.get(lang) or self.message["en"])

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The rule in *lang* as plain data: what `advisor explain CODE --format json` prints
        (one shape for the CLI and the library). A rule holds both languages, so *lang* is
        required, and checked: a misspelt one is an error, never English labelled zh-TW."""
        from advisor.i18n import normalize_lang

        lang = normalize_lang(lang)
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "pattern": self.pattern or None,
            "severity": self.severity,
            "lang": lang,
            "message": self.summary(lang),
            **{part: self.text(part, lang) for part in DOC_PARTS},
            DETAILS: self.text(DETAILS, lang) or None,
        }


@lru_cache(maxsize=1)
def _lint_rules() -> dict[str, Rule]:
    from advisor.lint._data import bundle

    return {
        code: Rule(
            code,
            entry["name"],
            "lint",
            entry["severity"],
            entry["message"],
            entry["doc"],
            triggers=tuple(entry["triggers"]),
        )
        for code, entry in sorted(bundle()["rules"].items())
    }


@lru_cache(maxsize=1)
def _rewrite_rules() -> dict[str, Rule]:
    # The codemod's data file, read here (through yamlio's cache, which the codemod's own
    # `rules_data` shares): importing the codemod would make a circle, since it reads back
    # its messages from this registry.
    from advisor import datafiles

    data = datafiles.load(__file__, "codemod", "data", "rules.yaml")
    return {
        code: Rule(
            code,
            entry["name"],
            "rewrite",
            "rewrite",
            entry["message"],
            entry["doc"],
            pattern=entry["pattern"],
        )
        for code, entry in sorted(data["rules"].items())
    }


_LOADERS = {"lint": _lint_rules, "rewrite": _rewrite_rules}


def all_rules(kind: Kind | None = None) -> dict[str, Rule]:
    """Every rule by code, in code order; only one *kind*'s when given."""
    if kind is not None:
        return dict(_LOADERS[kind]())
    return {code: rule for k in KINDS for code, rule in _LOADERS[k]().items()}


def get_rule(code: str) -> Rule:
    """The rule with this exact code (a finding's or a change's); KeyError if none."""
    for kind in KINDS:  # lint first: a scan never loads the codemod's file
        rule = _LOADERS[kind]().get(code)
        if rule is not None:
            return rule
    raise KeyError(code)


def find_rule(name_or_code: str) -> Rule | None:
    """A rule by code or short name, in any case (``ADV102``, ``adv102``, ``Missing_Await``)."""
    wanted = name_or_code.strip().lower().replace("_", "-")
    for rule in all_rules().values():
        if wanted in (rule.code.lower(), rule.name.lower()):
            return rule
    return None


def rules_for_pattern(pattern: str) -> tuple[Rule, ...]:
    """The rewrite rules that implement an `advisor explain` conversion pattern."""
    return tuple(r for r in all_rules("rewrite").values() if r.pattern == pattern)


# --- messages ------------------------------------------------------------------------------


def _lang(value: Any, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or "")
    return str(value)


def render_message(code: str, params: Mapping[str, str], lang: str) -> str:
    """A lint finding's one-line message in *lang*, with the fix and "how" parameters
    translated through the rule's own phrase tables."""
    from advisor.lint._data import bundle

    data = bundle()
    entry = data["rules"][code]
    values = dict(params)
    if "fix" in values:
        values["fix"] = _lang(data["blocking"]["fixes"].get(values["fix"], values["fix"]), lang)
    for name in ("how", "where"):  # a rule's own tables of phrases, by key
        table = entry.get(name)
        if not isinstance(table, dict) or not table:
            continue
        key = values.get(name, next(iter(table)))  # none named: the table's first phrase
        phrase = _lang(table.get(key, key), lang)
        values[name] = phrase.format_map(_Defaulting(params))
    from advisor.texts import fill

    template = _lang(entry["message"], lang)
    return fill(template, _Defaulting(values))


class _Defaulting(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# --- selection (--select / --ignore) --------------------------------------------------------


def _matches(code: str, patterns: Iterable[str]) -> int:
    """Length of the longest pattern that is a prefix of *code* (0: none)."""
    return max((len(p) for p in patterns if code.startswith(p)), default=0)


def normalise(patterns: Iterable[str], option: str, kind: Kind = "lint") -> tuple[str, ...]:
    """Upper-cased codes or prefixes; an unknown one is a usage error naming the known codes."""
    from advisor.errors import ScanError

    codes = all_rules(kind)
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
    kind: Kind = "lint",
) -> frozenset[str]:
    """The codes of *kind* that ``--select``/``--ignore`` leave on (all when neither is given)."""
    chosen = normalise(select, option, kind) if select is not None else ("ADV",)
    if not chosen:  # `--select ''` would check nothing and pass every CI run
        from advisor.errors import ScanError

        raise ScanError(
            f"{option} names no rule; give codes or prefixes such as {option} ADV1, or leave it out",
            key="scan_empty_select",
            option=option,
        )
    dropped = normalise(ignore or (), ignore_option, kind)
    return frozenset(
        code for code in all_rules(kind) if _matches(code, chosen) > _matches(code, dropped)
    )
