"""Files and folders -> `SourceFile`s for inference, through `advisor scan`'s discovery.

The same walk as `advisor scan` (virtual environments, ``.gitignore``, ``--exclude`` and
``[tool.advisor]`` excludes honoured; size limit; symlink loops reported), plus ``.ipynb``
notebooks, whose code cells are read as JSON. Nothing is imported or run. A file that
cannot be read becomes a skip reason in both languages, never an error.
"""

from __future__ import annotations

import io
import os
import tokenize
from collections.abc import Iterable, Iterator, Sequence

from advisor.inference import SourceFile
from advisor.models import LANGS, Text

#: What `scan --recommend` reads in a folder: Python files and notebooks.
SUFFIXES = (".py", ".ipynb")


def skip_text(key: str, detail: str = "") -> Text:
    """A skip reason of `advisor scan` (``lint/data/skips.yaml``) in every language."""
    from advisor.lint._data import skip_reason

    return Text({lang: skip_reason(key, detail, lang) for lang in LANGS})


def read_sources(
    paths: Sequence[str | os.PathLike[str]],
    *,
    exclude: Iterable[str] = (),
    config: bool = True,
) -> tuple[list[SourceFile], list[tuple[str, Text]]]:
    """Every Python file and notebook under *paths*, and the ones skipped with the reason.

    Raises `advisor.errors.ScanError` for a path that does not exist (as `advisor scan`).
    """
    # The linter's data (folders never walked, the size limit) through its one loader.
    from advisor.lint._data import bundle
    from advisor.lint.config import load_config
    from advisor.lint.discover import common_root, discover, existing_paths

    given = existing_paths(paths)
    settings = load_config(given[0]) if config else None
    root = settings.root if settings is not None and settings.path else common_root(given)
    calls = bundle()["calls"]
    found, skipped = discover(
        given,
        root,
        exclude=(*(settings.exclude if settings is not None else ()), *exclude),
        skip_dirs=calls["skip_dirs"],
        max_bytes=int(calls["max_file_bytes"]),
        suffixes=SUFFIXES,
    )
    reasons = [(s.path, skip_text(s.key, s.detail)) for s in skipped]
    sources: list[SourceFile] = []
    # Evidence paths are relative to the scanned folder, as docs/json.md says (issue 19): not
    # to the working directory, and a trailing slash must not double the separator.
    folder = os.path.abspath(given[0]) if len(given) == 1 and os.path.isdir(given[0]) else None
    for source in found:
        path = source.display
        if folder is not None:
            path = os.path.relpath(os.path.abspath(source.abspath), folder)
        path = path.replace(os.sep, "/")
        try:
            with open(source.abspath, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            reasons.append((path, skip_text("unreadable", exc.strerror or str(exc))))
            continue
        read = _notebook if path.endswith(".ipynb") else _python
        result = read(path, data)
        if isinstance(result, Text):
            reasons.append((path, result))
        else:
            sources.extend(result)
    return sources, reasons


def _python(path: str, data: bytes) -> list[SourceFile] | Text:
    if b"\0" in data[:8192]:
        return skip_text("binary")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return [SourceFile(path, data.decode(encoding))]
    except (SyntaxError, LookupError) as exc:
        return skip_text("encoding", str(exc))
    except UnicodeDecodeError as exc:
        return skip_text("encoding", f"not valid {exc.encoding} at byte {exc.start}")


def _notebook(path: str, data: bytes) -> list[SourceFile] | Text:
    from advisor.lint.notebook import NotebookError, cells

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return skip_text("encoding", f"not valid utf-8 at byte {exc.start}")
    try:
        found = cells(path, text)
    except NotebookError as exc:
        return skip_text("unreadable", str(exc).split(": ", 1)[-1])
    return found or skip_text("unreadable", "no Python code cells")


#: ``name = pkg.module:function`` in setup.cfg's or setup.py's console_scripts.
_SCRIPT_SPEC = r"[\w.-]+\s*=\s*([A-Za-z_][\w.]*:[A-Za-z_][\w.]*)"


def _declarations(paths: Sequence[str | os.PathLike[str]]) -> Iterator[tuple[str, list[str]]]:
    """Each script a scanned folder declares: where (``pyproject.toml [project.scripts] cli``,
    ``setup.cfg console_scripts``) and what it runs (``pkg.cli:main``). One reader for both
    questions asked of them: is this a program, and where does its main path start.
    setup.py is read as text, never run."""
    import re
    import tomllib
    from pathlib import Path

    for given in paths or ["."]:
        folder = Path(given)
        if not folder.is_dir():
            continue
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                data = {}
            project = data.get("project") or {}
            poetry = (data.get("tool") or {}).get("poetry") or {}
            for label, table in (
                ("project.scripts", project.get("scripts")),
                ("project.gui-scripts", project.get("gui-scripts")),
                ("tool.poetry.scripts", poetry.get("scripts")),
            ):
                if isinstance(table, dict):
                    for name, spec in table.items():
                        runs = [spec] if isinstance(spec, str) else []
                        yield f"pyproject.toml [{label}] {name}", runs
        for name in ("setup.cfg", "setup.py"):
            try:
                text = (folder / name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "console_scripts" in text or "gui_scripts" in text:
                yield f"{name} console_scripts", re.findall(_SCRIPT_SPEC, text)


def declared_entry_points(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Console and GUI scripts a scanned folder declares (``[project.scripts]``,
    ``[project.gui-scripts]``, ``[tool.poetry.scripts]`` in pyproject.toml, setup.cfg's and
    setup.py's ``console_scripts``): the program's entry points, even with no main guard (issue 19)."""
    return [where for where, _ in _declarations(paths)]


def declared_scripts(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """What the declared scripts run, ``pkg.cli:main``: the main path starts there (issue 19,
    cause 2)."""
    runs = (spec.strip() for _, specs in _declarations(paths) for spec in specs)
    return list(dict.fromkeys(runs))
