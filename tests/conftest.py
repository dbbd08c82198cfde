"""pytest fixtures shared by every feature folder; plain helpers live in `tests/helpers.py`."""

from __future__ import annotations

import io
import os

import pytest

from advisor.cli import main
from tests.helpers import Result, Terminal

# Fixtures are code for the tools to read, never tests to run: a scan fixture may hold a
# `test_*.py` or a `conftest.py` of its own (the test-code family of ADV101).
collect_ignore_glob = ["fixtures/*"]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Call `advisor.cli.main` in-process with captured streams and an English locale.

    ``cli(..., keys="n\r20\r")`` runs on a pretend terminal: stdin holds the keys, and
    stderr (where `ask` puts its questions when stdout is captured) is a terminal too.
    Without *keys*, stdin is an empty pipe, as in CI.
    """
    for var in ("LANGUAGE", "LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "100")

    def run(*argv: str, keys: str | None = None) -> Result:
        out = io.StringIO()
        err = io.StringIO() if keys is None else Terminal()
        stdin = io.StringIO() if keys is None else Terminal(keys)
        code = main(list(argv), stdin=stdin, stdout=out, stderr=err)
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep the startup cache of test runs out of the developer's home directory."""
    cache = tmp_path_factory.mktemp("advisor-cache")
    old = os.environ.get("ADVISOR_CACHE_DIR")
    os.environ["ADVISOR_CACHE_DIR"] = str(cache)
    yield cache
    if old is None:
        os.environ.pop("ADVISOR_CACHE_DIR", None)
    else:
        os.environ["ADVISOR_CACHE_DIR"] = old
