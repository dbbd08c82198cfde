"""One subcommand of a group with no default serves an app, and the others do not (issue 19,
cause 2: pinnwand's ``http`` beside ``add``, ``delete``, ``reap``): which of them is the
program. A step of `advisor.evidence.weigh.infer`, after the answers are weighed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.evidence.tables import listing
from advisor.evidence.units import names
from advisor.inference import Evidence, Inference, InferredAnswer

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.mainpath import MainPath
    from advisor.evidence.units import App, Unit


def serving_command(gatherer: Gatherer, inference: Inference) -> Inference:
    """One subcommand of a group with no default builds and serves an app, and the others do
    not (pinnwand's ``http`` runs Tornado beside ``add``, ``delete`` and ``reap``; mkdocs'
    ``serve`` beside ``build``). The app is set aside as the default path's (its program kind
    and event loop do not vote), so ``--program`` fell to the tree's default "script"
    without a word, and for pinnwand to threading where its server is asyncio's. When the
    other commands do no work of their own (`_maintenance`: they open the storage the app's
    handlers use, and nothing else), they maintain the service, and the service is the
    program: the app's kind is a medium answer. Otherwise whether the program is that server
    or the other commands' work, the code cannot say: the app's kind is a low answer, which
    `scan --recommend` asks when it changes the model, naming the command; so is the event
    loop an async framework runs."""
    path = gatherer.main_path
    program = inference.questions.get("program")
    if path is None or not path.commands or (program is not None and program.decided):
        return inference
    t = gatherer.t
    serving: list[tuple[str, App, str, bool]] = []
    for name, _unit, units in path.commands:
        for app in gatherer.graph.apps:
            framework = t.frameworks.lookup(app.framework)
            if (
                framework is None
                or (app.file, app.unit) not in units
                or path.by_default(app.file, app.unit)
                or app.kind not in {"service", "gui"}
            ):
                continue
            label, is_async = str(framework["name"]), bool(framework["async_app"])
            serving.append((name, app, label, is_async))
            break
    if not serving or len(serving) == len(path.commands):
        return inference
    command, app, label, is_async = serving[0]
    file, line, kind = app.file, app.line, app.kind
    questions = dict(inference.questions)
    others = _maintenance(gatherer, path, {s[0] for s in serving})
    if others and len(serving) == 1:
        # Commands with no work of their own maintain what the app serves (pinnwand's add,
        # delete, reap on its database): the app is the program.
        level = "medium"
        reason = t.reason(
            "subcommand_serves", command=command, name=label, kind=kind, others=listing(others)
        )
    else:
        level = "low"
        reason = t.reason("subcommand_app", command=command, name=label, kind=kind)
    said = Evidence("program", kind, level, file, line, reason, f"subcommand:{command}")
    questions["program"] = InferredAnswer("program", kind, level, (said,))
    if is_async and "async_app" not in questions:
        loop = Evidence("async_app", True, level, file, line, reason, f"subcommand:{command}")
        questions["async_app"] = InferredAnswer("async_app", True, level, (loop,))
    return inference._replace(questions=questions)


def _maintenance(gatherer: Gatherer, path: MainPath, serving: set[str]) -> list[str]:
    """The commands beside the serving ones, when none of them has evidence of its own: no
    piece of evidence in a unit it reaches that the serving command does not reach too,
    no folder listed there (``glob``, ``os.walk``: `data/mainpath.yaml` ``folder_listings``)
    and no framework app of its own (pinnwand's ``add``, ``delete``, ``reap`` and ``resyntax``
    only open the database session the server's handlers use, issue 19). Empty when one of
    them does work of its own (mkdocs' ``build`` reads and writes every page of a folder, which
    leaves no evidence of its own when the pages are small; a tool's ``convert``)."""
    graph = gatherer.graph
    listings = set(names()["folder_listings"])
    served: set[Unit] = set()
    for name, _command, units in path.commands:
        if name in serving:
            served |= units
    others: list[str] = []
    for name, _command, units in path.commands:
        if name in serving:
            continue
        alone = units - served
        if any(
            e.file and (e.file, graph.unit_at(e.file, e.line, e.cell)) in alone
            for e in gatherer.evidence
        ):
            return []
        if any((a.file, a.unit) in alone for a in graph.apps):
            return []
        if any(listings & gatherer.calls_any.get(unit[1], set()) for unit in alone):
            return []
        others.append(name)
    return sorted(others)
