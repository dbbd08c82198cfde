"""A thread or thread pool whose work is CPU-heavy pure Python is left as is, saying why.

`advisor scan` reports such work as ADV107 (use a process pool) and `scan --recommend` as
multiprocessing; converting it to coroutines would be worse than the pool, not better: pure
computation never awaits, so the coroutines run one after another on the event loop (a
hostile new user's Mandelbrot mapped over ``ThreadPoolExecutor(max_workers=8).map`` became
``async def mandel`` with no ``await`` and an ``asyncio.Semaphore(8)``, review of 2026-12-07).
Whether the work is CPU-bound is decided by ADV107 itself, run on the original file through
the linter's library entry (`lint.analyse.check_text`), so scan and convert cannot disagree:
a call ADV107 reports (one it would not report — I/O, a ``# noqa: ADV107`` — converts as
before) refuses the file (`cpu-bound`); a ``threading.Thread(target=...)`` ADV107 reports
likewise (`threads`).
"""

from __future__ import annotations

from advisor.codemod.analysis import FileInfo
from advisor.codemod.base import Refused
from advisor.codemod.pool_uses import Block
from advisor.codemod.rules import refusal_message

_LINES: dict[tuple[str, int], dict[int, str]] = {}


def refuse_cpu_bound(info: FileInfo, block: Block) -> None:
    """Raise `Refused` (``cpu-bound``) when a ``map`` or ``submit`` of *block* is a call
    ADV107 reports in the original file."""
    for work in block.work:
        refuse_cpu_line(info, work.line, "ThreadPoolExecutor")


def refuse_cpu_line(info: FileInfo, line: int, name: str) -> None:
    """Raise `Refused` (``cpu-bound``) when ADV107 reports a call on *line* of the original
    file: a pool's ``map``/``submit`` or a ``threading.Thread(target=...)`` (*name*)."""
    target = _cpu_bound(info).get(line)
    if target is not None:
        params = {"name": name, "target": target, "line": str(line)}
        raise Refused(line, "cpu-bound", refusal_message("cpu-bound", **params))


def _cpu_bound(info: FileInfo) -> dict[int, str]:
    """Line -> target of each ADV107 finding in *info*'s original text, once per text."""
    key = (info.path, hash(info.source))
    found = _LINES.get(key)
    if found is None:
        from advisor.lint.analyse import check_text

        try:
            findings = check_text(info.path, info.source, ("ADV107",))
        except (SyntaxError, ValueError):  # libcst read it; `ast` of this Python may not
            findings = []
        if len(_LINES) > 16:  # one run's files in turn: the last few are all it asks again
            _LINES.clear()
        found = _LINES[key] = {f.line: str(dict(f.params).get("target", "")) for f in findings}
    return found
