"""`advisor bench` as a new user meets it: installed from a wheel into a fresh venv (not
editable), run in a subprocess, what it prints checked in both languages.

The defects are those of the review of issue 20 (a hostile new user: #9, #10, #19, #20, #22)
and the newcomer review's #14, #30, #59. Workloads are a few tasks (the machine is shared):
what is asserted is counted (tasks, flags, exit codes, which interpreter ran), never a time.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.helpers import ROOT, clean_env


@pytest.fixture(scope="module")
def advisor_cli(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`advisor` installed from a wheel of this checkout into a fresh venv; its dependencies
    come from this test environment through a .pth line (no network), as in
    tests/meta/test_packaging.py."""
    pytest.importorskip("hatchling", reason="the dev extra installs hatchling to build offline")
    base = tmp_path_factory.mktemp("installed")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(base / "dist"), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    (wheel,) = (base / "dist").glob("advisor-*.whl")
    env_dir = base / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    return env_dir / "bin" / "advisor"


def run(cli: Path, *args: str, cwd: Path | None = None, timeout: float = 300):
    return subprocess.run(
        [str(cli), *args],
        capture_output=True, text=True, env=clean_env(), cwd=cwd, timeout=timeout, check=False,
    )  # fmt: skip


def other_python() -> str:
    """Another CPython 3.11+ that really runs (a pyenv shim may not), else this one."""
    for name in ("python3.14t", "python3.14", "python3.13", "python3.12"):
        found = shutil.which(name)
        if found and subprocess.run(
            [found, "-c", "import sys; assert sys.version_info >= (3, 11)"],
            capture_output=True, check=False,
        ).returncode == 0:  # fmt: skip
            return found
    return sys.executable


def logging_python(tmp_path: Path, real: str) -> tuple[Path, Path]:
    """A `python` that writes each command line it is given to a log, then runs *real*:
    which processes the bench started on it, counted."""
    log = tmp_path / "calls.log"
    wrapper = tmp_path / "python-logged"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return wrapper, log


def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


QUICK = ("--quick", "--repeats", "1")


# --- #10 and newcomer #59: the same answers and the same engine as recommend ------------------


@pytest.mark.parametrize(
    "answers",
    [
        ("--cpu-bound", "no", "--concurrency", "4"),  # the review's command
        (),  # nothing given at all
    ],
    ids=["review-10", "no-answers"],
)
def test_bench_recommends_what_recommend_gives_for_the_same_answers(advisor_cli, answers):
    proc = run(advisor_cli, "bench", *answers, "--tasks", "4", *QUICK, "--models", "threading",
               "--io-latency", "5", "--format", "json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    # --async-libs has a default in the tree (no); the bench takes it as recommend does,
    # races a blocking library, and lists it among the defaults, not as its own choice.
    assert "--async-libs no" in data["defaults"]
    assert not any(flag.startswith("--async-libs") for flag in data["assumed"])
    assert data["profile"]["blocking_lib"] is True
    command = data["recommend_command"]
    assert command.startswith("advisor recommend ")
    for flag in data["assumed"]:  # what the bench chose is in the command recommend needs
        assert flag in command or flag.split()[0] not in command
    again = run(advisor_cli, *command.split()[1:], "--format", "json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["model"] == data["recommended"]
    text = "\n".join(data["verdict"])
    assert f"advisor recommend, for the same answers: {data['recommended']}" in text
    assert f"The same answers, to see why: {command}" in text


def test_bench_says_what_it_chose_and_what_recommend_assumes_in_chinese(advisor_cli):
    proc = run(advisor_cli, "bench", "--lang", "zh-TW", "--cpu-bound", "no", "--concurrency", "4",
               "--tasks", "4", *QUICK, "--models", "threading", "--io-latency", "5",
               "--format", "plain")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "沒有指定，因此 bench 假設：--shared-memory no" in out
    assert "bench 採用與 recommend 相同的假設" in out
    assert "--async-libs no" in out
    assert "相同答案下 advisor recommend 的建議：threading（" in out
    assert (
        "以相同答案查看理由：advisor recommend --lang zh-TW --cpu-bound no --concurrency 4" in out
    )
    assert "CPU 0 毫秒；I/O 函式庫只有阻塞版本" in out  # the profile's parts joined in full width
    # #22: full-width punctuation around the machine's figures; "all 4 at once", not "4 of 4"
    assert re.search(r"機器：.+，2? ?\d+ 核心，記憶體 .+，Python ", out), out
    assert "工作設定：4 個任務，全部 4 個同時進行，" in out
    assert "每個模型只執行一次（--repeats 1）" in out


# --- newcomer #14 and #30, re-checked as installed ---------------------------------------------


def test_a_process_pool_at_concurrency_1_and_a_model_left_out(advisor_cli):
    proc = run(advisor_cli, "bench", "--cpu-bound", "no", "--concurrency", "1", "--tasks", "3",
               *QUICK, "--shared-memory", "no", "--async-libs", "no", "--async-app", "no",
               "--io-latency", "5", "--models", "multiprocessing", "--format", "json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    (row,) = data["runs"]
    assert row["setup"].startswith("ProcessPoolExecutor(1)")  # #14: never more than asked
    assert row["answered"] == 3
    assert data["recommended"] == "threading"
    text = "\n".join(data["verdict"])
    assert "--models left it out" in text  # #30: not "needs more than one machine"
    assert "more than one machine" not in text


# --- #19: a capped run says one cap, and suggests a --tasks that is not capped ---------------


def test_a_capped_run_suggests_a_tasks_that_finishes(advisor_cli):
    capped = ("--cpu-bound", "no", "--concurrency", "2", "--io-latency", "20", "--async-libs",
              "yes", "--shared-memory", "no", *QUICK, "--models", "threading")  # fmt: skip
    proc = run(advisor_cli, "bench", *capped, "--tasks", "5000", "--format", "plain")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "stopped at 1.5 s" in out  # the table and the note: one figure, not "2 s"
    assert "Stopped at the 1.5 s cap, so not ranked: threading" in out
    assert "stopped at 2 s" not in out
    assert "Profile: 5000 tasks, 2 in flight at once," in out
    found = re.search(r"--tasks (\d+) \(now 5000\)", out)
    assert found, out
    smaller = int(found.group(1))
    assert 1 <= smaller <= 75  # 20 ms at 2 in flight: 75 tasks are half the 1.5 s cap
    again = run(advisor_cli, "bench", *capped, "--tasks", str(smaller), "--format", "json")
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert [row["stopped"] for row in data["runs"]] == [False]
    assert data["runs"][0]["answered"] == smaller
    assert data["suggested_tasks"] is None
    zh = run(advisor_cli, "bench", "--lang", "zh-TW", *capped, "--tasks", "5000")
    assert "於 1.5 秒時停止" in zh.stdout
    assert f"若要完整比較，請減少任務數：--tasks {smaller}（目前 5000）" in zh.stdout


# --- #22: plural forms --------------------------------------------------------------------------


def test_one_task_one_repeat_one_request_in_english(advisor_cli):
    proc = run(advisor_cli, "bench", "--cpu-bound", "no", "--concurrency", "50", "--tasks", "1",
               *QUICK, "--models", "threading", "--io-latency", "5", "--format", "plain")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Profile: 1 task, run alone, 5 ms of I/O" in out
    assert "One run of each model (--repeats 1)" in out
    assert "answered 1 request." in out
    assert "Medians of 1 repeats" not in out
    assert "1 tasks" not in out


# --- #9 and newcomer #59: --claims on --python, and nothing silently ignored ------------------


def test_claims_are_measured_on_the_python_given(advisor_cli, tmp_path):
    real = other_python()
    version = subprocess.run(
        [real, "-c", "import platform; print(platform.python_version())"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    wrapper, log = logging_python(tmp_path, real)
    proc = run(advisor_cli, "bench", "--claims", "--quick", "--python", str(wrapper),
               "--format", "json", timeout=600)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["machine"]["python"].startswith(version)
    calls = log.read_text(encoding="utf-8").splitlines()
    measured = [line for line in calls if "advisor.benchmark.measure" in line]
    assert len(measured) == 8  # tasks and coroutines at 1,000 and 10,000, the rest once
    assert {line.split()[2] for line in measured} == {
        "threads", "tasks", "coroutines", "startup", "speedup", "handoff"
    }  # fmt: skip
    figures = {f["id"]: f for f in data["figures"]}
    assert figures["thread_rss"]["value"] > 0  # memory measured there, without psutil


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "--claims measures fixed figures, so --models, --tasks, --cpu-bound would change "
               "nothing; drop them, or drop --claims to race the models"),
        ("zh-TW", "--claims 量測的是固定的數據，因此 --models、--tasks、--cpu-bound 不會改變任何結果"),
    ],
)  # fmt: skip
def test_claims_refuse_the_options_of_a_race(advisor_cli, lang, words):
    line = one_line(run(advisor_cli, "bench", "--lang", lang, "--claims", "--quick",
                        "--tasks", "5", "--models", "threading", "--cpu-bound", "yes"))  # fmt: skip
    assert words in line, line


# --- #20: --python and --models errors: one line, the problem and the fix --------------------


def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def _pythons(tmp_path: Path) -> dict[str, Path]:
    """Things a user passes to --python that cannot race: each a minimal reproduction."""
    not_executable = tmp_path / "python3-copy"
    not_executable.write_text("not a program\n", encoding="utf-8")
    return {
        "folder": tmp_path,
        "missing": tmp_path / "no-such-python",
        "not-executable": not_executable,
        # pyenv's shim for a version that is installed but not selected: a paragraph on
        # stderr whose last line is the tail of a sentence (the review quoted that tail)
        "shim": _script(
            tmp_path / "python3.12",
            (
                'echo "pyenv: python3.12: command not found" >&2\necho >&2\n'
                'echo "The \\`python3.12\' command exists in these Python versions:" >&2\n'
                'echo "  3.12.1" >&2\necho >&2\n'
                "echo \"Note: See 'pyenv help global' for tips on allowing both\" >&2\n"
                'echo "      Python versions to be found at the same time." >&2\nexit 127\n'
            ),
        ),
        # an old interpreter answers the version line (any Python can), nothing more is run
        "old": _script(tmp_path / "python3.9", 'echo "3.9.18 CPython"\n'),
    }


EXPECTED = {
    "folder": ("it is a folder, not a Python", "這是資料夾，不是 Python"),
    "missing": ("no such program", "找不到這個程式"),
    "not-executable": ("it is not executable", "它沒有執行權限"),
    "shim": (
        "it does not run as Python (pyenv: python3.12: command not found)",
        "它無法以 Python 執行（pyenv: python3.12: command not found）",
    ),
    "old": ("it is Python 3.9.18, older than 3.11", "它是 Python 3.9.18，比 3.11 舊"),
}


@pytest.mark.parametrize("case", list(EXPECTED))
def test_a_python_that_cannot_race_is_one_line_with_the_fix(advisor_cli, tmp_path, case):
    path = _pythons(tmp_path)[case]
    for lang, words, fix in (
        ("en", EXPECTED[case][0], "give the path of a Python 3.11 or newer"),
        ("zh-TW", EXPECTED[case][1], "請給 Python 3.11 或更新版本的路徑"),
    ):
        line = one_line(run(advisor_cli, "bench", "--lang", lang, "--cpu-bound", "yes",
                            *QUICK, "--python", str(path)))  # fmt: skip
        assert f"--python {path}: " in line
        assert words in line, line
        assert line.endswith(fix), line
        assert "Python versions to be found" not in line
        assert "TypeError" not in line


@pytest.mark.parametrize("name", ["python3.9", "python3.10"])
def test_a_real_old_python_is_named_not_a_typeerror(advisor_cli, name):
    found = shutil.which(name)
    if not found or subprocess.run([found, "-V"], capture_output=True, check=False).returncode != 0:
        pytest.skip(f"no working {name} here")
    line = one_line(run(advisor_cli, "bench", "--cpu-bound", "yes", *QUICK, "--python", found))
    assert f"it is Python {name[6:]}." in line
    assert "older than 3.11" in line


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="this Python has InterpreterPoolExecutor")
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "interpreters (InterpreterPoolExecutor) need Python 3.14 or newer, and the "
               "models would race on Python 3."),
        ("zh-TW", "interpreters（InterpreterPoolExecutor）需要 Python 3.14 或更新版本"),
    ],
)  # fmt: skip
def test_models_interpreters_says_it_needs_python_314(advisor_cli, lang, words):
    line = one_line(run(advisor_cli, "bench", "--lang", lang, "--cpu-bound", "yes", *QUICK,
                        "--models", "threading,interpreters"))  # fmt: skip
    assert words in line, line
    assert "--python" in line
    assert "choose from" not in line


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (("--cpu-bound", "yes", "--cpu-ms", "0"), "--cpu-ms 0 leaves nothing to measure",
         "--cpu-ms 0 讓 bench 沒有東西可量測"),
        (("--cpu-bound", "no", "--io-latency", "0"), "--io-latency 0 leaves nothing to measure",
         "--io-latency 0 讓 bench 沒有東西可量測"),
        (("--cpu-bound", "no", "--io-latency", "0", "--cpu-ms", "0"),
         "--io-latency 0 and --cpu-ms 0 leave nothing", "--io-latency 0 與 --cpu-ms 0"),
    ],
)  # fmt: skip
def test_a_zero_workload_names_only_the_flags_given(advisor_cli, args, en, zh):
    line = one_line(run(advisor_cli, "bench", *args, "--quick"))
    assert en in line
    given = {a for a in args if a.startswith(("--io", "--cpu-ms"))}
    assert ("--io-latency 0" in line) == ("--io-latency" in given)
    assert zh in one_line(run(advisor_cli, "bench", "--lang", "zh-TW", *args, "--quick"))


# --- zh-TW typography of everything bench prints -------------------------------------------------


def test_bench_chinese_texts_use_full_width_punctuation():
    """tests/meta/test_zh_typography.py checks ASCII marks touching a Chinese character; these
    sat between a placeholder and Chinese ("{cpu},{cores} 核心", "yes:CPU"), which it cannot
    see. Flags, placeholders and code are left out; what remains is prose."""
    import yaml

    ui = yaml.safe_load((ROOT / "advisor/texts/ui.yaml").read_text("utf-8"))
    errors = yaml.safe_load((ROOT / "advisor/texts/errors.zh-TW.yaml").read_text("utf-8"))
    texts = {k: v["zh-TW"] for k, v in ui.items() if k.startswith(("bench_", "help_bench_"))}
    texts.update({k: v for k, v in errors.items() if k.startswith("bench_")})
    code = re.compile(
        r"\{\w+\}|--[\w-]+(?: [\w.+,-]+)?|[A-Za-z][\w.+-]*(?:\([^)]*\))?|\d+(?:\.\d+)?%?"
    )
    bad = {}
    for key, text in texts.items():
        prose = code.sub("", re.sub(r"^--python \{path\}: |^--models \{value\}: ", "", text))
        if re.search(r"[,;()]|:(?!$)", prose):
            bad[key] = text
    assert bad == {}


# --- #9: the race itself runs on --python, every worker --------------------------------------


def test_every_worker_of_the_race_runs_on_the_python_given(advisor_cli, tmp_path):
    wrapper, log = logging_python(tmp_path, other_python())
    proc = run(advisor_cli, "bench", "--python", str(wrapper), "--cpu-bound", "yes",
               "--cpu-ms", "5", "--tasks", "2", "--quick", "--repeats", "2",
               "--models", "threading,multiprocessing", "--format", "json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    workers = [line for line in log.read_text("utf-8").splitlines() if "benchmark.worker" in line]
    assert len(workers) == 2 * 2  # two models, two repeats, each a worker on that Python
    assert all(run["error"] is None for run in json.loads(proc.stdout)["runs"])


# --- newcomer #41 for bench: a worker ended by a signal is reported as crashed ---------------


def test_a_worker_killed_by_a_signal_is_reported_as_crashed(advisor_cli):
    import signal
    import time

    import psutil

    bench = subprocess.Popen(
        [str(advisor_cli), "bench", "--cpu-bound", "no", "--concurrency", "1", "--io-latency",
         "20", "--tasks", "200", "--repeats", "1", "--models", "threading", "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env(),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        killed = False
        while not killed and time.monotonic() < deadline and bench.poll() is None:
            for child in psutil.Process(bench.pid).children(recursive=True):
                try:
                    if "advisor.benchmark.worker" in " ".join(child.cmdline()):
                        child.send_signal(signal.SIGKILL)
                        killed = True
                except psutil.NoSuchProcess:
                    continue
            time.sleep(0.05)
        out, err = bench.communicate(timeout=120)
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.communicate()
    assert killed
    assert bench.returncode == 0, err
    (row,) = json.loads(out)["runs"]
    assert row["error"] == "crashed: SIGKILL"
    assert row["stopped"] is False


# --- the pure parts behind the messages ------------------------------------------------------


def test_a_suggested_tasks_fits_half_the_cap_at_the_fewest_in_flight():
    from advisor.benchmark.spec import make_profile, tasks_within_cap

    io = make_profile({"cpu_bound": False, "concurrency": 2, "async_libs": True}, workers=2,
                      tasks=5000, io_latency_ms=20, quick=True)  # fmt: skip
    assert tasks_within_cap(io) == 50  # 75 fit in 0.75 s at 2 in flight, rounded down
    # a blocking library: asyncio.to_thread's default pool (cores + 4) bounds what is in flight
    blocking = io._replace(concurrency=500, blocking_lib=True)
    assert tasks_within_cap(blocking) == 200  # 0.75 s / (20 ms / 6)
    cpu = make_profile({"cpu_bound": True}, workers=2, tasks=100, cpu_ms=100, quick=True)
    assert tasks_within_cap(cpu) == 5  # one at a time under the GIL: 7.5, rounded down
    assert tasks_within_cap(cpu._replace(tasks=3)) == 1  # never more than half asked for


def test_what_a_version_line_says():
    from advisor.benchmark.interpreter import check_version, version_tuple
    from advisor.errors import UsageError

    assert check_version("py", "3.13.0 CPython\n", "", 0) == "3.13.0 (CPython)"
    assert version_tuple("3.14.0rc1 (CPython)") == (3, 14, 0)
    with pytest.raises(UsageError, match=r"it is Python 3\.10\.13, older than 3\.11"):
        check_version("py", "3.10.13 CPython\n", "", 0)
    with pytest.raises(UsageError, match=r"does not run as Python \(exit code 126\)"):
        check_version("py", "", "", 126)
