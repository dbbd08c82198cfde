"""`scan --recommend --format json` on an exit 2 (newcomer review 18, #11; issue 19): one JSON
document on stdout with status "needs_answers", the answers still needed and, where known,
the model each value leads to; stderr and the exit code as before. Through the installed CLI.

The project is our own minimal reproduction of the review's case: a script that calls an
unknown library (`mylib.get(u)`) in a loop under a main guard, so nothing says whether the work
is CPU-bound. The deciding case is `recommend_cli17/mixed_mailer` (after xandikos, gamdl), the
unknown-I/O refusal `projects/serial_logger` with its library renamed (as test_real_world).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import FIXTURES, Result, run_advisor, user_env

UNKNOWN_LOOP = """\
import mylib


def main():
    for u in ["a", "b"]:
        mylib.get(u)


if __name__ == "__main__":
    main()
"""

#: The keys of the exit-2 document (docs/json.md, "scan --recommend", when it exits 2).
KEYS = {
    "schema_version",
    "status",
    "lang",
    "message",
    "needed",
    "sizes_only",
    "evidence",
    "context",
    "main_path",
    "scanned",
}


def project(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(UNKNOWN_LOOP, encoding="utf-8")
    return root


def scan(root: Path, tmp_path: Path, *flags: str, lang: str = "en") -> Result:
    return run_advisor("scan", ".", "--recommend", *flags, cwd=root, env=user_env(tmp_path, lang))


def needs(result: Result) -> dict[str, Any]:
    assert result.code == 2, result.err
    data: dict[str, Any] = json.loads(result.out)
    assert set(data) == KEYS, set(data) ^ KEYS
    assert data["status"] == "needs_answers"
    assert data["schema_version"] == 1
    return data


def test_an_exit_2_prints_one_document_naming_the_needed_flag(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = scan(root, tmp_path, "--format", "json")
    data = needs(result)
    assert data["lang"] == "en"
    first = data["needed"][0]
    assert first["flag"] == "--cpu-bound", data["needed"]
    assert first["question"] == "cpu_bound"
    assert first["prompt"].startswith("Is the work CPU-bound"), first
    assert first["maybe"] is False
    # the stderr line is unchanged, and the document carries the same sentence
    assert "still needed: --cpu-bound" in result.err, result.err
    assert result.err == f"advisor: error: {data['message']}\n"
    assert data["scanned"]["files"] == 1
    assert data["main_path"]["entry_points"][0]["kind"] == "main_guard"
    assert data["evidence"]["program"]["status"] == "undecided", data["evidence"]


def test_the_document_is_in_chinese_under_a_chinese_locale(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = scan(root, tmp_path, "--format", "json", lang="zh-TW")
    data = needs(result)
    assert data["lang"] == "zh-TW"
    first = data["needed"][0]
    assert first["flag"] == "--cpu-bound", data["needed"]
    assert "CPU" in first["prompt"], first
    assert first["prompt"].endswith("？"), first
    assert "（仍需要：--cpu-bound" in result.err, result.err
    assert result.err == f"advisor: error: {data['message']}\n"


def test_the_text_format_on_an_exit_2_is_unchanged(tmp_path: Path) -> None:
    root = project(tmp_path)
    as_json = scan(root, tmp_path, "--format", "json")
    plain = scan(root, tmp_path, "--format", "plain")
    default = scan(root, tmp_path)
    assert plain.code == default.code == 2
    assert plain.out == default.out == ""
    assert plain.err == default.err == as_json.err


def test_the_deciding_answer_carries_the_model_of_each_value(tmp_path: Path) -> None:
    root = tmp_path / "mixed_mailer"
    shutil.copytree(FIXTURES / "recommend_cli17" / "mixed_mailer", root)
    data = needs(scan(root, tmp_path, "--format", "json"))
    first = data["needed"][0]
    assert first["flag"] == "--async-libs", data["needed"]
    assert first["decides"] is True, first
    leads = {lead["answer"]: lead["model"] for lead in first["leads_to"]}
    assert leads == {False: "asyncio+executor", True: "asyncio"}, first
    sizing = [n["flag"] for n in data["needed"] if n["sizes_only"]]
    assert "--concurrency" in sizing, data["needed"]
    assert {"flag": "--concurrency", "assumed": None} in data["sizes_only"], data["sizes_only"]


def test_the_unknown_io_refusal_prints_its_document_too(tmp_path: Path) -> None:
    root = tmp_path / "serial_logger"
    shutil.copytree(
        FIXTURES / "projects" / "serial_logger",
        root,
        ignore=shutil.ignore_patterns("expected.yaml"),
    )
    logger = root / "logger.py"
    logger.write_text(
        logger.read_text(encoding="utf-8")
        .replace("import serial\n", "import labdevice\n")
        .replace("serial.Serial(", "labdevice.Port("),
        encoding="utf-8",
    )
    flags = ("--cpu-bound", "no", "--concurrency", "500", "--format", "json")
    result = scan(root, tmp_path, *flags)
    data = needs(result)
    assert "give --async-libs" in result.err, result.err
    [needed] = data["needed"]
    assert needed["flag"] == "--async-libs", needed
    assert needed["decides"] is True, needed
    leads = {lead["answer"]: lead["model"] for lead in needed["leads_to"]}
    assert leads == {False: "threading", True: "asyncio"}, needed
    # the answers the user gave are shown as given, not as the code's
    assert data["evidence"].get("cpu_bound", {}).get("status") in (None, "confirmed", "overridden")


def test_a_recommendation_says_it_is_one(tmp_path: Path) -> None:
    root = project(tmp_path)
    flags = ("--cpu-bound", "no", "--async-libs", "no", "--concurrency", "8", "--format", "json")
    result = scan(root, tmp_path, *flags)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["status"] == "recommended"
    assert data["model"], data
