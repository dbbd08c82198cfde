"""One exception hierarchy; each class knows its exit code, none of them prints.

The CLI catches `AdvisorError` once and shows ``str(exc)`` on one line, so
every message here names the problem *and* the fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


class AdvisorError(Exception):
    """Base of every error advisor raises on purpose.

    The message is English; *key* and *params* let the CLI show a translation
    from ``texts/errors.zh-TW.yaml`` instead, the way gettext keeps English in
    the code and other languages in catalogues.
    """

    exit_code = 1

    def __init__(self, message: str = "", *, key: str | None = None, **params: str) -> None:
        super().__init__(message)
        self.key = key
        self.params = params


class UsageError(AdvisorError):
    """Bad flags, values or answers: the user can fix the command line."""

    exit_code = 2


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
        self, missing: Sequence[MissingQuestion], maybe: Sequence[MissingQuestion] = ()
    ) -> None:
        self.missing = tuple(missing)
        self.maybe = tuple(maybe)
        needed = ", ".join(f"{q.flag} ({q.prompt})" for q in self.missing)
        maybe_flags = ", ".join(q.flag for q in self.maybe)
        message = f"missing answer for {needed}"
        if self.maybe:
            message += f"; depending on it you may also need {maybe_flags}"
        message += "; pass the flags, or run `advisor ask` to be asked"
        key = "missing_answers_more" if self.maybe else "missing_answers"
        super().__init__(message, key=key, needed=needed, maybe=maybe_flags)

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(q.flag for q in self.missing)


class Problem(NamedTuple):
    """One thing wrong with a tree file, located for the editor."""

    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return (
            f"{self.source}:{self.line}: {self.message}"
            if self.line
            else (f"{self.source}: {self.message}")
        )


class TreeError(AdvisorError):
    """A decision tree that cannot be read or is invalid: an input error."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            self.problems: tuple[Problem, ...] = ()
            super().__init__(problems)
            return
        self.problems = tuple(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        message = f"invalid decision tree: {first}"
        if more:
            message += f" (and {more} more; run `advisor validate {self.problems[0].source}`)"
        super().__init__(message)


class AnswersFileError(UsageError):
    """An answers file that is missing, unreadable or malformed."""


class OutputError(UsageError):
    """A file we were asked to write would clobber something, or cannot be written."""


class Aborted(AdvisorError):
    """The user pressed Ctrl-C or Ctrl-D at a prompt; nothing was written."""

    exit_code = 130


class ScanError(UsageError):
    """`advisor scan` cannot start: a path that does not exist, a bad rule code, a broken
    ``[tool.advisor]`` table. Files that cannot be read are *skipped*, never an error."""
