"""Heavy methods of a native library's object that a project helper made (issue 19, deeptools).

``img.resize(...)`` for ``img = Image.open(path)`` is read where the object is made
(`advisor.evidence.libraries`). A program often opens its files through a helper of its own in
another module: deeptools' ``fh = openBam(args.bam)`` then ``for read in fh.fetch(...)``, where
``openBam`` returns a ``pysam.Samfile``. The helpers that return such an object are recorded
(`maker`), the method calls on what a project function returned are kept (`made_call`), and
once every file is read they are the heavy native calls they are (`decide`), for libraries
whose code holds the GIL only (pysam): a helper is matched by its bare name, and one Pillow
image a helper made (pixelsort's rotate) outvoted the Python sorting that is its work.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.observed import Location
from advisor.evidence.tables import under
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer


def _native_object(r: Reader, value: ast.expr | None, depth: int = 0) -> str | None:
    """The qualified constructor of a native library's object *value* holds, if any."""
    if isinstance(value, ast.Tuple) and value.elts:  # ``return bam, mapped, unmapped``
        value = value.elts[0]
    if isinstance(value, ast.Name) and depth < 2:
        return _native_object(r, r.local_values.get(value.id), depth + 1)
    if not isinstance(value, ast.Call):
        return None
    made = r.names.qualname(value.func)
    entry = r.t.native.lookup(made) if made else None
    if entry is None or not under(str(made), entry.get("objects", ())):
        return None
    return made


@register(ast.Return)
def maker(r: Reader, node: ast.Return) -> None:
    """``return bam`` where ``bam = pysam.Samfile(path)``: the function makes that object."""
    if len(r.functions) == 1:
        made = _native_object(r, node.value)
        if made:
            r.g.native_makers[r.functions[0].name] = made


@register(ast.Call)
def made_call(r: Reader, node: ast.Call) -> None:
    """``fh.fetch(...)`` where ``fh = helper(...)``, a call of a project function."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and r.functions):
        return
    value = r.local_values.get(func.value.id)
    if not (isinstance(value, ast.Call) and isinstance(value.func, (ast.Name, ast.Attribute))):
        return
    made = r.names.qualname(value.func)
    if made and r.t.native.lookup(made) is not None:
        return  # the library's own object: read where it is made
    helper = value.func.id if isinstance(value.func, ast.Name) else value.func.attr
    r.g.made_calls.append((r.at(node), helper, func.attr, r.function))


def decide(g: Gatherer) -> None:
    """The kept method calls on an object a project helper made: heavy native calls when the
    helper returns a native library's object and the method is one of its heavy ones."""
    from advisor.evidence.gil_native import votes

    for where, helper, method, function in g.made_calls:
        made = g.native_makers.get(helper)
        entry = g.t.native.lookup(made) if made else None
        if entry is None or method not in entry.get("methods", ()):
            continue
        if not entry.get("holds_gil"):
            # Resolved by the helper's bare name only: a Pillow image a helper made and
            # rotated (pixelsort, whose sorting is Python) turned a Python-bound answer over.
            continue
        if not g.on_path(where):
            continue
        votes(g, Location(where.file, where.line, where.cell), f"{made}.{method}", entry, function)
