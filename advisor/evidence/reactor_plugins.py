"""For `advisor.evidence.reactors`, the walk's handlers: the service makers a module of a
runner's plugin folder names (``twisted/plugins/*.py``: an ``@implementer(IServiceMaker)``
class, or ``ServiceMaker("...", "pkg.server_tap", ...)``), kept in `Graph.service_makers`
for the main path. Apart from `reactors` so that the main path reads the plugins without
importing the walk (no import circle)."""

from __future__ import annotations

import ast

from advisor.evidence.reactors import plugin_reactor
from advisor.evidence.walk import Reader, register


@register(ast.ClassDef)
def maker_class(r: Reader, node: ast.ClassDef) -> None:
    """``@implementer(IServiceMaker, IPlugin) class CowrieServiceMaker`` in a plugin module:
    the runner calls its ``makeService``."""
    reactor = plugin_reactor(r.source.path)
    if reactor is None or r.functions or r.classes:
        return
    for decorator in node.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        named = {r.names.qualname(a) for a in decorator.args}
        if named & set(reactor["makers"]):
            unit = f"{node.name}.{reactor['method']}"
            r.g.graph.service_makers.append((r.source.path, node.lineno, unit))
            return


@register(ast.Call)
def maker_call(r: Reader, node: ast.Call) -> None:
    """``ServiceMaker("Mailbox", "wormhole_mailbox_server.server_tap", ...)`` in a plugin
    module: the runner calls the named module's ``makeService``."""
    reactor = plugin_reactor(r.source.path)
    if reactor is None or r.callee not in reactor["makers"]:
        return
    texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
    modules = [t for t in texts if isinstance(t, str) and "." in t and " " not in t]
    if len(node.args) >= 2 and modules:
        target = f"{modules[0]}:{reactor['method']}"
        r.g.graph.service_makers.append((r.source.path, node.lineno, target))
