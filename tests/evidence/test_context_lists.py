"""The context `scan --recommend` lists apart from its votes, in two lists: the concurrency already
in the code, and what was seen but not counted. Newcomer review 23 (14) found gallery-dl's
``hashlib.pbkdf2_hmac`` and an ``eval()`` listed under "Concurrency already in the code"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_advisor

#: A thread pool fetching pages, beside one digest of a short string (a cache key).
PROGRAM = """\
import hashlib
from concurrent.futures import ThreadPoolExecutor

import requests

URLS = [f"https://example.com/{i}" for i in range(20)]


def cache_key(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


def fetch(url: str) -> int:
    return len(requests.get(url, timeout=10).content)


def main() -> None:
    print(cache_key(URLS[0]))
    with ThreadPoolExecutor(max_workers=8) as pool:
        print(sum(pool.map(fetch, URLS)))


if __name__ == "__main__":
    main()
"""

HEADINGS = {
    "en": ("Concurrency already in the code", "Seen in the code, not counted"),
    "zh-TW": ("程式碼中已有的並行", "程式碼中看到、但未計入的"),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "fetch.py").write_text(PROGRAM, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("lang", sorted(HEADINGS))
def test_the_pool_and_the_digest_are_in_their_own_lists(project: Path, lang: str) -> None:
    result = run_advisor("scan", str(project), "--recommend", "--format", "plain", "--lang", lang)
    assert result.code == 0, result.err
    concurrency, seen = HEADINGS[lang]
    lines = result.out.splitlines()
    first, second = lines.index(concurrency), lines.index(seen)
    assert first < second
    pool_list = [line for line in lines[first + 1 : second] if line.strip()]
    assert len(pool_list) == 1
    assert pool_list[0].startswith("  fetch.py:19: ")
    assert "ThreadPoolExecutor" in pool_list[0]
    seen_list = lines[second + 1 : second + 3]
    assert seen_list[0].startswith("  fetch.py:10: ")
    assert "hashlib.sha256" in seen_list[0]


def test_json_says_which_context_is_concurrency(project: Path) -> None:
    result = run_advisor("scan", str(project), "--recommend", "--format", "json")
    assert result.code == 0, result.err
    context = json.loads(result.out)["context"]
    assert {(c["line"], c["concurrency"]) for c in context} == {(10, False), (19, True)}


#: A Qt viewer that runs its download on a QThread (moveToThread), after newcomer review 25 (15).
QT_VIEWER = """\
import sys

import requests
from {binding}.QtCore import QObject, QThread
from {binding}.QtWidgets import QApplication, QPushButton


class Fetcher(QObject):
    def run(self):
        return requests.get("https://example.com", timeout=10).text


class Viewer(QPushButton):
    def on_fetch(self):
        self.thread = QThread()
        self.worker = Fetcher()
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.thread.start()


if __name__ == "__main__":
    app = QApplication(sys.argv)
    viewer = Viewer("Fetch")
    viewer.clicked.connect(viewer.on_fetch)
    viewer.show()
    sys.exit(app.exec())
"""


@pytest.mark.parametrize("binding", ["PyQt6", "PySide6"])
def test_a_qthread_is_concurrency_already_in_the_code(tmp_path: Path, binding: str) -> None:
    (tmp_path / "viewer.py").write_text(QT_VIEWER.format(binding=binding), encoding="utf-8")
    result = run_advisor(
        "scan", str(tmp_path), "--recommend", "--concurrency", "4", "--format", "json"
    )
    assert result.code == 0, result.err
    context = json.loads(result.out)["context"]
    assert [(c["line"], c["concurrency"]) for c in context if "QThread" in c["reason"]] == [
        (15, True)
    ]


#: After ocrmypdf's stream check (newcomer review 25, 14): an exception a native library
#: defines, raised, is no native call; the decompression beside it is one.
INFLATE = """\
import sys
import zlib


def inflate(data: bytes) -> bytes:
    if not data:
        raise zlib.error("compressed data ends before the end of the stream")
    return zlib.decompress(data)


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        print(len(inflate(f.read())))
"""


def test_a_native_library_exception_is_not_a_native_call(tmp_path: Path) -> None:
    (tmp_path / "pack.py").write_text(INFLATE, encoding="utf-8")
    answers = ("--concurrency", "1", "--cpu-bound", "no")
    result = run_advisor("scan", str(tmp_path), "--recommend", *answers, "--format", "json")
    assert result.code == 0, result.err
    context = json.loads(result.out)["context"]
    assert [(c["line"], c["reason"].split(" (")[0]) for c in context] == [
        (8, "calls zlib.decompress")
    ]
