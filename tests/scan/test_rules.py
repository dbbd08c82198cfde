"""The rules, driven by fixtures: expected findings are `# expect: ADV1xx` comments.

Each fixture (a file, or a folder scanned as one project) under ``tests/fixtures/scan`` is
scanned on its own; the findings must be exactly the expectations. ``negative_*`` fixtures hold
traps (aliases, shadowing, nesting, offloaded calls, suppressions) and expect nothing.
"""

from __future__ import annotations

import io
import re
import shutil
import tokenize
from pathlib import Path

import pytest

import advisor
from advisor.lint._data import bundle
from tests.helpers import FIXTURES

CASES = FIXTURES / "scan"
EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")
CASES = sorted(p for p in CASES.iterdir() if p.suffix == ".py" or p.is_dir())
_LIBRARY = bundle()["calls"]["asyncio_coroutines"]
LIBRARY_MODULES = tuple(f"{name.partition('.')[0]}." for name in _LIBRARY if "()" not in name)
#: a library's coroutine function imported by its own name (`from starlette.concurrency import
#: run_in_threadpool`): called bare without await in a plain def, it is still never run
LIBRARY_FUNCTIONS = {name.rpartition(".")[2] for name in _LIBRARY if "(" not in name}
LIBRARY_METHODS = {name.rpartition(".")[2] for name in _LIBRARY if "()." in name} | {
    # the coroutine methods of library base classes (Home Assistant's `Entity`), known by name
    # where only a coroutine or a task can stand (`asyncio.wait`'s items)
    method
    for entry in bundle()["calls"]["library_base_coroutines"]
    for method in entry["methods"]
}
# Fixtures whose callables the code annotates as returning a coroutine (`Callable[...,
# Awaitable[T]]`, `checks.await_callables`): with async syntax gone the annotation still says so.
TYPED_CALLABLES = {"ADV102_coroutine_callables.py", "ADV101_alone", "ADV110_registered"}
# Rules that exist only because of async syntax: with every async/await gone they cannot fire.
ASYNC_SYNTAX_RULES = {"ADV101", "ADV103", "ADV104", "ADV105"}


def expectations(case: Path) -> set[tuple[str, int, str]]:
    files = sorted(case.rglob("*.py")) if case.is_dir() else [case]
    expected = set()
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            match = EXPECT.search(line)
            if match:
                for code in match.group(1).replace(",", " ").split():
                    expected.add(
                        (
                            file.relative_to(case if case.is_dir() else case.parent).as_posix(),
                            number,
                            code,
                        )
                    )
    return expected


def found(case: Path) -> set[tuple[str, int, str]]:
    result = advisor.scan([str(case)], config=False, cache=False)
    assert not result.skipped, result.skipped
    base = case if case.is_dir() else case.parent
    return {
        (Path(f.path).resolve().relative_to(base.resolve()).as_posix(), f.line, f.code)
        for f in result.findings
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture(case: Path) -> None:
    assert found(case) == expectations(case)


def test_negative_fixtures_exist() -> None:
    names = {c.name for c in CASES}
    for trap in ("aliases", "shadowing", "nesting", "offloaded", "suppressed"):
        assert f"negative_{trap}.py" in names


def strip_async(source: str) -> str:
    """The same code with every `async` and `await` keyword removed (tokens, not text)."""
    lines = source.splitlines(keepends=True)
    spans = [
        (tok.start[0] - 1, tok.start[1], tok.end[1])
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.NAME and tok.string in ("async", "await")
    ]
    for row, start, end in reversed(spans):
        line = lines[row]
        rest = line[end:]
        lines[row] = line[:start] + rest[1:] if rest.startswith(" ") else line[:start] + rest
    stripped = "".join(lines)
    compile(stripped, "<stripped>", "exec", flags=0, dont_inherit=True)  # still Python
    return stripped


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_without_async_nothing_async_is_found(case: Path, tmp_path: Path) -> None:
    """Strip async/await: no async-syntax rule fires, and ADV102 fires only for the async
    libraries' own coroutines (`asyncio.sleep(1)`, `trio.sleep(1)`, an aiohttp session's
    `close()` without await are bugs in any function)."""
    target = tmp_path / case.name
    if case.is_dir():
        shutil.copytree(case, target)
        files = list(target.rglob("*.py"))
    else:
        shutil.copy(case, target)
        files = [target]
    for file in files:
        file.write_text(strip_async(file.read_text(encoding="utf-8")), encoding="utf-8")
    result = advisor.scan([str(target)], config=False, cache=False)
    assert not result.skipped
    for finding in result.findings:
        assert finding.code not in ASYNC_SYNTAX_RULES, finding
        if finding.code == "ADV102":
            callee = dict(finding.params)["call"]
            if case.name in TYPED_CALLABLES and dict(finding.params)["how"] != "used":
                continue  # `Callable[..., Awaitable[T]]`: the annotation, not `async`, says so
            assert (
                callee.startswith(LIBRARY_MODULES)
                or callee in LIBRARY_FUNCTIONS
                or ("." in callee and callee.rpartition(".")[2] in LIBRARY_METHODS)
            ), finding
