"""The `--program service` templates, served the way a service runs: `python -m uvicorn
module:app` on 127.0.0.1 in its own session, hit by concurrent requests over real sockets.

What is asserted is counted, never timed: every response's status, the server process's
thread count (psutil, sampled while the requests run, next to the app's own
threading.active_count()), the pools or clients the app created (one, however many
requests), its peak of calls in flight against its bound, and, after the server stops,
the processes left in its session (none). Expectations live in fixtures/templates.yaml
under each template's `service:` key.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from advisor import templating
from tests.helpers import FIXTURES
from tests.recommend.test_templates import _reap_session, script_env, usable_cpus, write_script

httpx = pytest.importorskip("httpx")
psutil = pytest.importorskip("psutil")
pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

SPECS: dict[str, dict] = yaml.safe_load((FIXTURES / "templates.yaml").read_text(encoding="utf-8"))[
    "templates"
]
# A framework's form (service_threads_flask) is no ASGI app: test_flask_template.py serves it.
SERVICE_TEMPLATES = sorted(
    t for t, spec in SPECS.items() if spec.get("program") == "service" and "framework" not in spec
)
STARTUP_TIMEOUT = 60
STOP_TIMEOUT = 30


@dataclass
class Server:
    """One served app: its process, where it listens, and what it logged."""

    process: subprocess.Popen[bytes]
    url: str
    log: Path
    left_behind: list[int] = field(default_factory=list)

    def logged(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def __str__(self) -> str:
        return f"server exit {self.process.poll()}\n--- log\n{self.logged()}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stop(server: Server, group: bool = True) -> None:
    """SIGINT to the server's process group, as Ctrl-C in a terminal sends it (to pool
    workers too): uvicorn runs the lifespan's shutdown, then exits. Whatever is still in
    the session afterwards is killed and recorded."""
    process = server.process
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            if group:
                os.killpg(process.pid, signal.SIGINT)
            else:  # `kill -INT PID`: the server alone
                os.kill(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    server.left_behind = _reap_session(process.pid)


@contextlib.contextmanager
def served(
    path: Path,
    *command: str,
    ctrl_c_group: bool = True,
    ready: str = "Application startup complete.",
) -> Iterator[Server]:
    """Serve *path*'s app on a free 127.0.0.1 port until the block ends, also on failure.

    *command* runs in the file's folder with `{module}` and `{port}` filled in; a port
    taken between the probe and the bind is retried with another. The server is up when its
    log says *ready* (`{port}` filled in too: uvicorn's line by default)."""
    for _attempt in range(3):
        port = _free_port()
        log = path.with_suffix(f".{port}.log")
        argv = [part.format(module=path.stem, port=port) for part in command]
        with log.open("wb") as out:
            process = subprocess.Popen(
                argv,
                cwd=path.parent,
                env=script_env(PORT=str(port)),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(process, f"http://127.0.0.1:{port}", log)
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while ready.format(port=port) not in server.logged():
                assert process.poll() is None, f"the server exited before serving\n{server}"
                assert time.monotonic() < deadline, f"no startup in {STARTUP_TIMEOUT} s\n{server}"
                time.sleep(0.05)
        except AssertionError:
            _stop(server)
            if "address already in use" in server.logged().lower():
                continue
            raise
        try:
            yield server
        finally:
            _stop(server, group=ctrl_c_group)
        return
    pytest.fail("no free port after three tries")


def uvicorn_command() -> tuple[str, ...]:
    """How the docstring says to run it: `uvicorn module:app` (here through this Python)."""
    return (
        sys.executable,
        "-m",
        "uvicorn",
        "{module}:app",
        "--host",
        "127.0.0.1",
        "--port",
        "{port}",
        # The thread bounds count the asyncio loop's threads; uvloop (when installed) adds
        # libuv's own pool, which these counts would have to include.
        "--loop",
        "asyncio",
    )


@dataclass
class Load:
    statuses: list[int]
    peak_threads: int
    bodies: list[dict]
    failures: list[str]


def fire(server: Server, paths: list[str]) -> Load:
    """All *paths* requested at once (one connection each), while another thread samples
    the server process's thread count every few milliseconds."""
    proc = psutil.Process(server.process.pid)
    peak = proc.num_threads()
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            with contextlib.suppress(psutil.Error):
                peak = max(peak, proc.num_threads())
            time.sleep(0.002)

    async def requests() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=len(paths), max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=60) as client:
            return list(await asyncio.gather(*(client.get(p) for p in paths)))

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        responses = asyncio.run(requests())
    finally:
        done.set()
        sampler.join()
    bodies = [r.json() for r in responses if r.status_code == 200]
    failures = [f"{r.status_code} {r.text[:200]}" for r in responses if r.status_code != 200]
    return Load([r.status_code for r in responses], peak, bodies, failures)


def stats(server: Server) -> dict:
    response = httpx.get(f"{server.url}/stats", timeout=30)
    assert response.status_code == 200, response.text
    return dict(response.json())


def bound(expression: str, answers: dict) -> int:
    """A bound from the fixture: an integer expression over CONCURRENCY and CPUS."""
    names = {"CONCURRENCY": answers.get("concurrency", 0), "CPUS": usable_cpus()}
    return int(eval(str(expression), {"__builtins__": {}}, names))  # the fixture's own arithmetic


# --- the fixture and the catalog agree -----------------------------------------------


def test_every_service_variant_is_a_service_template():
    named = {
        entry["programs"]["service"]
        for entry in templating.catalog().values()
        if "service" in (entry.get("programs") or {})
    }
    assert named == set(SERVICE_TEMPLATES)


def test_every_script_template_has_a_service_form():
    scripts = [t for t in templating.template_ids() if "program" not in SPECS[t]]
    for template_id in scripts:
        variant = templating.variant_for(template_id, "service")
        assert variant in SERVICE_TEMPLATES, template_id


@pytest.mark.parametrize("template_id", SERVICE_TEMPLATES)
def test_docstring_says_how_to_run_it_and_what_a_service_must_know(template_id):
    code = templating.render(template_id, templating.context_for(template_id, {}))
    module = templating.filename_for(template_id)[: -len(".py")]
    doc = " ".join(code[code.index('"""') :].split())  # the docstring's lines, unwrapped
    assert f"`uvicorn {module}:app`" in doc
    for point in (
        "lifespan",
        "Per process",
        "WSGI (Flask, Django under gunicorn)",
        "workers x threads",
        "task queue (Celery, RQ, arq, Dramatiq)",
    ):
        assert point in doc, f"{template_id}: {point!r}"
    assert re.search(r"\bNever a (pool|client)\b[^.]*per request", doc), template_id
    assert 'host="127.0.0.1"' in code


# --- served by uvicorn, under concurrent requests ------------------------------------


@pytest.mark.parametrize("template_id", SERVICE_TEMPLATES)
def test_serves_concurrent_requests_with_bounded_threads_and_one_pool(template_id, tmp_path):
    spec = SPECS[template_id]
    service = spec["service"]
    if "needs" in spec:
        pytest.importorskip(spec["needs"])
    answers = spec["answers"]
    path = write_script(tmp_path, template_id, answers)
    requests = [p.format(i=i) for p in service["paths"] for i in range(service["requests"])]
    group = service.get("stop", "group") == "group"
    with served(path, *uvicorn_command(), ctrl_c_group=group) as server:
        idle = psutil.Process(server.process.pid).num_threads()
        load = fire(server, requests)
        after = stats(server)
        children = psutil.Process(server.process.pid).children(recursive=True)
    assert Counter(load.statuses) == {200: len(requests)}, f"{load.failures[:3]}\n{server}"
    assert len(load.bodies) == len(requests)
    for key, expected in service.get("counts", {}).items():
        assert after[key] == expected, f"{key}: {after}"
    for key, expression in service.get("at_most", {}).items():
        assert after[key] <= bound(expression, answers), f"{key}: {after}"
    for key, expression in service.get("at_least", {}).items():
        assert after[key] >= bound(expression, answers), f"{key}: {after}"
    threads = bound(service["threads_at_most"], answers)
    assert load.peak_threads <= threads, f"{load.peak_threads} threads (idle {idle})\n{server}"
    assert len(children) <= bound(service.get("children_at_most", "0"), answers), children
    assert server.process.returncode == 0, str(server)
    assert "Application shutdown complete." in server.logged(), str(server)
    assert server.left_behind == [], str(server)
    assert "Traceback" not in server.logged(), str(server)
    assert not re.search(r"Warning\b", server.logged()), str(server)


# --- as a user gets them: emitted by the CLI, run as the docstring says ----------------


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_emitted_for_a_service_serves_without_a_pool_per_request(lang, tmp_path):
    """The review's case: threads at 20 in flight, for a service. The CLI (a subprocess)
    emits the app; served, 100 concurrent requests leave one pool of 20 threads."""
    target = tmp_path / "app_under_test.py"
    args = ["--cpu-bound", "no", "--concurrency", "20", "--shared-memory", "yes"]
    args += ["--async-libs", "no", "--async-app", "no", "--program", "service", "--lang", lang]
    emit = subprocess.run(
        [sys.executable, "-m", "advisor", "recommend", *args, "--emit", str(target)],
        capture_output=True,
        text=True,
        env=script_env(),
        check=False,
        timeout=60,
    )
    assert emit.returncode == 0, emit.stderr
    code = target.read_text(encoding="utf-8")
    calls = {
        ast.unparse(node.func) for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Call)
    }
    assert "loop.run_in_executor" in calls
    assert "asyncio.run" not in calls
    requests = [f"/items/{i}" for i in range(50)] + [f"/sync/items/{i}" for i in range(50)]
    with served(target, *uvicorn_command()) as server:
        load = fire(server, requests)
        after = stats(server)
    assert Counter(load.statuses) == {200: 100}, f"{load.failures[:3]}\n{server}"
    assert after["pool_size"] == 20
    assert after["pools_created"] == 1
    assert load.peak_threads <= 2 * 20 + 4, str(server)
    assert server.left_behind == [], str(server)


def test_process_pool_app_runs_as_a_main_script_too(tmp_path):
    """`python service_processes_app.py`: the app lives in __main__, and forkserver (or
    spawn) workers must still find cpu_step by importing the file again."""
    path = write_script(tmp_path, "service_processes", {})
    with served(path, sys.executable, "-W", "error", str(path)) as server:
        load = fire(server, [f"/checksum/{i}" for i in range(20)])
        after = stats(server)
    assert Counter(load.statuses) == {200: 20}, f"{load.failures[:3]}\n{server}"
    assert after["pools_created"] == 1
    assert server.process.returncode == 0, str(server)
    assert server.left_behind == [], str(server)


def test_process_pool_app_sheds_load_instead_of_queueing_without_bound(tmp_path):
    """MAX_WAITING = 0: past the 2 x workers slots, a request gets 503 at once."""
    path = write_script(tmp_path, "service_processes", {})
    code = path.read_text(encoding="utf-8")
    code, count = re.subn(r"^MAX_WAITING: int = .*$", "MAX_WAITING: int = 0", code, flags=re.M)
    assert count == 1
    path.write_text(code, encoding="utf-8")
    with served(path, *uvicorn_command()) as server:
        load = fire(server, [f"/checksum/{i}" for i in range(50)])
        after = stats(server)
    statuses = Counter(load.statuses)
    assert set(statuses) <= {200, 503}, f"{load.failures[:3]}\n{server}"
    assert statuses[503] == after["rejected"] > 0, after
    assert 1 <= statuses[200] == 50 - after["rejected"], after
    assert after["peak_in_flight"] <= 2 * usable_cpus(), after
    assert server.left_behind == [], str(server)


# --- the check itself: it sees the review's failure -----------------------------------

#: The review's case in miniature (our own reproduction): a script's main(), which builds
#: its pool, called from a `def` endpoint. Each request gets its own 8-thread pool.
POOL_PER_REQUEST = """
import time
from concurrent.futures import ThreadPoolExecutor

from fastapi import FastAPI

app = FastAPI()


def main() -> int:
    with ThreadPoolExecutor(max_workers=8) as pool:
        return sum(pool.map(lambda _: time.sleep(0.2) or 1, range(8)))


@app.get("/items/{item}")
def read_item(item: int) -> dict[str, int]:
    return {"item": item, "done": main()}
"""


def test_the_thread_count_catches_a_pool_per_request(tmp_path):
    """The bound service_threads meets (2 x 8 + 4 at 8 in flight) fails on a pool built
    per request: the sampled count is what the server really ran, not what it was told."""
    path = tmp_path / "pool_per_request.py"
    path.write_text(POOL_PER_REQUEST, encoding="utf-8")
    with served(path, *uvicorn_command()) as server:
        load = fire(server, [f"/items/{i}" for i in range(20)])
    assert Counter(load.statuses) == {200: 20}, f"{load.failures[:3]}\n{server}"
    assert load.peak_threads > 2 * 8 + 4, load.peak_threads
