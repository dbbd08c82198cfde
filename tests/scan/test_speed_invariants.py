"""What the cold scan's speed rests on (docs/benchmarks.md, "The cold run within 1.25x"): each
file's tree is freed as soon as its result is taken, so pausing the cycle collector while a
file is walked costs nothing; and the byte filter's one-pass index of `def` headers finds the
same function texts as searching the file for each name."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pytest

from advisor.lint._data import bundle
from advisor.lint.analyse import analyse, prepared
from advisor.lint.jobs import analyse_one
from advisor.lint.triggers import Triggers, _Defs

FIXTURES = Path(__file__).parent.parent / "fixtures" / "scan"


@pytest.mark.parametrize(
    "name",
    ["ADV101.py", "ADV101_precision.py", "ADV102.py", "ADV106.py", "ADV107.py", "ADV109.py"],
)
def test_a_walked_file_leaves_no_cycle_behind(name: str) -> None:
    # A cycle through the file's context kept every tree of a run alive until a full
    # collection (2.7 of 18 CPU seconds on the standard library): none may come back.
    data = prepared(bundle())
    source = (FIXTURES / name).read_bytes()
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        result = analyse(source, name, "fixture", False, data, frozenset(data["rules"]))
        del result
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_the_caller_had_it(enabled: bool) -> None:
    data = prepared(bundle())
    job = ("a.py", b"async def f():\n    pass\n", "a", False, frozenset({"ADV101"}))
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        analyse_one(job, data)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def _blocks_by_search(content: bytes, name: bytes) -> list[bytes]:
    """The byte filter's earlier way: one pattern per name, searched over the whole file."""
    found = []
    header = re.compile(rb"^([ \t]*)(?:async[ \t]+)?def[ \t]+" + re.escape(name) + rb"\(", re.M)
    for match in header.finditer(content):
        indent = len(match.group(1))
        end = content.find(b"\n", match.end())
        while end != -1:
            start = end + 1
            end = content.find(b"\n", start)
            line = content[start : end if end != -1 else len(content)]
            stripped = line.lstrip()
            if (
                stripped
                and len(line) - len(stripped) <= indent
                and not stripped.startswith((b")", b"#"))
            ):
                end = start - 1
                break
        found.append(content[match.start() : end if end != -1 else len(content)])
    return found


SOURCE = """import threading

def work(n):
    total = 0
    for i in range(n):
        total += i * i
    return total

class Pool:
    def work(self, items):
        # a method of the same name, indented
        return [x + 1 for x in items]

    async def  spin(self):
        while True:
            pass

def work_more(n,
        m):
    return work(n) + m
)
def work(n):  # redefined
    pass
def workers(): pass
def wörk(): pass
threading.Thread(target=work, args=(3,)).start()
""".encode()


@pytest.mark.parametrize("name", [b"work", b"spin", b"work_more", b"workers", b"missing"])
def test_def_headers_indexed_once_find_the_same_blocks(name: bytes) -> None:
    assert _Defs(SOURCE).blocks(name) == _blocks_by_search(SOURCE, name)


def _fires_naively(triggers: Triggers, content: bytes) -> bool:
    """The byte filter's definition: any word, any group whole, any pattern."""
    return (
        any(word in content for word in triggers.words)
        or any(all(word in content for word in group) for group in triggers.groups)
        or any(hint in content and pattern.search(content) for pattern, hint in triggers.regexes)
    )


TRIGGER_CASES = [
    b"",
    b"from concurrent.futures import ThreadPoolExecutor\n",
    b"pool = ThreadPool(4)\npool.map(f, xs)\n",
    b"import threading\nthreading.Thread(target=work)\n",
    b"Thread(target = work)\n",
    b"import multiprocessing\nmultiprocessing.Pool()\n",
    b"from multiprocessing.dummy import Pool\np.map(f, xs)\n",
    b"menu.add_command(label='x')\n",
    b"Command(callable=backwards)\n",
    b"# async is only a word here\n",
    b"async  def f():\n    pass\n",
    b"Thread only, no target\n",
]


@pytest.mark.parametrize("content", TRIGGER_CASES + [p.read_bytes() for p in FIXTURES.glob("*.py")])
def test_the_byte_filter_scans_less_and_decides_the_same(content: bytes) -> None:
    # `__call__` leaves out the groups and words another word covers, and scans a word two
    # groups share once: the same answer as the definition, for fewer passes over the bytes.
    triggers = Triggers(bundle()["rules"])
    assert triggers(content) == _fires_naively(triggers, content)


@pytest.mark.parametrize(
    "text",
    [
        "x = 1  # noqa\n",
        "x = 1  # NOQA: ADV101\r\ny = 2\n",
        "x = 1  # advisor : ignore[ADV102]\n",
        "# advisor: ignore\n",
        "x = '#'  \nnoqa = 2\n",
        "x = 1\n",
        "",
    ],
)
def test_a_file_without_a_suppression_hint_has_no_line_suppressed(text: str) -> None:
    # `_result` skips splitting an ASCII file into lines when `may_suppress` says no line can
    # carry a suppression comment: never when some line does.
    from advisor.lint.noqa import may_suppress, suppressed_codes

    lines = re.split(r"\r\n|\r|\n", text)
    if any(suppressed_codes(line) for line in lines):
        assert may_suppress(text)
    if not may_suppress(text):
        assert not any(suppressed_codes(line) for line in lines)


CONSTRUCTOR_NEEDLES = {(b"Starboard(", b"starboard"), (b"Server(", b"base_events")}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"from cogs.starboard import Starboard\nbot.add_cog(Starboard(bot))\n",
        b"import cogs.starboard\nbot.add_cog(cogs.starboard.Starboard(bot))\n",
        b"bot.add_cog(Starboard(bot))\n",
        b"from starboard import other\nStarboard\n",
        b"base_events.Server(loop)\n",
        b"from asyncio import base_events\nMyServer(loop)\n",
    ],
)
def test_the_constructor_search_finds_what_its_definition_finds(content: bytes) -> None:
    # `constructs` asks for `Name(` once before the module's words (`word.Name(` holds it):
    # the same answer as the definition, for one search per class in a file without it.
    from advisor.lint.discover import Source
    from advisor.lint.needles import constructs, probes_of

    item = (
        Source("/nowhere/x.py", "x.py", "x.py", len(content), (0, 0, 0, 0)),
        content,
        "x",
        False,
    )
    naive = any(
        (name in content and word + b" import" in content) or word + b"." + name in content
        for name, word in CONSTRUCTOR_NEEDLES
    )
    assert constructs(item, probes_of(CONSTRUCTOR_NEEDLES)) is naive
