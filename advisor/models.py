"""Immutable data the engine, renderers and CLI pass between them.

Everything here is an immutable NamedTuple, so a tree or a recommendation can
be shared freely (between the CLI, the prompts and later `scan`) without anyone
mutating it behind another's back. NamedTuple rather than a frozen dataclass:
building two dozen dataclasses (and importing `dataclasses`, which pulls in
`inspect`) costs more than the rest of `advisor recommend` put together, and
startup time is a product goal (see benchmarks/startup.py). For the same reason
this module has no ``from __future__ import annotations``: `NamedTuple` compiles
every *string* annotation into a `typing.ForwardRef` (about ninety fields here),
while real annotations are free; only forward references are quoted.
"""

import enum
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

#: Languages every user-visible text must exist in.
LANGS: tuple[str, ...] = ("en", "zh-TW")
DEFAULT_LANG = "en"
#: How a label is joined to its text in each language: the engine joins a derived answer's
#: cause to its reason before any renderer (and ``ui.yaml``'s ``label_colon``) sees it.
LABEL_COLON = {"en": ": ", "zh-TW": "："}

#: The concurrency models a leaf may name, in the order the docs present them.
MODELS: tuple[str, ...] = (
    "threading",
    "asyncio",
    "asyncio+executor",
    "multiprocessing",
    "distributed",
)

AnswerValue = bool | int | str
QuestionKind = Literal["yesno", "integer", "choice"]
AUTO = "auto"


class Text(NamedTuple):
    """One user-visible string in every supported language."""

    values: Mapping[str, str]

    def get(self, lang: str) -> str:
        return self.values.get(lang) or self.values[DEFAULT_LANG]

    @classmethod
    def plain(cls, value: str) -> "Text":
        """Language-neutral text, such as code."""
        return cls(dict.fromkeys(LANGS, value))


class Choice(NamedTuple):
    value: str
    label: Text


Op = Literal["equals", "gt", "ge", "lt", "le", "otherwise"]


class Condition(NamedTuple):
    op: Op
    value: AnswerValue | None = None

    def matches(self, answer: AnswerValue) -> bool:
        if self.op == "otherwise":
            return True
        if self.op == "equals":
            return answer == self.value and type(answer) is type(self.value)
        if isinstance(answer, bool) or not isinstance(answer, int):
            return False
        assert isinstance(self.value, int)
        if self.op == "gt":
            return answer > self.value
        if self.op == "ge":
            return answer >= self.value
        if self.op == "lt":
            return answer < self.value
        return answer <= self.value

    def describe(self) -> str:
        symbols = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}
        if self.op == "otherwise":
            return "otherwise"
        if self.op == "equals":
            return format_answer(self.value) if self.value is not None else "?"
        return f"{symbols[self.op]} {self.value}"


class Branch(NamedTuple):
    condition: Condition
    target: str
    why: Text
    line: int = 0


class Decision(NamedTuple):
    id: str
    question: str
    branches: tuple[Branch, ...]
    line: int = 0


class Guard(NamedTuple):
    """A tree's ``when: {program: [service, gui]}`` on a caveat, an alternative or a derived
    answer: true when every named question's answer passes one of its conditions.

    The empty guard always holds, so a caveat without ``when`` is shown on every path. A
    question nobody answered (and without a default) fails its test: advice that depends on
    an answer is not shown on a guess.
    """

    tests: tuple[tuple[str, tuple[Condition, ...]], ...] = ()

    def matches(self, values: Mapping[str, AnswerValue]) -> bool:
        return all(
            qid in values and any(c.matches(values[qid]) for c in conditions)
            for qid, conditions in self.tests
        )

    @property
    def questions(self) -> tuple[str, ...]:
        return tuple(qid for qid, _ in self.tests)


class AlternativeSpec(NamedTuple):
    model: str
    why: Text
    #: Shown only for the answers it names (``when:``); empty: always.
    when: Guard = Guard()


class CaveatSpec(NamedTuple):
    text: Text
    #: Shown only for the answers it names (``when:``); empty: always.
    when: Guard = Guard()


class Derivation(NamedTuple):
    """A question's ``derive:`` rule: its answer follows from earlier answers.

    ``--program notebook`` means an asyncio loop already runs (*fixed*: a contrary answer
    is a contradiction); ``--program gui`` means none runs unless the user says so (not
    fixed: a default that a given answer replaces).
    """

    when: Guard
    value: AnswerValue
    why: Text
    fixed: bool = False


class Question(NamedTuple):
    id: str
    flag: str
    kind: QuestionKind
    prompt: Text
    help: Text
    default: AnswerValue | None = None
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[Choice, ...] = ()
    #: Name of an environment fact that answers the question when the answer is "auto".
    detect: str | None = None
    line: int = 0
    #: Answers that follow from earlier ones (``derive:``), first match wins.
    derive: tuple[Derivation, ...] = ()

    @property
    def dest(self) -> str:
        """The keyword the library API and argparse use: ``--cpu-bound`` -> ``cpu_bound``."""
        return self.flag.lstrip("-").replace("-", "_")


class Leaf(NamedTuple):
    id: str
    model: str
    title: Text
    justification: Text
    alternatives: tuple[AlternativeSpec, ...]
    caveats: tuple[CaveatSpec, ...]
    template: str
    line: int = 0


Node = Decision | Leaf


class PitfallSpec(NamedTuple):
    id: str
    title: Text
    detail: Text
    wrong: Text | None = None
    right: Text | None = None
    #: Reserved for `advisor scan`: the lint code that detects this pitfall.
    rule: str | None = None

    def localized(self, lang: str) -> "Pitfall":
        """The pitfall as shown to a user of *lang*."""
        return Pitfall(
            id=self.id,
            title=self.title.get(lang),
            detail=self.detail.get(lang),
            wrong=self.wrong.get(lang) if self.wrong else None,
            right=self.right.get(lang) if self.right else None,
            rule=self.rule,
        )


class ModelInfo(NamedTuple):
    id: str
    name: Text
    summary: Text
    pitfalls: tuple[PitfallSpec, ...]


class Tree(NamedTuple):
    start: str
    questions: Mapping[str, Question]
    nodes: Mapping[str, Node]
    models: Mapping[str, ModelInfo]
    source: str = "<tree>"

    def question_by_flag(self, flag: str) -> Question | None:
        return next((q for q in self.questions.values() if q.flag == flag), None)


class Source(str, enum.Enum):
    """Where an answer came from; `scan` will add INFERRED answers with evidence."""

    FLAG = "flag"
    PROMPT = "prompt"
    FILE = "file"
    API = "api"
    DEFAULT = "default"
    DETECTED = "detected"
    #: Follows from another answer (a question's ``derive:``): notebook -> an asyncio loop runs.
    DERIVED = "derived"
    INFERRED = "inferred"
    #: Measured by `advisor profile` while the user's program ran.
    MEASURED = "measured"


#: Answers the user did not give us are shown as assumed.
ASSUMED_SOURCES = frozenset(
    {Source.DEFAULT, Source.DETECTED, Source.DERIVED, Source.INFERRED, Source.MEASURED}
)
#: Answers a person gave: a fixed derivation they contradict is a usage error, not a guess.
GIVEN_SOURCES = frozenset({Source.FLAG, Source.PROMPT, Source.FILE, Source.API})


class Answer(NamedTuple):
    value: AnswerValue
    source: Source = Source.API
    #: Human-readable provenance: "--concurrency 500", "answers.yaml:3", "sys._is_gil_enabled()".
    evidence: str | None = None

    @property
    def assumed(self) -> bool:
        return self.source in ASSUMED_SOURCES


class Fact(NamedTuple):
    """Something known about the running environment, such as whether the GIL is enabled."""

    value: AnswerValue
    evidence: str


class Step(NamedTuple):
    question: str
    flag: str
    prompt: str
    answer: AnswerValue
    source: str
    assumed: bool
    why: str
    evidence: str | None = None
    #: What the user literally answered when it is not the answer used: "auto".
    given: AnswerValue | None = None


class Alternative(NamedTuple):
    model: str
    why: str


class Pitfall(NamedTuple):
    id: str
    title: str
    detail: str
    wrong: str | None = None
    right: str | None = None
    rule: str | None = None


class Unused(NamedTuple):
    """An answer that was given but not asked on the path the answers led down.

    Reported rather than dropped, so a user who typed ``--async-libs no`` learns
    that it did not change the outcome (and why the question was never reached).
    """

    question: str
    flag: str
    answer: AnswerValue
    source: str


class TemplateRef(NamedTuple):
    id: str
    #: Values filled into the template: the answers on the path plus the template's defaults.
    context: Mapping[str, AnswerValue] = {}
    code: str | None = None
    #: The leaf's own template when `id` is its form for the program kind (`--program
    #: service` emits asyncio_threads' service form); None when `id` is the leaf's template.
    base: str | None = None
    #: The framework of the user's code that chose `id` (`scan --recommend` on a Flask app
    #: emits service_threads' Flask form); None when no framework chose it.
    framework: str | None = None


class Tailored(NamedTuple):
    """Caveats and alternatives shown because of some answers (a ``when:`` in the tree).

    They are also in the recommendation's own lists, in tree order; this says which ones an
    answer such as ``--program service`` added, so every renderer can show what it changed.
    """

    #: The answers that selected them, as typed: "--program service".
    because: str
    caveats: tuple[str, ...] = ()
    alternatives: tuple[Alternative, ...] = ()


class Recommendation(NamedTuple):
    model: str
    title: str
    lang: str
    leaf: str
    path: tuple[Step, ...]
    justification: str
    alternatives: tuple[Alternative, ...]
    caveats: tuple[str, ...]
    pitfalls: tuple[Pitfall, ...]
    template: TemplateRef
    #: Answers given but not on the path, in question order: never silently ignored.
    unused: tuple[Unused, ...] = ()
    #: What answers such as --program added to the caveats and alternatives.
    tailored: tuple[Tailored, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `from_dict` turns it back into an equal Recommendation."""
        return {
            "schema_version": SCHEMA_VERSION,
            "model": self.model,
            "title": self.title,
            "lang": self.lang,
            "leaf": self.leaf,
            "path": [
                {
                    "question": s.question,
                    "flag": s.flag,
                    "prompt": s.prompt,
                    "answer": s.answer,
                    "source": s.source,
                    "assumed": s.assumed,
                    "evidence": s.evidence,
                    "given": s.given,
                    "why": s.why,
                }
                for s in self.path
            ],
            "justification": self.justification,
            "alternatives": [{"model": a.model, "why": a.why} for a in self.alternatives],
            "caveats": list(self.caveats),
            "pitfalls": [
                {
                    "id": p.id,
                    "title": p.title,
                    "detail": p.detail,
                    "wrong": p.wrong,
                    "right": p.right,
                    "rule": p.rule,
                }
                for p in self.pitfalls
            ],
            "template": {
                "id": self.template.id,
                "context": dict(self.template.context),
                "code": self.template.code,
                "base": self.template.base,
                "framework": self.template.framework,
            },
            "unused": [
                {"question": u.question, "flag": u.flag, "answer": u.answer, "source": u.source}
                for u in self.unused
            ],
            "tailored": [
                {
                    "because": t.because,
                    "caveats": list(t.caveats),
                    "alternatives": [{"model": a.model, "why": a.why} for a in t.alternatives],
                }
                for t in self.tailored
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Recommendation":
        template = data["template"]
        return cls(
            model=data["model"],
            title=data["title"],
            lang=data["lang"],
            leaf=data["leaf"],
            path=tuple(Step(**step) for step in data["path"]),
            justification=data["justification"],
            alternatives=tuple(Alternative(**a) for a in data["alternatives"]),
            caveats=tuple(data["caveats"]),
            pitfalls=tuple(Pitfall(**p) for p in data["pitfalls"]),
            template=TemplateRef(
                id=template["id"],
                context=dict(template["context"]),
                code=template["code"],
                base=template.get("base"),
                framework=template.get("framework"),
            ),
            unused=tuple(Unused(**u) for u in data.get("unused", ())),
            tailored=tuple(
                Tailored(
                    t["because"],
                    tuple(t["caveats"]),
                    tuple(Alternative(**a) for a in t["alternatives"]),
                )
                for t in data.get("tailored", ())
            ),
        )


SCHEMA_VERSION = 1


def format_answer(value: AnswerValue | None) -> str:
    """How an answer is spelled on the command line: yes/no for booleans."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)
