"""The cache folder may be a user's project: advisor deletes only what it wrote (newcomer #1),
and `--cache-dir` is a parameter, never an environment variable set behind the user's back."""

from __future__ import annotations

import json
import os
from pathlib import Path

from advisor import cache
from tests.helpers import ROOT, clean_env, run_advisor

#: Folders advisor's namespaces use; a project may well have its own `data/`.
NAMESPACES = ("data", "tree", "scan_data", "scan_index", "inference")
USER_FILES = 40
OLD = 1_000_000  # an mtime older than anything advisor writes: first in line for eviction


def plant(project: Path) -> dict[Path, str]:
    """40 of the user's own JSON files in the project and in every namespace folder, older
    than any entry, plus files that only look like entries: a name of our shape with the
    user's content, the unprefixed hex name earlier versions used, and a name that starts
    like a temporary file but lacks its random part."""
    planted: dict[Path, str] = {}
    for folder in (project, *(project / ns for ns in NAMESPACES)):
        folder.mkdir(parents=True, exist_ok=True)
        names = [f"fixture_{i}.json" for i in range(USER_FILES)]
        names += [f"advisor-{'a' * 40}.json", f"{'b' * 40}.json", ".advisor-tmp-x.json"]
        for name in names:
            path = folder / name
            text = json.dumps({"fixture": name})
            path.write_text(text, encoding="utf-8")
            os.utime(path, (OLD, OLD))
            planted[path] = text
    return planted


def survivors(planted: dict[Path, str]) -> int:
    return sum(p.is_file() and p.read_text(encoding="utf-8") == t for p, t in planted.items())


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("advisor-*.json") if p.name != f"advisor-{'a' * 40}.json")


def test_a_project_as_cache_folder_keeps_every_user_file(tmp_path):
    """The review's repro: ADVISOR_CACHE_DIR=. and `scan --cache-dir .` in a project."""
    project = tmp_path / "proj"
    code = project / "app.py"
    planted = plant(project)
    code.write_text("import time\n\nasync def main():\n    time.sleep(1)\n", encoding="utf-8")
    env = clean_env(ADVISOR_CACHE_DIR=".")
    runs = [
        ["recommend", "--cpu-bound", "no", "--concurrency", "5", "--shared-memory", "no"],
        ["explain", "asyncio"],
        ["validate"],
        ["tree"],
        ["scan", "app.py", "--cache-dir", "."],
        ["scan", ".", "--cache-dir", "."],
        ["scan", ".", "--recommend", "--cpu-bound", "no", "--concurrency", "5"],
    ]
    for argv in runs:
        result = run_advisor(*argv, env=env, cwd=project)
        # --recommend may exit 2 naming an answer the code leaves open, after inferring
        allowed = (0, 1, 2) if "--recommend" in argv else (0, 1)
        assert result.code in allowed, (argv, result.err)
    assert survivors(planted) == len(planted)
    assert entries(project / "tree")  # the cache did work there
    assert entries(project / "inference")  # `scan --recommend` kept what it inferred


def test_the_cache_still_evicts_its_own_entries(tmp_path, monkeypatch, cli):
    """Past MAX_ENTRIES the oldest entries of advisor go; the user's files stay."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    project = tmp_path / "proj"
    planted = plant(project)
    for i in range(6):  # each folder scanned is its own index entry
        folder = tmp_path / f"code{i}"
        folder.mkdir()
        (folder / "app.py").write_text(f"import time\ntime.sleep({i})\n", encoding="utf-8")
        assert cli("scan", str(folder), "--cache-dir", str(project)).code == 0
    assert len(entries(project / "scan_index")) == 3
    assert survivors(planted) == len(planted)


def test_an_old_entry_of_ours_is_evicted_a_lookalike_is_not(tmp_path, monkeypatch):
    """Name and header together prove an entry ours, in the old unprefixed naming too."""
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    folder = tmp_path / "demo"
    folder.mkdir()
    old_key = cache.content_key("from an earlier version")
    legacy = folder / f"{old_key[:40]}.json"
    written = json.dumps({"format": 2, "key": old_key, "value": 1}, separators=(",", ":"))
    legacy.write_text(written, encoding="utf-8")
    lookalike = folder / f"advisor-{'c' * 40}.json"
    lookalike.write_text('{"format": "mine"}', encoding="utf-8")
    for path in (legacy, lookalike):
        os.utime(path, (OLD, OLD))
    for i in range(3):
        cache.store("demo", cache.content_key(str(i)), i, root=str(tmp_path))
    assert not legacy.exists()
    assert lookalike.exists()
    assert len(entries(folder)) == 3  # the lookalike and the two newest


def test_cache_dir_leaves_the_environment_untouched(tmp_path, monkeypatch, cli):
    """Two in-process runs: the first with --cache-dir, the second without it writes to the
    usual cache, not to the first run's folder."""
    usual = tmp_path / "usual"
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(usual))
    chosen = tmp_path / "chosen"
    code = tmp_path / "code"
    code.mkdir()
    (code / "app.py").write_text("import time\ntime.sleep(1)\n", encoding="utf-8")
    before = dict(os.environ)
    assert cli("scan", str(code), "--cache-dir", str(chosen)).code == 0
    assert dict(os.environ) == before
    assert len(entries(chosen / "scan_index")) == 2  # the index and its per-file results
    (code / "other.py").write_text("x = 1\n", encoding="utf-8")
    assert cli("scan", str(code)).code == 0
    assert dict(os.environ) == before
    assert len(entries(chosen / "scan_index")) == 2
    assert len(entries(usual / "scan_index")) == 2


def test_no_cli_module_sets_the_cache_variable():
    import advisor.cli

    folder = Path(advisor.cli.__file__).parent
    for path in folder.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "ADVISOR_CACHE_DIR" not in text, path
        assert "os.environ[" not in text, path
        assert "putenv" not in text, path


def test_only_a_stale_temporary_file_of_ours_is_removed(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    stale = folder / ".advisor-tmp-k2j_9x0a.json"  # mkstemp's shape, from a killed run
    fresh = folder / ".advisor-tmp-q8w7e6r5.json"  # another run writing right now
    theirs = folder / ".tmp-k2j_9x0a.json"
    for path in (stale, fresh, theirs):
        path.write_text("{", encoding="utf-8")
    for path in (stale, theirs):
        os.utime(path, (OLD, OLD))
    cache.store("demo", cache.content_key("x"), 1, root=str(tmp_path))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [fresh.name, theirs.name, f"advisor-{cache.content_key('x')[:40]}.json"]
    )


def test_cache_dir_holds_only_the_scan_index_where_help_and_docs_say(tmp_path, monkeypatch, cli):
    """--cache-dir DIR puts the findings in DIR/scan_index/, not in DIR itself; the other
    caches stay in the usual folder. The help and docs/commands/scan.md say that folder."""
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "usual"))
    chosen = tmp_path / "chosen"
    code = tmp_path / "code"
    code.mkdir()
    (code / "app.py").write_text("import time\ntime.sleep(1)\n", encoding="utf-8")
    assert cli("scan", str(code), "--cache-dir", str(chosen)).code == 0
    assert sorted(p.name for p in chosen.iterdir()) == ["scan_index"]
    assert len(entries(chosen / "scan_index")) == 2  # the index and its per-file results
    for lang in ("en", "zh-TW"):
        assert "DIR/scan_index/" in cli("scan", "--help", "--lang", lang).out
    doc = (ROOT / "docs" / "commands" / "scan.md").read_text(encoding="utf-8")
    assert "`--cache-dir DIR` puts them in `DIR/scan_index/`" in doc
