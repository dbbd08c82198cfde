"""The startup cache: plain JSON keyed by content, never stale, never foreign, never in the way."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import cache
from advisor.tree import load_tree, plain, validate
from tests.helpers import FIXTURES, ROOT, clean_env, run_advisor

CUSTOM = FIXTURES / "trees" / "valid_custom.yaml"
RECOMMEND = ["recommend", "--team-size", "5", "--async-fluent", "yes", "--format", "json"]


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Edit *path* in place keeping its size and its timestamps, as `cp -p` or `tar x` can."""
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert path.stat().st_mtime_ns == st.st_mtime_ns


def test_store_and_load_plain_data(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    key = cache.content_key("demo", b"some content")
    assert cache.load("demo", key) is None
    cache.store("demo", key, {"a": [1, "二", True, None]})
    assert cache.load("demo", key) == {"a": [1, "二", True, None]}
    (entry,) = (tmp_path / "demo").iterdir()
    assert entry.suffix == ".json"
    assert json.loads(entry.read_text(encoding="utf-8"))["value"] == {"a": [1, "二", True, None]}


def test_keys_depend_on_every_byte_and_on_how_parts_split():
    assert cache.content_key("tree", b"le: 3") != cache.content_key("tree", b"le: 9")
    assert cache.content_key("ab", "c") != cache.content_key("a", "bc")
    assert cache.content_key("x") == cache.content_key(b"x")
    assert len(cache.content_key("x")) == 64


def test_same_size_edit_with_the_same_mtime_gives_fresh_advice(tmp_path):
    """The old cache keyed by size and mtime gave the old tree's advice here."""
    tree = tmp_path / "tree.yaml"
    shutil.copy2(CUSTOM, tree)
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    first = run_advisor("--debug", *RECOMMEND, "--tree", str(tree), env=env)
    assert first.code == 0, first.err
    assert json.loads(first.out)["model"] == "asyncio"
    same_size_edit(tree, "le: 3", "le: 9")
    second = run_advisor(*RECOMMEND, "--tree", str(tree), env=env)
    assert second.code == 0, second.err
    assert json.loads(second.out)["model"] == "threading"


def test_same_size_edit_is_seen_by_validate(tmp_path):
    tree = tmp_path / "tree.yaml"
    shutil.copy2(CUSTOM, tree)
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    assert run_advisor("validate", str(tree), env=env).code == 0
    same_size_edit(tree, "goto: small", "goto: smalx")
    broken = run_advisor("validate", str(tree), env=env)
    assert broken.code == 2
    assert "unknown node 'smalx'" in broken.err


def test_the_in_process_memo_follows_the_content(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    tree = tmp_path / "tree.yaml"
    shutil.copy2(CUSTOM, tree)
    assert load_tree(tree).nodes["team"].branches[0].condition.value == 3
    same_size_edit(tree, "le: 3", "le: 9")
    assert load_tree(tree).nodes["team"].branches[0].condition.value == 9
    same_size_edit(tree, "goto: small", "goto: smalx")
    assert validate(tree)


def test_a_copy_elsewhere_is_named_by_its_own_path(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    shutil.copy2(CUSTOM, one)
    shutil.copy2(CUSTOM, two)
    assert load_tree(one).source == str(one)
    assert load_tree(two).source == str(two)
    assert load_tree(one)._replace(source="") == load_tree(two)._replace(source="")


def test_cached_tree_is_plain_json_and_rebuilds_equal(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    for source in (CUSTOM, ROOT / "decision_tree.yaml"):
        path = tmp_path / source.name  # a new path: not in this process's memo yet
        shutil.copy2(source, path)
        tree = load_tree(path)
        data = json.loads(json.dumps(plain.to_data(tree)))
        assert plain.from_data(data, str(path)) == tree
    entries = list((tmp_path / "tree").glob("*.json"))
    assert len(entries) == 2
    for entry in entries:
        json.loads(entry.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x80\x03not json at all",
        b'{"format": 2, "key": "someone else", "value": {}}',
        b"[1, 2, 3]",
        "LAYOUT",  # the right key, but not a tree inside
    ],
)
def test_corrupt_or_foreign_entries_are_a_miss(tmp_path, damage):
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    tree = tmp_path / "tree.yaml"
    shutil.copy2(CUSTOM, tree)
    assert run_advisor(*RECOMMEND, "--tree", str(tree), env=env).code == 0
    entries = list((tmp_path / "cache" / "tree").glob("*.json"))
    assert len(entries) == 1
    if damage == "LAYOUT":
        entry = json.loads(entries[0].read_text(encoding="utf-8"))
        entry["value"] = {"start": "team", "questions": [{"id": 1}], "nodes": [], "models": []}
        damage = json.dumps(entry).encode()
    entries[0].write_bytes(damage)
    again = run_advisor(*RECOMMEND, "--tree", str(tree), env=env)
    assert again.code == 0, again.err
    assert json.loads(again.out)["model"] == "asyncio"
    assert again.err == ""


def test_entries_writable_by_others_are_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    key = cache.content_key("shared")
    cache.store("demo", key, "mine")
    (entry,) = (tmp_path / "demo").iterdir()
    entry.chmod(0o666)
    assert cache.load("demo", key) is None


def test_no_module_imports_pickle():
    unsafe = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle"}
    for path in (ROOT / "advisor").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not {n.split(".")[0] for n in names} & unsafe, f"{path} imports {names}"


def test_old_entries_are_evicted(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    for i in range(cache.MAX_ENTRIES + 10):
        key = cache.content_key(str(i))
        cache.store("demo", key, i)
        entry = tmp_path / "demo" / f"advisor-{key[:40]}.json"
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))  # a clear age order
    kept = list((tmp_path / "demo").iterdir())
    assert len(kept) == cache.MAX_ENTRIES
    newest = cache.content_key(str(cache.MAX_ENTRIES + 9))
    assert cache.load("demo", newest) == cache.MAX_ENTRIES + 9
    assert cache.load("demo", cache.content_key("0")) is None


def test_failed_writes_leave_no_temporary_files(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    key = cache.content_key("x")
    cache.store("demo", key, object())  # not plain data: refused before any file exists
    cache.store("demo", key, float("nan"))

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    cache.store("demo", key, "value")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.store("demo", key, "value")
    assert [p.name for p in (tmp_path / "demo").iterdir()] == []


def test_cache_can_be_turned_off_or_be_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
    assert cache.cache_dir() is None
    cache.store("demo", cache.content_key("x"), 1)
    assert cache.load("demo", cache.content_key("x")) is None
    monkeypatch.delenv("ADVISOR_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    cache.store("demo", cache.content_key("x"), 1)
    assert load_tree(CUSTOM).start == "team"


def test_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.delenv("ADVISOR_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.cache_dir() == str(tmp_path / "home" / ".cache" / "advisor")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == str(tmp_path / "xdg" / "advisor")


def test_relative_xdg_cache_home_writes_nothing_in_the_working_directory(tmp_path):
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    env = clean_env(HOME=str(home), XDG_CACHE_HOME="relcache")
    env.pop("ADVISOR_CACHE_DIR", None)
    result = run_advisor("recommend", "--cpu-bound", "yes", "--format", "json", env=env, cwd=work)
    assert result.code == 0, result.err
    assert list(work.iterdir()) == []
    assert list((home / ".cache" / "advisor").iterdir())


@pytest.mark.parametrize("home", [None, "", "/"])
def test_no_home_means_no_cache_and_nothing_written_to_root(tmp_path, monkeypatch, home):
    monkeypatch.delenv("ADVISOR_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    assert cache.cache_dir() is None
    existed = os.path.exists("/.cache/advisor")
    env = clean_env()
    env.pop("ADVISOR_CACHE_DIR", None)
    env.pop("XDG_CACHE_HOME", None)
    if home is None:
        env.pop("HOME", None)
    else:
        env["HOME"] = home
    result = run_advisor(
        "recommend", "--cpu-bound", "yes", "--format", "json", env=env, cwd=tmp_path
    )
    assert result.code == 0, result.err
    assert os.path.exists("/.cache/advisor") == existed


def test_warm_run_does_not_import_yaml(tmp_path):
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path))
    code = (
        "import sys, runpy\n"
        "sys.argv = ['advisor', 'recommend', '--cpu-bound', 'no', '--concurrency', '500', '--async-libs', 'yes', '--format', 'json']\n"
        "try:\n"
        "    runpy.run_module('advisor', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('yaml' in sys.modules, file=sys.stderr)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        for _ in range(2)
    ]
    assert [r.stderr.split() for r in runs] == [["True"], ["False"]]
    assert all(json.loads(r.stdout)["model"] == "asyncio" for r in runs)


def _plant(entry: Path, kind: str, tmp_path: Path) -> None:
    """Put something that is not an entry of ours where the entry was."""
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "directory":
        entry.mkdir()
    elif kind == "symlink to a fifo":
        os.mkfifo(tmp_path / "elsewhere")
        entry.symlink_to(tmp_path / "elsewhere")
    elif kind == "symlink to a file":
        (tmp_path / "elsewhere").write_text("{}", encoding="utf-8")
        entry.symlink_to(tmp_path / "elsewhere")
    else:  # a sparse 1 GiB file: reading it would cost a gigabyte of memory
        with open(entry, "wb") as handle:
            handle.truncate(1 << 30)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize(
    "kind", ["fifo", "directory", "symlink to a fifo", "symlink to a file", "huge file"]
)
def test_special_files_planted_in_the_cache_are_a_miss_not_a_hang(tmp_path, kind):
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    tree = tmp_path / "tree.yaml"
    shutil.copy2(CUSTOM, tree)
    assert run_advisor(*RECOMMEND, "--tree", str(tree), env=env).code == 0
    (entry,) = (tmp_path / "cache" / "tree").glob("*.json")
    _plant(entry, kind, tmp_path)
    again = run_advisor(*RECOMMEND, "--tree", str(tree), env=env, timeout=30)
    assert again.code == 0, again.err
    assert json.loads(again.out)["model"] == "asyncio"
    assert again.err == ""


def test_code_stamp_follows_every_module_in_its_folders(tmp_path):
    """Any module counts (no hand-kept list), sub-folders and other files do not."""
    code = tmp_path / "code"
    (code / "sub").mkdir(parents=True)
    module = code / "a.py"
    module.write_text("x = 1\n", encoding="utf-8")
    stamp = cache.code_stamp(str(code))
    assert cache.code_stamp(str(code)) == stamp
    (code / "notes.txt").write_text("not code", encoding="utf-8")
    (code / "sub" / "b.py").write_text("y = 2\n", encoding="utf-8")
    assert cache.code_stamp(str(code)) == stamp
    (code / "b.py").write_text("y = 2\n", encoding="utf-8")
    added = cache.code_stamp(str(code))
    assert added != stamp
    st = module.stat()
    module.write_text("x = 2\n", encoding="utf-8")  # same size
    os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert cache.code_stamp(str(code)) != added
    assert cache.code_stamp(str(code), str(code / "sub")) != cache.code_stamp(str(code))
    assert cache.code_stamp(str(tmp_path / "missing")) != cache.code_stamp(str(code))
