"""Renderers: models in, text out. One module per subject (`recommendation`, `guide`, `tree`,
...), each with ``FORMATS = {name: function(value, stream, lang)}``; `--format` offers exactly
those names. Renderers never import the engine, and import rich only inside the functions
that draw with it.
"""

from __future__ import annotations

import errno
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def is_terminal(stream: IO[str] | Any) -> bool:
    """Whether *stream* is a terminal; a closed or odd stream is not."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def choose_format(requested: str | None, stream: IO[str]) -> str:
    """--format when given; otherwise rich on a terminal and plain everywhere else (pipes,
    files, CI logs). The one place this rule lives."""
    if requested:
        return requested
    return "rich" if is_terminal(stream) else "plain"


#: The narrowest and widest a rich rendering is drawn, whatever COLUMNS or the terminal say.
MIN_WIDTH = 40
MAX_WIDTH = 500


def console(stream: IO[str]) -> Console:
    """A rich Console on *stream*; rich itself honours NO_COLOR, FORCE_COLOR and COLUMNS."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """rich's own handler points the *process's* stdout at /dev/null and exits 1
            (exit 1 means "findings" here, and `main(stdout=...)` is not the process's
            stdout): raise instead, so the CLI's one mapping gives the documented 141."""
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, "the output pipe closed early")

    screen = _Console(file=stream, highlight=False, emoji=False)
    # COLUMNS=0 or a 3-column terminal made rich print nothing, or a few characters, of
    # the panels (exit 0: the advice silently lost); COLUMNS=99999999 made it pad every
    # line to that width and run for minutes. Any width outside this range is clamped.
    screen.width = max(MIN_WIDTH, min(MAX_WIDTH, screen.width))
    return screen


def is_utf8(stream: IO[str]) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return str(encoding).lower().replace("-", "").replace("_", "") == "utf8"
