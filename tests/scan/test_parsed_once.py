"""Each file of a cold scan is parsed once (`passes`): counted, never timed.

Our own minimal tree, after the two shapes that the standard library's second pass parsed again
(0.74 MB of it): ``test_logging.py`` and ``_test_multiprocessing.py`` spell ``async`` only in
``apply_async``/``asyncore`` and call one of the scan's coroutines by name, and ``compileall.py``
or ``multiprocessing/context.py`` define a process starter whose own ``def name(`` beside its
class's word matched the starter's needle. The findings one file away stay: the coroutine
called without ``await`` (ADV102) and the script calling the starter (ADV108)."""

from __future__ import annotations

from pathlib import Path

from advisor.api import scan

FILES = {
    "pkg/__init__.py": "",
    "pkg/coros.py": "import asyncio\n\n\nasync def fetch():\n    await asyncio.sleep(1)\n",
    # `async` only in `apply_async`: its words allow ADV108/ADV109, not ADV102
    "caller.py": (
        "import multiprocessing\n\nfrom pkg import coros\n\n\n"
        "def run(pool: multiprocessing.Pool) -> None:\n"
        "    pool.apply_async(abs, (1,))\n"
        "    coros.fetch()\n"
    ),
    # a starter whose `def crunch(` and `class Worker` are the needle (crunch(, Worker)
    "starter.py": (
        "import multiprocessing\n\n\nclass Worker:\n    def crunch(self, n):\n"
        "        with multiprocessing.Pool(n) as pool:\n            return pool.map(abs, [n])\n"
    ),
    "run.py": "from starter import Worker\n\nw = Worker()\nw.crunch(2)\n",
}


def _tree(root: Path) -> None:
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_each_file_is_parsed_once_and_the_joins_still_find(tmp_path: Path) -> None:
    _tree(tmp_path)
    for jobs in (1, 2):
        result = scan([str(tmp_path)], cache=False, jobs=jobs, config=False)
        found = {(f.path.rpartition("/")[2], f.line, f.code) for f in result.findings}
        assert found == {("caller.py", 8, "ADV102"), ("run.py", 4, "ADV108")}
        # five files, five parses (seven before: caller.py and starter.py twice)
        assert result.parsed == len(FILES)
