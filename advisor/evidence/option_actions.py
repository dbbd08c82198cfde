"""Code the command-line parser runs for one option (issue 19, held-back set 22).

``class TahoeVersion(argparse.Action)`` with a ``__call__`` that runs ``tahoe
--version-and-path`` and exits (gridsync): argparse calls it while it parses the command line,
and only when the user gives ``--tahoe-version``. What it runs is a one-off of that option,
before the program's own work starts, not what the program waits on: its blocking calls are
said as context, not votes on ``--async-libs`` or ``--cpu-bound``. The bases are data
(``option_actions`` in ``data/command_line.yaml``).
"""

from __future__ import annotations

import ast
from functools import cache

from advisor import datafiles
from advisor.evidence.walk import Reader, register


@cache
def _bases() -> frozenset[str]:
    return frozenset(datafiles.load(__file__, "data", "command_line.yaml")["option_actions"])


@register(ast.ClassDef)
def option_action(r: Reader, node: ast.ClassDef) -> None:
    """Remember a module-level class built on an option action (``argparse.Action``)."""
    if r.functions or r.classes:
        return
    if any((r.names.qualname(base) or "") in _bases() for base in node.bases):
        r.g.option_actions.add((r.source.path, node.name))


def in_option_action(r: Reader) -> bool:
    """Whether the walk is in the ``__call__`` of such a class (or a function nested in it)."""
    return (
        len(r.classes) == 1
        and bool(r.functions)
        and r.functions[0].name == "__call__"
        and (r.source.path, r.classes[0]) in r.g.option_actions
    )
