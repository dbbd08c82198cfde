"""A command-line option whose help says it bounds what runs at once (issue 19, apps set 23).

proxybroker declares ``--max-conn`` (``type=int, default=200``, "The maximum number of
concurrent checks of proxies") and hands it to its broker, which keeps at most that many
checks in flight through a bounded queue; deeper down, each provider's ``asyncio.Semaphore(4)``
bounds the pages of one site. advisor read the semaphore alone and answered
``--concurrency 4``. The option the user turns is the outermost bound, of the program's main
workload: its default is a bound, as a pool's size is, and the largest bound answers
(`advisor.evidence.weigh`). Which help texts say "at once" is data (``concurrency_help`` in
``data/command_line.yaml``); one naming processes or cores bounds CPU workers: context.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from advisor.evidence.observed import Location
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: The calls that declare an option (argparse's ``add_argument``, click's ``option``).
_DECLARE = frozenset({"add_argument", "option"})


@register(ast.Call)
def option_limit(r: Reader, node: ast.Call) -> None:
    """``parser.add_argument("--max-conn", type=int, default=200, help="... concurrent ...")``."""
    if not (isinstance(node.func, ast.Attribute) and node.func.attr in _DECLARE):
        return
    keywords = {k.arg: k.value for k in node.keywords if k.arg}
    help_text = keywords.get("help")
    default = keywords.get("default")
    if not (isinstance(help_text, ast.Constant) and isinstance(help_text.value, str)):
        return
    value = r.names.integer(default, r.local_values) if default is not None else None
    if value is None or value < 1:
        return
    at_once, cpu = _phrases()
    text = help_text.value.lower()
    if not at_once.search(text):
        return
    names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    option = next((n for n in names if n.startswith("--")), names[0] if names else "")
    if not option:
        return
    dest = keywords.get("dest")
    chosen = (
        dest.value if isinstance(dest, ast.Constant) and isinstance(dest.value, str) else option
    )
    limit = OptionLimit(r.at(node), option, chosen.lstrip("-").replace("-", "_"), value)
    r.g.option_limits.append((limit, not cpu.search(text)))


def settle(g: Gatherer) -> None:
    """Once the bounds passed in are weighed (`advisor.evidence.conclude`): each option on the
    main path that no pool or semaphore reads already (``Pool(processes=args.jobs)``, or a
    bound of the same size the option was passed down to, says it where it applies), as a
    bound of its own."""
    read = {p.source[1] for p in g.pending_bounds if p.source[0] == "option"}
    said = {e.value for e in g.evidence if e.question == "concurrency"}
    for limit, io in g.option_limits:
        if limit.dest in read or limit.value in said or not g.on_path(limit.where):
            continue
        reason = g.t.reason("option_bound", option=limit.option, value=str(limit.value))
        g.emit(
            "concurrency" if io else None,
            limit.value if io else None,
            "high",
            limit.where,
            reason,
            signal=f"{limit.option}={limit.value}",
        )


class OptionLimit(NamedTuple):
    """An option that bounds what runs at once: where, its name, its destination, default."""

    where: Location
    option: str
    dest: str
    value: int


@cache
def _phrases() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from advisor.evidence.tables import _load

    table = _load("command_line.yaml")["concurrency_help"]
    return _words(table["at_once"]), _words(table["cpu"])


def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
