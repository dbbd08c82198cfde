"""The cores this process may use: what a worker count should start from.

``os.cpu_count()`` counts the machine's cores, not this process's: under an affinity mask
(``taskset``), a cpuset or a CI runner's container limits it over-counts, and a scan that
starts a process per core then runs more processes than it has cores (newcomer review 21,
13). Python 3.13's ``os.process_cpu_count`` knows the mask; before it, Linux's affinity does.
"""

from __future__ import annotations

import os


def usable_cores() -> int:
    """Cores this process may run on (affinity and, on 3.13+, process_cpu_count); at least 1."""
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return int(counter() or 1)
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1
