"""ADV111 one file away: a function that cannot be pickled handed to another module's wrapper
of a process pool or of new processes.

`pickled.py` follows a call into a wrapper of the same file. Real projects keep the wrapper in
a module of its own: atmospheric_correction's ``parmap(f, X)`` (``SIAC/multi_process.py``)
starts ``multiprocessing.Process(target=_worker, args=(f, q_in, q_out))`` workers, and the
solver's methods hand it functions they define inside themselves (``parmap(smooth, chunks)``),
which the spawn start method cannot pickle (atmospheric_correction#12).

Split as the other joins are: each file keeps its module-level functions that hand one of their
parameters to a process pool or a new process (``pk``, `pickled.UnpicklableTarget`) and its
calls of imported names given a ``lambda``, a nested ``def`` or a ``functools.partial`` of one
(``pc``); `resolve` matches them after the scan, through packages' re-exports. A file no rule
parses is parsed by the second pass when its bytes call a wrapper by name beside its module's
word (`crossfile.starter_pairs` reads ``pk`` as it reads ADV108's starters). Not followed: a
wrapper that is a method (which class a call reaches is another file's question), a decorated
wrapper, and a call whose arguments are unpacked (``parmap(*job)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from advisor.lint.checks.processes_across import _codes, exported_name

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext


def facts(ctx: FileContext, text: str) -> dict[str, Any]:
    """This file's part of the join, each only when there is one: its wrappers (``pk``) and
    its calls handing an unpicklable function to another module (``pc``), less the lines
    that suppress ADV111."""
    kept: dict[str, Any] = {}
    wrappers = ctx.memo.get("pickled_wrappers")
    if wrappers:
        kept["pk"] = wrappers
    calls = ctx.memo.get("pickled_calls")
    if calls:
        lines = text.splitlines()
        calls = [call for call in calls if "ADV111" not in _codes(lines, call[0])]
        if calls:
            kept["pc"] = calls
    return kept


def resolve(per_file: Iterable[tuple[str, Mapping[str, Any]]]) -> list[tuple[str, list[Any]]]:
    """(path, finding) for each call (``pc``) that hands an unpicklable function to the
    parameter another module's wrapper (``pk``) sends to a process pool or a new process."""
    results = list(per_file)
    wrappers: dict[str, tuple[int | None, str, str]] = {}
    aliases: dict[str, str] = {}
    for _path, result in results:
        for name, index, param, shown in result.get("pk", ()):
            wrappers[name] = (index, param, shown)
        aliases.update((result.get("facts") or {}).get("aliases", {}))
    if not wrappers:
        return []
    found: list[tuple[str, list[Any]]] = []
    for path, result in results:
        for line, col, target, handed, shown in result.get("pc", ()):
            wrapper = wrappers.get(exported_name(target, aliases))
            if wrapper is None:
                continue
            index, param, pool = wrapper
            for key, how, name in handed:
                if key == param or (index is not None and key == index):
                    params = {"how": how, "name": name, "pool": f"{shown} -> {pool}"}
                    found.append((path, [line, col, "ADV111", params]))
                    break
    return found
