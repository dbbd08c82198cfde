"""Parse a tree's YAML data into `Tree` models, checking every question, node and model.

The tree is the product's logic, and users may bring their own (``--tree``),
so the parser refuses anything the engine could trip over later: dangling
references, unknown models or templates, wrongly typed fields, texts missing
a language. Every problem carries its file and line, and all of them are
reported at once (graph checks: `advisor.tree.graph`). Which flags the CLI
itself owns is the CLI's business: it checks a tree's flags against its parser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeGuard, cast

from advisor import yamlio
from advisor.errors import TreeError
from advisor.models import (
    AUTO,
    MODELS,
    AlternativeSpec,
    Branch,
    CaveatSpec,
    Choice,
    Condition,
    Decision,
    Derivation,
    Guard,
    Leaf,
    ModelInfo,
    Node,
    PitfallSpec,
    Question,
    QuestionKind,
    Tree,
)
from advisor.quoting import quoted
from advisor.tree.checker import Checker, snake_id
from advisor.tree.graph import check_coverage, check_graph

KINDS = ("yesno", "integer", "choice")
# Patterns, not compiled regexes: compiling at import would cost every cached run.
_FLAG_PATTERN = r"^--[a-z][a-z0-9]*(-[a-z0-9]+)*$"
_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_PITFALL_ID_PATTERN = r"^[a-z][a-z0-9]*([-_][a-z0-9]+)*$"
_OPS = ("gt", "ge", "lt", "le")
# The keys each part of the tree may have; anything else is a typo worth reporting.
_TOP_KEYS = ("version", "start", "questions", "nodes", "models")
_QUESTION_KEYS = (
    "flag", "kind", "minimum", "maximum", "default", "detect", "choices", "prompt", "help",
    "derive",
)  # fmt: skip
_DERIVE_KEYS = ("when", "answer", "fixed", "why")
_CHOICE_KEYS = ("value", "label")
_DECISION_KEYS = ("question", "branches")
_LEAF_KEYS = ("model", "template", "title", "justification", "alternatives", "caveats")
_BRANCH_KEYS = ("when", "otherwise", "goto", "why")
_ALTERNATIVE_KEYS = ("model", "why", "when")
_MODEL_KEYS = ("name", "summary", "pitfalls")
_PITFALL_KEYS = ("id", "rule", "title", "detail", "wrong", "right")


def parse(data: Any, source: str = "<tree>") -> Tree:
    """Convert parsed YAML into a `Tree`, raising `TreeError` listing every problem."""
    check = Checker(source)
    root = check.mapping(data, 1, "the tree file")
    if root is None:
        raise TreeError(check.problems)
    check.keys(root, _TOP_KEYS, "the tree file")
    # A key the file lacks is said as such, once: "version must be 1, got empty" and "start
    # names unknown node empty" over a file holding `foo: bar` (newcomer review 23, 18).
    absent = [key for key in _TOP_KEYS if root.get(key) is None]
    for key in absent:
        check.add(1, f"the tree file has no {key!r}")
    version = root.get("version")
    if "version" not in absent and (not _is_int(version) or version != 1):
        check.add(
            root.line_of("version"), f"version must be 1, got {quoted(version)}; write version: 1"
        )

    from advisor.detect import FACTS  # here, not at import: loading a cached tree never needs it

    questions = _parse_questions(check, root, FACTS)
    models = _parse_models(check, root)
    nodes = _parse_nodes(check, root, questions, models)
    start = root.get("start")
    if not isinstance(start, str) or start not in nodes:
        if "start" not in absent:
            check.add(root.line_of("start"), f"start names unknown node {quoted(start)}")
    else:
        check_graph(check, start, nodes, questions)
    if check.problems:
        raise TreeError(sorted(check.problems, key=lambda p: p.line))
    assert isinstance(start, str)
    return Tree(start=start, questions=questions, nodes=nodes, models=models, source=source)


def _parse_questions(
    check: Checker, root: yamlio.LocatedDict, facts: tuple[str, ...]
) -> dict[str, Question]:
    if root.get("questions") is None:  # said once, by `parse`
        raw_questions = None
    else:
        raw_questions = check.mapping(root.get("questions"), root.line_of("questions"), "questions")
    questions: dict[str, Question] = {}
    flags: dict[str, str] = {}
    flag_lines: dict[str, int] = {}
    for qid, raw in (raw_questions or {}).items():
        line = raw_questions.line_of(qid) if raw_questions is not None else 0
        what = f"question {quoted(qid)}"
        if not isinstance(qid, str) or not re.match(_ID_PATTERN, qid):
            check.add(line, f"{what}: ids are lower_snake_case; rename it (like {snake_id(qid)})")
        q = check.mapping(raw, line, what)
        if q is None:
            continue
        check.keys(q, _QUESTION_KEYS, what)
        flag = q.get("flag")
        if not isinstance(flag, str) or not re.match(_FLAG_PATTERN, flag):
            check.add(
                q.line_of("flag"), f"{what}: flag must look like --some-flag, got {quoted(flag)}"
            )
            flag = f"--{str(qid).replace('_', '-')}"
        elif flag in flags:
            check.add(
                q.line_of("flag"),
                f"{what}: duplicate flag {flag} (also question {quoted(flags[flag])})",
            )
        flags[flag] = str(qid)
        flag_lines[str(qid)] = q.line_of("flag")
        kind = q.get("kind")
        if kind not in KINDS:
            check.add(
                q.line_of("kind"),
                f"{what}: kind must be one of {', '.join(KINDS)}, got {quoted(kind)}",
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
                check.printable(value, c.line, f"{what} choice value", allow="")
                choices.append(
                    Choice(value, check.text(c, "label", f"{what} choice {quoted(value)}"))
                )
            values = [c.value for c in choices]
            for dup in {v for v in values if values.count(v) > 1}:
                check.add(q.line_of("choices"), f"{what}: duplicate choice {quoted(dup)}")
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
                f"{what}: detect names unknown fact {quoted(detect)}; advisor knows {', '.join(facts)}",
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
                f"{what}: default {quoted(default)} is not a valid answer{_quote_hint(question, default)}",
            )
            default = None
        questions[str(qid)] = question._replace(default=default)
    raws = {
        qid: raw
        for qid, raw in (raw_questions or {}).items()
        if qid in questions and isinstance(raw, yamlio.LocatedDict) and "derive" in raw
    }
    for qid, raw in raws.items():
        derive = _parse_derive(check, raw, questions[qid], questions, set(raws))
        questions[qid] = questions[qid]._replace(derive=derive)
    # `--async-fluent` is also the keyword `async_fluent`; it must not name another question.
    for qid, question in questions.items():
        other = question.dest
        if other != qid and other in questions and questions[other].flag != question.flag:
            check.add(
                flag_lines[qid],
                f"question {quoted(qid)}: flag {question.flag} reads as {quoted(other)}, the id of another "
                f"question; choose a flag that names this one (like --{qid.replace('_', '-')})",
            )
    return questions


def _parse_derive(
    check: Checker,
    raw: yamlio.LocatedDict,
    question: Question,
    questions: Mapping[str, Question],
    derived: set[str],
) -> tuple[Derivation, ...]:
    """``derive:``: answers that follow from earlier ones, e.g. a notebook runs an asyncio
    loop. One level only: a rule may not lean on another derived question, so no chain of
    derivations can loop or hide where an answer came from."""
    what = f"question {quoted(question.id)} derive"
    rules: list[Derivation] = []
    for item in check.items(raw, "derive", what, "derive needs a list of rules"):
        d = check.mapping(item, raw.line_of("derive"), what)
        if d is None:
            continue
        check.keys(d, _DERIVE_KEYS, what)
        guard = parse_guard(check, d, what, questions)
        if not guard.tests:
            check.add(d.line, f"{what}: each rule needs 'when: {{question: answer}}'")
        for qid in guard.questions:
            if qid == question.id or qid in derived:
                check.add(d.line_of("when"), f"{what}: a rule cannot depend on {quoted(qid)}")
        value = d.get("answer")
        if not _valid_value(question, value) or value == AUTO:
            check.add(
                d.line_of("answer") or d.line,
                f"{what}: answer {quoted(value)} is not a valid answer{_quote_hint(question, value)}",
            )
            continue
        fixed = d.get("fixed", False)
        if not isinstance(fixed, bool):
            check.add(d.line_of("fixed"), f"{what}: fixed must be true or false")
            fixed = False
        assert isinstance(value, (bool, int, str))  # _valid_value accepted it
        rules.append(Derivation(guard, value, check.text(d, "why", what), fixed))
    return tuple(rules)


def parse_guard(
    check: Checker,
    raw: yamlio.LocatedDict,
    what: str,
    questions: Mapping[str, Question],
) -> Guard:
    """``when: {program: [service, gui], concurrency: {gt: 1000}}`` -> a `Guard`.

    Each question id maps to one answer, a list of answers (any of them) or a numeric test;
    every question named must match. Absent ``when``: the empty guard, always true.
    """
    if "when" not in raw:
        return Guard()
    line = raw.line_of("when")
    when = check.mapping(raw["when"], line, f"{what} 'when'")
    if when is None:
        return Guard()
    tests: list[tuple[str, tuple[Condition, ...]]] = []
    for qid, spec in when.items():
        question = questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            check.add(when.line_of(qid), f"{what}: 'when' names unknown question {quoted(qid)}")
            continue
        values = spec if isinstance(spec, list) and spec else [spec]
        conditions = tuple(
            _parse_condition(check, {"when": value}, when.line_of(qid), question)
            for value in values
        )
        tests.append((question.id, conditions))
    return Guard(tuple(tests))


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


def _parse_models(check: Checker, root: yamlio.LocatedDict) -> dict[str, ModelInfo]:
    if root.get("models") is None:  # said once, by `parse`
        raw_models = None
    else:
        raw_models = check.mapping(root.get("models"), root.line_of("models"), "models")
    models: dict[str, ModelInfo] = {}
    for mid, raw in (raw_models or {}).items():
        line = raw_models.line_of(mid) if raw_models is not None else 0
        what = f"model {quoted(mid)}"
        if mid not in MODELS:
            check.add(line, f"unknown model {quoted(mid)}; models are {', '.join(MODELS)}")
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
                    f"{what}: pitfall id {quoted(pid)} may only hold a-z, 0-9, - and _; "
                    f"rename it (like {snake_id(pid).replace('_', '-')})",
                )
            elif pid in seen:
                check.add(p.line, f"{what}: duplicate pitfall id {quoted(pid)}")
            seen.add(pid)
            pwhat = f"pitfall {quoted(pid)}"
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
    check: Checker, raw: Mapping[str, Any], line: int, question: Question | None
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
            check.add(
                line, f"numeric test {ops[0]} on {question.kind} question {quoted(question.id)}"
            )
        return Condition(ops[0], when[ops[0]])
    if (question is not None and not _valid_value(question, when)) or when == AUTO:
        qid = question.id if question else "?"
        hint = _quote_hint(question, when) if question else ""
        check.add(
            line,
            f"'when: {quoted(when, quote=False)}' is not a possible answer to question {quoted(qid)}{hint}",
        )
    return Condition("equals", when)


def _parse_caveat(
    check: Checker, raw: Any, line: int, what: str, questions: Mapping[str, Question]
) -> CaveatSpec:
    """A caveat is a text ``{en: ..., zh-TW: ...}``, optionally with ``when:`` beside the
    languages, so the common case stays one line of YAML."""
    if isinstance(raw, yamlio.LocatedDict) and "when" in raw:
        guard = parse_guard(check, raw, what, questions)
        texts = {k: v for k, v in raw.items() if k != "when"}
        return CaveatSpec(check.localized(texts, raw.line or line, what), guard)
    return CaveatSpec(check.localized(raw, line, what))


def _parse_nodes(
    check: Checker,
    root: yamlio.LocatedDict,
    questions: Mapping[str, Question],
    models: Mapping[str, ModelInfo],
) -> dict[str, Node]:
    from advisor.templating import template_ids

    known_templates = template_ids()
    if root.get("nodes") is None:  # said once, by `parse`
        raw_nodes = None
    else:
        raw_nodes = check.mapping(root.get("nodes"), root.line_of("nodes"), "nodes")
    nodes: dict[str, Node] = {}
    for nid, raw in (raw_nodes or {}).items():
        line = raw_nodes.line_of(nid) if raw_nodes is not None else 0
        what = f"node {quoted(nid)}"
        if not isinstance(nid, str) or not re.match(_ID_PATTERN, nid):
            check.add(
                line, f"{what}: node ids are lower_snake_case; rename it (like {snake_id(nid)})"
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
                    f"{what}: unknown model {quoted(model)}; models are {', '.join(MODELS)}",
                )
            elif model not in models:
                check.add(
                    n.line_of("model"), f"{what}: model {quoted(model)} has no entry under 'models'"
                )
            template = n.get("template")
            if template not in known_templates:
                check.add(
                    n.line_of("template"),
                    f"{what}: unknown template {quoted(template)}; known: {', '.join(known_templates)}",
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
                        f"{what}: alternative model {quoted(a.get('model'))} must be another known model",
                    )
                alternatives.append(
                    AlternativeSpec(
                        str(a.get("model")),
                        check.text(a, "why", f"{what} alternative"),
                        parse_guard(check, a, f"{what} alternative", questions),
                    )
                )
            caveats = [
                _parse_caveat(check, c, n.line_of("caveats"), f"{what} caveat", questions)
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
            check.add(n.line_of("question"), f"{what}: unknown question {quoted(qid)}")
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
                check.add(
                    b.line_of("goto"), f"{what}: branch goes to unknown node {quoted(target)}"
                )
            branches.append(
                Branch(condition, target, check.text(b, "why", f"{what} branch"), b.line)
            )
        if question is not None and branches:
            check_coverage(check, n.line, what, question, branches)
        nodes[str(nid)] = Decision(
            id=str(nid), question=str(qid), branches=tuple(branches), line=line
        )
    return nodes
