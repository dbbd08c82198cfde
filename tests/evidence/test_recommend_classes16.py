"""Issue 19, classes from the development set apps_dev14 (benchmarks/apps_dev14.yaml): each on
our own minimal reproduction in ``tests/fixtures/recommend_classes``, citing the application
that inspired it, through the installed CLI in a subprocess."""

from __future__ import annotations

from pathlib import Path

from tests.evidence.test_recommend_classes3 import scan


def test_an_option_defaulting_to_another_modules_constant_bounds_the_pool(
    tmp_path: Path,
) -> None:
    """trafilatura: ``add_argument("--parallel", default=PARALLEL_CORES)``, the name imported
    (relatively) from a settings module where ``PARALLEL_CORES = min(CPU_COUNT, 16)``, sizes
    ``ThreadPoolExecutor(max_workers=args.parallel)`` in a third module: at most 16 (12 here)."""
    data = scan("page_saver", tmp_path)
    assert data["model"] == "threading"
    concurrency = data["evidence"]["concurrency"]
    assert concurrency["answer"] == 12
    assert [(e["file"], e["line"]) for e in concurrency["evidence"]] == [("pages/work.py", 11)]


def test_git_clone_while_loading_plugins_is_set_up_not_a_blocking_library(
    tmp_path: Path,
) -> None:
    """opsdroid: each plugin's repository cloned or pulled with ``git`` while the plugins load,
    once before its aiohttp connectors start. Those waits set the program up: context, not a
    "no" for --async-libs (it was undecided, exit 2), in both languages."""
    data = scan("plugin_relay", tmp_path, "--concurrency", "10", "--shared-memory", "no")
    assert data["model"] == "asyncio"
    libs = data["evidence"]["async_libs"]
    assert libs["answer"] is True
    assert libs["conflicting"] == []
    reasons = {c["reason"] for c in data["context"]}
    assert (
        "runs git clone as a child process to set the program up (its code, plugins or "
        "configuration), once, not as a step of its tasks: context, not an answer to "
        "--async-libs" in reasons
    )
    zh = scan("plugin_relay", tmp_path / "zh", "--lang", "zh-TW", "--concurrency", "10")
    assert any(c["reason"].startswith("以子行程執行 git pull 來設定程式") for c in zh["context"])
