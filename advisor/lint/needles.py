"""The second pass's byte searches: which unparsed files may matter to the cross-file joins.

A file no rule's words occur in is never parsed in the first pass; the second pass parses it
only if its bytes hold what a join needs: a call of a coroutine another file defines, by name
and module word (`calls_one`), a ``def`` of a helper a coroutine's call leads into (`defines`),
a constructor of a class the scan looks for (`constructs`), or a pair of a Protocol's shape
(`holds_pair`). Every search is on bytes, in C, never a parse.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from advisor.lint.discover import Source

#: A file not parsed in the first pass, kept for the second: its content when it was read.
Pending = tuple[Source, bytes | None, str, bool]


#: Up to this many modules with coroutines, each file's bytes are searched for each module's
#: word (its coroutines' names only where it occurs); beyond, one pass over the called words
#: (`calls_one`) costs less. Both find the same files.
FEW_MODULES = 64


#: A name called in a file's bytes: the identifier characters (any non-ASCII byte may be one)
#: right before a ``(``.
_CALLED = re.compile(rb"[\w\x80-\xff]+(?=\()")


class Callers(NamedTuple):
    """The scan's coroutine needles (`crossfile.coroutine_needles`) as the searches want them:
    by name (``name`` without its ``(``, for `calls_one`) and by module word."""

    wheres: dict[bytes, list[bytes]]
    groups: dict[bytes, list[bytes]]
    #: No needle holds a whitespace byte: each may be looked for in the file's `pieces`.
    solid: bool


def callers(needles: list[tuple[bytes, bytes]]) -> Callers:
    """*needles* grouped once per pass, not once per file."""
    wheres: dict[bytes, list[bytes]] = {}
    groups: dict[bytes, list[bytes]] = {}
    for name, where in needles:
        wheres.setdefault(name[:-1], []).append(where)
        groups.setdefault(where, []).append(name)
    return Callers(wheres, groups, solid([n for pair in needles for n in pair]))


def calls_coroutine(content: bytes, found: Callers, chunks: bytes | None = None) -> bool:
    """Whether *content* holds ``name(`` and the module's word of one of the scan's coroutines
    (looked for in *chunks*, the file's `pieces`, when given: the same answer, fewer bytes)."""
    if len(found.groups) <= FEW_MODULES:
        # Few modules hold coroutines (the standard library): a handful of searches in C.
        hay = chunks if chunks is not None and found.solid else content
        return any(
            where in hay and any(name in hay for name in names)
            for where, names in found.groups.items()
        )
    return calls_one(content, found.wheres)


#: A byte where ``bytes.split()`` breaks (ASCII whitespace).
_WHITESPACE = re.compile(rb"[ \t\n\r\x0b\x0c]")

#: From this many needle groups asked of each unparsed file on, the second pass first joins
#: each file's `pieces`: the join costs about 24 searches of the file, and each search of the
#: pieces then reads 40% of its bytes (the standard library); with fewer, the plain searches
#: cost less than the join.
MANY_NEEDLES = 32


def solid(needles: list[bytes]) -> bool:
    """Whether none of *needles* holds a whitespace byte (so `pieces` can answer for them)."""
    return not any(_WHITESPACE.search(needle) for needle in needles)


def pieces(content: bytes) -> bytes:
    """The file's whitespace-separated pieces, each once, joined by a line break: a needle with
    no whitespace byte occurs in *content* exactly when it occurs here (an occurrence lies
    inside one piece, and cannot span the line breaks between them). Python's indentation and
    repeated names make this 40% of the standard library's unparsed bytes, which the second
    pass searches a hundred times each (its coroutine, starter and constructor needles)."""
    return b"\n".join(set(content.split()))


#: An import from the package a file is in, or above it (``from . import x``, ``from .. import
#: (x, y)``): the one import that names no module word (``from .mod import x`` names ``mod``).
#: Group 1 holds the names it imports.
_RELATIVE = re.compile(rb"\bfrom\s+\.+\s*import\s*\(?([\w\s,\\]*)")

#: `_RELATIVE` without its leading ``\b``: it matches wherever `_RELATIVE` does, so a file it
#: finds nothing in has no relative import, and it is searched for its literal ``from`` in C
#: (a leading ``\b`` makes the regex engine try every position: 0.22 against 0.015 CPU s over
#: the standard library).
_MAY_BE_RELATIVE = re.compile(rb"from\s+\.+\s*import")


def relative_call(content: bytes, found: Callers) -> bool:
    """Whether *content* imports one of *found*'s names from its own package or one above
    (``from . import main``, which may bring a starter from a module whose word the file never
    spells) and calls it (``main(``)."""
    if b"import" not in content or _MAY_BE_RELATIVE.search(content) is None:
        return False
    for imported in _RELATIVE.findall(content):
        for name in re.findall(rb"\w+", imported):
            if name in found.wheres and name + b"(" in content:
                return True
    return False


def calls_one(content: bytes, wheres: dict[bytes, list[bytes]]) -> bool:
    """Whether *content* holds ``name(`` and the module's word for one of *wheres*' names
    (name -> module words). The same test as looking for each needle in the bytes, in one
    pass over them: ``name(`` occurs exactly where a called word ends with *name*, so every
    ending of every called word is looked up (thousands of coroutines in a big project made
    the needle-by-needle search the slowest part of a cold run, 3.2 M searches in Home
    Assistant)."""
    for word in set(_CALLED.findall(content)):
        for start in range(len(word)):
            found = wheres.get(word[start:])
            if found is not None and any(where in content for where in found):
                return True
    return False


def defines(item: Pending, names: set[str]) -> bool:
    """Whether the file's bytes hold ``def name(`` for one of the functions wanted from it:
    only such a file can add a blocking helper (a re-export is an ``__init__``'s, parsed
    with the package's inits)."""
    content = content_of(item)
    if content is None:
        return False
    if any(f"def {name}(".encode() in content for name in names):
        return True
    if any(name[:1] == "=" and f"\n{name[1:]} = ".encode() in content for name in names):
        return True  # a client object made at the top level (`crossfile._client_modules`)
    if any(name[:1] == "[" and f"class {name[1:]}(".encode() in content for name in names):
        return True  # a class whose generic base may type an attribute (`_generic_hop`)
    if b"Annotated[" in content and any(
        f"{name} = Annotated[".encode() in content for name in names
    ):
        return True  # a dependency alias standing for a class (`analyse._annotated_aliases`)
    # a package's `__init__` re-exporting the class or function (`from .store import
    # TaskQueueDB`): its aliases lead to the module that defines it
    return (
        bool(item[3])
        and b"import" in content
        and any(name.encode() in content for name in names if name != "__init__")
    )


#: (``Name(``, ``word import``, ``word.Name(``): one constructor needle as `constructs` looks
#: for it, its byte strings built once per pass rather than once per file.
Probe = tuple[bytes, bytes, bytes]


def probes_of(needles: set[tuple[bytes, bytes]]) -> list[tuple[bytes, list[Probe]]]:
    """The probes grouped by their module's word: both ``word import`` and ``word.Name(``
    hold the word, so a file without it is passed over after one search for the whole group
    rather than one per class (54 classes in 29 modules on the standard library, asked of
    each of its 1,674 unparsed files: a third of those searches saved)."""
    groups: dict[bytes, list[Probe]] = {}
    for name, word in sorted(needles):
        groups.setdefault(word, []).append((name, word + b" import", word + b"." + name))
    return list(groups.items())


def holds_pair(item: Pending, pairs: set[tuple[bytes, bytes]]) -> bool:
    """Whether the file's bytes hold both needles of one of *pairs*."""
    content = content_of(item)
    return content is not None and any(a in content and b in content for a, b in pairs)


def solid_probes(probes: list[tuple[bytes, list[Probe]]]) -> bool:
    """Whether `constructs` may look for the probes' words, names and dotted calls in the
    file's `pieces` (``word import`` holds a space: always looked for in the content)."""
    return solid(
        [word for word, _ in probes]
        + [n for _, group in probes for name, _, dotted in group for n in (name, dotted)]
    )


def constructs(
    item: Pending, probes: list[tuple[bytes, list[Probe]]], chunks: bytes | None = None
) -> bool:
    """Whether the file's bytes call one of the classes the probes name (``Starboard(``) and
    import it from its module (``starboard import``) or call it through the module
    (``starboard.Starboard(``): `crossfile.constructor_needles`. ``word.Name(`` holds
    ``Name(``, so a file without ``Name(`` is passed over after one search, not two (the
    second pass asks this of every unparsed file, for each of some fifty classes on the
    standard library). With *chunks* (the file's `pieces`, when `solid_probes`), all but
    ``word import`` are looked for there: the same answer, fewer bytes."""
    content = content_of(item)
    if content is None:
        return False
    hay = content if chunks is None else chunks
    return any(
        word in hay
        and any(
            name in hay and (imported in content or dotted in hay)
            for name, imported, dotted in group
        )
        for word, group in probes
    )


def content_of(item: Pending) -> bytes | None:
    source, content, _, _ = item
    if content is not None:
        return content
    try:
        with open(source.abspath, "rb") as handle:
            return handle.read()
    except OSError:
        return None
