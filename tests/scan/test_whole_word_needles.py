"""The second pass's coroutine needles match whole words only (`needles.whole`): counted.

Our own minimal tree, after the standard library's shape: a coroutine ``_c`` in a module
``types`` (CPython's ``types._c``) made every test file calling ``data_c(`` and naming
``ctypes`` a caller, and the second pass parsed twelve such files (0.95 MB) for nothing. A file
that really calls the coroutine is still parsed and its ADV102 still found (the positive); one
holding ``_c(`` and ``types`` only inside longer words is left unparsed (the negative)."""

from __future__ import annotations

from pathlib import Path

from advisor.api import scan
from advisor.lint.needles import callers, calls_coroutine, calls_one, whole

FILES = {
    "pkg/__init__.py": "",
    "pkg/types.py": "import asyncio\n\n\nasync def _c():\n    await asyncio.sleep(1)\n",
    # calls the coroutine without `await`: ADV102
    "caller.py": "from pkg import types\n\n\ndef run():\n    types._c()\n",
    # the needles only inside longer words: no call of `pkg.types._c`
    "lookalike.py": (
        "import ctypes\n\n\ndef data_c(n):\n    return ctypes.c_int(n)\n\n\ndata_c(1)\n"
    ),
}


def test_a_lookalike_is_not_parsed_and_the_caller_is_found(tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    result = scan([str(tmp_path)], cache=False, jobs=1, config=False)
    found = {(f.path.rpartition("/")[2], f.line, f.code) for f in result.findings}
    assert found == {("caller.py", 5, "ADV102")}
    # pkg/types.py first; then pkg/__init__.py and caller.py in the second pass, not lookalike.py
    assert result.parsed == 3


def test_whole_word_edges() -> None:
    assert whole(b"x = types._c()", b"_c(")
    assert not whole(b"data_c()", b"_c(")
    assert not whole(b"import ctypes", b"types")
    assert not whole(b"typesetter", b"types")
    assert whole(b"from .types import _c", b"types")
    assert not whole("caf\u00e9_c()".encode(), b"_c(")  # a non-ASCII identifier byte
    assert whole(b"<locals>x", b"<locals>")  # no identifier byte at its edge: no boundary


def test_both_searches_agree() -> None:
    found = callers([(b"_c(", b"types")])
    for content in (b"types._c()", b"ctypes; data_c()", b"types; data_c()", b"ctypes._c()"):
        assert calls_coroutine(content, found) == calls_one(content, found.wheres)
