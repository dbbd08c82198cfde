"""A chain finding says where its hops are (issue 17): ``handler -> load_token -> open()`` is
reported at the call in the coroutine and carries the place of each hop below it, the blocking
call last, in every format. Through the installed CLI, in a subprocess, on a copy of a two-file
package (`tests/fixtures/scan/ADV101_chain_places`); a finding that is not a chain carries none."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT, clean_env, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"

LOAD = [{"path": "app/util.py", "line": 8, "col": 10, "name": "open()"}]
RETRY = [
    {"path": "app/util.py", "line": 17, "col": 5, "name": "backoff"},
    {"path": "app/util.py", "line": 13, "col": 5, "name": "time.sleep()"},
]


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "ADV101_chain_places", project)
    return project


def _scan(project: Path, *argv: str) -> str:
    result = run_advisor("scan", *argv, "--isolated", "--no-cache", cwd=project)
    assert result.code == 1, result.err
    return result.out


def test_json_carries_each_hop_place_and_none_for_a_direct_call(tmp_path: Path) -> None:
    findings = json.loads(_scan(_project(tmp_path), ".", "--format", "json"))["findings"]
    related = {(f["path"], f["line"]): f["related"] for f in findings}
    assert related == {("app/handlers.py", 5): LOAD, ("app/handlers.py", 9): RETRY,
                       ("app/plain.py", 5): []}  # fmt: skip


def test_hops_are_spelled_as_the_findings_path_is(tmp_path: Path) -> None:
    """Scanned from above the project: the hop's path has the same prefix as the finding's."""
    project = _project(tmp_path)
    out = run_advisor("scan", "project", "--format", "json", "--isolated", "--no-cache",
                      cwd=tmp_path).out  # fmt: skip
    found = {f["line"]: f["related"] for f in json.loads(out)["findings"] if f["related"]}
    assert project.exists()
    assert found[5][0]["path"] == "project/app/util.py"


def test_plain_and_github_name_the_chain_end_in_one_line(tmp_path: Path) -> None:
    project = _project(tmp_path)
    plain = _scan(project, ".", "--format", "plain").splitlines()
    assert any(
        line.startswith("app/handlers.py:5:12: ADV101")
        and line.endswith("(blocks at app/util.py:8)")
        for line in plain
    )
    assert any(line.endswith("(blocks at app/util.py:13)") for line in plain)
    assert not any("blocks at" in line for line in plain if line.startswith("app/plain.py"))
    github = _scan(project, ".", "--format", "github")
    assert "(blocks at app/util.py:8)\n" in github
    zh = _scan(project, ".", "--format", "plain", "--lang", "zh-TW")
    assert "（阻塞於 app/util.py:8）" in zh


def test_rich_shows_a_short_second_line(tmp_path: Path) -> None:
    out = _scan(_project(tmp_path), ".", "--format", "rich")
    assert "blocks at: app/util.py:8" in out
    assert out.count("blocks at:") == 2


def test_sarif_related_locations_and_code_flow(tmp_path: Path) -> None:
    """SARIF 2.1.0: ``relatedLocations`` (each with an ``id`` and a message) and one
    ``codeFlows`` thread flow from the call in the coroutine down to the blocking call."""
    document = json.loads(_scan(_project(tmp_path), ".", "--format", "sarif"))
    results = {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]: r
        for r in document["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/handlers.py"
    }
    retry = results[9]
    assert [
        (
            loc["id"],
            loc["physicalLocation"]["artifactLocation"]["uri"],
            loc["physicalLocation"]["region"]["startLine"],
            loc["message"]["text"],
        )
        for loc in retry["relatedLocations"]
    ] == [(1, "app/util.py", 17, "backoff"), (2, "app/util.py", 13, "time.sleep()")]
    (flow,) = retry["codeFlows"]
    (thread,) = flow["threadFlows"]
    steps = [
        (s["nestingLevel"], s["location"]["physicalLocation"]["region"]["startLine"])
        for s in thread["locations"]
    ]
    assert steps == [(0, 9), (1, 17), (2, 13)]
    plain = [
        r
        for r in document["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/plain.py"
    ]
    assert plain
    assert all("relatedLocations" not in r and "codeFlows" not in r for r in plain)


def test_stdin_still_works(tmp_path: Path) -> None:
    """`scan -` checks the buffer alone: no hop of another file, the JSON shape unchanged."""
    project = _project(tmp_path)
    text = (project / "app" / "handlers.py").read_text(encoding="utf-8")
    text += (
        "\n\nimport time\n\n\ndef pause():\n    time.sleep(1)\n\n\nasync def h():\n    pause()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "scan", "-", "--stdin-filename", "app/handlers.py",
         "--format", "json", "--isolated", "--no-cache"],
        input=text, capture_output=True, text=True, cwd=project, env=clean_env(), timeout=60,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    (finding,) = json.loads(proc.stdout)["findings"]
    assert finding["related"] == [
        {"path": "app/handlers.py", "line": 16, "col": 5, "name": "time.sleep()"}
    ]
