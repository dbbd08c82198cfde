"""docs/architecture.md is a map of advisor/ that cannot go stale: every path it names exists,
and every module and package under advisor/ is named (the hand-written map it replaced was
wrong in three places within a month)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import ROOT

MAP = ROOT / "docs" / "architecture.md"
#: Paths starting with one of these are relative to the repository root; any other name is
#: relative to the folder in the nearest heading above it (`advisor/` before the first one).
ROOTED = ("advisor/", "tests/", "scripts/", "benchmarks/", "docs/", ".ci/")
HEADING = re.compile(r"^##+ ")
HEADING_PATH = re.compile(r"^##+ `(advisor/(?:[^`]*/)?)`")
NAME = re.compile(r"`([\w./-]+(?:\.py|\.yaml)|[\w./-]+/)`")


def named_paths() -> dict[str, int]:
    """Every file or folder path the map names, relative to the root, with its line number."""
    named: dict[str, int] = {}
    folder = "advisor/"
    for number, line in enumerate(MAP.read_text(encoding="utf-8").splitlines(), start=1):
        if HEADING.match(line):
            match = HEADING_PATH.match(line)
            folder = match.group(1) if match else ""
            if match:
                named.setdefault(folder, number)
            continue
        for name in NAME.findall(line):
            path = name if name.startswith(ROOTED) else folder + name
            named.setdefault(path, number)
    return named


def modules() -> set[str]:
    """Every module (except `__init__.py`, named through its package) and every folder of
    Python modules under advisor/, as root-relative paths; templates are data, not code."""
    found: set[str] = set()
    for path in (ROOT / "advisor").rglob("*.py"):
        relative = path.relative_to(ROOT)
        if "templates" in relative.parts or "__pycache__" in relative.parts:
            continue
        if path.name != "__init__.py":
            found.add(relative.as_posix())
        found.add(relative.parent.as_posix() + "/")
    return found


def test_every_path_the_map_names_exists():
    missing = [
        f"docs/architecture.md:{line} names {path}, which does not exist "
        "(renamed or removed? update that line)"
        for path, line in sorted(named_paths().items(), key=lambda item: item[1])
        if not (ROOT / path).exists()
    ]
    assert not missing, "\n".join(missing)


def test_every_module_and_package_is_on_the_map():
    named = set(named_paths())
    absent = [
        f"docs/architecture.md does not name {path}: add a line for it under "
        f"`{Path(path.rstrip('/')).parent.as_posix()}/`"
        for path in sorted(modules() - named)
    ]
    assert not absent, "\n".join(absent)
