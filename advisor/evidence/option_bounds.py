"""Command-line options whose default is a constant of another module (issue 19, cause 5).

trafilatura declares ``--parallel`` with ``default=PARALLEL_CORES``, a name imported from its
``settings`` module (``PARALLEL_CORES = min(CPU_COUNT, 16)``), and sizes its download pool
with ``ThreadPoolExecutor(max_workers=args.parallel)`` in a third module. The option's default
is read once every file is read: the constant the imported name is bound to, in the project
module it names. Its value then sizes what the option sizes (`Graph.options`, project-wide),
as an integer default written in place does. Pure lookups, no evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer


def imported_defaults(g: Gatherer) -> None:
    """Fill `Graph.options` with the options whose default is a constant of another project
    module, when that module binds it to one whole number."""
    for path, module in list(g.modules.items()):
        for dest, written in module.option_names.items():
            qualname = written if "." in written else g.graph.aliases.get(path, {}).get(written)
            if dest in g.graph.options or qualname is None or "." not in qualname:
                continue
            value = _constant(g, qualname)
            if value is not None:
                g.graph.options[dest] = value


def _constant(g: Gatherer, qualname: str) -> int | None:
    """The whole number ``pkg.settings.NAME`` is bound to at the module level of the project
    file for ``pkg.settings`` (``pkg/settings.py`` or ``pkg/settings/__init__.py``, under any
    folder such as ``src/``), or None."""
    dotted, name = qualname.rsplit(".", 1)
    stem = dotted.replace(".", "/")
    found = {
        path: module.constants[name]
        for path, module in g.modules.items()
        if name in module.constants
        and any(path == e or path.endswith("/" + e) for e in (f"{stem}.py", f"{stem}/__init__.py"))
    }
    values = set(found.values())
    return values.pop() if len(values) == 1 else None


def option_value(g: Gatherer, dest: str) -> int | None:
    """The default of the command-line option *dest* (``args.parallel``), project-wide."""
    return g.graph.options.get(dest)
