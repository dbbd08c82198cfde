"""ADV101's families left to the second pass on a file whose words ask for neither ADV101
nor ADV102 (`jobs._reach_later`): counted, never timed.

Our own minimal tree, after the standard library's shape (round 20 of the speed work): a
module of plain helpers whose words ask for another rule only (``multiprocessing``, ADV108 and
ADV109) sits between a coroutine and a blocking call, as ``asyncio``'s coroutines reach
``ssl`` and ``socket`` helpers. The chain through it is still found (the second pass runs
ADV101's families on it, as the coroutine's call leads in), and a twin nobody's coroutine
reaches is parsed once, without them."""

from __future__ import annotations

from pathlib import Path

from advisor.api import scan

POOL = (
    "\n\ndef spare(n):\n    with multiprocessing.Pool(n) as pool:\n"
    "        return pool.map(abs, [n])\n"
)

FILES = {
    "app.py": "from helpers import load\n\n\nasync def handler():\n    return load('x')\n",
    # words: ADV108/ADV109 only; reached by the coroutine's call
    "helpers.py": (
        "import multiprocessing\n\nfrom store import read_token\n\n\n"
        "def load(name):\n    return read_token(name)\n" + POOL
    ),
    # the negative twin: the same words, no coroutine calls into it
    "unreached.py": (
        "import multiprocessing\n\nfrom store import read_token\n\n\n"
        "def other(name):\n    return read_token(name)\n" + POOL
    ),
    # no rule's words: parsed by the second pass only, for the chain
    "store.py": "def read_token(name):\n    with open(name) as f:\n        return f.read()\n",
}


def _tree(root: Path) -> None:
    for name, text in FILES.items():
        (root / name).write_text(text)


def test_a_chain_through_a_helper_parsed_without_adv101_is_still_found(tmp_path: Path) -> None:
    _tree(tmp_path)
    for jobs in (1, 2):
        result = scan([str(tmp_path)], cache=False, jobs=jobs, config=False)
        found = {(f.path.rpartition("/")[2], f.line, f.code) for f in result.findings}
        assert ("app.py", 5, "ADV101") in found
        assert not any(name == "unreached.py" for name, _, _ in found)
        # app.py, helpers.py, unreached.py once; store.py and helpers.py by the second pass
        # (unreached.py is not parsed again: no coroutine's call leads into it)
        assert result.parsed == len(FILES) + 1


def test_the_warm_run_keeps_the_chain(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    _tree(tmp_path / "src")
    cache = tmp_path / "cache"
    first = scan([str(tmp_path / "src")], cache=True, cache_dir=cache, config=False)
    again = scan([str(tmp_path / "src")], cache=True, cache_dir=cache, config=False)
    assert [(f.line, f.code) for f in first.findings] == [(f.line, f.code) for f in again.findings]
    assert (5, "ADV101") in {(f.line, f.code) for f in again.findings}
