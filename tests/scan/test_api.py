"""`advisor.scan` as a library: discovery, skipped files, configuration, selection, cache."""

from __future__ import annotations

import os
import sysconfig
from pathlib import Path

import pytest

import advisor
from advisor.errors import ScanError

BLOCKING = "import time\n\nasync def handler():\n    time.sleep(1)\n"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("ADVISOR_NO_CACHE", raising=False)


def codes(result: advisor.ScanResult) -> list[tuple[str, int, str]]:
    return [(Path(f.path).name, f.line, f.code) for f in result.findings]


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_scan_is_a_function_after_importing_the_linter(tmp_path: Path) -> None:
    """No package shares a name with a library function: importing the linter's modules
    leaves ``advisor.scan`` the function (it used to rebind it to a package)."""
    write(tmp_path / "app.py", BLOCKING)
    import advisor.lint.pipeline

    assert callable(advisor.scan)
    assert not hasattr(advisor.scan, "__path__")

    result = advisor.scan([tmp_path], config=False)
    assert codes(result) == [("app.py", 4, "ADV101")]
    assert result.findings[0].message("zh-TW").startswith("在 `async def` 裡")


def test_discovery_skips_what_nobody_lints(tmp_path: Path) -> None:
    write(tmp_path / "app.py", BLOCKING)
    for folder in (".git", ".venv", "node_modules", "__pycache__", "lib/site-packages", "env"):
        write(tmp_path / folder / "x.py", BLOCKING)
    write(tmp_path / "env" / "pyvenv.cfg", "home = /usr\n")
    write(tmp_path / ".gitignore", "generated/\n*_pb2.py\n!keep_pb2.py\n")
    write(tmp_path / "generated" / "x.py", BLOCKING)
    write(tmp_path / "api_pb2.py", BLOCKING)
    write(tmp_path / "keep_pb2.py", BLOCKING)
    write(tmp_path / "build" / "x.py", BLOCKING)
    result = advisor.scan([tmp_path], config=False, exclude=["build"])
    assert sorted(Path(f.path).relative_to(tmp_path).as_posix() for f in result.findings) == [
        "app.py",
        "keep_pb2.py",
    ]


def test_unreadable_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    write(tmp_path / "good.py", BLOCKING)
    write(tmp_path / "broken.py", "async def f(:\n")
    write(tmp_path / "binary.py", b"\x00\x01async def f(): pass\n")
    write(tmp_path / "latin.py", b"# coding: utf-8\nx = '\xff'\nasync def f(): pass\n")
    write(tmp_path / "newer.py", "type Point = tuple[float, float]\nasync def f(): pass\n")
    write(tmp_path / "huge.py", "async def f(): pass\n" + "x = 1\n" * 1_000_000)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dangling.py").symlink_to(tmp_path / "missing.py")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    result = advisor.scan([tmp_path], config=False)
    reasons = {Path(s.path).name: s.key for s in result.skipped}
    assert reasons["broken.py"] == "syntax_error"
    assert reasons["binary.py"] == "binary"
    assert reasons["latin.py"] == "encoding"
    assert reasons["huge.py"] == "too_large"
    assert reasons["loop"] == "symlink_loop"
    assert "up" not in reasons  # a link back to a folder being walked: its files are checked
    assert reasons["dangling.py"] == "broken_symlink"
    assert "newer.py" not in reasons  # newer syntax is read (lint/newer.py), not skipped
    assert codes(result) == [("good.py", 4, "ADV101")]
    for skipped in result.skipped:
        assert skipped.reason("en")
        assert skipped.reason("zh-TW")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_is_skipped(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.py", BLOCKING)
    secret.chmod(0)
    try:
        result = advisor.scan([tmp_path], config=False)
    finally:
        secret.chmod(0o644)
    assert [s.key for s in result.skipped] == ["unreadable"]


def test_select_and_ignore_by_code_or_prefix(tmp_path: Path) -> None:
    write(tmp_path / "app.py", BLOCKING + "    asyncio.get_event_loop()\nimport asyncio\n")
    everything = {f.code for f in advisor.scan([tmp_path], config=False).findings}
    assert everything == {"ADV101", "ADV105"}
    assert {f.code for f in advisor.scan([tmp_path], config=False, select=["ADV105"]).findings} == {
        "ADV105"
    }
    with pytest.raises(ScanError, match="no rule is left to check"):
        advisor.scan([tmp_path], config=False, ignore=["ADV10", "ADV11"])  # newcomer #50
    narrowed = advisor.scan([tmp_path], config=False, select=["ADV1"], ignore=["ADV105"])
    assert {f.code for f in narrowed.findings} == {"ADV101"}
    with pytest.raises(ScanError, match="unknown rule code 'ADV999'"):
        advisor.scan([tmp_path], config=False, select=["ADV999"])


def test_pyproject_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "app.py", BLOCKING + "    asyncio.get_event_loop()\nimport asyncio\n")
    write(tmp_path / "tests" / "test_app.py", BLOCKING)
    write(tmp_path / "vendor" / "lib.py", BLOCKING)
    write(
        tmp_path / "pyproject.toml",
        '[tool.advisor]\nignore = ["ADV105"]\nexclude = ["vendor"]\n'
        '[tool.advisor.per-file-ignores]\n"tests/*" = ["ADV101"]\n',
    )
    monkeypatch.chdir(tmp_path)
    assert codes(advisor.scan(["."])) == [("app.py", 4, "ADV101")]
    flags_win = advisor.scan(["."], ignore=[])
    assert sorted(f.code for f in flags_win.findings) == ["ADV101", "ADV105"]
    write(tmp_path / "pyproject.toml", "[tool.advisor]\nselct = ['ADV101']\n")
    with pytest.raises(ScanError, match="did you mean 'select'"):
        advisor.scan(["."])


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as info:
        advisor.scan([tmp_path / "nope"], config=False)
    assert info.value.exit_code == 2


def test_cache_reuses_and_never_goes_stale(tmp_path: Path) -> None:
    app = write(tmp_path / "app.py", BLOCKING)
    write(tmp_path / "other.py", "x = 1\n")
    cold = advisor.scan([tmp_path], config=False)
    warm = advisor.scan([tmp_path], config=False)
    assert warm.findings == cold.findings
    assert (warm.cached, warm.parsed) == (2, 0)
    # Same size, same mtime, different content: must be seen (content hash, ctime).
    stat = app.stat()
    app.write_text(
        BLOCKING.replace("time.sleep(1)", "time.sleep(2)").replace("(2)", "(0)"), encoding="utf-8"
    )
    os.utime(app, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    app.write_text(
        BLOCKING.replace("    time.sleep(1)\n", "    pass  # fixed!!!\n"), encoding="utf-8"
    )
    os.utime(app, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert advisor.scan([tmp_path], config=False).findings == ()
    uncached = advisor.scan([tmp_path], config=False, cache=False)
    assert (uncached.cached, uncached.findings) == (0, ())


def test_index_is_plain_json_and_a_damaged_entry_is_read_again(tmp_path: Path) -> None:
    """The file index is data only, in two entries: the index proper (each file a JSON list
    [signature, digest, module], and the findings the scan printed) and the per-file results,
    tied by a token. A file entry that is not such a list (a damaged cache) costs a re-read,
    never a crash."""
    import json

    project = tmp_path / "project"
    write(project / "app.py", BLOCKING)
    write(project / "other.py", "x = 1\n")
    cold = advisor.scan([project], config=False)
    stored = {}
    for path in (Path(os.environ["ADVISOR_CACHE_DIR"]) / "scan_index").glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        stored["index" if "views" in document["value"] else "results"] = (path, document)
    index_path, document = stored["index"]
    files = document["value"]["files"]
    assert sorted(files) == ["app.py", "other.py"]
    signature, digest, module = files["app.py"]
    assert signature is None or len(signature) == 4  # None: racily clean, hashed next time
    assert (len(digest), module) == (64, "app")
    results = stored["results"][1]["value"]
    assert results["token"] == document["value"]["token"]
    assert json.loads(results["files"]["app.py"])["f"][0][2] == "ADV101"  # its own JSON text
    files["app.py"] = files["app.py"][:2]
    index_path.write_text(json.dumps(document), encoding="utf-8")
    again = advisor.scan([project], config=False)
    assert again.findings == cold.findings
    assert (again.parsed, again.cached) == (1, 1)


def test_cross_file_results_follow_the_other_file(tmp_path: Path) -> None:
    """A cached caller must be re-judged when the callee's file changes."""
    write(tmp_path / "lib.py", "async def fetch():\n    pass\n")
    write(tmp_path / "main.py", "from lib import fetch\n\ndef go():\n    fetch()\n")
    assert codes(advisor.scan([tmp_path], config=False)) == [("main.py", 4, "ADV102")]
    write(tmp_path / "lib.py", "def fetch():\n    pass\n")
    assert codes(advisor.scan([tmp_path], config=False)) == []
    write(tmp_path / "lib.py", "async def fetch():\n    pass\n")
    assert codes(advisor.scan([tmp_path], config=False)) == [("main.py", 4, "ADV102")]


def test_parallel_and_serial_agree(tmp_path: Path) -> None:
    for i in range(40):
        write(tmp_path / f"m{i}.py", BLOCKING + "# padding\n" * 5000)
    serial = advisor.scan([tmp_path], config=False, cache=False, jobs=1)
    parallel = advisor.scan([tmp_path], config=False, cache=False, jobs=2)
    assert serial.findings == parallel.findings
    assert len(serial.findings) == 40


STDLIB = Path(sysconfig.get_paths()["stdlib"])


def test_stdlib_subset_scans_without_errors() -> None:
    parts = [STDLIB / "asyncio", STDLIB / "concurrent", STDLIB / "multiprocessing"]
    result = advisor.scan(parts, config=False, cache=False)
    assert result.files > 50
    assert not [s for s in result.skipped if s.key == "internal"]


@pytest.mark.slow
def test_whole_stdlib_scans_without_errors() -> None:
    """Every stdlib file; its process pool inside a test worker oversubscribes the CPUs, so it
    runs with `-m slow`. The subset above covers the same path in the default run."""
    result = advisor.scan([STDLIB], config=False, cache=False)
    assert result.files > 1000
    assert not [s for s in result.skipped if s.key in ("internal", "too_deep")]


def test_verify_cache_hashes_but_still_reuses(tmp_path: Path) -> None:
    write(tmp_path / "app.py", BLOCKING)
    advisor.scan([tmp_path], config=False)
    verified = advisor.scan([tmp_path], config=False, trust_stat=False)
    assert (verified.cached, verified.parsed) == (1, 0)
    assert codes(verified) == [("app.py", 4, "ADV101")]


@pytest.mark.slow
def test_every_check_walks_every_stdlib_file() -> None:
    """Robustness beyond what the byte filter lets through: every rule family on every file
    of the standard library (all the syntax the running Python has), no internal error."""
    from advisor.lint._data import bundle
    from advisor.lint.jobs import analyse_all, scan_workers

    todo = []
    for path in sorted(STDLIB.rglob("*.py")):
        if "site-packages" in path.parts:
            continue
        try:
            todo.append(
                (str(path), path.read_bytes(), "stdlib", path.name == "__init__.py", frozenset())
            )
        except OSError:
            continue
    data = bundle()
    workers = scan_workers(None)
    try:
        results = dict(analyse_all(todo, data, frozenset(data["rules"]), workers))
    finally:
        workers.close()
    broken = {
        p: r["skip"]
        for p, r in results.items()
        if r.get("skip", [""])[0] in ("internal", "too_deep")
    }
    assert broken == {}
    assert len(results) > 1000


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ({"jobs": "2"}, "jobs must be"),
        ({"jobs": 2.0}, "jobs must be"),
        ({"exclude": "*.py"}, "exclude must be a list of globs"),
    ],
)
def test_scan_refuses_arguments_of_the_wrong_type(tmp_path: Path, keywords, message) -> None:
    """A string for *exclude* was read as its characters, so ``"*.py"`` excluded every file
    (``*``) and the scan found nothing; ``jobs="2"`` failed deep inside with a raw TypeError."""
    from advisor.errors import InvalidArgumentError

    write(tmp_path / "app.py", BLOCKING)
    with pytest.raises(InvalidArgumentError, match=message):
        advisor.scan([tmp_path], config=False, **keywords)


def test_a_folder_given_with_a_trailing_slash_is_shown_once_separated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`advisor scan src/` (what a shell's completion types) showed ``src//app.py``, in
    findings and in the evidence of `advisor.infer`."""
    write(tmp_path / "src" / "app.py", BLOCKING)
    monkeypatch.chdir(tmp_path)
    shown = [f.path for f in advisor.scan(["src/"], config=False, cache=False).findings]
    assert shown == [os.path.join("src", "app.py")]
    write(tmp_path / "src" / "app.py", "import requests\n\nrequests.get(url)\n")
    files = {e.file for q in advisor.infer(["src/"]).questions.values() for e in q.evidence}
    assert "app.py" in files  # relative to the scanned folder (issue 19), /-separated
    assert not [f for f in files if "//" in f]
