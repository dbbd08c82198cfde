"""Blocking work behind library objects (issue 17, r-lib25): a manager object's method reaching
paho-mqtt's `tls_set`/`connect` through a package that re-exports a class from a module of the
same name, a logging file handler built by a sibling module's helper, `pkg_resources` entry
points, yt-dlp's `YoutubeDL.download`, model inference one module away (faster-whisper's
`transcribe`, a Hugging Face `pipeline(...)` object called), and azure-servicebus's asyncio
client made without an SSL context (its connection loads the CA bundle when entered), and the
synchronous google-cloud-storage and slack_sdk clients through a project's object. Through the installed CLI, in a
subprocess, on copies of the fixtures (positive and negative twins)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _scan(tmp_path: Path, fixture: str, *extra: str) -> tuple[int, list[dict[str, object]]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    result = run_advisor(
        "scan", ".", "--format", "json", "--isolated", "--no-cache", *extra, cwd=project
    )
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)["findings"]


def test_blocking_work_behind_library_objects(tmp_path: Path) -> None:
    """Each coroutine's call is ADV101, its chain ending at the library's call, exit 1."""
    code, findings = _scan(tmp_path, "ADV101_library_objects")
    assert code == 1
    found = {(Path(str(f["path"])).as_posix(), f["line"], f["code"]) for f in findings}
    assert found == {
        ("app/handlers.py", line, "ADV101") for line in (14, 17, 20, 24, 25, 28, 33, 45, 46)
    }
    by_line = {f["line"]: str(f["message"]) for f in findings}
    assert "on_config -> init -> logging.handlers.RotatingFileHandler()" in by_line[14]
    assert "on_first_update -> start -> open -> self.client.tls_set()" in by_line[17]
    assert "pkg_resources.iter_entry_points()" in by_line[20]
    assert "ydl.download" in by_line[24]
    assert "yt-dlp fetches the pages and the media" in by_line[24]
    assert "on_video -> transcribe -> _speech.transcribe()" in by_line[25]
    assert "on_text -> mood -> _sentiment()" in by_line[28]
    assert "AMQP transport builds a default context" in by_line[33]
    assert "on_upload -> put -> self.bucket.blob().upload_from_string()" in by_line[45]
    assert "self.slack.chat_postMessage" in by_line[46]
    # the chain's last hop is the library call in the helper's module
    ends = {f["line"]: f["related"][-1] for f in findings if f.get("related")}
    assert Path(str(ends[17]["path"])).as_posix() == "app/link.py"
    assert ends[17]["line"] == 10


def test_library_objects_fix_in_chinese(tmp_path: Path) -> None:
    """The yt-dlp fix in Traditional Chinese."""
    _code, findings = _scan(tmp_path, "ADV101_library_objects", "--lang", "zh-TW")
    download = next(f for f in findings if f["line"] == 24)
    assert "yt-dlp 會在呼叫它的執行緒上抓取網頁與媒體" in str(download["message"])


def test_library_objects_off_the_loop_are_quiet(tmp_path: Path) -> None:
    """The negative twin: a file handler with `delay=True`, built in a thread, or three
    helpers down a logging configuration layer (followed one call away only), paho's
    `connect_async`/`loop_start`/`publish` and its `connect` handed to an executor, yt-dlp and
    the model in `asyncio.to_thread`, the project's own `pipeline` function,
    `pkg_resources.get_distribution` (not listed), azure-servicebus's client handed an
    `ssl_context`, a storage upload in a thread, a blob's signed URL (signed locally), the
    client's `close` and slack_sdk's `AsyncWebClient` awaited: nothing, exit 0."""
    assert _scan(tmp_path, "negative_library_objects") == (0, [])
