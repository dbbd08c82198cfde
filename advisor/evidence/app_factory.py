"""An app built by a factory called at module level is where a service starts (issue 19,
newcomer review 20).

Flask's documented layout builds the app in ``create_app()`` inside the package and serves
it from ``wsgi.py``: ``app = create_app()``; FastAPI projects do the same with
``app = get_application()``. Nothing at module level names the framework there, so the
main path started at the first ``Blueprint(...)`` it saw, never reached the factory, and
the Flask import was set aside as "an app built off the main path": ``--program`` fell to
"script" and the answer was the batch crawler's template. The call is the entry point
(``app_factories`` in ``data/mainpath.yaml``): the main path runs from it into the
factory, where the framework's app is built, and that app says what the program is.
"""

from __future__ import annotations

import ast

from advisor.evidence.gather import FACTORY_ENTRY
from advisor.evidence.programs import _support
from advisor.evidence.units import names
from advisor.evidence.walk import Reader, register


@register(ast.Assign)
def factory_app(r: Reader, node: ast.Assign) -> None:
    """``app = create_app()`` at module level, outside a project's docs, examples and build
    files: an entry point citing the factory."""
    if r.functions or r.classes or not isinstance(node.value, ast.Call):
        return
    func = node.value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name not in names()["app_factories"] or _support(r.source.path):
        return
    r.g.entry(r.at(node), FACTORY_ENTRY, name)
