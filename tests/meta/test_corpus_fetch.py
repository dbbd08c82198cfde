"""`benchmarks/corpus.py`, the pinned fetcher of real packages: it unpacks what the pin names,
refuses bytes whose hash differs and members that would land outside their folder. Driven with
`file://` archives built here, so the test needs no network."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from tests.helpers import ROOT

SCRIPT = ROOT / "benchmarks" / "corpus.py"


def wheel(tmp_path: Path, members: dict[str, str]) -> Path:
    path = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zipped:
        for name, text in members.items():
            zipped.writestr(name, text)
    return path


def manifest(tmp_path: Path, archive: Path, sha256: str) -> Path:
    entry = {
        "name": "demo",
        "version": "1.0",
        "filename": archive.name,
        "url": archive.as_uri(),
        "sha256": sha256,
    }
    path = tmp_path / "manifest.yaml"
    path.write_text(yaml.safe_dump({"packages": [entry]}), encoding="utf-8")
    return path


def run(tmp_path: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "fetch", str(path), "--dest", str(tmp_path / "out")],
        env={"ADVISOR_CORPUS_CACHE": str(tmp_path / "cache"), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_pinned_archive_is_unpacked(tmp_path: Path) -> None:
    archive = wheel(tmp_path, {"demo/app.py": "print('hi')\n"})
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    done = run(tmp_path, manifest(tmp_path, archive, digest))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "demo-1.0" / "demo" / "app.py").read_text() == "print('hi')\n"


def test_a_different_hash_is_refused_in_one_line(tmp_path: Path) -> None:
    archive = wheel(tmp_path, {"demo/app.py": "print('hi')\n"})
    done = run(tmp_path, manifest(tmp_path, archive, "0" * 64))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "is not the pinned" in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.py"))


def test_a_member_escaping_its_folder_is_refused(tmp_path: Path) -> None:
    archive = wheel(tmp_path, {"../evil.py": "x = 1\n"})
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    done = run(tmp_path, manifest(tmp_path, archive, digest))
    assert done.returncode == 1
    assert "escapes the folder" in done.stderr
    assert not (tmp_path / "out" / "evil.py").exists()


def test_a_folder_filled_from_another_archive_is_filled_again(tmp_path: Path) -> None:
    """A folder another archive filled (yesterday's sdist where the pin is now the wheel)
    is emptied and unpacked from the pin: the benchmark scans only the pinned files."""
    stale = tmp_path / "out" / "demo-1.0"
    (stale / "demo").mkdir(parents=True)
    (stale / "demo" / "old.py").write_text("x = 1\n")
    (stale / ".unpacked").write_text("demo-1.0.tar.gz")
    archive = wheel(tmp_path, {"demo/app.py": "print('hi')\n"})
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    done = run(tmp_path, manifest(tmp_path, archive, digest))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (stale / "demo").iterdir()) == ["app.py"]
