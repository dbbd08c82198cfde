"""The byte filter: which rules could fire in a file, decided from its bytes before any parse.

Every rule lists in ``rules.yaml`` the words that must occur for it to fire. The names a rule
resolves (``time.sleep``, ``ProcessPoolExecutor``) must be imported, so the module's name is
in the file under any alias; a file where no rule's words occur provably has no finding and
is never parsed. About four in five files of a typical tree stop here.
"""

from __future__ import annotations

import re
from typing import Any


class Triggers:
    """Decides from a file's bytes whether any rule could fire (see ``triggers`` in rules.yaml).

    Substring tests first (fast); a regular expression only runs when its literal prefix word
    occurs, so most files cost a handful of ``bytes in bytes`` scans.
    """

    def __init__(self, rules: dict[str, Any]) -> None:
        words: set[bytes] = set()
        groups: set[tuple[bytes, ...]] = set()
        regexes: dict[str, bytes] = {}
        self.by_code: dict[str, list[Any]] = {}
        self.requires: dict[str, list[tuple[re.Pattern[bytes], bool, bool]]] = {}
        for code, entry in rules.items():
            tests: list[Any] = []
            for trigger in entry["triggers"]:
                if isinstance(trigger, dict):
                    group = tuple(sorted(w.encode() for w in trigger["all"]))
                    groups.add(group)
                    tests.append(("all", group))
                elif trigger.startswith("re:"):
                    hint = _literal_hint(trigger[3:])
                    regexes[trigger[3:]] = hint
                    tests.append(("re", (re.compile(trigger[3:].encode()), hint)))
                else:
                    words.add(trigger.encode())
                    tests.append(("word", trigger.encode()))
            self.by_code[code] = tests
            self.requires[code] = [
                (
                    re.compile(need["defined"].encode()),
                    bool(need.get("loop")),
                    bool(need.get("imported")),
                )
                for need in entry.get("requires", ())
            ]
        self.words = tuple(sorted(words))
        self.groups = tuple(sorted(groups))
        # What `__call__` scans for: a group holding one of the words can only match where
        # that word occurs, and then the words alone said yes already (4 of the 11 groups:
        # `ThreadPool`, `ProcessPoolExecutor`); each scan left out is one pass over the
        # bytes of every file that no rule wants, which is most of them.
        # Each group's words are looked for longest first: a long word (``multiprocessing``,
        # ``target=``, ``set_defaults(``) is rarer than its short partner (``Pool``,
        # ``Thread``, ``func=``), so most files leave the group after one search, not two;
        # the group matches only where all its words occur, in whatever order asked.
        self._open_groups = tuple(
            tuple(sorted(g, key=lambda w: (-len(w), w)))
            for g in self.groups
            if not words.intersection(g)
        )
        # and a word holding another word (`ThreadPoolExecutor`, `ThreadPool`) occurs only
        # where that one does
        self._scanned = tuple(w for w in self.words if not any(o != w and o in w for o in words))
        self.regexes = tuple((re.compile(p.encode()), hint) for p, hint in sorted(regexes.items()))

    def __call__(self, content: bytes) -> bool:
        if any(word in content for word in self._scanned):
            return True
        absent: set[bytes] = set()  # a word two groups share is scanned for once
        for group in self._open_groups:
            for word in group:
                if word in absent:
                    break
                if word not in content:
                    absent.add(word)
                    break
            else:
                return True
        return any(hint in content and pattern.search(content) for pattern, hint in self.regexes)

    def codes(self, content: bytes) -> frozenset[str]:
        """The rules that could fire in *content*: only their checks run on the tree."""
        active = set()
        defs = _Defs(content)
        # Several rules share words (``multiprocessing``, ``Thread``, ``async``): each is
        # looked for in the bytes once.
        present: dict[bytes, bool] = {}

        def has(word: bytes) -> bool:
            found = present.get(word)
            if found is None:
                found = present[word] = word in content
            return found

        for code, tests in self.by_code.items():
            for kind, test in tests:
                if kind == "word":
                    hit = has(test)
                elif kind == "all":
                    hit = all(has(word) for word in test)
                else:
                    pattern, hint = test
                    hit = has(hint) and pattern.search(content) is not None
                if hit:
                    if all(
                        _defined(need, loop, defs, imported)
                        for need, loop, imported in self.requires[code]
                    ):
                        active.add(code)
                    break
        return frozenset(active)


_LOOP = re.compile(rb"\b(?:for|while)\b")
_ARITHMETIC = re.compile(rb"[-+*/%|&^]=|\*\*|[\w)\]]\s*[-+*/%]\s*[\w(\[]")


def _defined(pattern: re.Pattern[bytes], loop: bool, defs: _Defs, imported: bool = False) -> bool:
    """Some name *pattern* captures is defined in the file by a `def`; with *loop*, that
    function's text (its indented block) also holds a loop keyword and an arithmetic operator,
    which any hot loop's source must. A block cut short by an unindented multi-line string can
    only make the rule miss, never fire wrongly. With *imported*, a name the file imports (the
    hot loop may be in another module of the scan), or a function of the file that calls one,
    counts too (ADV107 one module away)."""
    content = defs.content
    for name in set(pattern.findall(content)):
        if imported and name in defs.imported():
            return True
        marker = b"def " + name + b"("
        if marker not in content:
            continue
        if imported and any(
            callee in defs.imported()
            for block in defs.blocks(name)
            for callee in set(_CALLED.findall(block[len(name) + 4 :]))
        ):
            return True
        if not loop:
            return True
        for block in defs.blocks(name):
            if _hot_text(block) or any(
                _hot_text(inner)
                for callee in set(_CALLED.findall(block[len(name) + 4 :]))
                if callee != name and b"def " + callee + b"(" in content
                for inner in defs.blocks(callee)
            ):
                return True  # a hot loop in the function, or one call away (ADV107)
    return False


_CALLED = re.compile(rb"\b(\w+)\(")


_IMPORT_LINE = re.compile(rb"^[ \t]*(?:from[ \t]+\S+[ \t]+)?import\b([^\n]*)", re.M)
_WORD = re.compile(rb"\w+")
#: A `def` header at the start of a line: its indentation and the function's name.
_HEADER = re.compile(rb"^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)\(", re.M)


def _hot_text(block: bytes) -> bool:
    return bool(_LOOP.search(block) and _ARITHMETIC.search(block))


class _Defs:
    """The `def` headers of one file's bytes, found in one pass over them when a rule first
    asks (`_HEADER`). Searching the bytes again for each name asked (a pattern compiled per
    name, then a scan of the whole file) cost a cold scan of the standard library 1.1 of its
    18 CPU seconds: test files hand dozens of names to `.map(` and `.submit(`."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self._headers: dict[bytes, list[tuple[int, int, int]]] | None = None
        self._imported: frozenset[bytes] | None = None

    def imported(self) -> frozenset[bytes]:
        """The words of the file's import lines (``from pkg import name``, ``import name``; a
        parenthesised import spread over lines is not seen), read once when first asked."""
        if self._imported is None:
            self._imported = frozenset(
                word for line in _import_lines(self.content) for word in _WORD.findall(line)
            )
        return self._imported

    def blocks(self, name: bytes) -> list[bytes]:
        """The text of each `def name(`, up to the first line indented no deeper."""
        if self._headers is None:
            self._headers = {}
            for match in _headers(self.content):
                place = (match.start(), len(match.group(1)), match.end())
                self._headers.setdefault(match.group(2), []).append(place)
        content = self.content
        found = []
        for start, indent, after in self._headers.get(name, ()):
            ends = _block_end(indent).search(content, after)
            found.append(content[start : ends.start() if ends is not None else len(content)])
        return found


def _headers(content: bytes) -> list[re.Match[bytes]]:
    """What ``_HEADER.finditer`` finds in *content*."""
    return _line_matches(content, b"def", _HEADER)


def _import_lines(content: bytes) -> list[bytes]:
    """What `_IMPORT_LINE` captures in *content*, as its ``findall`` would."""
    return [line.group(1) for line in _line_matches(content, b"import", _IMPORT_LINE)]


def _line_matches(content: bytes, word: bytes, pattern: re.Pattern[bytes]) -> list[re.Match[bytes]]:
    """The matches of *pattern*, anchored at a line's start, on the lines where *word*
    occurs. Each pattern here only matches at a line's start, within the line, and every
    match holds its word, so only those lines are tried (the whole file's lines, each tried
    in turn, cost a cold scan of the standard library 0.7 of its 3 seconds in this filter)."""
    found = []
    at = content.find(word)
    while at != -1:
        match = pattern.match(content, content.rfind(b"\n", 0, at) + 1)
        if match is not None:
            found.append(match)
        end = content.find(b"\n", at)
        if end == -1:
            break
        at = content.find(word, end)
    return found


_BLOCK_ENDS: dict[int, re.Pattern[bytes]] = {}


def _block_end(indent: int) -> re.Pattern[bytes]:
    """The first line break before a line that ends a block indented *indent* deep: one
    with text (not a blank line, not only spaces), indented no deeper, that does not start
    with ``)`` or ``#`` (the leading whitespace `bytes.lstrip` strips, in one search in C
    where a loop over the lines in Python cost more than the rest of the filter's `def`
    questions)."""
    pattern = _BLOCK_ENDS.get(indent)
    if pattern is None:
        pattern = _BLOCK_ENDS[indent] = re.compile(
            rb"\n[ \t\r\x0b\x0c]{0,%d}[^ \t\r\x0b\x0c\n)#]" % indent
        )
    return pattern


def _literal_hint(pattern: str) -> bytes:
    """A word every match contains (``async`` for ``async\\s+def``): the cheap pre-test."""
    for word in ("async", "await"):
        if word in pattern:
            return word.encode()
    return b""
