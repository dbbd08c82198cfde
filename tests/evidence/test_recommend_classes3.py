"""Issue 19, the third held-back set's classes (docs/recommend-real-world.md, "A third held-back
set"): each on our own minimal reproduction in ``tests/fixtures/recommend_classes``, citing the
application that inspired it, through the installed CLI in a subprocess."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, run_advisor

CLASSES = FIXTURES / "recommend_classes"


def scan(name: str, tmp_path: Path, *flags: str, code: int = 0) -> dict[str, Any]:
    """``advisor scan . --recommend --format json`` on a copy of fixture *name*."""
    root = tmp_path / name
    shutil.copytree(CLASSES / name, root)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", *flags, cwd=root)
    assert result.code == code, result.err
    data = json.loads(result.out) if code == 0 else {"err": result.err}
    assert isinstance(data, dict)
    return data


def cited(data: dict[str, Any], question: str) -> list[str]:
    """``file:line`` of every item of evidence for *question*, both ways."""
    answer = data["evidence"][question]
    return [f"{e['file']}:{e['line']}" for e in (*answer["evidence"], *answer["conflicting"])]


def test_a_script_naming_a_typer_app_runs_the_module_and_its_commands(tmp_path: Path) -> None:
    """tgcf: ``relaybot = "relaybot.cli:app"`` names ``app = typer.Typer()``; the command
    registered on it runs ``asyncio.run``. The optional Streamlit pages are not the program."""
    data = scan("relaybot", tmp_path)
    assert data["model"] == "asyncio"
    assert data["main_path"]["entry_points"] == [
        {"kind": "script", "name": None, "where": "relaybot.cli:app"}
    ]
    assert "relaybot/cli.py:19" in cited(data, "async_app")
    off = [o["where"] for o in data["main_path"]["not_on_main_path"]]
    assert "relaybot/web/pages/1_Run.py" in off


def test_a_thread_pools_processes_bound_follows_an_option_parsed_elsewhere(
    tmp_path: Path,
) -> None:
    """coursera-dl: ``multiprocessing.dummy.Pool(processes=processes)`` in a class whose
    caller passes ``args.jobs``, an argparse option (default 4) parsed in another module."""
    data = scan("lecture_fetcher", tmp_path)
    assert data["model"] == "threading"
    concurrency = data["evidence"]["concurrency"]
    assert concurrency["answer"] == 4
    assert [(e["file"], e["line"], e["reason"]) for e in concurrency["evidence"]] == [
        ("lectures/parallel.py", 9, "Pool(processes=4): at most 4 at once")
    ]


def test_layout_loops_are_not_computation(tmp_path: Path) -> None:
    """vcsi's timestamp border (a range of an option over eight offsets) and git-cola's hex
    dump (``range(0, 16)`` columns): their arithmetic lays out offsets and separators; the
    work is one ffmpeg child per frame."""
    data = scan("frame_sheet", tmp_path)
    assert data["model"] == "threading"
    cpu = data["evidence"]["cpu_bound"]
    assert cpu["answer"] is False
    assert not [e for e in cpu["conflicting"] if e["value"] is True], cpu["conflicting"]


def test_small_array_calls_on_an_objects_state_and_video_playback_are_not_native_work(
    tmp_path: Path,
) -> None:
    """bengine: ``np.linalg.norm``/``np.matmul`` on one particle's 2-vectors, made per
    particle, and ``cv2`` capture and window calls that play a video back, are light: no
    ``--native-code yes`` (threading was wrong). The Python loops over particles are split
    across methods, which the loop reader does not follow; but nothing on the path waits and
    it computes with NumPy, so ``--cpu-bound yes`` (it asked before:
    ``test_recommend_classes5.py``)."""
    data = scan("particles", tmp_path)
    assert data["model"] == "multiprocessing"
    assert data["evidence"]["cpu_bound"]["answer"] is True
    assert "native_code" not in data["evidence"]
    light = {c["reason"].split(" (")[0] for c in data["context"]}
    assert {"calls cv2.VideoCapture", "calls cv2.namedWindow"} <= light, light


def test_a_backend_imported_by_a_computed_relative_name_is_on_the_main_path(
    tmp_path: Path,
) -> None:
    """bepasty: ``importlib.import_module("." + app.config["STORAGE"], __name__)`` in the
    storage package's ``__init__.py`` loads one of its sibling modules: the backend's S3
    calls are on the main path and say the service waits."""
    data = scan("pastebin", tmp_path)
    assert data["model"] == "threading"
    assert data["evidence"]["cpu_bound"]["answer"] is False
    assert "pastebin/storage/objects.py:6" in cited(data, "cpu_bound")
