"""`advisor explain notebook|gui|service`: what each kind of program changes, in both
languages, as the installed CLI prints it; and the pages' code runs the way that program runs
(the notebook's inside a running event loop with spawned workers, the GUI's under a real Tk,
the service's under FastAPI's lifespan with concurrent requests)."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from advisor import guides
from advisor.guides import EXPLAIN_FILE
from advisor.models import LANGS
from advisor.texts import ui
from tests.helpers import FIXTURES, clean_env, run_advisor

DATA = yaml.safe_load(Path(EXPLAIN_FILE).read_text(encoding="utf-8"))
PROGRAMS = [name for name, raw in DATA["topics"].items() if raw.get("kind") == "program"]
EXPECTED = yaml.safe_load((FIXTURES / "explain_programs.yaml").read_text(encoding="utf-8"))


def test_every_program_kind_has_a_page():
    """The kinds `--program` takes, except the plain script, each have a page (and the
    fixture says what each must say)."""
    assert sorted(PROGRAMS) == sorted(EXPECTED) == ["gui", "notebook", "service"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_page_as_the_user_sees_it(page, lang):
    """Plain text from the installed CLI: the page's name, its two lists under the program
    headings (not "When to choose it"), every item of both, the facts the issue names,
    and the pattern's code."""
    result = run_advisor("explain", page, "--lang", lang, "--format", "plain")
    assert result.code == 0, result.err
    assert result.err == ""
    shown = guides.topic_guide(page, lang)
    texts = ui(lang)
    assert result.out.startswith(shown.name + "\n" + shown.summary + "\n")
    assert f"\n{texts('program_changes')}\n" in result.out
    assert f"\n{texts('program_breaks')}\n" in result.out
    assert texts("when_to_choose") not in result.out
    for item in shown.when:
        assert f"  + {item}\n" in result.out
    for item in shown.when_not:
        assert f"  - {item}\n" in result.out
    for phrase in EXPECTED[page][lang]:
        assert phrase in result.out, phrase
    (pattern,) = shown.patterns
    assert pattern.title in result.out
    for line in pattern.after.splitlines():
        assert line.strip() in result.out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_page_as_json(page, lang):
    result = run_advisor("explain", page, "--lang", lang, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["kind"] == "program"
    assert data["model"] == page
    assert data["lang"] == lang
    assert data["when"]
    assert data["when_not"]
    assert data["patterns"]


@pytest.mark.parametrize(
    ("alias", "page"), [(a, p) for p in EXPECTED for a in EXPECTED[p]["aliases"]]
)
def test_other_spellings_reach_the_page(cli, alias, page):
    data = json.loads(cli("explain", alias, "--format", "json").out)
    assert data["model"] == page


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_markdown_and_rich_title_the_lists_for_a_program(cli, page):
    markdown = cli("explain", page, "--format", "markdown").out
    assert "\n## What this kind of program changes\n" in markdown
    assert "\n## What breaks\n" in markdown
    rich = cli("explain", page, "--format", "rich", "--lang", "zh-TW").out
    assert "這類程式有什麼不同" in rich
    assert "會出錯的寫法" in rich


def test_models_keep_their_headings(cli):
    out = cli("explain", "asyncio", "--format", "plain").out
    assert "\nWhen to choose it\n" in out
    assert "What this kind of program" not in out
    assert json.loads(cli("explain", "asyncio", "--format", "json").out)["kind"] == "model"
    assert json.loads(cli("explain", "interpreters", "--format", "json").out)["kind"] == "topic"
    pattern = json.loads(cli("explain", "pool-to-dask", "--format", "json").out)
    assert pattern["kind"] == "pattern"


@pytest.mark.parametrize("lang", LANGS)
def test_the_listings_name_the_program_pages(cli, lang):
    """The comparison's closing hint and `explain --help` point to the new pages."""
    table = cli("explain", "--lang", lang, "--format", "plain").out
    assert "advisor explain notebook" in table
    helped = cli("explain", "--help", "--lang", lang).out
    assert "notebook" in helped
    assert "service" in helped


# --- the pages' code, run the way each program runs -----------------------------------------


def _pattern(pid: str, lang: str = "en") -> str:
    return guides.pattern(pid, lang).after


def test_notebook_code_runs_inside_a_running_loop_with_spawned_workers(tmp_path):
    """The notebook page's cells, run as a kernel runs them: cell 1 saved as work.py (what
    %%writefile does), cells 2 and 3 compiled with top-level await and awaited on an event
    loop that is already running, the process pool's workers started by spawn (the
    default on macOS and Windows; forkserver, Linux's from 3.14, imports the same way)."""
    code = _pattern("script-to-notebook")
    cell1, rest = code.split("# cell 2\n")
    (tmp_path / "work.py").write_text(cell1.split("\n", 1)[1], encoding="utf-8")
    ast.parse(rest)  # top-level await parses; only compile() needs the flag
    driver = textwrap.dedent(
        """
        import ast, asyncio, multiprocessing, sys
        multiprocessing.set_start_method("spawn", force=True)
        sys.path.insert(0, ".")
        cells = open("cells.py", encoding="utf-8").read()
        namespace = {"__name__": "__main__"}

        async def kernel():
            # a loop is running here, as in a Jupyter kernel: asyncio.run() would raise
            code = compile(cells, "<cells>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
            await eval(code, namespace)

        asyncio.run(kernel())
        print(namespace["results"])
        """
    )
    (tmp_path / "cells.py").write_text(rest, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", driver],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    expected = sum(i * i for i in range(2_000_000))
    assert proc.stdout.strip() == str([expected] * 4)


_TK_DRIVER = """
import json, runpy, threading, time, tkinter as tk

page = runpy.run_path("gui_page.py", run_name="gui_page")
TICK_MS = 10
root = tk.Tk()
app = page["App"](root)
ticks, longest, last, peak = [0], [0], [time.monotonic()], [0]

def heartbeat():
    now = time.monotonic()
    # the gap since the last heartbeat, counted in whole ticks
    longest[0] = max(longest[0], round((now - last[0]) * 1000 / TICK_MS))
    last[0] = now
    ticks[0] += 1
    peak[0] = max(peak[0], threading.active_count())
    if app.label.cget("text").startswith("done:"):
        print(json.dumps({"label": app.label.cget("text"), "longest": longest[0],
                          "ticks": ticks[0], "threads": peak[0],
                          "button": str(app.button.cget("state"))}))
        app.close()
        return
    root.after(TICK_MS, heartbeat)

root.after(0, app.button.invoke)
root.after(TICK_MS, heartbeat)
root.mainloop()
"""


def test_gui_code_keeps_the_window_responsive_under_a_real_tk(tmp_path):
    """The GUI page's program under Xvfb: a heartbeat every 10 ms on the Tk loop never
    misses more than 5 ticks (50 ms) while ten 1-second jobs run, the label ends with the
    sum, the button comes back, and the pool's threads stay bounded by its size."""
    pytest.importorskip("tkinter")
    xvfb = shutil.which("xvfb-run")
    if xvfb is None and not os.environ.get("DISPLAY"):
        pytest.skip("no display and no xvfb-run")
    (tmp_path / "gui_page.py").write_text(_pattern("callback-to-worker-pool"), encoding="utf-8")
    (tmp_path / "driver.py").write_text(_TK_DRIVER, encoding="utf-8")
    argv = [sys.executable, "driver.py"]
    if xvfb is not None:
        argv = [xvfb, "-a", *argv]
    proc = subprocess.run(
        argv,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["label"] == f"done: {sum(n * n for n in range(10))}"
    assert seen["button"] == "normal"
    assert seen["longest"] <= 5, seen
    assert seen["threads"] <= 1 + 10  # the GUI thread and the pool's ten


def test_service_code_serves_concurrent_requests_from_one_pool(tmp_path):
    """The service page's app, its lifespan run by Starlette's TestClient: 40 concurrent
    requests to each endpoint all succeed, the threads stay bounded by the pools (the app's
    32, AnyIO's raised limiter, the client's), and the lifespan shuts the pool down."""
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    (tmp_path / "service_page.py").write_text(
        _pattern("pool-per-request-to-lifespan"), encoding="utf-8"
    )
    driver = textwrap.dedent(
        """
        import json, threading
        from concurrent.futures import ThreadPoolExecutor
        from fastapi.testclient import TestClient
        import service_page

        peak = [0]
        def get(client, path):
            peak[0] = max(peak[0], threading.active_count())
            return client.get(path).status_code

        with TestClient(service_page.app) as client:
            with ThreadPoolExecutor(40) as callers:
                codes = list(callers.map(lambda i: get(client, f"/items/{i}"), range(80)))
                codes += list(callers.map(lambda i: get(client, f"/sync/items/{i}"), range(80)))
            pool = service_page.app.state.pool
        print(json.dumps({"codes": sorted(set(codes)), "peak": peak[0],
                          "shut": pool._shutdown}))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", driver],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_env(PYTHONPATH=str(tmp_path)),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["codes"] == [200]
    assert seen["shut"] is True
    # callers (40) + the app's pool (32) + AnyIO's threads (64) + the loop's few
    assert seen["peak"] <= 40 + 32 + 64 + 10, seen


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_library_draws_the_same_page(cli, page):
    """`advisor.explain("notebook")` is the page the CLI prints as JSON."""
    import advisor

    guide = advisor.explain(page, lang="zh-TW")
    assert guide.kind == "program"
    shown = json.loads(cli("explain", page, "--format", "json", "--lang", "zh-TW").out)
    assert shown["when"] == list(guide.when)
    assert shown["name"] == guide.name
