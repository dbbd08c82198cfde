"""ADV113, blocking work in a GUI toolkit's callback (issue 17, review 27 #4), through the CLI
in a subprocess on copies of the rule's own minimal Tk and Qt fixture apps (never run): what the
user sees, in English and Traditional Chinese, and the negative twin."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _scan(tmp_path: Path, fixture: str, *args: str) -> tuple[int, list[dict[str, object]]]:
    project = tmp_path / "project"
    project.mkdir(parents=True)
    shutil.copy(FIXTURES / fixture, project / "app.py")
    result = run_advisor(
        "scan", ".", "--format", "json", "--isolated", "--no-cache", *args, cwd=project
    )
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)["findings"]


def _expected(fixture: str) -> set[int]:
    """The lines the fixture marks ``# expect: ADV113``."""
    text = (FIXTURES / fixture).read_text(encoding="utf-8").splitlines()
    return {n for n, line in enumerate(text, 1) if "# expect: ADV113" in line}


def _line_of(fixture: str, words: str) -> int:
    """The first line of the fixture that holds *words*."""
    text = (FIXTURES / fixture).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(text, 1) if words in line)


def _by_line(findings: list[dict[str, object]]) -> dict[int, str]:
    return {int(str(f["line"])): str(f["message"]) for f in findings if f["code"] == "ADV113"}


def test_tk_downloader_button_freezes_the_window(tmp_path: Path) -> None:
    """The reviewer's yt-dlp button (`command=` running `subprocess.run`), `asyncio.run`,
    `requests.get` and `pool.submit(...).result()` in callbacks, `.bind`, `.after`,
    `.protocol`, `trace_add`, a lambda and a partial: ADV113 at each, the chain shown one
    call away, the fix naming Tk's own way back (`root.after`)."""
    code, findings = _scan(tmp_path, "ADV113_tk.py", "--select", "ADV113")
    assert code == 1
    found = _by_line(findings)
    tk_app = "ADV113_tk.py"
    assert set(found) == _expected(tk_app)
    at = {
        '"https://example.com/v"': "`on_download -> subprocess.run()`",
        "        download(self.url.get())": "`start_download -> download -> subprocess.run()`",
        "command=lambda: download(": "`lambda -> download -> subprocess.run()`",
        "asyncio.run(fetch_all": "`fetch_everything -> asyncio.run()`",
        ".submit(download, self.url.get()).result()": "`pooled -> self.pool.submit().result()`",
        "        worker.join()": "`wait_worker -> worker.join()`",
        "self.worker.join()": "`stop_worker -> self.worker.join()`",
    }
    for words, chain in at.items():
        assert chain in found[_line_of(tk_app, words)], words
    assert all("Tk callback" in m and "root.after(0, ...)" in m for m in found.values())
    _code, chinese = _scan(tmp_path / "zh", "ADV113_tk.py", "--select", "ADV113", "--lang", "zh-TW")
    assert all(
        "Tk 回呼裡的阻塞式呼叫" in m and "視窗會凍結" in m for m in _by_line(chinese).values()
    )


def test_qt_slots_and_timers(tmp_path: Path) -> None:
    """`clicked.connect(self.on_click)`, a lambda connected, `QTimer.singleShot` and a
    `@Slot` of the window: ADV113, with Qt's fix (QThreadPool or a QThread worker); a
    QRunnable's `run` and a QObject worker's `@Slot` (moved to a thread) are quiet."""
    code, findings = _scan(tmp_path, "ADV113_qt.py", "--select", "ADV113")
    assert code == 1
    found = _by_line(findings)
    assert set(found) == _expected("ADV113_qt.py")
    connected = _line_of("ADV113_qt.py", "connect(lambda: self.convert_file")
    assert "`lambda -> convert_file -> convert -> subprocess.run()`" in found[connected]
    assert all("Qt callback" in m and "QThreadPool" in m for m in found.values())


def test_work_handed_to_threads_is_quiet(tmp_path: Path) -> None:
    """The negative twin: a thread, a pool without `.result()`, a future polled until
    `done()`, `Popen`, a local file read, `sleep(0)`, code never registered: nothing."""
    assert _scan(tmp_path, "negative_gui_callbacks.py") == (0, [])


def test_explain_prints_the_rule(tmp_path: Path) -> None:
    """`advisor explain ADV113` prints the rule's doc and Tk's fix; `--details` what it
    leaves out, in both languages."""
    result = run_advisor("explain", "ADV113", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "blocking-call-in-gui-callback" in result.out
    assert "root.after(0, status.set" in result.out
    details = run_advisor("explain", "ADV113", "--details", cwd=tmp_path)
    assert "QThreadPool" in details.out
    assert "Not followed" in details.out
    chinese = run_advisor("explain", "ADV113", "--details", "--lang", "zh-TW", cwd=tmp_path)
    assert "不追蹤" in chinese.out
