"""One framework package, two generations that run differently: which one the project is.

python-telegram-bot before v20 polls with ``Updater`` and calls plain ``def`` handlers on its
own threads; from v20 it builds an ``Application`` and awaits ``async def`` handlers. Both are
imported from ``telegram.ext``, so an import of the package alone made a v13 bot "async" and
handed it ``async def`` handlers (newcomer review 15). The older generation's class, with no
class only the newer one has anywhere in the project, makes every import of the package the
older generation's (``generations`` in ``data/frameworks.yaml``). Settled once all files are
read, before the main path is applied (`advisor.evidence.conclude.apply_main_path`): a
handlers module imports ``CallbackContext`` in either generation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.evidence.observed import Location

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer


def settle(g: Gatherer) -> None:
    """Relabel the package's evidence to the generation the project is built on."""
    for older, spec in g.t.generations.items():
        newer = str(spec["of"])
        if not any(e.signal == older for e in g.evidence):
            continue
        if g.marks & frozenset(spec["newer"]):
            # `Updater` beside `Application`: v20 code that names its updater, not v13.
            g.evidence = [e for e in g.evidence if e.signal != older]
            continue
        dropped = {
            Location(e.file, e.line, e.cell)
            for e in g.evidence
            if e.signal == newer and e.question == "async_app" and e.value is True
        }
        g.evidence = [
            e._replace(signal=older) if e.signal == newer else e
            for e in g.evidence
            if not (e.signal == newer and e.question == "async_app")
        ]
        # The import said an event loop runs there; the older generation runs none.
        g.async_at = [w for w in g.async_at if w not in dropped]
        g.async_seen = bool(g.async_at)
