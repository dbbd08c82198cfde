"""`advisor profile -- COMMAND`: real programs in, answers with evidence out.

Each program is a file in tests/fixtures/profile; each runs as the user's child exactly as
given. Timings are never asserted, only what the measurements conclude.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from advisor.benchmark.server import LoopbackServer
from advisor.measurement import ProbeSummary
from advisor.profiler import infer
from advisor.profiler.sampler import Sampled
from tests.helpers import FIXTURES, ROOT, clean_env

PROGRAMS = FIXTURES / "profile"


def profile(
    tmp_path: Path, *command: str, options: tuple[str, ...] = (), **kwargs
) -> tuple[subprocess.CompletedProcess[str], dict]:
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "json", "--report", str(report),
         *options, "--", *command],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=120, check=False,
        **kwargs,
    )  # fmt: skip
    data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    return proc, data


def test_a_cpu_loop_is_cpu_bound(tmp_path):
    proc, data = profile(tmp_path, sys.executable, str(PROGRAMS / "cpu_loop.py"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "done\n"
    answer = data["answers"]["cpu_bound"]
    assert answer["value"] is True
    assert "CPU-bound" in answer["evidence"]["text"]
    if "busy machine" not in answer["evidence"]["text"]:  # else the run queue, not the GIL
        assert data["answers"]["native_code"]["value"] is False  # the loop held the GIL
    assert data["probe"]["processes"] == 1


def test_a_program_waiting_on_sockets_is_not_cpu_bound(tmp_path):
    with LoopbackServer(latency_ms=250) as server:
        proc, data = profile(
            tmp_path, sys.executable, str(PROGRAMS / "socket_wait.py"), str(server.port)
        )
        assert server.stop() == 8
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "answered\n"
    answer = data["answers"].get("cpu_bound")
    if answer is None:
        # On a machine this busy the interpreter's start-up waits its turn for a core, and
        # waiting counts as wanting one: the profile says "mixed" and answers nothing, which is
        # honest. It must still never call the program CPU-bound.
        mixed = [o for o in data["observations"] if o["key"] == "profile_cpu_mixed"]
        assert mixed, data["observations"]
        assert int(mixed[0]["params"]["ready"]) > 0
    else:
        assert answer["value"] is False
        assert "I/O-bound" in answer["evidence"]["text"]
    assert data["answers"]["async_app"]["value"] is False


def test_a_blocking_call_in_async_code_shows_as_loop_lag(tmp_path):
    proc, data = profile(tmp_path, sys.executable, str(PROGRAMS / "async_blocking.py"))
    assert proc.returncode == 0, proc.stderr
    assert data["probe"]["loop_ran"] is True
    assert data["probe"]["loop_lag_max_ms"] >= 100
    assert any(o["key"] == "profile_loop_lag" for o in data["observations"])
    assert any("a blocking call inside async code" in line for line in data["findings"])
    assert data["answers"]["async_app"]["value"] is True
    assert data["answers"]["concurrency"]["value"] >= 40


def test_exit_code_stdout_stderr_and_stdin_pass_through(tmp_path):
    report = tmp_path / "r.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--report", str(report), "--",
         sys.executable, str(PROGRAMS / "passthrough.py"), "7"],
        input="hello\n", capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=60,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 7
    assert proc.stdout == "out: HELLO\n"
    assert proc.stderr == "err: line\n"
    assert "exit code" in report.read_text(encoding="utf-8")


def test_the_report_goes_to_stderr_after_the_programs_own_output(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--lang", "zh-TW", "--",
         sys.executable, str(PROGRAMS / "passthrough.py"), "0"],
        input="", capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=60,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 0
    assert proc.stdout == "out: "
    assert proc.stderr.startswith("err: line\n")
    assert "結束代碼" in proc.stderr


def test_no_probe_leaves_the_environment_alone(tmp_path):
    proc, data = profile(
        tmp_path, sys.executable, "-c", "import os; print(os.environ.get('PYTHONPATH', ''))",
        options=("--no-probe",),
    )  # fmt: skip
    assert proc.returncode == 0
    assert "probe" not in proc.stdout
    assert data["probe"] is None
    assert data["probe_note"] == "disabled"


def test_the_users_own_sitecustomize_still_runs(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "sitecustomize.py").write_text("import builtins\nbuiltins.OWN_SITE = True\n")
    env = clean_env(PYTHONPATH=str(own))
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--report", str(tmp_path / "r"), "--",
         sys.executable, "-c", "import sys; print(OWN_SITE, any('probe' in p for p in sys.path))"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "True False\n"


def test_a_command_that_does_not_exist_is_one_line(tmp_path):
    proc, _ = profile(tmp_path, "no-such-command-here")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "advisor: error: command not found: no-such-command-here; check the command after --"
    ]


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "no command to profile"), ("zh-TW", "沒有要分析的指令")]
)
def test_no_command_is_one_line_in_either_language(cli, lang, words):
    result = cli("profile", "--lang", lang, "--")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert words in lines[0]


def test_recommend_feeds_measured_answers_and_flags_win(tmp_path):
    proc, data = profile(
        tmp_path, sys.executable, str(PROGRAMS / "cpu_loop.py"),
        options=("--recommend", "--multi-machine", "no", "--free-threaded", "no"),
    )  # fmt: skip
    rec = data["recommendation"]
    if rec is None:  # a tree that also asks --native-code, and the GIL figure fell in between
        assert proc.returncode == 2, proc.stderr  # answers still needed (review 25, #21)
        assert "--native-code" in data["recommend_note"]
        return
    assert proc.returncode == 0, proc.stderr
    assert rec["model"] == "multiprocessing"
    step = next(s for s in rec["path"] if s["question"] == "cpu_bound")
    assert step["source"] == "measured"
    assert "CPU-bound" in step["evidence"]
    flagged = next(s for s in rec["path"] if s["question"] == "multi_machine")
    assert flagged["source"] == "flag"


def test_ctrl_c_reaches_the_child_first(tmp_path):
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-m", "advisor", "profile", "--report", str(tmp_path / "r"), "--",
         sys.executable, str(PROGRAMS / "sleeper.py"), str(marker)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env(), cwd=ROOT,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert marker.read_text() == "interrupted"
    assert proc.returncode == 130


def _sampled(cpu: float, wall: float = 2.0, ready: float = 0.0, procs: int = 1) -> Sampled:
    return Sampled(0, wall, cpu, ready, cpu / wall, 2, procs, 1 << 20, 100, 10)


def _probe(**changes) -> ProbeSummary:
    base = ProbeSummary(1, 100, 0.1, 0.5, False, 0.0, 0.0, 0, 1)
    return base._replace(**changes)


@pytest.mark.parametrize(
    ("sampled", "probe", "expected"),
    [
        (
            _sampled(1.9),
            _probe(gil_late_p50_ms=5.0),
            {"cpu_bound": True, "native_code": False, "async_app": False},
        ),
        (
            _sampled(1.9),
            _probe(gil_late_p50_ms=0.2),
            {"cpu_bound": True, "native_code": True, "async_app": False},
        ),
        (_sampled(0.5, ready=1.4), None, {"cpu_bound": True}),
        (_sampled(0.9), None, {}),
        (_sampled(0.1), _probe(), {"cpu_bound": False, "async_app": False}),
        (
            _sampled(0.1),
            _probe(loop_ran=True, peak_tasks=480),
            {"cpu_bound": False, "async_app": True, "concurrency": 480},
        ),
        (
            _sampled(0.1),
            _probe(peak_threads=21),  # 20 workers and the main thread (newcomer #32)
            {"cpu_bound": False, "async_app": False, "concurrency": 20},
        ),
        (_sampled(0.01, wall=0.05), None, {}),
    ],
    ids=[
        "python-cpu",
        "native-cpu",
        "contended",
        "in-between",
        "io",
        "asyncio",
        "threads",
        "too-short",
    ],
)
def test_inferred_answers(sampled, probe, expected):
    _, answers = infer.infer(sampled, probe)
    assert {q: a.value for q, a in answers.items()} == expected


def test_loop_lag_is_a_finding():
    from advisor.measurement import BlockingSite

    site = BlockingSite("/a.py", 3, "f", "cache.get", None, 0, None, None, 1, 0.34, 0.34, 9,
                        "ADV101", None)  # fmt: skip
    seen, _ = infer.infer(
        _sampled(0.1),
        _probe(loop_ran=True, loop_lag_max_ms=340.0, loop_lag_p95_ms=300.0, sites=(site,)),
    )
    assert seen[0].key == "profile_loop_lag"
    assert seen[0].params["max"] == "340"


def test_recommend_on_a_terminal_asks_only_what_it_could_not_measure(tmp_path):
    """In a real pty: cpu_bound is measured, so it is never asked; the questions after it
    are (Enter keeps each default), then the recommendation shows."""
    from tests.helpers import ANSI, spawn

    child = spawn(
        "profile", "--recommend", "--format", "plain", "--",
        sys.executable, str(PROGRAMS / "cpu_loop.py"), tmp_path=tmp_path,
    )  # fmt: skip
    # native code is asked when the machine was too busy to tell (the probe's lateness was
    # the run queue), measured otherwise
    later = [
        r"more than one machine", r"large calls into C", r"free-threaded Python",
        r"Recommendation: \w+",
    ]  # fmt: skip
    seen = ""
    try:
        child.expect("done")  # the program's own output comes first
        for _ in range(10):
            index = child.expect(later, timeout=60)
            seen += ANSI.sub("", child.before + child.after)
            if index == len(later) - 1:
                break
            child.send("\r")  # keep the default
        child.expect(pytest.importorskip("pexpect").EOF, timeout=30)
        seen += ANSI.sub("", child.before)
    finally:
        child.close(force=True)
    assert "Recommendation: multiprocessing" in seen
    asked, shown = seen.split("Recommendation: multiprocessing", 1)
    assert "Is the work CPU-bound" not in asked  # measured, never asked
    # the whole recommendation (its path, why) and the line that repeats it (newcomer #58)
    assert "How we got here" in shown
    repeat = shown.split("Repeat this: ", 1)[1].splitlines()[0]
    assert repeat.startswith("advisor recommend ")
    assert "--cpu-bound yes" in repeat  # measured, so carried as a flag
    assert child.exitstatus == 0


def test_ctrl_c_at_the_terminal_reaches_the_program_once(tmp_path):
    """A real Ctrl-C in a pty goes to the whole foreground group: the program handles it,
    advisor does not send it a second one, and the exit code is the program's."""
    from tests.helpers import spawn

    marker = tmp_path / "marker"
    child = spawn(
        "profile", "--report", str(tmp_path / "r"), "--",
        sys.executable, str(PROGRAMS / "sleeper.py"), str(marker), tmp_path=tmp_path,
    )  # fmt: skip
    try:
        child.expect("ready")
        time.sleep(0.3)
        child.sendintr()
        child.expect(pytest.importorskip("pexpect").EOF, timeout=30)
    finally:
        child.close(force=True)
    assert marker.read_text() == "interrupted"
    assert child.exitstatus == 130 or child.signalstatus == signal.SIGINT
    assert "exit code" in (tmp_path / "r").read_text(encoding="utf-8")


def test_the_library_function_survives_its_first_call():
    """The first `advisor.profiler` call imports the profiler; the second is still the
    function (it used to be the package, "'module' object is not callable")."""
    import advisor
    from advisor.errors import ProfileError

    for _ in range(2):
        with pytest.raises(ProfileError):
            advisor.profile([])


@pytest.mark.parametrize(
    ("command", "environ"),
    [(None, None), (42, None), (["python", 3], None), (["python", "-c", "pass"], "PATH=/bin")],
)
def test_the_library_refuses_arguments_of_the_wrong_type(command, environ):
    """One `InvalidArgumentError` (a `TypeError` too) at the boundary, never a raw
    "'NoneType' object is not iterable" from deep inside; nothing is run."""
    import advisor
    from advisor.errors import InvalidArgumentError

    with pytest.raises(InvalidArgumentError):
        advisor.profile(command, environ=environ)


def test_the_program_ends_when_advisor_is_killed(tmp_path):
    """SIGKILL gives advisor no chance to clean up: the kernel's parent-death signal does."""
    import psutil

    program = "import time\nprint('ready', flush=True)\ntime.sleep(120)\n"
    proc = subprocess.Popen(
        [sys.executable, "-m", "advisor", "profile", "--report", str(tmp_path / "r"), "--",
         sys.executable, "-c", program],
        # advisor cannot remove its probe folder after SIGKILL: keep it in the test's own.
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env=clean_env(TMPDIR=str(tmp_path)),
    )  # fmt: skip
    children: list[psutil.Process] = []
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        children = psutil.Process(proc.pid).children(recursive=True)
        assert len(children) == 1
        proc.kill()
        proc.wait(timeout=30)
        _, alive = psutil.wait_procs(children, timeout=20)
        assert alive == []
    finally:
        for child in children:
            if child.is_running():
                child.kill()
        if proc.poll() is None:
            proc.kill()
            proc.wait()


COUNTS_SIGINT = """
import signal, sys, time
seen = []
signal.signal(signal.SIGINT, lambda *_: seen.append(1))
print("ready", flush=True)
deadline = time.monotonic() + 30
while not seen and time.monotonic() < deadline:
    time.sleep(0.01)
time.sleep(0.5)  # a second delivery would land here
print(f"SIGINTs seen: {len(seen)}", flush=True)
"""


@pytest.mark.parametrize("to_group", [True, False], ids=["killpg", "kill"])
def test_a_sigint_without_a_terminal_reaches_the_program_once(tmp_path, to_group):
    """CI runners and `timeout` signal the whole process group, `kill` one process: either way
    the program sees one SIGINT (the review saw two in half the group runs)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "advisor", "profile", "--report", str(tmp_path / "r"), "--",
         sys.executable, "-c", COUNTS_SIGINT],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env(), cwd=ROOT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        if to_group:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert "SIGINTs seen: 1" in out


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_the_rich_report_wraps_every_label_at_40_columns(tmp_path, lang):
    """Review 27 #18: zh-TW labels have no space to wrap at and were cut with an ellipsis."""
    from rich.cells import cell_len

    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "rich", "--lang", lang, "--",
         sys.executable, "-c", "import time; time.sleep(0.3)"],
        capture_output=True, text=True, env=clean_env(COLUMNS="40"), cwd=ROOT, timeout=120,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) > 10
    assert "…" not in proc.stderr
    assert max(cell_len(line) for line in lines) <= 40


def test_the_free_threaded_evidence_is_the_programs_python(tmp_path):
    """Review 27 #12: `--free-threaded` was said of advisor's own interpreter (3.11) for a
    program run on another; the probe reports the program's Python, and the answer follows it."""
    found = [str(p) for p in Path.home().glob(".pyenv/versions/3.13*/bin/python3.13")]
    found.append(shutil.which("python3.13") or "")  # a pyenv shim may name one it cannot run
    runs = [
        c
        for c in found
        if c and Path(c).resolve() != Path(sys.executable).resolve()
        and subprocess.run([c, "-c", ""], capture_output=True, check=False).returncode == 0
    ]  # fmt: skip
    if not runs:
        pytest.skip("no Python 3.13 besides the one running the tests")
    other = runs[0]
    report = tmp_path / "r.json"
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--recommend", "--cpu-bound", "yes",
         "--format", "json", "--report", str(report), "--", other, "-c", "print('ran')"],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    (step,) = [s for s in data["recommendation"]["path"] if s["question"] == "free_threaded"]
    version = data["probe"]["gil"]["version"]
    assert version.startswith("3.13")
    assert f"Python {version}" in step["evidence"]
