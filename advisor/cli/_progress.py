"""Progress of a long command on stderr, for a person watching it: in place on a terminal once
the work takes longer than a moment, a line now and then when stderr is a log (CI) and the
work is slow, nothing for quick runs. ``convert`` over a large tree uses it (review #54)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO

#: Seconds before anything is shown: a quick run prints no progress at all.
QUIET_FOR = 0.5
#: Between two lines when stderr is not a terminal (a CI log), and before the first.
LOG_EVERY = 5.0
#: Fewer items than this are never worth a progress line (one slow file is just slow).
SMALLEST = 10


class Progress:
    """``(stage, done, total)`` reports turned into text by *label* (the UI's words)."""

    def __init__(
        self,
        stream: IO[str],
        label: Callable[[str, int, int], str],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.label = label
        self.clock = clock
        self.start = clock()
        self.shown_at: float | None = None
        self.width = 0
        isatty = getattr(stream, "isatty", None)
        self.tty = bool(isatty and isatty())

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < SMALLEST:
            return
        now = self.clock()
        if self.tty:
            if now - self.start < QUIET_FOR or (
                self.shown_at is not None and now - self.shown_at < 0.1
            ):
                return
            text = self.label(stage, done, total)
            self.stream.write("\r" + text.ljust(self.width))
            self.width = len(text)
        else:
            last = self.shown_at if self.shown_at is not None else self.start
            if now - last < LOG_EVERY:
                return
            self.stream.write(self.label(stage, done, total) + "\n")
        self.stream.flush()
        self.shown_at = now

    def close(self) -> None:
        """Clear the line on a terminal, so the summary starts at the margin."""
        if self.tty and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
