"""A library's bundled command line (issue 19, cause 8): jmespath's setup.py installs
``scripts=['bin/jp.py']``, 54 lines that parse an expression and a file, call
``jmespath.search`` and print the result. The script is a front end to the package's public
API, the functions its ``__init__.py`` defines, not the start of an application: it hands
over to no start function (``main``, ``run``, `entry_names.delegates`) and reaches nothing
else of the project. When every main entry point is such a script, the project is a library
with a tool beside it (the command line refuses it unless the user insists).

An application's launcher differs: limbo's ``bin/limbo`` calls ``limbo.main``, heralding's
``bin/heralding`` builds ``heralding.honeypot.Honeypot``, gopro-overlay's
``bin/gopro-dashboard.py`` calls deep into its package's modules. Pure: reads the graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.evidence.entry_names import delegates
from advisor.evidence.follow import _resolver, _Walk
from advisor.evidence.units import MAIN_GUARD, MODULE

if TYPE_CHECKING:
    from advisor.evidence.mainpath import MainPath
    from advisor.evidence.units import Graph

#: The package's module that holds its public API.
_API = "__init__.py"


def api_scripts(graph: Graph, path: MainPath | None) -> tuple[str, ...]:
    """When every main entry point is a file installed as a command that calls the project
    only through its package's public API: ``"bin/jp.py: jmespath.search, ..."`` for each;
    () otherwise."""
    if path is None or not path.entries:
        return ()
    packages = {f.rsplit("/", 1)[0] for f in graph.files if f.endswith("/" + _API)}
    found: list[str] = []
    for entry in path.entries:
        file = entry.file
        # A module of the package itself (``pkg/cli.py``) is the package's own program.
        inside = any(file.startswith(p + "/") for p in packages)
        if entry.kind != "script" or entry.where != file or inside or delegates(graph, file):
            return ()
        calls = _api_calls(graph, file)
        if not calls:
            return ()
        found.append(f"{file}: {', '.join(calls)}")
    return tuple(found)


def _api_calls(graph: Graph, file: str) -> list[str]:
    """The project's functions and classes *file* calls, as ``pkg.name``, when every one is
    defined in a package's ``__init__.py``; [] when it calls anything else of the project."""
    walk = _Walk(graph, _resolver(graph))
    names: list[str] = []
    for unit, target in sorted(graph.called):
        if unit[0] != file:
            continue
        for kind, (where, name) in walk.resolve(file, target):
            if where == file or name in (MODULE, MAIN_GUARD):
                continue
            if not where.endswith("/" + _API) or kind not in ("unit", "class"):
                return []
            dotted = f"{where[: -len(_API) - 1].rsplit('/', 1)[-1]}.{name}"
            if dotted not in names:
                names.append(dotted)
    return names
