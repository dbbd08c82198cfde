"""`advisor bench --python PATH`: the models race on another interpreter, which the machine
line names. Uses another CPython on PATH (3.12, 3.13, 3.14, 3.14t) where there is one, else
this one by its path; either way the workers run under the interpreter given."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from advisor.benchmark.interpreter import parse
from tests.helpers import ROOT, clean_env


def other_python() -> str:
    """Another CPython 3.11+ that really runs (a pyenv shim may not), else this one."""
    for name in ("python3.14t", "python3.14", "python3.13", "python3.12"):
        found = shutil.which(name)
        if found and subprocess.run(
            [found, "-c", "import sys; assert sys.version_info >= (3, 11)"],
            capture_output=True, check=False,
        ).returncode == 0:  # fmt: skip
            return found
    return sys.executable


def test_the_models_race_on_the_interpreter_given():
    python = other_python()
    version = subprocess.run(
        [python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "bench", "--python", python, "--format", "json",
         "--cpu-bound", "yes", "--native-code", "no", "--shared-memory", "no",
         "--multi-machine", "no", "--quick", "--tasks", "4", "--repeats", "1",
         "--models", "threading,multiprocessing"],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["machine"]["python"].startswith(version)
    assert python in data["machine"]["python"]
    ran = {run["variant"]: run for run in data["runs"]}
    assert set(ran) == {"threading", "multiprocessing"}
    assert all(run["error"] is None for run in ran.values()), ran


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "no such program"), ("zh-TW", "找不到這個程式")]
)
def test_a_python_that_does_not_exist_is_one_line(cli, tmp_path, lang, words):
    missing = str(tmp_path / "no-python")
    result = cli("bench", "--lang", lang, "--python", missing, "--cpu-bound", "yes", "--quick")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert words in lines[0]
    assert missing in lines[0]


def test_what_an_interpreter_says_about_itself():
    line = json.dumps({
        "python": "3.14.0 (CPython)", "gil": False,
        "variants": ["threading", "asyncio", "asyncio+executor", "multiprocessing", "interpreters"],
        "shared_variants": ["threading", "asyncio", "asyncio+executor", "multiprocessing"],
        "start_method": "forkserver", "cpu_loops": 1234, "native_blocks": 0,
    })  # fmt: skip
    other = parse("a warning first\n" + line + "\n", "/opt/py314t/bin/python")
    assert other.gil is False
    assert "interpreters" in other.variants
    assert "interpreters" not in other.shared_variants
    assert other.cpu_loops == 1234
