"""Precision families decided from where a file sits (issue 17): the decision reads the path
relative to the scanned tree, so a project kept under a folder named like one
(``~/benchmarks``) is still a project."""

from __future__ import annotations

import ast
import shutil
import textwrap
from pathlib import Path

import pytest

import advisor
from advisor.lint.checks.repeated import dominance, runs_before
from tests.helpers import FIXTURES


@pytest.mark.parametrize("kept_in", ["benchmarks", "scripts"])
def test_a_project_kept_under_benchmarks_is_still_served_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept_in: str
) -> None:
    project = tmp_path / kept_in / "shop-project"
    shutil.copytree(FIXTURES / "scan" / "ADV101_programs", project)
    monkeypatch.chdir(tmp_path)
    result = advisor.scan([str(project)], config=False, cache=False)
    found = {(Path(f.path).relative_to(project).as_posix(), f.line) for f in result.findings}
    # The package's own code is reported as when the project is scanned from inside it; its
    # benchmarks, maintainer scripts, admin command and build hook stay quiet; its examples
    # are reported.
    assert found == {
        ("shop/server.py", 8),
        ("shop/server.py", 9),
        ("shop/server.py", 14),
        ("shop/examples.py", 6),
        ("examples/echo_client.py", 19),
        ("examples/echo_client.py", 21),
        ("examples/echo_client.py", 18),
        ("docs/snippets/quickstart.py", 9),
    }


def test_a_chain_names_the_call_that_blocks_not_an_in_memory_probe() -> None:
    """qdrant-client's `CollectionPersistence` probes SQLite on `":memory:"` before it opens
    its collection's file: the chain names the file's `sqlite3.connect`, not the probe."""
    case = FIXTURES / "scan" / "ADV101_memory_handles"
    result = advisor.scan([str(case)], config=False, cache=False)
    messages = {f.line: f.message() for f in result.findings if f.path.endswith("handlers.py")}
    assert "create -> Persistence -> sqlite3.connect()" in messages[10]


def test_a_keyword_only_default_no_call_overrides_closes_its_branch(tmp_path: Path) -> None:
    """mmrelay's ``enqueue(..., wait=False)`` sleeps only under ``if wait:``; reached through
    ``queue_message(**kwargs)`` with no call of the scan passing ``wait``, it never sleeps.
    A keyword handed on through a def taking ``**kwargs`` (``block=True``) or named by a
    mapping built in the scan (``options["patient"] = True``) keeps the branch open, and so
    does a coroutine handing on its own caller's ``**options``."""
    case = FIXTURES / "scan" / "ADV101_closed_defaults"
    result = advisor.scan([str(case)], config=False, cache=False)
    assert {f.line for f in result.findings} == {51, 57, 61}
    # one call anywhere in the scan that asks to wait opens the branch again
    project = tmp_path / "relay"
    shutil.copytree(case, project)
    (project / "flush.py").write_text(
        "from relay import _queue\n\n\nasync def flush():\n    _queue.enqueue(print, wait=True)\n"
    )
    result = advisor.scan([str(project)], config=False, cache=False)
    found = {(Path(f.path).name, f.line) for f in result.findings}
    assert found == {("relay.py", n) for n in (47, 51, 57, 61)} | {("flush.py", 5)}


# (code of a coroutine, the call that may run first, the later call, whether it runs first on
# every path): `checks.repeated`'s reading of where a call's statement stands.
_ORDER = [
    ("a = f()\nb = g()", "f", "g", True),
    ("a = f()['k']\nif x:\n    g()", "f", "g", True),
    ("if x:\n    f()\ng()", "f", "g", False),
    ("a = x or f()\ng()", "f", "g", False),
    ("try:\n    f()\nexcept E:\n    g()", "f", "g", False),
    ("try:\n    f()\n    g()\nexcept E:\n    pass", "f", "g", True),
    ("for i in y:\n    f()\n    g()", "f", "g", True),
    ("g()\nf()", "f", "g", False),
]


@pytest.mark.parametrize(("body", "first", "later", "before"), _ORDER)
def test_a_call_runs_before_another_only_on_every_path(
    body: str, first: str, later: str, before: bool
) -> None:
    tree = ast.parse("async def c():\n" + textwrap.indent(body, "    "))
    function = tree.body[0]
    calls = {
        n.func.id: (n.lineno, n.col_offset + 1)
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    placed = {(p[0], p[1]): p for p in dominance(function, list(calls.values()))}
    early, late = placed[calls[first]], placed[calls[later]]
    assert (bool(early[3]) and runs_before(early[2], late[2])) is before
