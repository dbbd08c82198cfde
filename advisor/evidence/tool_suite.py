"""A suite of console scripts behind a script that only lists them (issue 19, cause 2). Pure:
reads the `Graph` along `advisor.evidence.follow`.

A project's script named like the project is its own command and the others are secondary
(`advisor.evidence.sources.declared_scripts`: tgcf's ``tgcf-web`` beside ``tgcf``, a web UI
beside the tool). But a suite of tools may name its one script like the project only to print
the list of the others (deeptools' ``deeptools`` beside ``bamCoverage``, ``computeMatrix``
and twenty more): that script runs none of the program's work, and following it alone left
the work off the main path, so nothing answered ``--cpu-bound``. Such a script is told by
what it reaches: a few functions of its own module and nothing else, never a file installed
as a command (a whole program: fastcov's), and no other script reaches that module. Then
every declared script is an entry point of the main path.
"""

from __future__ import annotations

from collections.abc import Iterable

from advisor.evidence.follow import Resolver, _Walk
from advisor.evidence.units import Graph, Unit

#: Prefixed to what another declared script runs when one script is named like the project
#: (``+pkg.tool:main``; `advisor.evidence.sources.declared_scripts`): followed only when the
#: named one lists the others (`lists_only`). No module path starts with it.
BESIDE_NAMED = "+"


def lists_only(graph: Graph, resolver: Resolver, named: list[Unit], others: list[Unit]) -> bool:
    """Whether the scripts named like the project (*named*, their start units) reach nothing
    of the project outside their own modules while the other declared scripts (*others*)
    never reach those modules: a tool list or a version print, not the program."""
    if not named or not others:
        return False
    own = {file for file, _ in named}
    if own & graph.script_files:
        return False  # a file installed as a command is a whole program (fastcov's)
    reached = _reach(graph, resolver, named)
    if len(reached) > LISTER_UNITS or {f for f, _ in reached} - own - _packages(own):
        return False
    return not own & {f for f, _ in _reach(graph, resolver, others)}


#: A tool list is a few functions (deeptools': parse_arguments, process_args, main); a
#: named script reaching more does some work of its own, even in one module.
LISTER_UNITS = 8


def _reach(graph: Graph, resolver: Resolver, starts: Iterable[Unit]) -> set[Unit]:
    walk = _Walk(graph, resolver)
    for unit in starts:
        walk.reach_unit(unit)
    walk.run()
    return walk.units


def _packages(files: set[str]) -> set[str]:
    """The ``__init__.py`` files above *files*: importing a module runs its packages'."""
    found: set[str] = set()
    for file in files:
        parts = file.split("/")[:-1]
        found.update("/".join([*parts[:i], "__init__.py"]) for i in range(len(parts) + 1))
    return found
