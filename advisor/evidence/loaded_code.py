"""Code compiled from a file the function opens under the same name is a script or settings
file loaded, not the user's code evaluated between events (issue 19, cause 1).

`advisor.evidence.gui_work` reads ``exec``/``eval`` of compiled code in a desktop app as the
user's code run between two events, a heavy step (pyspread's cells, cq-editor's script, both
compiled under a made-up name: ``'<string>'``, ``DUMMY_FILE``). feeluown's rc file
(``compile(f.read(), filepath, 'exec')`` after ``open(filepath)``) and bluesky-simulator's
settings file (``compile(config, _cfgfile, 'exec')`` after ``open(_cfgfile)``) are compiled
under the path they were read from: configuration loaded, once, at start. Pure: reads the
call, the function around it, or the module's text.
"""

from __future__ import annotations

import ast
from functools import cache

#: The builtins that open a file by its path.
_OPENERS = frozenset({"open"})


def file_loaded(code: ast.expr, function: ast.AST, text: str) -> bool:
    """Whether *code*, the code object handed to ``exec``/``eval`` in *function*, is a file's
    text compiled under the name it was opened with: ``compile(...)`` written in place, or a
    name in a module (*text*) every ``compile`` call of which loads a file."""
    if isinstance(code, ast.Call):
        return _loads(code, function)
    return isinstance(code, ast.Name) and _module_loads(text)


def _loads(call: ast.Call, function: ast.AST) -> bool:
    """``compile(source, name, mode)`` where *function* (or the source itself) opens
    ``name``."""
    if not (isinstance(call.func, ast.Name) and call.func.id == "compile" and len(call.args) > 1):
        return False
    name = call.args[1]
    if isinstance(name, ast.Constant):
        return False
    wanted = ast.dump(name)
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _OPENERS
        and node.args
        and ast.dump(node.args[0]) == wanted
        for node in ast.walk(function)
    )


@cache
def _module_loads(text: str) -> bool:
    """Every builtin ``compile`` call of the module, each in its function, loads a file."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    found = False
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "compile"
            ):
                if not _loads(node, function):
                    return False
                found = True
    return found
