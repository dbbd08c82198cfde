"""Modules compiled by Cython in pure-Python mode: their loops run as C, not bytecode.

A module that imports ``cython`` at its top (``@cython.cfunc``, ``x: cython.int``, ``with
cython.nogil:``) is written to be compiled: its build (setup.py's ``cythonize``) turns it
into an extension module, and its loops run as C (issue 19, held-back set 20: MACS3's
parsers and pile-ups). Read as plain Python, those loops said "Python bytecode, which holds
the GIL" and outvoted the NumPy calls beside them. Whether threads can share compiled work is
said by the module itself: a module that releases the GIL somewhere (``@cython.nogil``,
``with cython.nogil:``, ``prange``) was written for threads, and its loops answer
``--native-code yes``; one that never does holds the GIL like bytecode ("no", said as what
it is). ``cpu_bound`` and ``cpu_heavy_steps`` are the same either way: compiled loops
compute.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.byte_loops import SIGNAL as BYTE_LOOP
from advisor.evidence.cpu import HOT_LOOPS
from advisor.evidence.observed import INPUT_WORK
from advisor.evidence.walk import Reader, register
from advisor.inference import Evidence

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: The signal of compiled loops that release the GIL: one vote, whatever the modules.
RELEASES_GIL = "cython-nogil"
#: The signals whose "no" says "Python bytecode, which holds the GIL" (hot loops, a worker's
#: loop, per-record work, byte loops); a library that holds the GIL (pysam) has its own.
BYTECODE = frozenset({HOT_LOOPS, "loop-work", INPUT_WORK, BYTE_LOOP})
#: Names under ``cython`` that release the GIL where they are used.
_NOGIL = frozenset({"nogil", "prange"})


@register(ast.Module)
def cython_module(r: Reader, node: ast.Module) -> None:
    """Record a module written for Cython: True when it releases the GIL somewhere."""
    nogil = _cython(node)
    if nogil is not None and r.first:
        r.g.compiled[r.at(node).file] = nogil


def recast(g: Gatherer) -> None:
    """The loops of a compiled module are not bytecode: each bytecode vote read in such a
    module becomes what its module says (`cython_module`)."""
    if not g.compiled:
        return
    kept: list[Evidence] = []
    for item in g.evidence:
        nogil = g.compiled.get(item.file)
        if nogil is None or item.question != "native_code" or item.signal not in BYTECODE:
            kept.append(item)
            continue
        reason = g.t.reason("cython_nogil" if nogil else "cython_gil", file=item.file)
        signal = RELEASES_GIL if nogil else item.signal
        kept.append(item._replace(value=nogil, reason=reason, signal=signal))
    g.evidence = kept


def _cython(module: ast.Module) -> bool | None:
    """None for a module that imports nothing of ``cython`` at its top; else whether it
    releases the GIL somewhere: ``cython.nogil``, ``cython.parallel.prange``, or those names
    imported from ``cython``."""
    names: set[str] = set()
    written = False
    for stmt in module.body:
        if isinstance(stmt, ast.Import):
            written = written or any(a.name == "cython" for a in stmt.names)
        elif isinstance(stmt, ast.ImportFrom) and (stmt.module or "").split(".")[0] == "cython":
            written = True
            names.update(a.asname or a.name for a in stmt.names if a.name in _NOGIL)
    if not written:
        return None
    for node in ast.walk(module):
        if isinstance(node, ast.Attribute) and node.attr in _NOGIL:
            return True
        if isinstance(node, ast.Name) and node.id in names:
            return True
    return False
