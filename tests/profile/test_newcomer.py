"""The newcomer review's `profile` and `bench` defects (#14, #15, #30, #31, #40, #41, #49, #59),
as a user meets them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from advisor.benchmark.spec import make_profile
from tests.helpers import ROOT, clean_env


def test_report_dash_writes_the_report_to_stdout():
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "json", "--report", "-", "--",
         sys.executable, "-c", "import sys; print('program', file=sys.stderr)"],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "program\n"
    assert json.loads(proc.stdout)["exit_code"] == 0
    assert not (ROOT / "-").exists()


def test_a_crashed_python_program_is_reported_as_crashed():
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "json", "--report", "-", "--",
         sys.executable, "-c", "import os; os.abort()"],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    data = json.loads(proc.stdout)
    assert data["exit_code"] == 128 + 6  # SIGABRT
    assert data["probe_note"] == "crashed"


def test_a_zero_workload_is_refused_in_either_language(cli):
    for lang, words in (("en", "leave nothing to measure"), ("zh-TW", "沒有東西可量測")):
        result = cli("bench", "--lang", lang, "--cpu-bound", "no", "--io-latency", "0",
                     "--cpu-ms", "0", "--quick")  # fmt: skip
        assert result.code == 2
        assert words in result.err


def test_a_process_pool_at_concurrency_1_runs_one_at_a_time():
    profile = make_profile({"cpu_bound": False, "concurrency": 1}, workers=8, quick=True)
    assert profile.workers == 1
    assert make_profile({"cpu_bound": True}, workers=8, quick=True).workers == 8


def test_a_model_left_out_by_models_is_not_called_a_many_machine_model():
    from advisor.measurement import BenchResult
    from advisor.render.bench import verdict_lines
    from advisor.texts import ui

    fields = dict.fromkeys(BenchResult._fields)
    result = BenchResult(**{**fields, "runs": (), "ties": (), "best": None,
                            "recommended": "asyncio", "recommended_leaf": "x"})  # fmt: skip
    text = "\n".join(verdict_lines(result, ui("en")))
    assert "--models left it out" in text
    assert "more than one machine" not in text
    distributed = result._replace(recommended="distributed")
    assert "more than one machine" in "\n".join(verdict_lines(distributed, ui("en")))


def test_bench_says_what_it_assumed_and_not_what_was_given():
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "bench", "--format", "json", "--quick", "--tasks", "4",
         "--repeats", "1", "--models", "threading", "--cpu-bound", "yes"],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    flags = [item.split()[0] for item in data["assumed"]]
    assert "--cpu-bound" not in flags  # given
    assert "--concurrency" in flags
    assert any("the bench assumed" in line for line in data["verdict"])


def test_a_capped_run_says_so_and_suggests_fewer_tasks():
    from advisor.measurement import BenchResult, ModelRun
    from advisor.render.bench import verdict_lines
    from advisor.texts import ui

    profile = make_profile(
        {"cpu_bound": False, "concurrency": 500}, workers=2, tasks=100_000, quick=True
    )
    run = ModelRun(**{**dict.fromkeys(ModelRun._fields), "variant": "threading", "stopped": True})
    result = BenchResult(**{**dict.fromkeys(BenchResult._fields), "profile": profile,
                            "runs": (run,), "ties": ()})  # fmt: skip
    text = "\n".join(verdict_lines(result, ui("en")))
    assert "Stopped at the 1.5 s cap, so not ranked: threading" in text
    assert "--tasks 10000" in text


def _peak_rss(*command: str) -> int:
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "json", "--report", "-", "--",
         *command],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return int(json.loads(proc.stdout)["peak_rss"])


def test_peak_rss_is_the_programs_not_advisors_own_before_exec():
    """Newcomer #31: Linux counts the memory a child had before exec (advisor's own, tens of
    MiB) in its peak; `true` needs about 1 MiB, and a program that fills 200 MiB shows it."""
    true = shutil.which("true")
    assert true is not None
    assert _peak_rss(true) < 8 << 20  # 0 when it ended before the first sample: shown as —
    big = _peak_rss(sys.executable, "-c", "data = bytearray(200 << 20)")
    assert big >= 200 << 20


def test_one_task_is_one_task_in_either_language():
    from advisor.measurement import BenchResult
    from advisor.render.bench import profile_line
    from advisor.texts import ui

    profile = make_profile({"cpu_bound": False, "concurrency": 50}, workers=2, tasks=1, quick=True)
    result = BenchResult(**{**dict.fromkeys(BenchResult._fields), "profile": profile})
    assert profile_line(result, ui("en")).startswith("Profile: 1 task, run alone,")
    assert profile_line(result, ui("zh-TW")).startswith("工作設定：1 個任務，單獨執行，")
    many = result._replace(profile=profile._replace(tasks=2))
    assert profile_line(many, ui("en")).startswith("Profile: 2 tasks, all 2 in flight at once,")


def test_one_task_and_one_thread_in_the_profile_report():
    from advisor.measurement import ProbeSummary
    from advisor.profiler import infer
    from advisor.profiler.sampler import Sampled
    from advisor.render.profile import say
    from advisor.texts import ui

    sampled = Sampled(0, 2.0, 0.1, 0.0, 0.05, 2, 1, 1 << 20, 100, 10)
    probe = ProbeSummary(1, 100, 0.1, 0.5, True, 1.0, 1.0, 1, 1)
    _, answers = infer.infer(sampled, probe)
    assert say(answers["concurrency"].observation, ui("en")) == "peak 1 asyncio task in flight"
    threads = probe._replace(loop_ran=False, peak_threads=2)
    _, answers = infer.infer(sampled, threads)
    text = say(answers["concurrency"].observation, ui("en"))
    assert text == "peak 1 Python thread alive at once besides the main thread"


POOLS = """
import multiprocessing, time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

def nap(x):
    time.sleep(0.3)
    return x

if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        pool.map(nap, range(4))
    with ProcessPoolExecutor(2) as processes:
        list(processes.map(nap, range(4)))
    with ThreadPoolExecutor(3) as threads:
        list(threads.map(nap, range(3)))
"""


def test_concurrency_counts_worker_threads_not_a_pools_own_machinery(tmp_path):
    """Newcomer #32: multiprocessing.Pool's three handler threads, a process pool's manager
    thread and its queue's feeder do no work of the program's; the 3 pool threads do."""
    program = tmp_path / "pools.py"
    program.write_text(POOLS, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "advisor", "profile", "--format", "json", "--report",
         str(tmp_path / "report.json"), "--", sys.executable, str(program)],
        capture_output=True, text=True, env=clean_env(), cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["answers"]["concurrency"]["value"] == 3


def test_an_empty_report_name_offers_a_report_file_or_stdout(cli):
    result = cli("profile", "--report", "", "--", "python", "-c", "print('ran')")
    assert result.code == 2
    assert "--report profile.txt, or - for stdout" in result.err
    assert "example.py" not in result.err
    assert "ran" not in result.out
    zh = cli("profile", "--lang", "zh-TW", "--report", " ", "--", "python", "-c", "pass")
    assert "或用 - 寫到標準輸出" in zh.err
