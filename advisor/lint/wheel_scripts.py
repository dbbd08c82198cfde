"""The console scripts an installed wheel declares, and which of them start a server.

A project scanned as its wheel (what PyPI ships, what `benchmarks/scan_packages.py` scans)
has no pyproject.toml, setup.cfg or setup.py beside its package: its console scripts are
declared in the wheel's ``*.dist-info/entry_points.txt`` (``[console_scripts]``, written by
the build backend from those very files). Same declaration, other form: a module one of them
runs is a command-line program's own code for `advisor scan` (`checks.verdict.script_modules`)
as when the source tree declares it. lightrag-hku's ``lightrag-rebuild-vdb`` and
``lightrag-clean-llmqc`` ask for confirmation with ``input()`` before they start; declared
only there, they read as a library.

A script whose module starts a server is no command-line program: it serves clients for as
long as it runs (lightrag-hku's ``lightrag-server``, whose ``main`` ends in ``uvicorn.run``,
and whose static-file handler reads ``index.html`` per request). Its module is left to the
call graph, whichever file declares the script: `serves` reads the module (``ast``, never
imported) for a call of one of ``script_server_runs`` (calls.yaml).
"""

from __future__ import annotations

import ast
import configparser
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from advisor.lint.statements import walk

#: The sections of entry_points.txt that install commands.
_SECTIONS = ("console_scripts", "gui_scripts")


def wheel_declares(folder: str | os.PathLike[str]) -> bool:
    """Whether *folder* holds an installed wheel's entry points (a ``*.dist-info`` folder
    with an ``entry_points.txt``)."""
    return any(_entry_files(folder))


def wheel_script_targets(paths: Sequence[str | os.PathLike[str]]) -> Iterator[str]:
    """What each console or GUI script of the wheels in *paths* runs (``pkg.cli:main``), the
    optional extra (``[d]``) left off as `declared.declarations` does."""
    for folder in paths:
        for path in _entry_files(folder):
            # as leniently as the installer's reader (importlib.metadata): a script named
            # twice, a section repeated or a stray byte in a comment loses no declaration
            parser = configparser.ConfigParser(delimiters=("=",), interpolation=None, strict=False)
            parser.optionxform = str  # type: ignore[assignment,method-assign]
            try:
                parser.read_string(path.read_text(encoding="utf-8", errors="replace"))
            except (OSError, configparser.Error):
                continue
            for section in _SECTIONS:
                if parser.has_section(section):
                    for _name, spec in parser.items(section):
                        runs = spec.split("[", 1)[0].strip()
                        if ":" in runs:
                            yield runs


def serves(folders: Iterable[str], module: str, runs: Iterable[str]) -> bool:
    """Whether *module* (found under one of *folders*, as ``pkg/mod.py`` or
    ``pkg/mod/__init__.py``) calls one of *runs*: a dotted name matched whole
    (``uvicorn.run``), a bare one by the call's last name (``run_app``, ``serve_forever``).
    A module that cannot be read or parsed starts no server here."""
    dotted = frozenset(r for r in runs if "." in r)
    bare = frozenset(r for r in runs if "." not in r)
    relative = module.replace(".", "/")
    for folder in folders:
        for candidate in (f"{relative}.py", f"{relative}/__init__.py"):
            path = Path(folder) / candidate
            if not path.is_file():
                continue
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
                return False
            for node in walk(tree):
                if isinstance(node, ast.Call):
                    name = _dotted(node.func)
                    if name in dotted or name.rpartition(".")[2] in bare:
                        return True
            return False
    return False


def _dotted(node: ast.expr) -> str:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _entry_files(folder: str | os.PathLike[str]) -> Iterator[Path]:
    try:
        found = sorted(Path(folder).glob("*.dist-info/entry_points.txt"))
    except OSError:
        return
    yield from (path for path in found if path.is_file())
