"""The Qt form of `--program gui` (gui_threads_qt), run the way a Qt program runs: a real
QApplication on Qt's offscreen platform, on PySide6 and on PyQt6. Newcomer review 25 (5): a
PyQt6 app was handed a Tk window (`root.after`), which cannot run inside a Qt program.

What is asserted is counted: jobs done, jobs cancelled when the window closes mid-run, jobs
started after that, and which binding ran; `scan --recommend` on a Qt project emits this form.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from tests.helpers import clean_env, run_advisor
from tests.recommend.test_templates import SPECS, check_run, run_script, script_env

SPEC = SPECS["gui_threads_qt"]
QT_ENV = {"QT_QPA_PLATFORM": "offscreen"}
ANSWERS = [
    *("--cpu-bound", "no", "--concurrency", "37", "--shared-memory", "no"),
    *("--async-libs", "no", "--program", "gui"),
]

#: Runs the emitted file as a program of that binding would hold it: the binding imported
#: first (the template then uses it, never a second one), then the file's main.
AS_PART_OF = """\
import importlib, runpy, sys
importlib.import_module(sys.argv[1] + ".QtWidgets")
path = sys.argv[2]
sys.argv = [path, *sys.argv[3:]]
runpy.run_path(path, run_name="__main__")
"""

#: Closes the window while jobs run: each fetch takes 0.2 s, the window closes 150 ms after
#: Start, and every fetch that starts after the pending ones were cancelled is counted.
CLOSE_MID_RUN = """\
import importlib.util, sys
spec = importlib.util.spec_from_file_location("emitted", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
m.IO_DELAY = 0.2
stopped = [False]
after = [0]
fetch = m.fetch
def counted(job, *, timeout):
    after[0] += stopped[0]
    return fetch(job, timeout=timeout)
m.fetch = counted
stop = m.Window.stop
def stop_then_count(self):
    cancelled = stop(self)
    stopped[0] = True
    return cancelled
m.Window.stop = stop_then_count
start = m.Window.start
def start_then_close(self):
    start(self)
    m.QtCore.QTimer.singleShot(150, self.close)
m.Window.start = start_then_close
m.main(["--autorun"])
print(f"started after the cancel: {after[0]}")
"""


def emit(tmp_path: Path, *flags: str) -> tuple[Path, str]:
    target = tmp_path / "window.py"
    result = run_advisor("recommend", *ANSWERS, *flags, "--emit", str(target), "--format", "json")
    assert result.code == 0, result.err
    return target, json.loads(result.out)["template"]["id"]


@pytest.mark.parametrize("framework", ["PyQt", "PySide", "qtpy"])
def test_framework_flag_emits_the_qt_form(tmp_path: Path, framework: str) -> None:
    _, template = emit(tmp_path, "--framework", framework)
    assert template == "gui_threads_qt"


@pytest.mark.parametrize("binding", ["PySide6", "PyQt6"])
def test_emitted_qt_window_runs_on_each_binding(tmp_path: Path, binding: str) -> None:
    target, _ = emit(tmp_path, "--framework", "PyQt")
    runner = tmp_path / "as_part_of.py"
    runner.write_text(AS_PART_OF, encoding="utf-8")
    run = run_script(
        runner, binding, str(target), "--autorun", flags=("-W", "error"), env=script_env(**QT_ENV)
    )
    check_run(SPEC, run, {"concurrency": 37})
    assert run.stdout.splitlines()[0].endswith(f", {binding}")


def test_closing_mid_run_cancels_what_has_not_started(tmp_path: Path) -> None:
    target, _ = emit(tmp_path, "--framework", "PySide")
    runner = tmp_path / "close_mid_run.py"
    runner.write_text(CLOSE_MID_RUN, encoding="utf-8")
    run = run_script(runner, str(target), env=script_env(**QT_ENV))
    assert run.returncode == 0, str(run)
    closed = re.search(
        r"^gui_threads_qt: window closed with (\d+) of 74 jobs done, (\d+) cancelled, "
        r"(\d+) still running$",
        run.stdout,
        re.MULTILINE,
    )
    assert closed, str(run)
    done, cancelled, running = map(int, closed.groups())
    assert cancelled > 0
    assert done + cancelled + running <= 74
    assert "started after the cancel: 0" in run.stdout


QT_PROJECT = """\
import sys

import requests
from {binding}.QtWidgets import QApplication, QPushButton
from concurrent.futures import ThreadPoolExecutor

POOL = ThreadPoolExecutor(max_workers=8)


def download(url):
    return requests.get(url, timeout=10).content


def on_click():
    POOL.submit(download, "https://example.com")


if __name__ == "__main__":
    app = QApplication(sys.argv)
    button = QPushButton("Download")
    button.clicked.connect(on_click)
    button.show()
    sys.exit(app.exec())
"""


@pytest.mark.parametrize(
    ("binding", "template"),
    [("PyQt6", "gui_threads_qt"), ("PySide6", "gui_threads_qt"), ("tkinter", "gui_threads")],
)
def test_scan_recommend_hands_a_qt_program_the_qt_form(
    tmp_path: Path, binding: str, template: str
) -> None:
    code = QT_PROJECT.format(binding=binding)
    if binding == "tkinter":
        code = textwrap.dedent("""\
            import tkinter as tk
            from concurrent.futures import ThreadPoolExecutor

            import requests

            POOL = ThreadPoolExecutor(max_workers=8)


            def download(url):
                return requests.get(url, timeout=10).content


            if __name__ == "__main__":
                root = tk.Tk()
                tk.Button(root, command=lambda: POOL.submit(download, "https://example.com")).pack()
                root.mainloop()
            """)
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    result = run_advisor(
        "scan", str(tmp_path), "--recommend", "--format", "json", env=clean_env(**QT_ENV)
    )
    assert result.code == 0, result.err
    assert json.loads(result.out)["template"]["id"] == template
