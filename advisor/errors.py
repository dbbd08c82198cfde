"""One exception hierarchy and the exit-code table; each class knows its code and its message.

The CLI catches `AdvisorError` once and prints ``exc.line(lang)``: every
message names the problem *and* the fix, in the user's language when the
zh-TW catalogue has it. Nothing here prints.

No ``from __future__ import annotations`` here (nor in `advisor.models`): a
`NamedTuple` turns each string annotation into a `typing.ForwardRef`, compiling
it, and that was most of these modules' import time; real annotations cost nothing.
"""

from collections.abc import Mapping, Sequence
from typing import ClassVar, Final, NamedTuple

from advisor.quoting import KeyedText, one_line

#: The most characters of a whole message: the last guard for values nobody thought of.
MESSAGE_LIMIT = 1000


class ExitCode:
    """What the shell sees; decided once for every command (documented in --help and README).

    Plain int constants, not an `enum.IntEnum`: building an enum class is a measurable
    part of `advisor recommend`'s start-up (benchmarks/startup.py), and a shell only ever
    sees the number. `ExitCode.codes()` lists them, by name, for the docs and tests.
    """

    OK: Final = 0
    FINDINGS: Final = 1  # findings, or a file scan could not check: like ruff and flake8
    USAGE: Final = 2  # bad flag or value, invalid input file, an output that cannot be written
    INTERNAL: Final = 3  # a bug in advisor: the message asks for --debug and a report
    ABORTED: Final = 130  # Ctrl-C, or Ctrl-D at a prompt (128 + SIGINT)
    BROKEN_PIPE: Final = 141  # the reader went away (`| head`): 128 + SIGPIPE, as shells say

    @classmethod
    def codes(cls) -> dict[str, int]:
        """Every exit code by name, in the order above."""
        return {k: v for k, v in vars(cls).items() if k.isupper() and isinstance(v, int)}


def translate(value: str, lang: str) -> str:
    """*value* in *lang* when it is a `KeyedText` the catalogue has, else *value* as it is;
    a param that is itself a `KeyedText` is translated too."""
    if lang == "en" or not isinstance(value, KeyedText):
        return value
    from advisor.texts import error_template, fill

    template = error_template(lang, value.key)
    if not template:
        return str(value)
    try:
        return fill(template, {k: translate(v, lang) for k, v in value.params.items()})
    except (KeyError, IndexError, ValueError):
        return str(value)


#: The params that hold an operating system's reason (``exc.strerror``): English from the C
#: library, shown in the user's language when the catalogue has it (``os_<ERRNO>`` keys).
_OS_REASON_PARAMS = frozenset({"reason", "error"})


def os_reason(value: str, lang: str) -> str:
    """*value*, an OS error's ``strerror``, in *lang*: "無法寫入 x.py：No such file or
    directory" read half in English (newcomer review 2026-12-06). Any other text, and a
    reason the catalogue lacks, stays as it is."""
    if lang == "en" or not isinstance(value, str) or isinstance(value, KeyedText):
        return value
    import errno
    import os

    from advisor.texts import error_template

    for code, name in errno.errorcode.items():
        if os.strerror(code) == value:
            return error_template(lang, f"os_{name}") or value
    return value


class AdvisorError(Exception):
    """Base of every error advisor raises on purpose.

    The message is English; *key* and *params* let `message` show a translation
    from ``texts/errors.<lang>.yaml`` instead, the way gettext keeps English in
    the code and other languages in catalogues. A bare `AdvisorError` means
    advisor itself is broken (a template or data file), so its code is INTERNAL.
    """

    exit_code: ClassVar[int] = ExitCode.INTERNAL

    def __init__(self, message: str = "", *, key: str | None = None, **params: str) -> None:
        super().__init__(message)
        self.key = key
        self.params = params

    def message(self, lang: str = "en") -> str:
        """The message in *lang* when the catalogue has it, else in English: one line (a
        newline or terminal escape in a path or value shows as ``\\n``), bounded."""
        text = str(self)
        if lang != "en" and self.key is not None:
            text = self._translated(lang) or text
        return one_line(text, MESSAGE_LIMIT)

    def _params_in(self, lang: str) -> Mapping[str, str]:
        """The values the catalogue's template is filled with; a subclass whose value is
        English text it can say in *lang* gives that instead."""
        return self.params

    def _translated(self, lang: str) -> str | None:
        # The catalogue is data, read on first use: most runs raise nothing, and
        # advisor.texts imports nothing that raises these errors, so this is no circle.
        from advisor.texts import error_template

        template = error_template(lang, self.key or "")
        params = self._params_in(lang)
        if not template or any(value in (None, "None") for value in params.values()):
            return None
        try:
            text = template.format(
                **{
                    k: translate(os_reason(v, lang) if k in _OS_REASON_PARAMS else v, lang)
                    for k, v in params.items()
                }
            )
        except (KeyError, IndexError, ValueError):
            return None
        # An answers file's "path:line", ahead of a message that does not place it itself
        # (a template naming {where} already does: "new.py:2: new.py:2: ..." otherwise).
        where = params.get("where")
        return f"{where}: {text}" if where and "{where}" not in template else text

    def line(self, lang: str = "en") -> str:
        """What the CLI prints on stderr, newline included; empty for nothing at all."""
        return f"advisor: error: {self.message(lang)}\n"


class UsageError(AdvisorError):
    """Bad flags, values or answers: the user can fix the command line."""

    exit_code = ExitCode.USAGE


class InvalidAnswerError(UsageError):
    """An answer that does not fit its question (``--concurrency abc``)."""


class UnknownQuestionError(UsageError):
    """An answer for a question the tree does not have."""


class MissingQuestion(NamedTuple):
    id: str
    flag: str
    prompt: str


class MissingAnswersError(UsageError):
    """The path needs answers nobody gave; names each question and its flag."""

    def __init__(
        self,
        missing: Sequence[MissingQuestion],
        maybe: Sequence[MissingQuestion] = (),
        lang: str = "en",
    ) -> None:
        self.missing = tuple(missing)
        self.maybe = tuple(maybe)
        # The prompts come in *lang*; Chinese ones take full-width brackets and the
        # enumeration comma (、), as every other zh-TW text does.
        chinese = lang == "zh-TW"
        comma = "\u3001" if chinese else ", "
        needed = comma.join(
            f"{q.flag}\uff08{q.prompt}\uff09" if chinese else f"{q.flag} ({q.prompt})"
            for q in self.missing
        )
        maybe_flags = comma.join(q.flag for q in self.maybe)
        message = f"missing answer for {needed}"
        if self.maybe:
            message += f"; depending on it you may also need {maybe_flags}"
        message += "; pass the flags, or run `advisor ask` to be asked"
        key = "missing_answers_more" if self.maybe else "missing_answers"
        super().__init__(message, key=key, needed=needed, maybe=maybe_flags)

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(q.flag for q in self.missing)


class UndecidedAnswerError(MissingAnswersError):
    """The code's evidence could not decide an answer that changes the model (issue 19):
    `advisor.recommend(evidence=...)` raises it rather than fill the tree's default without
    a word, as `scan --recommend` asks or exits 2. *question* is the one to give; *value*
    leads to *model* and *other* to *other_model*."""

    def __init__(
        self,
        question: MissingQuestion,
        evidence: str,
        answers: tuple[str, str],
        models: tuple[str, str],
    ) -> None:
        (value, other), (model, other_model) = answers, models
        flag, keyword = question.flag, question.id
        UsageError.__init__(
            self,
            f"the code's evidence for {flag} is weak or points both ways ({evidence}): "
            f"{value} leads to {model}, {other} to {other_model}; pass {keyword}= (the "
            f"answer for the work you want to speed up)",
            key="undecided_answer",
            flag=flag,
            evidence=evidence,
            value=value,
            model=model,
            other=other,
            other_model=other_model,
            keyword=keyword,
        )
        self.missing = (question,)
        self.maybe = ()


class Problem(NamedTuple):
    """One thing wrong with a tree file, located for the editor."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        """``file:line: message`` on one line: a newline or terminal escape in the path or
        a quoted value shows as an escape, so a report cannot drive the user's terminal."""
        where = f"{self.source}:{self.line}" if self.line else self.source
        return one_line(f"{where}: {self.message}", MESSAGE_LIMIT)

    def translated(self, lang: str) -> "Problem":
        """The same problem, its message in *lang* when it is a `KeyedText` (a YAML-level
        problem; the tree checker's own problems are English)."""
        return self._replace(message=translate(self.message, lang))


class TreeError(AdvisorError):
    """A decision tree that cannot be read or is invalid: an input error."""

    exit_code = ExitCode.USAGE

    def __init__(
        self, problems: Sequence[Problem] | str, *, key: str | None = None, **params: str
    ) -> None:
        if isinstance(problems, str):
            self.problems: tuple[Problem, ...] = ()
            super().__init__(problems, key=key, **params)
            return
        self.problems = tuple(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        source = self.problems[0].source
        message = f"invalid decision tree: {first}"
        if more:
            message += f" (and {more} more; run `advisor validate {source}`)"
        # A problem's own text is the checker's English, passed on as a param; a YAML-level
        # problem's is a `KeyedText`, said in the user's language.
        top = self.problems[0]
        super().__init__(
            message,
            key="invalid_tree_more" if more else "invalid_tree",
            first=first,
            at=f"{top.source}:{top.line}" if top.line else top.source,
            problem=top.message,
            more=str(more),
            source=source,
        )

    def _params_in(self, lang: str) -> Mapping[str, str]:
        """The checker's first problem is English text (a YAML-level one is a `KeyedText`,
        said by the catalogue): said in *lang* from `texts/problems.<lang>.yaml`, as
        `advisor validate` says it, so `recommend --tree` reads the same in zh-TW."""
        top = self.problems[0] if self.problems else None
        if top is None or not isinstance(top.message, str):
            return self.params
        from advisor.texts.problems import translated

        return {**self.params, "problem": translated(top.message, lang)}


class AnswersFileError(UsageError):
    """An answers file that is missing, unreadable or malformed."""


class OutputError(UsageError):
    """A file we were asked to write would clobber something, or cannot be written."""


class Aborted(AdvisorError):
    """The user pressed Ctrl-C or Ctrl-D at a prompt; nothing was written."""

    exit_code = ExitCode.ABORTED

    def __init__(self, message: str = "Aborted.") -> None:
        super().__init__(message, key="aborted")

    def line(self, lang: str = "en") -> str:
        return f"{self.message(lang)}\n"


class StreamError(UsageError):
    """Reading or writing a file or stream failed (disk full, a closed stdout, EIO):
    the machine's problem, not advisor's, so not an internal error."""


class BrokenPipe(AdvisorError):
    """The reader of our output went away (`advisor ... | head`): nothing to say."""

    exit_code = ExitCode.BROKEN_PIPE

    def line(self, lang: str = "en") -> str:
        return ""


class InternalError(AdvisorError):
    """An exception advisor did not expect: a bug, reported in one line."""

    exit_code = ExitCode.INTERNAL


def from_exception(exc: BaseException) -> AdvisorError:
    """Any exception as the `AdvisorError` the CLI shows: the one mapping from failures to
    messages and exit codes, so `main` needs no ladder of special cases."""
    if isinstance(exc, AdvisorError):
        return exc
    if isinstance(exc, (KeyboardInterrupt, EOFError)):
        return Aborted()
    if isinstance(exc, BrokenPipeError):
        return BrokenPipe()
    if isinstance(exc, OSError):  # the disk is full, a path is too long, ...
        where = f" {one_line(str(exc.filename), 200)}" if exc.filename else ""
        reason = one_line(str(exc.strerror or exc), 200)
        return StreamError(
            f"cannot write or read{where}: {reason}", key="os_error", path=where, reason=reason
        )
    name = type(exc).__name__
    detail = one_line(str(exc), 200)
    return InternalError(
        f"unexpected {name}: {detail}; rerun with --debug and report it",
        key="internal_error",
        name=name,
        detail=detail,
    )


class InvalidArgumentError(UsageError, TypeError):
    """A library argument of the wrong type: ``advisor.recommend(lang=None)``, ``tree=42``,
    ``concurrency="500"``. A `UsageError` for the CLI's one error path, and a `TypeError`
    for Python callers who catch that."""


class ProfileError(UsageError):
    """`advisor profile` was given no command, or one that cannot be started."""


class ConvertError(UsageError):
    """`advisor convert` input that cannot be used: a missing or unreadable file, code that is
    not valid Python, an unknown --prefer or --target-version, or files with uncommitted
    changes that --write would overwrite."""


class BenchError(AdvisorError):
    """The bench could not set itself up on this machine (its loopback server did not start):
    not the user's input, and not a bug in the models under test."""

    exit_code = ExitCode.INTERNAL


class ScanError(UsageError):
    """`advisor scan` cannot start: a path that does not exist, a bad rule code, a broken
    ``[tool.advisor]`` table. Files that cannot be read are *skipped*, never an error."""
