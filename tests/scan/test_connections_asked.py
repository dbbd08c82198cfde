"""ADV102's websocket connections (`checks.await_connections`) are looked for only in a file
whose text may name a factory (`helpers.may_name`): every class's methods were walked in
every file ADV102 reads, a sixth of a cold scan's profile of the standard library, for
nothing in nearly every file (issue 17, "Speed"). Counted, never timed: the same findings,
fewer classes and defs read. The sources are this project's own minimal examples, after
webex_bot#6 (the fixture `ADV102_connections`)."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from advisor import api
from advisor.lint.checks.await_connections import ConnectionCoroutines

# Names a connection's method (`send`) and `connect`, but sqlite3's: no factory of the table.
OTHER_CONNECT = textwrap.dedent(
    """
    import sqlite3

    class Store:
        def __init__(self, path):
            self.db = sqlite3.connect(path)

        async def flush(self):
            self.db.commit()

    async def send(ws, data):
        ws.send(data)
    """
)

# The factory spelt in full-width letters: Python reads the identifier as `connect` (NFKC).
WIDE = textwrap.dedent(
    """
    import websockets

    async def ping_once(url):
        ws = await websockets.\uff43onnect(url)
        ws.ping()
    """
)

# A module of a package named like the library, importing the factory relatively: the text
# never spells `websockets`, the module's package does.
RELATIVE = textwrap.dedent(
    """
    from .client import connect

    async def ping_once(url):
        ws = await connect(url)
        ws.ping()
    """
)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The classes and defs the family reads, by name, in order."""
    names: list[str] = []
    real_class, real_opened = ConnectionCoroutines._class, ConnectionCoroutines._opened

    def counting_class(self: ConnectionCoroutines, cls: ast.ClassDef) -> None:
        names.append(cls.name)
        real_class(self, cls)

    def counting_opened(self: ConnectionCoroutines, function: ast.AST) -> dict[str, str]:
        names.append(getattr(function, "name", "?"))
        return real_opened(self, function)

    monkeypatch.setattr(ConnectionCoroutines, "_class", counting_class)
    monkeypatch.setattr(ConnectionCoroutines, "_opened", counting_opened)
    return names


def _lines(folder: Path, name: str, source: str) -> list[int]:
    """ADV102's lines in *source* written as *name* under *folder* (``jobs=1``: the count is
    seen in this process)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "__init__.py").write_text("", encoding="utf-8")
    path.write_text(source, encoding="utf-8")
    result = api.scan([folder], select=["ADV102"], cache=False, config=False, jobs=1)
    return sorted(f.line for f in result.findings if f.code == "ADV102")


def test_a_file_naming_no_factory_reads_no_class_or_def(tmp_path: Path, asked: list[str]) -> None:
    assert _lines(tmp_path, "app/store.py", OTHER_CONNECT) == []
    assert asked == []


def test_a_factory_in_full_width_letters_is_still_read(tmp_path: Path, asked: list[str]) -> None:
    assert _lines(tmp_path, "app/wide.py", WIDE) == [6]
    assert asked == ["ping_once"]


def test_a_relative_import_inside_the_librarys_package_is_still_read(
    tmp_path: Path, asked: list[str]
) -> None:
    (tmp_path / "websockets").mkdir()
    (tmp_path / "websockets" / "client.py").write_text("async def connect(url): ...\n")
    assert _lines(tmp_path, "websockets/app.py", RELATIVE) == [6]
    assert "ping_once" in asked


def test_the_fixture_keeps_its_findings(asked: list[str]) -> None:
    folder = Path(__file__).parent.parent / "fixtures" / "scan" / "ADV102_connections"
    result = api.scan([folder], select=["ADV102"], cache=False, config=False, jobs=1)
    assert sorted(f.line for f in result.findings) == [21, 24, 38]
    assert "Client" in asked


# ADV108 one call away: a script's module-level call of a def that starts processes. A file
# whose text names no starter (its module and its last name) follows no def.
NO_STARTER = textwrap.dedent(
    """
    from concurrent.futures import ThreadPoolExecutor

    def work():
        with ThreadPoolExecutor() as pool:
            pool.map(print, range(3))

    work()
    """
)

STARTER = textwrap.dedent(
    """
    from concurrent.futures import ProcessPoolExecutor

    def work():
        with ProcessPoolExecutor() as pool:
            pool.map(print, range(3))

    work()
    """
)


@pytest.fixture
def followed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The defs ADV108 follows for a starter, by name."""
    from advisor.lint.checks.processes import UnguardedProcesses

    names: list[str] = []
    real = UnguardedProcesses._body_starts

    def counting(self: UnguardedProcesses, name: str, *rest: object) -> list[str] | None:
        names.append(name)
        return real(self, name, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(UnguardedProcesses, "_body_starts", counting)
    return names


def _adv108(folder: Path, source: str) -> list[int]:
    (folder / "script.py").write_text(source, encoding="utf-8")
    result = api.scan([folder], select=["ADV108"], cache=False, config=False, jobs=1)
    return [f.line for f in result.findings]


def test_a_file_naming_no_starter_follows_no_def(tmp_path: Path, followed: list[str]) -> None:
    assert _adv108(tmp_path, NO_STARTER) == []
    assert followed == []


def test_a_file_naming_a_starter_still_follows_its_defs(
    tmp_path: Path, followed: list[str]
) -> None:
    assert _adv108(tmp_path, STARTER) == [8]
    assert "work" in followed
