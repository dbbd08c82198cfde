"""Load `decision_tree.yaml` into `Tree` models, checking everything on the way.

The tree is the product's logic, and users may bring their own (``--tree``),
so the loader refuses anything the engine could trip over later: dangling
references, cycles, unreachable nodes, gaps in branch coverage, unknown
models or templates, and texts missing a language. Every problem carries its
file and line, and all of them are reported at once.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeGuard, cast

from advisor import yamlio

if TYPE_CHECKING:
    from pathlib import Path
from advisor.errors import Problem, TreeError
from advisor.models import (
    AUTO,
    LANGS,
    MODELS,
    AlternativeSpec,
    AnswerValue,
    Branch,
    Choice,
    Condition,
    Decision,
    Leaf,
    ModelInfo,
    Node,
    PitfallSpec,
    Question,
    QuestionKind,
    Text,
    Tree,
)

TREE_FILENAME = "decision_tree.yaml"
KINDS = ("yesno", "integer", "choice")
#: Flags the CLI owns; a tree question may not take them.
RESERVED_FLAGS = frozenset(
    {
        "--help", "--tree", "--lang", "--format", "--template", "--emit", "--force",
        "--debug", "--answers", "--save-answers", "--version", "--width", "--no-color",
    }
)  # fmt: skip
# Patterns, not compiled regexes: compiling at import would cost every cached run.
_FLAG_PATTERN = r"^--[a-z][a-z0-9]*(-[a-z0-9]+)*$"
_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_PITFALL_ID_PATTERN = r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$"
_OPS = ("gt", "ge", "lt", "le")
# The keys each part of the tree may have; anything else is a typo worth reporting.
_TOP_KEYS = ("version", "start", "questions", "nodes", "models")
_QUESTION_KEYS = (
    "flag", "kind", "minimum", "maximum", "default", "detect", "choices", "prompt", "help",
)  # fmt: skip
_CHOICE_KEYS = ("value", "label")
_DECISION_KEYS = ("question", "branches")
_LEAF_KEYS = ("model", "template", "title", "justification", "alternatives", "caveats")
_BRANCH_KEYS = ("when", "otherwise", "goto", "why")
_ALTERNATIVE_KEYS = ("model", "why")
_MODEL_KEYS = ("name", "summary", "pitfalls")
_PITFALL_KEYS = ("id", "rule", "title", "detail", "wrong", "right")


def _default_tree_file() -> str:
    # os.path, not importlib.resources or pathlib: advisor is never imported from a
    # zip, and those imports cost more than the rest of a cached run's lookup.
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, TREE_FILENAME)
    return (
        packaged if os.path.isfile(packaged) else os.path.join(os.path.dirname(here), TREE_FILENAME)
    )


def default_tree_path() -> Path:
    """The shipped tree: inside the installed package, or at the root of a source checkout."""
    from pathlib import Path

    return Path(_default_tree_file())


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> Tree:
    del mtime_ns  # part of the cache key only: an edited file is read again
    from advisor.cache import cached

    return cached("tree", path, lambda: parse(yamlio_load(path), source=path))


def yamlio_load(path: str) -> Any:
    try:
        return yamlio.load_path(path)
    except yamlio.YAMLFileError as exc:
        if not exc.line:  # the file itself, not its content: missing, a directory, not text
            raise TreeError(f"cannot read decision tree {path}: {exc}; check the path") from exc
        raise TreeError([Problem(str(path), exc.line, str(exc))]) from exc


def load_tree(path: str | os.PathLike[str] | None = None) -> Tree:
    """Load and validate a decision tree; the shipped one when *path* is None."""
    target = os.fspath(path) if path is not None else _default_tree_file()
    try:
        mtime = os.stat(target).st_mtime_ns
    except OSError:
        mtime = 0
    return _load_cached(target, mtime)


def validate(path: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem in a tree file; an empty list means it is valid."""
    try:
        load_tree(path)
    except TreeError as exc:
        return list(exc.problems) or [Problem(str(path), 0, str(exc))]
    return []


class _Checker:
    """Collects problems while converting raw YAML into models."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message))

    def mapping(self, value: Any, line: int, what: str) -> yamlio.LocatedDict | None:
        if isinstance(value, yamlio.LocatedDict):
            return value
        self.add(line, f"{what} must be a mapping")
        return None

    def keys(self, raw: yamlio.LocatedDict, allowed: tuple[str, ...], what: str) -> None:
        """Report every key outside *allowed*, with a did-you-mean for likely typos."""
        for key in raw:
            if key in allowed:
                continue
            import difflib

            close = difflib.get_close_matches(str(key), allowed, n=1)
            fix = f"did you mean {close[0]!r}?" if close else f"expected {', '.join(allowed)}"
            self.add(raw.line_of(key), f"{what}: unknown key {key!r}; {fix}")

    def items(self, raw: yamlio.LocatedDict, key: str, what: str, missing: str = "") -> list[Any]:
        """A list-valued field; *missing* is the problem to report when it is absent or empty."""
        value = raw.get(key)
        if isinstance(value, list) and (value or not missing):
            return value
        if value is None or value == []:
            if missing:
                self.add(raw.line_of(key), f"{what}: {missing}")
            return []
        self.add(
            raw.line_of(key),
            f"{what}: {key!r} must be a list, not {_kind(value)}; put each item on a '- ' line",
        )
        return []

    def text(self, raw: Mapping[str, Any], key: str, what: str, *, required: bool = True) -> Text:
        line = raw.line_of(key) if isinstance(raw, yamlio.LocatedDict) else 0
        value = raw.get(key)
        if value is None:
            if required:
                self.add(line, f"{what} has no {key!r}")
            return Text.plain("")
        return self.localized(value, line, f"{what} {key!r}")

    def localized(self, value: Any, line: int, what: str) -> Text:
        if isinstance(value, str):
            return (
                Text.plain(value)
                if what.endswith(("'wrong'", "'right'"))
                else (self._missing_langs(value, line, what))
            )
        if not isinstance(value, Mapping):
            self.add(line, f"{what} must be a mapping of language to text")
            return Text.plain("")
        missing = [
            lang for lang in LANGS if not isinstance(value.get(lang), str) or not value[lang]
        ]
        if missing:
            self.add(
                line,
                f"{what} lacks text for {', '.join(missing)}; every text needs {', '.join(LANGS)}",
            )
        unknown = sorted(set(map(str, value)) - set(LANGS))
        if unknown:
            self.add(
                line, f"{what} has unknown language {', '.join(unknown)}; use {', '.join(LANGS)}"
            )
        return Text({lang: _tidy(lang, str(value.get(lang) or "")) for lang in LANGS})

    def _missing_langs(self, value: str, line: int, what: str) -> Text:
        self.add(line, f"{what} is a plain string; give it as {{en: ..., zh-TW: ...}}")
        return Text.plain(value)


def _kind(value: Any) -> str:
    """How a wrongly typed value is named in a message."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, Mapping):
        return "a mapping"
    return "a list" if isinstance(value, list) else f"a {type(value).__name__}"


def _snake(value: Any) -> str:
    """A lower_snake_case spelling of a bad id, to suggest in its place."""
    words = re.findall(r"[a-z0-9]+", str(value).lower())
    name = "_".join(words) or "x"
    return name if name[0].isalpha() else f"n_{name}"


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_CJK_GAP = f"(?<=[{_CJK},;:!?)])\\s+(?=[{_CJK}])"


def _tidy(lang: str, text: str) -> str:
    """Folded YAML joins lines with a space; Chinese has none between characters."""
    return re.sub(_CJK_GAP, "", text) if lang.startswith("zh") else text


def parse(data: Any, source: str = "<tree>") -> Tree:
    """Convert parsed YAML into a `Tree`, raising `TreeError` listing every problem."""
    check = _Checker(source)
    root = check.mapping(data, 1, "the tree file")
    if root is None:
        raise TreeError(check.problems)
    check.keys(root, _TOP_KEYS, "the tree file")
    version = root.get("version")
    if not _is_int(version) or version != 1:
        check.add(root.line_of("version"), f"version must be 1, got {version!r}; write version: 1")

    from advisor.detect import FACTS  # here, not at import: loading a cached tree never needs it

    questions = _parse_questions(check, root, FACTS)
    models = _parse_models(check, root)
    nodes = _parse_nodes(check, root, questions, models)
    start = root.get("start")
    if not isinstance(start, str) or start not in nodes:
        check.add(root.line_of("start"), f"start names unknown node {start!r}")
    else:
        _check_graph(check, start, nodes, questions)
    if check.problems:
        raise TreeError(sorted(check.problems, key=lambda p: p.line))
    assert isinstance(start, str)
    return Tree(start=start, questions=questions, nodes=nodes, models=models, source=source)


def _parse_questions(
    check: _Checker, root: yamlio.LocatedDict, facts: tuple[str, ...]
) -> dict[str, Question]:
    raw_questions = check.mapping(root.get("questions"), root.line_of("questions"), "questions")
    questions: dict[str, Question] = {}
    flags: dict[str, str] = {}
    flag_lines: dict[str, int] = {}
    for qid, raw in (raw_questions or {}).items():
        line = raw_questions.line_of(qid) if raw_questions is not None else 0
        what = f"question {qid!r}"
        if not isinstance(qid, str) or not re.match(_ID_PATTERN, qid):
            check.add(line, f"{what}: ids are lower_snake_case; rename it (like {_snake(qid)})")
        q = check.mapping(raw, line, what)
        if q is None:
            continue
        check.keys(q, _QUESTION_KEYS, what)
        flag = q.get("flag")
        if not isinstance(flag, str) or not re.match(_FLAG_PATTERN, flag):
            check.add(q.line_of("flag"), f"{what}: flag must look like --some-flag, got {flag!r}")
            flag = f"--{str(qid).replace('_', '-')}"
        elif flag in RESERVED_FLAGS:
            check.add(q.line_of("flag"), f"{what}: flag {flag} is reserved by the CLI")
        elif flag in flags:
            check.add(
                q.line_of("flag"), f"{what}: duplicate flag {flag} (also question {flags[flag]!r})"
            )
        flags[flag] = str(qid)
        flag_lines[str(qid)] = q.line_of("flag")
        kind = q.get("kind")
        if kind not in KINDS:
            check.add(
                q.line_of("kind"), f"{what}: kind must be one of {', '.join(KINDS)}, got {kind!r}"
            )
            kind = "yesno"
        minimum, maximum = q.get("minimum"), q.get("maximum")
        for name, bound in (("minimum", minimum), ("maximum", maximum)):
            if bound is not None and (kind != "integer" or not _is_int(bound)):
                check.add(
                    q.line_of(name), f"{what}: {name} must be an integer on an integer question"
                )
        if _is_int(minimum) and _is_int(maximum) and minimum > maximum:
            check.add(q.line_of("minimum"), f"{what}: minimum is greater than maximum")
        choices: list[Choice] = []
        if kind == "choice":
            raw_choices = check.items(
                q, "choices", what, "a choice question needs a list of choices"
            )
            for item in raw_choices:
                c = check.mapping(item, q.line_of("choices"), f"{what} choice")
                if c is None:
                    continue
                check.keys(c, _CHOICE_KEYS, f"{what} choice")
                value = c.get("value")
                if not isinstance(value, str):
                    hint = "; quote it" if value is not None else ""
                    check.add(c.line, f"{what}: each choice needs a string value{hint}")
                    continue
                choices.append(Choice(value, check.text(c, "label", f"{what} choice {value!r}")))
            values = [c.value for c in choices]
            for dup in {v for v in values if values.count(v) > 1}:
                check.add(q.line_of("choices"), f"{what}: duplicate choice {dup!r}")
        detect = q.get("detect")
        if detect is not None and (kind != "yesno" or not isinstance(detect, str)):
            check.add(
                q.line_of("detect"),
                f"{what}: detect names an environment fact and needs kind yesno",
            )
            detect = None
        elif detect is not None and detect not in facts:
            check.add(
                q.line_of("detect"),
                f"{what}: detect names unknown fact {detect!r}; advisor knows {', '.join(facts)}",
            )
        question = Question(
            id=str(qid),
            flag=flag,
            kind=cast("QuestionKind", kind),
            prompt=check.text(q, "prompt", what),
            help=check.text(q, "help", what),
            minimum=minimum if _is_int(minimum) else None,
            maximum=maximum if _is_int(maximum) else None,
            choices=tuple(choices),
            detect=detect,
            line=line,
        )
        default = q.get("default")
        if default is not None and not _valid_value(question, default):
            check.add(
                q.line_of("default"),
                f"{what}: default {default!r} is not a valid answer{_quote_hint(question, default)}",
            )
            default = None
        questions[str(qid)] = question._replace(default=default)
    # `--async-fluent` is also the keyword `async_fluent`; it must not name another question.
    for qid, question in questions.items():
        other = question.dest
        if other != qid and other in questions and questions[other].flag != question.flag:
            check.add(
                flag_lines[qid],
                f"question {qid!r}: flag {question.flag} reads as {other!r}, the id of another "
                f"question; choose a flag that names this one (like --{qid.replace('_', '-')})",
            )
    return questions


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _valid_value(question: Question, value: Any) -> bool:
    if question.kind == "yesno":
        return isinstance(value, bool) or (value == AUTO and question.detect is not None)
    if question.kind == "integer":
        return _is_int(value) and _in_bounds(question, value)
    return isinstance(value, str) and value in {c.value for c in question.choices}


def _quote_hint(question: Question, value: Any) -> str:
    """YAML reads `1` or `yes` as a number or boolean; a choice value needs it as text."""
    if question.kind != "choice" or not isinstance(value, (int, float)):
        return ""
    return "; quote it to give the text of a choice"


def _in_bounds(question: Question, value: int) -> bool:
    lo, hi = question.minimum, question.maximum
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def _parse_models(check: _Checker, root: yamlio.LocatedDict) -> dict[str, ModelInfo]:
    raw_models = check.mapping(root.get("models"), root.line_of("models"), "models")
    models: dict[str, ModelInfo] = {}
    for mid, raw in (raw_models or {}).items():
        line = raw_models.line_of(mid) if raw_models is not None else 0
        what = f"model {mid!r}"
        if mid not in MODELS:
            check.add(line, f"unknown model {mid!r}; models are {', '.join(MODELS)}")
        m = check.mapping(raw, line, what)
        if m is None:
            continue
        check.keys(m, _MODEL_KEYS, what)
        pitfalls: list[PitfallSpec] = []
        seen: set[str] = set()
        for item in check.items(m, "pitfalls", what):
            p = check.mapping(item, m.line_of("pitfalls"), f"{what} pitfall")
            if p is None:
                continue
            pid = p.get("id")
            if not isinstance(pid, str) or not pid:
                check.add(p.line, f"{what}: each pitfall needs an id")
                pid = "?"
            elif not re.match(_PITFALL_ID_PATTERN, pid):
                check.add(
                    p.line_of("id"),
                    f"{what}: pitfall id {pid!r} may only hold a-z, 0-9, - and _; "
                    f"rename it (like {_snake(pid).replace('_', '-')})",
                )
            elif pid in seen:
                check.add(p.line, f"{what}: duplicate pitfall id {pid!r}")
            seen.add(pid)
            pwhat = f"pitfall {pid!r}"
            check.keys(p, _PITFALL_KEYS, pwhat)
            rule = p.get("rule")
            if rule is not None and not isinstance(rule, str):
                check.add(p.line_of("rule"), f"{pwhat}: rule must be a lint code such as ADV101")
                rule = None
            pitfalls.append(
                PitfallSpec(
                    id=pid,
                    title=check.text(p, "title", pwhat),
                    detail=check.text(p, "detail", pwhat),
                    wrong=check.text(p, "wrong", pwhat) if "wrong" in p else None,
                    right=check.text(p, "right", pwhat) if "right" in p else None,
                    rule=rule or None,
                )
            )
        models[str(mid)] = ModelInfo(
            id=str(mid),
            name=check.text(m, "name", what),
            summary=check.text(m, "summary", what),
            pitfalls=tuple(pitfalls),
        )
    return models


def _parse_condition(
    check: _Checker, raw: Mapping[str, Any], line: int, question: Question | None
) -> Condition:
    if "otherwise" in raw and raw["otherwise"] is not True:
        check.add(line, "'otherwise' can only be true; drop it, or give the branch a 'when'")
        return Condition("otherwise")
    if raw.get("otherwise") is True:
        if "when" in raw:
            check.add(line, "a branch has both 'when' and 'otherwise'; keep one")
        return Condition("otherwise")
    if "when" not in raw:
        check.add(line, "a branch needs 'when: VALUE', 'when: {gt: N}' or 'otherwise: true'")
        return Condition("otherwise")
    when = raw["when"]
    if isinstance(when, Mapping):
        ops = [k for k in when if k in _OPS]
        if len(when) != 1 or not ops or not _is_int(when[ops[0]]):
            check.add(
                line, f"'when' must be a value or one of {{{', '.join(f'{o}: N' for o in _OPS)}}}"
            )
            return Condition("otherwise")
        if question is not None and question.kind != "integer":
            check.add(line, f"numeric test {ops[0]} on {question.kind} question {question.id!r}")
        return Condition(ops[0], when[ops[0]])
    if (question is not None and not _valid_value(question, when)) or when == AUTO:
        qid = question.id if question else "?"
        hint = _quote_hint(question, when) if question else ""
        check.add(line, f"'when: {when}' is not a possible answer to question {qid!r}{hint}")
    return Condition("equals", when)


def _parse_nodes(
    check: _Checker,
    root: yamlio.LocatedDict,
    questions: Mapping[str, Question],
    models: Mapping[str, ModelInfo],
) -> dict[str, Node]:
    from advisor.templating import template_ids

    known_templates = template_ids()
    raw_nodes = check.mapping(root.get("nodes"), root.line_of("nodes"), "nodes")
    nodes: dict[str, Node] = {}
    for nid, raw in (raw_nodes or {}).items():
        line = raw_nodes.line_of(nid) if raw_nodes is not None else 0
        what = f"node {nid!r}"
        if not isinstance(nid, str) or not re.match(_ID_PATTERN, nid):
            check.add(
                line, f"{what}: node ids are lower_snake_case; rename it (like {_snake(nid)})"
            )
        n = check.mapping(raw, line, what)
        if n is None:
            continue
        if ("question" in n) == ("model" in n):
            check.add(line, f"{what} needs either 'question' (a decision) or 'model' (a leaf)")
            continue
        check.keys(n, _LEAF_KEYS if "model" in n else _DECISION_KEYS, what)
        if "model" in n:
            model = n["model"]
            if model not in MODELS:
                check.add(
                    n.line_of("model"),
                    f"{what}: unknown model {model!r}; models are {', '.join(MODELS)}",
                )
            elif model not in models:
                check.add(
                    n.line_of("model"), f"{what}: model {model!r} has no entry under 'models'"
                )
            template = n.get("template")
            if template not in known_templates:
                check.add(
                    n.line_of("template"),
                    f"{what}: unknown template {template!r}; known: {', '.join(known_templates)}",
                )
            alternatives: list[AlternativeSpec] = []
            for item in check.items(n, "alternatives", what):
                a = check.mapping(item, n.line_of("alternatives"), f"{what} alternative")
                if a is None:
                    continue
                check.keys(a, _ALTERNATIVE_KEYS, f"{what} alternative")
                if a.get("model") not in MODELS or a.get("model") == model:
                    check.add(
                        a.line,
                        f"{what}: alternative model {a.get('model')!r} must be another known model",
                    )
                alternatives.append(
                    AlternativeSpec(
                        str(a.get("model")), check.text(a, "why", f"{what} alternative")
                    )
                )
            caveats = [
                check.localized(c, n.line_of("caveats"), f"{what} caveat")
                for c in check.items(n, "caveats", what)
            ]
            nodes[str(nid)] = Leaf(
                id=str(nid),
                model=str(model),
                title=check.text(n, "title", what),
                justification=check.text(n, "justification", what),
                alternatives=tuple(alternatives),
                caveats=tuple(caveats),
                template=str(template),
                line=line,
            )
            continue
        qid = n["question"]
        question = questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            check.add(n.line_of("question"), f"{what}: unknown question {qid!r}")
        raw_branches = check.items(
            n, "branches", what, "a decision needs a non-empty list of branches"
        )
        branches: list[Branch] = []
        for item in raw_branches:
            b = check.mapping(item, n.line_of("branches"), f"{what} branch")
            if b is None:
                continue
            check.keys(b, _BRANCH_KEYS, f"{what} branch")
            condition = _parse_condition(check, b, b.line, question)
            target = b.get("goto")
            if not isinstance(target, str):
                check.add(b.line, f"{what}: each branch needs 'goto: NODE'")
                target = ""
            elif raw_nodes is not None and target not in raw_nodes:
                check.add(b.line_of("goto"), f"{what}: branch goes to unknown node {target!r}")
            branches.append(
                Branch(condition, target, check.text(b, "why", f"{what} branch"), b.line)
            )
        if question is not None and branches:
            _check_coverage(check, n.line, what, question, branches)
        nodes[str(nid)] = Decision(
            id=str(nid), question=str(qid), branches=tuple(branches), line=line
        )
    return nodes


def _sample_answers(question: Question, branches: Iterable[Branch]) -> list[AnswerValue]:
    """Answers that exercise every region the branches can tell apart."""
    if question.kind == "yesno":
        return [True, False]
    if question.kind == "choice":
        return [c.value for c in question.choices]
    lo = question.minimum if question.minimum is not None else -(10**12)
    hi = question.maximum if question.maximum is not None else 10**12
    points = {lo, hi}
    for b in branches:
        if isinstance(b.condition.value, int) and not isinstance(b.condition.value, bool):
            points.update(b.condition.value + d for d in (-1, 0, 1))
    return sorted(p for p in points if lo <= p <= hi)


def _check_coverage(
    check: _Checker, line: int, what: str, question: Question, branches: list[Branch]
) -> None:
    uncovered = [
        a
        for a in _sample_answers(question, branches)
        if not any(b.condition.matches(a) for b in branches)
    ]
    if uncovered:
        shown = ", ".join(_spell(a) for a in uncovered[:3])
        check.add(
            line, f"{what}: no branch covers the answer {shown}; add a branch or 'otherwise: true'"
        )


def _spell(value: AnswerValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _check_graph(
    check: _Checker, start: str, nodes: Mapping[str, Node], questions: Mapping[str, Question]
) -> None:
    def successors(node: Node) -> list[str]:
        return (
            [b.target for b in node.branches if b.target in nodes]
            if isinstance(node, Decision)
            else []
        )

    # Depth-first search with colours finds cycles and reachability in one pass. A loop with
    # an explicit stack, not recursion: a long chain of nodes must not hit the recursion limit.
    colour: dict[str, int] = {start: 1}
    reported: set[str] = set()
    trail = [start]  # the nodes on the stack, from start: the path a cycle is read off
    stack = [iter(successors(nodes[start]))]
    while stack:
        nid = trail[-1]
        nxt = next(stack[-1], None)
        if nxt is None:
            colour[nid] = 2
            stack.pop()
            trail.pop()
        elif colour.get(nxt) == 1 and nxt not in reported:
            cycle = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [nid, nxt]
            check.add(nodes[nid].line, "cycle: " + " -> ".join(cycle))
            reported.add(nxt)
        elif nxt not in colour:
            colour[nxt] = 1
            trail.append(nxt)
            stack.append(iter(successors(nodes[nxt])))
    for nid, node in nodes.items():
        if nid not in colour:
            check.add(node.line, f"node {nid!r} is unreachable from start {start!r}")
    asked = {n.question for n in nodes.values() if isinstance(n, Decision)}
    for qid, q in questions.items():
        if qid not in asked:
            check.add(q.line, f"question {qid!r} is never asked by any node")
