"""A Python loop over every byte of a buffer, transforming each in place: a heavy step, in
Python bytecode (issue 19, cause 1 the other way: work not recognised).

`advisor.evidence.loops` counts nested loops doing arithmetic; a flat loop is the bookkeeping of
most programs. One flat shape is not: ``for i in range(len(data)): data[i] ^= key[i % n]``,
mloader's decryption of every downloaded page image (hundreds of kilobytes to megabytes, a
tenth of a second per megabyte), and the same shape in checksum and obfuscation helpers.
Recognised only when the loop goes over the positions of a buffer (``range(len(buf))``,
``enumerate(buf)``) and rewrites that buffer's item at the loop's position with a bitwise
operator (``^=``, ``&=``, ``|=``, shifts), the buffer a ``bytearray`` the function builds or
the operand a key cycled over it (``key[i % n]``): a byte-wise transform of the whole
buffer, not a few flags masked in a list. It answers ``--cpu-heavy-steps`` yes and ``--native-code`` no (medium), never
``--cpu-bound``: such a step sits between downloads or reads, which the rest of the evidence
weighs.
"""

from __future__ import annotations

import ast

from advisor.evidence.walk import Reader, register

#: All such loops are one signal when answers are weighed.
SIGNAL = "byte-loop"
_BITWISE = (ast.BitXor, ast.BitAnd, ast.BitOr, ast.LShift, ast.RShift)


@register(ast.For)
def byte_loop(r: Reader, node: ast.For) -> None:
    """``for i in range(len(buf)): buf[i] ^= ...`` (or ``enumerate(buf)``) in a function."""
    if not r.functions:
        return
    found = _positions(node)
    if found is None:
        return
    index, buffer = found
    rewrites = [stmt for stmt in node.body if _rewrites(stmt, buffer, index)]
    if not rewrites:
        return
    if not (_bytes(r.local_values.get(buffer)) or any(_cycles(stmt) for stmt in rewrites)):
        return
    t, where, name = r.t, r.at(node), r.function
    step = t.reason("heavy_step", what=t.kind("byte_loop"), function=name)
    r.g.emit("cpu_heavy_steps", True, "medium", where, step, signal=SIGNAL)
    reason = t.reason("python_bytecode", function=name)
    r.g.emit("native_code", False, "medium", where, reason, signal=SIGNAL)


def _positions(node: ast.For) -> tuple[str, str] | None:
    """(index name, buffer name) of ``for i in range(len(buf))`` or
    ``for i, _ in enumerate(buf)``; None for any other loop."""
    it, target = node.iter, node.target
    if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and len(it.args) == 1):
        return None
    arg = it.args[0]
    if it.func.id == "range" and isinstance(target, ast.Name):
        inner = arg
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Name)
            and inner.func.id == "len"
            and len(inner.args) == 1
            and isinstance(inner.args[0], ast.Name)
        ):
            return target.id, inner.args[0].id
    if (
        it.func.id == "enumerate"
        and isinstance(arg, ast.Name)
        and isinstance(target, ast.Tuple)
        and target.elts
        and isinstance(target.elts[0], ast.Name)
    ):
        return target.elts[0].id, arg.id
    return None


def _rewrites(stmt: ast.stmt, buffer: str, index: str) -> bool:
    """``buf[i] ^= ...`` or ``buf[i] = buf[i] ^ ...`` (any bitwise operator)."""
    if isinstance(stmt, ast.AugAssign):
        return isinstance(stmt.op, _BITWISE) and _item(stmt.target, buffer, index)
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        value = stmt.value
        return (
            _item(stmt.targets[0], buffer, index)
            and isinstance(value, ast.BinOp)
            and isinstance(value.op, _BITWISE)
        )
    return False


def _item(node: ast.expr, buffer: str, index: str) -> bool:
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == buffer
        and isinstance(node.slice, ast.Name)
        and node.slice.id == index
    )


def _bytes(value: ast.expr | None) -> bool:
    """A buffer built as ``bytearray(...)`` in the function."""
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "bytearray"
    )


def _cycles(stmt: ast.stmt) -> bool:
    """A key cycled over the buffer (``key[i % n]``): a cipher's or checksum's shape."""
    return any(
        isinstance(n, ast.Subscript)
        and isinstance(n.slice, ast.BinOp)
        and isinstance(n.slice.op, ast.Mod)
        for n in ast.walk(stmt)
    )
