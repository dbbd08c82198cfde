"""`advisor bench`: every model against the real loopback server, counted; clean interrupts.

No timings are asserted: the figures depend on the machine. What is checked is that every
request was answered and counted, that shared state lost no update, that the output has
the promised shape, and that no process outlives the bench.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import psutil
import pytest

from advisor.benchmark import claims as claims_mod
from advisor.benchmark import runner
from advisor.benchmark.server import LoopbackServer
from advisor.benchmark.spec import make_profile, profile_answers
from advisor.benchmark.variants import RUNNERS, RunSpec, available_variants
from advisor.benchmark.workloads import Work
from advisor.measurement import Figure
from advisor.models import LANGS
from tests.helpers import ROOT, clean_env

VARIANTS = available_variants(shared_state=False)


@pytest.fixture
def server():
    with LoopbackServer(latency_ms=5) as srv:
        yield srv


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    "blocking_lib",
    [False, pytest.param(True, marks=pytest.mark.slow)],
    ids=["async-lib", "blocking-lib"],
)
def test_each_model_answers_every_request(server, variant, blocking_lib):
    """A tiny profile in a real worker process: all requests answered, as the server counts."""
    spec = RunSpec(
        variant=variant,
        tasks=24,
        concurrency=6,
        workers=2,
        work=Work(port=server.port, cpu_loops=2000),
        blocking_lib=blocking_lib,
    )
    sample = runner.run_once(spec, cap_s=60)
    assert sample.error is None
    assert not sample.stopped
    assert sample.answered == 24
    assert sample.computed == 24
    assert sample.peak_rss > 0
    assert server.stop() == 24


@pytest.mark.slow
@pytest.mark.parametrize("variant", available_variants(shared_state=True))
def test_shared_state_loses_no_update(variant):
    spec = RunSpec(variant, tasks=10, concurrency=5, workers=2, work=Work(increments=300))
    sample = runner.run_once(spec, cap_s=60)
    assert sample.error is None
    assert sample.counter == 3000


@pytest.mark.slow
def test_native_work_runs_in_every_model():
    for variant in VARIANTS:
        spec = RunSpec(variant, tasks=4, concurrency=2, workers=2, work=Work(native_blocks=2))
        assert runner.run_once(spec, cap_s=60).computed == 4


@pytest.mark.slow
def test_a_run_past_its_cap_is_stopped_with_its_tree(server):
    spec = RunSpec(
        "multiprocessing", tasks=400, concurrency=2, workers=2, work=Work(port=server.port)
    )
    before = set(psutil.Process().children(recursive=True))
    sample = runner.run_once(spec, cap_s=0.5)
    assert sample.stopped
    left = set(psutil.Process().children(recursive=True)) - before
    assert not [
        p
        for p in left
        if p.pid != server.pid and p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    ]


def test_ties_and_ratios_from_samples():
    profile = make_profile({"cpu_bound": False}, workers=2, quick=True)

    def samples(*walls, **extra):
        return [runner.Sample(w, w, 1, profile.tasks, profile.tasks, 0, False, None) for w in walls]

    runs = runner.summarize(
        profile,
        {
            "asyncio": samples(1.0, 1.1, 0.9),
            "threading": samples(1.05, 1.0, 1.1),  # overlaps: a tie
            "multiprocessing": samples(3.0, 3.1, 2.9),
        },
    )
    by = {r.variant: r for r in runs}
    assert runs[0].variant == "asyncio"
    assert by["asyncio"].ratio == 1.0
    assert by["asyncio"].tie
    assert by["threading"].tie
    assert not by["multiprocessing"].tie
    assert by["multiprocessing"].ratio == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("answers", "kind", "native", "blocking"),
    [
        ({"cpu_bound": True}, "cpu", False, False),
        ({"cpu_bound": True, "native_code": True}, "cpu", True, False),
        ({"cpu_bound": False, "concurrency": 500}, "io", False, False),
        ({"cpu_bound": False, "cpu_heavy_steps": True}, "mixed", False, False),
        ({"cpu_bound": False, "async_libs": False}, "io", False, True),
    ],
)
def test_profile_from_the_trees_answers(answers, kind, native, blocking):
    profile = make_profile(answers, workers=2)
    assert profile.kind == kind
    assert profile.native_code is native
    assert profile.blocking_lib is blocking
    back = profile_answers(profile)
    assert back["cpu_bound"] is (kind == "cpu")
    assert back["cpu_heavy_steps"] is (kind == "mixed")


def _bench(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", "bench", *args],
        capture_output=True,
        text=True,
        env=clean_env(),
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )


def test_bench_json_races_every_model_and_says_what_recommend_says():
    proc = _bench(
        "--cpu-bound", "no", "--concurrency", "10", "--async-libs", "yes", "--shared-memory", "no",
        "--tasks", "30", "--io-latency", "5", "--repeats", "1", "--quick", "--format", "json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {r["variant"] for r in data["runs"]} == set(VARIANTS)
    assert data["profile"]["tasks"] == 30
    assert data["recommended"] in {"threading", "asyncio", "asyncio+executor", "multiprocessing"}
    finished = [r for r in data["runs"] if not r["stopped"]]
    assert all(r["answered"] == 30 for r in finished)
    assert data["best"] in {r["variant"] for r in finished}
    assert data["verdict"]


@pytest.mark.slow
def test_bench_plain_in_chinese():
    proc = _bench(
        "--cpu-bound", "yes", "--tasks", "4", "--cpu-ms", "5", "--repeats", "1", "--lang", "zh-TW",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "各模型在這台機器上的實測比較" in proc.stdout
    assert "multiprocessing" in proc.stdout


@pytest.mark.slow
def test_bench_races_only_the_models_asked_for():
    proc = _bench(
        "--cpu-bound", "yes", "--tasks", "4", "--cpu-ms", "5", "--repeats", "1",
        "--models", "threading,multiprocessing", "--format", "json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert {r["variant"] for r in json.loads(proc.stdout)["runs"]} == {
        "threading",
        "multiprocessing",
    }


def test_native_code_makes_the_cpu_work_a_gil_releasing_call():
    """--native-code comes from the tree when it has the question, else from the bench."""
    proc = _bench(
        "--cpu-bound", "yes", "--native-code", "yes", "--tasks", "2", "--cpu-ms", "5",
        "--repeats", "1", "--models", "threading", "--format", "json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["profile"]["native_code"] is True
    assert data["runs"][0]["error"] is None


def test_bench_rejects_an_unknown_model_in_one_line(cli):
    result = cli("bench", "--cpu-bound", "yes", "--models", "threads")
    assert result.code == 2
    assert result.err.strip().splitlines() == [
        "advisor: error: --models threads: choose from "
        + ", ".join(RUNNERS)  # interpreters too: where it cannot run, it says why
        + ", separated by commas"
    ]


def test_bench_rejects_a_bad_size_in_one_line(cli):
    result = cli("bench", "--cpu-bound", "yes", "--tasks", "0")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "--tasks" in result.err


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    return [p for p in procs if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def test_ctrl_c_ends_the_server_and_every_worker():
    """SIGINT to a real `advisor bench`: exit 130, and none of its processes remain."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "advisor", "bench", "--cpu-bound", "no", "--concurrency", "4",
         "--tasks", "400", "--io-latency", "50", "--async-libs", "yes", "--shared-memory", "no",
         "--models", "multiprocessing,threading"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_env(), cwd=ROOT,
    )  # fmt: skip
    seen: set[psutil.Process] = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the server and a worker with its pool
            seen.update(_descendants(proc.pid))
            if len(_alive(list(seen))) >= 3:
                break
            time.sleep(0.05)
        assert len(seen) >= 2, "the bench never started its server and a worker"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err
        assert "Traceback" not in err
        _, alive = psutil.wait_procs(list(seen), timeout=5)
        assert not _alive(alive)
    finally:
        if proc.poll() is None:
            proc.kill()
        for child in _alive(list(seen)):
            child.kill()


# --- bench --claims ----------------------------------------------------------------------------


#: Every figure id the measurements produce, with the counts they are taken at.
FIGURE_KEYS = {
    f"{fid}@{at}" if at else fid
    for _, _, wanted in claims_mod._plan(quick=False)
    for fid, _, _, at in wanted
}


def test_every_claim_has_both_languages_and_known_figures():
    for claim in claims_mod.load_claims():
        assert set(claim["quote"]) == set(LANGS), claim["id"]
        assert set(claim["figures"]) <= FIGURE_KEYS, claim["id"]
        refs = {
            v
            for k, v in claim["check"].items()
            if k in {"resident", "virtual", "figure", "of", "to"}
        }
        assert refs <= FIGURE_KEYS, claim["id"]


def _figures(**values: float | None) -> dict[str, Figure]:
    return {key: Figure(key, value, "bytes") for key, value in values.items()}


@pytest.mark.parametrize(
    ("check", "figures", "verdict"),
    [
        ({"rule": "memory", "resident": "r", "virtual": "v", "claimed": 8e6, "fraction": 0.5}, {"r": 16e3, "v": 9e6}, "virtual_only"),
        ({"rule": "memory", "resident": "r", "virtual": "v", "claimed": 8e6, "fraction": 0.5}, {"r": 8e6, "v": 9e6}, "holds"),
        ({"rule": "memory", "resident": "r", "virtual": "v", "claimed": 8e6, "fraction": 0.5}, {"r": 16e3, "v": 1e6}, "does_not_hold"),
        ({"rule": "at_most", "figure": "s", "limit": 1.3}, {"s": 1.05}, "holds"),
        ({"rule": "at_least", "figure": "s", "limit": 1.3}, {"s": 1.05}, "does_not_hold"),
        ({"rule": "ratio_at_least", "of": "a", "to": "b", "limit": 3}, {"a": 8e-6, "b": 5e-6}, "does_not_hold"),
        ({"rule": "total_at_most", "figure": "c", "count": 10000, "limit": 100000}, {"c": 200}, "does_not_hold"),
        ({"rule": "fails", "figure": "t"}, {"t": None}, "holds"),
        ({"rule": "fails", "figure": "t"}, {"t": 16e3}, "does_not_hold"),
        ({"rule": "at_most", "figure": "missing", "limit": 1}, {}, "not_measured"),
    ],
)  # fmt: skip
def test_claim_verdicts(check, figures, verdict):
    assert claims_mod.verdict(check, _figures(**figures)) == verdict


@pytest.mark.slow
def test_bench_claims_json_in_both_languages():
    proc = _bench("--claims", "--quick", "--format", "json", timeout=300)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    ids = {c["id"] for c in data["claims"]}
    assert {"thread_stack", "coroutine_kb", "gil_threads", "context_switch"} <= ids
    by_id = {f"{f['id']}@{f['at']}" if f["at"] else f["id"]: f for f in data["figures"]}
    assert by_id["thread_rss@1000"]["value"] > 0
    assert by_id["thread_vms@1000"]["value"] > by_id["thread_rss@1000"]["value"]
    zh = _bench("--claims", "--quick", "--lang", "zh-TW", timeout=300)
    assert zh.returncode == 0, zh.stderr
    assert "每個執行緒都需要分配記憶體" in zh.stdout
    assert "章節中的說法" in zh.stdout


def test_a_server_that_cannot_start_is_one_clear_error():
    """The bench's own set-up failing is a BenchError carrying the server's last words."""
    from advisor.errors import BenchError

    with pytest.raises(BenchError, match="could not convert string to float"):
        LoopbackServer(latency_ms="soon").start()  # type: ignore[arg-type]


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_each_model_follows_every_other_equally_often(n):
    """Over 2n rounds each ordered pair of neighbours occurs equally often: no model always
    runs right after the same one (and pays for what that one leaves behind)."""
    from collections import Counter

    rounds = [runner.balanced_order(n, r) for r in range(2 * n)]
    assert all(sorted(row) == list(range(n)) for row in rounds)
    pairs = Counter((row[i - 1], row[i]) for row in rounds for i in range(1, n))
    assert len(pairs) == n * (n - 1)
    assert len(set(pairs.values())) == 1


def test_the_library_function_survives_its_first_call():
    """The first `advisor.benchmark` call imports the benchmark; the second is still the
    function (it used to be the package, "'module' object is not callable")."""
    import advisor
    from advisor.errors import InvalidAnswerError

    for _ in range(2):
        with pytest.raises(InvalidAnswerError):
            advisor.bench(cpu_bound="maybe", quick=True)


@pytest.mark.parametrize(
    "keywords",
    [
        {"tasks": 0},
        {"tasks": "10"},
        {"repeats": 0},
        {"io_latency_ms": -1},
        {"cpu_ms": "x"},
        {"tasks": True},
    ],
)
def test_the_library_refuses_workload_numbers_the_cli_refuses(keywords):
    """`advisor bench --tasks 0` is refused; `advisor.bench(tasks=0)` raced nothing and
    named a winner, and ``cpu_ms="x"`` failed deep inside with a raw TypeError. Nothing runs."""
    import advisor
    from advisor.errors import InvalidArgumentError

    with pytest.raises(InvalidArgumentError):
        advisor.bench(cpu_bound=False, concurrency=5, quick=True, **keywords)
