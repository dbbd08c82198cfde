"""Shared helpers: run the CLI in-process or as a real subprocess, and load case files."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str


def clean_env(**extra: str) -> dict[str, str]:
    """An environment without the developer's locale or colour settings."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR", "FORCE_COLOR", "COLUMNS"}
    }
    env.update(extra)
    return env


class Terminal(io.StringIO):
    """A stream that says it is a terminal: the keys typed at `advisor ask`, or its screen."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Call `advisor.cli.main` in-process with captured streams and an English locale.

    ``cli(..., keys="n\r20\r")`` runs on a pretend terminal: stdin holds the keys, and
    stderr (where `ask` puts its questions when stdout is captured) is a terminal too.
    Without *keys*, stdin is an empty pipe, as in CI.
    """
    for var in ("LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "100")

    def run(*argv: str, keys: str | None = None) -> Result:
        out = io.StringIO()
        err = io.StringIO() if keys is None else Terminal()
        stdin = io.StringIO() if keys is None else Terminal(keys)
        code = main(list(argv), stdin=stdin, stdout=out, stderr=err)
        return Result(code, out.getvalue(), err.getvalue())

    return run


def run_advisor(
    *argv: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 60
) -> Result:
    """The real CLI in a subprocess, as a user would run it."""
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", *argv],
        capture_output=True,
        text=True,
        env=env or clean_env(),
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


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


def _python310_candidates() -> list[str]:
    """python3.10 on PATH, then pyenv's installed 3.10 interpreters (a shim may not select them)."""
    found = [exe for exe in (shutil.which("python3.10"),) if exe]
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found += sorted(str(p) for p in root.glob("3.10*/bin/python3.10"))
    return found


@pytest.fixture(scope="session")
def python310() -> str:
    """A Python 3.10 interpreter, to check what the templates promise for 3.10."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    for exe in _python310_candidates():
        probe = subprocess.run(
            [exe, "-c", "import sys; print(sys.version_info[:2] == (3, 10))"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == "True":
            return exe
    pytest.skip("no Python 3.10 interpreter found")
