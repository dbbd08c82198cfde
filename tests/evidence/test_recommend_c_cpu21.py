"""Issue 19, CPU evidence on real applications (branch c-cpu21, held-back set 20): our own
minimal reproductions in ``tests/fixtures/recommend_cli_c_cpu21``, through the installed CLI
in a subprocess, each beside its other side.

- ``peak_caller`` (after MACS3 3.1): a pile-up module written for Cython's pure-Python mode
  (``import cython``, ``@cython.cfunc``, ``with cython.nogil:``), compiled by setup.py and run
  per chromosome on a thread pool: its nested loops are compiled C that releases the GIL,
  ``--native-code yes`` (it was "Python bytecode": multiprocessing), threading_native.
- ``gil_pileup``, the other side: the same module never releases the GIL: compiled C that
  holds it, ``--native-code no`` as before, said as what it is.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from advisor.evidence.compiled import _cython
from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "recommend_cli_c_cpu21"


def scan(name: str, tmp_path: Path) -> dict[str, Any]:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


def _native(data: dict[str, Any]) -> tuple[object, list[str]]:
    item = data["evidence"].get("native_code") or {}
    reasons = [e["reason"] for e in (*item.get("evidence", ()), *item.get("conflicting", ()))]
    return item.get("answer"), reasons


def test_cython_loops_that_release_the_gil_are_native_code(tmp_path: Path) -> None:
    data = scan("peak_caller", tmp_path)
    assert (data["model"], data["leaf"]) == ("threading", "threading_native"), data
    answer, reasons = _native(data)
    assert answer is True
    assert any("written for Cython" in r and "threads can share" in r for r in reasons)
    assert not any("Python bytecode, which holds" in r for r in reasons)
    assert data["evidence"]["cpu_bound"]["answer"] is True


def test_cython_loops_that_hold_the_gil_stay_no(tmp_path: Path) -> None:
    data = scan("gil_pileup", tmp_path)
    assert data["model"] == "multiprocessing", data
    answer, reasons = _native(data)
    assert answer is False
    assert any("never releases the GIL" in r for r in reasons)


def test_what_marks_a_module_written_for_cython() -> None:
    def mode(text: str) -> bool | None:
        return _cython(ast.parse(text))

    assert mode("import numpy\nfor i in range(3): pass\n") is None
    assert mode("def f():\n    import cython\n") is None  # not at the module's top
    assert mode("import cython\n") is False
    assert mode("import cython\nwith cython.nogil:\n    pass\n") is True
    assert mode("from cython.parallel import prange\nfor i in prange(3): pass\n") is True
    assert mode("from cython import nogil as ng\n@ng\ndef f(): pass\n") is True
    assert mode("import cython\nnogil = 1\n") is False  # a plain name, not cython's
