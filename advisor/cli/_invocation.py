"""The one pre-parse of the command line, read by every part of the CLI.

The decision tree decides which answer flags exist, and the language decides
how help and errors read, so both are needed before argparse runs. They are
read here, once, the way argparse will read them (the last occurrence wins),
instead of by hand in each place that needs them.

No ``from __future__ import annotations``: `Invocation` is a NamedTuple built on
every run, and string annotations would each be compiled into a ForwardRef.
"""

import io
import os
from collections.abc import Mapping, Sequence
from typing import IO, Any, NamedTuple

from advisor.errors import UsageError
from advisor.render import is_terminal

#: Options every command understands before its name (`advisor --debug recommend`).
GLOBAL_OPTIONS = frozenset({"--help", "-h", "--version", "--debug"})


def option_value(argv: Sequence[str], option: str) -> str | None:
    """The value of *option* (``--tree X`` or ``--tree=X``), last one winning."""
    found = None
    for i, arg in enumerate(argv):
        if arg == option and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith(option + "="):
            found = arg.split("=", 1)[1]
    return found


class Invocation(NamedTuple):
    """What one run of `advisor` was asked to do, and where it reads and writes.

    *lang* is resolved ("en" or "zh-TW"): --lang, else the locale; a --lang that is
    not a language falls back to English here and is refused when the options are
    parsed. *stdin* is None when it is closed (``<&-``); *stdout* too (``>&-``),
    which the app refuses before doing anything.
    """

    command: str | None
    lang: str
    tree: str | None
    debug: bool
    argv: tuple[str, ...]
    stdin: IO[str] | None
    stdout: IO[str] | None
    stderr: IO[str]
    config: Mapping[str, Any] = {}  # read-only; scan fills it with _replace
    lang_flag: str | None = None  # --lang as typed, repeated in suggested commands

    @classmethod
    def parse(
        cls,
        argv: Sequence[str],
        commands: Sequence[str],
        *,
        stdin: IO[str] | None,
        stdout: IO[str] | None,
        stderr: IO[str] | None,
        environ: Mapping[str, str] | None = None,
    ) -> "Invocation":
        from advisor.i18n import detect_lang, normalize_lang

        argv = tuple(argv)
        # After "--" the words belong to another program (`advisor profile -- app.py --lang x`).
        ours = argv[: argv.index("--")] if "--" in argv else argv
        command = next((a for a in ours if a in commands), None)
        lang_flag = option_value(ours, "--lang")
        try:
            lang = (
                normalize_lang(lang_flag)
                if lang_flag is not None
                else detect_lang(os.environ if environ is None else environ)
            )
        except UsageError:
            lang = "en"  # the bad --lang itself is reported, in English, by the parser
        return cls(
            command=command,
            lang=lang,
            tree=option_value(ours, "--tree"),
            debug="--debug" in ours,
            argv=argv,
            stdin=_usable(stdin),
            stdout=_usable(stdout),
            stderr=_usable(stderr) or io.StringIO(),  # closed: say nothing, but do not crash
            lang_flag=lang_flag,
        )

    @property
    def out(self) -> IO[str]:
        """stdout, known to be open (the app checks before any command runs)."""
        assert self.stdout is not None
        return self.stdout

    @property
    def interactive(self) -> bool:
        """Questions need a keyboard, and a screen: stdout, or stderr when stdout is
        redirected (`advisor ask > rec.md`)."""
        return is_terminal(self.stdin) and (is_terminal(self.stdout) or is_terminal(self.stderr))


def _usable(stream: IO[str] | None) -> IO[str] | None:
    """None for a stream that is missing (Python sets sys.stdout to None when fd 1 was
    closed) or already closed."""
    if stream is None or getattr(stream, "closed", False):
        return None
    return stream
