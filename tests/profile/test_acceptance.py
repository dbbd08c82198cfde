"""Small programs through `advisor profile`, as a user runs it: the right site, or none.

Each program in tests/fixtures/profile/acceptance says what to expect in comments, and runs
on each loop its `# loops:` header names (asyncio, uvloop, trio, AnyIO on trio):

- `# BLOCKS: CALL` on the program's line that blocks the loop, CALL being the call the
  report must name there; the report names that file, line and enclosing function;
- `# library: FILE`: a module of `libs/`, installed by the test into a temporary
  site-packages; its line marked `# BLOCKED: CALL` is where the report says it blocked;
- `# blocked in: FILE`: the standard-library file the call blocked in (its line differs from
  one Python to the next, so only the file is checked); `# blocked call: CALL` the call named
  there (a C callback the loop ran, named from its handle);
- `# no frame of the program's`: the library blocked on its own (its own task), so the
  report names the library's line and no line of the program;
- no `# BLOCKS:` mark: the program never blocks its loop (threads, executors, to_thread,
  awaited sleeps, a process pool, a slow start before the loop): no site at all.

Every blocking call blocks 0.5 s against a 200 ms threshold; counted facts only (which
line, how many episodes), never how long. The programs cite what inspired them; all are our
own minimal reproductions.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.helpers import FIXTURES, ROOT, clean_env

PROGRAMS = FIXTURES / "profile" / "acceptance"
LIBS = PROGRAMS / "libs"
BLOCK_MS = "200"
NEEDS = {"uvloop": "uvloop", "trio": "trio", "anyio-trio": "trio"}


class Expected(NamedTuple):
    line: int | None  # None: the program never blocks (or only a library's own task does)
    function: str | None
    call: str | None
    library: str | None  # a libs/ module
    library_line: int | None
    library_call: str | None
    blocked_in: str | None  # a standard-library file
    blocked_call: str | None  # the call named there
    user_frame: bool


def _mark(path: Path, mark: str) -> tuple[int, str] | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        found = re.search(rf"# {mark}: (\S+)", line)
        if found:
            return number, found.group(1)
    return None


def _header(text: str, name: str) -> str | None:
    found = re.search(rf"^# {name}: (.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else None


def _enclosing(path: Path, line: int) -> str:
    best, best_start = "<module>", 0
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        is_function = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        if (
            is_function
            and node.lineno <= line <= (node.end_lineno or 0)
            and node.lineno > best_start
        ):
            best, best_start = node.name, node.lineno
    return best


def expected(program: Path) -> Expected:
    text = program.read_text(encoding="utf-8")
    mark = _mark(program, "BLOCKS")
    library = _header(text, "library")
    alone = "# no frame of the program's" in text
    lib_mark = _mark(LIBS / library, "BLOCKED") if library and (mark or alone) else None
    return Expected(
        line=mark[0] if mark else None,
        function=_enclosing(program, mark[0]) if mark else None,
        call=mark[1] if mark else None,
        library=library if lib_mark else None,
        library_line=lib_mark[0] if lib_mark else None,
        library_call=lib_mark[1] if lib_mark else None,
        blocked_in=_header(text, "blocked in"),
        blocked_call=_header(text, "blocked call"),
        user_frame=not alone,
    )


def _clean(want: Expected) -> bool:
    """The program never blocks its loop: no mark, and not a blocking library's or callback's."""
    return want.line is None and want.library_line is None and want.user_frame


def cases() -> list[object]:
    found = []
    for program in sorted(PROGRAMS.glob("*.py")):
        if program.name.startswith("_"):
            continue
        loops = (_header(program.read_text(encoding="utf-8"), "loops") or "asyncio").split()
        for loop in loops:
            module = NEEDS.get(loop)
            missing = module is not None and importlib.util.find_spec(module) is None
            found.append(
                pytest.param(
                    program.name,
                    loop,
                    id=f"{program.stem}-{loop}",
                    marks=pytest.mark.skipif(
                        missing, reason=f'{module} is not installed (pip install -e ".[dev]")'
                    ),
                )
            )
    return found


def profile(tmp_path: Path, program: Path, loop: str) -> dict:
    site = tmp_path / "lib" / "site-packages"  # installed: not the program's own code
    site.mkdir(parents=True)
    for library in LIBS.glob("*.py"):
        shutil.copy(library, site / library.name)
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "json", "--report", str(report),
         "--block-ms", BLOCK_MS, "--", sys.executable, str(program), loop],
        capture_output=True, text=True, env=clean_env(PYTHONPATH=str(site)), cwd=ROOT,
        timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    data["_site_dir"] = site
    return data


@pytest.mark.parametrize(("name", "loop"), cases())
def test_the_report_names_the_blocking_site_or_none(tmp_path, name, loop):
    program = PROGRAMS / name
    want = expected(program)
    data = profile(tmp_path, program, loop)
    probe = data["probe"]
    assert probe["loop_ran"] is True
    sites = probe["sites"]
    if _clean(want):
        assert sites == [], sites
        assert data["blocking"] == []
        assert "async_libs" not in data["answers"]
        return
    # Other sites may come with it: on a loaded machine, the import AnyIO does on its first
    # call inside the loop (its backend module) can itself pass the threshold.
    if want.user_frame:
        found = [s for s in sites if s["file"] and Path(s["file"]) == program]
        found = [s for s in found if s["line"] == want.line] or found
    else:
        found = [s for s in sites if s["file"] is None]
    assert found, sites
    site = found[0]
    assert site["episodes"] == 1, site
    assert site["loop"] == (
        "trio" if "trio" in loop else "uvloop" if loop == "uvloop" else "asyncio"
    )
    if want.user_frame:
        assert (Path(site["file"]), site["line"]) == (program, want.line), site
        assert site["function"] == want.function
        assert site["call"] == want.call
    else:
        assert site["file"] is None, site
    if want.library is not None:
        blocked = (Path(site["blocked_file"]), site["blocked_line"], site["blocked_call"])
        assert blocked == (data["_site_dir"] / want.library, want.library_line, want.library_call)
    elif want.blocked_in is not None:
        assert Path(site["blocked_file"]).name == want.blocked_in, site
        if want.blocked_call is not None:
            assert site["blocked_call"] == want.blocked_call, site
    else:
        assert site["blocked_file"] is None, site  # the program's call went straight into C
    text = "\n".join(data["blocking"])
    assert "advisor explain ADV101" in text
    if want.blocked_call is not None:
        assert want.blocked_call in text, text
    if want.user_frame:
        assert f"{program.relative_to(ROOT)}:{want.line}" in text
    if "trio" in loop:  # trio's own fixes, never asyncio's
        assert "asyncio" not in text, text
        assert "trio." in text, text


def test_the_set_is_broad():
    """At least 15 programs, blocking and clean, several in a library (the issue's bar)."""
    programs = [p for p in PROGRAMS.glob("*.py") if not p.name.startswith("_")]
    blocking = [p for p in programs if not _clean(expected(p))]
    libraries = [p for p in blocking if expected(p).library]
    assert len(programs) >= 15
    assert len(blocking) >= 10
    assert len(programs) - len(blocking) >= 5
    assert len(libraries) >= 4
