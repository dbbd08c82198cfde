"""The user's project as its ``pyproject.toml`` describes it: where the nearest one is, how to
read it (tomllib), and the oldest Python it says it supports.

`scan` reads ``[tool.advisor]`` from it (`lint.config`) and `convert` reads ``requires-python``
(`codemod.target`); both walk up from the first path the user gave, as ruff does, so one finder
keeps them from disagreeing about which file is "the project's".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any


def nearest_pyproject(
    start: str, accept: Callable[[bytes], bool] | None = None, *, take_unreadable: bool = False
) -> str | None:
    """The nearest ``pyproject.toml`` at or above *start* (a file or a folder, existing or not).

    With *accept*, a file whose bytes it rejects (or that cannot be read) is passed over and
    the walk goes on upwards: the linter wants the nearest file that configures advisor.
    With *take_unreadable*, a file that cannot be read is returned instead, for the caller to
    refuse: whether it configures advisor cannot be told, and passing over it would lint
    with rules nobody chose.
    """
    current = os.path.abspath(start)
    if not os.path.isdir(current):
        current = os.path.dirname(current)
    while True:
        candidate = os.path.join(current, "pyproject.toml")
        if os.path.isfile(candidate):
            if accept is None:
                return candidate
            data = _read(candidate)
            if take_unreadable if data is None else accept(data):
                return candidate
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def toml_loads(text: str) -> dict[str, Any]:
    """Parse TOML; raises ValueError (tomllib's TOMLDecodeError) for a malformed document.

    A leading byte-order mark is dropped first: Windows Notepad and PowerShell's UTF-8 writers
    add one, tomllib then reports "Invalid statement (at line 1, column 1)" on a file that is
    otherwise fine and looks fine in every editor, and no reading of the document is lost."""
    import tomllib

    document: dict[str, Any] = tomllib.loads(text.removeprefix("\ufeff"))
    return document


def requires_python(path: str) -> tuple[int, int] | None:
    """The lowest 3.x the ``requires-python`` of *path* allows; None when the file cannot be
    read or parsed or says nothing usable (then the caller falls back, never fails)."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = toml_loads(handle.read())
    except (OSError, ValueError):  # UnicodeDecodeError is a ValueError too
        return None
    project = data.get("project")
    spec = project.get("requires-python") if isinstance(project, dict) else None
    return lowest_python(spec) if isinstance(spec, str) else None


def lowest_python(spec: str) -> tuple[int, int] | None:
    """The lowest 3.x a ``requires-python`` specifier allows (``>=3.11``, ``~=3.10``, ``>3.9``)."""
    best: tuple[int, int] | None = None
    for clause in spec.split(","):
        match = re.match(r"\s*(>=|~=|==|>)\s*3\.(\d+)", clause)
        if not match:
            continue
        minor = int(match.group(2)) + (1 if match.group(1) == ">" else 0)
        version = (3, minor)
        best = version if best is None or version > best else best
    return best
