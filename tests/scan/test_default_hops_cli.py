"""ADV101 and a default the callee keeps at a hop below the coroutine, through the CLI (issue
17, precision; `defaults.omits_default`).

The fixture ADV101_default_hops is shaped after mcp-agent 0.2.6's deep orchestrator: a
coroutine records a result through a helper that calls ``self.save_artifact(name, content)``,
whose ``to_filesystem=False`` default closes the ``open()``; the user sees only the chains
whose call gives the parameter, hands keywords on, or gives a constructor its path.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import FIXTURES, clean_env, run_advisor
from tests.scan.test_rules import expectations

FIXTURE = FIXTURES / "scan" / "ADV101_default_hops"


def reported(project: Path) -> list[str]:
    result = run_advisor(
        "scan", ".", "--format", "json", "--no-cache", env=clean_env(LANG="C.UTF-8"), cwd=project
    )
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    return sorted(
        f"{Path(f['path']).as_posix()}:{f['line']}" for f in findings if f["code"] == "ADV101"
    )


def test_only_the_chains_whose_calls_open_the_branch(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    expected = sorted(f"{path}:{line}" for path, line, _code in expectations(FIXTURE))
    assert len(expected) == 4
    assert reported(project) == expected


def test_giving_the_parameter_at_the_hop_brings_the_chain_back(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    module = project / "memory.py"
    text = module.read_text(encoding="utf-8")
    module.write_text(
        text.replace(
            "            self.save_artifact(name, content)\n",
            "            self.save_artifact(name, content, True)\n",
            1,
        ),
        encoding="utf-8",
    )
    lines = module.read_text(encoding="utf-8").splitlines()
    line = lines.index("        self.memory.add_result(result)") + 1
    assert f"memory.py:{line}" in reported(project)
