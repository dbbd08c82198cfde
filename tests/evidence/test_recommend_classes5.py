"""Issue 19, the exit 2s left on the development sets (docs/recommend-real-world.md, "The exit
2s left, as classes"): each class on our own minimal reproduction in
``tests/fixtures/recommend_classes``, citing the application that inspired it, through the
installed CLI in a subprocess. Each case also has its honest side: where the code stops
telling (two commands that differ, a library nobody knows), it still asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evidence.recommend_cases import Case, check, scan

SQL_ONLY = """[project]
name = "tabletools"
version = "0.1"

[project.scripts]
tabstat = "tabletools.tabstat:main"
tab2sql = "tabletools.tab2sql:main"
"""

PRIMES = """+

def count_primes(limit):
    found = 0
    for n in range(2, limit):
        for d in range(2, n):
            if n % d == 0:
                break
        else:
            found += 1
    return found


def report():
    status()
    print(count_primes(10**6))
"""

REPORT_SCRIPT = """[project]
name = "gitviewer"
version = "0.1"

[project.scripts]
gitviewer = "gitviewer.main:report"
"""

HELP = """+

import markdown


def main_help():
    print(markdown.markdown("# Help"))
    main()
"""

HELP_SCRIPT = REPORT_SCRIPT.replace("main:report", "main:main_help")

CASES = {
    # mkdocs: `md.convert(page)` per page, reached by build, serve and gh-deploy; only
    # gh-deploy runs git, and `@click.option(default=True)` names no default command.
    "a Markdown converter most commands run is the work": Case(
        "page_builder",
        {},
        0,
        "multiprocessing",
        {"cpu_bound": True, "native_code": False},
        "most of the program's commands lead to --cpu-bound yes; the others (gh-deploy",
    ),
    # csvkit: three tools build agate tables from their input, one talks to a database.
    "agate tables built by most tools are the work": Case(
        "csv_tools",
        {},
        0,
        "multiprocessing",
        {"cpu_bound": True, "native_code": False},
        "agate.Table.from_csv in main goes over a whole document or table in Python",
    ),
    # Two tools that differ: which one the user means, the code does not say.
    "two commands that differ are still asked": Case(
        "csv_tools",
        {"pyproject.toml": SQL_ONLY},
        2,
        None,
        {},
        "still needed: --cpu-bound",
    ),
    # radicale: Hypercorn's event loop only when the configuration asks for it.
    "an event loop only a configured mode runs is not the program's": Case(
        "calendar_server",
        {},
        0,
        "threading",
        {"async_app": False, "program": "service"},
        "runs only in a mode its options or configuration choose instead of the default",
    ),
    # cholera-risk: NumPy draws and array arithmetic, and nothing that waits.
    "a numeric program that waits on nothing computes": Case(
        "risk_model",
        {},
        0,
        "multiprocessing",
        {"cpu_bound": True},
        "the main path waits on nothing but files at most",
    ),
    # The same with a library no table knows: it may be what the program waits on.
    "an unknown library keeps the question open": Case(
        "risk_model",
        {"riskmodel/model.py": "+import quantfeed\n"},
        2,
        None,
        {},
        "still needed: --cpu-bound",
    ),
    # git-cola: `if block_count % 100 == 0: processEvents()` in its highlighter is pacing.
    "acting every hundredth item is no computation": Case(
        "git_viewer",
        {},
        0,
        "threading",
        {"cpu_bound": False, "program": "gui"},
        "runs a program as a child process and waits for it",
    ),
    # thonny's help page, red-discordbot's data statement: one document converted in a GUI
    # or a bot is incidental.
    "a GUI converting one help page casts no vote": Case(
        "git_viewer",
        {"gitviewer/main.py": HELP, "pyproject.toml": HELP_SCRIPT},
        0,
        "threading",
        {"cpu_bound": False, "program": "gui"},
        "runs a program as a child process and waits for it",
    ),
    # A trial division by a variable still computes, beside the same children.
    "a remainder by a variable still computes": Case(
        "git_viewer",
        {"gitviewer/main.py": PRIMES, "pyproject.toml": REPORT_SCRIPT},
        2,
        None,
        {},
        "gitviewer/main.py:52 (yes)",
    ),
}


@pytest.mark.parametrize("title", list(CASES))
def test_class(title: str, tmp_path: Path) -> None:
    check(CASES[title], tmp_path)


def test_the_reasons_in_traditional_chinese(tmp_path: Path) -> None:
    """The new reasons exist in zh-TW, with full-width punctuation."""
    code, data, err = scan(
        CASES["a numeric program that waits on nothing computes"], tmp_path, "--lang", "zh-TW"
    )
    assert code == 0, err
    cpu = [e["reason"] for e in data["evidence"]["cpu_bound"]["evidence"]]
    assert any("主要路徑上最多只有檔案存取" in r for r in cpu), cpu
