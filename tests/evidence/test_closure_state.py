"""Newcomer review 23, 3: ``--shared-memory`` counts the state of an enclosing function that
the closures it runs concurrently change (speedtest-cli's ``in_flight['threads'] += 1`` in a
producer thread and ``-= 1`` in a consumer thread, no lock, answered "no"); a nested helper
the function calls itself, or closures started once that each fill their own variable, share
nothing (the apps benchmark's datasette).

Our own minimal reproductions in ``tests/fixtures/review23/closures``, through the installed
CLI in a subprocess, as ``scan --recommend --format json`` shows them to the user.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, recommend_in_copy

CASES = FIXTURES / "review23" / "closures"

#: fixture -> (answer, the lines cited, a word every cited reason holds)
EXPECTED = {
    # two threads, each started once, change the same dict of the enclosing call
    "inflight": (True, [23, 29], "in_flight, a variable of the function around it"),
    # a pool's tasks write into the submitting function's dict
    "poolresults": (True, [13], "sizes, a variable of the function around it"),
    # threads started in a loop count through a nonlocal
    "nonlocalcount": (True, [14], "failures, a variable of the function around it"),
    # coroutines gathered from a comprehension write into the gathering function's dict
    "gatheredmany": (True, [12], "found, a variable of the function around it"),
    # one thread started once hands a result over: shares nothing
    "handoff": (False, [12], "share no state they change"),
    # each pool task fills its own list through a nested helper it calls itself (datasette)
    "helpercall": (False, [9], "share no state they change"),
    # two coroutines gathered once, each filling a variable of its own (datasette)
    "gatheredonce": (False, [13], "share no state they change"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_closure_state_the_concurrent_calls_change(name: str, tmp_path: Path) -> None:
    result = recommend_in_copy(CASES / name, tmp_path)
    assert result.code == 0, result.err
    shared = json.loads(result.out)["evidence"]["shared_memory"]
    answer, lines, words = EXPECTED[name]
    reasons = [e["reason"] for e in shared["evidence"]]
    assert (shared["answer"], shared["status"]) == (answer, "used"), reasons
    assert [e["line"] for e in shared["evidence"]] == lines, reasons
    assert all(words in r for r in reasons), reasons
