"""Writes to a class's own attributes through the class's name, from inside its methods
(issue 19, cause 3): heralding counts its honeypot sessions in ``HandlerBase.global_sessions
+= 1`` in ``create_session``, which every concurrent ``handle_session`` calls, and refuses new
sessions past a maximum. One value every instance and every task shares, though it is no
container (`advisor.evidence.shared_state.class_container` records only containers), and the
target is neither ``self.`` nor a module-level name, so it was not a write at all.

Only the class being defined counts, named explicitly or reached from its own method's
receiver: ``cls.x += 1`` in a ``@classmethod``, ``type(self).x -= 1`` and ``self.__class__.x``
update the same shared value (newcomer review 18, #8). Through the receiver only an update in
place counts: a plain ``cls._db = Database()`` is almost always a lazy one-time set-up under
``if cls._db is None:`` (archivy's temporary folder, mu-editor's font database), not state the
tasks share. ``Other.x = 1`` may be configuration of a class from anywhere. Whether the method runs concurrently is decided for the whole project
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
        if not isinstance(target, ast.Attribute):
            continue
        receiver = target.value
        if (
            isinstance(receiver, ast.Name)
            and receiver.id in r.classes
            and receiver.id not in r.names.local
        ):
            r.write(f"{receiver.id}.{target.attr}", target, "class_value")
        elif (
            isinstance(node, ast.AugAssign)
            and len(r.functions) == 1
            and _own_class(r.functions[0], receiver)
        ):
            r.write(f"{r.classes[-1]}.{target.attr}", target, "class_value")


def _own_class(method: ast.FunctionDef | ast.AsyncFunctionDef, receiver: ast.expr) -> bool:
    """Whether *receiver* is the class of the method's own receiver: its first parameter in a
    ``@classmethod`` (``cls``), or ``type(self)`` / ``self.__class__`` in a plain method."""
    params = method.args.posonlyargs + method.args.args
    if not params:
        return False
    first = params[0].arg
    decorators = {d.id for d in method.decorator_list if isinstance(d, ast.Name)}
    if "staticmethod" in decorators:
        return False
    if "classmethod" in decorators:
        return isinstance(receiver, ast.Name) and receiver.id == first
    if isinstance(receiver, ast.Attribute):
        return (
            receiver.attr == "__class__"
            and isinstance(receiver.value, ast.Name)
            and receiver.value.id == first
        )
    return (
        isinstance(receiver, ast.Call)
        and isinstance(receiver.func, ast.Name)
        and receiver.func.id == "type"
        and len(receiver.args) == 1
        and not receiver.keywords
        and isinstance(receiver.args[0], ast.Name)
        and receiver.args[0].id == first
    )
