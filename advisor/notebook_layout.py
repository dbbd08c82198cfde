"""The notebook form of a script template (`--program notebook`), derived from the script.

The script templates stay the single source: this module reads a rendered script and lays
it out in cells, relying only on the conventions the script templates keep (the brief's
list, checked by tests/recommend/test_notebook_layout.py):

- the entry is `main()`, called only from a final ``if __name__ == "__main__":`` block;
- functions sent to a process pool are module top-level;
- argparse is parsed in that block or in a function taking an explicit ``argv``.

Three things a kernel does differently from ``python script.py``, and what the layout does:

- **A running event loop.** ipykernel runs the cells on an asyncio loop, so
  ``asyncio.run(main())`` raises RuntimeError: the last cell says ``await main()`` instead
  (top-level await).
- **Not this program's argv.** ``sys.argv`` is the kernel's (``-f kernel.json``), so a
  ``main(argv=None)`` or a ``parse_args()`` gets ``[]``; ``sys.exit(main())`` (or
  ``raise SystemExit(...)``) becomes ``main([])``, whose status the cell shows, instead of
  a SystemExit message.
- **No importable __main__.** Process-pool workers started by spawn (macOS, Windows) or
  forkserver (Linux from 3.14) find the functions they run by module and name; cells are
  no module, so the functions a pool runs (its `initializer=` too), with everything they
  use, move to a companion module written next to the notebook, which a cell imports.

The result is a `Notebook` (cells plus the companion). Its one text form is the percent
format (``# %%`` cells, as VS Code and Jupytext read them) with the companion as a
``%%writefile`` cell: that is the template's ``code``, what stdout and ``--template`` show.
`outputs` turns that text into the files ``--emit`` writes: an nbformat-4 ``.ipynb`` (JSON
written here: no nbformat dependency) or a percent ``.py``, plus ``<stem>_workers.py``.
"""

from __future__ import annotations

import ast
import builtins
import json
import keyword
import os
import re
import textwrap
import unicodedata
from typing import NamedTuple

from advisor.errors import AdvisorError, UsageError

#: Classes whose workers are other processes (or interpreters) that unpickle the functions
#: they run by reference: ``module.name``.
_POOL_CLASSES = frozenset({"ProcessPoolExecutor", "InterpreterPoolExecutor", "Pool"})
#: Pool methods whose first argument is the function the workers run.
_POOL_METHODS = frozenset(
    {"map", "submit", "imap", "imap_unordered", "starmap", "apply", "apply_async", "map_async"}
)
MARKDOWN = "markdown"
CODE = "code"
_MARKER = "# %%"
_MARKDOWN_MARKER = "# %% [markdown]"
_WRITEFILE = "%%writefile "
_SUFFIX = "_workers"


class Cell(NamedTuple):
    kind: str  #: "markdown" or "code"
    source: str


class Companion(NamedTuple):
    """The module next to the notebook that holds the process-pool workers."""

    module: str
    code: str


class Notebook(NamedTuple):
    cells: tuple[Cell, ...]
    companion: Companion | None = None


class Output(NamedTuple):
    """One file ``--emit`` writes; *role* picks the message: script, notebook, cells, companion."""

    path: str
    text: str
    role: str


# --- names -------------------------------------------------------------------------------


def module_for(path: str) -> str:
    """The companion module's name for a notebook at *path*: ``analysis.ipynb`` ->
    ``analysis_workers``. An importable name whatever the file is called (``my run.ipynb``,
    ``2024.ipynb``), since the notebook imports it with an ``import`` statement."""
    stem = os.path.splitext(os.path.basename(path))[0]
    name = re.sub(r"\W", "_", stem) + _SUFFIX
    if name[0].isdigit() or keyword.iskeyword(name):
        name = f"nb_{name}"
    if not name.isidentifier() or unicodedata.normalize("NFKC", name) != name:
        # Python folds identifiers with NFKC: the import would look for another file name.
        name = "nb_" + re.sub(r"[^A-Za-z0-9_]", "_", name)
    return name


# --- reading the script ------------------------------------------------------------------


def _is_main_guard(node: ast.stmt) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )


def _convention(message: str, key: str, template: str, **params: str) -> AdvisorError:
    return AdvisorError(
        f"template {template!r} breaks a convention the notebook form relies on: {message}",
        key=key,
        name=repr(template),
        **params,
    )


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.rpartition(".")[2]
    return None


def _is_pool(node: ast.expr | None) -> bool:
    """A call that creates a process pool: ``ProcessPoolExecutor(...)``, ``ctx.Pool(...)``."""
    return isinstance(node, ast.Call) and _name_of(node.func) in _POOL_CLASSES


def _pool_names(scope: ast.AST) -> set[str]:
    """Names bound to a process pool in *scope*: parameters annotated with a pool class,
    ``with ProcessPoolExecutor() as pool``, ``pool = ProcessPoolExecutor()``."""
    names: set[str] = set()
    for node in ast.walk(scope):
        if isinstance(node, ast.arg) and node.annotation is not None:
            if _name_of(node.annotation) in _POOL_CLASSES:
                names.add(node.arg)
        elif isinstance(node, ast.withitem) and _is_pool(node.context_expr):
            if isinstance(node.optional_vars, ast.Name):
                names.add(node.optional_vars.id)
        elif isinstance(node, ast.Assign) and _is_pool(node.value):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _pool_functions(tree: ast.Module) -> list[str]:
    """The names of the functions a process pool runs, in the order the code sends them."""
    found: list[str] = []
    scopes: list[ast.AST] = [
        n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.If))
    ]
    for scope in scopes:
        pools = _pool_names(scope)
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call):
                continue
            sent: ast.expr | None = None
            if _is_pool(node):
                sent = next((k.value for k in node.keywords if k.arg == "initializer"), None)
            elif isinstance(node.func, ast.Attribute) and node.args:
                owner = node.func.value
                if node.func.attr in _POOL_METHODS and _name_of(owner) in pools:
                    sent = node.args[0]
                elif (
                    node.func.attr == "run_in_executor"
                    and len(node.args) >= 2
                    and _name_of(node.args[0]) in pools
                ):
                    sent = node.args[1]
            if isinstance(sent, ast.Name) and sent.id not in found:
                found.append(sent.id)
    # A builtin sent to a pool (`pool.submit(int)` starts the workers) pickles by name from
    # any process: only the module's own functions need the companion.
    own = {name for node in tree.body for name in _bound(node)}
    return [name for name in found if name in own or name not in _BUILTINS]


def _bound(node: ast.stmt) -> set[str]:
    """Top-level names a statement binds."""
    names: set[str] = set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).partition(".")[0] for a in node.names}
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            names.add(sub.id)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            names |= _bound(sub)
        elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(sub.name)
    return names


def _used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _is_import(node: ast.stmt) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return True
    # try: import x / except ImportError: ... (an optional dependency)
    return isinstance(node, ast.Try) and all(
        isinstance(s, (ast.Import, ast.ImportFrom)) for s in node.body
    )


# --- the layout ----------------------------------------------------------------------------


class _Source:
    """The script's text by line, and by byte offset for the ast's byte columns."""

    def __init__(self, code: str) -> None:
        self.lines = code.splitlines(keepends=True)
        self.data = code.encode("utf-8")
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line.encode("utf-8")))

    def offset(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end = self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
        return start, end

    def chunk(self, first: int, last: int) -> str:
        """Lines *first*..*last* (1-based, inclusive) without blank lines around them."""
        return "".join(self.lines[first - 1 : last]).strip("\n") + "\n"


class _RunCell:
    """The ``__main__`` block's statements rewritten for a kernel, comments kept."""

    def __init__(self, src: _Source, argv_functions: set[str]) -> None:
        self.src = src
        self.argv_functions = argv_functions
        self.changes: set[str] = set()

    def _replacement(self, node: ast.AST) -> bytes | None:
        if (
            isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call)
            and ast.unparse(node.exc.func) == "SystemExit"
            and len(node.exc.args) == 1
        ):
            self.changes.add("exit")
            return self.text(node.exc.args[0])
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        dotted = ast.unparse(func)
        if dotted == "asyncio.run" and node.args:
            self.changes.add("await")
            return b"await " + self.text(node.args[0])
        if dotted == "sys.exit" and len(node.args) == 1:
            self.changes.add("exit")
            return self.text(node.args[0])
        no_args = not node.args and not node.keywords
        if no_args and isinstance(func, ast.Name) and func.id in self.argv_functions:
            self.changes.add("argv")
            return self.text(func) + b"([])"
        if no_args and isinstance(func, ast.Attribute) and func.attr == "parse_args":
            self.changes.add("argv")
            return self.text(func) + b"([])"
        return None

    def _edited(self, node: ast.AST) -> list[tuple[ast.AST, bytes]]:
        """The outermost nodes under *node* that change, with their new text."""
        found: list[tuple[ast.AST, bytes]] = []
        for child in ast.iter_child_nodes(node):
            new = self._replacement(child)
            if new is not None:
                found.append((child, new))
            else:
                found += self._edited(child)
        return found

    def text(self, node: ast.AST) -> bytes:
        new = self._replacement(node)
        if new is not None:
            return new
        start, end = self.src.span(node)
        return self.splice(node, start, end)

    def splice(self, node: ast.AST, start: int, end: int) -> bytes:
        out, pos = b"", start
        edits = sorted(self._edited(node), key=lambda e: self.src.span(e[0]))
        for child, new in edits:
            child_start, child_end = self.src.span(child)
            out += self.src.data[pos:child_start] + new
            pos = child_end
        return out + self.src.data[pos:end]

    def rewrite(self, block: ast.If) -> str:
        start = self.src.starts[block.lineno]  # the line after `if __name__ == ...:`
        _, end = self.src.span(block)
        body = self.splice(block, start, end).decode("utf-8")
        return textwrap.dedent(body).strip("\n") + "\n"


#: The width, in terminal cells, of the notebook form's comment and Markdown lines: a
#: Chinese character takes two (newcomer review 25, #19: zh-TW comments wrapped by character
#: count reached 97 cells, and Markdown notes were never wrapped, up to 256).
TEXT_WIDTH = 88


def _comments(text: str) -> str:
    from advisor.render.wrapping import wrap

    return "".join(f"# {line}\n" for line in wrap(text, TEXT_WIDTH - 2).splitlines())


def _markdown_lines(source: str) -> list[str]:
    """A Markdown cell's lines wrapped to `TEXT_WIDTH` cells once ``# `` is put before them:
    a bullet's further lines hang two spaces in; headings, indented code and table rows are
    kept whole. `parse` joins them again (`_joined`)."""
    from advisor.render.wrapping import wrap

    room = TEXT_WIDTH - 2
    out: list[str] = []
    for line in source.splitlines():
        if not line.strip() or line.startswith(("#", "    ", "|", "```")):
            out.append(line)
        elif line.startswith("- "):
            first, *rest = wrap(line[2:], room, indent="  ").splitlines()
            out += ["- " + first[2:], *rest]
        else:
            out += wrap(line, room).splitlines()
    return out


#: Full-width punctuation: a joined line goes on after it with no space.
_FULL_STOP = frozenset("。，、：；！？）」』")


def _joined(lines: list[str]) -> list[str]:
    """The inverse of `_markdown_lines`: a line that goes on the text above it (not blank, no
    block of its own: a bullet, a heading, indented code) is joined to it, with a space
    between words and none between two Chinese characters."""
    from advisor.render.wrapping import has_wide

    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        bullet_goes_on = previous.startswith("- ") and line.startswith("  ") and line.strip()
        if bullet_goes_on or (
            previous.strip()
            and line.strip()
            and not previous.startswith(("#", "    ", "|", "```"))
            and not line.startswith(("#", " ", "- ", "|", "```"))
        ):
            text = line.strip()
            # Between Chinese and a Latin word a space, as the texts write it; none after
            # full-width punctuation ("。 FAIL_FAST" read as a stray space).
            wide = has_wide(previous[-1:]) and (has_wide(text[:1]) or previous[-1] in _FULL_STOP)
            out[-1] = previous + ("" if wide else " ") + text
        else:
            out.append(line)
    return out


def _markdown_docstring(doc: str) -> str:
    """A module docstring as Markdown: its first line a heading, indented examples set off
    by a blank line (else Markdown folds them into the paragraph above)."""
    lines = doc.strip().splitlines()
    out = [f"# {lines[0]}"]
    for line in lines[1:]:
        previous = out[-1]
        if line.startswith("    ") and previous.strip() and not previous.startswith("    "):
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


class _Script(NamedTuple):
    """A rendered script cut at its statements: what the layout moves around."""

    src: _Source
    tree: ast.Module
    header: list[str]  #: the comment lines above the docstring (Generated by, Repeat)
    doc: str | None
    body: list[ast.stmt]  #: the statements between the docstring and the __main__ block
    chunks: list[str]  #: each statement's text, with the comments above it
    gaps: list[bool]  #: whether a blank line separates a statement from the one before
    block: ast.If  #: the __main__ block


def _read(script: str, template_id: str) -> _Script:
    tree = ast.parse(script)
    src = _Source(script)
    body = list(tree.body)
    last = body[-1] if body else None
    if not isinstance(last, ast.If) or not _is_main_guard(last) or last.orelse:
        raise _convention(
            'its last statement must be the `if __name__ == "__main__":` block that calls main()',
            key="notebook_no_main_block",
            template=template_id,
        )
    body.pop()
    header = [line for line in src.lines[: body[0].lineno - 1] if line.startswith("#")]
    doc = ast.get_docstring(tree, clean=True)
    previous = len(header)
    if doc is not None:
        previous = body.pop(0).end_lineno or 0
    chunks, gaps = [], []
    for node in body:  # a statement owns the comments above it
        end = node.end_lineno or node.lineno
        chunks.append(src.chunk(previous + 1, end))
        gaps.append(src.lines[previous].strip() == "")
        previous = end
    for node in body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and any(
            isinstance(n, ast.Attribute) and n.attr == "parse_args" for n in ast.walk(node)
        ):
            raise _convention(
                "it parses the command line at import; parse it in the __main__ block "
                "or in a function that takes argv",
                key="notebook_argv_at_import",
                template=template_id,
            )
    return _Script(src, tree, header, doc, body, chunks, gaps, last)


_BUILTINS = frozenset(dir(builtins))


def _workers(script: _Script, template_id: str) -> tuple[set[int], set[str]]:
    """The statements that move to the companion (indexes into ``script.body``): the
    functions a process pool runs and, transitively, the top-level functions, classes and
    globals they use; and every name the moved code uses (to pick its imports)."""
    body = script.body
    defined = {name: i for i, n in enumerate(body) if not _is_import(n) for name in _bound(n)}
    roots = _pool_functions(script.tree)
    for name in roots:
        worker = body[defined[name]] if name in defined else None
        if not isinstance(worker, ast.FunctionDef):
            raise _convention(
                f"{name}, which a process pool runs, must be a function defined at module level",
                key="notebook_worker_not_top_level",
                template=template_id,
                function=name,
            )
    moved: set[int] = set()
    needed: set[str] = set()
    queue = [defined[name] for name in roots]
    while queue:
        index = queue.pop()
        if index not in moved:
            moved.add(index)
            for name in _used(body[index]):
                needed.add(name)
                if name in defined:
                    queue.append(defined[name])
    return moved, needed


def _code_cells(script: _Script, moved: set[int], import_line: str) -> list[Cell]:
    """The script's statements as cells: the imports together (then *import_line*, the
    companion's), the settings together, one cell per function, class or other statement:
    a function edited is one cell run again."""
    cells: list[Cell] = []
    last_import = max((i for i, n in enumerate(script.body) if _is_import(n)), default=-1)
    group: str | None = None
    for i, node in enumerate(script.body):
        if i in moved:
            continue
        kind = None
        if _is_import(node):
            kind = "imports"
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            kind = "settings"
        if kind is not None and kind == group:
            gap = "\n" if script.gaps[i] else ""
            cells[-1] = Cell(CODE, cells[-1].source + gap + script.chunks[i])
        else:
            cells.append(Cell(CODE, script.chunks[i]))
        group = kind
        if i == last_import and import_line:
            cells.append(Cell(CODE, import_line))
            group = None
    return cells


def build(script: str, template_id: str, lang: str, module: str) -> Notebook:
    """The notebook form of the rendered *script* (template *template_id*), in *lang*, with
    its process-pool workers in a companion module named *module*."""
    from advisor.texts import ui

    texts = ui(lang)
    parts = _read(script, template_id)
    moved, needed = _workers(parts, template_id)
    kept = [n for i, n in enumerate(parts.body) if i not in moved] + [parts.block]
    kept_uses = set().union(*(_used(n) for n in kept))
    # The moved names the notebook's own code uses, in the script's order: what it imports.
    names = [
        name for i in sorted(moved) for name in sorted(_bound(parts.body[i])) if name in kept_uses
    ]

    argv_functions = {
        n.name
        for n in parts.body
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        and n.args.args
        and n.args.args[0].arg == "argv"
    }
    run = _RunCell(parts.src, argv_functions)
    run_code = run.rewrite(parts.block)
    _check_run_cell(run_code, template_id)

    intro = "".join(line.removeprefix("#").removeprefix(" ") for line in parts.header)
    intro = "\n".join(line for line in intro.splitlines() if line)
    if parts.doc is not None:
        intro = _markdown_docstring(parts.doc) + ("\n" + intro if intro else "")
    notes = [texts("notebook_note_cells")]
    if "await" in run.changes:
        notes.append(texts("notebook_note_await"))
    if "argv" in run.changes:
        notes.append(texts("notebook_note_argv"))
    if "exit" in run.changes:
        notes.append(texts("notebook_note_exit"))
    import_line = ""
    if names:
        shown = texts("notebook_names_separator").join(f"`{name}`" for name in names)
        notes.append(texts("notebook_note_companion", names=shown, module=module))
        comment = _comments(texts("notebook_comment_companion", module=module))
        import_line = f"{comment}from {module} import {', '.join(names)}\n"
    comments = {
        "await": texts("notebook_comment_await"),
        "argv": texts("notebook_comment_argv"),
        "exit": texts("notebook_comment_exit"),
    }
    lead = "".join(_comments(text) for change, text in comments.items() if change in run.changes)
    # The docstring's own line breaks go: `percent` wraps Markdown to its width, and a
    # notebook renders a paragraph as one.
    intro = "\n".join(_joined(intro.rstrip("\n").splitlines()))
    cells = [
        Cell(MARKDOWN, intro + "\n"),
        Cell(MARKDOWN, texts("notebook_notes_heading") + "\n\n" + _bullets(notes)),
        *_code_cells(parts, moved, import_line),
        Cell(CODE, lead + run_code),
    ]
    companion = None
    if moved:
        code = _companion(parts, moved, needed, texts("notebook_companion_doc"))
        companion = Companion(module, code)
    return Notebook(tuple(cells), companion)


def _bullets(items: list[str]) -> str:
    return "".join(f"- {item}\n" for item in items)


def _check_run_cell(code: str, template_id: str) -> None:
    flags = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    tree = compile(code, "<run cell>", "exec", flags=flags)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) in {
            "asyncio.run",
            "asyncio.Runner",
            "asyncio.get_event_loop().run_until_complete",
        }:
            raise _convention(
                "its __main__ block starts an event loop in a way the notebook form cannot "
                "turn into `await main()`; call asyncio.run(main(...)) there",
                key="notebook_event_loop_left",
                template=template_id,
            )


def _companion(script: _Script, moved: set[int], needed: set[str], doc: str) -> str:
    """The companion module: the header, why it exists, the imports the moved code needs
    (only those names), and the moved statements in the script's order, comments kept."""
    parts = ["".join(script.header), f'"""{doc}"""\n\n']
    imports: list[str] = []
    for node in script.tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            imports.append(ast.unparse(node) + "\n\n")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            aliases = [a for a in node.names if (a.asname or a.name).partition(".")[0] in needed]
            if aliases:
                copy: ast.stmt = (
                    ast.ImportFrom(node.module, aliases, node.level)
                    if isinstance(node, ast.ImportFrom)
                    else ast.Import(aliases)
                )
                imports.append(ast.unparse(copy) + "\n")
        elif _is_import(node) and _bound(node) & needed:  # try: import ... except ImportError
            imports.append(script.src.chunk(node.lineno, node.end_lineno or node.lineno))
    parts.append("".join(imports).rstrip("\n") + "\n")
    # Blank lines as the formatter wants them: two around a function or class, else the
    # one the script had (or none).
    previous: ast.stmt | None = None
    for i in sorted(moved):
        node = script.body[i]
        definition = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        if isinstance(node, definition) or isinstance(previous, definition):
            parts.append("\n\n")
        elif previous is None or script.gaps[i]:
            parts.append("\n")
        parts.append(script.chunks[i])
        previous = node
    return "".join(parts)


# --- text forms ----------------------------------------------------------------------------


def percent(notebook: Notebook, *, writefile: bool) -> str:
    """The percent format: ``# %%`` code cells and ``# %% [markdown]`` cells whose lines are
    comments. With *writefile*, the companion comes first as a ``%%writefile`` cell, so the
    text alone is everything: running that cell writes the module next to the notebook."""
    cells = list(notebook.cells)
    if writefile and notebook.companion is not None:
        module = notebook.companion
        cells.insert(2, Cell(CODE, f"{_WRITEFILE}{module.module}.py\n{module.code}"))
    parts = []
    for cell in cells:
        if cell.kind == MARKDOWN:
            wrapped = _markdown_lines(cell.source)
            lines = "".join(f"# {line}".rstrip() + "\n" for line in wrapped)
            parts.append(f"{_MARKDOWN_MARKER}\n{lines}")
        else:
            parts.append(f"{_MARKER}\n{cell.source}")
    return "\n".join(parts)


def parse(text: str) -> Notebook:
    """The inverse of `percent`: cells, and a ``%%writefile`` cell as the companion."""
    cells: list[Cell] = []
    companion = None
    current: list[str] | None = None
    kind = CODE

    def close() -> None:
        nonlocal companion
        if current is None:
            return
        source = "".join(current).strip("\n") + "\n"
        if kind == MARKDOWN:
            lines = [
                line[2:] if line.startswith("# ") else line.lstrip("#")
                for line in source.splitlines()
            ]
            cells.append(Cell(MARKDOWN, "".join(f"{line}\n" for line in _joined(lines))))
        elif source.startswith(_WRITEFILE):
            first, _, code = source.partition("\n")
            name = first[len(_WRITEFILE) :].strip()
            companion = Companion(name.removesuffix(".py"), code)
        else:
            cells.append(Cell(CODE, source))

    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\n")
        if stripped in (_MARKER, _MARKDOWN_MARKER):
            close()
            current, kind = [], MARKDOWN if stripped == _MARKDOWN_MARKER else CODE
        elif current is not None:
            current.append(line)
    close()
    return Notebook(tuple(cells), companion)


def renamed(notebook: Notebook, module: str) -> Notebook:
    """*notebook* with its companion module called *module* (the name follows the file)."""
    if notebook.companion is None or notebook.companion.module == module:
        return notebook
    old = re.compile(rf"\b{re.escape(notebook.companion.module)}\b")
    cells = tuple(cell._replace(source=old.sub(module, cell.source)) for cell in notebook.cells)
    return Notebook(cells, Companion(module, notebook.companion.code))


def ipynb(notebook: Notebook) -> str:
    """An nbformat 4.5 notebook, as Jupyter itself writes one (one-space indent, source as a
    list of lines, no outputs): valid without the nbformat package."""
    cells = []
    for number, cell in enumerate(notebook.cells, 1):
        entry: dict[str, object] = {
            "cell_type": cell.kind,
            "id": f"cell-{number}",
            "metadata": {},
            "source": cell.source.rstrip("\n").splitlines(keepends=True),
        }
        if cell.kind == CODE:
            entry.update(execution_count=None, outputs=[])
        cells.append(dict(sorted(entry.items())))
    document = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def outputs(code: str, target: str, *, notebook: bool) -> tuple[Output, ...]:
    """The files ``--emit target`` writes for a template's rendered *code*: the script
    alone, or for a *notebook* form (`templating.notebook_source`) the notebook (``.ipynb``,
    else percent cells) and its companion module."""
    is_ipynb = os.path.splitext(target)[1].lower() == ".ipynb"
    if not notebook:
        if is_ipynb:
            raise UsageError(
                f"--emit {os.path.basename(target)}: a .ipynb file holds the notebook form; "
                "add --program notebook, or name a .py file",
                key="ipynb_needs_notebook",
                name=os.path.basename(target),
            )
        return (Output(target, code, "script"),)
    cells = renamed(parse(code), module_for(target))
    text = ipynb(cells) if is_ipynb else percent(cells, writefile=False)
    written = [Output(target, text, "notebook" if is_ipynb else "cells")]
    if cells.companion is not None:
        folder = os.path.dirname(target)
        path = os.path.join(folder, f"{cells.companion.module}.py")
        written.append(Output(path, cells.companion.code, "companion"))
    return tuple(written)
