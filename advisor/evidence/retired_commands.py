"""A library whose only command says it is on its way out (issue 19, cause 8).

jsonschema declares ``jsonschema = "jsonschema.cli:main"`` and ships a ``__main__.py`` that
runs it, so it has entry points like an application; but ``jsonschema/cli.py`` warns, as the
module is imported, "The jsonschema CLI is deprecated and will be removed in a future version"
(``DeprecationWarning``), while ``jsonschema/__init__.py`` re-exports the validators, the
exceptions and ``validate`` from the package's own modules. What the package is, is what it
exports: the command is a small front end its authors are retiring, not the program the
code is written to be. An application's command never announces its own removal; a
deprecated *option* or a secondary command beside a live one (borgmatic's
``generate-borgmatic-config``) does not count, since every declared command must say it.

Pure: reads the declared scripts' modules as text and with ``ast``, never imports or runs them.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Sequence
from pathlib import Path

from advisor.lint.declared import declarations, metadata

#: Warning classes that announce a removal.
_DEPRECATIONS = frozenset({"DeprecationWarning", "PendingDeprecationWarning", "FutureWarning"})
#: Folders a project keeps its packages in, besides its root.
_LAYOUTS = ("", "src")
#: Names a package's ``__init__.py`` must re-export from its own modules to be an API.
_MIN_EXPORTS = 3


def retired_commands(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[str], str]:
    """(``["jsonschema at jsonschema/cli.py:20"]``, ``"jsonschema/__init__.py"``) when every
    declared console script runs a module or function that warns, unconditionally, that it is
    deprecated, and the package they belong to re-exports an API from its own modules in its
    ``__init__.py``; ([], "") otherwise."""
    said: list[str] = []
    api = ""
    scripts = [s for s in declarations(paths) if not s.extra]
    if not scripts:
        return [], ""
    folders = [Path(folder) for folder, _ in metadata(paths)]
    for script in scripts:
        if script.file or ":" not in script.runs:
            return [], ""
        module, _, function = script.runs.partition(":")
        found = _module_file(folders, module)
        if found is None:
            return [], ""
        base, file = found
        line = _deprecation_line(file, function.strip())
        if line is None:
            return [], ""
        package = module.split(".", 1)[0]
        init = base / package / "__init__.py"
        if not api:
            if _exports(init) < _MIN_EXPORTS:
                return [], ""
            api = _relative(init, paths)
        said.append(f"{script.name} at {_relative(file, paths)}:{line}")
    return said, api


def _module_file(folders: Sequence[Path], module: str) -> tuple[Path, Path] | None:
    """(the folder the package sits in, the module's file) for a dotted *module*."""
    parts = module.strip().split(".")
    for folder in folders:
        for layout in _LAYOUTS:
            base = folder / layout if layout else folder
            for file in (
                base.joinpath(*parts).with_suffix(".py"),
                base.joinpath(*parts, "__init__.py"),
            ):
                if file.is_file():
                    return base, file
    return None


def _parse(file: Path) -> ast.Module | None:
    try:
        return ast.parse(file.read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError):
        return None


def _deprecation_line(file: Path, function: str) -> int | None:
    """The line of a ``warnings.warn(..., DeprecationWarning)`` the command always runs: a
    statement of the module's own body (run as it is imported) or of *function*'s body, not
    inside a condition (a deprecated option warns only when it is given)."""
    tree = _parse(file)
    if tree is None:
        return None
    bodies: list[list[ast.stmt]] = [tree.body]
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function:
            bodies.append(node.body)
    for body in bodies:
        for statement in body:
            if isinstance(statement, ast.Expr) and _warns_deprecation(statement.value):
                return statement.lineno
    return None


def _warns_deprecation(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name != "warn":
        return False
    given = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "category")]
    return any(
        (isinstance(g, ast.Name) and g.id in _DEPRECATIONS)
        or (isinstance(g, ast.Attribute) and g.attr in _DEPRECATIONS)
        for g in given
    )


def _exports(init: Path) -> int:
    """How many names *init* imports from its own package's modules (``from .x import A``,
    ``from pkg.x import A``): the API it offers to importers."""
    tree = _parse(init) if init.is_file() else None
    if tree is None:
        return 0
    package = init.parent.name
    count = 0
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (
            node.level > 0 or (node.module or "").split(".", 1)[0] == package
        ):
            count += sum(1 for alias in node.names if alias.name != "*")
    return count


def _relative(file: Path, paths: Sequence[str | os.PathLike[str]]) -> str:
    """*file* as the user names it: relative to the scanned folder."""
    for path in paths:
        try:
            return file.resolve().relative_to(Path(path).resolve()).as_posix()
        except ValueError:
            continue
    return file.as_posix()
