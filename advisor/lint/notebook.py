"""Jupyter notebooks as code to read: the code cells of an ``.ipynb`` file, never run.

A notebook is JSON; its code cells become one `SourceFile` each (``cell`` counts
code cells from 1, as a reader counts them), so evidence points at
``analysis.ipynb:cell 3:line 2``. IPython syntax that is not Python (``%magic``,
``!shell``, ``x = !ls``, ``obj?``) is replaced by ``pass`` at the same indentation,
which keeps every other line where it was and every block valid. Cells in
another language (``%%bash``, ``%%html``, ...) are left out.
"""

from __future__ import annotations

import json
import re
from typing import Any

from advisor.errors import UsageError
from advisor.inference import SourceFile

#: Cell magics whose body is still Python.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "python", "python3"})

_LINE_MAGIC = re.compile(r"^(\s*)(?:[%!]|\?\??\w)")
_ASSIGNED_SHELL = re.compile(r"^(\s*)[\w.\[\], ]+=\s*[%!]")
_HELP = re.compile(r"^(\s*)[\w.]+\?\??\s*$")


class NotebookError(UsageError):
    """A ``.ipynb`` file that is not a notebook."""


def cells(path: str, text: str) -> list[SourceFile]:
    """The Python code cells of the notebook *text*, magics neutralised."""
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
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError(
            f"{path}: not a notebook (no list of cells)", key="notebook_no_cells", where=path
        )
    language = _language(data)
    if language not in ("python", ""):
        # Said, not returned empty: "no Python files found" for a notebook named on the
        # command line would send the user looking for the wrong mistake.
        raise NotebookError(
            f"{path}: a notebook in {language}, not Python",
            key="notebook_language",
            where=path,
            language=language,
        )
    result: list[SourceFile] = []
    number = 0
    for cell in data["cells"]:
        if not isinstance(cell, dict):
            raise NotebookError(
                f"{path}: not a notebook (a cell is not an object)",
                key="notebook_bad_cell",
                where=path,
            )
        if cell.get("cell_type") != "code":
            continue
        number += 1
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
        python = to_python(body)
        if python is not None:
            result.append(SourceFile(path, python, number))
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
        match = _LINE_MAGIC.match(line) or _ASSIGNED_SHELL.match(line) or _HELP.match(line)
        out.append(f"{match.group(1)}pass" if match else line)
    return "\n".join(out) + "\n"


def _language(data: dict[str, Any]) -> str:
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return ""
    for key in ("language_info", "kernelspec"):
        info = metadata.get(key)
        if isinstance(info, dict) and isinstance(info.get("language"), str):
            return str(info["language"]).lower()
        if isinstance(info, dict) and isinstance(info.get("name"), str) and key == "language_info":
            return str(info["name"]).lower()
    return ""
