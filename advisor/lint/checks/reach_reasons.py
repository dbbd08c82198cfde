"""What a plain def of the scan blocks on or leads to, for ADV101 one call away
(`checks.reach`'s ``d``): a blocking call of the one table (``x``: one per fix, with the tests
of the def's own parameters open around it, a one-time guard's ``once`` mark, an import of a
parameter) and a call to another def of the scan (``c``: with what its arguments are, when
they may decide a branch of the callee, `arguments`).

Split from `reach.py` (behaviour unchanged): the reasons and their layout are read back by the
join after the scan (`reach_chains.resolve`: `ONCE`, `_once`, `_passes_on`, `brief_fixes`), so they
live beside the code that writes them.
"""

from __future__ import annotations

import ast
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from advisor.lint._data import bundle
from advisor.lint.callees import bound_blocking, call_values, source_name, tail
from advisor.lint.checks import arguments, generic_attributes
from advisor.lint.checks.called_values import called_value
from advisor.lint.checks.defaults import omits_default
from advisor.lint.checks.handle_state import state_shown
from advisor.lint.checks.harmless import unless_applies
from advisor.lint.checks.helpers import caught_names, is_loop_like, own_nodes, statements
from advisor.lint.checks.hop_places import spot
from advisor.lint.checks.loaded import parameter_of
from advisor.lint.checks.loop_branches import no_loop_nodes
from advisor.lint.checks.once_guards import once_guarded
from advisor.lint.checks.reach_targets import Targets
from advisor.lint.checks.receivers import (
    stores_of,
)
from advisor.lint.statements import walk


@lru_cache(maxsize=1)
def brief_fixes() -> frozenset[str]:
    """The fixes whose calls count only where a coroutine writes them (calls.yaml
    ``direct_only_fixes``): a threading lock, event or queue a helper takes for a moment, a
    file-system metadata check in a helper. One call away they are not reported."""
    return frozenset(bundle()["calls"]["direct_only_fixes"])


@lru_cache(maxsize=1)
def near_calls() -> frozenset[str]:
    """The table's calls marked ``reach: 1``: followed from a coroutine into the helper that
    makes them, not deeper. A log file handler built by the helper a coroutine calls is the
    coroutine's own set-up (XiaomiGateway3#1422); built three helpers down a configuration
    layer, it is a framework's start-up the call graph cannot name (scrapy's per-crawler root
    handler under `crawl_async`, labelled like the settings loads beside it)."""
    table = bundle()["blocking"]["calls"]
    return frozenset(name for name, entry in table.items() if entry.get("reach") == 1)


#: The mark of a reason behind a one-time guard (`once_guards.once_guarded`) in ``d``, and where
#: it sits: ``["x", shown, fix, guards, ONCE or "", imported parameter]`` (the tail only when
#: one of the three is there: `arguments` tests, `loaded.parameter_of`), ``["c", target,
#: guards, given, bound, ONCE]``.
ONCE = "1"


_ONCE_AT = {"x": 4, "c": 5}


def _once(reason: list[Any]) -> bool:
    """Whether *reason* (a blocking call ``x`` or a call ``c``) is behind a one-time guard."""
    at = _ONCE_AT[reason[0]]
    return len(reason) > at and reason[at] == ONCE


def _passes_on(given: list[Any]) -> bool:
    """Whether recorded arguments hand on one of the caller's own parameters, or a setting
    the framework loaded (``hass.config.time_zone``: `arguments.configured_shape`)."""
    positional, keywords = given
    return any(
        v is not None and v[0] in ("=", "configured") for v in (*positional, *keywords.values())
    )


def _catches_runtime_error(handler: ast.ExceptHandler) -> bool:
    """``except:``, ``except RuntimeError``, ``except Exception`` (or a tuple holding one)."""
    if handler.type is None:
        return True
    return bool(caught_names(handler) & {"RuntimeError", "Exception", "BaseException"})


@lru_cache(maxsize=1)
def _loop_words() -> tuple[str, ...]:
    """The names one of `loop_branches`' tests cannot do without: a probe's, a raiser's (their
    last part) and ``is_running``."""
    calls = bundle()["calls"]
    names = [*calls["loop_probes"], *calls["loop_probes_or_none"], *calls["loop_probe_raisers"]]
    return tuple(sorted({n.rpartition(".")[2] for n in names} | {"is_running"}))


def asks_loop(ctx: Any, function: ast.AST) -> bool:
    """Whether *function* may test for a running loop at all (`no_loop_nodes`). Each test
    `loop_branches` reads names a probe, a raiser or ``is_running`` in the def itself, or calls
    a def of the file that returns a probe's loop: a def whose lines hold none of those names
    has no branch taken only without a loop. Deciding every def (its own nodes listed, its
    tests read, the defs it calls searched for) was an eighth of a cold scan of the standard
    library, for nothing in nearly every def. A text not in ASCII is searched as Python reads
    its identifiers (NFKC); one with ``\\r`` line breaks numbers its lines otherwise: asked
    then."""
    key = ("asks_loop", id(function))
    found = ctx.memo.get(key)
    if found is None:
        lines = _loop_lines(ctx)
        if lines is None:
            found = True
        elif not lines[1]:
            found = False
        else:
            text, words = lines[0], lines[1]
            first, last = getattr(function, "lineno", 1), getattr(function, "end_lineno", None)
            segment = "\n".join(text[first - 1 : last]) if last else "\n".join(text)
            found = any(w in segment for w in words)
        ctx.memo[key] = found
    return found  # type: ignore[no-any-return]


def _loop_lines(ctx: Any) -> tuple[list[str], tuple[str, ...]] | None:
    """The file's lines and the names a def's text must hold to be decided (`asks_loop`):
    the probes' and ``is_running``, and the names of the file's defs that hold one (a call of
    such a def may return the loop); no names when the file holds none. None: cannot say."""
    if "asks_loop" in ctx.memo:
        return ctx.memo["asks_loop"]  # type: ignore[no-any-return]
    text = ctx.text
    if text is not None and not text.isascii():
        # an identifier is read in NFKC (`ｇet_event_loop` is `get_event_loop`): the words
        # are searched in the text so normalised, its lines kept (else: cannot say)
        normal = unicodedata.normalize("NFKC", text)
        text = normal if normal.count("\n") == text.count("\n") else None
    found: tuple[list[str], tuple[str, ...]] | None
    if text is None or "\r" in text:
        found = None
    elif not any(w in text for w in _loop_words()):
        found = ([], ())
    else:
        lines = text.split("\n")
        words = set(_loop_words())
        for node in statements(ctx.tree.body, ()):
            if isinstance(node, ast.FunctionDef) and node.end_lineno:
                segment = "\n".join(lines[node.lineno - 1 : node.end_lineno])
                if any(w in segment for w in _loop_words()):
                    words.add(node.name)
        found = (lines, tuple(sorted(words)))
    ctx.memo["asks_loop"] = found
    return found


class Reasons(Targets):
    """The reason-recording half of `reach.BlockingReach` (its base), on top of naming the
    callee (`reach_targets.Targets`)."""

    iterated: set[int]
    defs: dict[str, list[list[Any]]]
    places: dict[str, dict[str, list[int]]]
    frames: dict[str, Any]
    cached: set[int]
    guards: dict[int, arguments.Guards]
    own_params: dict[int, frozenset[str]]
    params: dict[str, list[Any]]
    configured: list[str]
    configured_tails: frozenset[str]
    last_configured: str | None
    tails: Any
    callables: frozenset[str]
    runners: set[str]
    block_tails: Any
    run_methods: frozenset[str]
    callers: Any
    via_edges: dict[str, dict[str, str]]

    def _in_def(self, node: ast.Call, frame: Any, parent: ast.AST | None) -> None:
        if asks_loop(self.ctx, frame.node) and id(node) in no_loop_nodes(self.ctx, frame.node):
            return  # a branch taken only without a running loop: dead in a coroutine's chain
        qualname = frame.qualname
        reasons = self.defs.get(qualname)
        if reasons is None:
            reasons = self.defs[qualname] = []
            self.frames[qualname] = frame
        reason = self._blocking(node)
        via: str | None = None
        if reason is None:
            target = self._target(node.func)
            if target is None:
                # `map(self._fix, xs)` consumed here, `sorted(xs, key=self._key)`: a function
                # value the call runs now (`called_values`)
                handed = called_value(self.ctx, node, self.iterated, self.callers)
                if handed is not None:
                    target, via = self._target(handed[0]), handed[1]
                else:  # `self.coordinator.set_value()` of a generic base's argument
                    target = generic_attributes.target(self.ctx, node.func)
                if (
                    target is None
                    and isinstance(node.func, ast.Name)
                    and node.func.id in self._own_params(frame)
                ):
                    # `fn()` of a parameter: the def a caller hands it (`v:`, `resolve`)
                    target = f"v:{node.func.id}"
                    self._record_params(frame)
            if target is None or target == f"q:{qualname}":
                return  # neither blocks nor leads on: whether it runs once does not matter
        # A call behind a one-time guard of this def (`once_guards.once_guarded`) is marked
        # ``once``: `resolve` may find it runs once, before anything is served. Asked only
        # here, so a def none of whose calls blocks or leads on is never searched for guards.
        once = id(frame.node) in self.cached or id(node) in once_guarded(self.ctx, frame.node)
        if reason is not None:
            spot(self.places, qualname, f"x{reason[1]}", node)  # where it blocks (`hop_places`)
            # One blocking call per fix is enough to name; keeping each fix lets `resolve`
            # decide as it would for the direct call (a CLI's request is quiet, its wait on a
            # thread's lock is not), whatever the order of the calls in the body. A call under
            # a test of the function's own parameters keeps that test: a caller's arguments
            # may make it dead (`arguments`). One behind a one-time guard is marked ``once``;
            # an import of a parameter keeps it, for a caller guarded by `sys.modules`
            # (`loaded`). The layout is `_X_TAIL`'s. An unguarded call of a fix stands for it
            # rather than a guarded one.
            imported = reason[3:]
            del reason[3:]
            guards = self._guards(frame)
            key = self.last_configured
            if key is not None and key in self._own_params(frame):
                # `ZoneInfo(time_zone)` on a parameter: a caller handing it the configured
                # zone (`hass.config.time_zone`) loads nothing (`arguments.dead`)
                guards = [*guards, [key, "configured", None, False, False]]
                self._record_params(frame)
            if guards or once or imported:
                reason.extend([guards, ONCE if once else "", imported])
            for known in reasons:
                if known[0] != "x" or known[2] != reason[2]:
                    continue
                if len(known) == 3:
                    return  # an unconditional call of this fix stands for every other
                if known[3] == guards:
                    if _once(known) and not once:
                        known[4] = ""
                    if known[5] != imported:
                        known[5] = []  # two imports of different names: no guard covers both
                    return
            reasons.insert(sum(r[0] == "x" for r in reasons), reason)
            return
        bound = self.last_bound
        if target is not None:
            if via is None and (id(node) in self.iterated or type(parent) is ast.YieldFrom):
                target = f"i:{target[2:]}"
            spot(self.places, qualname, f"c{target}", node)
            edge: list[Any] = ["c", target]
            guards = self._guards(frame)
            params = self._own_params(frame)
            extra: list[Any] | None = None
            if via is not None:
                # the items it is handed are not the call's arguments: unknown to the callee
                self.via_edges.setdefault(qualname, {}).setdefault(target, via)
                if guards:
                    extra = [guards, None, int(bound)]
            # what the arguments are matters only under a guard, or when the helper hands one
            # of its own parameters on (a cheap look first: most calls do neither)
            elif guards or any(
                (isinstance(a, ast.Name) and a.id in params)
                or (isinstance(a, ast.Attribute) and a.attr in self.configured_tails)
                for a in call_values(node)
            ):
                given = self._arguments(node, frame, params)
                if guards or (given is not None and _passes_on(given)):
                    extra = [guards, given, int(bound)]
            if extra is None and omits_default(self.ctx, node, target[2:], bound):
                # `self.save_artifact(name, content)` leaves `to_filesystem=False` to its
                # default: the callee's branch on it is decided at every hop, not only at
                # the coroutine's own call (`defaults.omitted`)
                given = self._arguments(node, frame, params)
                if given is not None:
                    extra = [guards, given, int(bound)]
            if extra is not None or once:
                edge.extend(extra or [[], None, int(bound)])
            if once:
                edge.append(ONCE)
            if ["c", target] in reasons:
                return  # an unconditional call of the helper stands for every other
            if not once and [*edge, ONCE] in reasons:
                reasons[reasons.index([*edge, ONCE])] = edge
            elif edge not in reasons:
                reasons.append(edge)

    def _guards(self, frame: Any) -> list[Any]:
        """The conditions on *frame*'s parameters the ``if`` branches open around the current
        call state (`arguments.Guards`); a def with any records its parameters."""
        if not frame.branches or not isinstance(frame.node, ast.FunctionDef):
            return []
        key = id(frame.node)
        guards = self.guards.get(key)
        if guards is None:
            patterns = self.ctx.memo.get("compiled_patterns")
            if patterns is None:
                patterns = self.ctx.memo["compiled_patterns"] = arguments.compiled_patterns(
                    self.ctx.tree
                )
            guards = self.guards[key] = arguments.Guards(frame.node, patterns)
        found = guards.of(frame.branches)
        if found:
            self._record_params(frame)
        return found

    def _own_params(self, frame: Any) -> frozenset[str]:
        node = frame.node
        if not isinstance(node, ast.FunctionDef):
            return frozenset()
        found = self.own_params.get(id(node))  # asked for every call of the def: once each
        if found is None:
            args = node.args
            found = frozenset(a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))
            self.own_params[id(node)] = found
        return found

    def _record_params(self, frame: Any) -> None:
        if frame.qualname in self.params:
            return
        node = frame.node
        bound = 0
        if (
            frame.cls is not None
            and frame.self_name
            and frame.qualname == (f"{frame.cls[0]}.{node.name}")
        ):
            decorators = {self.ctx.qualify(d) for d in node.decorator_list}
            bound = 2 if "classmethod" in decorators else 1
        self.params[frame.qualname] = arguments.parameters(node, bound)

    def _arguments(self, node: ast.Call, frame: Any, params: Iterable[str]) -> list[Any] | None:
        """What the call's arguments are (`arguments.call_arguments`); a def that passes its
        own parameters on records its parameters, so the caller's arguments reach through."""
        if not node.args and not node.keywords:
            return [[], {}]
        function = frame.node

        def counts() -> dict[str, int]:
            """How often the function binds each name: walked only when an argument needs it."""
            return stores_of(self.ctx, function)

        given = arguments.call_arguments(
            node,
            self.ctx.resolver,
            self.ctx.scope,
            counts,
            tuple(params),
            function,
            self.configured,
        )
        if given is not None:
            self._functions_named(node, given)
            if _passes_on(given):
                self._record_params(frame)
        return given

    def _own_method(self, value: ast.Attribute) -> bool:
        """``self.<name>`` where the class the code is in defines a method ``name``."""
        frame = self.ctx.frame
        return (
            isinstance(value.value, ast.Name)
            and frame.cls is not None
            and value.value.id == frame.self_name
            and any(
                isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == value.attr
                for m in frame.cls[1].body
            )
        )

    def _functions_named(self, node: ast.Call, given: list[Any]) -> None:
        """A function of the scan handed by reference (``self._retry(self._load)``,
        ``run(load_token)``) keeps which def it is (``["function", True, "q:..."]``): a
        helper that calls its parameter (``fn()``, ``v:``) reaches that def. A function never
        equals a literal, so the third place reads as `arguments.dead` expects of a value."""
        positional, keywords = given
        pairs = [*enumerate(node.args), *((k.arg, k.value) for k in node.keywords if k.arg)]
        for place, value in pairs:
            current = positional[place] if isinstance(place, int) else keywords.get(place)
            if not isinstance(value, (ast.Name, ast.Attribute)) or (
                current is not None and current[0] != "function"
            ):
                continue
            if isinstance(value, ast.Name) and current is None:
                continue  # a local or a parameter: not a def named here
            if isinstance(value, ast.Attribute) and not self._own_method(value):
                continue  # `self.client`, `config.hook`: a value, maybe not a function at all
            bound = self.last_bound
            target = self._target(value)
            self.last_bound = bound
            if target is None or target[0] != "q":
                continue
            named = ["function", True, target]
            if isinstance(place, int):
                positional[place] = named
            else:
                keywords[place] = named

    def _blocking(self, node: ast.Call) -> list[Any] | None:
        """``["x", shown, fix]`` when *node* blocks by the table (or runs an event loop).
        A call the table leaves alone for a configured key, given a plain name instead, sets
        `last_configured` to that name (`_in_def` keeps it, for the callers' arguments)."""
        self.last_configured = None
        func = node.func
        name = tail(func)
        if name not in self.block_tails:
            binding = (
                self.ctx.resolver.lookup(func.id, self.ctx.scope)
                if type(func) is ast.Name
                else None
            )
            if not bound_blocking(binding, self.tails, self.callables):
                return None
        if name in self.run_methods and isinstance(func, ast.Attribute):
            # `loop.run_until_complete(...)` in a helper a coroutine calls: the loop is running
            receiver = func.value
            if is_loop_like(receiver, self.ctx.qualify(receiver)):
                return ["x", f"{source_name(func)}()", "nested_run"]
        qualified = self.ctx.qualify(func)
        if qualified is None:
            return None
        if qualified in self.runners:
            if self._guarded(node):
                # the running-loop error is caught and handled (piccolo's `run_sync` then
                # runs the coroutine in a thread and waits): a blocking wait, not a crash
                return ["x", f"{qualified}()", "offload"]
            return ["x", f"{qualified}()", "nested_run"]
        entry = self.table.get(qualified)
        if entry is None:
            return None
        unless = entry.get("unless")
        if unless_applies(node, unless, self.ctx):
            return None
        if state_shown(self.ctx, node, qualified, self.table):
            return None
        if unless and unless.get("configured") and node.args and type(node.args[0]) is ast.Name:
            self.last_configured = node.args[0].id
        fix = str(entry["fix"])
        if fix in brief_fixes():
            return None
        shown = qualified if "()" not in qualified else source_name(func)
        if "loaded" in (entry.get("unless") or {}):
            # an import of a parameter: a caller guarded by `sys.modules` makes it a lookup
            return ["x", f"{shown}()", fix, *parameter_of(self.ctx, node)]
        return ["x", f"{shown}()", fix]

    def _guarded(self, node: ast.Call) -> bool:
        """Whether *node* sits in the body of a ``try`` that catches ``RuntimeError`` (or
        ``Exception``, or everything): the error a loop runner raises inside a running loop is
        expected and handled, the fallback being the author's (`_blocking`)."""
        function = self.ctx.frame.node
        key = ("guarded_runs", id(function))
        inside = self.ctx.memo.get(key)
        if inside is None:
            inside = set()
            for stmt in own_nodes(function):
                if isinstance(stmt, ast.Try) and any(
                    _catches_runtime_error(h) for h in stmt.handlers
                ):
                    for part in stmt.body:
                        inside.update(id(n) for n in walk(part))
            self.ctx.memo[key] = inside
        return id(node) in inside
