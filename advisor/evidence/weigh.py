"""Weigh the evidence gathered from code into answers for the tree's questions.

An answer is only *decided* (used by the engine) when its evidence is strong
enough; conflicting evidence lowers its confidence and stays attached so the
user can see it. Nothing is guessed from absence, except that a project with no
event loop anywhere is not already async, and concurrency only ever comes from a
bound written in the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from advisor.evidence.mainpath import MAJORITY_MIN
from advisor.evidence.tables import listing
from advisor.evidence.units import line_cell
from advisor.inference import CONFIDENCES, Evidence, Inference, InferredAnswer, SourceFile
from advisor.models import AnswerValue, Text

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.units import Graph

WEIGHT = {"low": 1, "medium": 2, "high": 3}
#: Evidence kept per answer (and counter-evidence): the strongest; output stays bounded.
KEPT = 10

#: Values that only hold when nothing else is seen: a main guard says "script" unless a
#: framework, a GUI or a notebook says otherwise, and then it is no conflict.
FALLBACKS: dict[str, AnswerValue] = {"program": "script"}


def infer(
    files: Iterable[SourceFile],
    declared: Sequence[str] = (),
    settings: Mapping[str, set[int]] | None = None,
) -> Inference:
    """Read *files* (parsed with ``ast``, never imported or run) and infer what they can tell.

    Files that cannot be parsed are listed in ``skipped`` with the reason; cells of a
    notebook that fail are skipped alone. Tests are left out (``tests`` counts them)
    unless there is nothing else. Evidence counts where the main entry points reach
    (*declared* scripts, ``pkg.cli:main``, first; `advisor.evidence.mainpath`); the rest is
    listed in ``off_path``. *settings*: the whole numbers a package's own configuration file
    sets (`advisor.evidence.sources.config_defaults`), defaults of the settings read from it.
    """
    from advisor.evidence import conclude, own_extensions
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.serving import serving_command
    from advisor.evidence.sources import skip_text
    from advisor.evidence.visitor import parse, read
    from advisor.lint._data import detail as skip_detail

    gatherer = Gatherer()
    for key, values in (settings or {}).items():
        gatherer.file_settings.add(key)
        gatherer.settings.setdefault(key, set()).update(values)
    skipped: list[tuple[str, Text]] = []
    sources = list(files)
    # setup.py counts among the test files (its code is no program's), but it declares the
    # project's compiled extensions.
    gatherer.own_extensions = own_extensions.declared(sources, gatherer.t)
    program = [s for s in sources if not gatherer.t.is_test(s.path)]
    tests = len({s.path for s in sources}) - len({s.path for s in program})
    if program:
        sources = program
    else:  # nothing but tests: they are all there is to read
        tests = 0
    from advisor.evidence.optin import project_off_options

    gatherer.project_off_options = project_off_options(sources)
    for source in sources:
        try:
            tree = parse(source)
        except SyntaxError as exc:
            where = source.path if source.cell is None else f"{source.path}:cell {source.cell}"
            reason = skip_text("syntax_error", skip_detail("detail_line", exc.lineno, exc.msg))
            skipped.append((where, reason))
            continue
        except ValueError:  # NUL bytes
            skipped.append((source.path, skip_text("binary")))
            continue
        except (RecursionError, MemoryError):
            skipped.append((source.path, skip_text("too_deep")))
            continue
        try:
            read(gatherer, source, tree)
        except RecursionError:
            skipped.append((source.path, skip_text("too_deep")))
    conclude.apply_main_path(gatherer, list(declared))
    conclude.finish(gatherer)
    inference = weigh(gatherer.evidence, gatherer.context, gatherer.files, skipped)
    inference = _subcommands_differ(gatherer, inference)
    inference = serving_command(gatherer, inference)
    package_dirs = {_folder(s.path) for s in sources if s.path.endswith("__init__.py")}
    # Inside a package, a main guard or module-level code is a library's helper (a worker
    # process's entry, a self-test, registration), not the program's start (issue 19, #8):
    # a package runs as an application through __main__.py, an app object or a declared script.
    # Outside the packages, development tooling (code generators in tools/, a requirements
    # sync script) does not make a project that ships a package an application; a package's
    # __main__.py that only shows the package off is a demo (`demos`), weighed against a py.typed.
    from advisor.evidence.api_scripts import api_scripts
    from advisor.evidence.entry_names import delegates, dev_tooling
    from advisor.evidence.side_paths import off_path_places
    from advisor.evidence.units import names

    entries: list[str] = []
    demos: list[str] = []
    for entry in gatherer.entry_points:
        file = entry.split(":", 1)[0]
        # A guard that reads the command line is `python -m pkg.mod`'s, not a helper's: an
        # application's (difPy), or a typed library's demo (rich's `python -m rich.syntax`),
        # which the command line tells apart by what the project declares, as a `__main__.py`.
        command = entry.endswith("(main guard)") and file in gatherer.graph.command_guards
        if _folder(file) in package_dirs and entry.endswith(_PACKAGE_HELPERS):
            if command:
                demos.append(entry)
            continue
        if package_dirs and dev_tooling(file, package_dirs):
            continue
        main = file.rsplit("/", 1)[-1] == "__main__.py" and _folder(file) in package_dirs
        # A `__main__.py` whose own guard builds a command line is `python -m pkg ARGS`, the
        # program's start even when its main is written in it (pyftpdlib's FTP server).
        command_main = file in gatherer.graph.command_guards
        if main and entry.endswith("(__main__.py)") and not delegates(gatherer.graph, file):
            if command_main:
                entries.append(entry)
                continue
            demos.append(entry)
        else:
            entries.append(entry)
    path = gatherer.main_path
    # Every entry point a program in a helper folder beside the packages (psutil's scripts/).
    helpers = [
        e
        for e in entries
        if package_dirs
        and _folder(e.split(":", 1)[0]) not in package_dirs
        and set(_folder(e.split(":", 1)[0]).split("/")) & set(names()["helper_folders"])
    ]
    # Every main entry point an interactive console, or a __main__.py handing over to one
    # (websockets' client): a library's tool, or an application that is a console; the
    # command line tells them apart by what the project declares (issue 19, cause 8).
    consoles: tuple[str, ...] = ()
    graph = gatherer.graph
    if path is not None and path.entries and package_dirs:
        starts = {e.file for e in path.entries}
        if starts & graph.consoles and all(
            f in graph.consoles or (f.endswith("__main__.py") and delegates(graph, f))
            for f in starts
        ):
            consoles = tuple(e.where for e in path.entries if e.file in graph.consoles)
    return inference._replace(
        consoles=consoles,
        tests=tests,
        entry_points=tuple(entries),
        demos=tuple(demos),
        helper_scripts=tuple(helpers) if helpers and len(helpers) == len(entries) else (),
        api_scripts=api_scripts(gatherer.graph, path),
        package_dirs=tuple(sorted(package_dirs)),
        packages=len(package_dirs),
        main_path=None if path is None else tuple((e.where, e.kind, e.name) for e in path.entries),
        off_path=off_path_places(gatherer),
    )


def _subcommands_differ(gatherer: Gatherer, inference: Inference) -> Inference:
    """A program whose subcommands differ (mkdocs' ``build``, ``serve``, ``gh-deploy``; no
    default declared) is answered from what they share, each command with its own
    evidence; where the commands lead to different answers (one decided, another not, or
    two values), the answer is asked, never taken from whichever command has the most
    evidence (issue 19, cause 2). Said as context at the command that differs.

    Unless most of them agree: among at least `MAJORITY_MIN` commands, what only a minority of
    them reaches is that command's own business (mkdocs' ``gh-deploy`` running git after the
    build that ``build`` and ``serve`` run too; csvkit's ``csvsql`` and ``sql2csv`` talking to
    a database beside nine tools building agate tables), and when more than half of the
    commands with evidence then lead to one answer, that is the program's: the others are
    named, listed and not counted."""
    path = gatherer.main_path
    if path is None or not path.commands:
        return inference
    graph = gatherer.graph
    owned = {u for _name, _unit, units in path.commands for u in units}
    questions = dict(inference.questions)
    context = list(inference.context)
    for question, answer in inference.questions.items():
        if question == "concurrency":
            continue
        items = [e for e in gatherer.evidence if e.question == question]
        shared = [e for e in items if not e.file or _unit(graph, e) not in owned]
        own = {
            name: [e for e in items if e.file and _unit(graph, e) in units]
            for name, _command, units in path.commands
        }
        minor = _minority_signals(own, len(path.commands))
        results: dict[str, str] = {}
        if shared and not all(own.values()):
            # What they share stands for the commands with no evidence of their own; when
            # every command has its own, it is in each of their answers already (radon's
            # configuration read, "?" alone, beside cc, hal, mi and raw, all "yes").
            results[""] = _shown(aggregate(question, shared))
        for name, mine in own.items():
            if mine:
                results[name] = _shown(aggregate(question, shared + mine))
        if set(results.values()) - {"?"} == {"yes"}:
            # Cause 7: weak evidence alone (htseq-count-barcodes' open() beside htseq-count's
            # pool) does not make a command differ from one that computes; beside one that
            # waits (csvkit's sql), a "?" may be work not seen, and is asked.
            results = {
                n: v for n, v in results.items() if v != "?" or _speaks([*shared, *own.get(n, [])])
            }
        if len(set(results.values())) < 2:
            continue
        majority = _majority(question, shared, own, minor)
        if majority is not None:
            questions[question] = agreed = majority
            others = [n for n, value in results.items() if n and value != _shown(agreed)]
            if not others:
                continue
            where = next(u for n, u, _ in path.commands if n in others)
            line, cell = line_cell(
                next((s for s, _e, n in graph.spans.get(where[0], ()) if n == where[1]), 0)
            )
            reason = gatherer.t.reason(
                "subcommands_majority",
                flag="--" + question.replace("_", "-"),
                value=_shown(agreed),
                others=listing(sorted(others)),
            )
            context.append(
                Evidence(
                    None, None, "medium", where[0], line, reason, f"subcommands:{question}", cell
                )
            )
            continue
        if not answer.decided:
            continue
        questions[question] = answer._replace(confidence="low")
        # In each language's own marks: "build: yes; serve: ?", "build：yes；serve：?".
        said = Text(
            {
                "en": "; ".join(f"{n or '(all)'}: {v}" for n, v in sorted(results.items())),
                "zh-TW": "；".join(f"{n or '（全部）'}：{v}" for n, v in sorted(results.items())),
            }
        )
        where = next(u for n, u, _ in path.commands if n in results)
        line, cell = line_cell(
            next((s for s, _e, n in graph.spans.get(where[0], ()) if n == where[1]), 0)
        )
        reason = gatherer.t.reason(
            "subcommands_differ", flag="--" + question.replace("_", "-"), answers=said
        )
        context.append(
            Evidence(None, None, "medium", where[0], line, reason, f"subcommands:{question}", cell)
        )
    return inference._replace(questions=questions, context=tuple(context))


def _signal(item: Evidence) -> tuple[object, ...]:
    return (item.value, item.signal)


def _minority_signals(own: Mapping[str, Sequence[Evidence]], total: int) -> set[tuple[object, ...]]:
    """The signals fewer than half of the *total* commands reach (a library only
    ``gh-deploy`` calls); none among fewer than `MAJORITY_MIN` commands."""
    if total < MAJORITY_MIN:
        return set()
    reach: dict[tuple[object, ...], set[str]] = {}
    for name, mine in own.items():
        for item in mine:
            reach.setdefault(_signal(item), set()).add(name)
    return {key for key, names in reach.items() if 2 * len(names) < total}


def _majority(
    question: str,
    shared: Sequence[Evidence],
    own: Mapping[str, Sequence[Evidence]],
    minor: set[tuple[object, ...]],
) -> InferredAnswer | None:
    """The answer most of the commands with evidence lead to once a minority's signals are
    set aside; None when no answer has more than half of them, or the evidence they share
    with the rest does not decide it."""
    if not minor:
        return None
    results: dict[str, str] = {}
    for name, mine in own.items():
        if mine:
            kept = [e for e in mine if _signal(e) not in minor]
            results[name] = _shown(aggregate(question, [*shared, *kept])) if kept else "?"
    counts: dict[str, int] = {}
    for value in results.values():
        counts[value] = counts.get(value, 0) + 1
    best = max(counts, key=counts.__getitem__)
    if best == "?" or len(results) < MAJORITY_MIN or 2 * counts[best] <= len(results):
        return None
    # One place reached by several commands is one piece of evidence.
    unique: dict[int, Evidence] = {id(e): e for e in shared}
    for name, mine in own.items():
        if results.get(name) == best:
            unique.update((id(e), e) for e in mine if _signal(e) not in minor)
    answer = aggregate(question, list(unique.values()))
    if not answer.decided or _shown(answer) != best:
        return None
    return answer


def _unit(graph: Graph, item: Evidence) -> tuple[str, str]:
    return (item.file, graph.unit_at(item.file, item.line, item.cell))


def _speaks(items: Sequence[Evidence]) -> bool:
    return any(e.confidence != "low" for e in items)


def _shown(answer: InferredAnswer) -> str:
    """An answer as the reason names it: its value, or "?" (the code does not tell)."""
    if not answer.decided:
        return "?"
    value = answer.value
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


#: Entry points that do not make a package an application.
_PACKAGE_HELPERS = ("(main guard)", "(module-level code)")


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def weigh(
    evidence: Sequence[Evidence],
    context: Sequence[Evidence] = (),
    files: int = 0,
    skipped: Sequence[tuple[str, Text]] = (),
) -> Inference:
    """Group evidence by question and weigh each group."""
    by_question: dict[str, list[Evidence]] = {}
    for item in evidence:
        if item.question is not None:
            by_question.setdefault(item.question, []).append(item)
    answers = {q: aggregate(q, items) for q, items in sorted(by_question.items())}
    return Inference(answers, tuple(context), files, tuple(skipped))


def aggregate(question: str, items: Sequence[Evidence]) -> InferredAnswer:
    """One answer from the evidence for one question.

    Each value scores the weights of its distinct signals (a library called fifty times
    is one signal, at its strongest). The best value keeps the confidence of its
    strongest evidence when nothing contradicts it or when it outweighs weaker evidence at
    least two to one; one level less when it outweighs evidence as strong at least two to
    one; otherwise it is low, i.e. undecided.
    """
    if question == "concurrency":
        return _concurrency(items)
    fallback = FALLBACKS.get(question)
    if fallback is not None and any(i.value != fallback for i in items):
        items = [i for i in items if i.value != fallback]
    groups: dict[AnswerValue, list[Evidence]] = {}
    for item in items:
        assert item.value is not None
        groups.setdefault(item.value, []).append(item)
    scores = {v: _score(g, question == "cpu_bound" and _top(g) == "low") for v, g in groups.items()}
    ranked = sorted(groups, key=lambda v: (scores[v], _top(groups[v])), reverse=True)
    best = ranked[0]
    others = _strongest_first([i for v in ranked[1:] for i in groups[v]])
    level = CONFIDENCES.index(_top(groups[best]))
    if others:
        against = max(scores[v] for v in ranked[1:])
        outweighs = scores[best] >= 2 * against
        # Weaker evidence outweighed two to one leaves the level alone (issue 19, cause 7).
        weaker = WEIGHT[_top(others)] < WEIGHT[_top(groups[best])]
        level -= 0 if outweighs and weaker else 1 if outweighs else 2
    return InferredAnswer(
        question,
        best,
        CONFIDENCES[max(level, 0)],
        tuple(_strongest_first(groups[best])[:KEPT]),
        tuple(others[:KEPT]),
    )


def _concurrency(items: Sequence[Evidence]) -> InferredAnswer:
    """The largest explicit bound; different bounds lower the confidence, and when they are
    written in more places than the largest one, it is one feature's limit rather than the
    program's peak (newcomer #24: one ``Semaphore(5)`` among 170 files) and stays undecided."""
    values = sorted({int(i.value) for i in items if isinstance(i.value, int)}, reverse=True)
    best = values[0]
    chosen = [i for i in items if i.value == best]
    others = [i for i in items if i.value != best]
    level = (
        CONFIDENCES.index(_top(chosen))
        - (1 if others else 0)
        - (1 if len(others) > len(chosen) else 0)
    )
    return InferredAnswer(
        "concurrency",
        best,
        CONFIDENCES[max(level, 0)],  # a negative index would wrap round to "high"
        tuple(_strongest_first(chosen)[:KEPT]),
        tuple(_strongest_first(others)[:KEPT]),
    )


def _score(group: Sequence[Evidence], hints: bool = False) -> int:
    """*hints*: a value with only low-confidence signals scores one (issue 19, cause 7)."""
    best: dict[str, int] = {}
    for item in group:
        key = "\x00low" if hints and item.confidence == "low" else item.signal
        best[key] = max(best.get(key, 0), WEIGHT[item.confidence])
    return sum(best.values())


def _top(group: Sequence[Evidence]) -> str:
    return max((i.confidence for i in group), key=WEIGHT.__getitem__)


def _strongest_first(group: Sequence[Evidence]) -> list[Evidence]:
    return sorted(
        group,
        key=lambda i: (-WEIGHT[i.confidence], not i.file, i.file, i.cell or 0, i.line),
    )
