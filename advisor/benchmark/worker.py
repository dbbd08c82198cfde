"""Entry point of one timed run: ``python -m advisor.benchmark.worker SPEC_JSON``.

Prints "ready" when the timed run starts, then one JSON line: the wall time and CPU time of the run itself (interpreter start-up
excluded; pool start-up included, as a user pays it), and what was done. CPU time counts
this process and every child it waited for, so process pools are charged in full.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from advisor.benchmark.server import raise_fd_limit
from advisor.benchmark.variants import RUNNERS, RunSpec
from advisor.benchmark.workloads import Work

#: The line the worker prints when it starts the timed run.
READY = "ready"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str]) -> int:
    raw = json.loads(argv[0])
    spec = RunSpec(**{**raw, "work": Work(**raw["work"])})
    raise_fd_limit()
    _, runner = RUNNERS[spec.variant]
    # The bench's cap starts now, on the clock of the time reported below: interpreter
    # start-up, slow on a busy machine, would otherwise count against the cap alone.
    print(READY, flush=True)
    cpu0, t0 = _cpu(), time.perf_counter()
    outcome = runner(spec)
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    print(json.dumps({"wall": wall, "cpu": cpu, **outcome._asdict()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
