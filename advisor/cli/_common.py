"""Arguments and steps several commands share: --lang, --tree, --format, the answer flags
generated from the tree, gathering answers, and checking every output before any work."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from advisor.cli._help import Help
from advisor.errors import OutputError, UsageError
from advisor.models import Answer, Question, Source, Tree
from advisor.quoting import quoted

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

#: The answer flags' argparse destinations: ``answer__<question id>``.
ANSWER_DEST = "answer__"
#: `--emit -` and `--save-answers -`: standard output instead of a file.
STDOUT = "-"


def _lang(value: str) -> str:
    from advisor.i18n import normalize_lang

    return normalize_lang(value)


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", metavar="{en,zh-TW}", type=_lang, action=Once, help=Help("help_lang")
    )


def add_tree(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tree", metavar="FILE", action=Once, help=Help("help_tree"))


def add_format(parser: argparse.ArgumentParser, formats: Mapping[str, Any]) -> None:
    """--format with exactly the renderer's formats as choices."""
    parser.add_argument(
        "--format",
        choices=tuple(formats),
        action=Once,
        help=Help("help_format", names=", ".join(formats)),
    )


def add_output(parser: argparse.ArgumentParser) -> None:
    """--template, --emit, --force: where the code template goes."""
    parser.add_argument("--template", action="store_true", help=Help("help_template"))
    parser.add_argument("--emit", metavar="FILE", action=Once, help=Help("help_emit"))
    parser.add_argument("--force", action="store_true", help=Help("help_force"))


def add_framework(parser: argparse.ArgumentParser) -> None:
    """--framework NAME: the framework whose form of the template to emit. Its choices are
    the catalog's frameworks, so a misspelt name is the usual one-line usage error (exit 2)
    listing them; the case is forgiven (``flask``)."""
    from advisor import templating

    names = templating.framework_names()
    parser.add_argument(
        "--framework",
        metavar="NAME",
        type=templating.framework_name,
        choices=names,
        action=Once,
        help=Help("help_framework", names=", ".join(names)),
    )


def add_answers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--answers", metavar="FILE", action=Once, help=Help("help_answers"))


class Once(argparse.Action):
    """An option that takes one value, given twice with two values, is a mistake to point
    out: `--answers a.yaml --answers b.yaml` must not silently drop a.yaml, nor
    `--emit a.py --emit b.py` write only b.py. The same value twice is harmless, and the
    first spelling is kept."""

    def same(self, first: Any, second: Any) -> bool:
        return bool(first == second)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        previous = getattr(namespace, self.dest, None)
        if previous is None:
            setattr(namespace, self.dest, values)
        elif not self.same(previous, values):
            raise UsageError(
                f"{option_string} given twice ({quoted(previous)} and {quoted(values)}); keep one",
                key="given_twice",
                flag=str(option_string),
                first=quoted(previous),
                second=quoted(values),
            )


def load_tree(path: str | None) -> Tree:
    from advisor.tree import load_tree as load

    return load(path)


class _AnswerOnce(Once):
    """An answer flag given twice must agree with itself: `--concurrency 500 --concurrency 5`
    is a mistake to point out, not a silent last-one-wins. Values are compared as answers,
    so `--concurrency 500 --concurrency 0500` and `--cpu-bound yes --cpu-bound y` agree."""

    question: Question

    def same(self, first: Any, second: Any) -> bool:
        from advisor.answers import parse_value

        return first == second or parse_value(self.question, first) == parse_value(
            self.question, second
        )


def add_answer_flags(parser: argparse.ArgumentParser, inv: Invocation, tree: Tree) -> None:
    """One flag per tree question, so a custom tree brings its own flags. Call it after every
    other option: a question flag that collides with one of the command's own options
    (which the tree cannot know about) is refused here in one line."""
    taken = parser._option_string_actions  # argparse's own index of every option string
    for q in tree.questions.values():
        if q.flag in taken:
            raise UsageError(
                f"{inv.tree or 'the decision tree'}: question {quoted(q.id)} uses the flag "
                f"{q.flag}, which `advisor {inv.command}` already has; give the question "
                "another flag in the tree",
                key="flag_collision",
                tree=inv.tree or "decision_tree.yaml",
                question=quoted(q.id),
                flag=q.flag,
                command=f"advisor {inv.command}",
            )
    group = parser.add_argument_group(Help("help_answers_group"))
    for q in tree.questions.values():
        if q.kind == "yesno":
            metavar = "{yes,no,auto}" if q.detect else "{yes,no}"
        elif q.kind == "integer":
            metavar = "N"
        else:
            metavar = "{" + ",".join(c.value for c in q.choices) + "}"
        prompt = q.prompt.get(inv.lang)
        action = group.add_argument(
            q.flag,
            dest=f"{ANSWER_DEST}{q.id}",
            metavar=metavar,
            action=_AnswerOnce,
            help=_flag_help(q, prompt),
        )
        action.question = q  # type: ignore[attr-defined]


def _flag_help(q: Question, prompt: str) -> Help:
    """The prompt, then the default; a detected default ("auto") also says which interpreter
    it looks at, and how to ask about another one."""
    if q.default is None:
        return Help(None, lead=prompt)
    if q.detect:
        return Help("help_default_detect", lead=prompt, value=q.default)
    return Help("help_default", lead=prompt, value=q.default)


def answers_from_flags(tree: Tree, args: argparse.Namespace) -> dict[str, Answer]:
    from advisor.answers import parse_value

    answers: dict[str, Answer] = {}
    for q in tree.questions.values():
        raw = getattr(args, f"{ANSWER_DEST}{q.id}", None)
        if raw is not None:
            answers[q.id] = Answer(parse_value(q, raw), Source.FLAG, f"{q.flag} {raw}")
    return answers


def answer_layers(tree: Tree, args: argparse.Namespace) -> tuple[dict[str, Answer], ...]:
    """The answers the user gave on this command line, lowest first: --answers FILE, then
    the flags. Read before any work, so a bad value fails before a program runs or a
    folder is scanned; merged later over what the command found itself."""
    from_file: dict[str, Answer] = {}
    if getattr(args, "answers", None) is not None:
        from advisor.answers import load_file

        from_file = load_file(tree, args.answers)
    return from_file, answers_from_flags(tree, args)


def gather_answers(
    tree: Tree, args: argparse.Namespace, *below: Mapping[str, Answer]
) -> dict[str, Answer]:
    """The user's answers over *below* (inferred or measured ones), by the one precedence
    rule: defaults < inferred/measured < answers file < flags."""
    from advisor.answers import merge

    return merge(*below, *answer_layers(tree, args))


# --- outputs -------------------------------------------------------------------------------


def check_emit(path: str | None, tree: Tree, *, force: bool) -> None:
    """Refuse an --emit target before any work (or any question): a file we could not
    write, or a name that would shadow a standard-library module the emitted script
    imports (`asyncio.py` next to a script that runs `import asyncio` imports itself)."""
    if path is None or path == STDOUT:
        return
    check_target(path, force=force, option="--emit")
    from advisor import templating

    name = os.path.basename(path)
    stem, ext = os.path.splitext(name)
    if ext == ".py" and templating.shadows_stdlib(stem, leaf_templates(tree)):
        better = f"{stem}_example.py"
        raise OutputError(
            f"--emit {name} would hide the standard library's {stem} module from the script "
            f"(Python imports {name} instead, and the script fails); name it e.g. {better}",
            key="shadows_stdlib",
            name=name,
            module=stem,
            better=better,
        )


def check_code_only(args: argparse.Namespace) -> None:
    """`--format json` with `--template` or `--emit -`: the code alone went to stdout where a
    JSON reader expected the object (review 2026-12); refused before any work, since the
    JSON's ``template.code`` already holds the code."""
    if getattr(args, "format", None) != "json":
        return
    option = "--template" if args.template else "--emit -" if args.emit == STDOUT else ""
    if option:
        raise UsageError(
            f"--format json prints the recommendation as JSON (the code is in its "
            f"template.code), and {option} prints only the code; give one of them",
            key="json_code_only",
            option=option,
        )


def leaf_templates(tree: Tree) -> tuple[str, ...]:
    """Every template a leaf of *tree* may emit."""
    ids = {getattr(node, "template", None) for node in tree.nodes.values()}
    return tuple(sorted(i for i in ids if isinstance(i, str)))


def check_target(path: str | None, *, force: bool, option: str) -> None:
    """Refuse a file we could not or must not write, before any work (or any question).
    ``-`` is standard output only for --emit; elsewhere it is refused, not made a file."""
    from advisor import files

    if path == STDOUT:
        raise OutputError(
            f"{option} needs a file name, e.g. {option} example.py",
            key="no_file_name",
            option=option,
        )
    files.check_target(path, force=force, option=option)


def shell_path(path: str) -> str:
    """*path* as it must be typed after a command: quoted for the shell, on one line (a
    newline or terminal escape in the name shows as ``$'\\n'``), and ``./``-prefixed when it
    starts with ``-``, so `python ./-` runs the file instead of reading standard input."""
    from advisor.engine import shell_quote

    return shell_quote(f"./{path}" if path.startswith("-") else path)


def write_file(path: str, text: str, *, force: bool, option: str) -> str:
    """Write *text* to *path* atomically, never clobbering unless *force*, never replacing
    anything but a regular file."""
    from advisor import files

    return str(files.write_new_file(path, text, force=force, option=option))


def bounded(kind: Callable[[str], float], low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a number of *kind* from *low* to *high*, refused in one line otherwise."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a number from {low:g} to {high:g}"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value:g} is out of range: give {low:g} to {high:g}")
        return value

    return parse


def notice(text: str) -> None:
    """``advisor: text`` on stderr, a note beside the result: wrapped to the terminal's width
    under the "advisor: " when stderr is a terminal (one 245-character line broke mid-word
    at the terminal's edge, newcomer review 23, 9), one line otherwise (a log or CI reads
    it whole)."""
    import shutil
    import sys

    from advisor.render.wrapping import wrap

    label = "advisor: "
    line = label + text
    isatty = getattr(sys.stderr, "isatty", None)
    if isatty is not None and isatty():
        pad = " " * len(label)
        line = label + wrap(pad + text, shutil.get_terminal_size().columns, indent=pad)[len(pad) :]
    sys.stderr.write(f"{line}\n")
