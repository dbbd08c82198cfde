"""ADV101 and a program's classes whose instances stay where they are made, through the CLI
(issue 17, precision; `checks.confined`).

The fixture ADV101_confined is shaped after lightrag-hku 1.5.7's evaluation script: `main`
makes one `Evaluator`, awaits its `run`, which writes the results once its cases are gathered;
a worker elsewhere awaits `job.run()` on objects no type names, in a loop that serves. The
user sees the write of the report script, whose `Reporter` is also queued for that worker,
and not the evaluation's, whose instance can never be the worker's `job`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import FIXTURES, clean_env, run_advisor
from tests.scan.test_rules import expectations

FIXTURE = FIXTURES / "scan" / "ADV101_confined"


def reported(project: Path) -> list[str]:
    env = clean_env(LANG="C.UTF-8")
    result = run_advisor("scan", ".", "--format", "json", "--no-cache", env=env, cwd=project)
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    return sorted(
        f"{Path(f['path']).as_posix()}:{f['line']}" for f in findings if f["code"] == "ADV101"
    )


def test_the_confined_write_is_quiet_and_the_queued_one_reported(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    expected = sorted(f"{path}:{line}" for path, line, _code in expectations(FIXTURE))
    assert expected == ["tool/report.py:15"]
    assert reported(project) == expected


def test_handing_the_evaluator_on_brings_its_write_back(tmp_path: Path) -> None:
    """The same script, its `Evaluator` now also queued for the worker: reported."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    script = project / "tool" / "evaluate.py"
    text = script.read_text(encoding="utf-8")
    text = text.replace(
        "    await evaluator.run()",
        "    JOBS.append(evaluator)\n    await evaluator.run()",
    ).replace("import sys\n", "import sys\n\nfrom tool.worker import JOBS\n")
    script.write_text(text, encoding="utf-8")
    line = (
        script.read_text(encoding="utf-8")
        .splitlines()
        .index('        with open(self.path, "w") as handle:')
    )
    assert f"tool/evaluate.py:{line + 1}" in reported(project)


def test_a_library_module_class_is_not_judged(tmp_path: Path) -> None:
    """Without its `__main__` guard the module is a library's: its class may be made where no
    line names it (a registry of dotted paths), so its write stays reported."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    script = project / "tool" / "evaluate.py"
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace('if __name__ == "__main__":\n    ', ""), encoding="utf-8")
    assert "tool/evaluate.py:19" in reported(project)


def test_a_file_without_coroutines_that_hands_one_on_is_read(tmp_path: Path) -> None:
    """A module with no coroutine and no asyncio is not parsed in the first pass; one that
    names the class is read in the second (`crossfile.constructor_needles`), so the instance it
    keeps in a list is seen and the write is reported again."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    (project / "tool" / "registry.py").write_text(
        'from tool.evaluate import Evaluator\n\nQUEUED = [Evaluator("queued.json")]\n',
        encoding="utf-8",
    )
    assert "tool/evaluate.py:19" in reported(project)
