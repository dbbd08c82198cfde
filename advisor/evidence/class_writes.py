"""Writes to a class's own attributes through the class's name, from inside its methods
(issue 19, cause 3): heralding counts its honeypot sessions in ``HandlerBase.global_sessions
+= 1`` in ``create_session``, which every concurrent ``handle_session`` calls, and refuses new
sessions past a maximum. One value every instance and every task shares, though it is no
container (`advisor.evidence.shared_state.class_container` records only containers), and the
target is neither ``self.`` nor a module-level name, so it was not a write at all.

Only the class being defined, named explicitly, counts: ``Other.x = 1`` may be configuration
of a class from anywhere. Whether the method runs concurrently is decided for the whole project
(`advisor.evidence.shared_writes`); a write of kind "class_value" counts in what workers call too.
"""

from __future__ import annotations

import ast

from advisor.evidence.walk import Reader, register


@register(ast.AugAssign, ast.Assign)
def class_attribute(r: Reader, node: ast.AugAssign | ast.Assign) -> None:
    """``HandlerBase.global_sessions += 1`` in a method of ``HandlerBase``: a class-level
    value every instance shares."""
    if not r.functions or not r.classes:
        return
    targets = [node.target] if isinstance(node, ast.AugAssign) else node.targets
    for target in targets:
        if (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id in r.classes
            and target.value.id not in r.names.local
        ):
            r.write(f"{target.value.id}.{target.attr}", target, "class_value")
