"""What the second pass needs to know: the coroutine functions the parsed files define, and
the byte needles (``name(`` plus the module's last word) a file must contain to call one.

A file without any trigger word is not parsed at first, yet it may call ``fetch()`` imported
from a module whose ``fetch`` is an ``async def``. These needles pick the few such files.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def coroutine_names(results: Iterable[dict[str, Any]]) -> list[str]:
    """Every module-level coroutine function and coroutine method of a module-level class the
    per-file results define, sorted. The methods count because an annotation may name their
    class through its package's re-export (`from app.db import TaskQueueDB`), which only the
    package's `__init__` says (`passes.second_pass` parses it)."""
    names: set[str] = set()
    for result in results:
        facts = result.get("facts")
        if facts:
            names.update(q for q in facts.get("coros", ()) if "<locals>" not in q)
            for cls, entry in (facts.get("classes") or {}).items():
                if "<locals>" not in cls:
                    names.update(
                        f"{cls}.{m}" for m, kind in entry["methods"].items() if kind == 1
                    )  # CORO
    return sorted(names)


def constructor_needles(results: Iterable[dict[str, Any]]) -> set[tuple[bytes, bytes]]:
    """(``Name(``, module word) of each class whose constructor's callers type what a coroutine
    method calls (`checks.reach`'s ``n:``): a file that constructs one states the type, whatever
    other words it contains (a bot's ``main.py``: ``bot.add_cog(Starboard(bot, Database(path)))``).
    It must also name the class's module, as it does to import the class (``from
    cogs.starboard import Starboard``), as `coroutine_needles` asks of a coroutine's callers: a
    name alone (``Server(``, ``Process(``) is in hundreds of files that construct other
    classes of that name (a cold scan of the standard library parsed 159 more files for it)."""
    found: set[tuple[bytes, bytes]] = set()
    results = list(results)
    abstract: set[str] = set()
    called: set[str] = set()
    for result in results:
        reach = result.get("r") or {}
        abstract.update(reach.get("ab", ()))
        targets = [c[2] for c in reach.get("c", ())]
        called.update(r[1][2:] for reasons in reach.get("d", {}).values() for r in reasons)
        called.update(t[2:] for t in targets)
        targets += [c[3] for c in result.get("c", ())]  # ADV102's (`checks.await_missing`)
        for target in targets:
            if target[0] == "n":
                module, _, name = target[2:].partition(":")[0].rpartition(".")
                word = module.rpartition(".")[2] or name
                found.add((f"{name}(".encode(), word.encode()))
                package = module.rpartition(".")[0].rpartition(".")[2]
                if package:
                    # the package's `__init__` may re-export it: `import cogs` then
                    # `cogs.AuthCog(bot, api_helper)` (csgo-league-bot#6)
                    found.add((f"{name}(".encode(), package.encode()))
    for method in abstract & called:
        # a call through an interface (`checks.abstract`): the files that import the class
        # may subclass it (`SqliteTaskRepository(TaskRepository)`), so they are read too
        module, _, cls = method.rpartition(".")[0].rpartition(".")
        if module:
            found.add((cls.encode(), module.rpartition(".")[2].encode()))
    for result in results:
        # a class with a coroutine whose instances may stay where made (`checks.confined`):
        # a file with no coroutine that names it (`JOBS = [Evaluator()]`) may hand one on
        facts = result.get("facts") or {}
        kept = (facts.get("cf") or {}).get("k")
        if not kept:
            continue
        classes = facts.get("classes", {})
        for cls in kept:
            if 1 not in (classes.get(cls) or {}).get("methods", {}).values():
                continue
            module, _, name = cls.rpartition(".")
            for word in (module.rpartition(".")[2], module.rpartition(".")[0].rpartition(".")[2]):
                if word:
                    found.add((name.encode(), word.encode()))
    return found


def shape_needles(results: Iterable[dict[str, Any]]) -> set[tuple[bytes, bytes]]:
    """A ``Protocol`` whose method a coroutine calls (also through a package's re-export:
    matched by ``Class.method``) is implemented by any class that defines its methods, naming
    it or not (`checks.abstract.implementations`): the files defining its first two methods
    (its one method, in a class) are read too; each pair's two needles must both occur."""
    results = list(results)
    protocols: dict[str, list[str]] = {}
    for result in results:
        protocols.update((result.get("r") or {}).get("ap", {}))
    if not protocols:
        return set()  # before the calls are gathered: most scans hold no Protocol
    abstract: set[str] = set()
    called: set[str] = set()
    for result in results:
        reach = result.get("r") or {}
        abstract.update(reach.get("ab", ()))
        called.update(c[2][2:] for c in reach.get("c", ()))
        called.update(r[1][2:] for reasons in reach.get("d", {}).values() for r in reasons)
    tails = {".".join(name.rsplit(".", 2)[-2:]) for name in called}
    found: set[tuple[bytes, bytes]] = set()
    for method in abstract:
        owner = method.rpartition(".")[0]
        members = protocols.get(owner)
        if members and ".".join(method.rsplit(".", 2)[-2:]) in tails:
            first = f"def {members[0]}(".encode()
            found.add((first, f"def {members[1]}(".encode() if len(members) > 1 else b"class "))
    return found


def coroutine_needles(results: Iterable[dict[str, Any]]) -> list[tuple[bytes, bytes]]:
    """(``name(``, module word) pairs: a file must contain both to be able to call one of the
    scan's module-level coroutine functions (directly or through a package re-export)."""
    coros: set[str] = set()
    aliases: dict[str, str] = {}
    for result in results:
        facts = result.get("facts")
        if facts:
            coros.update(q for q in facts.get("coros", ()) if "<locals>" not in q)
            aliases.update(facts.get("aliases", {}))
    names = set(coros)
    for alias in aliases:
        target = alias
        for _hop in range(4):
            target = aliases.get(target, target)
        if target in coros:
            names.add(alias)
    pairs: set[tuple[bytes, bytes]] = set()
    for qualname in names:
        module, _, name = qualname.rpartition(".")
        if module:
            pairs.add((f"{name}(".encode(), module.rpartition(".")[2].encode()))
    return sorted(pairs)


def reach_modules(results: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """The modules a coroutine's calls lead into whose functions are not known yet, with the
    names wanted from each: ``pkg.tokens.load_token`` may be ``load_token`` of module
    ``pkg.tokens``, the method ``load_token`` of a class in ``pkg`` (``pkg.Tokens``), or a
    constructor (``__init__``). Only what coroutines reach counts, following the helpers already
    known as deep as `checks.reach` reports; a file with one of these module names that defines
    one of the names holds facts the reach needs, whatever other words it contains."""
    from advisor.lint.checks.helpers import DEPTH
    from advisor.lint.checks.sitedirs import through_aliases

    defs: dict[str, list[list[str]]] = {}
    bases: dict[str, list[str]] = {}
    aliases: dict[str, str] = {}
    frontier: list[str] = []
    #: a class's name -> the methods coroutines call on what its constructor is handed
    handed: dict[str, set[str]] = {}
    constructed: list[list[Any]] = []
    #: a class -> attribute -> the classes its generic base types it with (``ga``)
    generic: dict[str, dict[str, list[str]]] = {}
    #: calls on what a def returns (``r:``), and the classes defs are annotated to return
    returned: list[tuple[str, str]] = []
    returns_of: dict[str, str] = {}
    results = list(results)
    for result in results:
        facts = result.get("r")
        if facts:
            returns_of.update(facts.get("ra", {}))
            defs.update(facts.get("d", {}))
            bases.update(facts.get("b", {}))
            constructed.extend(facts.get("a", ()))
            # ADV107 one module away (`checks.threads`): the functions a thread target needs
            frontier.extend(name for w in facts.get("w", ()) for name in w[3])
            generic.update(facts.get("ga", {}))
            for call in facts.get("c", ()):
                if call[2][0] == "g":  # a generic base's attribute (`generic_attributes`)
                    frontier.append(call[2])
                elif call[2][0] == "a":  # built from one of several classes (`checks.reach`)
                    frontier.extend(call[2][2:].split("|"))
                elif call[2][0] == "r":  # typed by the callee's return (`checks.reach`)
                    callee, _, method = call[2][2:].rpartition(":")
                    frontier.append(callee)
                    returned.append((callee, method))
                elif call[2][0] == "n":  # typed by the constructor's callers (`checks.reach`)
                    cls, _, _, rest = call[2][2:].split(":", 3)
                    first = rest[1:].partition("(")[0].partition(".")[0]
                    handed.setdefault(cls.rpartition(".")[2], set()).add(first)
                else:
                    frontier.extend([call[2][2:]])
                    callee, _, method = call[2][2:].rpartition(".")
                    if call[2][0] == "q" and callee:  # perhaps a method of what a def returns
                        returned.append((callee, method))
            root = facts.get("s")
            if root:
                # imported by its own name after `site.addsitedir` (`checks.sitedirs`)
                frontier.extend(
                    f"{root}.{call[2][2:]}" for call in facts.get("c", ()) if call[2][0] != "n"
                )
        aliases.update((result.get("facts") or {}).get("aliases", {}))

    def above(cls: str, method: str) -> list[str]:
        """``method`` in each base of *cls* the scan knows (through a re-export)."""
        found = []
        for named in bases.get(cls, ()):
            base = named
            for _hop in range(4):
                if base in bases or base not in aliases or aliases[base] == base:
                    break
                base = aliases[base]
            found.append(f"{base}.{method}")
        return found

    # the class a callee is annotated to return, once its module is read: that class's method
    frontier.extend(f"{returns_of[c]}.{m}" for c, m in returned if c in returns_of)
    modules: dict[str, set[str]] = {}
    for target, positional, keywords in constructed:
        methods = handed.get(target.rpartition(".")[2])
        if not methods:
            continue
        for typed in (*positional, *keywords.values()):
            if typed and typed[:1] == "=":
                frontier.append(typed[3:])  # a function handed over: its def's module
            elif typed:
                # the class handed over, and its method: in its module, also as a namespace
                # package's module is named by the scan (``database.database`` -> ``database``)
                module, _, cls = typed[:-2].rpartition(".")
                while module:
                    modules.setdefault(module, set()).update({cls, "__init__", *methods})
                    module = module.partition(".")[2]
    seen: set[str] = set()
    for _depth in range(DEPTH):
        following: list[str] = []
        for written in frontier:
            if written in seen:
                continue
            seen.add(written)
            if written[:2] == "g:":
                following.extend(_generic_hop(written, generic, bases, aliases, modules))
                continue
            if ":" in written:
                # `super().m()` in class C (`b:C:m`): ``m`` of C's bases
                cls, _, method = written.partition(":")
                following.extend(above(cls, method))
                continue
            name = _exported(written, defs, aliases)
            if name in defs:
                following.extend(
                    r[1] if r[1][0] == "g" else r[1][2:] for r in defs[name] if r[0] == "c"
                )
                continue
            if f"{name}.__init__" in defs:
                # a class called (`Coordinator(hass)`): its constructor's calls lead on, to a
                # `self._create_session()` whose helper lives in a third module (pikvm #8)
                following.append(f"{name}.__init__")
            real = through_aliases(name, aliases)
            if real != name:
                following.append(real)  # a method of a re-exported class: its own module
            owner = name.rpartition(".")[0]
            # a constructor or method a class of the scan inherits: the base's file holds it
            following.extend(above(name, "__init__") + above(owner, name.rpartition(".")[2]))
            if "()." in name:
                # a call on what a def of the scan returned (`checks.reach._returns`): the
                # module that defines the class's method or the function
                first, _, rest = name.partition("().")
                if first in returns_of and "(" not in rest:
                    following.append(f"{returns_of[first]}.{rest}")  # annotated: its class's method
                module, _, short = first.rpartition(".")
                if module:
                    wanted = {short, rest.partition("(")[0].partition(".")[0]}
                    modules.setdefault(module, set()).update(wanted)
                continue
            module, _, short = name.rpartition(".")
            if not module:
                continue
            _want(modules, module, (short, "__init__"))
            outer, _, last = module.rpartition(".")
            if outer:
                # ``short`` of a module ``outer.last``, or the method ``short`` of a class
                # ``last`` (a capitalised name: a module's is not, and each name wanted may
                # cost a parse) that ``outer`` defines or re-exports (its ``__init__``'s
                # aliases lead on: `sitedirs.through_aliases`)
                _want(modules, outer, (short, last) if last[:1].isupper() else (short,))
        frontier = following
    _client_modules(results, modules)
    _property_modules(results, modules, aliases)
    return modules


def _generic_hop(
    written: str,
    generic: dict[str, dict[str, list[str]]],
    bases: dict[str, list[str]],
    aliases: dict[str, str],
    modules: dict[str, set[str]],
) -> list[str]:
    """For ``g:<class>:<attribute>:<method>`` (`checks.generic_attributes`): the method of
    each class a generic base of the class types the attribute with, once a file read says
    so; until then, the files defining the class's bases (``class Name(``), whose generic
    bases may say it (the entity's base in ``entity.py``, a module with no coroutine)."""
    from advisor.lint.checks.generic_attributes import typed_by

    def unread(name: str) -> None:
        module, _, short = name.rpartition(".")
        if module:
            _want(modules, module, (f"[{short}",))  # its `class` line (`needles.defines`)

    cls, attribute, method = written[2:].split(":", 2)
    return [
        f"{c}.{method}" for c in typed_by(cls, attribute, generic, bases, aliases, unread=unread)
    ]


def _want(modules: dict[str, set[str]], module: str, names: tuple[str, ...]) -> None:
    """Want *names* from *module*, and from each dotted tail of it: a module in a folder
    without ``__init__.py`` (a namespace package, PEP 420) is named by the scan from its own
    folder on (``acme/core/store.py`` is ``store``; ``database/database.py`` is ``database``),
    as the join finds it (`reach_chains._namespaces`), so its file is read by that name too.
    A file is read only when it defines one of *names* (`needles.defines`)."""
    while module:
        modules.setdefault(module, set()).update(names)
        module = module.partition(".")[2]


def _property_modules(
    results: list[dict[str, Any]], modules: dict[str, set[str]], aliases: dict[str, str]
) -> None:
    """Add the property's name to the names wanted from the module of the class an ADV102
    candidate reads it on (``q:pkg.state.State().http().get``, `await_missing_targets`'s
    ``self._connection.http.get()``): that module says what the property returns and often
    holds no coroutine, so it would not be parsed otherwise (defectio#44)."""
    from advisor.lint.checks.sitedirs import through_aliases

    for result in results:
        for candidate in result.get("c", ()):
            target = candidate[3]
            if not target.startswith("q:") or target.count("().") != 2:
                continue
            owner, _, rest = target[2:].partition("().")
            prop = rest.partition("().")[0]
            for cls in {owner, through_aliases(owner, aliases)}:
                module, _, short = cls.rpartition(".")
                if module and "(" not in cls:
                    modules.setdefault(module, set()).update((prop, short))


def _client_modules(results: list[dict[str, Any]], modules: dict[str, set[str]]) -> None:
    """Add ``=name`` to the names wanted from a module a coroutine calls a client library's
    wait through (``db.collection(...).get()`` with ``from app.database import db``): the file
    that assigns ``name`` at its top level (``db = firestore.Client()``) says what the object
    is (`checks.reach_targets._client_objects`), and often holds no coroutine, so it would not
    be parsed otherwise (`needles.defines`). Only calls ending in a wait's name count."""
    from advisor.lint.clients import client_waits

    waits = client_waits()
    for result in results:
        facts = result.get("r") or {}
        edges = [r[1] for reasons in facts.get("d", {}).values() for r in reasons if r[0] == "c"]
        for target in [call[2] for call in facts.get("c", ())] + edges:
            if target[0] not in "qh" or target.rpartition(".")[2] not in waits:
                continue
            parts = target[2:].partition("(")[0].split(".")
            for cut in range(1, len(parts) - 1):
                modules.setdefault(".".join(parts[:cut]), set()).add(f"={parts[cut]}")


def _exported(name: str, defs: dict[str, Any], aliases: dict[str, str]) -> str:
    """*name* through a package's re-exports of a class (``from .coordinator import
    Coordinator``, then ``pkg.Coordinator(hass)``), a few hops, so the module that defines its
    constructor is parsed. A re-exported *function* is not followed here: measured on the
    development packages, the one shape it added was prefect's ``emit_event`` reaching the
    ephemeral server's start, guarded to run once and started first by the client's set-up
    (labelled false there), and no true finding."""
    if not name.rpartition(".")[2][:1].isupper():
        return name
    for _hop in range(4):
        if name in defs or f"{name}.__init__" in defs or name not in aliases:
            break
        name = aliases[name]
    return name


def starter_pairs(results: Iterable[dict[str, Any]]) -> list[tuple[bytes, bytes]]:
    """(``name(``, word) pairs a script must contain both of to call one of the scan's process
    starters (``ps``) at module level, as `coroutine_needles` for coroutines: the starter's last
    name and the word before it (its module's last name, or its class's name for a method:
    ``x = Cls(...)`` then ``x.meth(``), and for each package re-export leading to it or to its
    class (`processes_across.exported_name`), the re-exported name and its package's last
    name. The last name alone matched the ``print(`` of every file for a starter named ``t``,
    and the ``unittest.main(`` of every test for one named ``main``: the second pass parsed
    1,342 of the standard library's 1,567 unparsed files for them, and ADV108 resolved none."""
    from advisor.lint.checks.processes_across import exported_name

    starters: set[str] = set()
    aliases: dict[str, str] = {}
    for result in results:
        starters.update(starter[0] for starter in result.get("ps", ()))
        starters.update(wrapper[0] for wrapper in result.get("pk", ()))  # ADV111's wrappers
        aliases.update((result.get("facts") or {}).get("aliases", {}))
    named = {(s, s) for s in starters}  # (the name a script may call, the starter it leads to)
    for alias in aliases:
        exported = exported_name(alias, aliases)
        named.update((alias, s) for s in starters if s == exported or s.startswith(f"{exported}."))
    pairs: set[tuple[bytes, bytes]] = set()
    for called, starter in named:
        owner = called.rpartition(".")[0]
        if not owner:
            continue
        for word in {owner.rpartition(".")[2], starter.rpartition(".")[0].rpartition(".")[2]}:
            pairs.add((f"{starter.rpartition('.')[2]}(".encode(), word.encode()))
            pairs.add((f"{called.rpartition('.')[2]}(".encode(), word.encode()))
    return sorted(pairs)


def starter_modules(results: Iterable[dict[str, Any]]) -> set[str]:
    """The modules (or classes) the scan's process starters are defined in: the packages above
    them are parsed for their re-exports, as for coroutines."""
    return {
        starter[0].rpartition(".")[0]
        for r in results
        for starter in (*r.get("ps", ()), *r.get("pk", ()))
    }
