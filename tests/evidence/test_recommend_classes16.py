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
