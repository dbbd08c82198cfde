"""The README's generated parts match the shipped tree, and its commands are the ones CI runs."""

from __future__ import annotations

import importlib.util
import subprocess

from tests.helpers import ROOT


def _update_module():
    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "docs" / "update_readme.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_parts_of_the_readme_are_current():
    """The example output and both trees' pictures (default and `--tree seed`)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    update = _update_module()
    assert len(update.BLOCKS) == 3
    for begin in update.BLOCKS:
        assert update.block(begin) in readme, (
            f"README's {begin} is stale: run python docs/update_readme.py"
        )


def test_ci_runs_the_readme_commands():
    """.ci/run extracts the two commands from the README; they must be there and install the project."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for tag in ("main-command", "test-command"):
        assert f"<!-- {tag} -->" in readme
        assert f"readme_command {tag}" in script
    out = subprocess.run(
        [
            "bash",
            "-c",
            f"cd {ROOT} && source <(sed -n '/^readme_command()/,/^}}/p' .ci/run) && readme_command test-command",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == 'python -m pip install -e ".[dev]" && python -m pytest'
