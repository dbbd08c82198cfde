"""`advisor profile` names the line that blocked the event loop, on asyncio's loop and uvloop.

The programs here check the answer `profile --recommend` takes from a blocking site, and the
plain report in both languages; the broad set of programs (each kind of blocking call, on
each loop, and programs that never block) is test_acceptance.py. Each program in
tests/fixtures/profile/blocking marks the line that blocks with `# BLOCKS`; it runs under the
installed CLI in a subprocess. Counted facts only: which line, how many episodes.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.measurement import BlockingSite, GilState
from advisor.profiler import infer
from advisor.profiler.sampler import Sampled
from tests.helpers import FIXTURES, ROOT, clean_env

PROGRAMS = FIXTURES / "profile" / "blocking"
LIBRARY = PROGRAMS / "site-packages"
BLOCK_MS = "200"
LOOPS = [
    "asyncio",
    pytest.param(
        "uvloop",
        marks=pytest.mark.skipif(
            importlib.util.find_spec("uvloop") is None,
            reason='uvloop is not installed (pip install -e ".[dev]" installs it)',
        ),
    ),
]  # every program blocks 400 ms; well above a busy machine's noise


def marked_line(program: Path, mark: str = "# BLOCKS") -> int:
    lines = program.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if mark in line)


def profile(tmp_path: Path, *args: str, options: tuple[str, ...] = ()) -> tuple[str, dict]:
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "json", "--report", str(report),
         "--block-ms", BLOCK_MS, *options, "--", sys.executable, *args],
        capture_output=True, text=True, env=clean_env(PYTHONPATH=str(LIBRARY)), cwd=ROOT,
        timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return proc.stdout, json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("loop", LOOPS)
def test_a_blocking_library_names_the_users_call_and_the_librarys_line(tmp_path, loop):
    path = PROGRAMS / "via_library.py"
    _, data = profile(tmp_path, str(path), loop)
    (site,) = data["probe"]["sites"]
    assert (Path(site["file"]), site["line"]) == (path, marked_line(path))
    assert site["call"] == "slowlib.fetch"
    library = LIBRARY / "slowlib.py"
    assert (Path(site["blocked_file"]), site["blocked_line"]) == (library, marked_line(library))
    assert site["blocked_call"] == "time.sleep"
    assert site["fix"] is None  # not in scan's table: the offload fix
    assert "asyncio.to_thread" in "\n".join(data["blocking"])
    # the evidence for --async-libs: a library, not the program's own sleep
    answer = data["answers"]["async_libs"]
    assert answer["value"] is False
    assert (
        "slowlib.fetch at tests/fixtures/profile/blocking/via_library.py"
        in answer["evidence"]["text"]
    )


def test_the_plain_report_and_zh_tw_name_the_site(tmp_path):
    path = PROGRAMS / "sleep.py"
    for lang, words in (("en", "blocked 1 time(s)"), ("zh-TW", "阻塞了 1 次")):
        proc = subprocess.run(
            [sys.executable, "-m", "advisor", "profile", "--lang", lang, "--format", "plain",
             "--block-ms", BLOCK_MS, "--", sys.executable, str(path)],
            capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=120, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        assert f"sleep.py:{marked_line(path)}" in proc.stderr
        assert words in proc.stderr
        assert "time.sleep" in proc.stderr


def test_two_calls_in_one_stall_are_named_each_with_its_own_time(tmp_path):
    path = PROGRAMS / "two_calls.py"
    _, data = profile(tmp_path, str(path))
    sites = sorted((s["line"], s["call"], s["episodes"]) for s in data["probe"]["sites"])
    first, second = marked_line(path), marked_line(path, "# BLOCKS TOO")
    assert sites == [(first, "time.sleep", 1), (second, "time.sleep", 1)]


def old_python() -> str | None:
    """A CPython 3.8-3.10 that runs (on PATH or under pyenv), for the probe's bytecode path."""
    import glob
    import os
    import shutil

    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = [shutil.which(f"python3.{minor}") for minor in (10, 9, 8)]
    found += sorted(glob.glob(os.path.join(root, "versions", "3.1[0]*", "bin", "python3")))
    found += sorted(glob.glob(os.path.join(root, "versions", "3.[89].*", "bin", "python3")))
    for python in filter(None, found):
        probe = subprocess.run(
            [python, "-c", "import sys; print(sys.version_info < (3, 11))"],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        if probe.returncode == 0 and probe.stdout.strip() == "True":
            return python
    return None


def test_a_program_on_python_3_10_or_older_gets_its_call_named(tmp_path):
    """Before 3.11 a frame has no source positions: the call is read off the bytecode, so the
    report names `time.sleep` (review of issue 20, #13: it said "?" and drew an answer)."""
    python = old_python()
    if python is None:
        pytest.skip("no Python 3.8-3.10 here")
    path = PROGRAMS / "sleep.py"
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "json", "--report", str(report),
         "--block-ms", BLOCK_MS, "--", python, str(path)],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    sites = json.loads(report.read_text(encoding="utf-8"))["probe"]["sites"]
    assert [(s["line"], s["call"]) for s in sites] == [(marked_line(path), "time.sleep")]


def test_block_ms_is_checked_before_the_program_runs(cli):
    result = cli("profile", "--block-ms", "0", "--", "python", "-c", "print('ran')")
    assert result.code == 2
    assert "ran" not in result.out
    assert "--block-ms" in result.err


# --- the logic, without a program ------------------------------------------------------------


def _site(**changes) -> BlockingSite:
    base = BlockingSite(
        "/app/app.py", 41, "handler", "requests.get", "/lib/socket.py", 700, "readinto",
        "self._sock.recv_into", 3, 0.76, 0.4, 60, "ADV101", "http",
    )  # fmt: skip
    return base._replace(**changes)


def _sampled(wall: float = 2.0) -> Sampled:
    return Sampled(0, wall, 0.1, 0.0, 0.05, 2, 1, 1 << 20, 100, 10)


def _probe(**changes):
    from advisor.measurement import ProbeSummary

    return ProbeSummary(1, 100, 0.1, 0.5, True, 400.0, 400.0, 0, 1)._replace(**changes)


def test_a_library_blocking_38_percent_of_the_time_answers_async_libs_no():
    _, answers = infer.infer(_sampled(), _probe(sites=(_site(),), blocked_s=0.76))
    answer = answers["async_libs"]
    assert answer.value is False
    assert answer.observation.key == "profile_blocked_by"
    assert answer.observation.params["percent"] == "38"
    assert answer.observation.params["call"] == "requests.get"


def test_the_programs_own_sleep_is_a_finding_not_an_answer():
    seen, answers = infer.infer(
        _sampled(), _probe(sites=(_site(call="time.sleep", fix="sleep"),), blocked_s=0.76)
    )
    assert "async_libs" not in answers
    assert "profile_blocked_sleep" in [o.key for o in seen]


def test_a_little_blocking_answers_nothing():
    _, answers = infer.infer(_sampled(wall=100.0), _probe(sites=(_site(),), blocked_s=0.76))
    assert "async_libs" not in answers


def test_sites_merge_over_processes_and_find_their_fix():
    one = {
        "file": "/a.py", "line": 3, "function": "f", "call": "mine.recv", "blocked_in": None,
        "episodes": 2, "total_s": 0.5, "worst_s": 0.3, "samples": 40,
    }  # fmt: skip
    other = {**one, "episodes": 1, "total_s": 0.6, "worst_s": 0.6, "samples": 50}
    (site,) = infer.merge_sites([{"blocking": {"sites": [one]}}, {"blocking": {"sites": [other]}}])
    assert (site.episodes, site.samples, site.worst_s) == (3, 90, 0.6)
    assert site.fix == "socket_io"  # recv: only sockets have it
    assert infer.fix_for("time.sleep") == "sleep"
    assert infer.fix_for("cache.get") is None  # too common a name to guess from


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([], None),
        ([{"free_threaded": False, "enabled": True, "warnings": []}], GilState(False, True, ())),
        ([{"free_threaded": True, "enabled": False, "warnings": []}], GilState(True, False, ())),
        (
            [
                {"free_threaded": True, "enabled": False, "warnings": []},
                {"free_threaded": True, "enabled": True,
                 "warnings": ["The global interpreter lock (GIL) has been enabled to load module 'legacy'"]},
            ],
            GilState(True, True, ("The global interpreter lock (GIL) has been enabled to load module 'legacy'",)),
        ),
    ],
)  # fmt: skip
def test_gil_state_on_a_free_threaded_build(states, expected):
    assert infer.merge_gil([{"gil_state": s} for s in states]) == expected


def test_the_report_says_which_import_turned_the_gil_on():
    from advisor.render.profile import figure_rows
    from advisor.texts import ui

    warning = "The global interpreter lock (GIL) has been enabled to load module 'legacy'"
    report_rows = dict(figure_rows(_report(_probe(gil=GilState(True, True, (warning,)))), ui("en")))
    assert "module 'legacy'" in report_rows["GIL (free-threaded build)"]
    off = dict(figure_rows(_report(_probe(gil=GilState(True, False, ()))), ui("zh-TW")))
    assert off["GIL（自由執行緒版本）"] == "整個執行期間都關閉"
    with_gil = dict(figure_rows(_report(_probe(gil=GilState(False, True, ()))), ui("en")))
    assert "GIL (free-threaded build)" not in with_gil


def _report(probe):
    from advisor.measurement import ProfileReport

    return ProfileReport(
        ("python", "app.py"), 0, 1.0, 0.1, 0.0, 0.1, 0.1, 1, 1, 1, 0, 0, probe, None, (), {}
    )


@pytest.mark.parametrize(
    ("site", "finding"),
    [
        (_site(call="s.recv", fix="socket_io", blocked_file=None), "profile_blocked_switchable"),
        (_site(call="subprocess.run", fix="subprocess"), "profile_blocked_switchable"),
        (_site(call=None, fix=None, blocked_file=None), "profile_blocked_unknown"),
        (_site(call="hashlib.sha256", fix=None, blocked_file=None), "profile_blocked_unknown"),
    ],
)  # fmt: skip
def test_only_a_library_answers_async_libs_no(site, finding):
    """Review of issue 20, #1 and #2: the program's own computation, or a standard-library
    call with an asyncio twin, says nothing about whether its libraries are async."""
    seen, answers = infer.infer(_sampled(), _probe(sites=(site,), blocked_s=0.76))
    assert "async_libs" not in answers
    assert finding in [o.key for o in seen]


def test_an_installed_library_answers_async_libs_no():
    site = _site(call="slowlib.fetch", fix=None, blocked_file="/venv/site-packages/slowlib.py")
    _, answers = infer.infer(_sampled(), _probe(sites=(site,), blocked_s=0.76))
    assert answers["async_libs"].value is False


def test_a_probe_late_from_the_run_queue_answers_no_gil_question():
    """Review of issue 20, #8: on a busy machine the probe wakes late for want of a core."""
    busy = Sampled(0, 2.0, 0.5, 1.5, 0.3, 2, 1, 1 << 20, 100, 10)  # queued 75% of the time
    _, answers = infer.infer(busy, _probe(gil_late_p50_ms=3.0, loop_ran=False))
    assert answers["cpu_bound"].value is True
    assert "native_code" not in answers


@pytest.mark.parametrize(
    ("peak", "blocked_s", "measured"),
    [(1, 0.0, 1), (2, 0.4, 2), (1, 0.5, None), (2, 1.9, None), (3, 1.9, 3), (40, 1.0, 40)],
    ids=["never-blocked", "blocked-a-fifth", "blocked-a-quarter", "blocked-throughout",
         "three-in-flight", "forty-in-flight"],
)  # fmt: skip
def test_a_blocked_loop_measures_no_concurrency(peak, blocked_s, measured):
    """Review 27 #1: a service whose loop a call blocks starts no request task meanwhile, so a
    peak of one or two is what the block allowed; sizing an executor to it would serialise
    the work again. A higher peak was reached while the loop ran."""
    seen, answers = infer.infer(_sampled(), _probe(peak_tasks=peak, blocked_s=blocked_s))
    assert (answers["concurrency"].value if "concurrency" in answers else None) == measured
    said = any(o.key.startswith("profile_tasks_blocked") for o in seen)
    assert said == (measured is None)


def test_a_server_whose_loop_is_blocked_is_not_sized_by_its_peak(tmp_path):
    """Review 27 #1 through the CLI: twenty clients wait while the handler blocks; the report
    names the blocking line and gives no --concurrency drawn from the few tasks in flight."""
    path = PROGRAMS / "blocked_server.py"
    _, data = profile(tmp_path, str(path))
    assert "concurrency" not in data["answers"]
    keys = [o["key"] for o in data["observations"]]
    assert {"profile_tasks_blocked", "profile_tasks_blocked_one"} & set(keys), keys
    sites = [(Path(s["file"]), s["line"]) for s in data["probe"]["sites"]]
    assert (path, marked_line(path)) in sites
