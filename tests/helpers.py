"""Shared test helpers (a module, not conftest: rich's tests/render.py): the checkout's paths,
a clean environment, the real CLI in a subprocess, and a stream that says it is a terminal."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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
        if k
        not in {"LANGUAGE", "LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR", "FORCE_COLOR", "COLUMNS"}
    }
    env.update(extra)
    return env


def user_env(tmp_path: Path, lang: str = "en", **extra: str) -> dict[str, str]:
    """A user's environment in *lang* ("en" or "zh-TW"), with a cache of its own under
    *tmp_path* (so no run reads another's); *extra* is set last (``LANGUAGE``, ``LC_ALL``)."""
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    env["LANG"] = "zh_TW.UTF-8" if lang == "zh-TW" else "C.UTF-8"
    env.update(extra)
    return env


class Terminal(io.StringIO):
    """A stream that says it is a terminal: the keys typed at `advisor ask`, or its screen."""

    def isatty(self) -> bool:
        return True


def git(folder: Path, *args: str) -> None:
    """git in *folder*, with an author and committer set (a fresh machine has none)."""
    subprocess.run(
        ["git", "-C", str(folder), *args],
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.invalid",
        },
    )


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


def recommend_in_copy(project: Path, tmp_path: Path, *flags: str) -> Result:
    """`advisor scan . --recommend --format json` in a copy of the fixture *project*: the
    installed CLI, run from inside the project as a user would, on files the run may not
    change (its cache goes to the copy)."""
    root = tmp_path / project.name
    shutil.copytree(project, root)
    return run_advisor("scan", ".", "--recommend", "--format", "json", *flags, cwd=root)


#: What a key sends to a terminal, for scripted prompt_toolkit sessions.
KEYS = {
    "<enter>": "\r",
    "<down>": "\x1b[B",
    "<up>": "\x1b[A",
    "<c-c>": "\x03",
    "<c-d>": "\x04",
    "<c-u>": "\x15",
}


def typed(keys: list[str]) -> str:
    """What a terminal's stdin holds after these keys; the prompts read it through a real
    prompt_toolkit pipe, and input ends after it, so a prompt left waiting aborts."""
    return "".join(KEYS.get(k, k) for k in keys)


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r")
DOWN = "\x1b[B"


def advisor_command() -> tuple[str, list[str]]:
    """The console script the install put next to this interpreter."""
    script = Path(sys.executable).with_name("advisor")
    if script.exists():
        return str(script), []
    found = shutil.which("advisor")
    if found:
        return found, []
    return sys.executable, ["-m", "advisor"]


def spawn(
    *args: str, lang: str = "C.UTF-8", tmp_path: Path, redirect: str = "", columns: int = 100
):
    """The installed advisor in a pty *columns* wide; a *redirect* such as "> rec.md" runs it
    through bash."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "NO_COLOR", "FORCE_COLOR"}
    }
    env.update(
        TERM="xterm-256color",
        LANG=lang,
        COLUMNS=str(columns),
        LINES="50",
        ADVISOR_CACHE_DIR=str(tmp_path / "cache"),
    )
    command, argv = advisor_command()
    argv = [*argv, *args]
    if redirect:
        command, argv = "bash", ["-c", " ".join([command, *argv, redirect])]
    return _pexpect().spawn(
        command,
        argv,
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, columns),
        cwd=str(tmp_path),
    )


def finish(child) -> tuple[int, str]:
    child.expect(_pexpect().EOF)
    text = ANSI.sub("", child.before)
    child.close()
    return child.exitstatus, text


def _pexpect():
    return pytest.importorskip("pexpect")
