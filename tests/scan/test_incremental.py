"""Warm runs: nothing changed means nothing parsed and nothing joined again; one file changed
means that file parsed and only the files that call into it joined again (lint/depends.py),
and a finding in one file that rests on a blocking helper in another follows every edit of
the helper's file, through the installed CLI with its cache. The project is our own minimal
shape of a handler reaching a token loader through a helper module (the bug class of
astral-sh/ruff#7807, "most blocking functions are in different files")."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

import advisor
from tests.helpers import clean_env, run_advisor

APP = "from svc.mid import prepare\n\n\nasync def handler():\n    return prepare()\n"
MID = "from svc.tokens import load_token\n\n\ndef prepare():\n    return load_token()\n"
BLOCKING = "def load_token():\n    with open('t.json') as f:\n        return f.read()\n"
HARMLESS = "def load_token():\n    return 'token'\n"
OTHER = "from svc.conf import read_conf\n\n\nasync def other():\n    return read_conf()\n"
CONF = "def read_conf():\n    with open('c.ini') as f:\n        return f.read()\n"
# A helper handed to a thread elsewhere: only that hand-over is quiet, its direct calls are not.
JOBS = (
    "import asyncio\n\nfrom svc.tokens import load_token\n\n\n"
    "async def job():\n    return await asyncio.to_thread(load_token)\n"
)

APP_LINE = "svc/app.py:5:12: ADV101 blocking call `handler -> prepare -> load_token -> open()`"
OTHER_LINE = "svc/other.py:5:12: ADV101 blocking call `other -> read_conf -> open()`"


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5  # a new stat signature even within one clock tick
    os.utime(path, (later, later))


def project_at(root: Path) -> Path:
    project = root / "project"
    (project / "svc").mkdir(parents=True)
    for name, text in (
        ("__init__.py", ""),
        ("app.py", APP),
        ("mid.py", MID),
        ("tokens.py", BLOCKING),
        ("other.py", OTHER),
        ("conf.py", CONF),
    ):
        write(project / "svc" / name, text)
    return project


def lines(project: Path, *flags: str) -> list[str]:
    env = clean_env(ADVISOR_CACHE_DIR=str(project.parent / "cache"), LANG="C.UTF-8")
    result = run_advisor("scan", ".", "--format", "plain", *flags, env=env, cwd=project)
    assert result.code in (0, 1), result.err
    return [line.split(" inside ")[0] for line in result.out.splitlines()]


def test_a_cross_file_finding_follows_the_helper_file_on_warm_runs(tmp_path: Path) -> None:
    project = project_at(tmp_path)
    svc = project / "svc"
    assert lines(project) == [APP_LINE, OTHER_LINE]  # cold
    write(svc / "tokens.py", HARMLESS)  # two files away from the finding
    assert lines(project) == [OTHER_LINE]
    write(svc / "tokens.py", BLOCKING)
    assert lines(project) == [APP_LINE, OTHER_LINE]
    write(svc / "jobs.py", JOBS)  # a new file hands the helper to a thread
    assert lines(project) == [APP_LINE, OTHER_LINE]
    (svc / "jobs.py").unlink()
    assert lines(project) == [APP_LINE, OTHER_LINE]
    (svc / "tokens.py").unlink()  # the helper is gone: nothing to block on
    assert lines(project) == [OTHER_LINE]
    assert lines(project, "--no-cache") == [OTHER_LINE]


@pytest.fixture
def joined(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The files whose cross-file findings each run joins again (`joins.cross_findings`)."""
    from advisor.lint import joins

    calls: list[set[str]] = []
    real = joins.cross_findings

    def spy(results: Any, again: set[str], *rest: Any, **named: Any) -> Any:
        calls.append(set(again))
        return real(results, again, *rest, **named)

    monkeypatch.setattr(joins, "cross_findings", spy)
    return calls


def test_warm_runs_parse_and_join_only_what_a_change_reaches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, joined: list[set[str]]
) -> None:
    from advisor.lint import index

    project = project_at(tmp_path)
    svc = project / "svc"
    cache = str(tmp_path / "cache")
    cold = advisor.scan([project], config=False, cache_dir=cache)
    assert len(cold.findings) == 2

    def no_results(*_args: Any) -> None:
        raise AssertionError("a warm run with nothing changed read the per-file results")

    with monkeypatch.context() as patched:
        patched.setattr(index, "load_results", no_results)
        joined.clear()
        warm = advisor.scan([project], config=False, cache_dir=cache)
        verified = advisor.scan([project], config=False, cache_dir=cache, trust_stat=False)
    assert (warm.findings, warm.parsed, warm.cached) == (cold.findings, 0, 6)
    assert (verified.findings, verified.parsed) == (cold.findings, 0)
    assert joined == []  # nothing joined across files again

    write(svc / "tokens.py", HARMLESS)
    changed = advisor.scan([project], config=False, cache_dir=cache)
    assert [f.path for f in changed.findings] == [str(svc / "other.py")]
    assert changed.parsed <= 1  # the changed file at most; the others come from the cache
    # The helper's file, the module calling it, the handler calling that; not other.py.
    assert joined == [{"svc/tokens.py", "svc/mid.py", "svc/app.py"}]

    joined.clear()
    write(svc / "conf.py", CONF + "\n# an edit that changes no fact\n")
    again = advisor.scan([project], config=False, cache_dir=cache)
    assert [f.path for f in again.findings] == [str(svc / "other.py")]
    assert joined == [{"svc/conf.py"}]  # its facts are the same: other.py's finding stands


def test_an_edit_with_no_call_to_match_builds_no_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The call graph's verdict over the whole scan was half of a one-file edit's time on the
    # standard library (docs/benchmarks.md): it is built only when a file joined again has
    # a call to match, and then its findings are those of a cold run.
    from advisor.lint.checks import verdict as verdicts
    from advisor.lint.checks.verdict import verdict as real

    project = project_at(tmp_path)
    svc = project / "svc"
    cache = str(tmp_path / "cache")
    cold = advisor.scan([project], config=False, cache_dir=cache)
    built: list[int] = []

    def counted(*args: Any) -> Any:
        built.append(1)
        return real(*args)

    monkeypatch.setattr(verdicts, "verdict", counted)
    write(svc / "conf.py", CONF + "\n# an edit that changes no fact\n")
    edited = advisor.scan([project], config=False, cache_dir=cache)
    assert (edited.findings, built) == (cold.findings, [])
    write(svc / "app.py", APP + "\n# an edit of a file with a call to match\n")
    edited = advisor.scan([project], config=False, cache_dir=cache)
    assert edited.findings == cold.findings
    assert built == [1]


def test_a_re_export_of_a_top_level_module_is_followed() -> None:
    """``import tokens`` in ``pkg/__init__.py`` makes ``pkg.tokens.load_token`` the top-level
    module's function: a change in ``tokens.py`` reaches the caller through the package."""
    from advisor.lint.depends import affected, refs

    results: dict[str, dict[str, Any]] = {
        "app.py": {"f": [], "r": {"c": [[5, 12, "q:pkg.tokens.load_token", "x", "handler"]]}},
        "pkg/__init__.py": {"f": [], "facts": {"aliases": {"pkg.tokens": "tokens"}}},
        "tokens.py": {"f": [], "r": {"d": {"tokens.load_token": [["x", "open()", "file"]]}}},
        "other.py": {"f": [], "r": {"c": [[3, 1, "q:conf.read", "read", "other"]]}},
    }
    modules = {
        "app.py": "app",
        "pkg/__init__.py": "pkg",
        "tokens.py": "tokens",
        "other.py": "other",
    }
    named = {path: refs(result) for path, result in results.items()}
    changed = {"tokens.py": (None, "tokens")}  # tokens.py is new
    assert affected(results, modules, changed, named) == {"tokens.py", "pkg/__init__.py", "app.py"}


STORE = (
    "import shutil\n\n\nclass Store:\n"
    "    async def load(self):\n        shutil.copyfile('a', 'b')\n"
)
AT_START = (
    "class App:\n    def __init__(self, store):\n        self.store = store\n\n"
    "    async def initialize(self):\n        await self.store.load()\n"
)
PER_REQUEST = AT_START + "\n    async def handle(self, request):\n        await self.store.load()\n"
SETUP = "import shutil\n\n\nasync def remove(name):\n    shutil.rmtree(name)\n"
SCRIPTS = '[project]\nname = "tool"\nversion = "1"\n\n[project.scripts]\ntool = "tool.setup:main"\n'


def test_a_caller_elsewhere_decides_a_coroutine_on_warm_runs(tmp_path: Path) -> None:
    """`checks.once`: a coroutine awaited only from `initialize()` in another file is quiet;
    when a request handler there awaits it too, the warm run reports it, and when the handler
    goes, the warm run is quiet again (the callee's file is joined again although it did not
    change). A console script declared later makes its module command-line code."""
    project = tmp_path / "project"
    (project / "svc").mkdir(parents=True)
    write(project / "svc" / "__init__.py", "")
    write(project / "svc" / "store.py", STORE)
    write(project / "svc" / "app.py", AT_START)
    cache = str(tmp_path / "cache")

    def found() -> list[tuple[str, int]]:
        result = advisor.scan([project], config=False, cache_dir=cache)
        return [(Path(f.path).name, f.line) for f in result.findings]

    assert found() == []
    write(project / "svc" / "app.py", PER_REQUEST)
    assert found() == [("store.py", 6)]
    write(project / "svc" / "app.py", AT_START)
    assert found() == []

    (project / "tool").mkdir()
    write(project / "tool" / "__init__.py", "")
    write(project / "tool" / "setup.py", SETUP)
    assert found() == [("setup.py", 5)]
    write(project / "pyproject.toml", SCRIPTS)
    assert found() == []


def test_an_edit_encodes_only_the_changed_files_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-file results entry keeps each file's result as its stored text: an edit of one
    file encodes that one result again (the others' texts are copied), and the next run
    reads back the same findings as a cold run over the edited tree."""
    from advisor.lint import index

    project = project_at(tmp_path)
    cache = str(tmp_path / "cache")
    advisor.scan([project], config=False, cache_dir=cache)
    encoded: list[dict[str, Any]] = []
    real = index._ENCODER

    class Counting:
        def encode(self, value: Any) -> str:
            encoded.append(value)
            return real.encode(value)

    monkeypatch.setattr(index, "_ENCODER", Counting())
    write(project / "svc" / "tokens.py", HARMLESS)
    edited = advisor.scan([project], config=False, cache_dir=cache)
    assert len(encoded) == 1  # tokens.py's new result; five files' texts copied as stored
    monkeypatch.setattr(index, "_ENCODER", real)
    warm = advisor.scan([project], config=False, cache_dir=cache, trust_stat=False)
    cold = advisor.scan([project], config=False, cache=False)
    assert edited.findings == warm.findings == cold.findings
    assert [f.path for f in cold.findings] == [str(project / "svc" / "other.py")]


def test_a_command_registered_in_another_file_quiets_its_module_on_warm_runs(
    tmp_path: Path,
) -> None:
    """Registering a coroutine as a command-line command (`commands=[dump]`, piccolo's app
    config; `checks.commands`) in a file edited after a cold run makes the command's own
    local I/O quiet at once; removing it brings the finding back."""
    project = tmp_path / "project"
    (project / "tool").mkdir(parents=True)
    write(project / "tool" / "__init__.py", "")
    write(
        project / "tool" / "dump.py",
        "async def dump(path):\n    with open(path) as f:\n        return f.read()\n",
    )
    write(project / "tool" / "conf.py", "from tool.dump import dump\n\nAPP = dict(name='x')\n")
    dump_line = "tool/dump.py:2:10: ADV101 blocking call `open`"
    assert lines(project) == [dump_line]
    write(
        project / "tool" / "conf.py",
        "from tool.dump import dump\n\nAPP = dict(name='x', commands=[dump])\n",
    )
    assert lines(project) == []
    write(project / "tool" / "conf.py", "from tool.dump import dump\n\nAPP = dict(name='x')\n")
    assert lines(project) == [dump_line]


def test_a_task_started_in_another_file_brings_a_programs_findings_back_on_warm_runs(
    tmp_path: Path,
) -> None:
    """A program that awaits one thing at a time (`checks.sequential`) is quiet; when a helper
    it awaits, in another file, starts a task nobody joins, the loop has other work and the
    program's write is reported at once on the warm run; joining the task makes it quiet
    again."""
    project = tmp_path / "project"
    (project / "tool").mkdir(parents=True)
    write(project / "tool" / "__init__.py", "")
    main = (
        "import asyncio\nfrom tool.helper import prepare\n\n\nasync def main():\n"
        "    await prepare()\n    with open('out.txt', 'w') as f:\n        f.write('x')\n\n\n"
        "asyncio.run(main())\n"
    )
    write(project / "tool" / "run.py", main)
    joined = "import asyncio\n\n\nasync def prepare():\n    await asyncio.sleep(0)\n"
    leaky = (
        "import asyncio\n\n\nasync def tick():\n    await asyncio.sleep(1)\n\n\n"
        "async def prepare():\n    asyncio.create_task(tick())\n"
    )
    write(project / "tool" / "helper.py", joined)
    assert lines(project) == []
    write(project / "tool" / "helper.py", leaky)
    assert "tool/run.py:7:10: ADV101 blocking call `open`" in lines(project)
    write(project / "tool" / "helper.py", joined)
    assert lines(project) == []


def test_a_call_that_asks_to_wait_reopens_a_closed_default_on_a_warm_run(tmp_path: Path) -> None:
    """A keyword-only default no call overrides closes its branch through ``**kwargs``
    (`checks.defaults`); the first call that passes it, added in another file, re-joins the
    closed chain on the next warm run."""
    project = tmp_path / "project"
    (project / "svc").mkdir(parents=True)
    write(project / "svc" / "__init__.py", "")
    queue = (
        "import time\n\n\ndef enqueue(item, *, wait=False):\n    if wait:\n"
        "        time.sleep(1)\n\n\ndef put(item, **kw):\n    enqueue(item, **kw)\n\n\n"
        "async def handler():\n    put(1)\n"
    )
    write(project / "svc" / "queue.py", queue)
    flush = "from svc.queue import put\n\n\nasync def flush():\n    put(2)\n"
    write(project / "svc" / "flush.py", flush)
    assert not [line for line in lines(project) if "ADV101" in line]
    write(project / "svc" / "flush.py", flush.replace("put(2)", "put(2, wait=True)"))
    assert [line for line in lines(project) if "ADV101" in line] == [
        "svc/flush.py:5:5: ADV101 blocking call `flush -> put -> enqueue -> time.sleep()`",
        "svc/queue.py:14:5: ADV101 blocking call `handler -> put -> enqueue -> time.sleep()`",
    ]
