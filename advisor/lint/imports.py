"""Import tables: the names an import statement binds and the dotted names they stand for.

One definition for the linter's binding tables (`bindings`), code inference (`evidence.scopes`)
and the main-path walk (`evidence.reach`), so all agree on what ``import numpy as np`` and
``from .m import f`` mean; it needs no scope, only the importing module's name, so it stands alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator


def relative_module(module: str, is_package: bool, level: int, name: str | None) -> str | None:
    """The absolute module of ``from {'.' * level}{name} import ...`` written in *module*."""
    if level == 0:
        return name
    parts = module.split(".") if module else []
    if not is_package:
        parts = parts[:-1]
    if level - 1 > len(parts):
        return None
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    base = ".".join(parts)
    if name:
        return f"{base}.{name}" if base else name
    return base or None


def imported(
    node: ast.Import | ast.ImportFrom, module: str = "", is_package: bool = False
) -> Iterator[tuple[str, str | None]]:
    """The names an import statement binds, each with the dotted name it stands for.

    ``import a.b`` binds ``a`` (to ``a``), ``import a.b as c`` binds ``c`` (to ``a.b``),
    ``from .m import f as g`` in package *module* binds ``g`` to ``<package>.m.f``. The target is
    None for a relative import that climbs above the top package; a star import yields ``*``
    with the module it reads. One definition for the linter and for inference, so both agree
    on what ``import numpy as np`` means.
    """
    if type(node) is ast.Import:
        for alias in node.names:
            if alias.asname:
                yield alias.asname, alias.name
            else:
                top = alias.name.partition(".")[0]
                yield top, top
        return
    assert isinstance(node, ast.ImportFrom)
    base = relative_module(module, is_package, node.level, node.module)
    for alias in node.names:
        if alias.name == "*":
            yield "*", base
        else:
            target = None if base is None else f"{base}.{alias.name}"
            yield alias.asname or alias.name, target
