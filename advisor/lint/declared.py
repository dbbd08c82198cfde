"""What a project declares about itself: its console scripts and its pytest plugins, read
from pyproject.toml, setup.cfg and setup.py (as text, never run).

One reader for every question asked of them: `advisor scan --recommend` (is this a program,
where does its main path start: `advisor.evidence.sources`) and `advisor scan` (a module a
console script runs is a command-line program's own code, a registered pytest plugin is test
code: `advisor.lint.checks.once`). It lives with the linter because the linter may not import
code inference; inference reads it from here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

#: ``name = pkg.module:function [extra]`` in setup.cfg's or setup.py's console_scripts.
_SCRIPT_SPEC = r"([\w.-]+)\s*=\s*([A-Za-z_][\w.]*:[A-Za-z_][\w.]*)(\s*\[[^\]\n]*\])?"


class Script(NamedTuple):
    """A declared script: where it is declared, its name, what it runs (``pkg.cli:main``,
    empty when the declaration is built by code), and whether it needs an optional extra
    (``blackd = "blackd:main [d]"``)."""

    where: str
    name: str
    runs: str
    extra: bool
    #: A file the project installs as a command (setup.py's ``scripts=["bin/app"]``): *runs*
    #: is then its path, relative to the folder setup.py is in.
    file: bool = False


def declarations(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Script]:
    """Each script a scanned folder declares (pyproject.toml ``[project.scripts]``,
    ``[project.gui-scripts]``, ``[tool.poetry.scripts]``; setup.cfg's and setup.py's
    ``console_scripts``). One reader for both questions asked of them: is this a program,
    and where does its main path start; and the files setup.py's ``scripts=[...]`` or
    setup.cfg's ``[options] scripts`` install as commands (matrix-reminder-bot's extensionless
    ``matrix-reminder-bot``, butterfly's ``butterfly.server.py``). setup.py is read as text
    and with ``ast``, never run."""
    import re

    for folder, data in metadata(paths):
        for file in ("setup.py", "setup.cfg"):
            for path in _script_files(read(folder, file), cfg=file == "setup.cfg"):
                yield Script(f"{file} scripts", path.rsplit("/", 1)[-1], path, False, file=True)
        project = data.get("project") or {}
        poetry = (data.get("tool") or {}).get("poetry") or {}
        for label, table in (
            ("project.scripts", project.get("scripts")),
            ("project.gui-scripts", project.get("gui-scripts")),
            ("tool.poetry.scripts", poetry.get("scripts")),
        ):
            if isinstance(table, dict):
                for name, spec in table.items():
                    runs = spec if isinstance(spec, str) else ""
                    extra = "[" in runs
                    where = f"pyproject.toml [{label}] {name}"
                    yield Script(where, str(name), runs.split("[", 1)[0].strip(), extra)
        for file in ("setup.cfg", "setup.py"):
            text = read(folder, file)
            if "console_scripts" not in text and "gui_scripts" not in text:
                continue
            found = re.findall(_SCRIPT_SPEC, text)
            if not found and file == "setup.py":  # csvkit: [f"{b} = ...{b}:main" for b in bins]
                found = [m for spec in _built_scripts(text) for m in re.findall(_SCRIPT_SPEC, spec)]
            for name, runs, extra in found:
                yield Script(f"{file} console_scripts", name, runs, bool(extra))
            if not found:  # built by code: a program all the same
                yield Script(f"{file} console_scripts", "", "", False)


def _script_files(text: str, *, cfg: bool = False) -> list[str]:
    """The files a project installs as commands, written as literals: setup.py's
    ``setup(..., scripts=["bin/app", "app.py"])`` (distutils' scripts, read with ``ast``) or
    setup.cfg's ``[options] scripts =`` lines; [] when they are built by code."""
    import ast

    if cfg:
        import configparser

        parser = configparser.ConfigParser()
        try:
            parser.read_string(text)
            spec = parser.get("options", "scripts", fallback="")
        except configparser.Error:
            return []
        return [line.strip() for line in spec.splitlines() if line.strip()]
    if "scripts" not in text:
        return []
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name != "setup":
            continue
        for keyword in node.keywords:
            if keyword.arg == "scripts" and isinstance(keyword.value, (ast.List, ast.Tuple)):
                found += [
                    str(e.value).replace("\\", "/")
                    for e in keyword.value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                ]
    return found


def _built_scripts(text: str) -> list[str]:
    """setup.py's console_scripts built by a comprehension over a literal list, as csvkit's
    ``[f"{bin} = csvkit.utilities.{bin}:launch_new_instance" for bin in bins]``: the specs,
    read with ``ast`` (never run); [] for anything else."""
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    literals: dict[str, list[str]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, (ast.List, ast.Tuple)):
            items = [e.value for e in stmt.value.elts if isinstance(e, ast.Constant)]
            if items and all(isinstance(i, str) for i in items):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        literals[target.id] = [str(i) for i in items]
    specs: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ListComp) or len(node.generators) != 1:
            continue
        loop = node.generators[0]
        if not (isinstance(loop.target, ast.Name) and isinstance(loop.iter, ast.Name)):
            continue
        if not isinstance(node.elt, ast.JoinedStr) or loop.iter.id not in literals:
            continue
        for value in literals[loop.iter.id]:
            parts: list[str] = []
            for piece in node.elt.values:
                if isinstance(piece, ast.Constant):
                    parts.append(str(piece.value))
                elif (
                    isinstance(piece, ast.FormattedValue)
                    and isinstance(piece.value, ast.Name)
                    and piece.value.id == loop.target.id
                ):
                    parts.append(value)
                else:
                    break
            else:
                specs.append("".join(parts))
    return specs


def read(folder: str | os.PathLike[str], name: str) -> str:
    try:
        return (Path(folder) / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def metadata(
    paths: Sequence[str | os.PathLike[str]],
) -> Iterator[tuple[str | os.PathLike[str], dict[str, Any]]]:
    """Each scanned folder and its pyproject.toml (empty when absent or unreadable)."""
    from advisor.project import toml_loads

    for given in paths or ["."]:
        if not Path(given).is_dir():
            continue
        try:
            data = toml_loads(read(given, "pyproject.toml"))
        except ValueError:  # tomllib.TOMLDecodeError
            data = {}
        yield given, data


def script_targets(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """What every declared script runs, ``pkg.setup:run_cli``, the secondary ones too: for
    `advisor scan`, a module a console script runs is a command-line program's own code
    (`checks.verdict.script_modules`), whichever script it is; an installed wheel's
    ``entry_points.txt`` declares them too (`advisor.lint.wheel_scripts`)."""
    from advisor.lint.wheel_scripts import wheel_script_targets

    declared = [s.runs for s in declarations(paths) if s.runs]
    return list(dict.fromkeys([*declared, *wheel_script_targets(paths)]))


def pytest_plugins(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The modules a scanned folder registers as pytest plugins (the ``pytest11`` entry
    points of pyproject.toml's ``[project.entry-points]`` or ``[tool.poetry.plugins]``, or
    setup.cfg's ``[options.entry_points]``): for `advisor scan`, test code
    (`checks.verdict.script_modules`)."""
    import configparser

    found: list[str] = []
    for folder, data in metadata(paths):
        project = data.get("project") or {}
        poetry = (data.get("tool") or {}).get("poetry") or {}
        for table in (
            (project.get("entry-points") or {}).get("pytest11"),
            (poetry.get("plugins") or {}).get("pytest11"),
        ):
            if isinstance(table, dict):
                found.extend(str(v).partition(":")[0].strip() for v in table.values())
        text = read(folder, "setup.cfg")
        if "pytest11" in text:
            parser = configparser.ConfigParser()
            try:
                parser.read_string(text)
                spec = parser.get("options.entry_points", "pytest11", fallback="")
            except configparser.Error:
                spec = ""
            for line in spec.splitlines():
                target = line.partition("=")[2]
                if target.strip():
                    found.append(target.partition(":")[0].strip())
    return list(dict.fromkeys(m for m in found if m))
