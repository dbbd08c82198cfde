"""Facts about the running interpreter, for questions answered "auto".

Kept apart from the engine so the engine stays pure and tests can pass
any facts they like. `FACTS` names every fact a tree question may `detect`;
the tree loader checks against it without running any probe.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from advisor.models import DEFAULT_LANG, Fact


def free_threading(lang: str = DEFAULT_LANG) -> Fact:
    """Whether this interpreter runs with the GIL disabled (3.13t/3.14t); the evidence is said
    in *lang*: it is printed under the answer, in a zh-TW recommendation too."""
    version = "{}.{}.{}".format(*sys.version_info[:3])  # `platform` costs 8 ms of regexes
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    enabled = None if is_gil_enabled is None else bool(is_gil_enabled())
    return said_free_threading(version, enabled, lang)


def said_free_threading(version: str, enabled: bool | None, lang: str = DEFAULT_LANG) -> Fact:
    """The fact for a Python *version* whose `sys._is_gil_enabled()` gave *enabled* (None: the
    version has no such function). `profile` says it of the program's own interpreter, which
    need not be advisor's (review 27 #12: a 3.13 program was described as advisor's 3.11)."""
    from advisor.texts import ui

    texts = ui(lang)
    if enabled is None:
        return Fact(False, texts("fact_no_free_threading", version=version))
    return Fact(not enabled, texts("fact_gil_enabled", enabled=enabled, version=version))


#: Each fact name and the probe that settles it.
_PROBES: dict[str, Callable[[str], Fact]] = {"free_threading": free_threading}
#: The fact names a tree question may give as `detect`.
FACTS: tuple[str, ...] = tuple(_PROBES)


def environment_facts(lang: str = DEFAULT_LANG) -> dict[str, Fact]:
    """Every fact a tree question may `detect`, keyed by fact name, said in *lang*."""
    return {name: _PROBES[name](lang) for name in FACTS}
