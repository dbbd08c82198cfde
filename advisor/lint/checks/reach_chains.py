"""ADV101 one call away, after the scan: `resolve` joins every file's facts (`checks.reach`'s
``d``, ``c``, ``o`` and the rest, no second parse), follows each coroutine's call down the
chain of plain defs (``handler -> load_token -> open()``, up to `DEPTH` calls deep) and reports
it at the call in the coroutine when the same call written there would be reported.

Split from `reach.py` (behaviour unchanged): the walk records facts per file, which are cached
with the file's result; this join runs over all of them, in another phase of the scan
(`lint.runner`), and reads the facts only through their stored layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from advisor.lint.checks import arguments, defaults, generic_attributes
from advisor.lint.checks.abstract import implementations
from advisor.lint.checks.code_kinds import lifecycle_name, one_shot_quiet
from advisor.lint.checks.fields import same_class, self_values
from advisor.lint.checks.helpers import DEPTH, in_spans
from advisor.lint.checks.hop_places import Hops, Places
from advisor.lint.checks.reach_reasons import _once, brief_fixes, near_calls
from advisor.lint.checks.reach_targets import _handles
from advisor.lint.checks.receivers import (
    constructor_calls,
    handed_type,
)
from advisor.lint.checks.repeated import Reached, repeats
from advisor.lint.checks.sitedirs import through_aliases
from advisor.lint.checks.verdict import Verdict
from advisor.lint.checks.verdict import quiet as quiet_for
from advisor.lint.clients import imported_client_call
from advisor.lint.namespaces import in_namespace as _in_namespace
from advisor.lint.namespaces import namespaces as _namespaces

#: Every kind of code that makes a call behind a one-time guard quiet (`verdict.quiet`): a
#: chain still found with it blocks outside any guard (`checks.repeated`).
_ALL_QUIET = frozenset({"cli"})

#: A callee's parameters -> what a call gives them (`arguments.bind`).
Values = dict[str, Any]


def resolve(
    per_file: Iterable[tuple[str, Mapping[str, Any]]],
    decide: Verdict | None = None,
    modules: Mapping[str, str] | None = None,
    spaces: Mapping[str, str] | None = None,
) -> list[tuple[str, list[Any]]]:
    """Match every coroutine's calls against every file's blocking defs; (path, finding).

    *decide* (`verdict.verdict`) says what the code that runs a coroutine is when the scan only
    calls it from start-up, shut-down, command-line or test code; *modules* maps each path to
    its module. A chain is then reported when the same call written there would be. *spaces*:
    `lint.namespaces.namespaces` of *modules*, when the caller has it already."""
    results = list(per_file)
    defs: dict[str, list[list[Any]]] = {}
    aliases: dict[str, str] = {}
    params: dict[str, list[Any]] = {}
    bases: dict[str, list[str]] = {}
    own_methods: dict[str, list[str]] = {}
    abstract: set[str] = set()
    protocols: dict[str, list[str]] = {}
    generators: set[str] = set()
    returns: dict[str, str] = {}
    constructed: list[list[Any]] = []
    instances: dict[str, str] = {}
    client_objects: dict[str, str] = {}
    typed_returns: dict[str, str] = {}
    starts: set[str] = set()
    by_argument: set[str] = set()
    bare: set[str] = set()
    field_maps: dict[str, dict[str, str]] = {}
    field_specs: dict[str, list[Any]] = {}
    stored_fields: set[str] = set()
    keys: set[str] = set()
    spreading: set[str] = set()
    vias: dict[str, dict[str, str]] = {}  # `map(f)` in a plain def (`called_values`)
    generic: dict[str, dict[str, list[str]]] = {}  # `generic_attributes`
    places = Places()
    for _path, result in results:
        facts = result.get("r")
        if facts:
            places.add(_path, facts)
            field_maps.update(facts.get("fm", {}))
            field_specs.update(facts.get("fi", {}))
            stored_fields.update(facts.get("fx", ()))
            instances.update(facts.get("v", {}))
            client_objects.update(facts.get("vc", {}))
            typed_returns.update(facts.get("ra", {}))
            starts.update(facts.get("st", ()))
            by_argument.update(facts.get("ca", ()))
            bare.update(facts.get("np", ()))  # defs of no parameters (`checks.repeated`)
            constructed.extend(facts.get("a", ()))
            defs.update(facts.get("d", {}))
            generators.update(facts.get("y", ()))
            vias.update(facts.get("fv", {}))
            generic.update(facts.get("ga", {}))
            returns.update(facts.get("t", {}))
            params.update(facts.get("p", {}))
            bases.update(facts.get("b", {}))
            own_methods.update(facts.get("k", {}))
            abstract.update(facts.get("ab", ()))
            protocols.update(facts.get("ap", {}))
            keys.update(facts.get("kw", ()))
            spreading.update(facts.get("kx", ()))
        aliases.update((result.get("facts") or {}).get("aliases", {}))
    if not defs and not returns and not client_objects:
        return []
    frozen_abstract = frozenset(abstract)
    spread = defaults.spread(keys, spreading)
    spaces = _namespaces(modules or {}) if spaces is None else spaces

    named: dict[str, str] = {}

    def canonical(target: str) -> str:
        """The def *target* names (`_canonical`), once per target: the tables it reads are
        complete before the first question and never change after it, and the same callee
        is asked about for every call, chain and return that names it."""
        found = named.get(target)
        if found is None:
            found = named[target] = _canonical(target)
        return found

    def _canonical(target: str) -> str:
        if target[0] == "g":
            # `self.coordinator.m()` typed by a generic base's argument (`generic_attributes`)
            typed = generic_attributes.resolve(
                target, generic, bases, aliases, lambda n: canonical(f"q:{n}") in defs
            )
            if typed is None:
                return target
            target = typed
        if target[0] == "b":
            # `super().m()` in class C: the first base of the scan that defines ``m``; the
            # target itself (no def) when none does, never C's own ``m``
            cls, _, method = target[2:].partition(":")
            found = inherited(f"{cls}.{method}", own=False)
            return found if found != f"{cls}.{method}" else target
        name = target[2:]
        for _hop in range(4):  # re-exports: `from .tokens import load_token` in __init__
            if name in defs or name not in aliases:
                break
            name = aliases[name]
        if spaces and name not in defs:
            name = _in_namespace(name, spaces)
        if name not in defs and instances:
            # `from pkg.auth import auth_manager` then `auth_manager.m()`: the class's method
            owner, _, method = name.rpartition(".")
            for _hop in range(4):
                if owner in instances or owner not in aliases:
                    break
                owner = aliases[owner]
            if owner in instances:
                name = f"{instances[owner]}.{method}"
        if name not in defs and f"{name}.__init__" in defs:
            name = f"{name}.__init__"  # `Store()`: the constructor's body runs now
        if name not in defs and bases:
            found = inherited(name)
            if found == name and name in bases:  # a class called: an inherited constructor
                found = inherited(f"{name}.__init__")
                if found == f"{name}.__init__":
                    found = name
            name = found
        if name not in defs:
            # a method of a re-exported class: `pkg.SourceShell.create` (`sitedirs`)
            name = through_aliases(name, aliases, defs)
        return name

    def inherited(name: str, own: bool = True) -> str:
        """``Child.save`` that ``Child`` does not define: the first base of the scan (in
        the order Python looks, a few levels up) that does. A class on the way that defines
        the method without blocking hides its bases' (``Child.__init__`` that never calls
        ``super().__init__``); *own* False starts above the class (``super().save()``)."""
        owner, _, method = name.rpartition(".")
        if own and method in own_methods.get(owner, ()):
            return name
        queue, seen = [owner], {owner}
        for _level in range(DEPTH):
            following: list[str] = []
            for cls in queue:
                for named in bases.get(cls, ()):
                    base = named
                    for _hop in range(4):  # a base imported through a package's re-export
                        if base in bases or f"{base}.{method}" in defs or base not in aliases:
                            break
                        base = aliases[base]
                    if f"{base}.{method}" in defs:
                        return f"{base}.{method}"
                    if method in own_methods.get(base, ()):
                        continue  # defined there, and it does not block
                    if base not in seen:
                        seen.add(base)
                        following.append(base)
            queue = following
        return name

    memo: dict[tuple[Any, ...], Hops | None] = {}

    def interface(callee: str) -> list[str]:
        """The scan's implementations of *callee*, a method of an interface (`abstract`)."""
        return implementations(
            callee, frozen_abstract, bases, aliases, defs, protocols=protocols,
            own_methods=own_methods,
        )  # fmt: skip

    def values_of(name: str, target: str, given: list[Any] | None, bound: Any) -> Values:
        """What *name*'s parameters get from a call recorded with *given* (`arguments.bind`);
        a class called (``Store(...)``) binds its constructor's first parameter."""
        spec = params.get(name)
        if spec is None:
            return {}
        if given is None:
            # ``**kwargs`` handed on: the keyword-only defaults no call of the scan overrides
            return defaults.closed(name, spec, keys, spread)
        ctor = name.endswith(".__init__") and not target.endswith(".__init__")
        return arguments.bind(spec, given, bool(bound) or ctor)

    def quiet_fix(fix: str, kind: str | None, setup: bool) -> bool:
        """The direct call's decision: local I/O in setup/teardown, `one_shot_quiet`."""
        return (setup and fix in setup_fixes) or one_shot_quiet(kind, fix, calls_table)

    def chain(
        name: str,
        depth: int,
        seen: frozenset[str],
        context: tuple[str | None, bool],
        values: Values,
        *,
        once: frozenset[str] | None = None,
        guarded: bool = False,
        loaded: str | None = None,
    ) -> Hops | None:
        """The hops from *name* to a blocking call that the calling coroutine's context
        (*context*: its kind and whether it is set-up code) does not make quiet, and that
        call's fix, or None (not blocking, quiet on every path, or too deep). Every path is
        tried, so the verdict never depends on which of a helper's blocking calls comes
        first: as a class, a chain is reported exactly when the same call written in the
        coroutine would be. *values*: what the call gives *name*'s parameters; a reason under
        a test they make false is passed over (`arguments.dead`). With *once* (the kinds of
        code that alone reach the coroutine, `verdict.verdict`'s ``once``), a call behind a
        one-time guard (*guarded*: a hop above was) is judged as written in that code.
        *loaded* is the argument the caller hands on under ``if name in sys.modules:``: an
        import of that parameter in *name* is a lookup (`loaded.guarded_argument`)."""
        kind, setup = context
        # a def the program's start-up calls has run its one-time part before anything
        # serves: from code that serves, what that part does is behind it (`warmed`)
        built = not setup and name in warmed
        if name in seen or depth > DEPTH:
            return None
        key = (
            kind,
            setup,
            name,
            repr(sorted(values.items())) if values else "",
            once,
            guarded,
            loaded,
            depth == 1,  # a call the table follows one call away only (`near`)
        )
        if key in memo:
            return memo[key]
        reasons = defs.get(name, ())
        found: Hops | None = None
        for reason in reasons:
            if reason[0] != "x" or quiet_fix(reason[2], kind, setup) or (built and _once(reason)):
                continue
            if depth > 1 and reason[1][:-2] in near:
                continue  # followed one call away only (`reach: 1` in the table)
            if loaded is not None and len(reason) > 5 and loaded in reason[5]:
                continue  # an import the caller's `sys.modules` guard makes a lookup
            if len(reason) > 3 and values and any(arguments.dead(g, values) for g in reason[3]):
                continue
            if once and (guarded or _once(reason)) and quiet_for(once, reason[2], calls_table):
                continue  # runs once, and only code that is not serving gets there
            found = Hops([reason[1], reason[2]], places.here(name, f"x{reason[1]}", reason[1]))
            break
        else:
            for reason in reasons:
                if reason[0] == "x" or (built and _once(reason)):
                    continue
                if client_objects and reason[1][:1] in "qh":
                    # a helper's call on another module's client object (omi's `users_db`)
                    entry = imported_client_call(reason[1], client_objects, aliases, blocking_table)
                    fix = str(entry["fix"]) if entry is not None else None
                    if (
                        fix is not None
                        and fix not in brief_fixes()
                        and not quiet_fix(fix, kind, setup)
                    ):
                        shown = f"{reason[1].rpartition('.')[2]}()"
                        found = Hops([shown, fix], places.here(name, f"c{reason[1]}", shown))
                        break
                more: Values = {}
                if reason[1][0] == "v":
                    # `fn()` of a parameter: the def the call handed it, when named
                    handed = values.get(reason[1][2:])
                    if not handed or handed[0] != "function" or len(handed) < 3:
                        continue
                    callee = canonical(str(handed[2]))
                else:
                    callee = canonical(reason[1])
                if values and same_class(name, callee):
                    # a `self.` hop: the instance keeps what its fields were built with
                    more = {k: v for k, v in values.items() if k.startswith("self.")}
                if callee in generators and reason[1][0] != "i":
                    continue  # a generator's call that is not iterated runs nothing
                if len(reason) > 2:
                    if values and any(arguments.dead(g, values) for g in reason[2]):
                        continue
                    given = arguments.resolved(values, reason[3])
                    if given is not None or defaults.OPAQUE not in values:
                        more = {**more, **values_of(callee, reason[1], given, reason[4])}
                elif callee in params and defaults.OPAQUE not in values:
                    more = {**more, **values_of(callee, reason[1], None, 0)}
                if defaults.OPAQUE in values:
                    more[defaults.OPAQUE] = values[defaults.OPAQUE]
                below = guarded or _once(reason)
                rest = chain(
                    callee, depth + 1, seen | {name}, context, more, once=once, guarded=below
                )
                if rest is None and callee not in defs and abstract:
                    # a call through an interface: the scan's implementations (`abstract`)
                    for concrete in interface(callee):
                        below_rest = chain(
                            concrete, depth + 1, seen | {name}, context, {}, once=once,
                            guarded=below,
                        )  # fmt: skip
                        if below_rest is not None:
                            owner = concrete.rpartition(".")[0].rpartition(".")[2]
                            label = f"{owner}.{_short(concrete)}"
                            rest = Hops([label, *below_rest], below_rest.at)
                            break
                if rest is not None:
                    shown = _shown(callee, vias.get(name, {}).get(reason[1]))
                    at = places.here(name, f"c{reason[1]}", shown)
                    found = Hops([shown, *rest], [*at, *rest.at])
                    break
        if found is not None or not seen:
            memo[key] = found  # a miss below the top may only be the depth limit
        return found

    def handle_fix(name: str) -> str | None:
        """The table's fix for a call on what a def of the scan returned: ``pkg.Database()
        .cursor().execute`` with ``Database.cursor`` returning ``sqlite3.connect().cursor``
        is ``sqlite3.connect().cursor().execute``; a function's own result
        (``pkg.db.connect().execute``) likewise."""
        first, _, rest = name.partition("().")
        returned = returns.get(canonical(f"q:{first}"))
        if returned is None:
            method, found, rest = rest.partition("().")
            if not found:
                return None
            returned = returns.get(canonical(f"q:{first}.{method}"))
        if returned is None:
            return None
        entry = blocking_table.get(f"{returned}().{rest}")
        if entry is None or str(entry["fix"]) in brief_fixes():
            return None
        return str(entry["fix"])

    calls_of = constructor_calls(constructed, canonical)

    def by_constructor(target: str) -> tuple[str, str | None]:
        """``n:<class>:<place>:<parameter>:<rest>`` typed by what the scan's constructor calls
        of the class hand that parameter, when every call that states a type states the same
        one and gives the parameter: (``q:``/``h:`` target, None) for a class of the scan,
        ("", fix) for a call on a blocking handle of the table (``sqlite3.connect()``), ("",
        None) when not known."""
        typed, rest = handed_type(calls_of, target)
        if typed is None:
            return "", None
        if typed[:1] == "=":
            # a function the constructor was handed, called as the stored value
            return (typed[1:], None) if not rest else ("", None)
        if typed[:-2] in _handles(blocking_table)[0]:
            entry = blocking_table.get(f"{typed}{rest}")
            fix = str(entry["fix"]) if entry is not None else None
            return "", fix if fix not in brief_fixes() else None
        if "()" in rest:
            return f"h:{typed}{rest}", None
        if rest.count(".") == 1:
            return f"q:{typed[:-2]}{rest}", None
        return "", None

    def by_return(target: str) -> str | None:
        """``q:<class>.<method>`` for a call on what a def of the scan returns, typed by its
        return annotation (``r:<callee>:<method>``, or ``h:<callee>().<method>``), else None."""
        if target[0] == "r":
            callee, _, method = target[2:].rpartition(":")
        elif target[0] == "q":
            # `repo = get_repo()` then `repo.find()`, read as a method of `get_repo`: a
            # function has no methods, so a call on what it returned
            if canonical(target) in defs:
                return None
            callee, _, method = target[2:].rpartition(".")
        else:
            callee, _, method = target[2:].partition("().")
            if "(" in method or "." in method or not callee or "(" in callee:
                return None
        cls = typed_returns.get(canonical(f"q:{callee}"))
        return f"q:{cls}.{method}" if cls else None

    def typed_target(written: str) -> str:
        """*written* with its receiver typed where the facts allow: of several classes built
        (``a:``), the one whose method blocks; a call on what a def returns (``r:``, ``h:``,
        or ``q:`` read as a method of a function), the returned class's method. "" when
        neither is known (an ``a:`` none of whose methods blocks, an ``r:`` untyped)."""
        if written[0] == "a":
            alternatives = written[2:].split("|")
            return next((f"q:{a}" for a in alternatives if canonical(f"q:{a}") in defs), "")
        if written[0] in "rhq" and typed_returns:
            written = by_return(written) or written
        return "" if written[0] == "r" else written

    from advisor.lint._data import bundle

    calls_table = bundle()["calls"]
    blocking_table = bundle()["blocking"]["calls"]
    near = near_calls()
    # The defs the program's start-up code calls (``st``: a start-up hook, a server's lines
    # before it serves), shut-down code aside: a lazy singleton or a cached helper there is
    # built before the first request, so a call from code that serves finds it built. A
    # cached helper that takes arguments (``ca``) is warmed for the start-up's arguments only.
    warmed = {canonical(t) for t in starts if t[:2] == "q:"} - by_argument
    handled: set[tuple[str, int]] = set()
    setup_fixes = set(calls_table["setup_fixes"])
    found_all: list[tuple[str, list[Any]]] = []
    for path, result in results:
        facts = result.get("r")
        if not facts:
            continue
        quiet = {(q[0], q[1]): q[2] for q in facts.get("q", ())}
        guarded = {(m[0], m[1]): m[2] for m in facts.get("m", ())}
        spans = (result.get("g") or {}).get("lp", ())
        module = (modules or {}).get(path, "")
        built = {(r[0], r[1]): (r[2], r[3]) for r in facts.get("rf", ())}
        placed = {(p[0], p[1]): p for p in facts.get("dp", ())}
        handed = {(v[0], v[1]): v[2] for v in facts.get("cv", ())}  # `list(map(f, xs))`
        weighed: list[tuple[int, Reached]] = []  # chain findings `repeated` may drop
        for line, col, recorded, shown, coroutine, *given in facts.get("c", ()):
            written = typed_target(recorded)
            if not written:
                continue
            target, direct = by_constructor(written) if written[0] == "n" else (written, None)
            if not target and direct is None:
                continue
            if direct is None and client_objects and target[:1] in "qh":
                # `db.collection(...).get()` on another module's `db = firestore.Client()`
                entry = imported_client_call(target, client_objects, aliases, blocking_table)
                if entry is not None and str(entry["fix"]) not in brief_fixes():
                    direct = str(entry["fix"])
            handled_call = target[2:] if target[:1] == "h" else None
            if handled_call is None and returns and target[:1] == "q":
                # `conn = connect(path)` then `conn.execute(...)`: read as a method of
                # `connect`, it is a call on what the function returned
                owner, _, method = target[2:].rpartition(".")
                if owner in returns and target[2:] not in defs:
                    handled_call = f"{owner}().{method}"
            if handled_call is not None or direct is not None:
                if direct is not None:
                    fix: str | None = direct
                else:
                    assert handled_call is not None
                    fix = handle_fix(handled_call) if returns else None
                kind = quiet.get((line, col))
                setup = kind == "s" or lifecycle_name(coroutine, calls_table)
                kind = None if kind == "s" else kind
                if fix is None or (path, line) in handled or quiet_fix(fix, kind, setup):
                    continue
                if kind is None and decide is not None and not in_spans(line, spans):
                    reached = decide(module, coroutine)
                    if reached and all(
                        quiet_fix(fix, None if k == "s" else k, setup or k == "s") for k in reached
                    ):
                        continue
                handled.add((path, line))  # `curr.execute(...).fetchall()`: one finding a line
                shown_params = {"call": f"{shown}()", "fix": fix, **_tool(line, facts)}
                found_all.append((path, [line, col, "ADV101", shown_params]))
                continue
            name = canonical(target)
            root = facts.get("s")
            if root and name not in defs and target[0] in "qie":
                # imported by its own name after `site.addsitedir` of this module's folder
                beside = canonical(f"{target[:2]}{root}.{target[2:]}")
                name = beside if beside in defs else name
            if (name in generators) != (target[0] in "ie") and target[0] != "i":
                continue  # a generator called, not iterated; a plain function an executor ran
            # a coroutine handing on ``*args``/``**kwargs`` (its own caller's, maybe outside
            # the scan): no default below is sure (`defaults.OPAQUE`)
            values = values_of(name, target, *given) if given else dict(defaults.OPAQUE_VALUES)
            receiver = built.get((line, col))
            if receiver is not None and field_maps:
                # `logger.info(...)` on `logger = AsyncLogger(verbose=True)`: its fields
                cls = canonical(f"q:{receiver[0]}").removesuffix(".__init__")
                if same_class(f"{cls}.x", name):
                    fields = self_values(cls, receiver[1], field_maps, field_specs, stored_fields)
                    values = {**values, **fields}
            kind = quiet.get((line, col))
            setup = kind == "s" or lifecycle_name(coroutine, calls_table)
            kind = None if kind == "s" else kind
            loaded = guarded.get((line, col))
            steps = chain(name, 1, frozenset(), (kind, setup), values, loaded=loaded)
            if steps is None and name not in defs and abstract:
                # the coroutine calls the interface itself: its implementations run
                for concrete in interface(name):
                    steps = chain(concrete, 1, frozenset(), (kind, setup), values, loaded=loaded)
                    if steps is not None:
                        name = concrete
                        break
            if steps is None:
                continue
            if kind is None and decide is not None:
                # in a loop that serves or a region (`lp`): only the point verdict decides
                looped = in_spans(line, spans)
                short = coroutine.rpartition(".")[2]
                reached = decide(module, short, False, line, looped)
                if reached and all(
                    chain(
                        name,
                        1,
                        frozenset(),
                        (None if k == "s" else k, setup or k == "s"),
                        values,
                        loaded=loaded,
                    )
                    is None
                    for k in reached
                ):
                    continue
                once = decide(module, short, True, line, looped)
                if (
                    once
                    and chain(name, 1, frozenset(), (kind, setup), values, once=once, loaded=loaded)
                    is None
                ):
                    continue  # blocks only behind a one-time guard reached from start-up
            related = steps.at
            *below, fix = steps
            hops = " -> ".join([coroutine, _shown(name, handed.get((line, col))), *below])
            fix = "nested_run" if fix == "nested_run" else "offload"
            if target[0] == "e":
                fix = "generator"
            if (line, col) in placed:
                spot = placed[(line, col)]
                alone = name in bare and chain(name, 1, frozenset(), (kind, setup), values,
                                            once=_ALL_QUIET, loaded=loaded) is None  # fmt: skip
                here = Reached(spot[2], bool(spot[3]), coroutine, [_short(name), *below], alone)
                weighed.append((len(found_all), here))
            reported: list[Any] = [
                line,
                col,
                "ADV101",
                {"call": hops, "fix": fix, **_tool(line, facts)},
            ]
            found_all.append((path, [*reported, related] if related else reported))
        for index in sorted(repeats([r for _, r in weighed]), reverse=True):
            del found_all[weighed[index][0]]  # a cache hit: an earlier call ran it (`repeated`)
    return found_all


def _tool(line: int, facts: dict[str, Any]) -> dict[str, str]:
    """``where`` for a call in a plain function FastMCP runs on its loop (`checks.loop_tools`)."""
    return {"where": "tool"} if in_spans(line, facts.get("tl", ())) else {}


def _shown(name: str, via: str | None) -> str:
    """A hop as the chain shows it: ``map(_fix)`` for a def a caller reaches through a function
    value it hands to ``map`` (`called_values`), ``_fix`` when called by name or a local."""
    return f"{via}({_short(name)})" if via else _short(name)


def _short(name: str) -> str:
    """``pkg.tokens.load_token`` -> ``load_token``; a constructor is shown as its class."""
    return name.removesuffix(".__init__").rpartition(".")[2]
