"""`advisor scan PATH... --recommend`: the questionnaire answered from the user's own code.

The code answers what it can (`advisor.infer`: parsed, never imported or run); the tree's
own flags and ``--answers`` override it; on a terminal the rest is asked exactly as `ask`
asks it, and without one the missing flags are named (exit 2). The recommendation is shown
as `recommend` shows it, with an Evidence section, and the one-line `advisor recommend ...`
that repeats it, inferred answers written out as flags.

The tree's flags, --tree, --answers and the template options exist only when --recommend is
on the command line, so a plain `advisor scan` neither loads the tree nor offers them.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.cli import _common as common
from advisor.cli import _recommend_refusals as refusals
from advisor.cli import _recommending as recommending
from advisor.cli._help import Help, Parser
from advisor.errors import AdvisorError, ExitCode, MissingAnswersError, ScanError, UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from advisor.cli._invocation import Invocation
    from advisor.inference import Inference
    from advisor.models import Answer, AnswerValue, Fact, Question, Recommendation, Tree

OPTION = "--recommend"
#: Recommend for code that shows no entry point (a library), because the user insists.
APPLICATION = "--application"


def wanted(inv: Invocation) -> bool:
    return OPTION in inv.argv


def add_arguments(
    parser: argparse.ArgumentParser, inv: Invocation, scan_formats: Mapping[str, Any]
) -> None:
    """--recommend, and --format: the findings' formats, or the recommendation's with it."""
    parser.add_argument(OPTION, action="store_true", help=Help("help_scan_recommend"))
    if wanted(inv) or any(arg in ("-h", "--help") for arg in inv.argv):
        parser.add_argument(APPLICATION, action="store_true", help=Help("help_scan_application"))
    helping = any(arg in ("-h", "--help") for arg in inv.argv)
    if not wanted(inv) and not helping:
        from advisor.render.evidence import FORMATS

        # markdown is accepted here only to be refused with its reason in `refuse_format`
        _add_format(parser, {**scan_formats, **FORMATS}, scan_formats)
        if isinstance(parser, Parser):
            parser.only_with = functools.partial(_refuse_recommend_option, inv)
        return
    from advisor.render.evidence import FORMATS

    # `advisor scan --help` shows --recommend's options too (newcomer #48): loading the tree
    # costs a help screen nothing, and a user cannot use options the help hides.
    _add_format(parser, FORMATS if wanted(inv) else {**scan_formats, **FORMATS}, scan_formats)
    common.add_tree(parser)
    common.add_answers(parser)
    common.add_output(parser)
    common.add_framework(parser)
    common.add_answer_flags(parser, inv, common.load_tree(inv.tree))


def _add_format(
    parser: argparse.ArgumentParser, choices: Mapping[str, Any], scan_formats: Mapping[str, Any]
) -> None:
    """--format, its help naming which formats go with --recommend and which without."""
    from advisor.render.evidence import FORMATS

    parser.add_argument(
        "--format",
        choices=tuple(choices),
        action=common.Once,
        help=Help("help_scan_format", names=", ".join(scan_formats), recommend=", ".join(FORMATS)),
    )


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor import api
    from advisor.answers import merge
    from advisor.detect import environment_facts
    from advisor.evidence import settle

    _refuse_lint_options(args)
    tree = common.load_tree(args.tree)
    given = common.answer_layers(tree, args)  # read (and refused) before the code is
    common.check_emit(args.emit, tree, force=args.force)
    common.check_code_only(args)
    paths = args.paths or ["."]
    inference = api.infer(paths, exclude=args.exclude, config=not args.isolated)
    if not inference.files:
        raise refusals.nothing_python(paths, inference) or _no_code(paths, inference)
    if not args.application:
        refusals.refusing_library(paths, inference, _refuse_library)  # before the warning
    _warn_unread(inference, inv)
    answers = merge(api.inferred_answers(tree, inference, inv.lang), *given)
    facts = environment_facts(inv.lang)
    undecided = settle.undecided(tree, inference, answers)
    try:
        rec = recommending.ask_and_recommend(
            settle.without_defaults(tree, undecided), answers, facts, inv, no_terminal="scan"
        )
    except UsageError as exc:
        missing = exc.__cause__
        if not isinstance(missing, MissingAnswersError):
            raise
        unknown_io = settle.unknown_io(tree, inference)
        values = settle.plausible(tree, inference, undecided)
        settled = _settle(tree, answers, facts, inv, unknown_io | undecided, values=values)
        if settled is None:
            note = _undecided(missing.flags, inference, tree.questions.values(), inv.lang)
            from advisor.texts import ui

            texts = ui(inv.lang)
            clause = texts("clause_separator")  # "; ", or "；" in Chinese prose
            if unknown_io:
                flag = tree.questions[settle.IO_QUESTION].flag
                io_note = texts("scan_unknown_io_note", flag=flag)
                note = f"{note}{clause}{io_note}" if note else io_note
            if not note:
                raise
            raise UsageError(f"{exc}{clause}{note}", key=None) from missing  # in inv.lang
        rec, sizes_only = settled
        inference = inference._replace(sizes_only=sizes_only)
    if settle.unknown_io(tree, inference):
        _refuse_unknown_io(tree, rec, answers, facts, inv)
    sized = frozenset(flag for flag, _ in inference.sizes_only)
    rec, repeat = _with_code(rec, args, inv, sized, frameworks=_frameworks(inference))
    recommending.framework_note(rec, args, inv)
    _show(rec, inference, repeat, args, inv)
    try:
        recommending.emit(rec, args, inv)
    finally:
        recommending.repeat_hint(repeat, args, inv)
    return ExitCode.OK


#: The options only --recommend has, whatever the tree's questions (their flags are read
#: from the tree, and only when an unknown option is refused).
_RECOMMEND_OPTIONS = ("--tree", "--answers", "--template", "--emit", "--force", "--framework")


def _refuse_recommend_option(inv: Invocation, option: str) -> None:
    """`advisor scan --framework Django` without --recommend was refused as "unknown option
    --framework", an option `advisor scan --help` lists (newcomer review 2026-12-06): say
    that it belongs to --recommend. Returns when *option* is not one of its options."""
    names = set(_RECOMMEND_OPTIONS) | {APPLICATION}
    if option not in names:
        with contextlib.suppress(AdvisorError):  # a bad --tree is reported where it is used
            names |= {q.flag for q in common.load_tree(inv.tree).questions.values()}
    if option in names:
        raise ScanError(
            f"{option} works only with --recommend (it shapes the recommendation, not the "
            f"findings); add it: advisor scan --recommend {option} ...",
            key="scan_needs_recommend",
            option=option,
        )


#: `advisor scan`'s own options that mean nothing to --recommend: refused, not ignored.
_LINT_OPTIONS = {
    "select": "--select",
    "ignore": "--ignore",
    "statistics": "--statistics",
    "exit_zero": "--exit-zero",
    "no_cache": "--no-cache",
    "cache_dir": "--cache-dir",
    "verify_cache": "--verify-cache",
    "stdin_filename": "--stdin-filename",
}


def _refuse_lint_options(args: argparse.Namespace) -> None:
    if "-" in (args.paths or ()):
        # Not "-: no such file or folder": the editor's `scan -` reads one buffer for lint.
        raise ScanError(
            "`-` (read stdin) works with `advisor scan`, not with --recommend, which reads a "
            "whole project; give its folder or files",
            key="scan_recommend_stdin",
        )
    for dest, option in _LINT_OPTIONS.items():
        if getattr(args, dest, None):
            raise ScanError(
                f"{option} is about findings, and --recommend shows none; run `advisor scan` "
                f"with {option} and `advisor scan --recommend` separately",
                key="scan_recommend_option",
                option=option,
            )


def _as_given(rec: Recommendation, sized: frozenset[str] = frozenset()) -> Recommendation:
    """The recommendation with inferred answers counted as given: they belong in the
    command that repeats the result, since the next run may not have the code at hand. So do
    the values assumed for the *sized* flags (answers that only size the result): `advisor
    recommend` has no code to settle them and would exit 2 without them (review 2026-12)."""
    path = tuple(
        s._replace(assumed=False) if s.source == "inferred" or s.flag in sized else s
        for s in rec.path
    )
    return rec._replace(path=path)


def _frameworks(inference: Inference) -> tuple[str, ...]:
    """The service frameworks the code is built on, as the evidence for `--program service`
    names them (Flask, FastAPI, WSGI server...): a template may have a form for one."""
    from advisor.evidence.tables import tables

    answer = inference.questions.get("program")
    if answer is None or answer.value != "service":
        return ()
    serves = tables().serves | tables().task_queues
    return tuple(dict.fromkeys(e.signal for e in answer.evidence if e.signal in serves))


def _with_code(
    rec: Recommendation,
    args: argparse.Namespace,
    inv: Invocation,
    sized: frozenset[str] = frozenset(),
    *,
    frameworks: tuple[str, ...] = (),
) -> tuple[Recommendation, str]:
    """The template filled in, its "Repeat:" header naming the inferred answers too, and
    the framework that chose its form (`--framework`, else the one the code is built on)."""
    from advisor import engine
    from advisor.api import with_code

    given = _as_given(rec, sized)
    framework = getattr(args, "framework", None)
    coded = with_code(
        given, tree_path=args.tree, lang=inv.lang_flag, frameworks=frameworks, framework=framework
    )
    given = given._replace(template=given.template._replace(framework=coded.template.framework))
    repeat = engine.command_line(given, tree=args.tree, lang=inv.lang_flag)
    return rec._replace(template=coded.template), repeat


def _show(
    rec: Recommendation,
    inference: Inference,
    repeat: str,
    args: argparse.Namespace,
    inv: Invocation,
) -> None:
    """As `recommend` shows it, inside an Evidence section: what the code said, per flag."""
    from advisor.render.evidence import FORMATS, WithEvidence

    tree = common.load_tree(args.tree)
    flags = {q.id: q.flag for q in tree.questions.values()}
    recommending.show(
        rec,
        args,
        inv,
        repeat=repeat,
        formats=FORMATS,
        wrap=lambda shown: WithEvidence(shown, inference, flags),
    )


def _undecided(
    flags: Sequence[str], inference: Inference, questions: Iterable[Question], lang: str
) -> str:
    """Why the code did not answer a missing question it had evidence for: both sides."""
    from advisor.models import format_answer
    from advisor.texts import ui

    texts = ui(lang)
    notes = []
    for question in questions:
        answer = inference.questions.get(question.id)
        if question.flag not in flags or answer is None:
            continue
        shown = [*answer.evidence[:2], *answer.conflicting[:2]]
        opened, closed = ("（", "）") if lang == "zh-TW" else (" (", ")")
        places = texts("list_separator").join(
            f"{e.location}{opened}{format_answer(e.value)}{closed}" for e in shown
        )
        notes.append(texts("evidence_undecided_note", flag=question.flag, evidence=places))
        # The program's commands lead to different answers (issue 19, cause 2): say so.
        differ = f"subcommands:{question.id}"
        notes += [c.describe(lang) for c in inference.context if c.signal == differ]
    return texts("clause_separator").join(notes)


def _refuse_unknown_io(
    tree: Tree,
    rec: Recommendation,
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact],
    inv: Invocation,
) -> None:
    """When no I/O library the code calls is recognised, --async-libs is undecided, never the
    tree's default: exit 2 naming it, unless its other value leads to the same model."""
    from advisor import engine
    from advisor.evidence import settle
    from advisor.models import Answer, Source, format_answer

    step = next((s for s in rec.path if s.question == settle.IO_QUESTION), None)
    if step is None or step.source != Source.DEFAULT.value:
        return
    other = not step.answer
    try:
        alt = engine.recommend(
            tree,
            {**answers, settle.IO_QUESTION: Answer(other, Source.API)},
            lang=inv.lang,
            facts=facts,
        )
    except UsageError:
        return
    if alt.model == rec.model:
        return
    flag = step.flag
    raise ScanError(
        f"the code calls no I/O library advisor recognises, so it cannot tell whether its "
        f"libraries are async: {flag} {format_answer(step.answer)} leads to {rec.model}, "
        f"{flag} {format_answer(other)} to {alt.model}; give {flag}",
        key="scan_unknown_io",
        flag=flag,
        value=format_answer(step.answer),
        model=rec.model,
        other=format_answer(other),
        other_model=alt.model,
    )


def _settle(
    tree: Tree,
    answers: Mapping[str, Answer],
    facts: Mapping[str, Fact],
    inv: Invocation,
    open_: frozenset[str],
    *,
    values: Mapping[str, frozenset[AnswerValue]],
) -> tuple[Recommendation, tuple[tuple[str, str], ...]] | None:
    """Missing answers that cannot change the model (issue 19, cause 6): recommend, and say
    on stderr which answers only size the result and what the template assumes for them."""
    import sys

    from advisor.evidence import settle
    from advisor.models import format_answer
    from advisor.texts import ui

    settled = settle.settle(tree, answers, facts, inv.lang, open_, values=values)
    if settled is None:
        return None
    rec, questions = settled
    used = {step.question: step.answer for step in rec.path}
    sizes = tuple((q.flag, format_answer(used[q.id]) if q.id in used else "") for q in questions)
    texts = ui(inv.lang)
    # Chinese prose lists with 、, never an ASCII comma (issue 19).
    separator = texts("list_separator")
    assumed = separator.join(f"{flag} {value}".strip() for flag, value in sizes)
    flags = separator.join(flag for flag, _ in sizes)
    note = texts("scan_sizes_only", flags=flags, model=rec.model, assumed=assumed)
    sys.stderr.write(f"advisor: {note}\n")
    return rec, sizes


#: More than this share of files unread, and the answers may miss the program's main work.
UNREAD_SHARE = 0.1


def _warn_unread(inference: Inference, inv: Invocation) -> None:
    """Unreadable entry points said out loud (issue 19, cause 9): a skipped ``__main__.py``,
    or more than a tenth of the files skipped (newer syntax, for example)."""
    import sys

    from advisor.texts import ui

    unread = _unread_start(inference)
    if unread is None:
        return
    texts = ui(inv.lang)
    skipped = inference.skipped
    # The file and its reason are said here: "(see Skipped)" pointed at a section a refused
    # run (exit 2) never prints (newcomer review 15).
    path, reason = unread
    said = reason.get(inv.lang)
    if _is_main(path):
        note = texts("scan_entry_unread", path=path, reason=said)
    else:
        total = inference.files + len(skipped)
        note = texts(
            "scan_many_unread", count=str(len(skipped)), total=str(total), path=path, reason=said
        )
    sys.stderr.write(f"advisor: {note}\n")


def _is_main(path: str) -> bool:
    return path.rsplit("/", 1)[-1].split(":", maxsplit=1)[0] == "__main__.py"


def _unread_start(inference: Inference) -> tuple[str, Any] | None:
    """The skipped file that may have held what the program starts with: a ``__main__.py``,
    else the first skipped file when more than a tenth of the files were skipped."""
    skipped = inference.skipped
    entries = [item for item in skipped if _is_main(item[0])]
    if entries:
        return entries[0]
    if skipped and len(skipped) > UNREAD_SHARE * (inference.files + len(skipped)):
        return skipped[0]
    return None


def _refuse_library(paths: list[str], inference: Inference) -> None:
    """A library is not an application (issue 19, cause 8): a package with no entry point,
    no app object and no notebook; what it calls says nothing about how a program runs it.
    A package's ``__main__.py`` that hands over to no main function (rich's demo) is the
    program's start unless the package says it is meant to be imported (a ``py.typed``)."""
    from advisor.evidence.sources import declared_entry_points, library_marks

    if inference.helper_scripts and not declared_entry_points(paths):
        # psutil: every entry point a demo program in scripts/ beside the package; a
        # research project's scripts/train.py declares no library mark and stays a program.
        marks = library_marks(paths, inference.package_dirs, topic=True)
        if marks:
            where = " ".join(paths)
            first = inference.helper_scripts[0].rsplit(" (", 1)[0]
            count = str(len(inference.helper_scripts))
            raise ScanError(
                f"{where}: this looks like a library: its {count} entry points ({first}, ...) "
                f"are programs in a helper folder beside the package, and {marks[0]} says "
                f"it is meant to be imported; scan the application that uses it, or add "
                f"{APPLICATION} to recommend for this code anyway",
                key="scan_library_scripts",
                folder=where,
                count=count,
                first=first,
                mark=marks[0],
                option=APPLICATION,
            )
    if inference.consoles:
        # websockets: its one declared script is an interactive client (it reads the next
        # line typed, with readline), and a py.typed says the package is meant to be
        # imported; a console that is the application declares no such mark.
        marks = library_marks(paths, inference.package_dirs)
        if marks:
            where = " ".join(paths)
            console = inference.consoles[0]
            raise ScanError(
                f"{where}: this looks like a library: its program, {console}, is an "
                f"interactive console (it reads what the user types, line by line), and "
                f"{marks[0]} says it is meant to be imported; scan the application that uses "
                f"it, or add {APPLICATION} to recommend for this code anyway",
                key="scan_library_console",
                folder=where,
                console=console,
                mark=marks[0],
                option=APPLICATION,
            )
    _refuse_tools(paths, inference)
    if inference.entry_points or inference.entry_points is None or not inference.packages:
        return  # loose files with no entry point get the benefit of the doubt: snippets
    if declared_entry_points(paths):
        return
    where = " ".join(paths)
    unread = _unread_start(inference)
    if unread is not None:
        # A __main__.py that could not be read is an entry point, not its absence: calling
        # the code a library would contradict the line above it (newcomer re-check).
        path, reason = unread
        count = str(len(inference.skipped))
        raise ScanError(
            f"{where}: no entry point in the files read, and {count} file(s) could not be "
            f"read (first: {path}: {reason.get('en')}), so advisor cannot tell a program from "
            f"a library; fix them, or add {APPLICATION} to recommend from the files read",
            key="scan_library_unread",
            folder=where,
            count=count,
            path=path,
            reason=reason.get("zh-TW"),
            option=APPLICATION,
        )
    if inference.demos:
        demo = inference.demos[0].rsplit(" (", 1)[0]
        folders = [d.split(":", 1)[0].rsplit("/", 1)[0] for d in inference.demos]
        marks = library_marks(paths, folders)
        if not marks:
            return  # `python -m app` may be how the application runs
        raise ScanError(
            f"{where}: this looks like a library: its only entry point, {demo}, shows the "
            f"package off without handing over to a main function, and {marks[0]} says it "
            f"is meant to be imported; scan the application that uses it, or add "
            f"{APPLICATION} to recommend for this code anyway",
            key="scan_library_demo",
            folder=where,
            demo=demo,
            mark=marks[0],
            option=APPLICATION,
        )
    raise ScanError(
        f"{where}: this looks like a library (no main guard, __main__.py, [project.scripts], "
        "framework app or notebook); scan the application that uses it, or add "
        f"{APPLICATION} to recommend for this code anyway",
        key="scan_library",
        folder=where,
        option=APPLICATION,
    )


#: Entry points that start code, as a tool's __main__.py or main guard does (not an app).
_PROGRAM_STARTS = ("(__main__.py)", "(main guard)", "(module-level code)")


def _refuse_tools(paths: list[str], inference: Inference) -> None:
    """pySerial: every declared script runs a tool bundled inside the importable package
    (``serial.tools.miniterm``), none is the project's own command, and the project says it
    is meant to be imported: a library (issue 19, cause 8)."""
    from advisor.evidence.sources import library_marks, tool_scripts

    if any(not e.endswith(_PROGRAM_STARTS) for e in inference.entry_points or ()):
        return  # an app object or a notebook is an application's, whatever its scripts
    tools = tool_scripts(paths, inference.package_dirs)
    marks = library_marks(paths, inference.package_dirs, topic=True) if tools else []
    if not marks:
        return
    where = " ".join(paths)
    scripts = ", ".join(tools[:3]) + (", ..." if len(tools) > 3 else "")
    raise ScanError(
        f"{where}: this looks like a library: its declared scripts ({scripts}) are tools "
        f"bundled inside the package, none is the project's own command, and {marks[0]} says "
        f"it is meant to be imported; scan the application that uses it, or add "
        f"{APPLICATION} to recommend for this code anyway",
        key="scan_library_tools",
        folder=where,
        scripts="、".join(tools[:3]) + ("⋯" if len(tools) > 3 else ""),
        mark=marks[0],
        option=APPLICATION,
    )


def _no_code(paths: list[str], inference: Inference) -> ScanError:
    """Nothing to infer from: say so, never guess."""
    where = " ".join(paths)
    if not inference.skipped:
        return ScanError(
            f"{where}: no Python files or notebooks found; point `advisor scan --recommend` "
            "at the folder of your code",
            key="scan_no_code",
            folder=where,
        )
    path, reason = inference.skipped[0]
    count = str(len(inference.skipped))
    if count == "1":
        # One file named and unreadable: "none of the 1 files ... (first: ...)" read oddly,
        # and its zh-TW "1 個……都" worse (review 13).
        return ScanError(
            f"{path}: {reason.get('en')}; fix it, or point `advisor scan --recommend` elsewhere",
            key="scan_no_readable_one",
            path=path,
            reason=reason.get("zh-TW"),
        )
    return ScanError(
        f"{where}: none of the {count} Python files or notebooks could be read (first: "
        f"{path}: {reason.get('en')}); fix them, or point `advisor scan --recommend` elsewhere",
        key="scan_no_readable_code",
        folder=where,
        count=count,
        path=path,
        reason=reason.get("zh-TW"),
    )
