"""The precision classes decided on p-prec25 (issue 17: the false alarms the committed package
sets share), through the installed CLI, in a subprocess, on copies of their fixtures (each
negative case beside the positive one still reported)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _found(tmp_path: Path, fixture: str) -> tuple[int, set[tuple[str, int, str]]]:
    project = tmp_path / "project"
    source = FIXTURES / fixture
    if source.is_dir():
        shutil.copytree(source, project)
    else:
        project.mkdir()
        shutil.copy(source, project / source.name)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code in (0, 1), result.err
    findings = json.loads(result.out)["findings"]
    return result.code, {(Path(f["path"]).as_posix(), f["line"], f["code"]) for f in findings}


def test_a_textual_thread_worker_runs_on_a_private_loop(tmp_path: Path) -> None:
    """parllama's ``@work(thread=True)`` workers: Textual runs each with ``asyncio.run`` in a
    worker thread, so the file read in one and the synchronous request in the ``send_chat`` only
    a worker awaits stall nobody (quiet), though a handler calls the worker too; what a handler
    on the app's loop also awaits, a ``@work()`` worker's callee and a worker whose ``thread=``
    is a variable stay reported."""
    code, found = _found(tmp_path, "ADV101_thread_workers")
    assert code == 1
    assert found == {
        ("chat/app.py", 36, "ADV101"),
        ("chat/session.py", 22, "ADV101"),
        ("chat/session.py", 27, "ADV101"),
    }


def test_a_field_just_stored_from_a_parameter_is_that_parameter(tmp_path: Path) -> None:
    """parllama's ``ParllamaChatMessage.__init__``: ``self.images = images`` then ``if
    self.images:`` fetches each image, so a message built without images (or with ``None``) is
    quiet; given images, or when a method call or a loop may store the field again before the
    test, the chain stays reported."""
    code, found = _found(tmp_path, "ADV101_stored_parameter")
    assert code == 1
    assert found == {
        ("chat/views.py", 16, "ADV101"),
        ("chat/views.py", 20, "ADV101"),
        ("chat/views.py", 24, "ADV101"),
    }


def test_an_apps_on_mount_is_its_start_up(tmp_path: Path) -> None:
    """parllama's ``on_mount``: a Textual App runs it once as the app starts, so the listing and
    the templates read there are quiet; the network call in it, and a screen's ``on_mount``
    (run whenever the screen is mounted while the app serves), stay reported."""
    code, found = _found(tmp_path, "ADV101_app_mount")
    assert code == 1
    assert found == {("notes/app.py", 30, "ADV101"), ("notes/screens.py", 15, "ADV101")}
