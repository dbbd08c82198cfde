"""Which Python the converted code must run on: ``--target-version``, else the project's
``requires-python`` lower bound (the nearest pyproject.toml, `advisor.project`), else the running
interpreter.

The converted code has one shape on every version (gather, never a TaskGroup, so that the same
file behaves the same whatever the target); the version still decides what syntax the output
may use. Positional-only parameters and async context managers need 3.8, and a project that still
supports 3.10 (end of life since October 2026) may still be converted for, although advisor
itself runs on 3.11+; anything older is refused as a usage error.
"""

from __future__ import annotations

import re
import sys

from advisor.errors import ConvertError
from advisor.models import Text
from advisor.project import lowest_python, nearest_pyproject, requires_python, toml_loads

MINIMUM = (3, 10)
#: The newest minor version convert accepts: ``3.99`` is a typo, not a Python (defect #44).
NEWEST = (3, 16)


def parse_version(text: str, *, option: str = "--target-version") -> tuple[int, int]:
    match = re.fullmatch(r"(?:py)?3\.?(\d{1,2})", text.strip())
    if not match:
        raise ConvertError(
            f"{option} {text!r} is not a Python version; use for example {option} 3.11",
            key="convert_bad_version",
            option=option,
            value=text,
        )
    version = (3, int(match.group(1)))
    if version > NEWEST:
        raise ConvertError(
            f"{option} {text!r} is not a Python version; use for example {option} 3.11",
            key="convert_bad_version",
            option=option,
            value=text,
        )
    if version < MINIMUM:
        raise ConvertError(
            f"{option} {text}: converted code needs Python 3.10 or newer; use {option} 3.10 or later",
            key="convert_old_version",
            option=option,
            value=text,
        )
    return version


def resolve(target: str | tuple[int, int] | None, paths: list[str]) -> tuple[int, int]:
    if isinstance(target, tuple):
        return target
    if target is not None:  # an empty --target-version is a mistake, not the default
        return parse_version(target)
    pyproject = nearest_pyproject(paths[0]) if paths else None
    if pyproject is not None:
        version = requires_python(pyproject)
        if version is not None and version < MINIMUM:
            # Review defect #27: ">=3.8" used to become 3.10 silently, breaking the
            # declared support; the user decides, with an explicit --target-version.
            declared = f"{version[0]}.{version[1]}"
            raise ConvertError(
                f"{pyproject}: requires-python allows Python {declared}, older than the 3.10 "
                "converted code is made for; pass --target-version 3.10 (or newer) to convert "
                "anyway",
                key="convert_requires_older",
                path=pyproject,
                version=declared,
            )
        if version is not None:
            return version
    return (sys.version_info[0], sys.version_info[1])


def unread(target: str | tuple[int, int] | None, paths: list[str]) -> tuple[str, Text] | None:
    """(the pyproject.toml, why) when convert chose the target without the project's
    ``requires-python`` although the project has one it could not read: an invalid TOML file,
    or a specifier with no 3.x lower bound. Said out loud in one line, never ignored silently
    (review defect #27); None when the target was given or the file was read."""
    from advisor.codemod.rules import phrase

    if target is not None or not paths:
        return None
    pyproject = nearest_pyproject(paths[0])
    if pyproject is None:
        return None
    try:
        with open(pyproject, encoding="utf-8") as handle:
            data = toml_loads(handle.read())
    except OSError:
        return None
    except ValueError:  # not TOML, or not UTF-8
        return pyproject, phrase("pyproject-invalid", path=pyproject)
    project = data.get("project")
    spec = project.get("requires-python") if isinstance(project, dict) else None
    if spec is None:
        return None
    if not isinstance(spec, str) or lowest_python(spec) is None:
        return pyproject, phrase("requires-python-invalid", path=pyproject, spec=repr(spec))
    return None
