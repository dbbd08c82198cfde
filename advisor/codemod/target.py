"""Which Python the converted code must run on: ``--target-version``, else the project's
``requires-python`` lower bound (nearest pyproject.toml), else the running interpreter.

It decides TaskGroup (3.11+) against gather (3.10); asyncio.to_thread needs 3.9, and advisor
itself needs 3.10, so anything older is refused as a usage error.
"""

from __future__ import annotations

import os
import re
import sys

from advisor.errors import ConvertError as UsageError

MINIMUM = (3, 10)


def parse_version(text: str, *, option: str = "--target-version") -> tuple[int, int]:
    match = re.fullmatch(r"(?:py)?3\.?(\d{1,2})", text.strip())
    if not match:
        raise UsageError(
            f"{option} {text!r} is not a Python version; use for example {option} 3.11",
            key="convert_bad_version",
            option=option,
            value=text,
        )
    version = (3, int(match.group(1)))
    if version < MINIMUM:
        raise UsageError(
            f"{option} {text}: converted code needs Python 3.10 or newer; use {option} 3.10 or later",
            key="convert_old_version",
            option=option,
            value=text,
        )
    return version


def from_requires_python(spec: str) -> tuple[int, int] | None:
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


def nearest_pyproject(start: str) -> str | None:
    directory = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def resolve(target: str | tuple[int, int] | None, paths: list[str]) -> tuple[int, int]:
    if isinstance(target, tuple):
        return target
    if target:
        return parse_version(target)
    pyproject = nearest_pyproject(paths[0]) if paths else None
    if pyproject is not None:
        version = _requires_python(pyproject)
        if version is not None:
            return max(version, MINIMUM)
    return (sys.version_info[0], sys.version_info[1])


def _requires_python(path: str) -> tuple[int, int] | None:
    """On 3.10 only with tomli installed; without it the running Python decides."""
    import importlib

    try:
        tomllib = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    except ImportError:  # pragma: no cover - 3.10 without tomli
        return None
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, ValueError):
        return None
    spec = data.get("project", {}).get("requires-python")
    return from_requires_python(spec) if isinstance(spec, str) else None
