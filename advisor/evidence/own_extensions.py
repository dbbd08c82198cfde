"""The project's own compiled extension modules (issue 19, held-back set 22: msprime).

msprime's simulations run in its C library, built by setup.py as ``Extension("msprime._msprime",
sources=[...])`` and called from Python (``_msprime.RandomGenerator(seed)``, a ``Simulator``
built on ``_msprime.Simulator``). Nothing in the native table names a project's own
extension, so the one place the work runs gave no evidence, and ``open()`` calls outvoted it.

A project compiles an extension of its own to compute: a call into one (a function or class of
the module its build declares with ``Extension(name, ...)``, under ``extension_builders`` in
``data/native.yaml``) on the main path, outside vendored code, votes ``--cpu-bound yes`` (medium, one signal per
extension). Whether its C releases the GIL is not in the Python code, so it casts no vote on
``--native-code``. Read before the walk, since setup.py is not read first.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from advisor.evidence.tables import Tables
from advisor.evidence.walk import Reader, register
from advisor.inference import SourceFile


def declared(sources: Iterable[SourceFile], t: Tables) -> frozenset[str]:
    """The dotted module names the build scripts (``setup.py``) declare as compiled
    extensions: the first argument, or ``name=``, of an ``Extension(...)`` call. Not a
    vendored project's build (msprime's git submodule of tskit declares ``_tskit``)."""
    from advisor.lint.analyse import parse  # as the walk parses (`visitor.parse`)

    wanted = t.extension_builders
    found: set[str] = set()
    for source in sources:
        if source.cell is not None or source.path.rsplit("/", 1)[-1] != "setup.py":
            continue
        if t.is_vendored(source.path):
            continue
        if not any(b in source.text for b in wanted):
            continue
        try:
            tree = parse(source.text, source.path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if last not in wanted:
                continue
            given = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "name")]
            for value in given:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.add(value.value)
    return frozenset(found)


def extension_of(qualname: str, extensions: Iterable[str]) -> str | None:
    """The declared extension *qualname* is a name of (``msprime._msprime.Simulator``, or
    ``_msprime.Simulator`` through a relative import), else None."""
    parts = qualname.split(".")
    for extension in extensions:
        last = extension.rsplit(".", 1)[-1]
        if qualname.startswith(extension + ".") or (last in parts[:-1] and last.startswith("_")):
            return extension
    return None


@register(ast.Call)
def own_extension(r: Reader, node: ast.Call) -> None:
    """A call into the project's own compiled extension: the work runs there."""
    if not r.g.own_extensions or not r.callee or r.t.is_vendored(r.source.path):
        return
    extension = extension_of(r.callee, r.g.own_extensions)
    if extension is None:
        return
    reason = r.t.reason("own_extension", name=r.callee, extension=extension)
    r.g.emit("cpu_bound", True, "medium", r.at(node), reason, signal=f"extension:{extension}")
