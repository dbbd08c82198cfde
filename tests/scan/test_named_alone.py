"""A file named alone gets the findings `advisor scan .` gives it (issue 17, new-user review
2026-12-07): the pre-commit hook and editors name files one by one, and the findings that need
another module of the project (ADV102 through `pkg/repo.py`, the ADV101 chain through
`pkg/helpers.py`) disappeared there. The project's other modules are read for the index only:
never reported on, excluded as a folder scan excludes them, read from the cache when warm.

Through the installed CLI in a subprocess, on a copy of our own three-module project
(`tests/fixtures/scan/ADV102_named_alone`); counts, never timings, for the cache."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import api
from tests.helpers import ROOT, clean_env, run_advisor

PROJECT = ROOT / "tests" / "fixtures" / "scan" / "ADV102_named_alone"

#: What `advisor scan .` reports at service.py (and only there, for service.py).
AT_SERVICE = [
    "pkg/service.py:12:9: ADV102",
    "pkg/service.py:13:16: ADV101",
]


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    return project


def _codes(out: str) -> list[str]:
    return [" ".join(line.split()[:2]) for line in out.splitlines() if ": ADV" in line]


def test_the_folder_scan_reports_these_findings(tmp_path: Path) -> None:
    out = run_advisor("scan", ".", "--format", "plain", "--no-cache", cwd=_project(tmp_path)).out
    found = _codes(out)
    assert [f for f in found if f.startswith("pkg/service.py")] == AT_SERVICE
    assert "pkg/repo.py:11:9: ADV101" in found  # the other module's own finding


def test_a_named_file_gets_them_and_the_others_are_not_reported(tmp_path: Path) -> None:
    result = run_advisor(
        "scan", "pkg/service.py", "--format", "plain", "--no-cache", cwd=_project(tmp_path)
    )
    assert result.code == 1, result.err
    assert _codes(result.out) == AT_SERVICE  # pkg/repo.py's own ADV101 is not reported


def test_an_editor_buffer_gets_them(tmp_path: Path) -> None:
    project = _project(tmp_path)
    argv = ["scan", "-", "--stdin-filename", "pkg/service.py", "--format", "plain", "--no-cache"]
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", *argv],
        input=(project / "pkg" / "service.py").read_bytes(),
        capture_output=True,
        env=clean_env(),
        cwd=project,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert _codes(proc.stdout.decode()) == AT_SERVICE


def test_the_pre_commit_entry_gets_them(tmp_path: Path) -> None:
    """The shipped hook's entry, with the file named as pre-commit names it."""
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = next(line.split(":", 1)[1] for line in hooks.splitlines() if "entry:" in line)
    argv = shlex.split(entry)
    assert argv[:2] == ["advisor", "scan"]
    result = run_advisor(*argv[1:], "--no-cache", "pkg/service.py", cwd=_project(tmp_path))
    assert result.code == 1, result.err
    assert _codes(result.out) == AT_SERVICE


def test_an_excluded_module_is_not_read(tmp_path: Path) -> None:
    """``exclude`` leaves the helper out of `advisor scan .`, so out of the named run too."""
    project = _project(tmp_path)
    with (project / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[tool.advisor]\nexclude = ["pkg/helpers.py"]\n')
    folder = run_advisor("scan", ".", "--format", "plain", "--no-cache", cwd=project).out
    named = run_advisor("scan", "pkg/service.py", "--format", "plain", "--no-cache", cwd=project)
    assert _codes(named.out) == ["pkg/service.py:12:9: ADV102"]
    assert [f for f in _codes(folder) if f.startswith("pkg/service.py")] == _codes(named.out)


def test_a_file_outside_any_project_is_read_alone(tmp_path: Path) -> None:
    """No pyproject.toml, setup.cfg, setup.py or .git above: the folder is not walked."""
    project = _project(tmp_path)
    (project / "pyproject.toml").unlink()
    if any((p / m).exists() for p in project.parents for m in (".git", "pyproject.toml")):
        pytest.skip("the temporary folder is inside a project")
    named = run_advisor("scan", "pkg/service.py", "--format", "plain", "--no-cache", cwd=project)
    assert _codes(named.out) == []


def test_a_warm_named_run_parses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted: the cold run parses the named file and the modules with rule words; the warm
    one reads all four from the cache; a folder scan after it shares that cache."""
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    cache = str(tmp_path / "cache")
    cold = api.scan(["pkg/service.py"], cache_dir=cache)
    warm = api.scan(["pkg/service.py"], cache_dir=cache)
    folder = api.scan(["."], cache_dir=cache)
    assert (cold.files, cold.checked) == (1, 1)  # the summary counts the named file only
    assert cold.parsed >= 3
    assert cold.cached == 0
    assert (warm.parsed, warm.cached) == (0, 4)
    assert warm.findings == cold.findings
    assert [f.code for f in warm.findings] == ["ADV102", "ADV101"]
    assert (folder.parsed, folder.cached) == (0, 4)


def test_isolated_reads_the_named_file_alone(tmp_path: Path) -> None:
    """``--isolated`` reads nothing around the named files: no settings, no other module."""
    named = run_advisor(
        "scan", "pkg/service.py", "--isolated", "--format", "plain", "--no-cache",
        cwd=_project(tmp_path),
    )  # fmt: skip
    assert _codes(named.out) == []


def test_a_home_folder_with_a_git_repository_is_no_project(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A dotfiles repository makes `~` hold a `.git`: a loose script below it is read alone,
    never with every project under the home folder."""
    from advisor.lint.project_files import project_root

    (tmp_path / ".git").mkdir()
    (tmp_path / "notes").mkdir()
    script = tmp_path / "notes" / "loose.py"
    script.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert project_root(str(script)) is None
    (tmp_path / "notes" / "pyproject.toml").write_text("", encoding="utf-8")
    assert project_root(str(script)) == str(tmp_path / "notes")
