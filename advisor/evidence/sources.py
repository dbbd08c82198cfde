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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from advisor.inference import SourceFile
from advisor.lint._data import detail as skip_detail
from advisor.lint._data import os_skip
from advisor.lint.declared import declarations as _declarations
from advisor.lint.declared import metadata as _metadata
from advisor.lint.declared import read as _read
from advisor.models import LANGS, Text

#: What `scan --recommend` reads in a folder: Python files and notebooks.
SUFFIXES = (".py", ".pyw", ".ipynb")


def skip_text(key: str, detail: str | Text = "") -> Text:
    """A skip reason of `advisor scan` (``lint/data/skips.yaml``) in every language; a
    *detail* that is itself a `Text` is said in each language too."""
    from advisor.lint._data import skip_reason

    def said(lang: str) -> str:
        return detail.get(lang) if isinstance(detail, Text) else detail

    return Text({lang: skip_reason(key, said(lang), lang) for lang in LANGS})


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
            reasons.append((path, skip_text(*os_skip(exc))))
            continue
        read = _notebook if path.endswith(".ipynb") else _python
        result = read(path, data)
        if isinstance(result, Text):
            reasons.append((path, result))
        else:
            sources.extend(result)
    if folder is not None:
        known = {s.path for s in sources} | {path for path, _ in reasons}
        sources += [s for s in _script_files(folder) if s.path not in known]
    return sources, reasons


def _script_files(folder: str) -> list[SourceFile]:
    """The commands setup.py installs as files with no ``.py`` (``scripts=["app"]``, a
    ``#!/usr/bin/env python`` script), which discovery does not read: they are where the
    program starts (issue 19, cause 2; matrix-reminder-bot's ``matrix-reminder-bot`` runs
    ``main.main()`` on an event loop). A file that is not Python (a shell script) is left out."""
    found: list[SourceFile] = []
    for script in _declarations([folder]):
        path = script.runs
        if not script.file or path.endswith(SUFFIXES) or path.startswith(("/", "..")):
            continue
        try:
            with open(os.path.join(folder, path), "rb") as handle:
                data = handle.read(_SCRIPT_BYTES + 1)
        except OSError:
            continue
        first = data.split(b"\n", 1)[0]
        if len(data) > _SCRIPT_BYTES or not (first.startswith(b"#!") and b"python" in first):
            continue
        result = _python(path, data)
        if not isinstance(result, Text):
            found.extend(result)
    return found


#: A command file larger than this is not read as a script (a bundled binary, a zipapp).
_SCRIPT_BYTES = 1_000_000


def _python(path: str, data: bytes) -> list[SourceFile] | Text:
    """The file's text, or why it cannot be read: the same reasons as `advisor scan`'s, so a
    UTF-16 file (PowerShell's ``>``) is called UTF-16 with its fix, not "binary data"."""
    from advisor.lint.analyse import not_text

    if (skip := not_text(data)) is not None:
        return skip_text(*skip)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return [SourceFile(path, data.decode(encoding))]
    except (SyntaxError, LookupError) as exc:
        return skip_text("encoding", str(exc))
    except UnicodeDecodeError as exc:
        return skip_text("encoding", skip_detail("detail_bad_bytes", exc.encoding, exc.start))


def _notebook(path: str, data: bytes) -> list[SourceFile] | Text:
    from advisor.lint.notebook import NotebookError, cells

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return skip_text("encoding", skip_detail("detail_bad_bytes", "utf-8", exc.start))
    try:
        found = cells(path, text)
    except NotebookError as exc:
        # The reason in every language, not the English one inside a Chinese line; the
        # message starts with the path, which the skip list already shows.
        prefix = f"{path}: "
        why = Text({lang: exc.message(lang).removeprefix(prefix) for lang in LANGS})
        return skip_text("unreadable", why)
    return found or skip_text("no_code_cells")


#: A project's name in setup.cfg (``name = app``) or setup.py (``name="app"``).
_NAME_SPEC = r"(?m)^\s*name\s*=\s*['\"]?([A-Za-z0-9][\w.-]*)"


def _project_names(paths: Sequence[str | os.PathLike[str]]) -> set[str]:
    """The project's name as packaging normalises it (``Black``, ``my_app``: ``black``,
    ``my-app``), from pyproject.toml, setup.cfg or setup.py."""
    import re

    found: set[str] = set()
    for folder, data in _metadata(paths):
        for table in (data.get("project") or {}, (data.get("tool") or {}).get("poetry") or {}):
            if isinstance(table.get("name"), str):
                found.add(table["name"])
        for file in ("setup.cfg", "setup.py"):
            found.update(re.findall(_NAME_SPEC, _read(folder, file)))
    return {re.sub(r"[-_.]+", "-", name).lower() for name in found}


def declared_entry_points(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Console and GUI scripts a scanned folder declares (``[project.scripts]``,
    ``[project.gui-scripts]``, ``[tool.poetry.scripts]`` in pyproject.toml, setup.cfg's and
    setup.py's ``console_scripts``): the program's entry points, even with no main guard (issue 19)."""
    return list(dict.fromkeys(script.where for script in _declarations(paths)))


def declared_scripts(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """What the program's main scripts run, ``pkg.cli:main``: the main path starts there
    (issue 19, cause 2). A script behind an optional extra (black's ``blackd [d]``, a server
    beside the tool) is secondary, and so is every other script when one is named like the
    project (``black`` beside ``blackd``): what only they reach is listed, not counted, unless
    the named one only lists them (`advisor.evidence.tool_suite`)."""
    import re

    declared = list(_declarations(paths))
    scripts = [s for s in declared if s.runs]
    plain = [s for s in scripts if not s.extra] or scripts
    project = _project_names(paths)
    named = [s for s in plain if re.sub(r"[-_.]+", "-", s.name).lower() in project]
    runs = list(dict.fromkeys(s.runs for s in named or plain))
    # The others beside a named one, marked "+" (`tool_suite.BESIDE_NAMED`): followed only
    # when the named one only lists them (deeptools' tool list beside bamCoverage).
    beside = [f"+{s.runs}" for s in plain if named and s.runs not in runs]
    runs += list(dict.fromkeys(beside))
    # Scripts built by code (limnoria's `'%s = supybot.scripts.%s:main' % ...`): the program
    # declares its commands, but not which: "" says so (`mainpath.UNREAD_SCRIPTS`).
    return [*runs, ""] if any(not s.runs for s in declared) else runs


#: Classifiers that say a project is a library: typed for importers (PEP 561). "Topic ::
#: Software Development :: Libraries" is not one: black and csvkit, applications, declare it.
_LIBRARY_CLASSIFIERS = ("Typing :: Typed",)


#: With no script declared and every entry point a program in a helper folder (psutil's
#: scripts/), the topic counts too: black and csvkit declare it, but they declare scripts.
_LIBRARY_TOPICS = ("Topic :: Software Development :: Libraries",)


def library_marks(
    paths: Sequence[str | os.PathLike[str]], packages: Sequence[str], *, topic: bool = False
) -> list[str]:
    """What says a project is a library meant to be imported: a ``py.typed`` in one of
    *packages* (folders relative to the scanned folder, PEP 561), or a classifier in
    pyproject.toml, setup.cfg, setup.py or PKG-INFO (``Typing :: Typed``). Read to tell a library's demo ``__main__.py``
    from an application run as ``python -m app`` (issue 19, cause 8)."""
    marks: list[str] = []
    for folder, _ in _metadata(paths):
        for package in packages:
            if (Path(folder) / package / "py.typed").is_file():
                marks.append(f"{package}/py.typed")
        for file in ("pyproject.toml", "setup.cfg", "setup.py", "PKG-INFO"):
            text = _read(folder, file)
            known = _LIBRARY_CLASSIFIERS + (_LIBRARY_TOPICS if topic else ())
            marks += [f"{file}: {c}" for c in known if c in text]
    return list(dict.fromkeys(marks))


def tool_scripts(paths: Sequence[str | os.PathLike[str]], package_dirs: Sequence[str]) -> list[str]:
    """The declared scripts' names when every one is a tool bundled with an importable package
    (issue 19, cause 8: pySerial's ``pyserial-miniterm = serial.tools.miniterm:main`` and
    ``pyserial-ports``): it runs a module in a tools folder inside one of *package_dirs*
    (``tool_folders`` in ``data/mainpath.yaml``), and none is named like the project. A
    script named like the project is the project's own command (black, mitmproxy's
    ``mitmproxy.tools.main``), so an application with one CLI stays one. [] otherwise; the
    command line weighs the tools against what says "library" (`library_marks`)."""
    import re

    from advisor.evidence.units import names

    folders = set(names()["tool_folders"])
    packages = {p.replace("\\", "/").rsplit("/", 1)[-1] for p in package_dirs}
    scripts = [s for s in _declarations(paths) if s.runs and not s.extra]
    project = _project_names(paths)
    if not scripts or not project:
        return []
    for script in scripts:
        if script.file or re.sub(r"[-_.]+", "-", script.name).lower() in project:
            return []  # a file installed as a command is the project's own
        parts = script.runs.split(":", 1)[0].split(".")
        if parts[0] not in packages or not folders.intersection(parts[1:-1]):
            return []
    return [s.name for s in scripts]


def config_defaults(
    paths: Sequence[str | os.PathLike[str]], found: Sequence[SourceFile]
) -> dict[str, set[int]]:
    """The whole numbers a package's own configuration file sets (``max_connections = 6`` in
    streamrip's ``streamrip/config.toml``): what a setting read from that file is when nobody
    configures it, so a bound written as ``Semaphore(config.max_connections)`` has its default
    (issue 19, cause 5). Only files beside a package's ``__init__.py`` named like a
    configuration (``config_files`` in ``data/concurrency.yaml``), TOML or INI, read as data."""
    import configparser

    from advisor.evidence.tables import _load
    from advisor.project import toml_loads

    if len(paths) != 1 or not os.path.isdir(paths[0]):
        return {}
    folder = Path(paths[0])
    stems = set(_load("concurrency.yaml")["config_files"])
    packages = sorted({s.path.rsplit("/", 1)[0] for s in found if s.path.endswith("/__init__.py")})
    settings: dict[str, set[int]] = {}
    for package in packages[:_PACKAGES_READ]:
        try:
            files = sorted((folder / package).iterdir())
        except OSError:
            continue
        for file in files:
            if file.suffix not in (".toml", ".ini", ".cfg") or file.stem.lower() not in stems:
                continue
            try:
                text = file.read_text(encoding="utf-8")[:_CONFIG_CHARS]
                if file.suffix == ".toml":
                    data: Any = toml_loads(text)
                else:
                    parser = configparser.ConfigParser(interpolation=None)
                    parser.read_string(text)
                    data = {s: dict(parser[s]) for s in parser.sections()}
            except (OSError, UnicodeDecodeError, ValueError, configparser.Error):
                continue
            for key, value in _integers(data):
                settings.setdefault(key, set()).add(value)
    return settings


#: Packages and characters of a configuration file read: the defaults are near the top.
_PACKAGES_READ = 50
_CONFIG_CHARS = 200_000


def _integers(data: Any) -> list[tuple[str, int]]:
    """(key, whole number) at any depth of a parsed configuration; text digits in INI too."""
    out: list[tuple[str, int]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict):
                out += _integers(value)
            elif type(value) is int:
                out.append((str(key), value))
            elif isinstance(value, str) and value.strip().isdigit():
                out.append((str(key), int(value.strip())))
    return out
