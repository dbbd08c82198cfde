"""`scan --recommend` refusals that say what to point it at instead.

Two refusals of `scan --recommend` named nothing the user could do next (newcomer review 16):

- every file named was not Python (an R notebook, a ``Makefile``, ``x.yml``): "cannot read: a
  notebook in R, not Python; fix it" -- nothing there is broken; `advisor scan` already says
  to name .py files or notebooks instead (#8);
- a folder one level above an unpacked source package (``/tmp/x/`` holding ``pkg-1.0/``,
  whose ``pyproject.toml`` or ``setup.py`` declares the program) was called "a library" without
  naming the folder below that holds the project (#11).

Kept apart from `_scan_recommend` (being split): it calls these through one-line hooks.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from advisor.errors import ScanError

if TYPE_CHECKING:
    from advisor.inference import Inference
    from advisor.models import Text

#: Files that make a folder a project's root, in the order they are named.
PROJECT_FILES = ("pyproject.toml", "setup.py", "setup.cfg")


def _pattern(key: str, detail: str) -> re.Pattern[str]:
    """The English skip reason *key* with its detail left open, from the one data file that
    words it (`lint/data/skips.yaml`), so a rewording there cannot break the match."""
    from advisor.evidence.sources import skip_text

    said = skip_text(key, detail.replace("{}", "\0")).get("en")
    parts = re.split("(\0)", said)
    return re.compile("".join(".+" if part == "\0" else re.escape(part) for part in parts))


def _not_python(reason: Text) -> bool:
    """Whether the skip *reason* says the file is not Python (a refused name or extension, a
    notebook in another language), rather than broken."""
    english = reason.get("en")
    return any(
        pattern.fullmatch(english)
        for pattern in (
            _pattern("not_python", "{}"),
            _pattern("unreadable", "a notebook in {}, not Python"),
        )
    )


def nothing_python(paths: list[str], inference: Inference) -> ScanError | None:
    """The refusal when nothing was read because no file found is Python; None when a file
    was skipped for another reason (that one is broken, and the caller's message says so)."""
    skipped = inference.skipped
    if not skipped or not all(_not_python(reason) for _, reason in skipped):
        return None
    path, said = skipped[0]
    # "not a Python file (Makefile); name .py files or folders": the advice is this one's
    english, chinese = said.get("en").split("; ")[0], said.get("zh-TW").split("；")[0]
    if all(os.path.isfile(p) for p in paths):
        return ScanError(
            f"nothing to recommend from: no file named is Python (first: {path}: "
            f"{english}); name .py files or notebooks, or a folder to search",
            key="scan_recommend_nothing_python_named",
            path=path,
            reason=chinese,
        )
    where = " ".join(paths)
    return ScanError(
        f"{where}: no Python files or notebooks found, only files that are not Python (first: "
        f"{path}: {english}); point `advisor scan --recommend` at the folder of your "
        "Python code",
        key="scan_recommend_nothing_python_found",
        folder=where,
        path=path,
        reason=chinese,
    )


def project_below(paths: list[str]) -> tuple[str, str] | None:
    """The one folder right below the single folder in *paths* that holds a project file
    (and the file), when that folder holds none itself: an unpacked ``pkg-1.0.tar.gz``
    scanned from the folder it was unpacked in. None when there is no such single folder."""
    if len(paths) != 1 or not os.path.isdir(paths[0]):
        return None
    top = paths[0]
    if any(os.path.isfile(os.path.join(top, name)) for name in PROJECT_FILES):
        return None
    found: list[tuple[str, str]] = []
    try:
        entries = sorted(os.scandir(top), key=lambda entry: entry.name)
    except OSError:
        return None
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_dir(follow_symlinks=False):
            continue
        marker = next(
            (n for n in PROJECT_FILES if os.path.isfile(os.path.join(entry.path, n))), None
        )
        if marker is not None:
            found.append((os.path.join(top, entry.name), marker))
    return found[0] if len(found) == 1 else None


def refusing_library(
    paths: list[str], inference: Inference, refuse: Callable[[list[str], Inference], None]
) -> None:
    """*refuse* (the "this looks like a library" check), its refusal naming the folder below
    when the project is there: one level down the same code is read with its
    ``[project.scripts]`` and ``setup.py``, and recommended for (newcomer review 16, #11)."""
    try:
        refuse(paths, inference)
    except ScanError as exc:
        below = project_below(paths) if (exc.key or "").startswith("scan_library") else None
        if below is None:
            raise
        from advisor.engine import shell_quote

        folder, marker = below
        command = f"advisor scan --recommend {shell_quote(folder)}"
        raise ScanError(
            f"{folder}, one folder down, holds the project's {marker}, which this folder "
            f"lacks: run `{command}`; read from here, {exc.message('en')}",
            key="scan_library_project_below",
            refusal=exc.message("zh-TW"),
            folder=folder,
            marker=marker,
            command=command,
        ) from exc
