"""Review 25, #11: convert's refusals gave the line of a use in another file without naming
the file (spotdl's ``meta`` stored in ``entry_point.py``'s command table, reported as "used as
a value at line 33" under ``meta.py``), and called an ordinary method "a lambda, nested
function, class or generator expression". A minimal project of that shape, written here,
through the installed CLI in both languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_advisor, user_env

WORK = """\
import threading
import time


def fetch(n):
    time.sleep(0.1)
    return n


def main():
    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
"""

#: (case, pkg/other.py, what the refusal says in English, in zh-TW)
CASES = [
    (
        "stored_in_another_file",
        'from pkg.work import main\n\nCOMMANDS = {"main": main}\n',
        "it is used as a value at pkg/other.py:3 (",
        "它在 pkg/other.py:3 被當成值使用",
    ),
    (
        "called_from_a_method",
        "from pkg.work import main\n\n\nclass Runner:\n    def go(self):\n        return main()\n",
        "it is called at pkg/other.py:6 from the method go() (convert turns only module-level",
        "它在 pkg/other.py:6 被方法 go()（convert 只把模組層級的函式改成協程）呼叫",
    ),
    (
        "lambda_in_its_own_file",
        "",
        "it is called at line 22 from a lambda, which cannot await",
        "它在第 22 行被 lambda 呼叫",
    ),
]


@pytest.mark.parametrize(("other", "en", "zh"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_refusal_names_the_file_and_the_kind_of_code_of_a_use(
    tmp_path: Path, lang: str, other: str, en: str, zh: str
) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    work = WORK if other else WORK + "\n\nLATER = lambda: main()\n"
    (package / "work.py").write_text(work, encoding="utf-8")
    if other:
        (package / "other.py").write_text(other, encoding="utf-8")
    result = run_advisor(
        "convert", "pkg", "--lang", lang, env=user_env(tmp_path, lang), cwd=tmp_path
    )
    assert result.code == 1, result.out + result.err
    shown = result.out + result.err
    assert "pkg/work.py:10: " in shown
    assert (en if lang == "en" else zh) in shown, shown


MIRROR = '''\
"""Copy the files a list names with N worker threads, counting under a lock."""

import hashlib
import json
import os
import queue
import sys
import threading

lock = threading.Lock()
stats = {"ok": 0, "failed": 0, "bytes": 0}


def copy(name, source, dest):
    with open(os.path.join(source, name), "rb") as f:
        data = f.read()
    with open(os.path.join(dest, name), "wb") as f:
        f.write(data)
    return hashlib.sha256(data).hexdigest(), len(data)


def worker(q, source, dest, results):
    while True:
        name = q.get()
        if name is None:
            q.task_done()
            break
        try:
            digest, size = copy(name, source, dest)
            results[name] = digest
            with lock:
                stats["ok"] += 1
                stats["bytes"] += size
        except OSError as exc:
            results[name] = f"error: {exc.errno}"
            with lock:
                stats["failed"] += 1
        finally:
            q.task_done()


def mirror(names, source, dest, workers=4):
    q = queue.Queue()
    results = {}
    threads = [
        threading.Thread(target=worker, args=(q, source, dest, results)) for _ in range(workers)
    ]
    for t in threads:
        t.start()
    for name in names:
        q.put(name)
    for _ in threads:
        q.put(None)
    q.join()
    for t in threads:
        t.join()
    return results


def main():
    source, dest = sys.argv[1], sys.argv[2]
    os.makedirs(dest, exist_ok=True)
    results = mirror(["a", "b", "missing", "a"], source, dest)
    print(json.dumps({"results": results, "stats": stats}, sort_keys=True))


if __name__ == "__main__":
    main()
'''


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_module_lock_used_only_as_with_is_kept_and_the_worker_pool_converts(
    tmp_path: Path, lang: str
) -> None:
    """Review 25, #10: a queue-worker mirror whose module-level `lock = threading.Lock()` is
    used only as `with lock:` around counters was refused ("threading.Lock() ... whose result
    blocks on every use"), while convert.md's `lock-kept` row says this shape is kept. Now
    it converts, keeps the lock with its note, and the result prints what the original did."""
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a").write_bytes(b"AAA")
    (tmp_path / "source" / "b").write_bytes(b"BBBB")
    script = tmp_path / "mirror.py"
    script.write_text(MIRROR, encoding="utf-8")
    before = subprocess.run(
        [sys.executable, str(script), "source", "out1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
        timeout=60,
    ).stdout
    result = run_advisor(
        "convert",
        "mirror.py",
        "--write",
        "--lang",
        lang,
        env=user_env(tmp_path, lang),
        cwd=tmp_path,
    )
    assert result.code == 0, result.out + result.err
    shown = result.out + result.err
    assert "mirror.py:10: " in shown
    assert ("note (lock-kept)" if lang == "en" else "lock-kept") in shown
    converted = script.read_text(encoding="utf-8")
    assert "asyncio.Queue()" in converted
    assert "with lock:" in converted
    after = subprocess.run(
        [sys.executable, str(script), "source", "out2"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
        timeout=60,
    ).stdout
    assert after == before
    assert json.loads(after)["stats"] == {"bytes": 10, "failed": 1, "ok": 3}


def test_a_helper_counting_under_the_kept_lock_is_called_directly(tmp_path: Path) -> None:
    """Review 25, #10, the reviewer's workaround: the two `with lock:` blocks moved into a
    `count()` helper. It converted, but each counter update became `await in_thread(None,
    count, ...)`, a new OS thread per increment, since the lock was taken for a handle that
    blocks. Nothing in `count()` waits: it is called as it was, on the event loop."""
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a").write_bytes(b"AAA")
    (tmp_path / "source" / "b").write_bytes(b"BBBB")
    helper = "def count(**deltas):\n    with lock:\n        for key, n in deltas.items():\n"
    helper += "            stats[key] += n\n\n\n"
    text = MIRROR.replace("def copy(", helper + "def copy(")
    text = text.replace(
        '            with lock:\n                stats["ok"] += 1\n'
        '                stats["bytes"] += size\n',
        "            count(ok=1, bytes=size)\n",
    ).replace(
        '            with lock:\n                stats["failed"] += 1\n',
        "            count(failed=1)\n",
    )
    assert text.count("with lock:") == 1
    script = tmp_path / "mirror.py"
    script.write_text(text, encoding="utf-8")
    before = subprocess.run(
        [sys.executable, str(script), "source", "out1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
        timeout=60,
    ).stdout
    result = run_advisor("convert", "mirror.py", "--write", env=user_env(tmp_path), cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    converted = script.read_text(encoding="utf-8")
    assert "in_thread(None, copy" in converted  # the file I/O still runs in a thread
    assert "in_thread(None, count" not in converted
    assert "            count(ok=1, bytes=size)\n" in converted
    assert "def count(**deltas):" in converted  # not a coroutine: nothing in it waits
    after = subprocess.run(
        [sys.executable, str(script), "source", "out2"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
        timeout=60,
    ).stdout
    assert after == before
