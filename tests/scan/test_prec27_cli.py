"""The precision classes decided on p-prec27 (issue 17: the false alarms of the held-out package
sets 20 and 21 still open), through the installed CLI, in a subprocess, on copies of their
fixtures (each negative case beside the positive one still reported)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import ROOT, run_advisor

FIXTURES = ROOT / "tests" / "fixtures" / "scan"


def _found(tmp_path: Path, fixture: str) -> tuple[int, set[tuple[str, int, str]], list[str]]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    result = run_advisor("scan", ".", "--format", "json", "--isolated", "--no-cache", cwd=project)
    assert result.code in (0, 1), result.err
    findings = json.loads(result.out)["findings"]
    found = {(Path(f["path"]).as_posix(), f["line"], f["code"]) for f in findings}
    return result.code, found, [f["message"] for f in findings]


def test_an_empty_list_handed_down_runs_no_turn_of_the_loop(tmp_path: Path) -> None:
    """parllama's ``ChatManager.new_session`` builds ``ChatSession(messages=[])``, whose base
    builds a message (and fetches its images) per item of ``msgs = messages or []``: nothing is
    built, so the chain is quiet, as a bare ``fetch_all([])`` is; an unknown or non-empty list,
    a loop's ``else`` and a ``msgs is not None`` test (never None) stay reported."""
    code, found, messages = _found(tmp_path, "ADV101_empty_items")
    assert code == 1
    assert found == {
        ("chat/views.py", 22, "ADV101"),
        ("chat/views.py", 26, "ADV101"),
        ("chat/views.py", 30, "ADV101"),
        ("chat/views.py", 34, "ADV101"),
        ("chat/views.py", 38, "ADV101"),
    }
    assert any("on_import -> Session -> Container -> load_message" in m for m in messages)


def test_a_pass_through_decorator_keeps_the_start_up_path(tmp_path: Path) -> None:
    """chancy's ``Worker.start`` awaits ``is_up_to_date`` (wrapped by the class body's
    ``@_ensure_pool_is_open``, which awaits it in place) once, before any queue starts: the
    migration modules' import is start-up work (quiet). The same import reached from the
    worker's serving loop, and through a decorator that files its wrapper in a registry, stays
    reported."""
    code, found, messages = _found(tmp_path, "ADV101_wrapped_start")
    assert code == 1
    assert found == {("jobs/migrate.py", 17, "ADV101"), ("jobs/migrate.py", 20, "ADV101")}
    assert any("pending -> discover -> importlib.import_module()" in m for m in messages)
