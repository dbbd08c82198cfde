"""ADV101's point verdict through the installed CLI (issue 17, precision; `checks.sequential`).

The fixture ADV101_alone is a small program shaped after maigret 0.6.6: a CLI `main` that
awaits searches run by a pool of worker tasks, an interactive dialog, a web front end that
runs each job on a loop of its own. The user sees the blocking calls where other work is
alive (the workers' check, a loop body beside them, a write while a task runs, what follows
a call that leaves a task running) and none where the program runs alone. The verdict joins
facts of several files: an edit to the caller's file moves a finding in the callee's file on
a warm run, with the cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import FIXTURES, clean_env, run_advisor
from tests.scan.test_rules import expectations

FIXTURE = FIXTURES / "scan" / "ADV101_alone"

#: What the user sees on a cold run, from the fixture's `# expect: ADV101` comments: the
#: per-site check the workers run beside each other, a loop body beside the workers that
#: yield its items, a write before a drained pool's workers are cancelled, `probe` awaited
#: while the dialog's checker task runs, a callback handed on by reference, a write while a
#: heartbeat task runs, what follows a call that leaves a task running, and the job whose
#: thread scheduled a watchdog on its loop first.
REPORTED = sorted(f"{path}:{line}" for path, line, _code in expectations(FIXTURE))


def places(project: Path, cache: Path) -> list[str]:
    env = clean_env(ADVISOR_CACHE_DIR=str(cache), LANG="C.UTF-8")
    result = run_advisor("scan", ".", "--format", "plain", env=env, cwd=project)
    assert result.code == 1, result.err
    return sorted(
        ":".join(line.split(":")[:2]).replace("\\", "/")
        for line in result.out.splitlines()
        if "ADV101" in line
    )


def test_a_search_awaited_alone_is_quiet_and_a_task_run_beside_it_is_not(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    cache = tmp_path / "cache"
    assert places(project, cache) == REPORTED
    # The CLI now suspends between starting the search and awaiting it: the search may run
    # beside whatever runs then, so its own write after the pool is over is reported; its
    # web job still awaits it alone, but every way in must.
    main = project / "finder" / "main.py"
    before = main.read_text(encoding="utf-8")
    main.write_text(
        before.replace(
            "        found = await task\n",
            "        await asyncio.sleep(0)\n        found = await task\n",
        ),
        encoding="utf-8",
    )
    summary = (
        before.splitlines().index('    with open("summary.txt", "w") as handle:  # expect: ADV101')
        + 1
    )
    moved = [
        p if p != f"finder/main.py:{summary}" else f"finder/main.py:{summary + 1}" for p in REPORTED
    ]
    assert moved != REPORTED
    pool = FIXTURE / "finder" / "executor.py"
    after = (
        pool.read_text(encoding="utf-8")
        .splitlines()
        .index('    with open("last-search.txt", "w") as handle:  # the pool is over')
    )
    assert places(project, cache) == sorted([*moved, f"finder/executor.py:{after + 1}"])
    main.write_text(before, encoding="utf-8")
    assert places(project, cache) == REPORTED
