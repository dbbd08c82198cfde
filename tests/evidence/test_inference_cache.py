"""`scan --recommend` reuses what it inferred from the same code (`advisor.evidence.stored`).

The README promises a cache that makes the second run cheap; `scan --recommend` read, parsed
and gathered every file again on each run (6.7 CPU s on a large bot, every time). The CLI runs
in a subprocess on copies of this project's fixture programs, with a private cache folder:
the second run prints the same, byte for byte, and never loads the evidence gatherer (what
parses and reads the code: nothing is inferred again); an edited file is inferred anew and
prints what a run without the cache prints. No time is measured."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import api, cache
from advisor.evidence import stored

PROJECTS = Path(__file__).resolve().parents[1] / "fixtures" / "projects"

#: Runs the CLI, then writes which of advisor's evidence modules the run loaded.
PROBE = (
    "import json, sys\n"
    "from advisor.cli import main\n"
    "code = main(sys.argv[2:])\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    json.dump(sorted(m for m in sys.modules if m.startswith('advisor.evidence')), out)\n"
    "sys.exit(code)\n"
)

GATHERER = "advisor.evidence.gather"

#: `--cpu-bound no` answers what the fixtures leave open, so every run recommends.
ARGS = ("--recommend", "--format", "json", "--cpu-bound", "no")


def _run(project: Path, tmp_path: Path, *, use_cache: bool = True) -> tuple[str, list[str]]:
    """stdout of `scan PROJECT --recommend --format json`, and the evidence modules loaded."""
    env = {**os.environ, "ADVISOR_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("ADVISOR_NO_CACHE", None)
    if not use_cache:
        env["ADVISOR_NO_CACHE"] = "1"
    loaded = tmp_path / "loaded.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(loaded), "scan", str(project), *ARGS],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, json.loads(loaded.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["requests_crawler", "llm_bot", "notebook"])
def test_second_run_reuses_the_inference(tmp_path: Path, name: str) -> None:
    project = shutil.copytree(PROJECTS / name, tmp_path / name)
    first, loaded_first = _run(project, tmp_path)
    second, loaded_second = _run(project, tmp_path)
    assert GATHERER in loaded_first
    assert GATHERER not in loaded_second
    assert second == first
    assert json.loads(first)["model"]  # a recommendation, with its evidence
    assert len(list((tmp_path / "cache" / stored.NAMESPACE).glob("advisor-*.json"))) == 1


def test_an_edit_infers_anew(tmp_path: Path) -> None:
    """A file changed after the first run: everything is inferred again, and the run says
    what a run without any cache says of the edited code."""
    project = shutil.copytree(PROJECTS / "requests_crawler", tmp_path / "requests_crawler")
    before, _ = _run(project, tmp_path)
    crawler = project / "crawler.py"
    text = crawler.read_text(encoding="utf-8")
    crawler.write_text(text.replace("WORKERS = 16", "WORKERS = 64"), encoding="utf-8")
    after, loaded = _run(project, tmp_path)
    fresh, _ = _run(project, tmp_path, use_cache=False)
    assert GATHERER in loaded
    assert after == fresh
    assert after != before  # the pool's size is evidence: the edit changes what is shown


@pytest.mark.parametrize("name", sorted(p.name for p in PROJECTS.iterdir() if p.is_dir()))
def test_an_entry_gives_back_the_same_inference(name: str) -> None:
    """Every fixture program's inference, through JSON and back: equal field for field."""
    inference = api.infer([str(PROJECTS / name)], cache=False)
    entry = json.loads(json.dumps(stored.encode(inference)))
    assert stored.decode(entry) == inference


def test_an_entry_of_another_shape_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    key = cache.content_key("another shape")
    cache.store(stored.NAMESPACE, key, {"questions": 5})
    assert stored.load(key) is None
