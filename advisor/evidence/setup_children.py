"""Child processes that set a program up, not its workload (issue 19, apps_dev14).

opsdroid clones or pulls each plugin's git repository while it loads its configuration, once
before its connectors start (``subprocess.Popen(["git", "clone", ...])``), and its ``config
edit`` command opens the user's editor (``subprocess.run([editor, file])``). Such a wait runs
once, while the program is installed or configured, never as a step of the tasks it runs
concurrently: it does not say whether the libraries the workload waits on are async, so it is
context for ``--async-libs``, not a "no" vote. Which tools and arguments mean "set up" is data
(``setup_commands`` and ``setup_editors`` in ``data/mainpath.yaml``). Pure: reads one call.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from advisor.evidence.units import names

if TYPE_CHECKING:
    from advisor.evidence.walk import Reader


def setting_up(r: Reader, node: ast.Call) -> str | None:
    """The set-up command (``git clone``, the user's editor) the child process of call *node*
    runs, outside a coroutine (inside one it still stops every task), or None. The call may be
    the start (``subprocess.Popen(["git", "clone", ...])``, or a local list of arguments
    passed) or a wait on the child started in the same function (``process.communicate()``)."""
    if r.functions and isinstance(r.functions[-1], ast.AsyncFunctionDef):
        return None
    func = node.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        started = r.local_values.get(func.value.id)
        if isinstance(started, ast.Call):
            node = started
    if not node.args:
        return None
    command = node.args[0]
    if isinstance(command, ast.Name):  # `command = ["pip", "install", ...]` first
        command = r.local_values.get(command.id, command)
    return setup_command(command)


def setup_command(command: ast.expr) -> str | None:
    """``git clone`` for the command ``["git", "clone", url, path]`` (``["git", "-C", path,
    "pull"]``: options and their values skipped), ``editor`` for ``[editor, path]``: the
    set-up command a child process runs, or None."""
    if not isinstance(command, (ast.List, ast.Tuple)) or not command.elts:
        return None
    first, *rest = command.elts
    if isinstance(first, ast.Name) and first.id in names()["setup_editors"]:
        return first.id
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    tool = first.value.rsplit("/", 1)[-1]
    actions = names()["setup_commands"].get(tool, ())
    for word in rest:
        if not isinstance(word, ast.Constant) or not isinstance(word.value, str):
            continue  # an option's value (`-C path`)
        if not word.value.startswith("-"):
            return f"{tool} {word.value}" if word.value in actions else None
    return None
