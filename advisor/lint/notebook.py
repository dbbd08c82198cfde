"""Jupyter notebooks as code to read: the code cells of an ``.ipynb`` file, never run.

A notebook is JSON; its code cells become one `SourceFile` each (``cell`` is the cell's
place among all the cells, from 1, markdown counted, as Jupyter shows it and `scan`'s
findings say it), so evidence points at ``analysis.ipynb:cell 3:2``. IPython syntax that is not Python (``%magic``,
``!shell``, ``x = !ls``, ``obj?``) is replaced by ``pass`` at the same indentation,
which keeps every other line where it was and every block valid. Cells in
another language (``%%bash``, ``%%html``, ...) are left out.

`advisor scan` reads a notebook as ruff does: its code cells joined into one module
(`program`), so a name imported in cell 1 is known in cell 3, then each finding's line
is turned back into a cell and a line in it (`Program.where`). Jupyter runs every cell
on the kernel's running event loop, which makes two facts of a notebook differ from a
script's (`analyse`): a cell that awaits at its top level is a coroutine, so a blocking
call beside that ``await`` stalls the tasks it awaits; and ``asyncio.run()`` in any cell
fails with "cannot be called from a running event loop" (ADV104; ``await main()`` is the
fix), unless ``nest_asyncio`` patched the loop. A cell that never awaits blocks nobody
but itself, as a script's module level does.
"""

from __future__ import annotations

import ast
import json
import re
from bisect import bisect_right
from typing import Any, NamedTuple

from advisor.errors import UsageError
from advisor.inference import SourceFile
from advisor.lint._data import detail as skip_detail
from advisor.lint.statements import walk

#: Cell magics whose body is still Python.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "python", "python3"})

_LINE_MAGIC = re.compile(r"^(\s*)(?:[%!]|\?\??\w)")
_ASSIGNED_SHELL = re.compile(r"^(\s*)[\w.\[\], ]+=\s*[%!]")
_HELP = re.compile(r"^(\s*)[\w.]+\?\??\s*$")
#: IPython's automagic: ``pip install x`` without its ``%`` runs the ``%pip`` magic (it is on
#: by default); only the package managers' commands, which no Python line can start with.
_AUTOMAGIC = re.compile(
    r"^(\s*)(?:pip|conda|mamba|micromamba)\s+"
    r"(?:install|uninstall|list|show|freeze|download|update|upgrade|remove)\b"
)


class NotebookError(UsageError):
    """A ``.ipynb`` file that is not a notebook."""


def cells(path: str, text: str) -> list[SourceFile]:
    """The Python code cells of the notebook *text*, magics neutralised, each numbered by its
    place among all the cells (markdown counted), as `scan` and Jupyter number them: counting
    code cells only, `scan --recommend` sent a user to the wrong cell (newcomer review 21, 7)."""
    return [
        SourceFile(path, python, position)
        for position, _body, python in code_cells(path, text)
        if python is not None
    ]


def code_cells(path: str, text: str) -> list[tuple[int, str, str | None]]:
    """Every code cell of the notebook *text*, in order: its place among all the cells
    (from 1, markdown counted: what Jupyter shows and ruff prints), its text as written, and
    as Python with the same lines (None for a cell in another language). Raises
    `NotebookError`, with the reason, for a file that is not a notebook advisor can read."""
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:
        # json's own words, kept as a param
        raise NotebookError(
            f"{path}: not a notebook (invalid JSON: {exc})",
            key="notebook_bad_json",
            where=path,
            reason=str(exc),
        ) from exc
    version = data.get("nbformat") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version < 4:
        # nbformat 3 keeps cells in "worksheets" and code in "input": Jupyter converts it
        # when it opens and saves the file, which is the fix to give.
        raise NotebookError(
            f"{path}: a notebook in the old format {version}; open and save it in Jupyter "
            "(or run `jupyter nbconvert --to notebook --inplace`) to convert it to format 4",
            key="notebook_old_format",
            where=path,
            version=str(version),
        )
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError(
            f"{path}: not a notebook (no list of cells)", key="notebook_no_cells", where=path
        )
    language = _language(data)
    if language.lower() not in ("python", ""):
        # Said, not returned empty: "no Python files found" for a notebook named on the
        # command line would send the user looking for the wrong mistake.
        raise NotebookError(
            f"{path}: a notebook in {language}, not Python",
            key="notebook_language",
            where=path,
            language=language,
        )
    result: list[tuple[int, str, str | None]] = []
    for position, cell in enumerate(data["cells"], 1):
        if not isinstance(cell, dict):
            raise NotebookError(
                f"{path}: not a notebook (a cell is not an object)",
                key="notebook_bad_cell",
                where=path,
            )
        if cell.get("cell_type") != "code":
            continue
        number = len(result) + 1
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            body = "".join(source)
        elif isinstance(source, str):
            body = source
        else:  # `[1, 2]`, `[["import time"]]`: one odd file must not stop the scan
            raise NotebookError(
                f"{path}: not a notebook (code cell {number} has a source that is not text)",
                key="notebook_bad_source",
                where=path,
                cell=str(number),
            )
        result.append((position, body, to_python(body)))
    return result


class Program(NamedTuple):
    """A notebook's code cells as one Python module, as ruff reads a notebook: a name a cell
    imports is known in the cells after it. ``starts[n]`` is the module line where the n-th
    code cell begins, ``cells[n]`` its place in the notebook; a cell in another language is
    blank lines, so every cell keeps its place and every line its number within the cell."""

    text: str
    starts: tuple[int, ...]
    cells: tuple[int, ...]

    def where(self, line: int) -> tuple[int, int]:
        """The cell (its place in the notebook) and the line in it of the module's *line*."""
        index = bisect_right(self.starts, line)
        if index == 0:
            return 0, line
        return self.cells[index - 1], line - self.starts[index - 1] + 1

    def cell_of(self, line: int) -> int:
        return self.where(line)[0]


def program(path: str, text: str) -> Program:
    """The notebook *text* as one module (`Program`); raises `NotebookError`."""
    parts: list[str] = []
    starts: list[int] = []
    places: list[int] = []
    line = 1
    for position, body, python in code_cells(path, text):
        starts.append(line)
        places.append(position)
        count = max(1, len(body.splitlines()))
        part = python if python is not None else "\n" * count
        parts.append(part)
        line += part.count("\n")
    return Program("".join(parts), tuple(starts), tuple(places))


def skip(exc: NotebookError) -> list[str]:
    """A `NotebookError` as a scan's skip reason: its key (each has its sentence in
    ``data/skips.yaml``, in both languages) and the one specific it carries."""
    detail = next((v for k, v in exc.params.items() if k != "where"), "")
    return [exc.key or "notebook_no_cells", detail]


# ---- Jupyter's running loop -------------------------------------------------------------------
#: Statements that stay at module level when a cell becomes a coroutine: what they define is
#: the notebook's, for the cells after (a name, a function, a class).
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def awaits(node: ast.AST) -> bool:
    """Whether *node* suspends at the level it runs at: an ``await``, ``async for``,
    ``async with`` or async comprehension outside any function or class nested in it."""
    todo = [node]
    while todo:
        current = todo.pop()
        if isinstance(current, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            return True
        if isinstance(current, ast.comprehension) and current.is_async:
            return True
        todo.extend(
            child for child in ast.iter_child_nodes(current) if not isinstance(child, _NESTED)
        )
    return False


def as_run(
    tree: ast.Module, where: Program, every_cell: bool = False, lines: set[int] | None = None
) -> ast.Module:
    """*tree* with the top level of each cell that awaits (of every cell, *every_cell*) moved
    into an ``async def`` at the same lines and columns: how Jupyter runs it, on the kernel's
    running loop. The checks then see what is true there (a blocking call beside an
    ``await`` stalls the loop; ``asyncio.run()`` cannot start) without knowing notebooks.
    Definitions and imports stay at module level, where the later cells find them. *lines*
    collects the lines of the code moved, outside the functions it defines."""
    groups: dict[int, list[ast.stmt]] = {}
    for statement in tree.body:
        groups.setdefault(where.cell_of(statement.lineno), []).append(statement)
    body: list[ast.stmt] = []
    for cell, statements in groups.items():
        moved = [s for s in statements if not isinstance(s, _DEFINITIONS)]
        if not moved or not (every_cell or any(awaits(s) for s in moved)):
            body.extend(statements)
            continue
        if lines is not None:
            lines.update(
                node.lineno for node in _own(moved) if isinstance(node, ast.stmt | ast.expr)
            )
        runner = ast.AsyncFunctionDef(
            name=f"__cell_{cell}__",
            args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
            body=[*_globals(moved), *moved],
            decorator_list=[],
            returns=None,
            type_comment=None,
        )
        setattr(runner, "type_params", [])  # noqa: B010 - 3.12+'s field, which 3.11's ast lacks
        first, last = moved[0], moved[-1]
        runner.lineno, runner.col_offset = first.lineno, first.col_offset
        runner.end_lineno = last.end_lineno
        runner.end_col_offset = last.end_col_offset
        placed = False
        for statement in statements:
            if isinstance(statement, _DEFINITIONS):
                body.append(statement)
            elif not placed:
                body.append(runner)
                placed = True
    tree.body = body
    return tree


def _own(statements: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of *statements* that run as the cell, not those of functions it defines."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = list(statements)
    while todo:
        node = todo.pop()
        found.append(node)
        todo.extend(child for child in ast.iter_child_nodes(node) if not isinstance(child, _NESTED))
    return found


def _spawns(tree: ast.Module, spawners: frozenset[str]) -> list[int]:
    """The lines where the notebook's own code (not a function's) starts a task."""
    return sorted(
        node.lineno
        for node in _own(list(tree.body))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute | ast.Name)
        and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) in spawners
    )


#: No task started: every line is before the first one.
_NEVER = 1 << 62


def _quiet(result: dict[str, Any], lines: set[int], first_task: int) -> None:
    """Drop ADV101 from a cell's own code (*lines*) before the first task the notebook
    starts: until then the cell is the only thing on the kernel's loop, as a script's
    ``main()`` is before it starts one (the once-run code `checks.once` keeps quiet)."""

    def kept(line: int) -> bool:
        return not (line in lines and line < first_task)

    result["f"] = [f for f in result["f"] if f[2] != "ADV101" or kept(f[0])]
    deferred = (result.get("g") or {}).get("s")
    if deferred:
        result["g"]["s"] = [f for f in deferred if f[2] != "ADV101" or kept(f[0])]
    calls = (result.get("r") or {}).get("c")
    if calls:
        result["r"]["c"] = [c for c in calls if kept(c[0])]


def _in_cell(result: dict[str, Any], lines: set[int]) -> None:
    """ADV101 and ADV104 in a cell's own code (*lines*) name the cell, not an ``async def``
    the user never wrote (`as_run` wraps the cell in one; newcomer review 20): "`asyncio.run`
    inside a coroutine fails" over a cell that never awaits (newcomer review 23, 18)."""
    for finding in result["f"]:
        if finding[2] in {"ADV101", "ADV104"} and finding[0] in lines:
            finding[3] = {**finding[3], "where": "cell"}


def _globals(statements: list[ast.stmt]) -> list[ast.stmt]:
    """A ``global`` statement for the names *statements* bind: a cell's names are the
    notebook's, kept after the cell ends (``task = create_task(...)`` keeps its task)."""
    names: set[str] = set()
    todo: list[ast.AST] = list(statements)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        todo.extend(child for child in ast.iter_child_nodes(node) if not isinstance(child, _NESTED))
    if not names:
        return []
    first = statements[0]
    declared = ast.Global(names=sorted(names))
    declared.lineno, declared.col_offset = first.lineno, first.col_offset
    declared.end_lineno, declared.end_col_offset = first.lineno, first.col_offset
    return [declared]


#: Exceptions a ``try`` catches that a running loop's RuntimeError is one of.
_CATCHES_RUNTIME = frozenset({"RuntimeError", "Exception", "BaseException"})


def _guarded(tree: ast.Module) -> set[int]:
    """Lines where a cell's code already knows a loop may be running: the body of a ``try``
    that catches RuntimeError (``asyncio.run(main())`` with ``await main()`` as the fallback)
    and an ``if`` that asks (``if loop.is_running(): ... else: asyncio.run(...)``). Code that
    chooses is not the mistake ADV104 names; only the module level is looked at, as only it
    runs as the cell."""
    lines: set[int] = set()
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, _NESTED):
            continue  # a function's own code is checked as a function's
        todo.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Try) and any(
            handler.type is None or _names(handler.type) & _CATCHES_RUNTIME
            for handler in node.handlers
        ):
            lines.update(_span(node.body))
        elif isinstance(node, ast.If) and _names(node.test) & {"is_running", "get_running_loop"}:
            lines.update(_span([node]))
    return lines


def _names(node: ast.AST) -> set[str]:
    return {
        child.id if isinstance(child, ast.Name) else child.attr
        for child in walk(node)
        if isinstance(child, (ast.Name, ast.Attribute))
    }


def _span(statements: list[ast.stmt]) -> range:
    return range(statements[0].lineno, (statements[-1].end_lineno or statements[-1].lineno) + 1)


#: ``nest_asyncio.apply()`` lets ``asyncio.run()`` run inside the running loop.
_NESTED_LOOPS = re.compile(r"\bnest_asyncio\b")


#: Rules that hold for a script's module level but not for a notebook's cells. ADV108: a
#: worker process started with spawn or forkserver imports the parent's ``__main__`` again
#: only when it is a file (``__main__.__file__``); the kernel's is none, so the children never
#: run a cell again, and a pool opened in a cell is the notebook's way to use one (its workers
#: live in a module, as advisor's own ``--program notebook`` template has it; review 25, #9).
_KERNEL_ONLY = frozenset({"ADV108"})


def analyse(  # noqa: PLR0917 - positional like `analyse.analyse`, which calls it
    source: bytes,
    path: str,
    module: str,
    is_package: bool,
    data: dict[str, Any],
    codes: frozenset[str] | None = None,
) -> dict[str, Any]:
    """The per-file result of a notebook, its lines the joined module's (`Program`): the
    scan turns them into cells when it reports. Never raises: a file that is not a notebook
    advisor can read is a skip reason, named (`skip`)."""
    from advisor.lint.analyse import findings_of, parse

    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError as exc:  # JSON is UTF-8 (RFC 8259)
        return {"skip": ["encoding", skip_detail("detail_bad_bytes", "utf-8", exc.start)]}
    try:
        joined = program(path, text)
        tree = parse(joined.text, path)
    except NotebookError as exc:
        return {"skip": skip(exc)}
    except SyntaxError as exc:
        where = joined.where(exc.lineno or 1)
        return {"skip": ["notebook_syntax", skip_detail("detail_cell_line", *where, exc.msg)]}
    except ValueError:
        return {"skip": ["binary", ""]}
    except (RecursionError, MemoryError):
        return {"skip": ["too_deep", ""]}
    try:
        guarded = _guarded(tree)
        spawns = _spawns(tree, frozenset(data["calls"]["task_spawners"]))
        own: set[int] = set()
        result = findings_of(
            as_run(tree, joined, lines=own), joined.text, path, module, is_package, data, codes
        )
        result["f"] = [
            f
            for f in result["f"]
            if (f[2] != "ADV104" or f[0] not in guarded) and f[2] not in _KERNEL_ONLY
        ]
        # ... nor one file away (`processes_across`: a cell's call of a module's function
        # that opens a pool)
        result.pop("pw", None)
        _quiet(result, own, spawns[0] if spawns else _NEVER)
        _in_cell(result, own)
        if (codes is None or "ADV104" in codes) and not _NESTED_LOOPS.search(joined.text):
            # Every cell runs on the loop: `asyncio.run()` fails in any of them.
            mine: set[int] = set()
            every = as_run(parse(joined.text, path), joined, every_cell=True, lines=mine)
            again = findings_of(
                every, joined.text, path, module, is_package, data, frozenset({"ADV104"})
            )
            _in_cell(again, mine)
            seen = {(f[0], f[1], f[2]) for f in result["f"]}
            result["f"].extend(
                f
                for f in again["f"]
                if f[2] == "ADV104" and (f[0], f[1], f[2]) not in seen and f[0] not in guarded
            )
    except RecursionError:
        return {"skip": ["too_deep", ""]}
    except Exception as exc:  # noqa: BLE001 - reported as a skipped file, never a crash
        return {"skip": ["internal", f"{type(exc).__name__}: {exc}"]}
    return result


def to_python(body: str) -> str | None:
    """One cell as Python text with the same line numbers; None for a non-Python cell."""
    lines = body.splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        magic = lines[0].lstrip()[2:].split(maxsplit=1)
        if not magic or magic[0] not in PYTHON_CELL_MAGICS:
            return None
        lines[0] = ""
    out: list[str] = []
    for line in lines:
        match = (
            _LINE_MAGIC.match(line)
            or _ASSIGNED_SHELL.match(line)
            or _HELP.match(line)
            or _AUTOMAGIC.match(line)
        )
        out.append(f"{match.group(1)}pass" if match else line)
    return "\n".join(out) + "\n"


def _language(data: dict[str, Any]) -> str:
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return ""
    for key in ("language_info", "kernelspec"):
        info = metadata.get(key)
        if isinstance(info, dict) and isinstance(info.get("language"), str):
            return str(info["language"])  # as the kernel spells it: "R", not "r"
        if isinstance(info, dict) and isinstance(info.get("name"), str) and key == "language_info":
            return str(info["name"])
    return ""
