"""Command-line options whose default is a constant of another module (issue 19, cause 5).

trafilatura declares ``--parallel`` with ``default=PARALLEL_CORES``, a name imported from its
``settings`` module (``PARALLEL_CORES = min(CPU_COUNT, 16)``), and sizes its download pool
with ``ThreadPoolExecutor(max_workers=args.parallel)`` in a third module. The option's default
is read once every file is read: the constant the imported name is bound to, in the project
module it names. Its value then sizes what the option sizes (`Graph.options`, project-wide),
as an integer default written in place does. An option no parser declares may be a
configuration object's attribute, whose class writes its default (`attribute_default`). Pure
lookups, no evidence.
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


def attribute_default(g: Gatherer, name: str) -> int | None:
    """``range(cf.num_workers)`` where ``cf`` is the project's configuration object, whose
    class sets ``self.num_workers = 1`` before it reads the user's file (mqttwarn's
    ``Config.__init__``; issue 19, held-back set 22): with no command-line option of that
    name, the whole number the project's classes set the attribute to is its default. Only
    when every assignment of that attribute in the project's classes writes the same whole
    number: one set from a parameter, or two different numbers, are not a default."""
    values: set[int] = set()
    for (_file, _cls, attribute), items in g.graph.attribute_values.items():
        if attribute != name:
            continue
        for item in items:
            if item[0] != "int" or not isinstance(item[1], int):
                return None
            values.add(item[1])
    return values.pop() if len(values) == 1 else None
