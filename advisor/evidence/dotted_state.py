"""A project module's container changed through its dotted import path (issue 19).

tgpy (apps_dev15) keeps the variables of every evaluation in one module-level dict of
``tgpy/api/tgpy_eval.py``, re-exported by ``tgpy/api/__init__.py``, and every message handler
changes it as ``tgpy.api.variables.update(...)`` after ``import tgpy``. A name imported by
itself (``from pkg.worker import clients``) was followed; the same dict reached through the
module's dotted path was not, so the handlers looked as if they shared nothing.

While reading (`written`): an attribute chain whose root is a name the file imports
(``tgpy.api.variables``, ``config.cache``) names a candidate; once every file is read
(`is_container`): it counts only when the module it leads to, followed through the
re-exports of package ``__init__.py`` files, binds a container to that name at its module
level. ``os.environ`` or ``logging.root.handlers`` lead to no project module and never count.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer
    from advisor.evidence.observed import Write
    from advisor.evidence.walk import Reader

#: The kind of `Write` this module records (`advisor.evidence.observed.Write.kind`).
DOTTED = "dotted"
#: How many re-exports (``from .tgpy_eval import variables`` in a package) are followed.
_HOPS = 4


def written(r: Reader, node: ast.expr) -> tuple[str, str] | None:
    """The dotted name and kind of the candidate container *node* names inside a function:
    ``tgpy.api.variables`` for ``tgpy.api.variables.update(...)`` after ``import tgpy``."""
    chain: list[str] = []
    while isinstance(node, ast.Attribute):
        chain.append(node.attr)
        node = node.value
    if not (chain and r.functions and isinstance(node, ast.Name)):
        return None
    if node.id in r.names.local or node.id in r.module.containers:
        return None
    root = r.g.graph.aliases.get(r.source.path, {}).get(node.id)
    if root is None:
        return None
    return ".".join([root, *reversed(chain)]), DOTTED


def is_container(g: Gatherer, write: Write) -> bool:
    """Whether the dotted name *write* changes leads to a container a project module binds
    at its module level, through the re-exports of the modules on the way."""
    from advisor.evidence.follow import _resolver

    resolver = _resolver(g.graph)
    near = write.where.file
    dotted = write.target
    for _ in range(_HOPS):
        if "." not in dotted:
            return False
        module, name = dotted.rsplit(".", 1)
        home = resolver.module(module, near)
        if home is None:
            return False
        found = g.modules.get(home)
        if found is not None and name in found.containers:
            return True
        dotted = g.graph.aliases.get(home, {}).get(name, "")
        near = home
    return False
