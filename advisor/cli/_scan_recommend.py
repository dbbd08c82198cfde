"""`advisor scan PATH... --recommend`: the questionnaire answered from the user's own code.

The code answers what it can (`advisor.infer`: parsed, never imported or run); the tree's
own flags and ``--answers`` override it; on a terminal the rest is asked exactly as `ask`
asks it, and without one the missing flags are named (exit 2). The recommendation is shown
as `recommend` shows it, with an Evidence section, and the one-line `advisor recommend ...`
that repeats it, inferred answers written out as flags.

The tree's flags, --tree, --answers and the template options exist only when --recommend is
on the command line, so a plain `advisor scan` neither loads the tree nor offers them.

The jobs around the flow live beside it: `_scan_show` (the result and its repeat line),
`_scan_settle` (answers the code left open), `_scan_unread` (code that could not be read),
`_scan_library` (code that is a library, `--application`).
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
from advisor.cli import _scan_needs as needs
from advisor.cli._help import Help, Parser
from advisor.cli._scan_deciding import deciding_first
from advisor.cli._scan_library import APPLICATION, _refuse_library
from advisor.cli._scan_settle import _refuse_unknown_io, _settle, _undecided
from advisor.cli._scan_show import _frameworks, _show, _with_code, generic_note
from advisor.cli._scan_unread import _no_code, _warn_unread
from advisor.errors import AdvisorError, ExitCode, MissingAnswersError, ScanError, UsageError

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

OPTION = "--recommend"


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

        # markdown is accepted here only to be refused with its reason (`scan.run`), and an
        # invalid choice lists the findings' formats alone (newcomer review 25, #21: `--format
        # xml` offered markdown, which is then refused without --recommend).
        _add_format(parser, _Listed(scan_formats, FORMATS), scan_formats)
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


class _Listed(tuple[str, ...]):
    """Choices that list *shown* but also take *accepted* (argparse lists a choice container
    by iterating it and tests a value with ``in``)."""

    accepted: frozenset[str]

    def __new__(cls, shown: Mapping[str, Any], accepted: Mapping[str, Any]) -> _Listed:
        listed = super().__new__(cls, tuple(shown))
        listed.accepted = frozenset(accepted)
        return listed

    def __contains__(self, value: object) -> bool:
        return value in self.accepted or super().__contains__(value)


def _add_format(
    parser: argparse.ArgumentParser,
    choices: Mapping[str, Any] | _Listed,
    scan_formats: Mapping[str, Any],
) -> None:
    """--format, its help naming which formats go with --recommend and which without."""
    from advisor.render.evidence import FORMATS

    parser.add_argument(
        "--format",
        choices=choices if isinstance(choices, _Listed) else tuple(choices),
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
        open_ = unknown_io | undecided
        settled = _settle(tree, answers, facts, inv, open_, values=values)
        if settled is None:
            exc, found = deciding_first(
                exc, tree, answers, facts=facts, inv=inv, open_=open_, values=values
            )
            note = _undecided(missing.flags, inference, tree.questions.values(), inv.lang)
            from advisor.texts import ui

            texts = ui(inv.lang)
            clause = texts("clause_separator")  # "; ", or "；" in Chinese prose
            if unknown_io:
                flag = tree.questions[settle.IO_QUESTION].flag
                # Libraries it knows, called only where the main path does not go (a Celery
                # worker's task module nothing imports): "knows none" would be false (newcomer
                # review 25 #3).
                aside = [w for w, qids in inference.off_path if settle.IO_QUESTION in qids]
                io_note = (
                    texts("scan_offpath_io_note", flag=flag, where=aside[0])
                    if aside
                    else texts("scan_unknown_io_note", flag=flag)
                )
                note = f"{note}{clause}{io_note}" if note else io_note
            if note:
                exc = UsageError(f"{exc}{clause}{note}", key=None)  # in inv.lang
            if needs.wanted(args):  # one JSON document on stdout, the exit 2 unchanged
                needed, sizes = needs.missing_needed(tree, missing, found, unknown_io, inv.lang)
                needs.write(
                    inv, exc, needed, sizes, inference=inference, tree=tree, answers=answers
                )
            raise exc from missing
        rec, sizes_only = settled
        inference = inference._replace(sizes_only=sizes_only)
    if settle.unknown_io(tree, inference):
        try:
            _refuse_unknown_io(tree, rec, answers, facts, inv)
        except ScanError as refused:
            if needs.wanted(args):
                needed = needs.unknown_io_needed(tree, rec, refused, settle.IO_QUESTION, inv.lang)
                sizes = [flag for flag, _ in inference.sizes_only]
                needs.write(
                    inv, refused, needed, sizes, inference=inference, tree=tree, answers=answers
                )
            raise
    sized = frozenset(flag for flag, _ in inference.sizes_only)
    rec, repeat = _with_code(rec, args, inv, sized, frameworks=_frameworks(inference))
    recommending.framework_note(rec, args, inv)
    generic_note(rec, inference, args, inv)
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
