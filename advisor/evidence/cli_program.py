"""A declared console script that parses its command line and serves nothing is a
command-line program (issue 19: djlint, comic-dl, img2dataset).

A main guard alone says "script" weakly (`advisor.evidence.programs`): a module run with
``python -m`` may also start a server or a window. What says more is the package declaring
the entry itself (``[project.scripts]``, ``console_scripts``) and that entry's module reading
its options (itself, or a module it calls directly) with a command-line parser (argparse, click, typer, Fire ...): a tool run from a
shell, which ends when its work is done. Voted medium only when nothing on the main path says
the program is anything else (a served app, a window, a bot, a notebook): a Flask app behind a
click group (archivy's ``archivy run``) keeps its service vote alone, and a program with an
event loop, sockets or a readiness loop of its own (sshuttle's select loop) is not voted on.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from advisor import datafiles
from advisor.evidence.observed import Location

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer


@cache
def parsers() -> Mapping[str, str]:
    """Top-level modules that read a command line, and the name a reason shows
    (`data/command_line.yaml`)."""
    return dict(datafiles.load(__file__, "data", "command_line.yaml")["parsers"])


def decide(g: Gatherer) -> None:
    """``--program script`` (medium) at the declared console script whose module parses
    its command line, when no evidence on the path names another kind of program."""
    path = g.main_path
    if path is None:
        return
    if g.graph.app_classes or any((a.file, a.unit) not in path.opt_in for a in g.graph.apps):
        # A framework's app (a server, a window) anywhere, even behind a subcommand; but not
        # one built only behind an option off by default (a `--gui` dashboard, issue 19).
        return
    if g.async_seen or g.readiness_loops or g.socket_files or g.socket_calls or g.event_clients:
        return  # an event loop, sockets or a readiness loop: it may serve (sshuttle)
    seen = (*g.evidence, *g.unreached, *g.context)
    if any(e.question == "program" and e.value != "script" for e in seen):
        return
    for entry in path.entries:
        # An entry point (``module:function``); a distutils ``scripts=[bin/limbo]`` file may
        # be any program's launcher (limbo's starts a Slack bot that runs until stopped).
        if entry.kind != "script" or not entry.file or ":" not in entry.where:
            continue
        # The entry's module, or a module it calls into directly (comic-dl's ``__main__``
        # hands ``sys.argv`` to ``ComicDL``, whose module runs argparse).
        near = {entry.file} | {file for (file, _), depth in path.depth.items() if depth <= 1}
        imported = [n for file in sorted(near) for n in g.graph.aliases.get(file, {}).values()]
        table = parsers()
        found = sorted({table[n.split(".", 1)[0]] for n in imported if n.split(".", 1)[0] in table})
        if not found:
            continue
        function = entry.where.rsplit(":", 1)[-1]
        defined = g.defs.get(function)
        line = defined.line if defined is not None and defined.file == entry.file else entry.line
        reason = g.t.reason("cli_script", name=entry.name or entry.where, parser=found[0])
        g.emit(
            "program",
            "script",
            "medium",
            Location(entry.file, line, None),
            reason,
            signal="console-script",
        )
        return
