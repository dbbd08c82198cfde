"""Issue 19: `advisor scan --recommend` on code shaped like real applications, through the
installed CLI in a subprocess, checking what the user reads (text and JSON)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, run_advisor

PROJECTS = FIXTURES / "projects"


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(PROJECTS / name, target, ignore=shutil.ignore_patterns("expected.yaml"))
    return target


def scan_json(root: Path, *flags: str) -> dict[str, object]:
    result = run_advisor("scan", ".", "--recommend", "--format", "json", *flags, cwd=root)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert isinstance(data, dict)
    return data


def answers_of(data: dict[str, object]) -> dict[str, object]:
    path = data["path"]
    assert isinstance(path, list)
    return {step["question"]: step["answer"] for step in path}


def test_one_digest_does_not_make_a_network_program_cpu_bound(tmp_path: Path) -> None:
    """Cause 1: `hashlib.sha1` of a short body is incidental; evidence says "no" to a heavy step."""
    root = copy("webhook_relay", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: threading\n")
    assert "--cpu-bound no  (from your code)" in result.out
    assert "relay.py:27: calls requests.post" in result.out
    assert "hashlib.sha1" not in result.out.split("How we got here")[1].split("Why")[0]
    data = scan_json(root)
    assert data["model"] == "threading"
    assert answers_of(data)["cpu_bound"] is False


def test_an_image_resize_is_heavy_and_open_does_not_cancel_it(tmp_path: Path) -> None:
    """Causes 1 and 7: `img.resize` of an opened image computes; a low `open()` stays conflict."""
    root = copy("thumbnailer", tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--free-threaded", "no", cwd=root)
    assert result.code == 0, result.err
    assert "--cpu-bound yes  (from your code)" in result.out
    assert "thumbs.py:21: calls PIL.Image.open(...).resize (Pillow)" in result.out
    data = scan_json(root, "--free-threaded", "no")
    answers = answers_of(data)
    assert answers["cpu_bound"] is True
    assert answers["native_code"] is True


def test_a_library_is_not_an_application(tmp_path: Path) -> None:
    """Cause 8: a package with no entry point is refused (exit 2) with the reason, in both
    languages; --application recommends anyway; a declared console script is an entry point."""
    root = tmp_path / "digestlib"
    shutil.copytree(FIXTURES / "libraries" / "digestlib", root)
    # A worker process's main guard inside the package is a helper, not the program's start.
    (root / "digestlib" / "worker.py").write_text(
        'import sys\n\nif __name__ == "__main__":\n    print(sys.argv)\n', encoding="utf-8"
    )
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 2
    assert result.out == ""
    assert "this looks like a library" in result.err
    assert "scan the application that uses it, or add --application" in result.err
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 2
    assert zh.err == (
        "advisor: error: .：這看起來是函式庫（沒有 __main__ 區塊、__main__.py、[project.scripts]、"
        "框架應用程式或筆記本）；請掃描使用它的應用程式，或加上 --application 仍為這段程式碼推薦\n"
    )
    insisted = run_advisor(
        "scan",
        ".",
        "--recommend",
        "--application",
        "--concurrency",
        "8",
        "--shared-memory",
        "no",
        cwd=root,
    )
    assert insisted.code == 0, insisted.err
    assert "this looks like a library" not in insisted.err


DECLARED = {
    "pyproject.toml": '\n[project.scripts]\nprobe = "digestlib:main"\n',
    "setup.cfg": "[options.entry_points]\nconsole_scripts =\n    probe = digestlib:main\n",
    "setup.py": (
        "from setuptools import setup\n\n"
        "setup(entry_points={'console_scripts': ['probe = digestlib:main']})\n"
    ),
}


@pytest.mark.parametrize("where", sorted(DECLARED))
def test_a_declared_console_script_is_an_entry_point(tmp_path: Path, where: str) -> None:
    """Five applications of the real-application corpus declare their scripts in setup.py
    only: a declaration in any of the three files makes the package a program."""
    root = tmp_path / "digestlib"
    shutil.copytree(FIXTURES / "libraries" / "digestlib", root)
    target = root / where
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(before + DECLARED[where], encoding="utf-8")
    declared = run_advisor(
        "scan", ".", "--recommend", "--concurrency", "8", "--shared-memory", "no", cwd=root
    )
    assert declared.code == 0, declared.err
    assert "this looks like a library" not in declared.err


def test_an_answer_that_only_sizes_the_result_does_not_stop_the_run(tmp_path: Path) -> None:
    """Cause 6: every --concurrency leads to threading, so exit 0, the note on stderr (both
    languages) and ``sizes_only`` in JSON; a missing answer that would change the model
    still exits 2 (the `conflicting` fixture, tested with the other projects)."""
    root = copy("status_checker", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: threading\n")
    assert (
        "advisor: the code does not answer --concurrency, but every answer leads to threading: "
        "recommended anyway; these answers shape only the template, not the model, and the "
        "template assumes --concurrency 100 (give the flags to fit it to your program)"
    ) in result.err
    data = scan_json(root)
    assert data["model"] == "threading"
    assert data["sizes_only"] == [{"flag": "--concurrency", "assumed": "100"}]
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 0, zh.err
    assert "程式碼沒有回答 --concurrency，但每一種答案都會得到 threading" in zh.err
    given = scan_json(root, "--concurrency", "20")
    assert given["sizes_only"] == []


def test_an_unrecognised_io_library_is_not_the_default(tmp_path: Path) -> None:
    """Cause 4: pyserial is recognised (blocking); a library nobody recognises leaves
    --async-libs undecided, exit 2 naming both models, never the tree's default."""
    root = copy("serial_logger", tmp_path)
    known = run_advisor("scan", ".", "--recommend", cwd=root)
    assert known.code == 0, known.err
    assert "--async-libs no  (from your code)" in known.out
    assert "logger.py:19:" in known.out
    logger = root / "logger.py"
    logger.write_text(
        logger.read_text(encoding="utf-8")
        .replace("import serial\n", "import labdevice\n")
        .replace("serial.Serial(", "labdevice.Port("),
        encoding="utf-8",
    )
    open_ = run_advisor("scan", ".", "--recommend", "--cpu-bound", "no", cwd=root)
    assert open_.code == 2
    assert "--async-libs is undecided too: give it" in open_.err
    unknown = run_advisor(
        "scan", ".", "--recommend", "--cpu-bound", "no", "--concurrency", "500", cwd=root
    )
    assert unknown.code == 2
    assert unknown.out == ""
    assert (
        "advisor knows none of the I/O libraries the code calls (built-in calls such as open() "
        "say nothing of them), so it cannot tell whether its "
        "libraries are async: --async-libs no leads to threading, --async-libs yes to asyncio; "
        "give --async-libs"
    ) in unknown.err
    given = run_advisor(
        "scan", ".", "--recommend", "--cpu-bound", "no", "--async-libs", "no", cwd=root
    )
    assert given.code == 0, given.err


def test_paths_are_relative_to_the_scanned_folder_and_lines_cited_once(tmp_path: Path) -> None:
    """The issue's path and reason defects: a folder given with a trailing slash from its
    parent gives paths relative to it; `from fastapi import A, B, C` is cited once; tkinter
    is described as running its own event loop, not asyncio's."""
    root = copy("fastapi_async_client", tmp_path)
    result = run_advisor("scan", root.name + "/", "--recommend", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    files = {e["file"] for q in data["evidence"].values() for e in q["evidence"] if e["file"]}
    assert files == {"app.py"}
    program = data["evidence"]["program"]["evidence"]
    assert len({(e["file"], e["line"]) for e in program}) == len(program)
    tk = copy("tk_downloader", tmp_path)
    text = run_advisor("scan", ".", "--recommend", cwd=tk)
    assert text.code == 0, text.err
    assert "runs its own event loop (not asyncio's)" in text.out


def test_unreadable_entry_points_are_said_out_loud(tmp_path: Path) -> None:
    """Cause 9: a skipped __main__.py, or more than a tenth of the files skipped, is said on
    stderr (both languages); the recommendation still stands on what was read."""
    root = copy("webhook_relay", tmp_path)
    (root / "__main__.py").write_text("match = (\n", encoding="utf-8")
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 0, result.err
    assert (
        "advisor: the entry point __main__.py could not be read, so the answers do not include "
        "what the program starts with: cannot parse: line 1"
    ) in result.err
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert (
        "無法讀取進入點 __main__.py，所以答案不包含程式一開始執行的內容：無法解析：第 1 行"
        in zh.err
    )
    (root / "__main__.py").unlink()
    (root / "newer.py").write_text("def f[T](x: T) -> T:\n    return x +\n", encoding="utf-8")
    many = run_advisor("scan", ".", "--recommend", cwd=root)
    assert many.code == 0, many.err
    assert (
        "1 of 2 files could not be read, so the answers may miss the program's main work; "
        "the first: newer.py: cannot parse" in many.err
    )
    assert "see Skipped" not in many.err


def test_a_click_option_default_is_the_bound(tmp_path: Path) -> None:
    """Cause 5 with click: ``@click.option("--jobs", default=6)`` bounds the pool."""
    (tmp_path / "cli.py").write_text(
        "import click\nimport requests\nfrom concurrent.futures import ThreadPoolExecutor\n\n\n"
        "def get(url):\n    return requests.get(url, timeout=5).status_code\n\n\n"
        '@click.command()\n@click.option("--jobs", default=6)\n@click.argument("urls", nargs=-1)\n'
        "def main(jobs, urls):\n    with ThreadPoolExecutor(max_workers=jobs) as pool:\n"
        "        print(list(pool.map(get, urls)))\n\n\n"
        'if __name__ == "__main__":\n    main()\n',
        encoding="utf-8",
    )
    data = scan_json(tmp_path)
    assert answers_of(data)["concurrency"] == 6
    assert data["evidence"]["concurrency"]["evidence"][0]["line"] == 14


def test_only_the_main_path_votes_and_the_rest_is_listed(tmp_path: Path) -> None:
    """Cause 2: main.py's main guard reaches the threaded scraper; the optional FastAPI web UI,
    the Pillow thumbnail updater with its Semaphore(3) and the tutorial's download helper are
    listed as off the main path (text and JSON, both languages), not counted: threading sized
    by --workers' default, passed through Scraper(workers=...) into the pool (cause 5)."""
    root = copy("price_tracker", tmp_path)
    data = scan_json(root)
    assert data["model"] == "threading"
    answers = answers_of(data)
    assert answers["cpu_bound"] is False
    assert answers["async_libs"] is False
    assert answers["concurrency"] == 8
    assert data["evidence"]["program"]["answer"] == "script"
    assert data["main_path"] == {
        "entry_points": [{"where": "main.py:26", "kind": "main_guard", "name": None}],
        "not_on_main_path": [
            # docs/download_tutorial_data.py is left out before reach, like tests and examples
            {
                "where": "tools/update_db.py",
                "flags": [
                    "--concurrency",
                    "--cpu-bound",
                    "--cpu-heavy-steps",
                    "--native-code",
                    "--program",
                ],
            },
            {
                "where": "webui.py",
                "flags": ["--async-app", "--async-libs", "--cpu-bound", "--program"],
            },
        ],
    }
    cited = {e["file"] for q in data["evidence"].values() for e in q["evidence"] if e["file"]}
    assert cited <= {"main.py", "tracker/scraper.py", "tracker/db.py"}
    text = run_advisor("scan", ".", "--recommend", cwd=root)
    assert text.code == 0, text.err
    assert text.out.startswith("Recommendation: threading\n")
    assert "\nMain path: from main.py:26 (main guard)\n" in text.out
    assert "Not on the main path (listed, not counted):\n" in text.out
    assert "  webui.py (--async-app, --async-libs, --cpu-bound, --program)\n" in text.out
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert zh.code == 0, zh.err
    assert "主要路徑：從 main.py:26（__main__ 區塊）開始" in zh.out
    assert "不在主要路徑上（列出，但不計入）：" in zh.out


def test_a_declared_script_is_the_main_path(tmp_path: Path) -> None:
    """Cause 2: ``[project.scripts]`` names where the program starts; a function nothing on
    that path calls and a Tk window with its own main guard inside the package are listed."""
    package = tmp_path / "src" / "pinger"
    package.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "pinger"\nversion = "0.1"\n\n[project.scripts]\n'
        'pinger = "pinger.cli:main"\n',
        encoding="utf-8",
    )
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "cli.py").write_text(
        "import asyncio\n\nimport aiohttp\n\nfrom pinger import extra\n\n\n"
        "async def ping(session, url):\n    async with session.get(url) as response:\n"
        "        return response.status\n\n\n"
        "async def run(urls):\n    async with aiohttp.ClientSession() as session:\n"
        "        return await asyncio.gather(*(ping(session, u) for u in urls))\n\n\n"
        'def main():\n    print(asyncio.run(run(["https://example.com"])))\n',
        encoding="utf-8",
    )
    (package / "extra.py").write_text(
        "import requests\n\n\ndef legacy(url):\n    return requests.get(url, timeout=5)\n",
        encoding="utf-8",
    )
    (package / "window.py").write_text(
        "import tkinter as tk\n\n\ndef show():\n    root = tk.Tk()\n    root.mainloop()\n\n\n"
        'if __name__ == "__main__":\n    show()\n',
        encoding="utf-8",
    )
    data = scan_json(tmp_path)
    assert data["model"] == "asyncio"
    assert answers_of(data)["async_libs"] is True
    assert data["evidence"]["async_libs"]["conflicting"] == []
    assert data["main_path"]["entry_points"] == [
        {"where": "pinger.cli:main", "kind": "script", "name": None}
    ]
    assert [p["where"] for p in data["main_path"]["not_on_main_path"]] == [
        "src/pinger/extra.py: legacy()",
        "src/pinger/window.py",
    ]


def test_without_an_entry_point_the_whole_project_counts(tmp_path: Path) -> None:
    """No entry point (loose files with only functions): nothing is set aside, as before."""
    (tmp_path / "fetch.py").write_text(
        "import requests\n\n\ndef get(url):\n    return requests.get(url, timeout=5)\n",
        encoding="utf-8",
    )
    result = run_advisor(
        "scan", ".", "--recommend", "--format", "json", "--concurrency", "4", cwd=tmp_path
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["main_path"] is None
    assert answers_of(data)["async_libs"] is False


def test_a_ray_task_annealing_in_python_is_cpu_bound(tmp_path: Path) -> None:
    """The held-back Ray job: `@ray.remote` tasks looping over math.exp and random are
    CPU-bound Python, spread over a cluster: distributed (text and JSON, exit 0)."""
    root = copy("ray_annealing", tmp_path)
    data = scan_json(root)
    assert data["model"] == "distributed"
    answers = answers_of(data)
    assert answers["cpu_bound"] is True
    assert answers["multi_machine"] is True
    cited = data["evidence"]["cpu_bound"]["evidence"][0]
    assert (cited["file"], cited["line"], cited["confidence"]) == ("anneal.py", 29, "high")
    text = run_advisor("scan", ".", "--recommend", cwd=root)
    assert text.code == 0, text.err
    assert (
        "anneal.py:29: anneal runs concurrently and calls random.Random.sample in a loop that "
        "never waits on I/O: pure-Python computation"
    ) in text.out
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=root)
    assert (
        "anneal 會並行執行，並在沒有 I/O 的迴圈中反覆呼叫 random.Random.sample：純 Python 計算"
        in (zh.out)
    )


def test_native_calls_in_a_concurrent_loop_compute_and_configuration_is_no_io(
    tmp_path: Path,
) -> None:
    """zlib in the loop of a pool worker is CPU work; boto3's TransferConfig(...) and
    logging.basicConfig(...) are configuration: no I/O library is cited from settings.py."""
    root = copy("block_compressor", tmp_path)
    data = scan_json(root, "--async-libs", "no")
    assert data["model"] == "threading"
    assert data["leaf"] == "threading_native"
    answers = answers_of(data)
    assert answers["cpu_bound"] is True
    assert answers["native_code"] is True
    files = {
        e["file"]
        for q in data["evidence"].values()
        for e in (*q["evidence"], *q["conflicting"])
        if e["file"]
    }
    assert "settings.py" not in files
    assert [e["line"] for e in data["evidence"]["async_libs"]["evidence"]] == [32]
    without = run_advisor("scan", ".", "--recommend", cwd=root)
    assert without.code == 0, without.err
    assert without.out.startswith("Recommendation: threading\n")
