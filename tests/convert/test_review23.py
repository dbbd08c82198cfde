"""Review 23's `convert` defects (#1, #7, #12, #13), driven through the CLI as the reviewer
ran it, on minimal programs written here in the shape of theirs (a 60-line downloader with a
ThreadPoolExecutor, ``as_completed`` over a dict of futures and a heartbeat thread; an async
notebook; an empty folder)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import advisor
from advisor import yamlio
from tests.helpers import FIXTURES, run_advisor

DOWNLOADER = '''\
"""Download a list of URLs with a thread pool, a heartbeat thread beside it."""
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def fetch(path):
    with open(path, "rb") as f:
        return f.read()


def crawl(urls, workers=4):
    total = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(fetch, u): u for u in urls}
        for fut in as_completed(futures):
            try:
                total += len(fut.result())
            except Exception as exc:
                print("failed", futures[fut], exc)
    return total


def heartbeat(n):
    for _ in range(n):
        time.sleep(0.01)


def main():
    t = threading.Thread(target=heartbeat, args=(3,))
    t.start()
    total = crawl(sys.argv[1:])
    t.join()
    print(total)


if __name__ == "__main__":
    main()
'''


def _converted(tmp_path: Path) -> Path:
    program = tmp_path / "downloader.py"
    program.write_text(DOWNLOADER, encoding="utf-8")
    wrote = run_advisor("convert", "downloader.py", "--write", cwd=tmp_path)
    assert wrote.code == 0, wrote.err
    assert "async def in_thread" not in DOWNLOADER
    text = program.read_text(encoding="utf-8")
    assert "async def completed(" in text
    assert "def spawn(" in text
    assert "async def in_thread(" in text
    return program


def test_a_converted_file_passes_check(tmp_path: Path) -> None:
    """#1: `convert --write`, then `convert --check` (the documented CI use): exit 0, and no
    refusal of convert's own helpers (a done-callback in `completed`, "module-level" threads
    inside `async def in_thread`)."""
    program = _converted(tmp_path)
    before = program.read_text(encoding="utf-8")
    for lang in ("en", "zh-TW"):
        checked = run_advisor("convert", "downloader.py", "--check", "--lang", lang, cwd=tmp_path)
        assert checked.code == 0, checked.out + checked.err
        assert "(callback)" not in checked.out + checked.err
        assert "(module-level)" not in checked.out + checked.err
        assert "nothing to convert" in checked.out or lang != "en"
    assert program.read_text(encoding="utf-8") == before


def test_helpers_are_recognised_by_their_code_not_their_layout(tmp_path: Path) -> None:
    """#1: a formatter's new layout (another docstring, a call split over lines) keeps a
    helper convert's; a helper whose code the user changed is their code, refused for what it
    is (a thread started in a coroutine), not as "module level"."""
    program = _converted(tmp_path)
    text = program.read_text(encoding="utf-8")
    relaid = text.replace(
        "        threading.Thread(target=run).start()\n        return await done\n    async",
        "        threading.Thread(\n            target=run,\n        ).start()\n"
        "        return await done\n    async",
    ).replace('"""Run func in a thread of its own,', '"""Reformatted: run func in a thread,')
    assert relaid != text
    program.write_text(relaid, encoding="utf-8")
    checked = run_advisor("convert", "downloader.py", "--check", cwd=tmp_path)
    assert checked.code == 0, checked.out

    edited = text.replace(
        "threading.Thread(target=run).start()", "threading.Thread(target=run, name='io').start()"
    )
    program.write_text(edited, encoding="utf-8")
    checked = run_advisor("convert", "downloader.py", "--check", cwd=tmp_path)
    assert checked.code == 1
    assert "(in-coroutine)" in checked.out
    assert "async def in_thread()" in checked.out
    assert "(module-level)" not in checked.out


def test_converting_again_reuses_the_helpers(tmp_path: Path) -> None:
    """#1: a thread added to a converted file converts, with the in_thread helper already
    there (no ``in_thread_2``)."""
    program = _converted(tmp_path)
    text = program.read_text(encoding="utf-8")
    added = (
        "\n\ndef log(message):\n    with open('log.txt', 'a') as f:\n        f.write(message)\n"
        "\n\ndef report():\n    t = threading.Thread(target=log, args=('done',))\n"
        "    t.start()\n    t.join()\n"
    )
    program.write_text(text.replace("\n\nif __name__", added + "\n\nif __name__"), encoding="utf-8")
    result = run_advisor("convert", "downloader.py", "--format", "json", cwd=tmp_path)
    data = json.loads(result.out)
    assert not [r for r in data["refusals"] if r["reason"] != "cannot-be-async"], data["refusals"]


CASES = FIXTURES / "convert"
GOLDEN = sorted(
    p.name
    for p in CASES.iterdir()
    if (p / "case.yaml").is_file() and yamlio.load_path(p / "case.yaml")["changes"]
)
CORPUS = sorted((CASES / "corpus").glob("*.py")) + sorted((CASES / "corpus_new").glob("*.py"))


def _again(program: Path, **options: str | None) -> tuple[list[str], list[str]]:
    """Convert *program*, write the result, convert that: the changes and the refusals that
    are not notes of the second run."""
    from advisor.conversion import NOTE_REASONS

    first = advisor.convert([program], **options)  # type: ignore[arg-type]
    program.write_text(first.files[0].after, encoding="utf-8")
    second = advisor.convert([program], **options)  # type: ignore[arg-type]
    changes = [f"{c.line} {c.code}" for c in second.changes]
    refusals = [f"{r.line} {r.reason}" for r in second.refusals if r.reason not in NOTE_REASONS]
    return changes, refusals


@pytest.mark.parametrize("name", GOLDEN)
def test_every_golden_output_converts_to_itself(name: str, tmp_path: Path) -> None:
    """#1, the class: every output of the golden fixtures, converted again, changes nothing
    and is refused for nothing (so `--check` passes on it)."""
    options = yamlio.load_path(CASES / name / "case.yaml").get("options", {})
    program = tmp_path / "program.py"
    shutil.copy(CASES / name / "before.py", program)
    changes, refusals = _again(
        program, target_version=options.get("target_version"), prefer=options.get("prefer")
    )
    assert (changes, refusals) == ([], [])


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_every_corpus_output_converts_to_itself(path: Path, tmp_path: Path) -> None:
    program = tmp_path / path.name
    shutil.copy(path, program)
    if not advisor.convert([program]).changed:
        pytest.skip("refused: nothing converted to check again")
    assert _again(program) == ([], [])


NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "metadata": {},
            "source": [
                "from concurrent.futures import ThreadPoolExecutor\n",
                "import time\n",
                "def work(n):\n",
                "    time.sleep(0.01)\n",
                "    return n\n",
                "def run():\n",
                "    with ThreadPoolExecutor(max_workers=4) as pool:\n",
                "        return list(pool.map(work, range(8)))\n",
                "run()\n",
            ],
            "outputs": [],
            "execution_count": None,
        }
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.mark.parametrize(
    ("lang", "says"),
    [("en", "a Jupyter notebook"), ("zh-TW", "Jupyter 筆記本")],
)
def test_a_notebook_is_refused_in_one_line(lang: str, says: str, tmp_path: Path) -> None:
    """#7: the notebook's JSON was read as one Python dict: "nothing to convert", exit 0."""
    (tmp_path / "prices.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    result = run_advisor("convert", "prices.ipynb", "--lang", lang, cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert says in result.err
    assert "prices.ipynb" in result.err
    assert "jupyter nbconvert --to script" in result.err
    assert "nothing to convert" not in result.err


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_an_empty_folder_is_an_error_as_in_scan(lang: str, tmp_path: Path) -> None:
    """#13: `convert empty/` exited 0 "nothing to convert" where `scan empty/` exits 2."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no code here\n", encoding="utf-8")
    converted = run_advisor("convert", "empty", "--check", "--lang", lang, cwd=tmp_path)
    scanned = run_advisor("scan", "empty", "--lang", lang, cwd=tmp_path)
    assert converted.code == scanned.code == 2
    assert converted.err.count("\n") == 1
    said = "no Python files found" if lang == "en" else "找不到任何 Python 檔案"
    assert said in converted.err
    assert said in scanned.err


READS_IN_A_COMPREHENSION = """\
import sys
import threading


def work(name):
    print(name)


def main():
    names = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    threads = [threading.Thread(target=work, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
"""

READS_IN_A_WITH = READS_IN_A_COMPREHENSION.replace(
    "    names = [line.strip() for line in open(sys.argv[1]) if line.strip()]\n",
    "    with open(sys.argv[1]) as f:\n        names = f.read().split()\n",
)


@pytest.mark.parametrize(
    ("source", "hinted"),
    [(READS_IN_A_COMPREHENSION, False), (READS_IN_A_WITH, True)],
    ids=["open-in-a-comprehension", "with-open-as-f"],
)
def test_prefer_is_suggested_only_where_it_rewrites(
    source: str, hinted: bool, tmp_path: Path
) -> None:
    """#12: "try --prefer aiofiles" for an open() aiofiles does not rewrite; with the flag the
    same refusal came back. The hint stays where --prefer aiofiles converts the file."""
    (tmp_path / "names.py").write_text(source, encoding="utf-8")
    refused = run_advisor("convert", "names.py", cwd=tmp_path)
    assert refused.code == 1
    assert "(cannot-be-async)" in refused.err
    assert ("--prefer aiofiles" in refused.err) is hinted
    assert "into a function of its own" in refused.err
    preferred = run_advisor("convert", "names.py", "--prefer", "aiofiles", cwd=tmp_path)
    assert (preferred.code == 0) is hinted, preferred.err
