"""`advisor bench`: race the models on this machine for a workload described by the tree's
flags, beside what `recommend` says; `--claims`: the chapter's claims beside measured figures.

psutil and rich are imported inside `run` only, so `advisor --help` stays light.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help
from advisor.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation
    from advisor.models import AnswerValue

NAME = "bench"
SUMMARY = "Race the concurrency models on this machine, beside what recommend says."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    from advisor.render.bench import FORMATS

    common.add_tree(parser)
    common.add_lang(parser)
    common.add_format(parser, FORMATS)
    parser.add_argument("--answers", metavar="FILE", help=Help("help_answers"))
    parser.add_argument(
        "--tasks", type=common.bounded(int, 1, 100_000), metavar="N", help=Help("help_bench_tasks")
    )
    parser.add_argument(
        "--io-latency",
        type=common.bounded(float, 0, 10_000),
        metavar="MS",
        help=Help("help_bench_io_latency"),
    )
    parser.add_argument(
        "--cpu-ms",
        type=common.bounded(float, 0, 10_000),
        metavar="N",
        help=Help("help_bench_cpu_ms"),
    )
    parser.add_argument(
        "--repeats", type=common.bounded(int, 1, 20), metavar="N", help=Help("help_bench_repeats")
    )
    parser.add_argument("--models", metavar="LIST", help=Help("help_bench_models"))
    parser.add_argument("--python", metavar="PATH", help=Help("help_bench_python"))
    parser.add_argument("--quick", action="store_true", help=Help("help_bench_quick"))
    parser.add_argument("--claims", action="store_true", help=Help("help_bench_claims"))
    tree = common.load_tree(inv.tree)
    common.add_answer_flags(parser, inv, tree)
    if tree.question_by_flag("--native-code") is None:  # a tree without the question
        parser.add_argument(
            "--native-code", choices=("yes", "no"), help=Help("help_bench_native_code")
        )


@contextlib.contextmanager
def progress_bar(inv: Invocation) -> Iterator[Callable[[int, int, str], None] | None]:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise (CI logs)."""
    from advisor.render import console, is_terminal

    if not is_terminal(inv.stderr):
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from advisor.texts import ui

    texts = ui(inv.lang)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console(inv.stderr),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, label: str) -> None:
            bar.update(
                task,
                completed=done - 1,
                total=total,
                description=texts("bench_progress", model=label),
            )

        yield update


def _models(
    text: str | None, *, shared_state: bool, python: str | None = None
) -> tuple[str, ...] | None:
    """--models threading,asyncio: a subset of what the interpreter (ours, or --python's) can
    race, in that order."""
    if text is None:
        return None
    from advisor.benchmark.variants import available_variants

    if python:
        from advisor.benchmark.interpreter import describe

        other = describe(python)
        known = other.shared_variants if shared_state else other.variants
        version = other.python
    else:
        import platform

        known = available_variants(shared_state=shared_state)
        version = f"{platform.python_version()} ({platform.python_implementation()})"
    wanted = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in wanted if name not in known]
    if "interpreters" in unknown:  # a lane that exists, just not here (newcomer #59)
        if shared_state:
            raise UsageError(
                "--models interpreters: interpreters share no Python objects, so they are "
                "not raced with --shared-memory yes",
                key="bench_models_interpreters_shared",
            )
        raise UsageError(
            f"--models interpreters: InterpreterPoolExecutor needs Python 3.14 or newer, and "
            f"this is Python {version}; give --python PATH of a 3.14 interpreter",
            key="bench_models_interpreters",
            version=version,
        )
    if unknown or not wanted:
        raise UsageError(
            f"--models {text}: choose from {', '.join(known)}, separated by commas",
            key="bench_models",
            value=text,
            models=", ".join(known),
        )
    return wanted


def _workload(args: argparse.Namespace) -> dict[str, AnswerValue]:
    """--native-code when the bench adds it itself (the tree has no such question)."""
    native = getattr(args, "native_code", None)
    return {} if native is None else {"native_code": native == "yes"}


# Options that shape a race; --claims measures the chapter's own fixed figures instead.
RACE_OPTIONS = ("models", "tasks", "repeats", "io_latency", "cpu_ms", "python", "answers")


def _check_claims(args: argparse.Namespace) -> None:
    """--claims with an option it cannot honour is refused, not silently ignored (newcomer
    #59): the user asked for something the run would not do."""
    from advisor.cli._common import ANSWER_DEST

    given = [f"--{name.replace('_', '-')}" for name in RACE_OPTIONS if getattr(args, name, None)]
    tree = common.load_tree(args.tree)
    given += [
        question.flag
        for question in tree.questions.values()
        if getattr(args, f"{ANSWER_DEST}{question.id}", None) is not None
    ]
    if getattr(args, "native_code", None) is not None:
        given.append("--native-code")
    if given:
        raise UsageError(
            f"--claims measures the chapter's own figures: {', '.join(given)} do not apply "
            "to it; drop them, or drop --claims to race the models",
            key="bench_claims_options",
            options=", ".join(given),
        )


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor.render import choose_format
    from advisor.render.bench import FORMATS

    if args.claims:
        _check_claims(args)
    fmt = choose_format(args.format, inv.out)
    with progress_bar(inv) as progress:
        if args.claims:
            from advisor.benchmark.claims import run_claims

            result = run_claims(quick=args.quick, progress=progress)
            FORMATS[fmt](result, inv.out, inv.lang)
            return ExitCode.OK
        from advisor.benchmark.pipeline import run_bench

        tree = common.load_tree(args.tree)
        answers = common.gather_answers(tree, args)
        shared = answers.get("shared_memory")
        if args.python:
            from advisor.benchmark.interpreter import describe

            describe(args.python)  # a bad --python fails now, not after the recommendation
        variants = _models(
            args.models,
            shared_state=shared is not None and shared.value is True,
            python=args.python,
        )
        bench = run_bench(
            tree,
            answers,
            tasks=None if args.tasks is None else int(args.tasks),
            io_latency_ms=args.io_latency,
            cpu_ms=args.cpu_ms,
            quick=args.quick,
            repeats=None if args.repeats is None else int(args.repeats),
            variants=variants,
            progress=progress,
            workload=_workload(args),
            python=args.python,
        )
    FORMATS[fmt](bench, inv.out, inv.lang)
    return ExitCode.OK
