"""The second pass's searches in a file's whitespace-separated pieces (`needles.pieces`) answer
as searches of the whole file do, and the relative-import prefilter drops no import.

Our own cases, after the shapes of the standard library's unparsed files (indented code,
tabs, form feeds, a needle across a line break) that the second pass searches a hundred
times each; the scan of `test_parsed_once`'s tree with the pieces always joined finds the
same ADV102 and ADV108 one file away."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from advisor.api import scan
from advisor.lint import passes
from advisor.lint.needles import callers, calls_coroutine, pieces, relative_call, solid
from tests.scan.test_parsed_once import FILES

CONTENTS = [
    b"",
    b"import os\n\n\ndef f():\n    os.path.join(a, b)\n",
    b"from pkg import coros\n\tcoros.fetch()\x0c\nx = coros .fetch ()\r\n",
    b"class Worker:\n    def crunch(self):\n        return Worker()\n",
    b"a = b\nc = d  # a\nb",
]
NEEDLES = [b"fetch(", b"coros", b"os.path", b"Worker(", b"b\nc", b"a b", b"(", b"", b"\x0c"]


def test_pieces_answer_as_the_content_for_solid_needles() -> None:
    for content, needle in itertools.product(CONTENTS, NEEDLES):
        if solid([needle]):
            assert (needle in pieces(content)) == (needle in content), (content, needle)


def test_needles_with_whitespace_are_not_solid() -> None:
    assert not solid([b"coros import"])
    assert not solid([b"b\nc"])
    assert not solid([b"\x0c"])
    assert solid([b"coros.fetch(", b"fetch("])


def test_calls_coroutine_with_and_without_pieces() -> None:
    found = callers([(b"fetch(", b"coros"), (b"crunch(", b"Worker")])
    for content in CONTENTS:
        assert calls_coroutine(content, found, pieces(content)) == calls_coroutine(content, found)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"from . import main\nmain()\n", True),
        (b"from .. import (\n    other,\n    main,\n)\nmain()\n", True),
        (b"xfrom . import main\nmain()\n", False),  # no word boundary before `from`
        (b"from .mod import main\nmain()\n", False),  # names its module's word
        (b"from . import main\n", False),  # imported, never called
    ],
)
def test_relative_call(content: bytes, expected: bool) -> None:
    assert relative_call(content, callers([(b"main(", b"cli")])) is expected


def test_a_scan_with_the_pieces_always_joined_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(passes, "MANY_NEEDLES", 0)
    result = scan([str(tmp_path)], cache=False, jobs=1, config=False)
    found = {(f.path.rpartition("/")[2], f.line, f.code) for f in result.findings}
    assert found == {("caller.py", 8, "ADV102"), ("run.py", 4, "ADV108")}
    assert result.parsed == len(FILES)
