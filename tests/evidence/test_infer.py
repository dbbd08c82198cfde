"""Inference details: name resolution, bounds, shared state, notebooks, bad input, texts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import advisor
from advisor.evidence.tables import tables
from advisor.inference import SourceFile
from advisor.lint import notebook
from advisor.models import LANGS, Fact

GIL = {"free_threading": Fact(False, "test")}


def infer_one(text: str, path: str = "app.py") -> advisor.Inference:
    return advisor.infer([SourceFile(path, text)])


def decided(text: str) -> dict[str, object]:
    return {q: a.value for q, a in infer_one(text).questions.items() if a.decided}


@pytest.mark.parametrize(
    ("code", "question", "value"),
    [
        ("import numpy as np\nnp.linalg.svd(x)\n", "native_code", True),
        ("from numpy import fft as f\nf.rfft(x)\n", "native_code", True),
        ("from requests import get\nget('u')\n", "async_libs", False),
        ("from requests import get as fetch\nfetch('u')\n", "async_libs", False),
        ("import httpx\nhttpx.AsyncClient()\n", "async_libs", True),
        ("import httpx\nhttpx.Client()\n", "async_libs", False),
        ("import redis.asyncio as redis\nredis.Redis()\n", "async_libs", True),
        ("import redis\nredis.Redis()\n", "async_libs", False),
        ("import subprocess as sp\nsp.run(['ffmpeg', '-i', 'a'])\n", "cpu_bound", False),
        ("import dask.dataframe as dd\n", "multi_machine", True),
        ("from flask import Flask\n", "program", "service"),
        ("import tkinter\n", "program", "gui"),
        ("import asyncio\nasyncio.run(main())\n", "async_app", True),
    ],
)
def test_aliases_resolve(code: str, question: str, value: object) -> None:
    assert decided(code)[question] == value


@pytest.mark.parametrize(
    "code",
    [
        "requests = []\nrequests.append(1)\n",  # a list called requests
        "def f(requests):\n    requests.get('u')\n",  # a parameter shadows the import
        "import requests\ndef f(requests):\n    requests.get('u')\n",
        "from requests import get\ndef get(u):\n    return u\nget('u')\n",  # own definition
        "import requests\nexcept_ = requests.RequestException\n",  # not a call
    ],
)
def test_shadowed_or_unused_names_are_not_evidence(code: str) -> None:
    assert "async_libs" not in infer_one(code).questions


def test_child_process_reason_names_the_program() -> None:
    answer = infer_one("import subprocess\nsubprocess.run(['ffmpeg', '-i', 'x'])\n").questions
    reason = answer["cpu_bound"].evidence[0].reason
    assert "ffmpeg" in reason.get("en")
    assert "ffmpeg" in reason.get("zh-TW")


@pytest.mark.parametrize(
    ("code", "bound"),
    [
        ("from concurrent.futures import ThreadPoolExecutor\nThreadPoolExecutor(32)\n", 32),
        ("import asyncio\nN = 4 * 25\nasyncio.Semaphore(N)\n", 100),
        ("import asyncio\ndef f(limit=300):\n    s = asyncio.Semaphore(limit)\n", 300),
        ("import aiohttp\naiohttp.TCPConnector(limit=64)\n", 64),
        (
            "import os\nfrom concurrent.futures import ThreadPoolExecutor as T\nT(os.cpu_count())\n",
            None,
        ),
        ("from multiprocessing import Pool\nPool(8)\n", None),  # CPU workers: context only
        ("import asyncio\ndef f(n):\n    asyncio.Semaphore(n)\n", None),  # never guessed
        # A connection pool's size caps nothing unless it blocks (issue 19, bato-downloader).
        ("from requests.adapters import HTTPAdapter\nHTTPAdapter(pool_maxsize=20)\n", None),
        (
            "from requests.adapters import HTTPAdapter\n"
            "HTTPAdapter(pool_maxsize=20, pool_block=True)\n",
            20,
        ),
    ],
)
def test_concurrency_only_from_bounds_written_in_code(code: str, bound: int | None) -> None:
    assert decided(code).get("concurrency") == bound


def test_different_bounds_are_a_shown_conflict() -> None:
    code = "import asyncio, aiohttp\nasyncio.Semaphore(200)\naiohttp.TCPConnector(limit=50)\n"
    answer = infer_one(code).questions["concurrency"]
    assert answer.value == 200
    assert answer.confidence == "medium"
    assert [e.line for e in answer.conflicting] == [3]


def test_a_bound_outnumbered_by_other_bounds_is_undecided() -> None:
    """Newcomer #24: the largest of several bounds, written once, is not the program's peak."""
    code = (
        "import asyncio\nasyncio.Semaphore(5)\nasyncio.Semaphore(1)\n"
        "asyncio.Semaphore(1)\nasyncio.Semaphore(2)\n"
    )
    answer = infer_one(code).questions["concurrency"]
    assert (answer.value, answer.confidence, answer.decided) == (5, "low", False)


SHARED = """
import threading
from concurrent.futures import ThreadPoolExecutor
lock = threading.Lock()
seen = {}
def work(key):
    with lock:
        seen[key] = True
with ThreadPoolExecutor(8) as pool:
    pool.map(work, range(10))
"""


def test_shared_state_written_under_a_lock() -> None:
    answer = infer_one(SHARED).questions["shared_memory"]
    assert (answer.value, answer.confidence) == (True, "high")
    assert answer.evidence[0].line == 8


def test_shared_state_written_by_a_plain_function_is_not_concurrent() -> None:
    code = "seen = {}\ndef work(key):\n    seen[key] = True\nwork(1)\n"
    assert "shared_memory" not in infer_one(code).questions


POOL = "from concurrent.futures import ThreadPoolExecutor\nimport threading\n"


@pytest.mark.parametrize(
    ("code", "shared"),
    [
        # Filled once, or once per key (issue 19, cause 3): not shared by the tasks.
        ("S = None\ndef work(k):\n    global S\n    if S is None:\n        S = k\n", False),
        ("C = {}\ndef work(k):\n    if k not in C or D:\n        C[k] = 1\n", False),
        # ...but what else such a block changes per key, and a test of another kind, is.
        ("C = {}\nN = []\ndef work(k):\n    if k not in C:\n        N.append(k)\n", True),
        ("C = []\ndef work(k):\n    if not C:\n        C.append(k)\n", True),
        # What a one-time block calls runs once; what a per-key fill calls runs per task.
        ("L = []\ndef log(k):\n    L.append(k)\ndef work(k):\n    log(k)\n", True),
        (
            "L = []\nS = None\ndef log(k):\n    L.append(k)\n"
            "def work(k):\n    global S\n    if S is None:\n        S = log(k)\n",
            False,
        ),
        (
            "L = []\nC = {}\ndef log(k):\n    L.append(k)\n"
            "def work(k):\n    if k not in C:\n        C[k] = log(k)\n",
            True,
        ),
    ],
)
def test_one_time_fills_are_not_shared_state(code: str, shared: bool) -> None:
    run = "with ThreadPoolExecutor(4) as pool:\n    pool.map(work, range(9))\n"
    answer = infer_one(POOL + code + run).questions["shared_memory"]
    assert answer.value is shared


@pytest.mark.parametrize(
    ("start", "shared"),
    [
        # An object's one background thread hands its error to the owner (issue 19, cause 3).
        ("        threading.Thread(target=self.listen).start()\n", False),
        # Several threads on one object's method do share its attributes.
        (
            "        for _ in range(4):\n            threading.Thread(target=self.listen).start()\n",
            True,
        ),
        ("        ThreadPoolExecutor(4).submit(self.listen)\n", True),
    ],
)
def test_a_background_thread_hands_over_its_attributes(start: str, shared: bool) -> None:
    code = (
        POOL
        + "class Reader:\n    def start(self):\n"
        + start
        + "    def listen(self):\n        self.error = 1\n"
    )
    answer = infer_one(code).questions["shared_memory"]
    assert answer.value is shared


def test_conflicting_evidence_is_undecided_and_shown() -> None:
    code = (
        "import requests\n"
        "def crunch(n):\n"
        "    t = 0\n"
        "    for i in range(n):\n"
        "        for j in range(n):\n"
        "            t += i * j\n"
        "    return t\n"
        "requests.get('u')\n"
    )
    answer = infer_one(code).questions["cpu_bound"]
    assert not answer.decided
    assert {e.line for e in (*answer.evidence, *answer.conflicting)} == {4, 8}
    with pytest.raises(advisor.MissingAnswersError) as info:
        advisor.recommend(evidence=infer_one(code), facts=GIL)
    assert info.value.flags == ("--cpu-bound",)


def test_explicit_answers_override_inferred() -> None:
    inference = infer_one("import requests\nrequests.get('u')\n")
    rec = advisor.recommend(evidence=inference, cpu_bound=True, facts=GIL)
    first = rec.path[0]
    assert (first.question, first.answer, first.source) == ("cpu_bound", True, "api")
    given = advisor.Answer(True, advisor.Source.FLAG, "--cpu-bound yes")
    rec = advisor.recommend(evidence=inference, answers={"cpu_bound": given}, facts=GIL)
    assert rec.path[0].source == "flag"


def test_inferred_answers_the_tree_does_not_ask_are_left_out() -> None:
    inference = infer_one("import tkinter\nimport requests\nrequests.get('u')\n")
    tree = advisor.load_tree()
    from advisor.api import inferred_answers

    used = inferred_answers(tree, inference)
    assert set(used) <= set(tree.questions)


def test_unparseable_files_are_skipped_with_the_reason() -> None:
    inference = advisor.infer(
        [SourceFile("bad.py", "def broken(:\n"), SourceFile("ok.py", "import requests\n")]
    )
    assert inference.files == 1
    ((path, reason),) = inference.skipped
    assert path == "bad.py"
    assert reason.get("en").startswith("cannot parse: line 1: invalid syntax")
    assert reason.get("zh-TW").startswith("無法解析：第 1 行：invalid syntax")


def test_output_is_bounded_however_large_the_input() -> None:
    code = "import requests\n" + "requests.get('u')\n" * 5000
    answer = infer_one(code).questions["async_libs"]
    assert len(answer.evidence) <= 3


# -- notebooks --------------------------------------------------------------------------------


def test_magics_are_neutralised_keeping_lines() -> None:
    body = "!pip install x\n%time y = 1\nfor i in range(3):\n    !echo {i}\nfiles = !ls\nobj?\n"
    text = notebook.to_python(body)
    assert text is not None
    assert text.splitlines() == [
        "pass",
        "pass",
        "for i in range(3):",
        "    pass",
        "pass",
        "pass",
    ]
    assert notebook.to_python("%%bash\nls\n") is None
    assert notebook.to_python("%%time\nx = 1\n") == "\nx = 1\n"


def test_notebook_cells_share_imports_and_locate_evidence(tmp_path: Path) -> None:
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": ["# title"]},
            {"cell_type": "code", "source": ["import numpy as np\n"]},
            {"cell_type": "code", "source": ["x = 1\n", "np.fft.rfft(x)\n"]},
        ],
        "metadata": {"kernelspec": {"language": "python"}},
    }
    sources = notebook.cells("nb.ipynb", json.dumps(nb))
    answer = advisor.infer(sources).questions["native_code"]
    assert answer.evidence[0].location == "nb.ipynb:cell 3:2"  # markdown counted, as Jupyter
    assert advisor.infer(sources).questions["program"].value == "notebook"


@pytest.mark.parametrize("text", ["{", "[]", '{"cells": 3}'])
def test_broken_notebooks_are_refused(text: str) -> None:
    with pytest.raises(notebook.NotebookError, match=r"^x\.ipynb: not a notebook"):
        notebook.cells("x.ipynb", text)


def test_notebook_with_odd_metadata_is_read() -> None:
    assert notebook.cells("x.ipynb", '{"cells": [], "metadata": {"kernelspec": 1}}') == []


def test_other_kernels_are_not_python() -> None:
    nb = {
        "cells": [{"cell_type": "code", "source": "x <- 1"}],
        "metadata": {"kernelspec": {"language": "R"}},
    }
    # Said, not an empty list: a named R notebook is "not Python", never "no files" (#45).
    with pytest.raises(notebook.NotebookError, match="a notebook in R, not Python"):
        notebook.cells("r.ipynb", json.dumps(nb))


# -- texts ------------------------------------------------------------------------------------


def test_every_reason_and_kind_exists_in_both_languages() -> None:
    t = tables()
    for table in (t.reasons, t.kinds):
        for key, text in table.items():
            assert set(text) == set(LANGS), key
            en = set(re.findall(r"{(\w+)}", text["en"]))
            assert set(re.findall(r"{(\w+)}", text["zh-TW"])) == en, key
    source = "".join(
        p.read_text(encoding="utf-8") for p in Path(advisor.__file__).parent.glob("evidence/*.py")
    )
    used = set(re.findall(r'reason\(\s*"(\w+)"', source)) | set(
        re.findall(r'kind\("(\w+)"\)', source)
    )
    assert used - set(t.reasons) - set(t.kinds) == set()


def test_module_level_loops_and_the_main_guard() -> None:
    code = (
        "total = 0\n"
        "for i in range(10**6):\n"
        "    for j in range(10):\n"
        "        total += i * j\n"
        "if __name__ == '__main__':\n"
        "    print(total)\n"
    )
    questions = infer_one(code).questions
    assert (questions["cpu_bound"].value, questions["cpu_bound"].evidence[0].line) == (True, 2)
    assert questions["program"].value == "script"
    assert not questions["program"].decided  # a main guard alone is weak: the default stays


def test_loops_that_wait_or_concatenate_text_are_not_computation() -> None:
    waits = "import requests\nfor u in us:\n    for p in ps:\n        requests.get(u + p)\n"
    assert "cpu_bound" not in {q for q, a in infer_one(waits).questions.items() if a.value}
    text = "out = ''\nfor a in xs:\n    for b in ys:\n        out += f'{a}{b}'\n"
    assert "cpu_bound" not in infer_one(text).questions


# -- the Evidence section ---------------------------------------------------------------------


def test_evidence_section_text_and_json() -> None:
    from advisor.render import evidence as render
    from advisor.texts import ui

    code = (
        "import requests\nfrom concurrent.futures import ThreadPoolExecutor\n"
        "def crunch(n):\n    t = 0\n    for i in range(n):\n        for j in range(n):\n"
        "            t += i * j\n    return t\n"
        "def get(u):\n    return requests.get(u).text\n"
        "with ThreadPoolExecutor(max_workers=8) as pool:\n    list(pool.map(get, ['u']))\n"
    )
    inference = infer_one(code)
    tree = advisor.load_tree()
    flags = {q.id: q.flag for q in tree.questions.values()}
    rec = advisor.recommend(tree, evidence=inference, cpu_bound=False, facts=GIL)
    text = render.text(rec, inference, flags, ui("en"))
    assert text.startswith("Evidence from your code (1 file(s) read)\n")
    # a tie: the code cannot tell, so the flag decides; both sides are shown
    assert "  --cpu-bound yes  (low confidence; overridden by --cpu-bound no)" in text
    assert "    app.py:5: nested loops doing arithmetic in crunch" in text
    assert "    against (no): app.py:10: calls requests.get: blocking network I/O" in text
    assert "  --cpu-heavy-steps yes  (medium confidence; used)" in text
    assert "  --concurrency 8  (high confidence; " in text
    assert "app.py:11: already uses concurrent.futures.ThreadPoolExecutor: a thread pool" in text
    zh = render.text(rec, inference, flags, ui("zh-TW"))
    assert "  --cpu-bound 是  （低可信度；已由 --cpu-bound no 取代）" in zh
    assert "    反證（否）：app.py:10: 呼叫 requests.get：阻塞式網路 I/O" in zh
    data = render.to_dict(rec, inference, flags, "en")
    assert data["model"] == rec.model
    assert data["evidence"]["cpu_bound"]["status"] == "overridden"
    assert data["evidence"]["cpu_bound"]["overridden_by"] == "--cpu-bound no"
    assert data["evidence"]["cpu_heavy_steps"]["status"] == "used"
    first = data["evidence"]["concurrency"]["evidence"][0]
    assert first == {
        "file": "app.py",
        "line": 11,
        "cell": None,
        "value": 8,
        "reason": "ThreadPoolExecutor(max_workers=8): at most 8 at once",
        "confidence": "high",
    }
    assert data["evidence"]["cpu_bound"]["conflicting"][0]["line"] == 10
    assert data["scanned"] == {"files": 1, "skipped": [], "tests_left_out": 0}
    assert json.loads(json.dumps(data)) == data


def test_tests_are_left_out_unless_there_is_nothing_else() -> None:
    app = SourceFile("app.py", "import requests\nrequests.get('u')\n")
    test = SourceFile("tests/test_app.py", "import asyncio\nasyncio.run(main())\n")
    inference = advisor.infer([app, test])
    assert inference.tests == 1
    assert inference.questions["async_app"].value is False
    only_tests = advisor.infer([test])
    assert (only_tests.tests, only_tests.files) == (0, 1)
    assert only_tests.questions["async_app"].value is True


def test_tables_are_well_formed() -> None:
    """Every entry names what the code reads: valid confidences, kinds and program values."""
    from advisor import yamlio
    from advisor.evidence.tables import DATA_DIR
    from advisor.inference import CONFIDENCES

    def load(name: str) -> dict:
        return yamlio.load_path(Path(DATA_DIR) / name)

    kinds = set(tables().kinds)
    for entry in load("libraries.yaml")["libraries"]:
        assert entry["confidence"] in CONFIDENCES, entry["name"]
        assert entry["what"] in kinds, entry["name"]
        assert isinstance(entry["async"], bool), entry["name"]
        assert entry["async"] or entry["counterparts"], entry["name"]
    for entry in load("frameworks.yaml")["frameworks"]:
        assert entry["program"] in {"service", "gui"}, entry["name"]
        assert entry["confidence"] in CONFIDENCES, entry["name"]
    # A served app waits on its clients; a blocking one runs its handlers synchronously and
    # names what to switch to: both name service frameworks of the table, by name.
    data = load("frameworks.yaml")
    programs = {e["name"]: (e["program"], e["async_app"]) for e in data["frameworks"]}
    for name in data["serves"]:
        assert programs[name][0] == "service", name
    for name, counterparts in data["blocking_servers"].items():
        assert name in data["serves"], name
        assert programs[name][1] is False, name
        assert counterparts, name
    for entry in load("concurrency.yaml")["existing"]:
        assert entry["kind"] in kinds, entry["match"]
    for entry in load("cluster.yaml")["cluster"]:
        assert entry["confidence"] in CONFIDENCES, entry["name"]
    for entry in load("native.yaml")["native"]:
        assert all(
            any(h == m or h.startswith(m + ".") for m in entry["match"]) for h in entry["heavy"]
        )


INSTANCE_STATE = """
import threading
from concurrent.futures import ThreadPoolExecutor
class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.seen = {}
        self.total = 0
    def work(self, key):
        with self.lock:
            self.seen[key] = True
            self.total += 1
    def run(self, keys):
        with ThreadPoolExecutor(4) as pool:
            pool.map(self.work, keys)
"""


def test_instance_state_written_by_a_concurrent_method() -> None:
    answer = infer_one(INSTANCE_STATE).questions["shared_memory"]
    assert (answer.value, answer.confidence) == (True, "high")
    assert [e.line for e in answer.evidence] == [11, 12]
    assert "self.seen" in answer.evidence[0].reason.get("en")


def test_inferred_answers_off_the_path_are_not_reported_as_unused() -> None:
    code = "import requests\nimport numpy as np\nnp.fft.rfft(x)\nrequests.get('u')\n"
    inference = infer_one(code)
    rec = advisor.recommend(
        evidence=inference,
        cpu_bound=False,
        concurrency=500,
        async_libs=True,
        cpu_heavy_steps=False,  # CPU-heavy steps would ask native_code next
        facts=GIL,
    )
    assert "native_code" not in {s.question for s in rec.path}
    assert [u.question for u in rec.unused] == []
    given = advisor.recommend(
        native_code=True, cpu_bound=False, concurrency=500, cpu_heavy_steps=False, facts=GIL
    )
    assert [u.question for u in given.unused] == ["native_code"]


def test_real_code_is_read_without_a_crash() -> None:
    """The interpreter's own asyncio, concurrent and multiprocessing packages: no exception,
    nothing skipped, and what they say is plausible for them."""
    import asyncio
    import concurrent.futures
    import multiprocessing

    folders = [Path(m.__file__).parent for m in (asyncio, concurrent.futures, multiprocessing)]
    inference = advisor.infer(folders, config=False)
    assert inference.files > 30
    assert inference.skipped == ()
    assert "multi_machine" not in inference.questions


def test_code_nested_too_deeply_is_skipped_not_a_crash() -> None:
    deep = "x = " + "(" * 1000 + "1" + ")" * 1000 + "\n"
    inference = advisor.infer([SourceFile("deep.py", deep), SourceFile("ok.py", "import os\n")])
    assert [path for path, _ in inference.skipped] == ["deep.py"]
    assert inference.files == 1


@pytest.mark.parametrize(
    ("paths", "keywords"),
    [(None, {}), (42, {}), ([3.5], {}), (["."], {"exclude": "*.py"})],
)
def test_infer_refuses_arguments_of_the_wrong_type(paths, keywords):
    """As `advisor.scan` does: one `InvalidArgumentError`, not "'NoneType' object is not
    iterable", and a string *exclude* is not read as its characters (``*`` excluded all)."""
    from advisor.errors import InvalidArgumentError

    with pytest.raises(InvalidArgumentError):
        advisor.infer(paths, **keywords)


IMPORT_TIME = (
    "import zlib\n"
    "STUB = zlib.decompress(open('stub.bin', 'rb').read())\n"
    "TABLE = []\n"
    "for i in range(256):\n"
    "    c = i\n"
    "    for _ in range(8):\n"
    "        c = c * 2 % 255\n"
    "    TABLE.append(c)\n"
)


@pytest.mark.parametrize(("folder", "heavy"), [("pkg/", False), ("", True)])
def test_computation_at_import_is_no_step(folder: str, heavy: bool) -> None:
    """Issue 19, cause 1: a package module's module level runs once, at import (mu-editor's
    flasher decompressing its stub images); a script's module level is the program."""
    files = [
        SourceFile(f"{folder}stub.py", IMPORT_TIME),
        SourceFile(f"{folder}__main__.py", "import requests\nimport stub\nrequests.get('u')\n"),
    ]
    if folder:
        files.append(SourceFile(f"{folder}__init__.py", ""))
    answers = advisor.infer(files).questions
    assert answers["cpu_heavy_steps"].value is heavy
    cpu = answers["cpu_bound"]
    assert any(e.value is True for e in (*cpu.evidence, *cpu.conflicting)) is heavy


@pytest.mark.parametrize(
    ("pace", "computes"),
    [
        ("stop.wait(2)", False),
        ("time.sleep(2)", False),
        ("stop.is_set()", True),
    ],
)
def test_a_loop_that_sleeps_paces_itself(pace: str, computes: bool) -> None:
    """Issue 19: yt-dlp's ping thread draws a random number every two seconds; that is no
    computation, a loop drawing them without pause is."""
    code = (
        "import random\nimport threading\nimport time\n"
        "def ping(stop):\n"
        "    t = 0\n"
        f"    while not {pace}:\n"
        "        t += random.random()\n"
        "threading.Thread(target=ping, args=(threading.Event(),)).start()\n"
    )
    assert (decided(code).get("cpu_bound") is True) is computes
