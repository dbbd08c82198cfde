"""What a senior reviewer checks in the templates, each shown by running the emitted script.

The scripts carry knobs a reader would use to try them out (FAIL_JOB, RUN_DEADLINE,
JOBS, IO_DELAY); a test sets them by rewriting the constant in the emitted file,
as a user would. Nothing is timed, not even as a ratio (a busy machine stretches one
run and not the other): a test counts what happened instead, by running the script's
main() with a few of its functions wrapped to log each call (`counted`), so the log
says how many jobs started, in which order, and how many tasks were alive at once.
"""

from __future__ import annotations

import ast
import os
import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from advisor import templating
from tests.recommend.test_templates import Run, run_script, script_env, usable_cpus, write_script

POOL_TEMPLATES = templating.template_ids()


def with_constants(path: Path, **values: object) -> Path:
    """Rewrite module-level constants (`NAME: type = value` or `NAME = value`) in a script."""
    code = path.read_text(encoding="utf-8")
    for name, value in values.items():
        code, count = re.subn(
            rf"^{name}(: [^=]+)? = .*$", f"{name} = {value!r}", code, count=1, flags=re.M
        )
        assert count == 1, f"{path.name} has no constant {name}"
    target = path.with_name(f"{path.stem}_{len(list(path.parent.glob('*.py')))}.py")
    target.write_text(code, encoding="utf-8")
    return target


CALL_LOG = """\
\"\"\"Wraps functions of the template module named in $CALL_LOG_MODULE (dotted paths from it,
such as `fetch`, `Client.get` or `asyncio.sleep`, listed in $CALL_LOG_NAMES) so that each
call appends "NAME start" and "NAME end" to the file $CALL_LOG. A file, because the count
must survive worker processes and a run that ends in an exception. The wrappers are
module-level functions of this module, so a process pool pickles them by name, and the
originals are taken when this module is first imported: before any patch in this process,
from a fresh import of the template in a spawned worker.\"\"\"
import importlib
import os

TARGET = importlib.import_module(os.environ["CALL_LOG_MODULE"])
NAMES = [name for name in os.environ["CALL_LOG_NAMES"].split(",") if name]


def write(event):
    with open(os.environ["CALL_LOG"], "a", encoding="utf-8") as log:
        log.write(event + "\\n")


def owner_of(name):
    owner = TARGET
    for part in name.split(".")[:-1]:
        owner = getattr(owner, part)
    return owner, name.rsplit(".", 1)[-1]


def wrap(name, original):
    def wrapper(*args, **kwargs):
        write(f"{name} start")
        try:
            return original(*args, **kwargs)
        finally:
            write(f"{name} end")

    wrapper.__name__ = wrapper.__qualname__ = "counted_" + name.replace(".", "_")
    globals()[wrapper.__name__] = wrapper
    return wrapper


WRAPPERS = {name: wrap(name, getattr(*owner_of(name))) for name in NAMES}


def install():
    for name, wrapper in WRAPPERS.items():
        setattr(*owner_of(name), wrapper)
"""

RUNNER = """\
\"\"\"Runs the template's main() as its `if __name__ == "__main__"` block does, with the
wrappers installed; an asyncio main runs under a task factory that logs the peak number
of tasks alive at once and each task that ended cancelled (by the coroutine's name).\"\"\"
import asyncio
import inspect
import sys

import call_log


async def observed(main):
    live, peak = set(), 0

    def ended(task):
        live.discard(task)
        if task.cancelled():
            call_log.write(f"cancelled {task.get_coro().__qualname__}")

    def factory(loop, coro, **kwargs):
        nonlocal peak
        task = asyncio.Task(coro, loop=loop, **kwargs)
        live.add(task)
        task.add_done_callback(ended)
        peak = max(peak, len(live))
        return task

    asyncio.get_running_loop().set_task_factory(factory)
    try:
        return await main
    finally:
        call_log.write(f"peak tasks {peak}")


if __name__ == "__main__":
    call_log.install()
    result = call_log.TARGET.main()
    if inspect.iscoroutine(result):
        result = asyncio.run(observed(result))
    sys.exit(result)
"""


def counted(path: Path, *names: str, interrupt_after: int = 0) -> tuple[Run, list[str]]:
    """Run the script with *names* counted; returns the run and its call log, in order.
    With `interrupt_after`, Ctrl-C reaches the script's process group (as from a terminal)
    once that many counted calls have started."""
    (path.parent / "call_log.py").write_text(CALL_LOG, encoding="utf-8")
    runner = path.with_name("run_counted.py")
    runner.write_text(RUNNER, encoding="utf-8")
    log = path.with_suffix(".calls")
    env = script_env(CALL_LOG=str(log), CALL_LOG_MODULE=path.stem, CALL_LOG_NAMES=",".join(names))

    def interrupt(proc) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
            if sum(starts(lines).values()) >= interrupt_after:
                os.killpg(proc.pid, signal.SIGINT)
                return
            time.sleep(0.01)

    run = run_script(runner, env=env, while_running=interrupt if interrupt_after else None)
    return run, log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def starts(log: list[str]) -> Counter[str]:
    """How many times each counted function was called."""
    return Counter(line.removesuffix(" start") for line in log if line.endswith(" start"))


def cancelled(log: list[str]) -> Counter[str]:
    """How many tasks running each coroutine ended cancelled (asyncio templates)."""
    return Counter(line.removeprefix("cancelled ") for line in log if line.startswith("cancelled "))


FAN_OUT = [
    ("threading", "fetch", {"CONCURRENCY": 2, "JOBS": 100, "MAX_WORKERS": 2}),
    ("asyncio", "Client.get", {"CONCURRENCY": 2, "JOBS": 100}),
    ("asyncio_threads", "blocking_call", {"CONCURRENCY": 2, "JOBS": 100, "MAX_WORKERS": 2}),
]
FAN_OUT_IDS = [template_id for template_id, _, _ in FAN_OUT]
#: Fail fast on the first error, without retries (ATTEMPTS) or the demo's flaky jobs.
FAIL_FAST = {"FAIL_FAST": True, "ATTEMPTS": 1, "FLAKY_EVERY": 0}


# --- fail fast: a failure stops the run; it does not work through the backlog first -----


@pytest.mark.parametrize(("template_id", "call", "backlog"), FAN_OUT, ids=FAN_OUT_IDS)
def test_an_early_failure_exits_well_before_the_backlog(tmp_path, template_id, call, backlog):
    script = write_script(tmp_path, template_id, {"concurrency": 2})
    failing, log = counted(with_constants(script, **backlog, **FAIL_FAST, FAIL_JOB=3), call)
    assert failing.returncode != 0, str(failing)
    # Raised as itself, not as an ExceptionGroup: main()'s `except*` unwraps the TaskGroup's.
    assert failing.stderr.rstrip().splitlines()[-1] == "ConnectionError: job 3: simulated failure"
    assert "ExceptionGroup" not in failing.stderr, str(failing)
    # Jobs 0-3, the two beside the failure and the few already queued (a queue or submit
    # window of 2 x 2) start; the other ~90 of the backlog never do.
    assert 4 <= starts(log)[call] <= 3 + 1 + 2 + 2 * 2, log
    if template_id != "threading":
        # The TaskGroup cancelled the other worker and the producer (blocked on a full
        # queue); the failing worker ended with its exception, not cancelled.
        assert cancelled(log)["worker"] == 1, log
        assert cancelled(log)["producer"] == 1, log


CALLER = """\
import asyncio
import sys

import {module} as template

try:
    result = template.main()
    if asyncio.iscoroutine(result):
        asyncio.run(result)
except ConnectionError as error:  # a caller's plain except, no except*
    print(f"caught {{type(error).__name__}}: {{error}}")
    sys.exit(0)
sys.exit(3)
"""


@pytest.mark.parametrize(("template_id", "call", "backlog"), FAN_OUT, ids=FAN_OUT_IDS)
def test_a_callers_except_connection_error_catches_the_failure(
    tmp_path, template_id, call, backlog
):
    """The docstrings promise `except ConnectionError:` around main() works under FAIL_FAST,
    TaskGroup or not."""
    script = with_constants(
        write_script(tmp_path, template_id, {"concurrency": 2}), **backlog, **FAIL_FAST, FAIL_JOB=3
    )
    caller = script.with_name("caller.py")
    caller.write_text(CALLER.format(module=script.stem), encoding="utf-8")
    run = run_script(caller)
    assert run.returncode == 0, str(run)
    assert run.stdout == "caught ConnectionError: job 3: simulated failure\n", str(run)


@pytest.mark.parametrize(("template_id", "call", "backlog"), FAN_OUT, ids=FAN_OUT_IDS)
def test_ctrl_c_stops_the_run_without_the_backlog(tmp_path, template_id, call, backlog):
    """Ctrl-C in either failure mode: the calls running finish or are cancelled, the backlog
    of a thousand jobs never starts, and no process is left (run_script checks the session)."""
    script = write_script(tmp_path, template_id, {"concurrency": 2})
    knobs = {**backlog, "JOBS": 1_000, "IO_DELAY": 0.2}
    run, log = counted(with_constants(script, **knobs), call, interrupt_after=2)
    assert run.returncode != 0, str(run)
    assert run.stderr.rstrip().splitlines()[-1] == "KeyboardInterrupt", str(run)
    # Two running at the signal, at most a submit window or queue (2 x 2) more in flight.
    assert 2 <= starts(log)[call] <= 2 + 2 * 2, log


def test_ctrl_c_stops_the_process_pipeline_and_its_forkserver(tmp_path):
    """asyncio_processes under Ctrl-C: downloads stop, and neither the pool's workers nor the
    forkserver outlive the script (run_script fails on any process left in the session)."""
    script = write_script(tmp_path, "asyncio_processes", {"concurrency": 2})
    knobs = {"JOBS": 1_000, "IO_DELAY": 0.2}
    run, log = counted(with_constants(script, **knobs), "Client.get", interrupt_after=2)
    assert run.returncode != 0, str(run)
    assert run.stderr.rstrip().splitlines()[-1] == "KeyboardInterrupt", str(run)
    assert 2 <= starts(log)["Client.get"] <= 2 + 2, log


# --- record and continue: retries with backoff, failures counted, the run goes on --------


@pytest.mark.parametrize(("template_id", "call", "backlog"), FAN_OUT, ids=FAN_OUT_IDS)
def test_failures_are_retried_recorded_and_the_run_goes_on(tmp_path, template_id, call, backlog):
    script = write_script(tmp_path, template_id, {"concurrency": 2})
    # 20 jobs: job 3 fails on every try; jobs 4, 9, 14 and 19 time out once (FLAKY_EVERY=5).
    knobs = {**backlog, "JOBS": 20, "FAIL_JOB": 3, "FLAKY_EVERY": 5, "BACKOFF": 0.001}
    run, log = counted(with_constants(script, **knobs), call, "backoff")
    # Failures recorded: the run finishes, says so and exits 1.
    assert run.returncode == 1, str(run)
    assert "Traceback" not in run.stderr, str(run)
    assert re.search(r"^\w+: 19 \w+( \w+)? finished in ", run.stdout, re.M), str(run)
    summary = r"^  failures: 1 failed, 6 retries \(up to 3 tries each, .*record and continue\)$"
    assert re.search(summary, run.stdout, re.M), str(run)
    failed = re.findall(r"^  failed: (.*)$", run.stdout, re.M)
    assert failed == ["job 3: ConnectionError: job 3: simulated failure"], str(run)
    # Counted: every job was tried (nothing aborted), job 3 three times, the four flaky
    # jobs twice; each retry waited one backoff first.
    assert starts(log)[call] == 20 + 2 + 4, log
    assert starts(log)["backoff"] == 6, log


def test_backoff_grows_exponentially_with_jitter_and_a_cap(tmp_path):
    import runpy

    path = write_script(tmp_path, "threading", {"concurrency": 2})
    module = runpy.run_path(str(path), run_name="template_under_test")
    backoff = module["backoff"]
    base, cap = module["BACKOFF"], module["MAX_BACKOFF"]
    for attempt in range(1, 12):
        ceiling = min(cap, base * 2 ** (attempt - 1))
        waits = {backoff(attempt) for _ in range(50)}
        assert all(0 <= wait <= ceiling for wait in waits)
        assert len(waits) > 1  # jitter: not one fixed delay


def test_multiprocessing_failure_drops_the_chunks_not_started(tmp_path):
    script = write_script(tmp_path, "multiprocessing", {})
    many = {"CHUNKS_PER_WORKER": 24, "ITEMS": 3_000_000, "FAIL_CHUNK": 0}
    failing, log = counted(with_constants(script, **many), "process_chunk")
    assert failing.returncode != 0, str(failing)
    assert "ValueError: chunk 0: simulated failure" in failing.stderr
    # Chunk 0 fails first; the pool holds at most one call per worker plus one in its call
    # queue, and cancel_futures drops the rest: far fewer than the 24 per worker.
    workers = usable_cpus()
    assert 1 <= starts(log)["process_chunk"] <= 1 + 3 * (workers + 1) < 24 * workers, log


# --- the event loop stays free while an asyncio + executor run is cancelled --------------


def test_cancelled_run_keeps_the_event_loop_ticking(tmp_path):
    script = write_script(tmp_path, "asyncio_threads", {"concurrency": 4})
    # Four 1 s calls are running when the 0.2 s deadline cancels the run; four more wait.
    calls = ("blocking_call", "ThreadPoolExecutor.shutdown", "asyncio.sleep")
    run, log = counted(with_constants(script, RUN_DEADLINE=0.2, IO_DELAY=1.0), *calls)
    assert run.returncode == 1, str(run)
    assert re.search(r"0 blocking calls cancelled after 0\.2 s in \d+\.\d+ s", run.stdout), str(run)
    # The running calls finish (a thread cannot be stopped); the queued ones never start.
    assert starts(log)["blocking_call"] == 4, log
    # The pool's shutdown waits for the four running calls, off the loop thread: the
    # heartbeat (asyncio.sleep) keeps ticking meanwhile. A shutdown on the loop thread
    # would block the loop, and no tick could fall between its start and its end.
    begin = log.index("ThreadPoolExecutor.shutdown start")
    end = log.index("ThreadPoolExecutor.shutdown end", begin)
    during = starts(log[begin:end])
    assert during["blocking_call"] == 0, log  # nothing started after the deadline
    assert log[begin:end].count("blocking_call end") == 4, log
    assert during["asyncio.sleep"] >= 1, log


def _async_functions_with_executor_blocks(code: str) -> list[str]:
    found = []
    for fn in ast.walk(ast.parse(code)):
        if isinstance(fn, ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, (ast.With, ast.AsyncWith)):
                    for item in node.items:
                        call = item.context_expr
                        if isinstance(call, ast.Call) and "Executor" in ast.unparse(call.func):
                            found.append(fn.name)
    return found


@pytest.mark.parametrize("template_id", POOL_TEMPLATES)
def test_no_executor_is_shut_down_on_the_event_loop_thread(template_id):
    code = templating.render(template_id, templating.context_for(template_id, {}))
    assert _async_functions_with_executor_blocks(code) == []


# --- self-checks print a verdict only for what they measured ------------------------------


@pytest.mark.parametrize(
    ("limit", "verdict"),
    [
        (1e9, "(the loop kept running: no gap as long as one blocking call, "),
        (0.0, "(the loop stalled for up to "),
    ],
)
def test_heartbeat_verdict_follows_the_measured_gap(tmp_path, limit, verdict):
    """No timing: with a limit no gap can reach, or one every gap reaches, the verdict flips."""
    script = write_script(tmp_path, "asyncio_threads", {"concurrency": 4})
    run = run_script(with_constants(script, STALL_LIMIT=limit))
    assert run.returncode == 0, str(run)
    verdicts = [line for line in run.stdout.splitlines() if line.startswith("  (the loop")]
    assert len(verdicts) == 1, str(run)
    assert verdicts[0].startswith("  " + verdict), str(run)
    if limit == 0.0:
        assert "lazily inside submit() on the loop thread" in verdicts[0]


@pytest.mark.parametrize(
    ("faster", "verdict"), [(0.0, "(the threads ran in parallel: "), (1e9, "(no speed-up measured")]
)
def test_threading_native_verdict_follows_the_measurement(tmp_path, faster, verdict):
    script = write_script(tmp_path, "threading_native", {})
    run = run_script(with_constants(script, FASTER=faster, MIN_SECONDS=0.0, RUNS=1))
    assert run.returncode == 0, str(run)
    if usable_cpus() == 1:
        verdict = "(one usable CPU: nothing to run in parallel here)"
    verdicts = [line for line in run.stdout.splitlines() if line.startswith("  (")]
    assert len(verdicts) == 1, str(run)
    assert verdicts[0].startswith("  " + verdict), str(run)


def test_threading_native_measures_each_side_for_long_enough(tmp_path):
    """Each side of the speed check covers enough passes that the pool, even if perfectly
    parallel, runs MIN_SECONDS: counted as files hashed, not timed."""
    script = write_script(tmp_path, "threading_native", {})
    run, log = counted(with_constants(script, MIN_SECONDS=0.2, RUNS=3), "digest")
    assert run.returncode == 0, str(run)
    match = re.search(r"median of 3 runs over (\d+) files", run.stdout)
    assert match, str(run)
    files = 2 * usable_cpus()
    passes = int(match.group(1)) // files
    assert passes >= 1
    # One timed run of the pool, one calibration pass, then 3 + 3 runs over the passes.
    assert starts(log)["digest"] == files * (2 + 6 * passes), log


# --- pools are sized from the answers, capped where the platform says so ----------------


@pytest.mark.parametrize("template_id", POOL_TEMPLATES)
def test_every_pool_is_sized_explicitly(template_id):
    """ThreadPoolExecutor() alone gets min(32, CPUs + 4) threads: the measured 11.7x trap."""
    code = templating.render(template_id, templating.context_for(template_id, {}))
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("PoolExecutor"):
            sized = node.args or any(k.arg == "max_workers" for k in node.keywords)
            assert sized, f"{template_id}: {ast.unparse(node)}"


@pytest.mark.parametrize("template_id", ["asyncio_processes", "multiprocessing"])
def test_process_pools_respect_the_windows_limit(template_id, tmp_path, monkeypatch):
    """ProcessPoolExecutor raises ValueError above 61 workers on Windows."""
    import runpy
    import sys

    path = write_script(tmp_path, template_id, {"concurrency": 4})
    module = runpy.run_path(str(path), run_name="template_under_test")
    process_workers = module["process_workers"]
    process_workers.__globals__["usable_cpus"] = lambda: 128
    monkeypatch.setattr(sys, "platform", "win32")
    assert process_workers() == 61
    monkeypatch.setattr(sys, "platform", "linux")
    assert process_workers() == 128


def test_process_pool_uses_forkserver_where_fork_is_the_default(tmp_path):
    """Forking a process whose event loop and thread pool already run threads can deadlock
    the child (3.12+ warns); the template asks for forkserver where fork is the default."""
    import multiprocessing
    import runpy

    path = write_script(tmp_path, "asyncio_processes", {"concurrency": 4})
    context = runpy.run_path(str(path), run_name="template_under_test")["process_context"]()
    methods = multiprocessing.get_all_start_methods()
    if multiprocessing.get_context().get_start_method() == "fork" and "forkserver" in methods:
        assert context is not None
        assert context.get_start_method() == "forkserver"
    else:
        assert context is None  # spawn (Windows, macOS) or forkserver already (3.14+ Linux)


# --- backpressure and bounded memory ----------------------------------------------------


def test_payloads_waiting_for_a_cpu_stay_bounded(tmp_path):
    script = write_script(tmp_path, "asyncio_processes", {"concurrency": 50})
    run = run_script(with_constants(script, JOBS=100))
    assert run.returncode == 0, str(run)
    match = re.search(r"peak waiting for a CPU: (\d+) \(bound (\d+)\)", run.stdout)
    assert match, str(run)
    assert int(match.group(2)) == 2 * usable_cpus()
    # 50 downloads finish every 50 ms while the CPUs take longer: the queue fills to its
    # bound and downloading waits, instead of all 100 payloads piling up.
    assert 0 < int(match.group(1)) <= int(match.group(2)) < 100


@pytest.mark.parametrize(
    ("template_id", "pool"), [("asyncio", {}), ("asyncio_threads", {"MAX_WORKERS": 10})]
)
def test_many_inputs_do_not_become_many_tasks(tmp_path, template_id, pool):
    """A million URLs must not become a million Tasks: the tasks alive at once are counted."""
    script = write_script(tmp_path, template_id, {"concurrency": 10})
    run, log = counted(with_constants(script, JOBS=3_000, IO_DELAY=0.0, **pool))
    assert run.returncode == 0, str(run)
    assert "3000 " in run.stdout.splitlines()[0], str(run)
    peak_tasks = int(next(line for line in log if line.startswith("peak tasks")).split()[-1])
    # The producer, ten workers, main and the heartbeat: bounded by the concurrency, not
    # by the 3,000 inputs (asyncio.timeout starts no task per request).
    assert 10 < peak_tasks <= 2 * 10 + 3, log
    in_flight = re.search(r"peak in flight: (\d+)", run.stdout)
    assert in_flight, str(run)
    assert int(in_flight.group(1)) <= 10


# --- teaching code, not tooling chatter --------------------------------------------------


@pytest.mark.parametrize("template_id", POOL_TEMPLATES)
def test_no_tooling_chatter(template_id):
    code = templating.render(template_id, templating.context_for(template_id, {}))
    assert not re.search(r"\bruff\b|\bmypy\b|noqa|type: ?ignore|pragma|`not >=`", code)
