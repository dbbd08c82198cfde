"""`advisor convert` on programs shaped like real ones (``tests/fixtures/convert/corpus``): each
is either refused for its true reason, or converted into a program that prints the same and
keeps every comment. `benchmarks/convert_reach.py` prints the same measurement as a table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT

SCRIPT = ROOT / "benchmarks" / "convert_reach.py"
CORPUS = FIXTURES / "convert" / "corpus"
NEW = FIXTURES / "convert" / "corpus_new"

#: program -> what convert must do with it (converted-same, or the refusal reasons).
EXPECTED = {
    "c01_thread_per_task.py": "converted-same",
    "c02_docs_dict_futures.py": "converted-same",
    "c03_queue_workers.py": "converted-same",
    "c04_class_threads.py": "converted-same",
    "c05_lock_counter.py": "converted-same",
    "c06_top_level_script.py": "converted-same",
    "c07_pool_map_bound.py": "converted-same",
    "c08_wait_futures.py": "converted-same",
    "c09_thread_subclass.py": "thread-subclass",
    "c10_submit_results.py": "converted-same",
    "c11_kwargs_target.py": "converted-same",
    "c12_lambda_default.py": "converted-same",
    "c13_never_joined.py": "converted-same",
    "c14_timer.py": "timer",
    "c15_subprocess_in_threads.py": "converted-same",
    "c16_files_in_pool.py": "cannot-be-async",
    "c17_cached_lookup.py": "converted-same",
    "c18_map_timeout.py": "converted-same",
    "c19_event_stop.py": "converted-same",
    "c20_worker_errors.py": "converted-same",
    "c21_docs_queue_example.py": "converted-same",
    "c22_ping_main_guard.py": "converted-same",
    "c23_notebook_never_joined.py": "converted-same",
    "c24_sentinel_results.py": "converted-same",
    "c25_start_stop_methods.py": "in-method",
    "c26_print_lock.py": "converted-same",
    "c27_argparse_global.py": "converted-same",
    "c28_queue_get_timeout.py": "queue",
    "c31_docs_example_top_level.py": "converted-same",
    "c32_dict_of_pairs_exception.py": "converted-same",
    "c33_wait_first_exception_shutdown.py": "pool-shape",
    "c34_map_zip_urls.py": "converted-same",
    "c35_dict_result_printed_in_try.py": "converted-same",
    "c36_wait_pool_not_in_with.py": "pool-shape",
    "c37_wait_all_then_results.py": "pool-shape",
    "c38_flags2_tqdm_iter.py": "pool-shape",
    "c39_map_timeout_loop.py": "converted-same",
    "c40_results_comprehension.py": "converted-same",
}


#: corpus_new: shapes met since the first corpus, each citing its public source.
EXPECTED_NEW = {
    "n01_queue_arg_daemon_attr.py": "converted-same",
    "n02_producer_consumer_args.py": "converted-same",
    "n03_results_queue_arg.py": "converted-same",
    "n04_pool_shutdown_wait.py": "pool-shape",
    "n05_pool_cancel_futures.py": "pool-shape",
    "n06_thread_subclass_run.py": "thread-subclass",
    "n07_init_thread_never_joined.py": "in-method",
    "n08_wait_result_whole.py": "pool-shape",
    "n09_queue_workers_in_main.py": "converted-same",
    "n10_results_get_nowait.py": "converted-same",
}


def _reach():  # the benchmark script is not a package module: load it by path
    spec = importlib.util.spec_from_file_location("convert_reach", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_corpus_program_has_an_expectation() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.py")) == sorted(EXPECTED)
    assert sorted(p.name for p in NEW.glob("*.py")) == sorted(EXPECTED_NEW)


@pytest.mark.parametrize(
    ("folder", "name"),
    [(CORPUS, n) for n in sorted(EXPECTED)] + [(NEW, n) for n in sorted(EXPECTED_NEW)],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_corpus_program(folder: Path, name: str) -> None:
    expected = {**EXPECTED, **EXPECTED_NEW}[name]
    outcome, detail = _reach().measure(folder / name)
    if expected == "converted-same":
        assert outcome == "converted-same", detail
    else:
        assert (outcome, detail) == ("refused", expected)
