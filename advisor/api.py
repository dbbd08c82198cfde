"""The library API behind `import advisor`: one entry per command (recommend, explain,
load_tree, infer, scan, convert, write, diff, bench, profile).

Thin on purpose: it checks the caller's arguments first (`advisor.arguments`: a wrong type
is one clear `InvalidArgumentError`, never a raw error deep inside), gathers answers from
keyword arguments and Answer objects, adds the environment facts, calls the pure engine or
the command's pipeline, and fills in the template code. Heavy packages (the linter, the
codemod, bench, profile) are imported inside the function that needs them, so `import
advisor` stays as cheap as `advisor recommend` needs it to be.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from advisor import arguments, engine
from advisor.errors import InvalidArgumentError, UsageError
from advisor.models import Answer, Fact, Recommendation, Text, Tree

if TYPE_CHECKING:
    from pathlib import Path

    from advisor.conversion import ConversionResult
    from advisor.findings import ScanResult
    from advisor.guides import Comparison, ModelGuide
    from advisor.inference import Inference, SourceFile
    from advisor.measurement import BenchResult, ProfileReport
    from advisor.rules import Rule


def load_tree(path: str | Path | None = None) -> Tree:
    """Load and validate a decision tree file (the shipped one by default, or ``"default"``)."""
    from advisor.tree import load_tree as _load

    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise InvalidArgumentError(
            f"tree must be a path, a tree name such as 'default', a Tree or None, not {arguments.described(path)}"
        )
    return _load(path)


def _tree(tree: object) -> Tree:
    if isinstance(tree, Tree):
        return tree
    return load_tree(tree)  # type: ignore[arg-type]  # checked there


def recommend(
    tree: Tree | str | Path | None = None,
    *,
    answers: Mapping[str, Answer | Any] | None = None,
    lang: str = "en",
    facts: Mapping[str, Fact] | None = None,
    evidence: Inference | None = None,
    **kwargs: Any,
) -> Recommendation:
    """Recommend a concurrency model.

    ``advisor.recommend(cpu_bound=False, concurrency=500)``: keywords are the
    tree's questions (ids or flag names with underscores); *answers* may also
    hold `Answer` objects that carry their own source and evidence. *evidence*
    (from `advisor.infer`) adds the answers inferred from code; any answer given
    explicitly overrides an inferred one. An answer the code's evidence left undecided
    (weak, or pointing both ways), or ``async_libs`` when no I/O library the code calls is
    recognised, is never filled from the tree's default when another value would change
    the model: `UndecidedAnswerError` (a `MissingAnswersError`) names it, as
    `scan --recommend` asks it; give it as a keyword.
    """
    from advisor.answers import merge
    from advisor.detect import environment_facts

    resolved_lang = arguments.lang(lang)
    resolved_tree = _tree(tree)
    checked_facts = arguments.facts(facts)
    given = arguments.given(resolved_tree, answers, kwargs)
    if evidence is not None:
        from advisor.inference import Inference

        if not isinstance(evidence, Inference):
            raise InvalidArgumentError(
                "evidence: expected what advisor.infer() returns (an advisor.Inference)"
            )
        given = merge(inferred_answers(resolved_tree, evidence, resolved_lang), given)
    used_facts = environment_facts(resolved_lang) if checked_facts is None else checked_facts
    rec = engine.recommend(resolved_tree, given, lang=resolved_lang, facts=used_facts)
    if evidence is not None:
        _refuse_undecided(resolved_tree, evidence, given, rec, facts=used_facts, lang=resolved_lang)
    custom = None if tree is None or isinstance(tree, Tree) else os.fspath(tree)
    return with_code(rec, tree_path=custom)


def _refuse_undecided(
    tree: Tree,
    inference: Inference,
    given: Mapping[str, Answer],
    rec: Recommendation,
    *,
    facts: Mapping[str, Fact],
    lang: str,
) -> None:
    """Raise `UndecidedAnswerError` when the tree's default stood in for an answer the code
    left undecided and another value the code can mean leads to another model (issue 19):
    the library is as honest as `scan --recommend`, which asks or exits 2."""
    from advisor.errors import MissingQuestion, UndecidedAnswerError
    from advisor.evidence import settle
    from advisor.models import Source, format_answer

    undecided = settle.undecided(tree, inference, given) | (
        settle.unknown_io(tree, inference) - set(given)
    )
    values = settle.plausible(tree, inference, undecided)
    for step in rec.path:
        if step.question not in undecided or step.source != Source.DEFAULT.value:
            continue
        question = tree.questions[step.question]
        for value in values.get(question.id) or settle.candidates(tree, question):
            if value == step.answer:
                continue
            try:
                alt = engine.recommend(
                    tree, {**given, question.id: Answer(value, Source.API)}, lang=lang, facts=facts
                )
            except UsageError:
                continue
            if alt.model == rec.model:
                continue
            inferred = inference.questions.get(question.id)
            shown = [*inferred.evidence[:2], *inferred.conflicting[:2]] if inferred else []
            evidence = ", ".join(f"{e.location} ({format_answer(e.value)})" for e in shown)
            raise UndecidedAnswerError(
                MissingQuestion(question.id, question.flag, question.prompt.get(lang)),
                evidence or "no I/O library it calls is recognised",
                (format_answer(step.answer), format_answer(value)),
                (rec.model, alt.model),
            )


def inferred_answers(tree: Tree, inference: Inference, lang: str = "en") -> dict[str, Answer]:
    """The decided inferred answers this tree can use: questions it does not ask (such as
    ``program`` in the chapter's tree) and values outside a question's bounds are left out."""
    from advisor import answers as answers_mod
    from advisor.errors import InvalidAnswerError

    result: dict[str, Answer] = {}
    for qid, answer in inference.answers(lang).items():
        question = tree.questions.get(qid)
        if question is None:
            continue
        try:
            result[qid] = answer._replace(value=answers_mod.parse_value(question, answer.value))
        except InvalidAnswerError:
            continue
    return result


def infer(
    paths: Iterable[str | os.PathLike[str] | SourceFile] | str | os.PathLike[str] = (".",),
    *,
    exclude: Iterable[str] = (),
    config: bool = True,
    cache: bool = True,
) -> Inference:
    """What code can tell about the tree's questions, with evidence (`advisor.evidence.weigh`).

    *paths* are files and folders, found as `advisor scan` finds them (``.ipynb`` notebooks
    too), or `SourceFile` (path, text) pairs to read as given. The code is parsed with
    ``ast``, never imported or run. Files that cannot be read or parsed are in ``skipped``.
    With *cache*, what the same code gave before is reused from advisor's data-only cache
    (`advisor.evidence.stored`: keyed by every file's content; a changed file infers anew).
    """
    from advisor.evidence.weigh import infer as _infer
    from advisor.inference import SourceFile

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if not isinstance(paths, Iterable) or isinstance(paths, bytes):
        raise InvalidArgumentError(
            f"paths must be a list of file paths or SourceFile, not {arguments.described(paths)}"
        )
    items = list(paths)
    wrong = [p for p in items if not isinstance(p, (str, os.PathLike, SourceFile))]
    if wrong:
        raise InvalidArgumentError(
            f"paths must be a list of file paths or SourceFile, not a list holding "
            f"{arguments.described(wrong[0])}"
        )
    arguments.globs(exclude)
    given = [p for p in items if isinstance(p, SourceFile)]
    named = [p for p in items if not isinstance(p, SourceFile)]
    skipped: list[tuple[str, Text]] = []
    declared: list[str] = []
    settings: dict[str, set[int]] = {}
    if named or not items:
        from advisor.evidence.sources import config_defaults, declared_scripts, read_sources

        found, skipped = read_sources(named or ["."], exclude=exclude, config=config)
        given += found
        declared = declared_scripts(named or ["."])
        settings = config_defaults(named or ["."], found)
    inference = None
    if cache:
        from advisor.evidence import stored

        key = stored.key(given, declared, settings)
        inference = stored.load(key)
    if inference is None:
        inference = _infer(given, declared, settings)
        if cache:
            stored.store(key, inference)
    return inference._replace(skipped=(*skipped, *inference.skipped))


def explain(
    model: str | None = None, *, lang: str = "en", tree: Tree | str | Path | None = None
) -> Comparison | ModelGuide | Rule:
    """What `advisor explain [NAME]` shows: the comparison table of every model, one model's
    (or topic's, or conversion pattern's) guide, or a rule by code or name (``"ADV101"``,
    ``"blocking-call-in-async"``), whose ``to_dict(lang)`` is the CLI's JSON."""
    from advisor import guides

    lang = arguments.lang(lang)
    if model is None:
        return guides.comparison(lang)
    if not isinstance(model, str):
        raise InvalidArgumentError(
            f"model must be a string such as 'asyncio' or None, not {arguments.described(model)}"
        )
    if not guides.is_guide(model):
        from advisor.rules import find_rule

        rule = find_rule(model)
        if rule is not None:
            return rule
    return guides.guide(model, _tree(tree), lang)


def with_code(
    rec: Recommendation,
    tree_path: str | None = None,
    lang: str | None = None,
    *,
    frameworks: Sequence[str] = (),
    framework: str | None = None,
) -> Recommendation:
    """Fill the template's defaults and code into a recommendation from the engine.

    *tree_path* is the custom tree the answers belong to, for the "Repeat:" line.
    *frameworks* are those the user's code is built on (`scan --recommend`): a template with
    a form for one of them (service_threads for Flask) emits that form. *framework* is the
    one the user named (`--framework Flask`): it wins over *frameworks*, and changes nothing
    where the template has no form for it. The "Repeat:" line names the framework whenever
    it chose the form, so the command gives the same template again.
    """
    from advisor import templating
    from advisor.texts import ui

    texts = ui(rec.lang)
    ref = rec.template
    template_id = templating.variant_for(ref.id, ref.context.get("program", "script"))
    if framework is not None:
        template_id, chosen = templating.framework_form(template_id, framework)
    else:
        template_id, chosen = templating.framework_variant(template_id, frameworks)
    context = templating.context_for(template_id, ref.context)
    named = rec._replace(template=ref._replace(framework=chosen))
    command = f"{engine.command_line(named, tree=tree_path, lang=lang)} --template"
    # Each line through comment_line: a newline in a hand-built tree's ids cannot escape it.
    header = "\n".join(
        templating.comment_line(line)
        for line in (
            "# " + texts("template_generated", model=rec.model, leaf=rec.leaf),
            "# " + texts("template_repeat", command=command),
        )
    )
    code = templating.render(template_id, context, header=header, lang=rec.lang)
    base = ref.id if template_id != ref.id else None
    return rec._replace(
        template=ref._replace(
            id=template_id, context=context, code=code, base=base, framework=chosen
        )
    )


def convert(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    target_version: str | tuple[int, int] | None = None,
    prefer: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ConversionResult:
    """Convert threaded code in *paths* to asyncio, without writing anything.

    Returns every file's text before and after, each change with its rule code (ADV201 ...)
    and `advisor explain` pattern, and what was left untouched with the reason.
    *target_version* ("3.11" or (3, 11)) picks TaskGroup (3.11+) or gather (3.10); by
    default it comes from the nearest pyproject.toml's requires-python, else the running
    Python. *prefer* ("httpx", "aiohttp", "aiofiles", "aiosqlite") rewrites calls to that
    library where the mapping is mechanical. Write the result with `advisor.write` (or show it with `advisor.diff`).
    *progress*, if given, is called with ``(stage, done, total)`` ("read", then "convert").
    """
    from advisor.codemod.pipeline import convert as run

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if not isinstance(paths, (list, tuple)) or not all(
        isinstance(p, (str, os.PathLike)) for p in paths
    ):
        raise InvalidArgumentError(
            f"paths must be a list of file paths, not {arguments.described(paths)}"
        )
    if target_version is not None and not (
        isinstance(target_version, str)
        or (
            isinstance(target_version, tuple)
            and len(target_version) == 2
            and all(type(v) is int for v in target_version)
        )
    ):
        raise InvalidArgumentError(
            f"target_version must be a string such as '3.11' or a tuple such as (3, 11), "
            f"not {arguments.described(target_version)}"
        )
    if prefer is not None and not isinstance(prefer, str):
        raise InvalidArgumentError(
            f"prefer must be a library name or None, not {arguments.described(prefer)}"
        )
    if isinstance(target_version, tuple):
        target_version = f"{target_version[0]}.{target_version[1]}"
    return run(
        [os.fspath(p) for p in paths],
        target_version=target_version,
        prefer=prefer,
        progress=progress,
    )


def scan(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] = (".",),
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    config: bool = True,
    cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    trust_stat: bool = True,
    content: str | bytes | None = None,
) -> ScanResult:
    """Scan files and folders for the chapter's pitfalls; findings (sorted) and skipped files.

    *select*/*ignore* take codes or prefixes and win over ``[tool.advisor]`` (read from the
    nearest pyproject.toml unless *config* is False). *exclude* adds globs. *cache* uses the
    data-only findings cache (in *cache_dir* when given); *jobs* caps the worker processes
    (1: serial). With *trust_stat* False every file is read and hashed, even when its stat
    signature is unchanged. With *content* (an editor's unsaved text), *paths* names the one
    file it is the text of; that file need not exist. Raises `advisor.errors.ScanError` for a
    path that does not exist or a bad rule code. The code is parsed with ``ast``, never
    imported or run.
    """
    from advisor.lint.pipeline import scan as run

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if not isinstance(paths, (list, tuple)) or not all(
        isinstance(p, (str, os.PathLike)) for p in paths
    ):
        raise InvalidArgumentError(
            f"paths must be a list of file paths, not {arguments.described(paths)}"
        )
    for name, codes in (("select", select), ("ignore", ignore)):
        if isinstance(codes, str):
            raise InvalidArgumentError(
                f"{name} must be a list of rule codes such as ['ADV101'], not a string"
            )
    arguments.globs(exclude)
    if jobs is not None and type(jobs) is not int:
        raise InvalidArgumentError(
            f"jobs must be a whole number (1: serial) or None, not {arguments.described(jobs)}"
        )
    if content is not None and (not isinstance(content, (str, bytes)) or len(paths) != 1):
        raise InvalidArgumentError(
            "content must be a file's text (str or bytes), with paths naming that one file"
        )
    return run(
        paths,
        select=select,
        ignore=ignore,
        exclude=exclude,
        config=config,
        cache=cache,
        cache_dir=None if cache_dir is None else os.fspath(cache_dir),
        jobs=jobs,
        trust_stat=trust_stat,
        content=content.encode("utf-8") if isinstance(content, str) else content,
    )


def bench(
    tree: Tree | str | Path | None = None,
    *,
    answers: Mapping[str, Answer | Any] | None = None,
    quick: bool = False,
    tasks: int | None = None,
    io_latency_ms: float | None = None,
    cpu_ms: float | None = None,
    repeats: int | None = None,
    **kwargs: Any,
) -> BenchResult:
    """Race every model on this machine on the workload the answers describe (a loopback
    server on 127.0.0.1 for the I/O part), as `advisor bench` does; keywords are the tree's
    questions, as for `recommend`."""
    from advisor.benchmark.pipeline import run_bench

    for name, value, low, high, whole in (
        ("tasks", tasks, 1, 100_000, True),
        ("io_latency_ms", io_latency_ms, 0, 10_000, False),
        ("cpu_ms", cpu_ms, 0, 10_000, False),
        ("repeats", repeats, 1, 20, True),
    ):
        arguments.workload_number(name, value, low, high, whole=whole)
    resolved_tree = _tree(tree)
    given = arguments.given(resolved_tree, answers, kwargs)
    return run_bench(
        resolved_tree,
        given,
        tasks=tasks,
        io_latency_ms=io_latency_ms,
        cpu_ms=cpu_ms,
        quick=quick,
        repeats=repeats,
    )


def profile(
    command: Sequence[str],
    *,
    probe: bool = True,
    environ: Mapping[str, str] | None = None,
    block_ms: float = 100.0,
) -> ProfileReport:
    """Run *command* once (exactly that command), measuring GIL waits, event-loop lag, threads
    and tasks, as `advisor profile -- CMD` does; *probe* False measures from outside only.
    A loop late by *block_ms* or more is blocked, and the probe names the line that did it."""
    from advisor.profiler.pipeline import run_profile

    if (
        isinstance(command, (str, bytes))
        or not isinstance(command, Sequence)
        or not all(isinstance(c, str) for c in command)
    ):
        raise InvalidArgumentError(
            f"command must be a list of strings such as ['python', 'app.py'], "
            f"not {arguments.described(command)}"
        )
    if environ is not None and not (
        isinstance(environ, Mapping)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in environ.items())
    ):
        raise InvalidArgumentError(
            f"environ must be a mapping of strings such as {{'PATH': '/usr/bin'}} or None, "
            f"not {arguments.described(environ)}"
        )
    if isinstance(block_ms, bool) or not isinstance(block_ms, (int, float)) or not block_ms >= 1:
        raise InvalidArgumentError(
            f"block_ms must be a number of milliseconds, 1 or more, not {arguments.described(block_ms)}"
        )
    return run_profile(list(command), probe=probe, environ=environ, block_ms=float(block_ms))


def write(result: ConversionResult, *, force: bool = False) -> list[str]:
    """Write a `convert` result's changed files, all or nothing; returns the paths written.

    Files with uncommitted changes in git are refused (`ConvertError`) unless *force*.
    """
    from advisor.codemod.apply import write as run

    arguments.conversion(result)
    return run(result, force=force)


def diff(result: ConversionResult) -> str:
    """A `convert` result as one unified diff (``git apply`` / ``patch -p1`` ready)."""
    from advisor.render.conversion import unified_diff

    arguments.conversion(result)
    return "".join(unified_diff(f) for f in result.changed)
