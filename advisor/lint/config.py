"""``[tool.advisor]`` in the nearest ``pyproject.toml``: select, ignore, exclude, per-file-ignores.

The nearest file is found by walking up from the first scanned path, as ruff does; command-line
flags win over it. A misspelt key is an error with a suggestion, not silently ignored: a linter
whose configuration can be wrong without anyone noticing is a linter nobody trusts.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from typing import Any, NamedTuple

from advisor.errors import ScanError
from advisor.project import nearest_pyproject, toml_loads

KEYS = ("select", "ignore", "exclude", "per-file-ignores")


class Config(NamedTuple):
    path: str | None  # the pyproject.toml it came from
    root: str  # its folder: globs and relative paths start here
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    exclude: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]


def find_pyproject(start: str) -> str | None:
    """The nearest pyproject.toml at or above *start* that has a ``[tool.advisor]`` table."""
    return nearest_pyproject(start, _mentions_advisor, take_unreadable=True)


def configures_advisor(path: str) -> bool:
    """Whether the file *path* is a pyproject.toml `find_pyproject` would stop at."""
    if not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as handle:
            return _mentions_advisor(handle.read())
    except OSError:
        return True  # taken, and refused with the reason by `load_config`


def _mentions_advisor(raw: bytes) -> bool:
    """A cheap byte test: a pyproject.toml without the word cannot configure advisor (``[tool]
    advisor = 5`` has it too, and is refused later, not passed over). A file that is not
    UTF-8 cannot be tested this way, so it is taken, and refused with the reason: TOML is
    UTF-8, and a UTF-16 file with a [tool.advisor] table is otherwise silently ignored."""
    if b"advisor" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _strings(value: Any, where: str, path: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ScanError(
        f'{path}: [tool.advisor] {where} must be a list of strings; write {where} = ["..."]',
        key="scan_config_type",
        path=path,
        where=where,
    )


def _slashes(globs: tuple[str, ...], where: str, path: str) -> tuple[str, ...]:
    """Refuse a glob written with Windows' backslash (``sub\\*``): paths are matched with
    ``/`` on every system, so it silently matched nothing (newcomer review 20)."""
    for glob in globs:
        if "\\" in glob:
            fixed = glob.replace("\\", "/")
            raise ScanError(
                f"{path}: [tool.advisor] {where}: `{glob}` has a backslash, which matches no "
                f"path (advisor matches paths with / on every system); write `{fixed}`",
                key="scan_config_backslash",
                path=path,
                where=where,
                # the value as read, not its repr: 'app\\main.py' doubled the backslash
                glob=f"`{glob}`",
                fixed=f"`{fixed}`",
            )
    return globs


def load_config(start: str) -> Config:
    """The configuration that applies to a scan starting at *start* (defaults when none)."""
    path = find_pyproject(start)
    if path is None:
        return Config(
            None, os.path.abspath(start if os.path.isdir(start) else "."), None, (), (), ()
        )
    try:
        with open(path, encoding="utf-8") as handle:
            document = toml_loads(handle.read())
    except UnicodeDecodeError as exc:
        raise ScanError(
            f"{path}: cannot read: not UTF-8 (byte {exc.start}); TOML files are UTF-8, "
            "save it as UTF-8",
            key="scan_config_encoding",
            path=path,
            position=str(exc.start),
        ) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)  # str(exc) repeats the path
        raise ScanError(
            f"{path}: cannot read: {reason}; advisor cannot tell whether it configures the "
            "scan: make it readable, or scan with --isolated",
            key="scan_config_read",
            path=path,
            error=reason,
        ) from exc
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ScanError(
            f"{path}: invalid TOML: {exc}; fix the file or remove [tool.advisor]",
            key="scan_config_toml",
            path=path,
            error=str(exc),
        ) from exc
    tool = document.get("tool", {})
    if not isinstance(tool, Mapping):
        return from_table({}, path)  # `tool = 5` is some other tool's business, not advisor's
    return from_table(tool.get("advisor", {}), path)


def from_table(table: Mapping[str, Any], path: str) -> Config:
    if not isinstance(table, Mapping):
        raise ScanError(
            f"{path}: [tool.advisor] must be a table, not a value; write a [tool.advisor] "
            'header with settings such as select = ["ADV1"] under it, or remove it',
            key="scan_config_table",
            path=path,
        )
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            if close:
                raise ScanError(
                    f"{path}: unknown key {key!r} in [tool.advisor]; did you mean {close[0]!r}?",
                    key="scan_config_key_hint",
                    path=path,
                    name=repr(key),
                    hint=repr(close[0]),
                )
            raise ScanError(
                f"{path}: unknown key {key!r} in [tool.advisor]; known keys: {', '.join(KEYS)}",
                key="scan_config_key",
                path=path,
                name=repr(key),
                known=", ".join(KEYS),
            )
    select = _strings(table["select"], "select", path) if "select" in table else None
    ignore = _strings(table.get("ignore", []), "ignore", path)
    exclude = _slashes(_strings(table.get("exclude", []), "exclude", path), "exclude", path)
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, Mapping):
        raise ScanError(
            f"{path}: [tool.advisor] per-file-ignores must be a table of glob = [codes]; "
            'write [tool.advisor.per-file-ignores] with lines such as "tests/*" = ["ADV101"]',
            key="scan_config_per_file",
            path=path,
        )
    _slashes(tuple(str(glob) for glob in per_file), "per-file-ignores", path)
    pairs = tuple(
        (str(glob), _strings(codes, f"per-file-ignores.{glob!r}", path))
        for glob, codes in per_file.items()
    )
    return Config(path, os.path.dirname(path), select, ignore, exclude, pairs)
