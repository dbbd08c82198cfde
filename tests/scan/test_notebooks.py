"""`advisor scan` checks notebooks and says what a project template is, through the installed CLI
in a subprocess, on what the user sees: each format's location of a finding in a cell, the
warm run, a malformed notebook's one line in both languages, and templates apart from the
files that could not be read (issue 17: "zero files left unchecked").

The notebook cases are data (`fixtures/scan_notebooks/cases.yaml`): one scan of a folder
holding all of them, then one assertion per case, to keep the subprocesses few.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, Result, clean_env, run_advisor

CASES: dict[str, Any] = yaml.safe_load(
    (ROOT / "tests" / "fixtures" / "scan_notebooks" / "cases.yaml").read_text(encoding="utf-8")
)["cases"]


def notebook(cells: list[tuple[str, str]], **metadata: Any) -> str:
    """A notebook as Jupyter writes one (nbformat 4, sources as lists of lines)."""
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": kind,
                    "metadata": {},
                    "source": source.splitlines(keepends=True),
                    **({"execution_count": None, "outputs": []} if kind == "code" else {}),
                }
                for kind, source in cells
            ],
            "metadata": metadata
            or {
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                "language_info": {"name": "python"},
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def scan(cwd: Path, *argv: str, lang: str = "en") -> Result:
    env = clean_env(ADVISOR_CACHE_DIR=str(cwd.parent / "cache"), COLUMNS="200")
    return run_advisor("scan", *argv, "--lang", lang, env=env, cwd=cwd)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """Every case's notebook in one folder, and the JSON report of one scan of it."""
    folder = tmp_path_factory.mktemp("notebooks") / "proj"
    folder.mkdir()
    for name, case in CASES.items():
        (folder / f"{name}.ipynb").write_text(notebook(case["cells"]), encoding="utf-8")
    result = scan(folder, ".", "--format", "json", "--no-cache")
    assert result.code == 1, result.err
    return folder, json.loads(result.out)


@pytest.mark.parametrize("name", list(CASES))
def test_notebook_cases(cases: tuple[Path, dict[str, Any]], name: str) -> None:
    _, report = cases
    found = [
        f"{f['cell']}:{f['line']}:{f['col']} {f['code']}"
        for f in report["findings"]
        if f["path"] == f"{name}.ipynb"
    ]
    assert found == CASES[name]["expect"], CASES[name]["why"]


def test_every_notebook_is_checked(cases: tuple[Path, dict[str, Any]]) -> None:
    _, report = cases
    assert (report["files"], report["checked"], report["unchecked"]) == (len(CASES),) * 2 + (0,)
    assert report["skipped"] == []


def test_a_finding_names_its_cell_in_every_format(cases: tuple[Path, dict[str, Any]]) -> None:
    """ruff's `path:cell N:line:col` in text; the cell as a SARIF property and in the message
    (its region is the cell's line); a file-level GitHub annotation that says the cell."""
    folder, _ = cases
    named = "cell_that_awaits.ipynb"
    text = scan(folder, named, "--format", "plain")
    assert text.code == 1
    assert text.out.splitlines() == [
        f"{named}:cell 2:2:1: ADV101 blocking call `time.sleep` in a notebook cell that awaits "
        "at its top level stalls the event loop; use `await asyncio.sleep(...)`"
    ]
    rich = scan(folder, named, "--format", "rich").out.splitlines()
    assert rich[:4] == [
        named,
        "  cell 2:2:1  ADV101  blocking call `time.sleep` in a notebook cell that awaits at its top "
        "level stalls the event loop",
        "     2 │ time.sleep(2)",
        "       │ ^",
    ]  # the cell's own line, read from the notebook, under its number in the cell
    sarif = json.loads(scan(folder, named, "--format", "sarif").out)
    (run,) = sarif["runs"]
    (result,) = run["results"]
    location = result["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 1}
    assert location["physicalLocation"]["artifactLocation"]["uri"] == named
    assert location["properties"] == result["properties"] == {"cell": 2}
    assert result["message"]["text"].startswith("cell 2, line 2, column 1: blocking call")
    assert run["invocations"][0]["executionSuccessful"] is True
    github = scan(folder, named, "--format", "github", lang="zh-TW")
    assert github.out.splitlines() == [
        f"::error file={named},title=ADV101::儲存格 2 第 2 行第 1 欄：ADV101 在頂層使用 await "
        "的筆記本儲存格裡呼叫阻塞式的 `time.sleep` 會卡住事件迴圈；請改用 `await asyncio.sleep(...)`"
    ]


def test_the_warm_run_and_an_edited_notebook(tmp_path: Path) -> None:
    """The cache stores lines of the joined cells; each run turns them into cells again."""
    folder = tmp_path / "proj"
    folder.mkdir()
    case = CASES["import_in_an_earlier_cell"]
    path = folder / "nb.ipynb"
    path.write_text(notebook(case["cells"]), encoding="utf-8")
    cold = scan(folder, ".", "--format", "plain")
    warm = scan(folder, ".", "--format", "plain")
    assert cold.out == warm.out
    assert cold.out.startswith("nb.ipynb:cell 3:2:12: ADV101 ")
    cells = [list(cell) for cell in case["cells"]]
    cells[0][1] = "import os\n" + cells[0][1]  # one more line in cell 1: cell 3 is unchanged
    cells[2][1] = "\n" + cells[2][1]
    path.write_text(notebook(cells), encoding="utf-8")
    assert scan(folder, ".", "--format", "plain").out.startswith("nb.ipynb:cell 3:3:12: ADV101 ")


BROKEN = {
    "bad.ipynb": '{"cells": [',
    "old.ipynb": json.dumps({"worksheets": [{"cells": []}], "metadata": {}, "nbformat": 3}),
    "r.ipynb": notebook([("code", "x <- 1\n")], kernelspec={"name": "ir", "language": "R"}),
}


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "en",
            [
                "advisor: skipped bad.ipynb: not a notebook: not valid JSON (Expecting value: "
                "line 1 column 12 (char 11))",
                "advisor: skipped old.ipynb: a notebook in the old format 3; open and save it in "
                "Jupyter (or run `jupyter nbconvert --to notebook --inplace`) to convert it to "
                "format 4, which advisor reads",
                "advisor: skipped r.ipynb: a notebook in R, not Python",
                # An R notebook holds no Python code: said, not counted as left unchecked.
                "advisor: 2 of 3 file(s) could not be checked, so their code was not looked at.",
                "advisor: 1 file(s) hold no Python code and were not checked (not counted as "
                "unchecked).",
            ],
        ),
        (
            "zh-TW",
            [
                "advisor: 已略過 bad.ipynb：不是筆記本：不是有效的 JSON（Expecting value: "
                "line 1 column 12 (char 11)）",
                "advisor: 已略過 old.ipynb：這是舊格式 3 的筆記本；請在 Jupyter 中開啟並儲存（或執行 "
                "`jupyter nbconvert --to notebook --inplace`），轉換成 advisor 能讀取的格式 4",
                "advisor: 已略過 r.ipynb：這是 R 的筆記本，不是 Python",
                "advisor: 3 個檔案中有 2 個無法檢查，所以沒有看過它們的程式碼。",
                "advisor: 有 1 個檔案不含 Python 程式碼，因此沒有檢查（不計入未檢查的檔案）。",
            ],
        ),
    ],
)
def test_a_malformed_notebook_is_one_line_and_unchecked(
    tmp_path: Path, lang: str, lines: list[str]
) -> None:
    folder = tmp_path / "proj"
    folder.mkdir()
    for name, text in BROKEN.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "ok.py").write_text("x = 1\n", encoding="utf-8")
    result = scan(folder, ".", "--format", "plain", lang=lang)
    assert (result.code, result.out, result.err.splitlines()) == (1, "", lines)


def test_a_project_template_is_checked_or_said_to_be_a_template(tmp_path: Path) -> None:
    """Shaped like crawlee 1.11's project_template (a cookiecutter.json, a
    ``{{cookiecutter.project_name}}`` folder, Jinja line statements and `{{ '' }}` lines):
    a file that is Python with its tags blanked is checked, lines kept; one whose structure
    the tags make is a template, not Python source, said apart from the unreadable files; a
    syntax error outside a template stays one."""
    folder = tmp_path / "proj"
    template = folder / "template"
    package = template / "{{cookiecutter.project_name}}"
    package.mkdir(parents=True)
    (template / "cookiecutter.json").write_text('{"project_name": "app"}', encoding="utf-8")
    (package / "main.py").write_text(
        "import time\n\nfrom {{ cookiecutter.project_name }}.routes import router\n\n\n"
        "async def main():\n{% if cookiecutter.slow %}\n    time.sleep(1)\n{% endif %}\n"
        "{{ '' }}\n    await router.run()\n",
        encoding="utf-8",
    )
    (template / "base.py").write_text(
        "async def main():\n    async with Actor:\n{% filter indent(8) %}\n"
        "{{ self.body() }}\n{% endfilter %}\n",
        encoding="utf-8",
    )
    (folder / "broken.py").write_text("x = {{ 1 }}\nasync def f(:\n", encoding="utf-8")
    report = json.loads(scan(folder, ".", "--format", "json").out)
    assert [(f["path"], f["line"], f["code"]) for f in report["findings"]] == [
        ("template/{{cookiecutter.project_name}}/main.py", 8, "ADV101")
    ]
    assert (report["files"], report["checked"], report["unchecked"]) == (3, 1, 1)
    assert [(s["path"], s["kind"]) for s in report["skipped"]] == [("broken.py", "syntax_error")]
    assert [(t["path"], t["kind"]) for t in report["templates"]] == [
        ("template/base.py", "template")
    ]
    zh = scan(folder, ".", "--format", "plain", lang="zh-TW")
    assert zh.err.splitlines()[-3:] == [
        "advisor: 未檢查 template/base.py：這是 Jinja 範本（專案範本裡的檔案），不是 Python "
        "原始碼：把標籤清空後仍無法解析（第 5 行：expected an indented block after 'with' "
        "statement on line 2）",
        "advisor: 2 個檔案中有 1 個無法檢查，所以沒有看過它們的程式碼。",
        "advisor: 有 1 個檔案是 Jinja 範本，不是 Python 原始碼，因此沒有檢查。",
    ]
    sarif = json.loads(scan(folder, ".", "--format", "sarif").out)
    notes = [
        n["message"]["text"]
        for n in sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        if n["level"] == "note"
    ]
    assert notes[-1] == "1 file(s) are Jinja templates, not Python source, and were not checked."
    assert notes[0].startswith("not checked template/base.py: a Jinja template")
