"""Child processes the program starts and does not wait for (issue 19, held-back sets 21 and 22).

A child process counts as waiting (``--cpu-bound no``: "the computing happens in the child";
``--async-libs no``: the call blocks the thread) when the program waits for it. Two ways of
starting one are no such wait:

- **Started and let go**: ``subprocess.Popen([...])`` whose result is thrown away (gridsync
  opens the file manager on a folder with ``subprocess.Popen(["open", path])``). ``Popen``
  returns at once; nothing waits for the child, so it says nothing about what the program
  waits on. Said as context.
- **Fed in a loop**: ``proc = Popen(cmd, stdin=PIPE)`` and, in a loop of the same function,
  ``proc.stdin.write(...)`` (auto-editor writes every frame it decoded and reformatted to an
  ffmpeg encoder's stdin). The child is the last stage of the program's own pipeline: it works
  beside the program's loop on what that loop produces, and the loop is the program's work.
  Writing to the pipe still blocks when the child lags (``--async-libs``), but it is no sign
  that the work waits rather than computes: no ``--cpu-bound`` vote.

Which calls start a child and return at once is data (``starts`` of the process library in
``data/libraries.yaml``). Pure: reads the function around the call, once per function.
"""

from __future__ import annotations

import ast
from collections.abc import Collection

from advisor.evidence.walk import Reader

#: What `how` says of a start.
LET_GO = "let_go"
FED = "fed"

_WRITES = frozenset({"write", "writelines"})


def how(r: Reader, node: ast.Call, qualname: str, starts: Collection[str]) -> str | None:
    """`LET_GO` when *node* starts a child and drops it; `FED` when it starts one the
    function feeds through its stdin in a loop, or is a call on that child (its
    ``stdin.write``, the ``wait()`` for the last frames); None for any other call."""
    if not r.functions:
        return None
    scope = r.functions[-1]
    key = (r.source.path, r.source.cell, scope.lineno, scope.col_offset)
    cache = r.g.child_starts.get(key)
    if cache is None:
        cache = r.g.child_starts[key] = _read(scope)
    found = cache.get((node.lineno, node.col_offset))
    if found == FED or (found == LET_GO and qualname in starts):
        return found
    return None


def _read(scope: ast.AST) -> dict[tuple[int, int], str]:
    """Each call of *scope* whose value is dropped (`LET_GO`) or bound to a name whose
    ``.stdin.write`` a loop of *scope* calls (`FED`), by position."""
    found: dict[tuple[int, int], str] = {}
    bound: dict[str, list[ast.Call]] = {}
    fed: set[str] = set()
    for item in ast.walk(scope):
        if isinstance(item, ast.Expr) and isinstance(item.value, ast.Call):
            found[(item.value.lineno, item.value.col_offset)] = LET_GO
        elif isinstance(item, ast.Assign) and isinstance(item.value, ast.Call):
            for target in item.targets:
                if isinstance(target, ast.Name):
                    bound.setdefault(target.id, []).append(item.value)
        elif isinstance(item, (ast.For, ast.While, ast.AsyncFor)):
            for inner in ast.walk(item):
                name = _stdin_writer(inner)
                if name is not None:
                    fed.add(name)
    for name in fed:
        for call in bound.get(name, ()):
            found[(call.lineno, call.col_offset)] = FED
    for item in ast.walk(scope) if fed else ():
        if isinstance(item, ast.Call) and _receiver(item.func) in fed:
            found[(item.lineno, item.col_offset)] = FED
    return found


def _receiver(func: ast.expr) -> str | None:
    """``proc.stdin.write`` or ``proc.wait`` -> ``proc``."""
    if not isinstance(func, ast.Attribute):
        return None
    while isinstance(func, ast.Attribute):
        func = func.value
    return func.id if isinstance(func, ast.Name) else None


def _stdin_writer(node: ast.AST) -> str | None:
    """``proc.stdin.write(data)`` -> ``proc``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    if node.func.attr not in _WRITES:
        return None
    pipe = node.func.value
    if (
        isinstance(pipe, ast.Attribute)
        and pipe.attr == "stdin"
        and isinstance(pipe.value, ast.Name)
    ):
        return pipe.value.id
    return None
