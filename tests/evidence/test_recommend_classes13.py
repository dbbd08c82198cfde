"""Issue 19, the classes of the twelfth round (branch f-apps13, docs/recommend-real-world.md)
that are not one ``expected.yaml`` away: our own minimal reproductions, through the installed
CLI in a subprocess, checking what the user reads. The others are folders of
``tests/fixtures/recommend_classes13`` run by ``test_recommend_expected.py``; these are in
``tests/fixtures/recommend_cli13``.

- ``line_client`` (the other side of ``line_server``, after jetforce): a Twisted client runs
  the same reactor as a server, but connects out with a ClientFactory; it serves nobody, so
  Twisted does not make it a service.
- ``fuzzed_parser`` (h11): a library whose only script is a fuzzing harness beside the package
  is still a library; its other side, ``fuzzed_tool``, has the same harness beside a command
  of its own and stays an application.
- ``site_tool`` (the other side of ``recommend_cli12/paste_service``, after pinnwand and
  mkdocs): beside the command that serves, ``build`` tokenizes every page, work of its own;
  which command is the program stays a low answer, never decided from the app.
- ``poster_uploader`` (the other side of ``poster_maker``, after photocollage): the same
  desktop app and Pillow thread, but an upload client advisor does not know is imported:
  ``--async-libs`` stays undecided, said so, never "no" from the native steps alone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import FIXTURES, run_advisor

CASES = FIXTURES / "recommend_cli13"


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(CASES / name, target)
    return target


def test_a_twisted_client_is_no_service(tmp_path: Path) -> None:
    root = copy("line_client", tmp_path)
    flags = ("--cpu-bound", "no", "--concurrency", "10", "--async-libs", "yes")
    result = run_advisor("scan", ".", "--recommend", "--format", "json", *flags, cwd=root)
    assert result.code == 0, result.err
    evidence = json.loads(result.out)["evidence"]
    program = evidence.get("program")
    assert program is None or program["answer"] != "service", program


def test_a_library_with_a_fuzzing_harness_is_a_library(tmp_path: Path) -> None:
    root = copy("fuzzed_parser", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 2, result.out
    assert "this looks like a library" in result.err


def test_a_tool_beside_a_fuzzing_harness_is_an_application(tmp_path: Path) -> None:
    root = copy("fuzzed_tool", tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert "looks like a library" not in result.err
    main_path = json.loads(result.out)["main_path"] if result.code == 0 else None
    assert result.code == 0 or "still needed" in result.err, result.err
    assert main_path is None or main_path["entry_points"], main_path


def test_a_server_beside_a_command_with_work_of_its_own_is_not_decided(tmp_path: Path) -> None:
    root = copy("site_tool", tmp_path)
    result = run_advisor("scan", ".", "--recommend", "--format", "json", cwd=root)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    program = data["evidence"]["program"]
    assert (program["confidence"], program["status"]) == ("low", "undecided"), program
    assert program["evidence"][0]["reason"].startswith("only the serve command builds"), program
    assert {"flag": "--program", "assumed": "script"} in data["sizes_only"]
    # Said as such in the text: the model waits for no answer (newcomer review 21, 12).
    plain = run_advisor("scan", ".", "--recommend", "--format", "plain", cwd=root)
    assert plain.code == 0, plain.err
    line = next(
        x for x in plain.out.splitlines() if x.strip().startswith("--program ") and "confid" in x
    )
    assert "no answer changes the model: it shapes only the template" in line, line
    assert "answer --program yourself" not in plain.out


def test_an_unknown_library_beside_native_steps_leaves_async_libs_open(tmp_path: Path) -> None:
    root = copy("poster_uploader", tmp_path)
    result = run_advisor("scan", ".", "--recommend", cwd=root)
    assert result.code == 2, result.out
    assert "--async-libs is undecided" in result.err
