"""The `advisor` command: one pre-parse, one command module, one error mapping.

Every failure becomes an `AdvisorError` (`errors.from_exception`), shown as one
line on stderr in the user's language and mapped to its exit code; a traceback
only with --debug. `main` takes its streams as arguments, so tests and embedding
programs run it in-process without patching globals.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import IO

__all__ = ["main"]


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Run the CLI; returns the exit code instead of exiting. Streams default to the
    process's own (None when the shell closed them, e.g. ``>&-``)."""
    _argparse_without_gettext()
    from advisor.cli import _app
    from advisor.cli._invocation import Invocation
    from advisor.errors import BrokenPipe, from_exception

    args = list(sys.argv[1:] if argv is None else argv)
    streams = (
        sys.stdin if stdin is None else stdin,
        sys.stdout if stdout is None else stdout,
        sys.stderr if stderr is None else stderr,
    )
    for stream in streams[1:]:
        _tolerate_encoding(stream)
    inv = Invocation.parse(
        args, _app.COMMANDS, stdin=streams[0], stdout=streams[1], stderr=streams[2]
    )
    try:
        return _app.run(inv)
    except (Exception, KeyboardInterrupt) as raised:  # noqa: BLE001 - the one place every failure becomes a message
        error = from_exception(raised)
        if inv.debug:
            import traceback

            traceback.print_exc(file=inv.stderr)
        if isinstance(error, BrokenPipe):
            _silence(inv.stdout)
        with contextlib.suppress(OSError, ValueError):
            inv.stderr.write(error.line(inv.lang))
        return int(error.exit_code)


def _argparse_without_gettext() -> None:
    """Import argparse with its ``_()`` bound to the identity, not to gettext.

    argparse looks up every word it builds ("usage: ", "show this help message and
    exit", ...) in gettext's default domain, and each lookup walks the locale folders;
    with importing gettext and locale, that was a sizeable part of `advisor recommend`'s
    start-up. Nothing ever translated those lookups (Python ships no catalogue for
    them); advisor translates argparse's words itself (`cli/_help.py`). gettext is
    stood in only while argparse is imported, so code importing it later gets the real
    module. An argparse imported before `main` (a test runner's) is left as it is.
    """
    if "argparse" in sys.modules:
        return
    import types

    real = sys.modules.get("gettext")
    identity = types.ModuleType("gettext")
    vars(identity).update(
        gettext=lambda message: message,
        ngettext=lambda singular, plural, n: singular if n == 1 else plural,
    )
    sys.modules["gettext"] = identity
    try:
        import argparse  # noqa: F401 - bound here, with the identity gettext
    finally:
        if real is None:
            del sys.modules["gettext"]
        else:
            sys.modules["gettext"] = real


def _silence(stream: IO[str] | None) -> None:
    """After a broken pipe, point the stream at /dev/null: Python's final flush must not
    fail again and print "Exception ignored" on the way out."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # type: ignore[union-attr]


def _tolerate_encoding(stream: IO[str] | None) -> None:
    """On a stream that cannot encode "→" or Chinese (cp1252 files on Windows, LANG=C),
    replace what it cannot show instead of dying with UnicodeEncodeError."""
    from advisor.render import is_utf8

    reconfigure = getattr(stream, "reconfigure", None)
    if stream is not None and not is_utf8(stream) and reconfigure is not None:
        with contextlib.suppress(Exception):
            reconfigure(errors="backslashreplace")
