"""The built wheel carries the tree, templates and texts, and works in a fresh venv."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT, clean_env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="the test extra installs hatchling to build offline")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (found,) = out.glob("advisor-*.whl")
    return found


def test_wheel_contents(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "advisor/decision_tree.yaml" in names
    assert "advisor/py.typed" in names
    assert "advisor/texts/ui.yaml" in names
    assert "advisor/templates/catalog.yaml" in names
    assert "advisor/templates/zh-TW.yaml" in names  # the templates' Chinese comments
    assert {"advisor/templates/asyncio.py.tmpl", "advisor/templates/distributed.py.tmpl"} <= names
    for tree in ("decision_tree.yaml", "seed_tree.yaml"):
        packed = zipfile.ZipFile(wheel).read(f"advisor/{tree}")
        assert packed == (ROOT / tree).read_bytes()
    assert not any(n.startswith("tests/") for n in names)


def test_fresh_venv_runs_advisor(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # Dependencies come from this test environment (no network needed), added only after
    # the install so pip cannot mistake the outer advisor for this one; advisor itself
    # comes from the wheel: a plain path line does not run editable-install hooks.
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    where = subprocess.run(
        [python, "-c", "import advisor; print(advisor.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
    ).stdout.strip()
    assert where.startswith(str(site))
    result = subprocess.run(
        [
            env_dir / "bin" / "advisor",
            "recommend",
            "--cpu-bound",
            "no",
            "--concurrency",
            "500",
            "--async-libs",
            "yes",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["model"] == "asyncio"
    assert "asyncio.Queue(maxsize=2 * CONCURRENCY)" in data["template"]["code"]
    check = subprocess.run(
        [python, "-m", "advisor", "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        check=False,
    )
    assert check.returncode == 0
    assert str(site / "advisor" / "decision_tree.yaml") in check.stdout
