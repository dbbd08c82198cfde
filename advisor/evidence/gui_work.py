"""What a desktop app's user actions run (issue 19): a computing kernel makes it CPU-bound, and
the user's own code evaluated between events is a heavy step.

`advisor.evidence.programs.gui_waits` says a desktop app waits on its user, so what it computes
between events is a heavy step, not CPU-bound work (pympress, labelme, photocollage). That
holds for light steps, not for an app whose actions drive a kernel that computes for seconds:
cq-editor's Render execs the user's CadQuery script in the Qt thread, where OpenCascade
builds the solids; mnelab filters and decomposes whole EEG recordings with MNE. There the
"waits on its user" vote and the waits of side actions (an update check, an upload dialog)
give way to the kernel's vote. A kernel is a library of `data/kernels.yaml`, imported by a
module the main path runs; NumPy, SciPy and Pillow are not kernels (friture's FFT of an audio
buffer, a thumbnail).

The user's code compiled and evaluated in the app (pyspread's cells, cq-editor's script:
``exec(compile(...))``, or a compiled code object handed to ``exec``/``eval`` in the same
module) runs for as long as that code computes: ``--cpu-heavy-steps`` yes (medium). A bare
``eval`` of a fragment (a frame rate written ``30000/1001``) is not that, nor a file's text
compiled under the name it was opened with (an rc or settings file, `loaded_code`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from advisor import datafiles
from advisor.evidence import loaded_code
from advisor.evidence.observed import Location
from advisor.evidence.tables import PrefixIndex
from advisor.evidence.walk import Reader, register
from advisor.models import Text

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: Context signals this module records while reading, and reads back in `decide`.
KERNEL = "kernel:"
USER_CODE = "user-code:"
#: The builtins that run code objects.
_RUNNERS = frozenset({"exec", "eval"})
#: A call of the builtin ``compile`` (not ``re.compile``, not a method).
_COMPILE = re.compile(r"(?<![\w.])compile\(")


@cache
def _kernels() -> tuple[PrefixIndex, Mapping[str, Mapping[str, str]]]:
    """The kernels by import prefix, and each kernel's kind (what it computes) by name."""
    data = datafiles.load(__file__, "data", "kernels.yaml")
    kinds = {str(k["name"]): data["kinds"][k["kind"]] for k in data["kernels"]}
    return PrefixIndex(data["kernels"]), kinds


@register(ast.Import, ast.ImportFrom)
def kernel_import(r: Reader, node: ast.Import | ast.ImportFrom) -> None:
    """An import of a computing kernel, kept as context for `decide`."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    elif node.module and not node.level:
        names = [f"{node.module}.{a.name}" for a in node.names]
    else:
        return
    index, kinds = _kernels()
    for name in names:
        kernel = index.lookup(name)
        if kernel is None:
            continue
        kind = kinds[str(kernel["name"])]
        reason = r.t.reason("kernel_import", name=str(kernel["name"]), kind=Text(dict(kind)))
        r.g.emit(None, None, "high", r.at(node), reason, signal=KERNEL + str(kernel["name"]))
        return


@register(ast.Call)
def user_code(r: Reader, node: ast.Call) -> None:
    """``exec(code, ...)``/``eval(code, ...)`` of compiled code inside a function: the user's
    code evaluated (`_compiled` says which argument is compiled code)."""
    func = node.func
    if not (isinstance(func, ast.Name) and func.id in _RUNNERS and node.args):
        return
    if not r.functions or not _compiled(r, node.args[0]):
        return
    if loaded_code.file_loaded(node.args[0], r.functions[-1], r.source.text):
        return  # a script or settings file loaded, not the user's code between events
    reason = r.t.reason("user_code_call", call=func.id)
    r.g.emit(None, None, "medium", r.at(node), reason, signal=USER_CODE + func.id)


def _compiled(r: Reader, arg: ast.expr) -> bool:
    """``compile(...)`` written in place, or a name (a parameter, a local) in a module that
    calls the builtin ``compile`` itself (cq-editor compiles in one method and execs in
    another): the code object is the one it compiles."""
    if isinstance(arg, ast.Call):
        return isinstance(arg.func, ast.Name) and arg.func.id == "compile"
    return isinstance(arg, ast.Name) and _COMPILE.search(r.source.text) is not None


def decide(g: Gatherer) -> None:
    """Once `gui_waits` has voted: in a desktop app on the main path, a kernel imported by a
    module the path runs turns ``--cpu-bound`` to yes (its "waits on the user" and side
    actions' waits become context), and the user's compiled code evaluated there says
    ``--cpu-heavy-steps`` yes."""
    path = g.main_path
    if path is None:
        return
    guis = sorted(
        {str(e.signal) for e in g.evidence if e.question == "program" and e.value == "gui"}
    )
    waits = [e for e in g.evidence if e.question == "cpu_bound" and e.value is False]
    if not guis or not any(e.signal in guis for e in waits):
        return
    name = guis[0]
    on_path = [c for c in g.context if c.question is None and c.file in path.files]
    kernels = sorted((c for c in on_path if c.signal.startswith(KERNEL)), key=_order)
    if kernels:
        first = kernels[0]
        kernel = first.signal[len(KERNEL) :]
        kind = Text(dict(_kernels()[1][kernel]))
        reason = g.t.reason("gui_kernel", name=name, kernel=kernel, kind=kind)
        kept = []
        for e in g.evidence:
            if e.question == "cpu_bound" and e.value is False:
                moved = g.t.reason("gui_kernel_wait", reason=e.reason)
                g.context.append(e._replace(question=None, value=None, reason=moved))
                continue
            kept.append(e)
        g.evidence = kept
        where = Location(first.file, first.line, first.cell)
        g.emit("cpu_bound", True, "high", where, reason, signal="gui-kernel")
    runs = sorted((c for c in on_path if c.signal.startswith(USER_CODE)), key=_order)
    if runs:
        call = runs[0].signal[len(USER_CODE) :]
        reason = g.t.reason("gui_user_code", call=call, name=name)
        where = Location(runs[0].file, runs[0].line, runs[0].cell)
        g.emit("cpu_heavy_steps", True, "medium", where, reason, signal="gui-user-code")


def _order(item: Any) -> tuple[str, int, int]:
    return (item.file, item.cell or 0, item.line)
