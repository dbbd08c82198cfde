"""Issue 19, CPU evidence on real applications (branch c-cpu20, held-back set 18): our own
minimal reproductions in ``tests/fixtures/recommend_cli_c_cpu``, through the installed CLI in
a subprocess, each beside its other side.

- ``bin_depth`` (after cnvkit): BED chunks mapped over a process pool that a
  ``@contextmanager`` helper picks, each measured by ``pysam.bedcov`` (samtools in-process,
  C that holds the GIL), then smoothed once with NumPy: the helper's pool is a process pool
  (a "process map" vote), pysam answers ``--native-code no``, and the NumPy smoothing that
  releases the GIL is listed, not counted: multiprocessing (it was threading_native).
- ``bin_spectra``, the other side: the same helper's pool maps NumPy FFTs, which release the
  GIL: ``--native-code yes`` stays.
- ``thread_picker``, the other side of the helper: a ``@contextmanager`` yielding a thread
  pool is no process pool.
- ``read_filter`` (after deeptools): a map-reduce helper maps the function it is handed over a
  process pool, and that function fetches reads from a ``pysam.AlignmentFile`` another
  helper of the project opened: the pool's work is the functions its callers pass, the fetch
  is pysam's (GIL held), NumPy elsewhere is listed: multiprocessing (it was threading_native).
  Other side ``bam_names``: the helper's file is only closed, a light method: no vote.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_c_cpu"


def scan(name: str, tmp_path: Path, *extra: str) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path, *extra)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def _answer(data: dict[str, Any], question: str) -> object:
    return data["evidence"].get(question, {}).get("answer")


def _reasons(data: dict[str, Any], question: str) -> list[str]:
    item = data["evidence"].get(question) or {}
    return [e["reason"] for e in (*item.get("evidence", ()), *item.get("conflicting", ()))]


def test_a_pool_whose_work_holds_the_gil_needs_processes(tmp_path: Path) -> None:
    data = scan("bin_depth", tmp_path)
    assert (data["model"], data["leaf"]) == ("multiprocessing", "multiprocessing_cpu"), data
    assert _answer(data, "native_code") is False
    assert _answer(data, "cpu_bound") is True
    assert any("holds the GIL" in r for r in _reasons(data, "native_code"))
    assert not any("numpy.convolve" in r for r in _reasons(data, "native_code"))
    listed = [c for c in data["context"] if "numpy.convolve" in c["reason"]]
    assert listed, data["context"]
    assert all(c["value"] is None for c in listed)
    assert any("process pool" in r for r in _reasons(data, "cpu_bound"))


def test_a_pool_whose_work_releases_the_gil_keeps_native_code(tmp_path: Path) -> None:
    data = scan("bin_spectra", tmp_path)
    assert _answer(data, "native_code") is True
    assert not any("holds the GIL" in c["reason"] for c in data["context"])


def test_a_helper_yielding_a_thread_pool_is_no_process_pool(tmp_path: Path) -> None:
    data = scan("thread_picker", tmp_path)
    assert not any("process pool" in r for r in _reasons(data, "cpu_bound"))


def test_a_pool_mapping_a_handed_function_over_a_helpers_bam_file(tmp_path: Path) -> None:
    data = scan("read_filter", tmp_path)
    assert (data["model"], data["leaf"]) == ("multiprocessing", "multiprocessing_cpu"), data
    assert _answer(data, "native_code") is False
    assert any("AlignmentFile.fetch" in r for r in _reasons(data, "native_code"))
    assert any("numpy.dot" in c["reason"] for c in data["context"])


def test_a_light_method_of_a_helpers_bam_file_casts_no_vote(tmp_path: Path) -> None:
    data = scan("bam_names", tmp_path, "--cpu-bound", "no", "--async-libs", "no")
    assert not any("pysam" in r for r in _reasons(data, "native_code"))
