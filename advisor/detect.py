"""Facts about the running interpreter, for questions answered "auto".

Kept apart from the engine so the engine stays pure and tests can pass
any facts they like.
"""

from __future__ import annotations

import sys

from advisor.models import Fact


def free_threading() -> Fact:
    """Whether this interpreter runs with the GIL disabled (3.13t/3.14t)."""
    version = "{}.{}.{}".format(*sys.version_info[:3])  # `platform` costs 8 ms of regexes
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_gil_enabled is None:
        return Fact(False, f"Python {version} has no free-threaded mode (no sys._is_gil_enabled)")
    enabled = bool(is_gil_enabled())
    return Fact(not enabled, f"sys._is_gil_enabled() is {enabled} on Python {version}")


def environment_facts() -> dict[str, Fact]:
    """Every fact a tree question may `detect`, keyed by fact name."""
    return {"free_threading": free_threading()}
