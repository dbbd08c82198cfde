"""`advisor.convert` as a library: refusals (data-driven), the call graph across files,
target versions, --prefer, the public API, and the safety net under every output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import advisor
from advisor import yamlio
from advisor.errors import ConvertError
from tests.helpers import FIXTURES

CASES = FIXTURES / "convert"
REFUSALS = yamlio.load_path(CASES / "refusals.yaml")


@pytest.mark.parametrize("case", REFUSALS, ids=[c["name"] for c in REFUSALS])
def test_refused_and_untouched(case: dict, tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text(case["code"], encoding="utf-8")
    result = advisor.convert([program], target_version="3.11")
    assert [(r.line, r.reason) for r in result.refusals] == [(case["line"], case["reason"])]
    assert result.files[0].after == case["code"]
    assert not result.changes
    message = result.refusals[0].message
    assert message.get("en")
    assert message.get("zh-TW")
    assert message.get("en") != message.get("zh-TW")
    assert case.get("says", "") in str(message.get("en"))  # what to do, where it is named


WORKERS = """import time


def download(url):
    time.sleep(0.01)
    return url.upper()
"""

APP = """import threading

from workers import download


def main():
    threads = [threading.Thread(target=download, args=(u,)) for u in ["a", "b"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
"""


def test_call_graph_across_files(tmp_path: Path) -> None:
    """A thread target defined in another given file becomes a coroutine there."""
    (tmp_path / "workers.py").write_text(WORKERS, encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    result = advisor.convert([tmp_path / "app.py", tmp_path / "workers.py"], target_version="3.11")
    app, workers = result.files
    assert "async def download(url):\n    await asyncio.sleep(0.01)" in workers.after
    assert "asyncio.create_task(download(u))" in app.after
    assert "asyncio.run(main())" in app.after
    assert not result.refusals


def test_target_outside_the_given_files_runs_in_a_thread(tmp_path: Path) -> None:
    """Given only app.py, download() is someone else's function: it stays sync, in a thread."""
    (tmp_path / "workers.py").write_text(WORKERS, encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    result = advisor.convert([tmp_path / "app.py"], target_version="3.11")
    after = result.files[0].after
    assert "asyncio.create_task(in_thread(None, download, u))" in after
    assert "await asyncio.to_thread(" not in after  # its shared pool bounds thread-per-task code
    (change,) = [c for c in result.files[0].changes if c.code == "ADV201"]
    assert "download() at line" not in change.message.get("en")  # a target, not a callee


@pytest.mark.parametrize(
    ("requires", "expected"),
    [
        (">=3.11", (3, 11)),
        (">=3.10,<4", (3, 10)),
        ("~=3.12", (3, 12)),
        (None, sys.version_info[:2]),
    ],
)
def test_target_version_from_pyproject(
    tmp_path: Path, requires: str | None, expected: tuple
) -> None:
    if requires is not None:
        (tmp_path / "pyproject.toml").write_text(
            f'[project]\nname = "x"\nrequires-python = "{requires}"\n', encoding="utf-8"
        )
    program = tmp_path / "src" / "program.py"
    program.parent.mkdir()
    program.write_text(
        APP.replace("from workers import download\n", "def download(u):\n    pass\n")
    )
    result = advisor.convert([program])
    if requires is None and (tmp_path.parent / "pyproject.toml").exists():
        pytest.skip("a pyproject.toml above the temporary folder decides")
    assert result.target_version == expected
    assert "asyncio.TaskGroup" not in result.files[0].after  # one shape on every version


@pytest.mark.parametrize(
    ("write", "options", "message"),
    [
        (None, {}, "no such file"),
        ("def f(:\n", {}, "program.py:1: not valid Python"),
        ("x = 1\n", {"prefer": "trio"}, "--prefer trio: unknown library"),
        ("x = 1\n", {"target_version": "2.7"}, "is not a Python version"),
        ("x = 1\n", {"target_version": "3.8"}, "needs Python 3.10 or newer"),
        (b"\xff\xfe", {}, "not UTF-8"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path: Path, write, options: dict, message: str) -> None:
    program = tmp_path / "program.py"
    if isinstance(write, bytes):
        program.write_bytes(write)
    elif write is not None:
        program.write_text(write, encoding="utf-8")
    with pytest.raises(ConvertError, match=message.replace("(", r"\(")) as info:
        advisor.convert([program], **options)
    assert info.value.exit_code == 2


def test_nothing_to_convert(tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text("import time\n\n\ndef f():\n    time.sleep(1)\n", encoding="utf-8")
    result = advisor.convert([program], target_version="3.11")
    assert not result.changed
    assert not result.refusals


def test_public_api_survives_importing_the_package(tmp_path: Path) -> None:
    """Importing the codemod's modules leaves ``advisor.convert`` the function."""
    code = (
        "import advisor, sys\n"
        "a = advisor.convert([sys.argv[1]], target_version='3.11')\n"
        "import advisor.codemod.apply\n"
        "b = advisor.convert([sys.argv[1]], target_version='3.11')\n"
        "assert a == b and a.changed, (a, b)\n"
        "print('ok')\n"
    )
    program = tmp_path / "ex1.py"
    program.write_text((CASES / "exercise1" / "before.py").read_text())
    out = subprocess.run(
        [sys.executable, "-c", code, str(program)], capture_output=True, text=True, check=True
    )
    assert out.stdout == "ok\n"


def test_output_that_does_not_compile_is_refused(tmp_path: Path, monkeypatch) -> None:
    """The safety net: whatever a rule produced, a file whose output fails to compile is
    returned unchanged with the reason (exit 3 in the CLI)."""
    from advisor.codemod import apply, pipeline

    class Broken:
        code = "async def main(:\n"

    monkeypatch.setattr(pipeline, "_imports", lambda module, plan: Broken())
    program = tmp_path / "program.py"
    program.write_text((CASES / "exercise1" / "before.py").read_text())
    result = advisor.convert([program], target_version="3.11")
    assert [r.reason for r in result.refusals] == ["would-not-compile"]
    assert not result.changed
    assert apply.exit_code(result, check=False) == 3


def test_output_with_a_pitfall_is_refused(tmp_path: Path, monkeypatch) -> None:
    """A rule that forgot its part (here: no ADV202) would leave time.sleep in async def."""
    from advisor.codemod import pipeline

    monkeypatch.setattr(pipeline.sleep, "plan", lambda ctx, out: None)
    program = tmp_path / "program.py"
    program.write_text((CASES / "exercise1" / "before.py").read_text())
    result = advisor.convert([program], target_version="3.11")
    assert [(r.line, r.reason) for r in result.refusals] == [(7, "pitfall-left")]
    assert "time.sleep()" in result.refusals[0].message.get("en")


OFFLOADED = """import subprocess
import threading
import time


def work(n):
    time.sleep(0.01)
    print(subprocess.getoutput("echo hi"), n)


def main():
    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
"""


def test_output_is_checked_with_the_linters_own_table(tmp_path: Path, monkeypatch) -> None:
    """Convert's verify step is `advisor scan`'s ADV101, not a copy: a blocking call hidden
    from convert's own view of the table is left in async def, and the linter still sees it."""
    from advisor.codemod.rules import sync_table

    program = tmp_path / "program.py"
    program.write_text(OFFLOADED, encoding="utf-8")
    result = advisor.convert([program], target_version="3.11")
    assert "await in_thread(None, subprocess.getoutput," in result.files[0].after
    assert not result.refusals

    monkeypatch.delitem(sync_table().blocking, "subprocess.getoutput")
    result = advisor.convert([program], target_version="3.11")
    assert [(r.line, r.reason) for r in result.refusals] == [
        (7, "pitfall-left")
    ]  # a line of the output
    assert "subprocess.getoutput()" in result.refusals[0].message.get("en")
    assert "subprocess.getoutput()" in result.refusals[0].message.get("zh-TW")
    assert result.files[0].after == OFFLOADED


def test_json_lists_each_change_with_its_pattern(tmp_path: Path) -> None:
    import io
    import json

    from advisor.render.conversion import FORMATS

    program = tmp_path / "program.py"
    program.write_text((CASES / "exercise1" / "before.py").read_text())
    stream = io.StringIO()
    FORMATS["json"](advisor.convert([program], target_version="3.11"), stream, "zh-TW")
    data = json.loads(stream.getvalue())
    changes = data["files"][0]["changes"]
    assert {(c["code"], c["pattern"]) for c in changes} == {
        ("ADV201", "thread-join-to-gather"),
        ("ADV202", "thread-join-to-gather"),
        ("ADV205", "thread-join-to-gather"),
    }
    assert "協程" in changes[2]["message"]
    assert data["files"][0]["diff"].startswith("--- a/")


LOCKED_LIB = """import threading
import time

lock = threading.Lock()


def download(url):
    time.sleep(0.01)
    lock.acquire()
    try:
        return url
    finally:
        lock.release()
"""


def test_functions_of_a_refused_file_stay_synchronous_for_other_files(tmp_path: Path) -> None:
    (tmp_path / "workers.py").write_text(LOCKED_LIB, encoding="utf-8")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    result = advisor.convert([tmp_path / "app.py", tmp_path / "workers.py"], target_version="3.11")
    app, workers = result.files
    assert not workers.changed
    assert "asyncio.create_task(in_thread(None, download, u))" in app.after
    assert [(Path(r.path).name, r.reason) for r in result.refusals] == [("workers.py", "lock")]


def test_prefer_explains_what_it_could_not_rewrite(tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text(
        "import threading\nimport requests\n\n\n"
        "def fetch(url, out):\n"
        "    out.append(requests.get(url, verify=False).text)\n\n\n"
        "def main(urls):\n"
        "    out = []\n"
        "    ts = [threading.Thread(target=fetch, args=(u, out)) for u in urls]\n"
        "    for t in ts:\n        t.start()\n"
        "    for t in ts:\n        t.join()\n"
        "    return out\n\n\n"
        'if __name__ == "__main__":\n'
        "    main([])\n",
        encoding="utf-8",
    )
    result = advisor.convert([program], target_version="3.11", prefer="httpx")
    assert "await in_thread(None, requests.get, url, verify=False)" in result.files[0].after
    (note,) = result.refusals
    assert (note.line, note.reason) == (6, "not-mechanical")
    assert "verify" in note.message.get("en")
    from advisor.codemod import apply

    assert apply.exit_code(result, check=False) == 0  # a note, not a refusal


def test_prefer_aiohttp(tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text(
        "import threading\nimport requests\n\n\n"
        "def fetch(url, out):\n"
        "    out[url] = requests.get(url, timeout=5).json()\n\n\n"
        "def main(urls):\n"
        "    out = {}\n"
        "    ts = [threading.Thread(target=fetch, args=(u, out)) for u in urls]\n"
        "    for t in ts:\n        t.start()\n"
        "    for t in ts:\n        t.join()\n"
        "    return out\n\n\n"
        'if __name__ == "__main__":\n'
        "    main([])\n",
        encoding="utf-8",
    )
    after = advisor.convert([program], target_version="3.11", prefer="aiohttp").files[0].after
    assert (
        "    async with aiohttp.ClientSession() as session, session.get(url, "
        "timeout=aiohttp.ClientTimeout(total=5)) as response:\n"
        "        out[url] = await response.json(content_type=None)\n"
    ) in after
    compile(after, "program.py", "exec")


def test_a_return_inside_the_pool_block_still_waits_for_its_tasks(tmp_path: Path) -> None:
    """The pool's __exit__ waited for every call also on an early return (or an exception):
    the tasks are gathered in a finally, so a return no longer leaves them running."""
    program = tmp_path / "program.py"
    program.write_text(
        "from concurrent.futures import ThreadPoolExecutor\n\n\n"
        "def work(x):\n    return x\n\n\n"
        "def main(xs):\n"
        "    with ThreadPoolExecutor() as pool:\n"
        "        futures = [pool.submit(work, x) for x in xs]\n"
        "        if not xs:\n            return []\n"
        "        return [f.result() for f in futures]\n\n\n"
        "print(main([1]))\n",
        encoding="utf-8",
    )
    texts = set()
    for version in ("3.10", "3.11"):  # the same file behaves the same on every version
        result = advisor.convert([program], target_version=version)
        assert result.refusals == ()
        texts.add(result.files[0].after)
    (after,) = texts
    assert (
        "    try:\n"
        "        futures = [spawn(pending, limited(limit, work(x))) for x in xs]\n"
        "        if not xs:\n            return []\n"
        "        return [await f for f in futures]\n"
        "    finally:\n"
        "        await asyncio.gather(*pending, return_exceptions=True)\n"
    ) in after


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"paths": 42}, "paths must be a list of file paths"),
        ({"paths": ["x.py"], "target_version": 3.11}, "target_version must be"),
        ({"paths": ["x.py"], "prefer": ["httpx"]}, "prefer must be"),
    ],
)
def test_library_arguments_of_the_wrong_type(kwargs: dict, message: str) -> None:
    from advisor.errors import InvalidArgumentError

    paths = kwargs.pop("paths")
    with pytest.raises(InvalidArgumentError, match=message):
        advisor.convert(paths, **kwargs)


def test_one_path_and_a_version_tuple(tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text((CASES / "exercise1" / "before.py").read_text())
    result = advisor.convert(program, target_version=(3, 10))
    assert result.target_version == (3, 10)
    assert result.files[0].after == (CASES / "exercise1_py310" / "after.py").read_text()


@pytest.mark.parametrize(
    ("name", "transform", "expect"),
    [
        ("crlf.py", lambda s: s.replace("\n", "\r\n"), "\r\n"),
        ("tabs.py", lambda s: s.replace("    ", "\t"), "\n\tfor url in urls:\n\t\tt = "),
    ],
)
def test_line_endings_and_indentation_are_kept(tmp_path: Path, name, transform, expect) -> None:
    source = transform((CASES / "exercise1" / "before.py").read_text())
    path = tmp_path / name
    path.write_bytes(source.encode())
    after = advisor.convert([path], target_version="3.11").files[0].after
    assert expect in after
    if expect == "\r\n":
        assert after.count("\n") == after.count("\r\n")
    compile(after, name, "exec")


THREADED_MAIN = """import threading
import time


def work(n):
    time.sleep(0.01)


{decorator}def main(argv=None):
    ts = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
"""


def test_a_decorated_function_that_must_become_a_coroutine_refuses_its_file(
    tmp_path: Path,
) -> None:
    """Review defect #8: a synchronous decorator around an async def is broken code."""
    program = tmp_path / "cli.py"
    source = THREADED_MAIN.format(decorator="@click.command()\n")
    program.write_text("import click\n" + source, encoding="utf-8")
    result = advisor.convert([program], target_version="3.11")
    assert [(r.line, r.reason) for r in result.refusals] == [(11, "cannot-be-async")]
    assert "@click.command" in result.refusals[0].message.get("en")
    assert not result.changed


def test_a_safe_decorator_converts(tmp_path: Path) -> None:
    program = tmp_path / "cli.py"
    source = THREADED_MAIN.format(decorator="@typing.final\n")
    program.write_text("import typing\n" + source, encoding="utf-8")
    assert advisor.convert([program], target_version="3.11").files[0].changed


def test_a_console_script_entry_point_refuses_its_file(tmp_path: Path) -> None:
    """Review defect #10: [project.scripts] calls main() without awaiting."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "t"\nrequires-python = ">=3.11"\n'
        '[project.scripts]\nmytool = "cli:main"\n',
        encoding="utf-8",
    )
    program = tmp_path / "cli.py"
    program.write_text(THREADED_MAIN.format(decorator=""), encoding="utf-8")
    result = advisor.convert([program])
    assert [(r.line, r.reason) for r in result.refusals] == [(9, "cannot-be-async")]
    assert "mytool" in result.refusals[0].message.get("en")
    assert "mytool" in result.refusals[0].message.get("zh-TW")


def test_modules_resolve_by_folder_not_basename(tmp_path: Path) -> None:
    """Review defect #12: p2/app.py imports p2/lib.py (refused, synchronous), never p1/lib.py."""
    for folder in ("p1", "p2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "app.py").write_text(APP.replace("workers", "lib"), encoding="utf-8")
    (tmp_path / "p1" / "lib.py").write_text(WORKERS, encoding="utf-8")
    (tmp_path / "p2" / "lib.py").write_text(LOCKED_LIB, encoding="utf-8")
    paths = [tmp_path / f / n for f in ("p1", "p2") for n in ("app.py", "lib.py")]
    result = advisor.convert(paths, target_version="3.11")
    app1, lib1, app2, lib2 = result.files
    assert "asyncio.create_task(download(u))" in app1.after
    assert "async def download" in lib1.after
    assert "asyncio.create_task(in_thread(None, download, u))" in app2.after
    assert not lib2.changed


def test_a_callee_in_a_file_not_given_keeps_the_target_synchronous(tmp_path: Path) -> None:
    """Review defect #55: worker() calls lib.get, which convert cannot see."""
    program = tmp_path / "app.py"
    program.write_text(
        "import threading\nfrom lib import get\n\nOUT = []\n\n\n"
        "def worker(u):\n    OUT.append(get(u))\n\n\n"
        "def main():\n    ts = [threading.Thread(target=worker, args=(u,)) for u in 'ab']\n"
        "    for t in ts:\n        t.start()\n    for t in ts:\n        t.join()\n\n\n"
        'if __name__ == "__main__":\n    main()\n',
        encoding="utf-8",
    )
    result = advisor.convert([program], target_version="3.11")
    after = result.files[0].after
    assert "def worker(u):" in after
    assert "async def worker" not in after
    (change,) = [c for c in result.files[0].changes if c.code == "ADV201"]
    assert "get() at line 8" in change.message.get("en")
    assert "第 8 行呼叫 get()" in change.message.get("zh-TW")


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="needs a Python older than the syntax")
def test_newer_syntax_is_named_as_such(tmp_path: Path) -> None:
    """Review defect #42: `type Num = int` on 3.11 is newer syntax, not invalid Python."""
    from advisor.errors import ConvertError

    program = tmp_path / "newer.py"
    program.write_text("type Num = int\n", encoding="utf-8")
    with pytest.raises(ConvertError, match=r"syntax newer than Python 3\.1"):
        advisor.convert([program])


@pytest.mark.parametrize("version", ["3.99", "", "4.0"])
def test_target_versions_that_are_no_python(version: str, tmp_path: Path) -> None:
    """Review defect #44: 3.99 and an empty value are mistakes, as 4.0 was."""
    from advisor.errors import ConvertError

    program = tmp_path / "p.py"
    program.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(ConvertError, match="is not a Python version"):
        advisor.convert([program], target_version=version)


def test_a_thread_name_becomes_the_task_name(tmp_path: Path) -> None:
    """Review defect #28: name= is kept (create_task takes it) and the change says so."""
    program = tmp_path / "named.py"
    program.write_text(
        APP.replace("from workers import download\n", "def download(u):\n    pass\n").replace(
            "args=(u,))", 'args=(u,), name=f"worker-{u}")'
        ),
        encoding="utf-8",
    )
    result = advisor.convert([program], target_version="3.11")
    assert 'asyncio.create_task(download(u), name=f"worker-{u}")' in result.files[0].after
    (change,) = [c for c in result.files[0].changes if c.code == "ADV201"]
    assert "%(threadName)s" in change.message.get("en")


def test_prefer_httpx_leaves_a_call_whose_try_catches_requests_errors(tmp_path: Path) -> None:
    """Review defect #9: `except requests.RequestException` would not catch httpx's errors."""
    program = tmp_path / "program.py"
    program.write_text(
        "import threading\nimport requests\n\nOUT = []\n\n\n"
        "def fetch(url):\n    try:\n        OUT.append(requests.get(url, timeout=2).status_code)\n"
        "    except requests.RequestException as exc:\n        OUT.append(type(exc).__name__)\n\n\n"
        "def main():\n    ts = [threading.Thread(target=fetch, args=(u,)) for u in ['x']]\n"
        "    for t in ts:\n        t.start()\n    for t in ts:\n        t.join()\n\n\n"
        'if __name__ == "__main__":\n    main()\n',
        encoding="utf-8",
    )
    result = advisor.convert([program], target_version="3.11", prefer="httpx")
    assert "httpx" not in result.files[0].after
    (note,) = result.refusals
    assert (note.line, note.reason) == (9, "not-mechanical")
    assert "except requests.RequestException" in note.message.get("en")


def test_requires_python_older_than_the_output_asks_for_an_explicit_target(
    tmp_path: Path,
) -> None:
    """Review defect #27: `>=3.8` no longer becomes 3.10 silently."""
    from advisor.errors import ConvertError

    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nrequires-python = ">=3.8"\n', encoding="utf-8"
    )
    program = tmp_path / "p.py"
    program.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(ConvertError, match=r"allows Python 3\.8.*--target-version 3\.10"):
        advisor.convert([program])
    assert advisor.convert([program], target_version="3.10").target_version == (3, 10)


@pytest.mark.parametrize(
    ("shutdown", "said"),
    [
        ("pool.shutdown(wait=True)", "is shut down at line 11;"),
        ("pool.shutdown(cancel_futures=True)", "cancel_futures=True, which cancels"),
        ("pass", "is never shut down"),
    ],
)
def test_pool_without_with_says_how_it_ends(shutdown: str, said: str, tmp_path: Path) -> None:
    """Issue 18: a pool made without `with` is refused with how it ends, in both languages
    (the message said only that it was not a `with`)."""
    program = tmp_path / "program.py"
    program.write_text(
        "from concurrent.futures import ThreadPoolExecutor\n\n\ndef task(n):\n    return n\n\n\n"
        "def main():\n    pool = ThreadPoolExecutor(4)\n"
        f"    print(pool.submit(task, 1).result())\n    {shutdown}\n",
        encoding="utf-8",
    )
    (refusal,) = advisor.convert([program], target_version="3.11").refusals
    assert (refusal.line, refusal.reason) == (9, "pool-shape")
    assert said in refusal.message.get("en")
    assert "pool = ThreadPoolExecutor(...)" in refusal.message.get("zh-TW")


def test_thread_kept_on_self_never_joined_says_it_outlives(tmp_path: Path) -> None:
    """Issue 18: a thread started in ``__init__``, kept on self and joined by no method runs
    on after the method returns; the refusal says so (it said "joined in another method")."""
    program = tmp_path / "program.py"
    program.write_text(
        "import threading\n\n\nclass Reporter:\n    def __init__(self):\n"
        "        self.thread = threading.Thread(target=print)\n        self.thread.start()\n\n\n"
        "Reporter()\n",
        encoding="utf-8",
    )
    (refusal,) = advisor.convert([program], target_version="3.11").refusals
    assert (refusal.line, refusal.reason) == (6, "in-method")
    assert "self.thread at line 6 and no method joins it" in refusal.message.get("en")
    assert "self.thread" in refusal.message.get("zh-TW")


def test_thread_subclass_refusal_advice_converts(tmp_path: Path) -> None:
    """Issue 18: the thread-subclass refusal says what to write instead, and what it says
    converts (a plain class whose run is a thread target)."""
    subclass = (
        "import threading\n\n\nclass Job(threading.Thread):\n    def __init__(self, n):\n"
        "        super().__init__()\n        self.n = n\n\n    def run(self):\n"
        "        print(self.n)\n\n\ndef main():\n    jobs = [Job(n) for n in range(2)]\n"
        "    for j in jobs:\n        j.start()\n    for j in jobs:\n        j.join()\n\n\n"
        'if __name__ == "__main__":\n    main()\n'
    )
    program = tmp_path / "program.py"
    program.write_text(subclass, encoding="utf-8")
    (refusal,) = advisor.convert([program], target_version="3.11").refusals
    assert (refusal.line, refusal.reason) == (4, "thread-subclass")
    assert "threading.Thread(target=obj.run)" in refusal.message.get("en")
    assert "threading.Thread(target=obj.run)" in refusal.message.get("zh-TW")
    advised = (
        "import threading\n\n\nclass Job:\n    def __init__(self, n):\n        self.n = n\n\n"
        "    def run(self):\n        print(self.n)\n\n\ndef main():\n"
        "    jobs = [Job(n) for n in range(2)]\n"
        "    threads = [threading.Thread(target=j.run) for j in jobs]\n"
        "    for t in threads:\n        t.start()\n    for t in threads:\n        t.join()\n\n\n"
        'if __name__ == "__main__":\n    main()\n'
    )
    program.write_text(advised, encoding="utf-8")
    result = advisor.convert([program], target_version="3.11")
    assert not result.refusals
    assert "asyncio.create_task" in result.files[0].after
