"""What every command that ends in a recommendation shares: `recommend`, `ask`,
`scan --recommend` and `profile --recommend`.

The options (--tree, --lang, --format, --template, --emit, --force, --framework, --answers), the
questions asked on a terminal for what nobody answered, showing the result and writing
--emit FILE, and the "Repeat this:" line. It lives here, in a shared module, so that no
command module imports another: each command composes these steps and its own source of
answers (code, measurements, prompts), merged by the one rule in `advisor.answers.merge`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, TextIO, cast

from advisor.cli import _common as common
from advisor.errors import MissingAnswersError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from advisor.cli._invocation import Invocation
    from advisor.models import Answer, Fact, Recommendation, Tree
    from advisor.texts import UI


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options `recommend` and `ask` share, answer flags aside."""
    from advisor.render.recommendation import FORMATS

    common.add_tree(parser)
    common.add_lang(parser)
    common.add_format(parser, FORMATS)
    common.add_output(parser)
    common.add_framework(parser)
    common.add_answers(parser)


# --- asking -------------------------------------------------------------------------------


def _has_fd(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False


@contextlib.contextmanager
def _prompt_io(inv: Invocation) -> Iterator[dict[str, Any]]:
    """prompt_toolkit input and output on the run's own streams. The questions go to the
    terminal: stdout, or stderr with `advisor ask > rec.md`. Streams without a file
    descriptor (an embedding program, the tests) are read whole through a pipe input."""
    screen = inv.stdout if inv.stdout is not None and inv.stdout.isatty() else inv.stderr
    if _has_fd(inv.stdin) and _has_fd(screen):
        from prompt_toolkit.input import create_input
        from prompt_toolkit.output import create_output

        yield {
            "input": create_input(cast("TextIO", inv.stdin)),
            "output": create_output(stdout=cast("TextIO", screen)),
        }
        return
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    assert inv.stdin is not None
    with create_pipe_input() as pipe:
        pipe.send_text(inv.stdin.read())
        pipe.close()  # input ends with the text: a prompt left waiting aborts, never hangs
        yield {"input": pipe, "output": DummyOutput()}


def ask_and_recommend(
    tree: Tree,
    answers: dict[str, Answer],
    facts: Mapping[str, Fact],
    inv: Invocation,
    *,
    no_terminal: str = "ask",
) -> Recommendation:
    """On a terminal, ask every question on the path nobody answered (into *answers*), then
    recommend; without one, recommend from what there is, or name the flags still needed
    after the words of *no_terminal* ("ask" or "scan").

    A prompt only ever fills a question no layer answered, so asking needs no place in the
    precedence rule: *answers* arrive already merged."""
    from advisor import engine
    from advisor.models import Answer, Source
    from advisor.texts import ui

    texts = ui(inv.lang)
    if inv.interactive and engine.next_question(tree, answers, facts) is not None:
        from advisor.prompt import ask_question

        with _prompt_io(inv) as prompt_io:
            while (question := engine.next_question(tree, answers, facts)) is not None:
                fact = facts.get(question.detect or "")
                value = ask_question(question, inv.lang, texts, fact=fact, **prompt_io)
                answers[question.id] = Answer(value, Source.PROMPT, "prompt")
    try:
        return engine.recommend(tree, answers, lang=inv.lang, facts=facts)
    except MissingAnswersError as exc:  # only without a terminal: the loop above asks all
        lead = texts("scan_not_answered") if no_terminal == "scan" else texts("not_a_terminal")
        # Full-width brackets need no space before them (issue 19, zh-TW texts).
        gap = "" if texts.lang == "zh-TW" else " "
        raise UsageError(f"{lead}{gap}{still_needed(exc, texts)}", key=None) from exc  # inv.lang


def still_needed(exc: MissingAnswersError, texts: UI) -> str:
    """The answers a recommendation still lacks, and those it may lack next, in *texts*'
    language: said alike by every command that recommends without a terminal."""
    separator = texts("list_separator")  # 、 in Chinese prose
    still = separator.join(exc.flags)
    maybe = separator.join(q.flag for q in exc.maybe)
    if maybe:
        return texts("still_needed_more", flags=still, maybe=maybe)
    return texts("still_needed", flags=still)


# --- showing and writing --------------------------------------------------------------------


def shows_code_only(args: argparse.Namespace) -> bool:
    """`--template` and `--emit -`: the code alone on stdout, ready for a pipe."""
    return bool(args.template) or args.emit == common.STDOUT


def for_screen(rec: Recommendation, args: argparse.Namespace, fmt: str) -> Recommendation:
    """The recommendation as the screen shows it: with --emit FILE the code goes to the file,
    and the screen gets the reasoning and one line saying where the code went (#57), not
    the same 150 lines a second time. JSON keeps its documented schema, code included."""
    if args.emit is None or args.emit == common.STDOUT or fmt == "json":
        return rec
    return rec._replace(template=rec.template._replace(code=None))


def show(
    rec: Recommendation,
    args: argparse.Namespace,
    inv: Invocation,
    *,
    repeat: str,
    formats: Mapping[str, Callable[[Any, IO[str], str], None]] | None = None,
    wrap: Callable[[Any], Any] | None = None,
) -> None:
    """Print the recommendation the way the flags ask. *repeat* is the command that gives
    this result again; without --emit it becomes the "Save it:" line. *formats* and *wrap*
    let `scan --recommend` add its Evidence section around the same `Shown` value."""
    if shows_code_only(args):
        inv.out.write(rec.template.code or "")
        return
    from advisor import templating
    from advisor.render import choose_format
    from advisor.render.recommendation import FORMATS, Shown

    fmt = choose_format(args.format, inv.out)
    save = ""
    if args.emit is None and fmt != "json":  # the JSON has no "save it" line
        save = f"{repeat} --emit {templating.filename_for(rec.template.id)}"
    shown: Any = Shown(for_screen(rec, args, fmt), save)
    if wrap is not None:
        shown = wrap(shown)
    (formats or FORMATS)[fmt](shown, inv.out, inv.lang)


def framework_note(rec: Recommendation, args: argparse.Namespace, inv: Invocation) -> None:
    """One line on stderr when `--framework NAME` was asked for a template with no form for
    it: the option is accepted (the leaf decides the template, not the user), but the user
    should not believe the generic template is the framework's."""
    framework = getattr(args, "framework", None)
    if framework is None or rec.template.framework is not None:
        return
    from advisor.texts import ui

    texts = ui(inv.lang)
    note = texts("framework_no_form", framework=framework, template=rec.template.id)
    inv.stderr.write(note + "\n")


def emit(rec: Recommendation, args: argparse.Namespace, inv: Invocation) -> None:
    """Write --emit FILE, after the output: a write that fails loses no result."""
    if args.emit is None or args.emit == common.STDOUT:
        return
    from advisor import templating
    from advisor.notebook_layout import outputs
    from advisor.texts import ui

    texts = ui(inv.lang)
    # A notebook form is two files (the notebook and its process-pool module): both are
    # checked before either is written, with the same rules as any --emit target.
    notebook = templating.notebook_source(rec.template.id) is not None
    written = outputs(rec.template.code or "", args.emit, notebook=notebook)
    for output in written:
        common.check_target(output.path, force=args.force, option="--emit")
    for output in written:
        common.write_file(output.path, output.text, force=args.force, option="--emit")
        path = common.shell_path(output.path)
        template = rec.template.id
        if output.role == "notebook":
            message = texts("wrote_notebook", template=template, path=path)
        elif output.role == "cells":
            message = texts("wrote_cells", template=template, path=path)
        elif output.role == "companion":
            module = os.path.splitext(os.path.basename(output.path))[0]
            message = texts("wrote_companion", path=path, module=module)
        else:
            message = texts("wrote_template", template=template, path=path)
        inv.stderr.write(message + "\n")


def repeat_hint(repeat: str, args: argparse.Namespace, inv: Invocation) -> None:
    """ "Repeat this: advisor recommend ..." on the screen next to the result; never inside
    a redirected file or JSON (then on stderr), and not at all after --template."""
    if args.template:
        return
    from advisor.texts import ui

    texts = ui(inv.lang)
    on_screen = inv.out.isatty() and args.format != "json"
    hint = inv.out if on_screen else inv.stderr
    hint.write(texts("repeat_hint", command=repeat) + "\n")
