"""`benchmarks/apps.py`, the labelled corpus of real applications for `scan --recommend`: the
committed labels still fit the pins and the tree, stale labels stop the run before anything
is fetched, and a labelled package is scored the way the docs report it. Driven with a
`file://` source archive of our own minimal application, so the test needs no network."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import yaml

from tests.helpers import ROOT

SCRIPT = ROOT / "benchmarks" / "apps.py"

# A minimal downloader of our own: blocking requests in a thread pool of 8, behind a main guard.
APP = """\
from concurrent.futures import ThreadPoolExecutor

import requests


def fetch(url):
    return requests.get(url, timeout=10).content


def main(urls):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(fetch, urls))


if __name__ == "__main__":
    main(["http://127.0.0.1:9/"])
"""


def sdist(tmp_path: Path) -> Path:
    path = tmp_path / "demo-1.0.tar.gz"
    with tarfile.open(path, "w:gz") as tarred:
        data = APP.encode()
        member = tarfile.TarInfo("demo-1.0/fetcher.py")
        member.size = len(data)
        tarred.addfile(member, io.BytesIO(data))
    return path


def manifest(tmp_path: Path, labels: dict[str, object]) -> Path:
    archive = sdist(tmp_path)
    entry = {
        "name": "demo",
        "version": "1.0",
        "filename": archive.name,
        "url": archive.as_uri(),
        "sha256": hashlib.sha256(archive.read_bytes()).hexdigest(),
    }
    path = tmp_path / "apps.yaml"
    path.write_text(yaml.safe_dump({"packages": [entry], "labels": labels}), encoding="utf-8")
    return path


def run(tmp_path: Path, path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ADVISOR_CORPUS_CACHE": str(tmp_path / "cache")}
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--manifest", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def label(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "version": "1.0",
        "kind": "scraper",
        "models": ["threading"],
        "why": "blocking requests in a pool of 8",
        "answers": {"cpu_bound": False, "concurrency": [8, 8], "async_libs": False},
    }
    return {"demo": {**base, **changes}}


def test_the_committed_labels_fit_the_pins_and_the_tree():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import apps
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    pins, labels = apps.load_labels(ROOT / "benchmarks" / "apps.yaml")
    assert {pin.name for pin in pins} == set(labels)
    assert sum(label.library for label in labels.values()) >= 5
    assert sum(not label.library for label in labels.values()) >= 25
    # The check against overfitting holds applications the corpus does not.
    checks, check_labels = apps.load_labels(ROOT / "benchmarks" / "apps_check.yaml")
    assert {pin.name for pin in checks} == set(check_labels)
    assert not {pin.name for pin in checks} & set(labels)


def test_a_labelled_application_is_scored_per_question_and_per_model(tmp_path):
    done = run(tmp_path, manifest(tmp_path, label()))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "demo               scraper     acceptable (threading)" in lines
    assert "  models, first pass: acceptable 1/1 (100%); acceptable 1" in lines
    per_question = {line.split()[0]: line.split()[1:4] for line in lines if line[:4] == "    "}
    assert per_question["cpu_bound"] == ["1", "0", "0"]
    assert per_question["concurrency"] == ["1", "0", "0"]
    assert per_question["async_libs"] == ["1", "0", "0"]


def test_a_wrong_label_is_scored_as_a_disagreement(tmp_path):
    answers = {"cpu_bound": True, "multi_machine": False}
    done = run(tmp_path, manifest(tmp_path, label(models=["multiprocessing"], answers=answers)))
    assert done.returncode == 0, done.stderr
    assert "demo               scraper     wrong (threading)" in done.stdout
    assert "cpu_boundx=False" in done.stdout


def test_stale_labels_stop_the_run_before_anything_is_fetched(tmp_path):
    path = manifest(tmp_path, label(version="0.9", models=["fibers"]))
    done = run(tmp_path, path)
    assert done.returncode == 1
    assert "demo: labelled 0.9, pinned 1.0" in done.stderr
    assert "demo: model 'fibers' is not one of the tree's" in done.stderr
    assert not (tmp_path / "cache").exists()
