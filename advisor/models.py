"""Immutable data the engine, renderers and CLI pass between them.

Everything here is an immutable NamedTuple, so a tree or a recommendation can
be shared freely (between the CLI, the prompts and later `scan`) without anyone
mutating it behind another's back. NamedTuple rather than a frozen dataclass:
building two dozen dataclasses (and importing `dataclasses`, which pulls in
`inspect`) costs more than the rest of `advisor recommend` put together, and
startup time is a product goal (see benchmarks/startup.py).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

#: Languages every user-visible text must exist in.
LANGS: tuple[str, ...] = ("en", "zh-TW")
DEFAULT_LANG = "en"

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
    def plain(cls, value: str) -> Text:
        """Language-neutral text, such as code."""
        return cls(dict.fromkeys(LANGS, value))


class Choice(NamedTuple):
    value: str
    label: Text


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

    @property
    def dest(self) -> str:
        """The keyword the library API and argparse use: ``--cpu-bound`` -> ``cpu_bound``."""
        return self.flag.lstrip("-").replace("-", "_")


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


class AlternativeSpec(NamedTuple):
    model: str
    why: Text


class Leaf(NamedTuple):
    id: str
    model: str
    title: Text
    justification: Text
    alternatives: tuple[AlternativeSpec, ...]
    caveats: tuple[Text, ...]
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

    def localized(self, lang: str) -> Pitfall:
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
    INFERRED = "inferred"
    #: Measured by `advisor profile` while the user's program ran.
    MEASURED = "measured"


#: Answers the user did not give us are shown as assumed.
ASSUMED_SOURCES = frozenset({Source.DEFAULT, Source.DETECTED, Source.INFERRED, Source.MEASURED})


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
            },
            "unused": [
                {"question": u.question, "flag": u.flag, "answer": u.answer, "source": u.source}
                for u in self.unused
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Recommendation:
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
                id=template["id"], context=dict(template["context"]), code=template["code"]
            ),
            unused=tuple(Unused(**u) for u in data.get("unused", ())),
        )


SCHEMA_VERSION = 1


def format_answer(value: AnswerValue | None) -> str:
    """How an answer is spelled on the command line: yes/no for booleans."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


# --- bench and profile: measurements, not advice -------------------------------------------


class Machine(NamedTuple):
    """Where a measurement was taken; printed beside every table, since figures travel badly."""

    python: str  # "3.11.7 (CPython)"
    platform: str  # "Linux-6.1-x86_64"
    cpu: str  # "AMD EPYC", or "" if unknown
    cores: int  # usable by this process
    memory_bytes: int
    gil: bool  # False on a free-threaded build running without the GIL
    start_method: str  # multiprocessing's default: fork, forkserver or spawn


class BenchProfile(NamedTuple):
    """One workload, as the bench runs it: each task does a request and/or CPU work."""

    tasks: int
    concurrency: int  # tasks in flight at once: thread-pool size, semaphore slots
    workers: int  # processes for CPU work (one per core)
    io_latency_ms: float  # the loopback server's reply delay; 0: no request
    cpu_ms: float  # CPU work per task
    native_code: bool  # CPU work in C that releases the GIL (hashlib) instead of pure Python
    shared_state: bool  # every task updates one shared counter, many times
    increments: int  # updates of the shared counter per task (0 without shared state)
    blocking_lib: bool  # the I/O library has no async version
    repeats: int
    cap_s: float  # a run still going after this long is stopped

    @property
    def kind(self) -> str:
        """ "io", "cpu" or "mixed": which part of the work dominates the profile."""
        if self.io_latency_ms and self.cpu_ms:
            return "mixed"
        return "cpu" if self.cpu_ms else "io"


class ModelRun(NamedTuple):
    """One model's figures over every repeat of a profile."""

    variant: str  # threading, asyncio, asyncio+executor, multiprocessing, interpreters
    model: str  # the tree's model it stands for
    setup: str  # how it ran: "ThreadPoolExecutor(max_workers=100)"
    walls: tuple[float, ...]  # seconds, one per completed repeat
    median_s: float | None
    spread: float  # (slowest - fastest) / median: the noise between repeats
    throughput: float  # tasks per second at the median
    peak_rss: int  # bytes, whole process tree, highest over the repeats
    cpu_s: float  # CPU seconds of the whole tree, median
    cores: float  # CPU seconds / wall seconds: cores kept busy on average
    ratio: float | None  # median / best median
    tie: bool  # within noise of the best
    stopped: bool  # hit the time cap: at least `ratio` times slower
    error: str | None
    answered: int  # requests the server answered for this model's last run


class BenchResult(NamedTuple):
    profile: BenchProfile
    machine: Machine
    runs: tuple[ModelRun, ...]
    best: str | None  # the fastest variant
    ties: tuple[str, ...]  # variants within noise of the best, best first
    recommended: str | None  # the model `advisor recommend` gives for the same answers
    recommended_leaf: str | None
    recommend_note: str | None  # why there is no recommendation (a missing answer)
    answers: Mapping[str, AnswerValue]  # the answers the recommendation used
    served: int | None  # requests the loopback server answered in all

    def run_of(self, model: str) -> ModelRun | None:
        return next((r for r in self.runs if r.variant == model), None)

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["profile"] = {**self.profile._asdict(), "kind": self.profile.kind}
        data["machine"] = self.machine._asdict()
        data["runs"] = [{**r._asdict(), "walls": list(r.walls)} for r in self.runs]
        data["ties"] = list(self.ties)
        data["answers"] = dict(self.answers)
        data["schema_version"] = SCHEMA_VERSION
        return data


class Figure(NamedTuple):
    """One number measured by `bench --claims`."""

    id: str  # thread_rss, thread_vms, task_mem, coroutine_mem, start_thread, ...
    value: float | None  # in `unit`; None if it could not be measured here
    unit: str  # bytes, seconds, ratio
    at: int = 0  # how many items the figure was measured at (1,000 or 10,000), 0 if n/a
    error: str | None = None


class ClaimCheck(NamedTuple):
    """One claim of the chapter beside the figures that test it."""

    id: str
    text: Text  # the claim, in both languages
    figures: tuple[str, ...]  # Figure ids shown beside it
    verdict: str  # holds | virtual_only | does_not_hold | not_measured


class ClaimsResult(NamedTuple):
    machine: Machine
    figures: tuple[Figure, ...]
    claims: tuple[ClaimCheck, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "machine": self.machine._asdict(),
            "figures": [f._asdict() for f in self.figures],
            "claims": [
                {**c._asdict(), "text": dict(c.text.values), "figures": list(c.figures)}
                for c in self.claims
            ],
        }


class Observation(NamedTuple):
    """Something `profile` measured, as a UI-text key and its parameters (both languages)."""

    key: str
    params: Mapping[str, str] = {}


class ProbeSummary(NamedTuple):
    """What the in-process probes of a Python program reported, merged over its processes."""

    processes: int  # Python processes that reported
    gil_samples: int
    gil_late_p50_ms: float  # how late a sleeping probe thread woke up (median)
    gil_late_p95_ms: float
    loop_ran: bool
    loop_lag_p95_ms: float
    loop_lag_max_ms: float
    peak_tasks: int  # asyncio tasks alive at once (the probe's own tick excluded)
    peak_threads: int  # Python threads alive at once in one process (the probe's excluded)


class MeasuredAnswer(NamedTuple):
    value: AnswerValue
    observation: Observation  # the evidence, in words


class ProfileReport(NamedTuple):
    command: tuple[str, ...]
    exit_code: int
    wall_s: float
    cpu_s: float  # user + system, whole process tree
    ready_s: float  # runnable but queued for a core (Linux; 0 elsewhere)
    avg_cores: float
    peak_cores: float
    peak_threads: int
    peak_processes: int
    peak_rss: int
    ctx_voluntary: int
    ctx_involuntary: int
    probe: ProbeSummary | None
    probe_note: str | None  # why there is no probe data: "disabled", "not_python", "no_report"
    observations: tuple[Observation, ...]
    answers: Mapping[str, MeasuredAnswer]
    recommendation: Recommendation | None = None
    recommend_note: str | None = None  # why --recommend gave no recommendation

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["command"] = list(self.command)
        data["probe"] = self.probe._asdict() if self.probe else None
        data["observations"] = [{"key": o.key, "params": dict(o.params)} for o in self.observations]
        data["answers"] = {
            qid: {
                "value": a.value,
                "evidence": {"key": a.observation.key, "params": dict(a.observation.params)},
            }
            for qid, a in sorted(self.answers.items())
        }
        data["recommendation"] = self.recommendation.to_dict() if self.recommendation else None
        data["schema_version"] = SCHEMA_VERSION
        return data


# --- Inference from the user's code (`advisor scan --recommend`) --------------------------

#: Confidence levels of evidence and inferred answers, weakest first.
CONFIDENCES: tuple[str, ...] = ("low", "medium", "high")


class SourceFile(NamedTuple):
    """One unit of code to read: a file, or one code cell of a notebook (*cell* from 1).

    Cells of one notebook share *path* and are given in order, so an import in cell 1
    resolves names in cell 3, as the kernel does.
    """

    path: str
    text: str
    cell: int | None = None


class Evidence(NamedTuple):
    """One observation in the user's code that bears on one question.

    *question* is None for context (concurrency the code already has). *signal* names
    what was seen (a library, a framework, a function): several calls of the same
    library are one piece of evidence when answers are weighed.
    """

    question: str | None
    value: AnswerValue | None
    confidence: str
    file: str
    line: int
    reason: Text
    signal: str = ""
    cell: int | None = None

    @property
    def location(self) -> str:
        """``crawler.py:12``, ``nb.ipynb:cell 3:line 2``; empty for project-wide evidence."""
        if not self.file:
            return ""
        if self.cell is not None:
            return f"{self.file}:cell {self.cell}:line {self.line}"
        return f"{self.file}:{self.line}" if self.line else self.file

    def describe(self, lang: str) -> str:
        """Location and reason on one line, as the evidence of an `Answer`."""
        reason = self.reason.get(lang)
        return f"{self.location}: {reason}" if self.location else reason

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "file": self.file or None,
            "line": self.line or None,
            "cell": self.cell,
            "value": self.value,
            "reason": self.reason.get(lang),
            "confidence": self.confidence,
        }


class InferredAnswer(NamedTuple):
    """What the evidence says about one question, weighed.

    *evidence* supports *value*, strongest first; *conflicting* points elsewhere and
    has already lowered *confidence*. A low-confidence answer is shown, never used.
    """

    question: str
    value: AnswerValue
    confidence: str
    evidence: tuple[Evidence, ...]
    conflicting: tuple[Evidence, ...] = ()

    @property
    def decided(self) -> bool:
        return self.confidence != "low"

    def answer(self, lang: str = DEFAULT_LANG) -> Answer:
        return Answer(self.value, Source.INFERRED, self.evidence[0].describe(lang))


class Inference(NamedTuple):
    """Everything `scan` inferred from a set of files, decided or not."""

    questions: Mapping[str, InferredAnswer]
    context: tuple[Evidence, ...]
    files: int
    #: (path, reason) of each file or notebook cell that could not be read or parsed.
    skipped: tuple[tuple[str, Text], ...] = ()
    #: Test files left out: they show how the code is tested, not how it runs.
    tests: int = 0

    def answers(self, lang: str = DEFAULT_LANG) -> dict[str, Answer]:
        """The decided answers, as `Answer`s with source "inferred" and their evidence."""
        return {q: ia.answer(lang) for q, ia in self.questions.items() if ia.decided}


# --- advisor convert -------------------------------------------------------------------------


class ConvertChange(NamedTuple):
    """One rewrite `advisor convert` makes, located in the original file."""

    path: str
    line: int
    #: The rule (ADV201 ... ADV205) and the `advisor explain` conversion pattern it implements.
    code: str
    pattern: str
    message: Text


class ConvertRefusal(NamedTuple):
    """Something left untouched on purpose, with the reason (in every language)."""

    path: str
    line: int
    #: lock, daemon, thread-local, signal, never-joined, callback, would-not-compile, ...
    reason: str
    message: Text


class FileConversion(NamedTuple):
    """One input file: its text before and after (equal when nothing changes)."""

    path: str
    before: str
    after: str
    changes: tuple[ConvertChange, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after


class ConversionResult(NamedTuple):
    """What `advisor.convert(paths)` returns: per-file conversions and the refusals."""

    files: tuple[FileConversion, ...]
    refusals: tuple[ConvertRefusal, ...]
    target_version: tuple[int, int]
    prefer: str | None = None

    @property
    def changed(self) -> tuple[FileConversion, ...]:
        return tuple(f for f in self.files if f.changed)

    @property
    def changes(self) -> tuple[ConvertChange, ...]:
        return tuple(c for f in self.files for c in f.changes)

    def to_dict(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        """JSON-ready: every change with its rule and pattern, every refusal with its reason."""
        return {
            "schema_version": SCHEMA_VERSION,
            "target_version": f"{self.target_version[0]}.{self.target_version[1]}",
            "prefer": self.prefer,
            "files": [
                {
                    "path": f.path,
                    "changed": f.changed,
                    "changes": [
                        {
                            "line": c.line,
                            "code": c.code,
                            "pattern": c.pattern,
                            "message": c.message.get(lang),
                        }
                        for c in f.changes
                    ],
                }
                for f in self.files
            ],
            "refusals": [
                {"path": r.path, "line": r.line, "reason": r.reason, "message": r.message.get(lang)}
                for r in self.refusals
            ],
        }
