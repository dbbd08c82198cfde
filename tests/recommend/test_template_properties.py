"""What a senior reviewer checks in the templates, each shown by running the emitted script.

The scripts carry knobs a reader would use to try them out (FAIL_JOB, RUN_DEADLINE,
JOBS, IO_DELAY); a test sets them by rewriting the constant in the emitted file,
as a user would, and compares the run against a baseline run in the same test.
Timings are compared only as ratios, never as absolute numbers.
"""

from __future__ import annotations

import ast
import re
import time
from pathlib import Path

import pytest

from advisor import templating
from tests.recommend.test_templates import Run, run_script, usable_cpus, write_script

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


def timed(path: Path) -> tuple[Run, float]:
    """The run and its wall time, start-up included (the same for both runs compared)."""
    start = time.perf_counter()
    run = run_script(path)
    return run, time.perf_counter() - start


# --- a failure stops the run; it does not work through the backlog first ---------------


@pytest.mark.parametrize(
    ("template_id", "knob", "backlog"),
    [
        ("threading", "FAIL_JOB", {"CONCURRENCY": 2, "JOBS": 100, "MAX_WORKERS": 2}),
        ("asyncio", "FAIL_JOB", {"CONCURRENCY": 2, "JOBS": 100}),
        ("asyncio_threads", "FAIL_JOB", {"CONCURRENCY": 2, "JOBS": 100, "MAX_WORKERS": 2}),
    ],
)
def test_an_early_failure_exits_well_before_the_backlog(tmp_path, template_id, knob, backlog):
    script = write_script(tmp_path, template_id, {"concurrency": 2})
    full, full_time = timed(with_constants(script, **backlog))
    assert full.returncode == 0, str(full)
    failing, fail_time = timed(with_constants(script, **backlog, **{knob: 3}))
    assert failing.returncode != 0, str(failing)
    assert failing.stderr.rstrip().splitlines()[-1] == "ConnectionError: job 3: simulated failure"
    # 50 waves of 50 ms against a failure in the second wave: far less than half.
    assert fail_time < 0.5 * full_time, (fail_time, full_time)


def test_multiprocessing_failure_drops_the_chunks_not_started(tmp_path):
    script = write_script(tmp_path, "multiprocessing", {})
    many = {"CHUNKS_PER_WORKER": 24, "ITEMS": 3_000_000}
    full, full_time = timed(with_constants(script, **many))
    assert full.returncode == 0, str(full)
    failing, fail_time = timed(with_constants(script, **many, FAIL_CHUNK=0))
    assert failing.returncode != 0, str(failing)
    assert "ValueError: chunk 0: simulated failure" in failing.stderr
    assert fail_time < 0.6 * full_time, (fail_time, full_time)


# --- the event loop stays free while an asyncio + executor run is cancelled --------------


def test_cancelled_run_keeps_the_event_loop_ticking(tmp_path):
    script = write_script(tmp_path, "asyncio_threads", {"concurrency": 4})
    # Four 1 s calls are running when the 0.2 s deadline cancels the run; four more wait.
    run = run_script(with_constants(script, RUN_DEADLINE=0.2, IO_DELAY=1.0))
    assert run.returncode == 1, str(run)
    summary = re.search(r"0 blocking calls cancelled after 0\.2 s in (\d+\.\d+) s", run.stdout)
    assert summary, str(run)
    elapsed = float(summary.group(1))
    # The running calls finish (a thread cannot be stopped); the queued ones are dropped.
    assert elapsed < 1.5 * 1.0, str(run)  # the whole backlog would take 2 x 1.0 s
    beats = re.search(r"event loop heartbeats: (\d+) of about (\d+)", run.stdout)
    assert beats, str(run)
    ticks, expected = int(beats.group(1)), int(beats.group(2))
    # A shutdown on the loop thread would freeze the heartbeat for ~0.8 of the run.
    assert ticks >= 0.5 * expected, str(run)


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


# --- one exception contract on 3.10 and 3.11+ ------------------------------------------


def test_the_first_failure_is_raised_as_itself_on_every_version(tmp_path, python310):
    import sys

    script = with_constants(write_script(tmp_path, "asyncio", {"concurrency": 4}), FAIL_JOB=3)
    last_lines = set()
    for python in (sys.executable, python310):
        run = run_script(script, python=python)
        assert run.returncode == 1, str(run)
        last_lines.add(run.stderr.rstrip().splitlines()[-1])
    # `except ConnectionError` around asyncio.run(main()) catches it on both versions.
    assert last_lines == {"ConnectionError: job 3: simulated failure"}


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


RSS_PROBE = """\
import resource, runpy, sys
path = sys.argv[1]
sys.argv = [path]
try:
    runpy.run_path(path, run_name="__main__")
finally:
    print(f"peak rss: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
"""


def _peak_rss(path: Path) -> int:
    """The script's own peak resident memory, as reported by the kernel at its exit."""
    probe = path.with_name("rss_probe.py")
    probe.write_text(RSS_PROBE, encoding="utf-8")
    run = run_script(probe, str(path))
    assert run.returncode == 0, str(run)
    match = re.search(r"^peak rss: (\d+)$", run.stdout, re.M)
    assert match, str(run)
    return int(match.group(1))


@pytest.mark.parametrize(
    ("template_id", "pool"), [("asyncio", {}), ("asyncio_threads", {"MAX_WORKERS": 10})]
)
def test_many_inputs_do_not_become_many_tasks(tmp_path, template_id, pool):
    """A million URLs must not become a million Tasks: memory stays flat with the input."""
    script = write_script(tmp_path, template_id, {"concurrency": 10})
    small = _peak_rss(with_constants(script, JOBS=100, IO_DELAY=0.0, **pool))
    many = _peak_rss(with_constants(script, JOBS=30_000, IO_DELAY=0.0, **pool))
    # One pending Task per input would add ~30 MB to a ~20 MB interpreter.
    assert many < 1.5 * small, (small, many)


# --- teaching code, not tooling chatter --------------------------------------------------


@pytest.mark.parametrize("template_id", POOL_TEMPLATES)
def test_no_tooling_chatter(template_id):
    code = templating.render(template_id, templating.context_for(template_id, {}))
    assert not re.search(r"\bruff\b|\bmypy\b|noqa|type: ?ignore|pragma|`not >=`", code)
