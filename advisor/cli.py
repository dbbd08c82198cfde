"""The `advisor` command: parse, call the library, render, return an exit code.

Every known failure is an `AdvisorError` caught once in `main`, shown on one
line on stderr, and mapped to its exit code; a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, NoReturn

from advisor._version import __version__
from advisor.errors import Aborted, AdvisorError, MissingAnswersError, UsageError
from advisor.files import check_target, write_new_file
from advisor.models import Answer, Recommendation, Source, Tree, format_answer

EXIT_CODES = """exit codes:
  0    success
  1    unexpected failure
  2    usage or input error (bad flag or value, missing answer, invalid tree file)
  130  aborted (Ctrl-C, or Ctrl-D at a prompt)
  141  the output pipe closed early (e.g. `| head`)"""

FORMATS = ("rich", "plain", "json", "markdown")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help text that sizes itself without importing shutil (and its bz2, lzma...)."""

    def __init__(self, prog: str, width: int | None = None, **kwargs: Any) -> None:
        if width is None:
            try:
                columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
            except (ValueError, OSError):
                columns = 80
            width = max(columns, 40) - 2
        super().__init__(prog, width=width, **kwargs)


class _Parser(argparse.ArgumentParser):
    """argparse, but errors become one-line `UsageError`s instead of usage dumps."""

    commands: dict[str, _Parser]

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}; see `{self.prog} --help`")

    def reject_unknown(self, unknown: Sequence[str]) -> NoReturn:
        """Name the first unknown argument and the closest real flag."""
        flags = [opt for action in self._actions for opt in action.option_strings]
        first = unknown[0]
        import difflib

        close = difflib.get_close_matches(first.split("=", 1)[0], flags, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        kind = "option" if first.startswith("-") else "argument"
        self.error(f"unknown {kind} {first}{hint}")


def _prescan(argv: Sequence[str], option: str) -> str | None:
    """Read one option before the real parse: the tree decides which flags exist.

    The last occurrence wins, as it does for argparse, so both agree on the value.
    """
    found = None
    for i, arg in enumerate(argv):
        if arg == option and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith(option + "="):
            found = arg.split("=", 1)[1]
    return found


def _resolve_lang(given: str | None) -> str:
    """--lang when given, else the locale."""
    from advisor.i18n import detect_lang, normalize_lang

    return normalize_lang(given) if given else detect_lang(os.environ)


def _lang(argv: Sequence[str]) -> str:
    return _resolve_lang(_prescan(argv, "--lang"))


class _AnswerOnce(argparse.Action):
    """An answer flag given twice must agree with itself: `--concurrency 500 --concurrency 5`
    is a mistake to point out, not a silent last-one-wins."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        previous = getattr(namespace, self.dest, None)
        if previous is not None and previous != values:
            raise UsageError(
                f"{option_string} given twice ({previous!r} and {values!r}); keep one",
                key="given_twice",
                flag=str(option_string),
                first=repr(previous),
                second=repr(values),
            )
        setattr(namespace, self.dest, values)


def _add_question_flags(parser: argparse.ArgumentParser, tree: Tree, lang: str) -> None:
    """One flag per tree question, so a custom tree brings its own flags."""
    group = parser.add_argument_group("answers (from the decision tree)")
    for q in tree.questions.values():
        if q.kind == "yesno":
            metavar = "{yes,no,auto}" if q.detect else "{yes,no}"
        elif q.kind == "integer":
            metavar = "N"
        else:
            metavar = "{" + ",".join(c.value for c in q.choices) + "}"
        extra = f" (default: {format_answer(q.default)})" if q.default is not None else ""
        group.add_argument(
            q.flag,
            dest=f"answer__{q.id}",
            metavar=metavar,
            action=_AnswerOnce,
            help=(q.prompt.get(lang) + extra).replace("%", "%%"),  # argparse %-formats help
        )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tree", metavar="FILE", help="use this decision tree instead of the shipped one"
    )
    parser.add_argument(
        "--lang", metavar="{en,zh-TW}", help="output language (default: from LC_ALL/LANG)"
    )


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="rich (default on a terminal), plain (default otherwise), json or markdown",
    )
    parser.add_argument("--template", action="store_true", help="print only the code template")
    parser.add_argument("--emit", metavar="FILE", help="write the code template to FILE")
    parser.add_argument(
        "--force", action="store_true", help="let --emit overwrite an existing file"
    )


def build_parser(argv: Sequence[str]) -> _Parser:
    parser = _Parser(
        prog="advisor",
        allow_abbrev=False,
        description="Which Python concurrency model fits your work, and why.",
        epilog=EXIT_CODES,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"advisor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    command = next((a for a in argv if a in COMMANDS), None)
    parser.commands = {}
    for name, (summary, setup) in COMMANDS.items():
        p = sub.add_parser(
            name,
            allow_abbrev=False,
            help=summary,
            description=summary,
            epilog=EXIT_CODES,
            formatter_class=_Formatter,
        )
        p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
        setup(p, argv if name == command else None)
        parser.commands[name] = p
    return parser


def _setup_recommend(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> None:
    _common(parser)
    _output(parser)
    parser.add_argument(
        "--answers",
        metavar="FILE",
        help="answers from a YAML or JSON file (question id: answer); flags win over it",
    )
    if argv is not None:  # only the command being run loads a tree for its flags
        tree = _load_tree(_prescan(argv, "--tree"))
        _add_question_flags(parser, tree, _lang(argv))


def _setup_ask(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> None:
    _setup_recommend(parser, argv)
    parser.add_argument(
        "--save-answers", metavar="FILE", help="write the answers to FILE at the end"
    )


def _setup_explain(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> None:
    del argv
    parser.add_argument(
        "model",
        nargs="?",
        metavar="MODEL",
        help="threading, asyncio, asyncio+executor, multiprocessing or distributed",
    )
    _common(parser)
    parser.add_argument(
        "--format",
        choices=("rich", "plain", "markdown", "json"),
        help="default: rich on a terminal, else plain",
    )


def _setup_tree(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> None:
    del argv
    _common(parser)
    parser.add_argument(
        "--format",
        choices=("rich", "plain", "mermaid", "dot"),
        help="rich (default on a terminal), plain (default otherwise), mermaid or dot (Graphviz)",
    )


def _setup_validate(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> None:
    del argv
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="tree file (default: the shipped tree)"
    )


def _load_tree(path: str | None) -> Tree:
    from advisor.tree import load_tree

    return load_tree(path)


def _answers_from_flags(tree: Tree, args: argparse.Namespace) -> dict[str, Answer]:
    from advisor.answers import parse_value

    answers: dict[str, Answer] = {}
    for q in tree.questions.values():
        raw = getattr(args, f"answer__{q.id}", None)
        if raw is not None:
            answers[q.id] = Answer(parse_value(q, raw), Source.FLAG, f"{q.flag} {raw}")
    return answers


def _gather_answers(tree: Tree, args: argparse.Namespace) -> dict[str, Answer]:
    """Answers from --answers FILE, then the flags, which win where both answer a question."""
    answers: dict[str, Answer] = {}
    if args.answers is not None:
        from advisor.answers import load_file

        answers.update(load_file(tree, args.answers))
    answers.update(_answers_from_flags(tree, args))
    return answers


def _run_recommend(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from advisor import engine
    from advisor.api import with_code
    from advisor.detect import environment_facts

    tree = _load_tree(args.tree)
    lang = _resolve_lang(args.lang)
    answers = _gather_answers(tree, args)
    check_target(args.emit, force=args.force, option="--emit")
    rec = engine.recommend(tree, answers, lang=lang, facts=environment_facts())
    return show(with_code(rec, tree_path=args.tree, lang=args.lang), args, out, err)


def _format(args: argparse.Namespace, out: IO[str]) -> str:
    """--format when given; rich on a terminal, plain otherwise."""
    return str(args.format) if args.format else ("rich" if out.isatty() else "plain")


def show(rec: Recommendation, args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    """Print (and optionally write) a recommendation the way the flags ask."""
    from advisor import engine, templating
    from advisor.i18n import ui

    code = rec.template.code or ""
    texts = ui(rec.lang)
    if args.emit is not None:
        path = write_new_file(args.emit, code, force=args.force, option="--emit")
        err.write(texts("wrote_template", template=rec.template.id, path=path) + "\n")
    if args.template:
        out.write(code)
        return 0
    fmt = _format(args, out)
    emit_command = ""
    if args.emit is None and fmt != "json":  # the JSON has no "save it" line
        filename = templating.filename_for(rec.template.id)
        emit_command = (
            f"{engine.command_line(rec, tree=args.tree, lang=args.lang)} --emit {filename}"
        )
    if fmt == "json":
        from advisor.render import json as render_json

        # JSON stays lossless on a stream that cannot hold UTF-8: \uXXXX escapes instead.
        out.write(render_json.render(rec, ascii_only=not _is_utf8(out)))
    elif fmt == "markdown":
        from advisor.render import markdown

        out.write(markdown.render(rec, texts, emit_command=emit_command))
    elif fmt == "plain":
        from advisor.render import plain

        out.write(plain.render(rec, texts, emit_command=emit_command))
    else:
        from advisor.render import rich as render_rich

        console(out).print(render_rich.renderable(rec, texts, emit_command=emit_command))
    return 0


def console(out: IO[str]) -> Any:
    """A rich Console on *out*; rich itself honours NO_COLOR, FORCE_COLOR and COLUMNS."""
    from rich.console import Console

    return Console(file=out, highlight=False, emoji=False)


def _interactive(out: IO[str]) -> bool:
    """Questions need a keyboard, and a screen: stdout, or stderr when stdout is redirected."""
    return sys.stdin.isatty() and (out.isatty() or sys.stderr.isatty())


def _prompt_io(out: IO[str]) -> dict[str, Any]:
    """With `advisor ask > rec.md` the questions go to the terminal on stderr."""
    if out.isatty():
        return {}
    from prompt_toolkit.output import create_output

    return {"output": create_output(stdout=sys.stderr)}


def _answers_text(path: str, answers: dict[str, Any]) -> str:
    """JSON for a .json file, so `--answers` reads back what `--save-answers` wrote."""
    if path.lower().endswith(".json"):
        import json

        return json.dumps(answers, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    from advisor import yamlio

    return yamlio.dumps(answers)


def _run_ask(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from advisor import engine
    from advisor.answers import to_plain
    from advisor.api import with_code
    from advisor.detect import environment_facts
    from advisor.i18n import ui

    tree = _load_tree(args.tree)
    lang = _resolve_lang(args.lang)
    texts = ui(lang)
    facts = environment_facts()
    answers = _gather_answers(tree, args)
    check_target(args.emit, force=args.force, option="--emit")
    check_target(args.save_answers, force=args.force, option="--save-answers")
    if (
        args.emit is not None
        and args.save_answers is not None
        and os.path.abspath(args.emit) == os.path.abspath(args.save_answers)
    ):
        raise UsageError(
            "--emit and --save-answers name the same file; give each its own", key="same_file"
        )

    if ASK_HOOKS.interactive(out):
        from advisor.prompt import ask_question

        prompt_io = ASK_HOOKS.prompt_io or _prompt_io(out)
        while (question := engine.next_question(tree, answers, facts)) is not None:
            fact = facts.get(question.detect or "")
            value = ask_question(question, lang, texts, fact=fact, **prompt_io)
            answers[question.id] = Answer(value, Source.PROMPT, "prompt")
    try:
        rec = engine.recommend(tree, answers, lang=lang, facts=facts)
    except MissingAnswersError as exc:  # only without a terminal: the loop above asks all
        still = ", ".join(exc.flags)
        maybe = ", ".join(q.flag for q in exc.maybe)
        needed = (
            texts("still_needed_more", flags=still, maybe=maybe)
            if maybe
            else texts("still_needed", flags=still)
        )
        raise UsageError(f"{texts('not_a_terminal')} {needed}") from exc
    rec = with_code(rec, tree_path=args.tree, lang=args.lang)
    if args.save_answers is not None:
        text = _answers_text(args.save_answers, to_plain(answers))
        saved = write_new_file(args.save_answers, text, force=args.force, option="--save-answers")
        err.write(texts("saved_answers", path=saved) + "\n")
    code = show(rec, args, out, err)
    repeat = engine.command_line(rec, tree=args.tree, lang=args.lang)
    if not args.template:
        # On the screen next to the result; never inside a redirected file or JSON.
        hint = out if out.isatty() and args.format != "json" else err
        hint.write(texts("repeat_hint", command=repeat) + "\n")
    return code


class _AskHooks:
    """Seams for tests: whether we are on a terminal, and prompt_toolkit input/output."""

    def __init__(self) -> None:
        self.interactive: Callable[[IO[str]], bool] = _interactive
        self.prompt_io: dict[str, Any] = {}


ASK_HOOKS = _AskHooks()


def _run_explain(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from advisor import guides
    from advisor.i18n import ui
    from advisor.render import explain as render

    lang = _resolve_lang(args.lang)
    texts = ui(lang)
    fmt = _format(args, out)
    if args.model is None:
        table = guides.comparison(lang)
        if fmt == "json":
            out.write(render.as_json(table))
        elif fmt == "markdown":
            out.write(render.comparison_markdown(table, texts))
        elif fmt == "plain":
            out.write(render.comparison_plain(table, texts))
        else:
            console(out).print(render.comparison_rich(table, texts))
        return 0
    guide = guides.guide(args.model, _load_tree(args.tree), lang)
    if fmt == "json":
        out.write(render.as_json(guide))
    elif fmt == "markdown":
        out.write(render.guide_markdown(guide, texts))
    elif fmt == "plain":
        out.write(render.guide_plain(guide, texts))
    else:
        console(out).print(render.guide_rich(guide, texts))
    return 0


def _run_tree(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from advisor.i18n import ui
    from advisor.render import graph

    tree = _load_tree(args.tree)
    lang = _resolve_lang(args.lang)
    texts = ui(lang)
    fmt = _format(args, out)
    if fmt == "mermaid":
        out.write(graph.mermaid(tree, lang, texts))
    elif fmt == "dot":
        out.write(graph.dot(tree, lang, texts))
    elif fmt == "plain":
        out.write(graph.plain(tree, lang, texts))
    else:
        from advisor.render import rich as render_rich

        console(out).print(render_rich.tree_view(tree, lang, texts))
    return 0


def _run_validate(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from pathlib import Path

    from advisor.tree import default_tree_path, load_tree, validate

    target = Path(args.file) if args.file else default_tree_path()
    problems = validate(target)
    if problems:
        for problem in problems:
            err.write(f"{problem}\n")
        err.write(
            f"{target}: {len(problems)} problem(s); fix them and run `advisor validate` again\n"
        )
        return 2
    tree = load_tree(target)
    leaves = sum(1 for n in tree.nodes.values() if not hasattr(n, "branches"))
    out.write(
        f"{target}: OK ({len(tree.questions)} questions, {len(tree.nodes)} nodes, {leaves} leaves)\n"
    )
    return 0


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser, Sequence[str] | None], None]]] = {
    "recommend": ("Recommend a concurrency model from answers given as flags.", _setup_recommend),
    "ask": ("Answer the questions interactively, then see the recommendation.", _setup_ask),
    "explain": (
        "Compare the models, or explain one: when to use it, pitfalls, conversions.",
        _setup_explain,
    ),
    "tree": ("Show the decision tree, or export it as Mermaid or Graphviz DOT.", _setup_tree),
    "validate": (
        "Check a decision tree file and report every problem with its line.",
        _setup_validate,
    ),
}

RUNNERS: dict[str, Callable[[argparse.Namespace, IO[str], IO[str]], int]] = {
    "recommend": _run_recommend,
    "ask": _run_ask,
    "explain": _run_explain,
    "tree": _run_tree,
    "validate": _run_validate,
}


def _check_command(argv: Sequence[str]) -> None:
    """Catch `advisor --cpu-bound yes` and `advisor recomend` before argparse's generic errors."""
    global_options = {"--help", "-h", "--version", "--debug"}
    for arg in argv:
        if arg in COMMANDS or arg in global_options:
            return
        if arg.startswith("-"):
            raise UsageError(
                f"{arg} needs a command before it, e.g. `advisor recommend {' '.join(argv)}`; "
                "see `advisor --help`"
            )
        import difflib

        close = difflib.get_close_matches(arg, list(COMMANDS), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise UsageError(f"unknown command {arg!r}; {hint}commands: {', '.join(COMMANDS)}")


EXIT_BROKEN_PIPE = 141


def _is_utf8(stream: IO[str]) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return encoding.lower().replace("-", "").replace("_", "") == "utf8"


def _tolerate_encoding(stream: IO[str]) -> None:
    """On a stream that cannot encode "→" or Chinese (cp1252 files on Windows, LANG=C),
    replace what it cannot show instead of dying with UnicodeEncodeError."""
    reconfigure = getattr(stream, "reconfigure", None)
    if not _is_utf8(stream) and reconfigure is not None:
        with contextlib.suppress(Exception):
            reconfigure(errors="backslashreplace")


def _localized(exc: AdvisorError, argv: Sequence[str]) -> str:
    """The error in the user's language when a translation exists, else in English."""
    try:
        lang = _lang(argv)
    except UsageError:  # the bad --lang itself: English it is
        return str(exc)
    from advisor.i18n import translate_error

    return translate_error(exc, lang)


def main(
    argv: Sequence[str] | None = None, out: IO[str] | None = None, err: IO[str] | None = None
) -> int:
    """Run the CLI; returns the exit code instead of exiting, so tests can call it."""
    argv = list(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        _tolerate_encoding(stream)
    debug = "--debug" in argv
    try:
        _check_command(argv)
        parser = build_parser(argv)
        try:
            with contextlib.redirect_stdout(out):  # --help and --version write to `out`
                args, unknown = parser.parse_known_args(argv)
        except SystemExit as exc:  # argparse exits after --help/--version
            return int(exc.code or 0)
        if unknown:
            parser.commands.get(args.command, parser).reject_unknown(unknown)
        if not args.command:
            parser.print_help(out)
            return 2
        return RUNNERS[args.command](args, out, err)
    except Aborted as exc:
        err.write(f"{exc}\n")
        return exc.exit_code
    except AdvisorError as exc:
        if debug:
            import traceback

            traceback.print_exc(file=err)
        err.write(f"advisor: error: {_localized(exc, argv)}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        err.write("Aborted.\n")
        return 130
    except BrokenPipeError:
        # The reader went away (`advisor ... | head`): quiet, with the exit status a shell
        # gives any tool killed by SIGPIPE.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # the disk is full, a path is too long, ...
        if debug:
            import traceback

            traceback.print_exc(file=err)
        where = f" {exc.filename}" if exc.filename else ""
        err.write(f"advisor: error: cannot write or read{where}: {exc.strerror or exc}\n")
        return 1
    except Exception as exc:  # the last line of defence against a traceback
        if debug:
            raise
        err.write(
            f"advisor: error: unexpected {type(exc).__name__}: {exc}; "
            "rerun with --debug and report it\n"
        )
        return 1
