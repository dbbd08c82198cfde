"""Evidence read from the user's code and the answers inferred from it (`advisor scan --recommend`).

Kept out of `advisor.models` so that `advisor recommend` never builds these types: each
NamedTuple class costs import time, and startup is a product goal (benchmarks/startup.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from advisor.models import DEFAULT_LANG, Answer, AnswerValue, Source, Text

#: Confidence levels of evidence and inferred answers, weakest first.
CONFIDENCES: tuple[str, ...] = ("low", "medium", "high")


class SourceFile(NamedTuple):
    """One unit of code to read: a file, or one code cell of a notebook (*cell* from 1).

    Cells of one notebook share *path* and are given in order, so an import in cell 1
    resolves names in cell 3, as the kernel does.
    """

    path: str
    text: str
    cell: int | None = None


class Evidence(NamedTuple):
    """One observation in the user's code that bears on one question.

    *question* is None for context: listed, not counted. *existing* marks the context that is
    the code's own concurrency (a thread, a pool, an executor), shown apart from what was only
    seen (a light digest, a call before the loop starts): newcomer review 23 found
    ``hashlib.pbkdf2_hmac`` listed as "concurrency already in the code". *signal* names
    what was seen (a library, a framework, a function): several calls of the same
    library are one piece of evidence when answers are weighed.
    """

    question: str | None
    value: AnswerValue | None
    confidence: str
    file: str
    line: int
    reason: Text
    signal: str = ""
    cell: int | None = None
    existing: bool = False

    @property
    def location(self) -> str:
        """``crawler.py:12``, ``nb.ipynb:cell 3:2`` (the cell as Jupyter and `scan` number it, then
        the line in it); empty for project-wide evidence."""
        if not self.file:
            return ""
        if self.cell is not None:
            return f"{self.file}:cell {self.cell}:{self.line}"
        return f"{self.file}:{self.line}" if self.line else self.file

    def describe(self, lang: str) -> str:
        """Location and reason on one line, as the evidence of an `Answer`."""
        reason = self.reason.get(lang)
        return f"{self.location}: {reason}" if self.location else reason

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "file": self.file or None,
            "line": self.line or None,
            "cell": self.cell,
            "value": self.value,
            "reason": self.reason.get(lang),
            "confidence": self.confidence,
        }


class InferredAnswer(NamedTuple):
    """What the evidence says about one question, weighed.

    *evidence* supports *value*, strongest first; *conflicting* points elsewhere and
    has already lowered *confidence*. A low-confidence answer is shown, never used.
    """

    question: str
    value: AnswerValue
    confidence: str
    evidence: tuple[Evidence, ...]
    conflicting: tuple[Evidence, ...] = ()

    @property
    def decided(self) -> bool:
        return self.confidence != "low"

    def answer(self, lang: str = DEFAULT_LANG) -> Answer:
        return Answer(self.value, Source.INFERRED, self.evidence[0].describe(lang))


class Inference(NamedTuple):
    """Everything `scan` inferred from a set of files, decided or not."""

    questions: Mapping[str, InferredAnswer]
    context: tuple[Evidence, ...]
    files: int
    #: (path, reason) of each file or notebook cell that could not be read or parsed.
    skipped: tuple[tuple[str, Text], ...] = ()
    #: Test files left out: they show how the code is tested, not how it runs.
    tests: int = 0
    #: Where the program starts (issue 19): ``file:line`` of a main guard, a ``__main__.py``,
    #: a notebook, a framework app built at module level, work done at module level.
    #: None when not looked for (an `Inference` built by hand); empty for a library.
    entry_points: tuple[str, ...] | None = None
    #: Packages read (folders with an ``__init__.py``): a library is a package.
    packages: int = 0
    #: A package's ``__main__.py`` that hands over to no start function of the project (rich's
    #: demo), as ``file:line (__main__.py)``: not in *entry_points*; an application's start only
    #: when nothing says the package is a library (issue 19, cause 8).
    demos: tuple[str, ...] = ()
    #: When every entry point is a program in a helper folder beside the packages
    #: (psutil's ``scripts/top.py``, ``scripts/free.py``...), those entry points, and the
    #: packages' folders: the command line weighs them against what says "library".
    helper_scripts: tuple[str, ...] = ()
    #: When every main entry point is a file installed as a command that calls the project
    #: only through its package's public API (jmespath's ``bin/jp.py``): each as ``file:
    #: pkg.name, ...`` (`advisor.evidence.api_scripts`); a library's tool, not an application.
    api_scripts: tuple[str, ...] = ()
    package_dirs: tuple[str, ...] = ()
    #: When every main entry point is an interactive console or hands over to one
    #: (websockets' client: ``import readline``, a loop reading the next line typed), those
    #: entry points: the command line weighs them against what says "library" (a py.typed).
    consoles: tuple[str, ...] = ()
    #: (flag, value the template assumes) of missing answers that cannot change the model:
    #: `scan --recommend` settles them instead of exiting 2 (`advisor.evidence.settle`).
    sizes_only: tuple[tuple[str, str], ...] = ()
    #: The main entry points evidence was weighed from (issue 19, cause 2), as (where, kind,
    #: name) (`advisor.evidence.units.Entry`): None when no entry point was found, and the
    #: whole project counted.
    main_path: tuple[tuple[str, str, str], ...] | None = None
    #: (where, question ids) of evidence the main path does not reach: listed, not counted.
    #: *where* is a file, or ``file: function()`` when the file runs but the function does not.
    off_path: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def answers(self, lang: str = DEFAULT_LANG) -> dict[str, Answer]:
        """The decided answers, as `Answer`s with source "inferred" and their evidence."""
        return {q: ia.answer(lang) for q, ia in self.questions.items() if ia.decided}
