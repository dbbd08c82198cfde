"""Which files the second pass parses for ADV108 one file away (`crossfile.starter_pairs`):
counted, never timed. A starter's last name alone (``t(``) matched every ``print(`` of a
scan, so the second pass parsed nearly every file of the standard library for it."""

from __future__ import annotations

from pathlib import Path

from advisor.api import scan

POOLS = "import multiprocessing\n\n\ndef t(n):\n    with multiprocessing.Pool(n) as pool:\n        return pool.map(abs, [n])\n"


def _tree(root: Path) -> None:
    (root / "work").mkdir()
    (root / "work" / "__init__.py").write_text("")
    (root / "work" / "pools.py").write_text(POOLS)
    (root / "work" / "main.py").write_text("from . import t\n\nt(2)\n")  # relative: no word
    (root / "work" / "__init__.py").write_text("from .pools import t\n")
    (root / "run.py").write_text("from work.pools import t\n\nt(2)\n")
    (root / "again.py").write_text("import work\n\nwork.t(3)\n")  # through the re-export
    for index in range(5):  # `print(` ends with `t(`, and nothing names the starter's module
        (root / f"plain{index}.py").write_text(f'print("file {index}")\n')


def test_scripts_calling_a_starter_are_parsed_and_found(tmp_path: Path) -> None:
    _tree(tmp_path)
    result = scan([str(tmp_path)], cache=False, jobs=1, config=False)
    found = {(f.path.rpartition("/")[2], f.line, f.code) for f in result.findings}
    assert {("run.py", 3, "ADV108"), ("again.py", 3, "ADV108"), ("main.py", 3, "ADV108")} <= found


def test_files_that_only_print_are_left_unparsed(tmp_path: Path) -> None:
    _tree(tmp_path)
    result = scan([str(tmp_path)], cache=False, jobs=1, config=False)
    # the five `print(` files, never parsed: the summary counts them apart
    assert result.unparsed == 5
