"""The startup cache: a warm run skips PyYAML, and no stale or foreign entry is ever used."""

from __future__ import annotations

import os
import subprocess
import sys

from advisor import cache
from advisor.tree import parse
from tests.conftest import FIXTURES, clean_env

CUSTOM = FIXTURES / "trees" / "valid_custom.yaml"


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return {"built": len(calls)}

    assert cache.cached("demo", CUSTOM, build) == {"built": 1}
    assert cache.cached("demo", CUSTOM, build) == {"built": 1}
    assert len(calls) == 1
    assert len(list(tmp_path.glob("demo-*.pickle"))) == 1


def test_edited_source_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "tree.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    assert cache.cached("demo", source, source.read_text) == "a: 1\n"
    source.write_text("a: 22\n", encoding="utf-8")
    os.utime(source, ns=(1, 2 * 10**18))
    assert cache.cached("demo", source, source.read_text) == "a: 22\n"


def test_corrupt_or_foreign_entries_are_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    cache.cached("demo", CUSTOM, lambda: "first")
    (entry,) = tmp_path.glob("demo-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.cached("demo", CUSTOM, lambda: "rebuilt") == "rebuilt"
    entry.chmod(0o666)  # writable by others: never unpickled
    assert cache.cached("demo", CUSTOM, lambda: "safe") == "safe"


def test_cache_can_be_turned_off_or_be_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert cache.cached("demo", CUSTOM, lambda: "direct") == "direct"
    monkeypatch.delenv("ADVISOR_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    assert cache.cached("demo", CUSTOM, lambda: "still works") == "still works"


def test_cached_tree_equals_a_fresh_parse(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    from advisor import yamlio

    fresh = parse(yamlio.load_path(CUSTOM), source=str(CUSTOM))
    assert cache.cached("tree", CUSTOM, lambda: fresh) == fresh
    assert cache.cached("tree", CUSTOM, lambda: None) == fresh


def test_warm_run_does_not_import_yaml(tmp_path):
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path))
    code = (
        "import io, sys, advisor.cli\n"
        "out = io.StringIO()\n"
        "code = advisor.cli.main(['recommend', '--cpu-bound', 'no', '--concurrency', '500', '--format', 'json'], stdout=out)\n"
        "print(code, 'yaml' in sys.modules, out.getvalue().count('asyncio.Semaphore') > 0)\n"
    )
    cold = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    warm = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert cold.stdout.split() == ["0", "True", "True"]
    assert warm.stdout.split() == ["0", "False", "True"]
