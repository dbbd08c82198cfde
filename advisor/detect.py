"""Facts about the running interpreter, for questions answered "auto".

Kept apart from the engine so the engine stays pure and tests can pass
any facts they like. `FACTS` names every fact a tree question may `detect`;
the tree loader checks against it without running any probe.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from advisor.models import Fact


def free_threading() -> Fact:
    """Whether this interpreter runs with the GIL disabled (3.13t/3.14t)."""
    version = "{}.{}.{}".format(*sys.version_info[:3])  # `platform` costs 8 ms of regexes
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_gil_enabled is None:
        return Fact(False, f"Python {version} has no free-threaded mode (no sys._is_gil_enabled)")
    enabled = bool(is_gil_enabled())
    return Fact(not enabled, f"sys._is_gil_enabled() is {enabled} on Python {version}")


#: Each fact name and the probe that settles it.
_PROBES: dict[str, Callable[[], Fact]] = {"free_threading": free_threading}
#: The fact names a tree question may give as `detect`.
FACTS: tuple[str, ...] = tuple(_PROBES)


def environment_facts() -> dict[str, Fact]:
    """Every fact a tree question may `detect`, keyed by fact name."""
    return {name: _PROBES[name]() for name in FACTS}
