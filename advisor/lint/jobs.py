"""One file through `analyse`, and batches of files through the scan's worker processes.

A job is one file with the rules its words allow (`Job`); `analyse_one` runs it with the cycle
collector paused, `analyse_all` decides whether a batch is worth the process pool (`workers`)
and deals it out. The pool's processes start with one read-only table each (`_worker_init`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any

from advisor.cores import usable_cores
from advisor.lint._data import bundle
from advisor.lint.analyse import analyse, prepared, unparsable
from advisor.lint.workers import Workers

PARALLEL_MIN_FILES = 24


PARALLEL_MIN_BYTES = 1_500_000


#: (relative path, content, module, is_package, the rules its words allow): one file as a
#: worker receives it. The byte filter's verdict travels with the file, decided once.
Job = tuple[str, bytes, str, bool, frozenset[str]]


_WORKER_DATA: dict[str, Any] | None = None


#: Whether the caller of `run` had the cycle collector on: its workers get it back.
_COLLECTING = True


#: The rules of a job that is only parsed for its syntax errors: a file named on the command
#: line where no rule's words occur (`first_pass`). Compared by identity in this process;
#: a worker process receives an equal copy, so `analyse_one` also compares by value there.
SYNTAX_ONLY: frozenset[str] = frozenset({"(syntax)"})


#: Such a file's result when it parses: no finding, no facts yet (``u``, as an unparsed file,
#: so the second pass may parse it with every check), its syntax checked (``y``).
_SYNTAX_CHECKED = {"f": [], "np": 1, "u": 1, "y": 1}


def _worker_init(data: dict[str, Any], collecting: bool) -> None:
    """One read-only table per worker process; the cycle collector as the caller had it
    (`run` pauses it in this process only, and a forked worker starts with it paused)."""
    global _WORKER_DATA  # noqa: PLW0603 - one read-only table per worker process
    _WORKER_DATA = data
    if collecting:
        gc.enable()


def _worker(job: tuple[list[Job], frozenset[str] | None]) -> list[tuple[str, dict[str, Any]]]:
    assert _WORKER_DATA is not None
    batch, codes = job
    return [analyse_one(item, _WORKER_DATA, codes) for item in batch]


def analyse_one(
    item: Job, data: dict[str, Any], codes: frozenset[str] | None = None
) -> tuple[str, dict[str, Any]]:
    """One file, running only the checks whose trigger words occur in it (all of them in the
    second pass, *codes* None). A result without ADV102's cross-file candidates is marked
    ``np`` so that the second pass looks at it again."""
    path, content, module, is_package, triggered = item
    if codes is None and triggered == SYNTAX_ONLY:
        error = unparsable(content, path)
        return path, {"skip": error} if error is not None else {**_SYNTAX_CHECKED, "f": []}
    active = triggered if codes is None else codes
    if path.endswith(".ipynb") and codes is None:
        # A notebook's bytes are JSON (its code escaped), and it is always read: a file
        # that is not a notebook is said, never passed as clean (`lint.notebook`).
        active = frozenset(data["rules"])
    if is_package and codes is None:
        active = active | {"ADV102"}  # re-exports are facts
    if active:
        # A parsed file's plain defs are facts for calls one file away (checks.reach): the
        # walk is paid already, and this way no file is parsed a second time for them.
        active = active | {"ADV101"}
    # The cycle collector is paused while the file is parsed and walked: its tree and the
    # checks' tables hold no reference cycle (`FileContext.release`) and go by reference
    # counting once the result is taken, so collections in between would only walk the
    # hundred thousand nodes of a large tree again and again, finding nothing (1.7 of 16 CPU
    # seconds of a cold scan of the standard library). Restored after each file: a library
    # caller's setting stands.
    paused = gc.isenabled()
    gc.disable()
    try:
        if path.endswith(".ipynb"):
            from advisor.lint import notebook

            result = notebook.analyse(content, path, module, is_package, data, active)
        else:
            result = analyse(content, path, module, is_package, data, active)
    finally:
        if paused:
            gc.enable()
    if "ADV102" not in active and "skip" not in result:
        result["np"] = 1
    return path, result


def scan_workers(jobs: int | None) -> Workers:
    """The worker pool of one scan: *jobs* processes (one per core when None), started only
    when a batch is first worth them; the caller closes it."""
    count = jobs if jobs is not None else usable_cores()
    return Workers(count, _worker_init, _worker_args)


def _worker_args() -> tuple[dict[str, Any], bool]:
    """What each worker process starts with (`_worker_init`), asked when they start."""
    return prepared(bundle()), _COLLECTING


def analyse_all(
    todo: list[Job],
    data: dict[str, Any],
    codes: frozenset[str] | None,
    workers: Workers,
) -> Iterable[tuple[str, dict[str, Any]]]:
    """Each of *todo* through `analyse_one`: in this process when the batch is too small to pay for
    starting processes, else in *workers* (the scan's, kept for its later batches: once
    started, any batch of two files or more goes there)."""
    ready = prepared(data)
    batches = _batches(todo, workers)
    if batches is None:
        return [analyse_one(item, ready, codes) for item in todo]
    out: list[tuple[str, dict[str, Any]]] = []
    try:
        for batch_result in workers.map(_worker, [(b, codes) for b in batches]):
            out.extend(batch_result)
    except (OSError, RuntimeError):  # no processes here (sandbox, pool broken): go serial
        done = {p for p, _ in out}
        out.extend(analyse_one(item, ready, codes) for item in todo if item[0] not in done)
    return out


def _batches(todo: list[Job], workers: Workers) -> list[list[Job]] | None:
    """How `analyse_all` deals *todo* to *workers*, or None when it parses them here."""
    count = workers.count
    if workers.started:
        serial = len(todo) < 2
    else:
        total = sum(len(item[1]) for item in todo)
        serial = len(todo) < PARALLEL_MIN_FILES or total < PARALLEL_MIN_BYTES
    if count <= 1 or serial:
        return None
    # Largest files first, dealt round-robin into a few batches per worker, so no worker is
    # left holding the one huge file at the end and the pickling overhead stays small.
    ordered = sorted(todo, key=lambda item: -len(item[1]))
    share = count * 4
    return [batch for batch in (ordered[i::share] for i in range(share)) if batch]


def dealt(todo: list[Job], workers: Workers) -> list[str]:
    """The order in which `analyse_all` over *todo* now would return its files."""
    batches = _batches(todo, workers)
    return [item[0] for batch in (batches or [todo]) for item in batch]


def pause_collector() -> bool:
    """Pause the cycle collector for a run (`runner.run`); returns whether it was on, which
    the workers started during the run are told (`_worker_args`)."""
    global _COLLECTING  # noqa: PLW0603 - read by `_worker_args` for the workers
    paused = _COLLECTING = gc.isenabled()
    gc.disable()
    return paused
