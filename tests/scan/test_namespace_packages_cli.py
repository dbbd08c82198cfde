"""Calls between the modules of a folder without ``__init__.py`` (PEP 420 namespace packages,
`lint.namespaces`): through the installed CLI, in a subprocess, on copies of the fixtures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, clean_env, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _found(cwd: Path, *argv: str, env: dict[str, str] | None = None) -> set[tuple[str, int]]:
    result = run_advisor("scan", *argv, "--format", "json", "--isolated", cwd=cwd, env=env)
    assert result.code in (0, 1), result.err
    return {(Path(f["path"]).as_posix(), f["line"]) for f in json.loads(result.out)["findings"]}


def test_folder_imported_by_its_own_name(tmp_path: Path) -> None:
    """`pkg/app.py` does `from pkg.util import load_token`, `pkg` has no `__init__.py`: the
    chain is found whether the scan names the folder or runs inside it."""
    shutil.copytree(FIXTURES / "ADV101_namespace_package", tmp_path / "project")
    project = tmp_path / "project"
    assert _found(project, "pkg", "--no-cache") == {("pkg/app.py", 5)}
    assert _found(project / "pkg", ".", "--no-cache") == {("app.py", 5)}


def test_a_warm_run_sees_the_helper_change(tmp_path: Path) -> None:
    """The cache re-joins the caller when the helper (named `util`, imported as
    `pkg.util`) stops blocking."""
    shutil.copytree(FIXTURES / "ADV101_namespace_package", tmp_path / "project")
    project = tmp_path / "project"
    env = {**clean_env(), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("ADVISOR_NO_CACHE", None)
    assert _found(project, "pkg", env=env) == {("pkg/app.py", 5)}
    util = project / "pkg" / "util.py"
    util.write_text("def load_token(path):\n    return path\n", encoding="utf-8")
    assert _found(project, "pkg", env=env) == set()


def test_two_folders_with_a_module_of_one_name_are_not_confused(tmp_path: Path) -> None:
    """`alpha/util.py` blocks, `beta/util.py` does not; both are module `util`.
    `from beta.util import load_token` is not pinned on alpha's: nothing."""
    shutil.copytree(FIXTURES / "negative_namespace_twins", tmp_path / "project")
    assert _found(tmp_path / "project", ".", "--no-cache") == set()
