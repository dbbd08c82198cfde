"""A declared console script's own module may also run as `python module.py`: its main guard
calling the script's function is the same program, not a side path. Newcomer review 23 (18):
speedtest-cli (`speedtest = "speedtest:main"`, and `if __name__ == '__main__': main()` in
speedtest.py) was told "Not on the main path: speedtest.py: if __name__ == '__main__'
(--program)". My own minimal reproduction of that layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_advisor

PYPROJECT = """\
[project]
name = "speedtest-mini"
version = "1.0"

[project.scripts]
speedtest = "speedtest:main"
"""

PROGRAM = """\
import threading
import urllib.request


def download(url, results):
    with urllib.request.urlopen(url, timeout=10) as resp:
        results.append(len(resp.read()))


def main():
    results = []
    urls = [f"http://example.com/{i}" for i in range(8)]
    threads = [threading.Thread(target=download, args=(url, results)) for url in urls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(sum(results))


if __name__ == "__main__":
{guard}
"""


def _project(tmp_path: Path, guard: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "speedtest.py").write_text(PROGRAM.replace("{guard}", guard), encoding="utf-8")
    return tmp_path


def test_the_guard_calling_the_script_is_on_the_main_path(tmp_path: Path) -> None:
    project = _project(tmp_path, "    main()")
    result = run_advisor("scan", str(project), "--recommend", "--format", "json")
    assert result.code in (0, 2), result.err
    path = json.loads(result.out)["main_path"]
    assert path["not_on_main_path"] == []
    plain = run_advisor("scan", str(project), "--recommend", "--format", "plain")
    assert "Not on the main path" not in plain.out


@pytest.mark.parametrize(
    "guard", ["    print('self-test')", "    import doctest\n    doctest.testmod()"]
)
def test_a_guard_doing_something_else_stays_off_the_path(tmp_path: Path, guard: str) -> None:
    project = _project(tmp_path, guard)
    result = run_advisor("scan", str(project), "--recommend", "--format", "json")
    assert result.code in (0, 2), result.err
    off = json.loads(result.out)["main_path"]["not_on_main_path"]
    assert [o["where"] for o in off] == ["speedtest.py: if __name__ == '__main__'"]
