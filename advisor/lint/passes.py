"""The two passes of a scan over the files, against the stored index.

`look_up` stats (or reads) every file against the index; `first_pass` reuses the stored results
of unchanged files and parses the changed ones where some rule's words occur, leaving the rest
unparsed; `second_pass` parses, with every check, the unparsed files the cross-file joins may
need (`needles`). `fingerprint` is what the second pass depends on, stored with the index so a
warm run with the same inputs does not start it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, NamedTuple

from advisor.lint import index
from advisor.lint.analyse import not_text
from advisor.lint.crossfile import (
    constructor_needles,
    coroutine_names,
    coroutine_needles,
    reach_modules,
    shape_needles,
    starter_modules,
    starter_pairs,
)
from advisor.lint.discover import Source
from advisor.lint.jobs import SYNTAX_ONLY, Job, analyse_all, dealt
from advisor.lint.needles import (
    MANY_NEEDLES,
    Pending,
    callers,
    calls_coroutine,
    constructs,
    content_of,
    defines,
    holds_pair,
    pieces,
    probes_of,
    relative_call,
    solid_probes,
)
from advisor.lint.triggers import Triggers
from advisor.lint.workers import Workers


class Look(NamedTuple):
    """Each file against the stored index, before anything is parsed."""

    #: relative path -> (source, entry, content if read, module, is_package)
    files: dict[str, tuple[Source, index.IndexEntry, bytes | None, str, bool]]
    #: Files that are new, whose content or module differs, or that could not be read.
    changed: set[str]
    #: relative path -> why it could not be read
    unreadable: dict[str, list[str]]
    #: Some unchanged file's stat signature is new (a touch, a checkout): store the index.
    resigned: bool


def look_up(sources: Sequence[Source], stored: index.Stored | None, trust_stat: bool) -> Look:
    """The warm scan's hot loop (every file, most of them trusted): plain locals only."""
    files: dict[str, tuple[Source, index.IndexEntry, bytes | None, str, bool]] = {}
    changed: set[str] = set()
    unreadable: dict[str, list[str]] = {}
    resigned = False
    known = stored.entries if stored is not None else {}
    modules = index.Modules()
    trusted = index.trusted
    for source in sources:
        relpath = source.relpath
        module, is_package = modules.name(source.abspath)
        entry = known.get(relpath)
        content: bytes | None = None
        if not (trust_stat and trusted(entry, source, module)):
            fresh = index.reread(source, module)
            if isinstance(fresh, index.Unreadable):
                unreadable[relpath] = [fresh.key, fresh.reason]
                changed.add(relpath)
                continue
            new, content = fresh
            if entry is None or entry.digest != new.digest or entry.module != module:
                changed.add(relpath)
            elif new.signature != entry.signature:
                resigned = True
            entry = new
        assert entry is not None
        files[relpath] = (source, entry, content, module, is_package)
    return Look(files, changed, unreadable, resigned)


def entries(look: Look) -> dict[str, index.IndexEntry]:
    return {relpath: item[1] for relpath, item in look.files.items()}


def second_inputs(results: dict[str, dict[str, Any]]) -> tuple[list[str], dict[str, set[str]]]:
    """What the second pass starts from: the scan's coroutines and the modules their calls
    reach. Worked out once for the fingerprint and handed to the pass, not again there (a
    tenth of a second per run on the standard library, where an edit costs half a second)."""
    return coroutine_names(results.values()), reach_modules(results.values())


def fingerprint(
    results: dict[str, dict[str, Any]],
    coroutines: list[str] | None = None,
    wanted: dict[str, set[str]] | None = None,
) -> str:
    """What the second pass depends on: the coroutines and the modules their calls reach
    (*coroutines*, *wanted*, when the caller has just computed them from the same *results*)."""
    if coroutines is None:
        coroutines = coroutine_names(results.values())
    if wanted is None:
        wanted = reach_modules(results.values())
    reached = sorted((m, sorted(n)) for m, n in wanted.items())
    starting = starter_pairs(results.values())  # ADV108 one file away
    return hashlib.sha256(repr((coroutines, reached, starting)).encode()).hexdigest()


class FirstPass(NamedTuple):
    """What the first pass learnt: results so far and the files left unparsed."""

    results: dict[str, dict[str, Any]]
    unparsed: dict[str, Pending]
    parsed: int
    reused: int


def never_parsed(item: Any) -> bool:
    """Whether a file's result, or its stored view, is a file's that was never parsed (found
    by walking a folder, with no rule's words in it): ``u`` without ``y``, the mark of a
    file parsed for its syntax only."""
    return isinstance(item, dict) and bool(item.get("u")) and not item.get("y")


def first_pass(
    look: Look,
    old: dict[str, dict[str, Any]],
    data: dict[str, Any],
    workers: Workers,
    named: frozenset[str] = frozenset(),
) -> FirstPass:
    """Reuse the stored result of every unchanged file, parse the changed files where some
    rule's words occur, and note the rest (never parsed: no rule can fire) for the second
    pass. A file *named* on the command line where no rule's words occur is parsed all the
    same, for its syntax errors only: ``advisor scan bad.py`` said nothing of ``def f(:``
    and exited 0 (newcomer review 13). Found by walking a folder, such a file keeps the fast
    path: parsing them all would cost 4.1 CPU seconds more on the standard library's 1,567
    such files (of 1,790), more than doubling a cold scan; the summary counts them apart."""
    results: dict[str, dict[str, Any]] = {}
    unparsed: dict[str, Pending] = {}
    reused = 0
    could_fire = Triggers(data["rules"])
    todo: list[Job] = []
    for relpath, skip in look.unreadable.items():
        results[relpath] = {"skip": skip}
    for relpath, (source, _entry, read, module, is_package) in look.files.items():
        result = None if relpath in look.changed else old.get(relpath)
        if never_parsed(result) and relpath in named:
            result = None  # walked before, named now: its syntax is checked
        content = read
        if result is not None:
            results[relpath] = result
            reused += 1
            if result.get("np"):
                unparsed[relpath] = (source, content, module, is_package)
            continue
        if content is None:
            content = content_of((source, None, module, is_package))
            if content is None:
                results[relpath] = {"skip": ["unreadable", ""]}
                continue
        active = could_fire.codes(content) if could_fire(content) else frozenset()
        if relpath.endswith(".ipynb") or active:
            todo.append((relpath, content, module, is_package, active))
        elif (unreadable := not_text(content)) is not None:
            results[relpath] = {"skip": unreadable}
        elif relpath in named:
            todo.append((relpath, content, module, is_package, SYNTAX_ONLY))
        else:
            # No rule can fire, so the file is not even decoded: its facts are left for the
            # second pass (``u``: never parsed), and the summary counts it apart.
            results[relpath] = {"f": [], "np": 1, "u": 1}
            unparsed[relpath] = (source, content, module, is_package)
    contents = {item[0]: item for item in todo}
    for relpath, result in _analyse_first(todo, results, data, workers):
        results[relpath] = result
        if result.get("np"):
            _, content, module, is_package, _ = contents[relpath]
            unparsed[relpath] = (look.files[relpath][0], content, module, is_package)
    return FirstPass(results, unparsed, len(todo), reused)


def _analyse_first(
    todo: list[Job],
    results: dict[str, dict[str, Any]],
    data: dict[str, Any],
    workers: Workers,
) -> list[tuple[str, dict[str, Any]]]:
    """The first pass's parses, each file once where the old way parsed some twice.

    A file parsed here without ADV102's facts (its words do not allow it) is parsed again,
    with every check, by the second pass when its bytes call one of the scan's coroutines
    (`second_pass`'s ``matching``): 8 files, 0.62 MB of the standard library, parsed twice.
    So the files that may define coroutines go first; then the scan's coroutine needles are
    known, and such a file that matches them is parsed once, with every check, as the second
    pass would. Exactly the files the second pass would parse again are: the needles are
    those the second pass starts from, less what the files still to be parsed and the
    packages' ``__init__`` files can add (they only add), and a file whose words do not allow
    ADV102 holds no ``async def`` (its trigger), so it defines no coroutine, and its parse with
    every check adds no needle and no coroutine to what the second pass starts from. (Such a
    file with ``async`` elsewhere in its bytes, ``apply_async``, ``asyncore``, went first and
    was parsed twice: the standard library's ``test_logging``, ``_test_multiprocessing`` and
    three more, 0.53 MB.) Returned in the order one call of
    `analyse_all` over *todo* returns them (`dealt`), so that nothing downstream sees another
    order."""
    late = {
        item[0]
        for item in todo
        if item[4] is not SYNTAX_ONLY
        and "ADV102" not in item[4]
        and not item[3]
        and not item[0].endswith(".ipynb")
    }
    if not late:
        return list(analyse_all(todo, data, None, workers))
    order = dealt(todo, workers)
    done = dict(analyse_all([item for item in todo if item[0] not in late], data, None, workers))
    found = callers(coroutine_needles([*results.values(), *done.values()]))
    everything = frozenset(data["rules"])
    rest = [
        item if not calls_coroutine(item[1], found) else (*item[:4], everything)
        for item in todo
        if item[0] in late
    ]
    done.update(analyse_all(rest, data, None, workers))
    return [(relpath, done[relpath]) for relpath in order]


def second_pass(
    pending: dict[str, Pending],
    coroutines: list[str],
    results: dict[str, dict[str, Any]],
    data_and_known: tuple[dict[str, Any], dict[str, set[str]] | None],
    workers: Workers,
) -> tuple[int, dict[str, set[str]]]:
    """Parse, with every check, the unparsed files that may call the scan's coroutines: first
    the ``__init__`` files of packages holding coroutines (their re-exports), then every file
    whose bytes mention such a name and its module. Returns how many were parsed, and the
    modules coroutines' calls lead into as the final results say (`reach_modules`; *known*,
    when given, is that of *results* as they are on entry, used while nothing is parsed)."""
    data, known = data_and_known
    modules_with_coroutines = {name.rpartition(".")[0] for name in coroutines}
    modules_with_coroutines |= starter_modules(results.values())  # ADV108 one file away
    inits = [
        relpath
        for relpath, (_, _, module, is_package) in pending.items()
        if is_package and any(m.startswith(f"{module}.") for m in modules_with_coroutines)
    ]
    parsed = parse_all(inits, pending, results, data, workers)
    found = callers(coroutine_needles(results.values()))
    # ADV108 one file away: a starter's name called beside its module's or class's word, or
    # beside a relative import (``from . import main`` names no module word).
    starting = callers(starter_pairs(results.values()))
    # A file the first pass parsed holds its module-level calls already (``pw``, kept by every
    # parse): the starters' needles cannot add to it, only ADV102's facts can, so it is looked
    # at again only when it calls one of the scan's coroutines. Parsed again for a starter's
    # needle, the file defining the starter matched its own ``def name(`` beside its class's
    # or module's word: 0.21 of the 0.74 MB the standard library's second pass parsed twice.
    # Each file's pieces, joined once when the needles are many (`needles.pieces`).
    chunked: dict[str, bytes] | None = (
        {} if len(found.groups) + len(starting.groups) >= MANY_NEEDLES else None
    )
    matching = []
    for relpath, item in pending.items():
        if relpath in inits:
            continue
        content = content_of(item)
        if content is None:
            continue
        chunks = None
        if chunked is not None:
            chunks = chunked[relpath] = pieces(content)
        if calls_coroutine(content, found, chunks) or (
            results[relpath].get("u")
            and (calls_coroutine(content, starting, chunks) or relative_call(content, starting))
        ):
            matching.append(relpath)
    parsed += parse_all(matching, pending, results, data, workers)
    # Calls one file away (checks.reach): the modules a coroutine's calls lead into, parsed
    # once each, following the helpers they call in turn; never a file parsed before.
    done = {*inits, *matching}
    searched: set[tuple[bytes, bytes]] = set()
    while True:
        # A never-parsed file's result holds no fact (``{"f": [], "np": 1, "u": 1}``): the
        # joins below read only the others (about one in eight on the standard library).
        facts = [result for result in results.values() if not never_parsed(result)]
        wanted = known if known is not None and not parsed else reach_modules(facts)
        known = None
        needles = constructor_needles(facts) - searched
        searched |= needles
        probes = probes_of(needles)
        shapes = shape_needles(facts)  # a Protocol's implementations by shape
        hays = chunked if chunked is not None and solid_probes(probes) else {}
        more = [
            relpath
            for relpath, item in pending.items()
            if relpath not in done
            and results[relpath].get("u")
            and (
                (item[2] in wanted and defines(item, wanted[item[2]]))
                or (probes and constructs(item, probes, hays.get(relpath)))
                or (shapes and holds_pair(item, shapes))
            )
        ]
        if not more:
            return parsed, wanted
        done.update(more)
        parsed += parse_all(more, pending, results, data, workers)


def parse_all(
    relpaths: list[str],
    pending: dict[str, Pending],
    results: dict[str, dict[str, Any]],
    data: dict[str, Any],
    workers: Workers,
) -> int:
    """Parse *relpaths* with every check; returns how many were parsed."""
    todo: list[Job] = []
    everything = frozenset(data["rules"])
    for relpath in relpaths:
        content = content_of(pending[relpath])
        if content is not None:
            _, _, module, is_package = pending[relpath]
            todo.append((relpath, content, module, is_package, everything))
    for relpath, result in analyse_all(todo, data, everything, workers):
        results[relpath] = result
    return len(todo)
