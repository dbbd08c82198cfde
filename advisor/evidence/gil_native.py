"""Heavy native calls, and whether their compiled code lets threads run (``native_code``).

A heavy call into a compiled library computes (``cpu_bound``, a heavy step) whichever
library it is; whether threads can share that work depends on the library: NumPy's array
math releases the GIL, pysam's samtools run in-process does not (issue 19, held-back set 18:
cnvkit maps BED chunks over a process pool to ``pysam.bedcov`` and its expert answers
``--native-code no``). Libraries marked ``holds_gil`` in ``data/native.yaml`` answer "no".

Where the work runs weighs too (`outside_mapped_work`): when the work a process pool maps
runs native code that holds the GIL, a heavy call that releases it (cnvkit's NumPy
smoothing) is listed, not counted: that work needs processes whatever the other steps do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.evidence.observed import Location

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.walk import Reader

#: The signal of native code that holds the GIL: one vote, whatever the calls.
HOLDS_GIL = "holds-gil"


def heavy_call(r: Reader, where: Location, qualname: str, entry: Mapping[str, Any]) -> None:
    """The votes of one heavy native call read in the walk."""
    votes(r.g, where, qualname, entry, r.function)


def votes(
    g: Gatherer, where: Location, qualname: str, entry: Mapping[str, Any], function: str
) -> None:
    """The votes of one heavy native call made in *function*: compiled code computes; it
    releases the GIL unless its library is marked ``holds_gil``."""
    t, name = g.t, str(entry["name"])
    g.function_at[(where.file, where.line)] = function
    if entry.get("holds_gil"):
        reason = t.reason("native_holds_gil", name=qualname, library=name)
        g.emit("native_code", False, "high", where, reason, signal=HOLDS_GIL)
    else:
        reason = t.reason("native_call", name=qualname, library=name)
        g.emit("native_code", True, "high", where, reason, signal=name)
    reason = t.reason("native_compute", name=qualname, library=name)
    g.emit("cpu_bound", True, "medium", where, reason, signal=name)
    step = t.reason("heavy_step", what=qualname, function=function)
    g.emit("cpu_heavy_steps", True, "medium", where, step, signal=name)


def outside_mapped_work(g: Gatherer) -> None:
    """The work a process pool maps is the work the author made parallel
    (`advisor.evidence.pool_maps.decide` records the functions it calls). When that work
    runs native code that holds the GIL (cnvkit's ``pysam.bedcov`` per BED chunk), threads
    would take turns on it whatever NumPy does in another step: each "native code that
    releases the GIL" vote is then listed (context), not counted, and ``--native-code`` is
    "no". A pool whose work only calls libraries that release the GIL changes nothing."""
    work = g.mapped_work
    if not work:
        return
    holds = [
        e
        for e in g.evidence
        if e.question == "native_code"
        and e.signal == HOLDS_GIL
        and e.file
        and g.graph.unit_at(e.file, e.line, e.cell).rsplit(".", 1)[-1] in work
    ]
    if not holds:
        return
    first = min(holds, key=lambda e: (e.file, e.cell or 0, e.line))
    kept = []
    for item in g.evidence:
        if item.question == "native_code" and item.value is True and item.file:
            reason = g.t.reason(
                "native_outside_pool", reason=item.reason, work=f"{first.file}:{first.line}"
            )
            g.context.append(item._replace(question=None, value=None, reason=reason))
            continue
        kept.append(item)
    g.evidence = kept
