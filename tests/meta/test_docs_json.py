"""docs/json.md lists the top-level keys each command's `--format json` really prints: every
command is run (cheap, offline workloads) and its keys compared with the section's table."""

from __future__ import annotations

import json
import re
import shutil
import sys

import pytest

from tests.helpers import FIXTURES, ROOT, clean_env, run_advisor

JSON_DOC = ROOT / "docs" / "json.md"

HANDLER = """\
import asyncio
import time

import requests


async def handler(url):
    time.sleep(1)
    return requests.get(url)


def main():
    asyncio.run(handler("http://localhost"))
"""


#: A script calling a library advisor does not know, in a loop: nothing says whether the work
#: is CPU-bound, so `scan --recommend` exits 2 (newcomer review 18, #11).
UNKNOWN = """\
import mylib


def main():
    for u in ["a", "b"]:
        mylib.get(u)


if __name__ == "__main__":
    main()
"""

#: The sections whose document comes with exit 2.
EXIT_2 = {"scan --recommend, exit 2"}


def documented() -> dict[str, list[str]]:
    """Section heading -> the keys of the first table in that section, in order."""
    sections: dict[str, list[str]] = {}
    for section in JSON_DOC.read_text(encoding="utf-8").split("\n## ")[1:]:
        heading, _, body = section.partition("\n")
        rows = re.findall(r"^\|.*$(?:\n^\|.*$)*", body, re.MULTILINE)
        if rows:
            sections[heading.strip()] = re.findall(r"^\| `(\w+)` \|", rows[0], re.MULTILINE)
    return sections


#: Section of docs/json.md -> the command whose output it documents ({tmp} is a sandbox).
RUNS: dict[str, list[str]] = {
    "recommend and ask": ["recommend", "--cpu-bound", "no", "--concurrency", "500"],
    "scan --recommend": [
        "scan",
        "{tmp}/app",
        "--recommend",
        "--concurrency",
        "10",
        "--shared-memory",
        "no",
    ],
    "scan --recommend, exit 2": ["scan", "{tmp}/open", "--recommend"],
    "explain": ["explain"],
    "explain MODEL": ["explain", "asyncio"],
    "explain RULE": ["explain", "ADV101"],
    "scan": ["scan", "{tmp}/app"],
    "scan --statistics": ["scan", "{tmp}/app", "--statistics"],
    "convert": ["convert", "{tmp}/downloader.py", "--target-version", "3.11"],
    "bench": [
        "bench",
        "--cpu-bound",
        "no",
        "--concurrency",
        "2",
        "--tasks",
        "4",
        "--io-latency",
        "1",
        "--repeats",
        "1",
        "--models",
        "threading,asyncio",
        "--quick",
    ],
    "profile": ["profile", "--report", "{tmp}/report.json", "--", sys.executable, "-c", "pass"],
}


#: More commands that print a section's document.
ALSO = [
    ("recommend and ask", ["ask", "--answers", "{tmp}/answers.yaml"]),
    ("explain MODEL", ["explain", "thread-join-to-gather"]),  # a pattern's page
]
CASES = [*RUNS.items(), *ALSO]


def test_every_section_with_a_table_is_checked():
    sections = documented()
    assert set(sections) == {*RUNS, "bench --claims"}, set(sections) ^ {*RUNS, "bench --claims"}


@pytest.mark.parametrize(("section", "command"), CASES, ids=[" ".join(c[:3]) for _, c in CASES])
def test_documented_keys_match_the_output(section, command, tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "app.py").write_text(HANDLER, encoding="utf-8")
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "app.py").write_text(UNKNOWN, encoding="utf-8")
    (tmp_path / "answers.yaml").write_text("cpu_bound: no\nconcurrency: 500\n", encoding="utf-8")
    shutil.copy(FIXTURES / "convert" / "exercise1" / "before.py", tmp_path / "downloader.py")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in command]
    cut = argv.index("--") if "--" in argv else len(argv)
    argv[cut:cut] = ["--format", "json"]
    result = run_advisor(*argv, env=clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache")))
    assert result.code in ((2,) if section in EXIT_2 else (0, 1)), result.err
    text = (
        (tmp_path / "report.json").read_text(encoding="utf-8")
        if section == "profile"
        else result.out
    )
    data = json.loads(text)
    assert sorted(data) == sorted(documented()[section]), (
        f"docs/json.md's {section!r} table lists {sorted(documented()[section])}, "
        f"the output has {sorted(data)}"
    )
    assert ("schema_version" in data) == ("schema_version" in documented()[section])


def test_claims_keys_match_the_value_type():
    """`bench --claims` takes too long for the default suite; its document is what the JSON
    renderer makes of a ClaimsResult, rendered here from an empty one."""
    import io

    from advisor.measurement import ClaimsResult, Machine
    from advisor.render.bench import as_json

    machine = Machine("3.11.7 (CPython)", "Linux", "", 2, 1, True, "fork")
    stream = io.StringIO()
    as_json(ClaimsResult(machine, (), ()), stream, "en")
    assert sorted(json.loads(stream.getvalue())) == sorted(documented()["bench --claims"])
