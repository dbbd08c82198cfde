"""The decision engine: tree + answers -> Recommendation. Pure: no I/O, no prompts, no clock.

Answers may come from anywhere (flags, prompts, files, `scan`'s inferences);
the engine only needs to know their value and source. Questions that nobody
answered fall back to the tree's default (shown as assumed), and "auto" is
settled from environment *facts* the caller passes in, so the engine itself
never looks at the running interpreter.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor.errors import MissingAnswersError, MissingQuestion, TreeError, UsageError
from advisor.models import (
    AUTO,
    DEFAULT_LANG,
    GIVEN_SOURCES,
    LABEL_COLON,
    Alternative,
    Answer,
    AnswerValue,
    Branch,
    Decision,
    Derivation,
    Fact,
    Guard,
    Leaf,
    Question,
    Recommendation,
    Source,
    Step,
    Tailored,
    TemplateRef,
    Tree,
    Unused,
    format_answer,
)

#: One step of a walk: the decision, its question, the answer used, the branch taken.
Hop = tuple[Decision, Question, Answer, Branch]


def resolve(
    question: Question, answers: Mapping[str, Answer], facts: Mapping[str, Fact]
) -> Answer | None:
    """The answer to use for *question*: given, defaulted, or detected; None if unknown."""
    answer = answers.get(question.id)
    if answer is None and question.default is not None:
        answer = Answer(question.default, Source.DEFAULT, "default")
    if answer is None or answer.value != AUTO:
        return answer
    fact = facts.get(question.detect or "")
    if fact is None:
        raise UsageError(
            f"cannot detect an answer for {question.flag} here; pass {question.flag} yes or no",
            key="cannot_detect",
            flag=question.flag,
        )
    return Answer(fact.value, Source.DETECTED, fact.evidence)


def values_for(
    tree: Tree,
    qids: tuple[str, ...] | list[str] | set[str],
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact],
) -> dict[str, AnswerValue]:
    """The answers a guard tests: given or defaulted (guards never name derived questions,
    the parser sees to that); a question nobody answered, or an "auto" that cannot be
    settled here, is left out, so a guard on it fails instead of guessing."""
    values: dict[str, AnswerValue] = {}
    for qid in qids:
        question = tree.questions.get(qid)
        if question is None:
            continue
        try:
            answer = resolve(question, answers, facts)
        except UsageError:
            continue
        if answer is not None:
            values[qid] = answer.value
    return values


def because(tree: Tree, guard: Guard, values: Mapping[str, AnswerValue]) -> str:
    """The answers that satisfied *guard*, as typed: "--program service"."""
    return ", ".join(
        f"{tree.questions[qid].flag} {format_answer(values[qid])}"
        for qid in guard.questions
        if qid in values
    )


def derivation(
    tree: Tree, question: Question, answers: Mapping[str, Answer], facts: Mapping[str, Fact]
) -> tuple[Derivation, dict[str, AnswerValue]] | None:
    """The first ``derive:`` rule of *question* that the earlier answers satisfy."""
    if not question.derive:
        return None
    qids = {qid for rule in question.derive for qid in rule.when.questions}
    values = values_for(tree, qids, answers, facts)
    rule = next((r for r in question.derive if r.when.matches(values)), None)
    return None if rule is None else (rule, values)


def answer_for(
    tree: Tree,
    question: Question,
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact],
    lang: str = "en",
) -> Answer | None:
    """The answer to use for *question*: given, derived, defaulted or detected.

    A derived answer (``--program notebook`` -> an asyncio loop runs) ranks above a default.
    A rule that is not *fixed* yields to any other answer (a GUI runs no asyncio loop unless
    someone says it does); a fixed one overrides inferred or measured answers and refuses a
    contrary answer a person gave, because one of the two answers is then wrong and guessing
    which would hide it.
    """
    found = derivation(tree, question, answers, facts)
    if found is None:
        return resolve(question, answers, facts)
    rule, values = found
    given = answers.get(question.id)
    cause = because(tree, rule.when, values)
    colon = LABEL_COLON.get(lang, LABEL_COLON[DEFAULT_LANG])  # zh-TW prose: full width
    derived = Answer(rule.value, Source.DERIVED, f"{cause}{colon}{rule.why.get(lang)}")
    if given is None or given.source is Source.DEFAULT or given.value == rule.value:
        return derived if given is None or given.source is Source.DEFAULT else given
    if not rule.fixed:
        return given
    if given.source in GIVEN_SOURCES:
        value, expected = format_answer(given.value), format_answer(rule.value)
        raise UsageError(
            f"{question.flag} {value} contradicts {cause}: {rule.why.get('en')}; "
            f"drop {question.flag} or answer {expected}",
            key="derived_conflict",
            flag=question.flag,
            value=value,
            cause=cause,
            why=rule.why.get(lang),
            expected=expected,
        )
    return derived


def walk(
    tree: Tree,
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact] | None = None,
    lang: str = "en",
) -> tuple[Leaf, tuple[Hop, ...]]:
    """Follow the answers from the start node to a leaf."""
    facts = facts or {}
    for question in tree.questions.values():  # a contradiction is an error on any path
        if question.derive and question.id in answers:
            answer_for(tree, question, answers, facts, lang)
    hops: list[Hop] = []
    node = tree.nodes[tree.start]
    visited: set[str] = set()
    while isinstance(node, Decision):
        if node.id in visited:  # the loader rejects cycles; this guards hand-built trees
            raise TreeError(
                f"cycle in decision tree at node {node.id!r}", key="tree_cycle", node=repr(node.id)
            )
        visited.add(node.id)
        question = tree.questions[node.question]
        answer = answer_for(tree, question, answers, facts, lang)
        if answer is None:
            raise _missing(tree, node, answers, facts, lang)
        branch = next((b for b in node.branches if b.condition.matches(answer.value)), None)
        if branch is None:
            value = format_answer(answer.value)
            raise UsageError(
                f"no branch of node {node.id!r} accepts {question.flag} "
                f"{value}; check the tree or the answer",
                key="no_branch",
                node=repr(node.id),
                flag=question.flag,
                value=value,
            )
        hops.append((node, question, answer, branch))
        node = tree.nodes[branch.target]
    return node, tuple(hops)


def next_question(
    tree: Tree, answers: Mapping[str, Answer], facts: Mapping[str, Fact] | None = None
) -> Question | None:
    """The first question on the path that nobody answered, defaults not taken; None at a leaf.

    This is what `ask` asks next: unlike `walk`, it offers questions that have a
    default instead of assuming it, so a person gets to decide. A derived answer is
    offered as the default (a GUI: no asyncio loop); a fixed one is not asked at all (a
    notebook's kernel runs one, whatever anybody answers).
    """
    facts = facts or {}
    node = tree.nodes[tree.start]
    visited: set[str] = set()
    while isinstance(node, Decision) and node.id not in visited:
        visited.add(node.id)
        question = tree.questions[node.question]
        found = derivation(tree, question, answers, facts)
        if question.id not in answers and not (found and found[0].fixed):
            return question._replace(default=found[0].value) if found else question
        answer = answer_for(tree, question, answers, facts)
        assert answer is not None  # present in answers, so resolve returns it (or raises)
        branch = next((b for b in node.branches if b.condition.matches(answer.value)), None)
        if branch is None:
            return question
        node = tree.nodes[branch.target]
    return None


def _missing(
    tree: Tree,
    blocked: Decision,
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact],
    lang: str,
) -> MissingAnswersError:
    """Name the question we are stuck on, and those that may follow it."""
    first = tree.questions[blocked.question]
    later: list[Question] = []
    stack = [b.target for b in reversed(blocked.branches)]
    seen = {blocked.id}
    while stack:
        nid = stack.pop()
        node = tree.nodes[nid]
        if nid in seen or not isinstance(node, Decision):
            continue
        seen.add(nid)
        question = tree.questions[node.question]
        try:
            answer = answer_for(tree, question, answers, facts)
        except UsageError:  # an "auto" we cannot settle here is as good as unanswered
            answer = None
        if answer is None:
            if question not in later and question is not first:
                later.append(question)
            targets = [b.target for b in node.branches]
        else:
            targets = [b.target for b in node.branches if b.condition.matches(answer.value)][:1]
        stack.extend(reversed(targets))

    def describe(q: Question) -> MissingQuestion:
        return MissingQuestion(q.id, q.flag, q.prompt.get(lang))

    return MissingAnswersError([describe(first)], [describe(q) for q in later], lang)


def recommend(
    tree: Tree,
    answers: Mapping[str, Answer],
    *,
    lang: str = "en",
    facts: Mapping[str, Fact] | None = None,
) -> Recommendation:
    """Walk the tree and describe the leaf in *lang*; the template code is left to the caller."""
    unknown = sorted(set(answers) - set(tree.questions))
    if unknown:
        names = ", ".join(repr(u) for u in unknown)
        known = ", ".join(tree.questions)
        raise UsageError(
            f"unknown question {names}; known: {known}",
            key="unknown_question",
            name=names,
            known=known,
        )
    leaf, hops = walk(tree, answers, facts, lang)
    steps = tuple(
        Step(
            question=question.id,
            flag=question.flag,
            prompt=question.prompt.get(lang),
            answer=answer.value,
            source=answer.source.value,
            assumed=answer.assumed,
            evidence=answer.evidence,
            why=branch.why.get(lang),
            given=_given(answers.get(question.id), answer),
        )
        for _, question, answer, branch in hops
    )
    context: dict[str, AnswerValue] = {
        qid: a.value for qid, a in answers.items() if a.value != AUTO and not a.assumed
    }
    context.update({s.question: s.answer for s in steps})
    info = tree.models[leaf.model]
    guards = [c.when for c in leaf.caveats] + [a.when for a in leaf.alternatives]
    values = values_for(tree, {q for g in guards for q in g.questions}, answers, facts or {})
    asked = {s.question for s in steps}
    asked |= {q for g in guards if g.matches(values) for q in g.questions}
    unused = tuple(
        Unused(q.id, q.flag, answers[q.id].value, answers[q.id].source.value)
        for q in tree.questions.values()
        # Inferred answers nobody gave: `scan --recommend` shows them with their evidence.
        if q.id in answers
        and q.id not in asked
        and answers[q.id].source not in (Source.DEFAULT, Source.INFERRED)
    )
    return Recommendation(
        model=leaf.model,
        title=leaf.title.get(lang),
        lang=lang,
        leaf=leaf.id,
        path=steps,
        justification=leaf.justification.get(lang),
        alternatives=tuple(
            Alternative(a.model, a.why.get(lang))
            for a in leaf.alternatives
            if a.when.matches(values)
        ),
        caveats=tuple(c.text.get(lang) for c in leaf.caveats if c.when.matches(values)),
        pitfalls=tuple(p.localized(lang) for p in info.pitfalls),
        template=TemplateRef(leaf.template, context),
        unused=unused,
        tailored=tailoring(
            tree, leaf, values, lang, {s.question for s in steps if s.source == "default"}
        ),
    )


def tailoring(
    tree: Tree,
    leaf: Leaf,
    values: Mapping[str, AnswerValue],
    lang: str,
    defaulted: frozenset[str] | set[str] = frozenset(),
) -> tuple[Tailored, ...]:
    """The caveats and alternatives some answers added, grouped by those answers in the
    order they first appear: what ``--program service`` changed, for every renderer. A
    caveat whose answers all took the tree's default (*defaulted*: nobody said "script") is
    the leaf's own, not a change an answer made (the failure policy of a batch program)."""
    groups: dict[str, tuple[list[str], list[Alternative]]] = {}
    for caveat in leaf.caveats:
        if set(caveat.when.questions) <= set(defaulted):
            continue
        if caveat.when.tests and caveat.when.matches(values):
            key = because(tree, caveat.when, values)
            groups.setdefault(key, ([], []))[0].append(caveat.text.get(lang))
    for alt in leaf.alternatives:
        if alt.when.tests and alt.when.matches(values):
            key = because(tree, alt.when, values)
            groups.setdefault(key, ([], []))[1].append(Alternative(alt.model, alt.why.get(lang)))
    return tuple(Tailored(key, tuple(c), tuple(a)) for key, (c, a) in groups.items())


def _given(raw: Answer | None, used: Answer) -> AnswerValue | None:
    """The user's own answer, kept where detection replaced it ("auto" -> False)."""
    return raw.value if raw is not None and raw.value != used.value else None


def command_line(
    rec: Recommendation,
    program: str = "advisor recommend",
    *,
    tree: str | None = None,
    lang: str | None = None,
) -> str:
    """The shell command that repeats *rec*: every answer the user gave, none assumed,
    the custom tree those flags belong to, the language if one was asked for, and the
    framework whose form of the template was emitted (`--framework Flask`): without it the
    command would give the generic template, not the one the user saw (issue 19)."""
    parts: list[str] = []
    if tree:
        parts += ["--tree", tree]
    if lang:
        parts += ["--lang", lang]
    for step in rec.path:
        if step.given is not None:  # "--free-threaded auto" stays auto on the next machine
            parts += [step.flag, format_answer(step.given)]
        elif not step.assumed:
            parts += [step.flag, format_answer(step.answer)]
    if rec.template.framework:
        parts += ["--framework", rec.template.framework]
    return " ".join([program, *(shell_quote(part) for part in parts)])


def shell_quote(part: str) -> str:
    """`shlex.quote`, except that text with control characters (a newline in a path or a
    choice) becomes ANSI-C quoting, ``$'a\\nb'``: the command stays on one line, so it fits
    in a ``# Repeat:`` comment and a terminal, and bash or zsh still pass the exact text."""
    import shlex

    if part.isprintable():
        return shlex.quote(part)
    escapes = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    body = []
    for ch in part:
        if ch in escapes:
            body.append(escapes[ch])
        elif ch.isprintable():
            body.append(ch)
        else:
            code = ord(ch)
            body.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
    return "$'" + "".join(body) + "'"
