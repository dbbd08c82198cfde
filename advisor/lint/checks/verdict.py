"""ADV101 in code that runs once, the join (`checks.once` is the family and its docstring says
the rules): the call graphs every file recorded, read together after the scan, say what the
code that runs each coroutine is (`verdict`); the deferred findings that verdict makes quiet are
dropped (`quiet_own`); the modules the projects' console scripts and pytest plugins run are
command-line and test code (`script_modules`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from advisor.lint.checks.code_kinds import one_shot_quiet
from advisor.lint.checks.helpers import DEPTH
from advisor.lint.checks.lineage import Lineage
from advisor.lint.checks.once import BESIDE, CLI, PROGRAM, RUN, SERVING, STARTUP, TEST
from advisor.lint.checks.sequential_points import points


class Verdict(Protocol):
    """`verdict`'s answer: ``decide(module, name)``, or ``decide(module, name, True)`` for
    code behind a one-time guard; *name* is a coroutine's last name, or its qualified name
    (which tells two methods of one name in the module apart); with *line*, the point verdict
    too (`checks.sequential`), alone when the call is in a loop that serves (*looped*)."""

    def __call__(
        self,
        module: str,
        name: str,
        once: bool = False,
        line: int | None = None,
        looped: bool = False,
    ) -> frozenset[str] | None: ...


def verdict(
    views: Iterable[tuple[str, Mapping[str, Any]]],
    scripts: Mapping[str, str] | None = None,
    calls: Mapping[str, Any] | None = None,
) -> Verdict:
    """``verdict(module, name)``: what the code that runs coroutine *name* of *module* is, as
    a set of ``s``/``cli``/``test`` (every path to it must be one of them), or None when some
    path serves, nothing in the scan calls it, or the chain is deeper than `helpers.DEPTH`.
    A coroutine of a module a console script runs is a command-line program's, one of a
    registered pytest plugin test code (*scripts*: module -> ``cli`` or ``test``).

    A call the code names (``self.close()`` in ``Websocket``: ``Websocket.close``) reaches
    only a method of a class related to its own (`Lineage`): the same class, a base or a
    subclass, or one a class of the scan mixes in with it (mautrix's ``FileStateStore``
    mixes ``FileStore`` into a ``StateStore``, whose ``close`` awaits ``self.flush()``). A
    call through an object no type names may reach any method of that name, except the
    start-up and shut-down methods of an object that ends its own run (`Lineage.closers`).
    *calls* (the ``calls`` table) names the shut-down methods; without it, neither."""
    uses: dict[str, set[tuple[str, str, str]]] = {}
    lineage = Lineage(calls)
    handlers: set[str] = set()
    #: the coroutines of the scan by last name (module-level ones, methods), so that a call
    #: `quiet_own` judges names one function of its module
    defined: dict[str, set[str]] = {}
    declared = dict(scripts or {})
    #: the calls that run a coroutine beside other tasks (`once.BESIDE`: handed to a spawner
    #: or a join, or made in a task group's body), as (the coroutine's last name, the caller,
    #: the qualified callee or ""): no command-line verdict covers them, a console script's
    #: included (start-up code's does)
    beside: set[tuple[str, str, str]] = set()
    views = list(views)
    for _path, result in views:
        facts = result.get("facts")
        if facts:
            lineage.add(facts)
            for qualname in facts.get("coros", ()):
                defined.setdefault(qualname.rpartition(".")[2], set()).add(qualname)
            for owner, entry in facts.get("classes", {}).items():
                for method in entry.get("methods", ()):
                    defined.setdefault(method, set()).add(f"{owner}.{method}")
        graph = result.get("g")
        if graph:
            for name, sites in graph.get("u", {}).items():
                uses.setdefault(name, set()).update(
                    (site[0], site[1], site[2] if len(site) > 2 else "") for site in sites
                )
                beside.update((name, site[0], site[2]) for site in sites if site[3:4] == [BESIDE])
            handlers.update(graph.get("h", ()))
            for hook in graph.get("sh", ()):
                # registered by a statement as a start-up or shut-down hook (`checks.hooks`)
                uses.setdefault(hook, set()).add(("<hook>", STARTUP, ""))
            for command in graph.get("cm", ()):
                # a function handed to a CLI registry (`checks.commands`): its module is
                # that command's code, as a module a console script runs
                declared.setdefault(command.rpartition(".")[0], CLI)

    alone = points(views, lineage)
    handlers.update(alone.unrooted)
    for root in alone.roots:
        # started by a runner decorator's wrapper (`rooted`): a runner's entry, or a command
        # when a command-line framework registers that wrapper
        uses.setdefault(root.name, set()).add(
            (root.decorator, CLI if root.command else RUN, root.qualname)
        )

    # The qualified callees through the scan's re-exports (`twscrape.api.AccountsPool` is
    # `twscrape.accounts_pool.AccountsPool`), now that every file's classes are known. Only
    # the sites whose callee moves are replaced: most callees are named where they are
    # defined, and building every set again cost a cold scan of the standard library 2% of
    # its CPU time.
    canonical = lineage.canonical
    for sites in uses.values():
        moved = [site for site in sites if site[2] and canonical(site[2]) != site[2]]
        if moved:
            sites.difference_update(moved)
            sites.update((c, b, canonical(t)) for c, b, t in moved)
    lineage.closing(uses)

    def served(qualname: str) -> bool:
        """Some call to *qualname* serves: a start-up method started again from a retry loop
        (red's audio ``ServerManager._start``, awaited in ``start_monitor``'s ``while True``)
        is not start-up code for what it calls."""
        return any(
            base == SERVING and lineage.reaches(target, qualname)
            for _caller, base, target in uses.get(qualname.rpartition(".")[2], ())
        )

    def scripted(qualname: str) -> str | None:
        for module, kind in declared.items():
            if qualname == module or qualname.startswith(f"{module}."):
                return kind
        return None

    tasked = _tasked(beside, uses, defined)
    memo: dict[tuple[str, bool], frozenset[str] | None] = {}

    def kinds(
        name: str, depth: int, seen: frozenset[str], once: bool, judged: str = ""
    ) -> frozenset[str] | None:
        """What the code that runs *name* is; *judged*, its qualified name when known, keeps
        only the calls that may reach that function (`Lineage.reaches`)."""
        key = judged or name
        if (key, once) in memo:
            return memo[key, once]
        if name in handlers:
            return None
        if lineage.quits(judged):
            # the framework runs it as the user quits (Textual's `action_quit`) or as the app
            # starts (an App's `on_mount`)
            return frozenset({STARTUP})
        sites = [
            (caller, base)
            for caller, base, target in sorted(uses.get(name, ()))
            if lineage.reaches(target, judged)
        ]
        if not sites:
            if lineage.ends_run(judged):
                # nothing of the scan calls it but an `async with` leaving, or its users
                # at the end of its run (twitchio's `Client.__aexit__`)
                return frozenset({STARTUP})
            return None
        found: set[str] = set()
        circled = False
        for caller, base in sites:
            if base == SERVING:
                found = set()
                break
            handed = any(n == name and c == caller for n, c, _t in beside)
            declared_kind = None if caller in tasked else scripted(caller)
            if handed and declared_kind == CLI:
                # a task the command starts beside others: the command's own code runs one
                # thing at a time, its tasks do not (`once.BESIDE`)
                found = set()
                break
            if declared_kind:
                found.add(declared_kind)
            elif base == RUN and once:
                found.add(STARTUP)  # the program's root: its start reaches a one-time load
            elif base == STARTUP and served(caller):
                found = set()
                break
            elif base and base != RUN:
                found.add(base)
            else:
                above = caller.rpartition(".")[2]
                if caller in seen or (above in seen and lineage.reaches(caller, judged)):
                    # A circle adds no way in: the other callers decide (an override awaiting
                    # `super().close()`; twitchio's `Client.load_tokens` awaiting
                    # `self._http.load_tokens()`, the same name, when no type says which: a
                    # named receiver of an unrelated class is followed instead). Not
                    # memoised: the result leaves out a caller this path is inside.
                    circled = True
                    continue
                if depth >= DEPTH:
                    return None  # too deep: not memoised (another path may reach)
                more = kinds(above, depth + 1, seen | {above, caller}, once, caller)
                if more is None or (handed and CLI in more):
                    found = set()
                    break
                found |= more
        result = frozenset(found) or None
        if not circled:
            memo[key, once] = result
        return result

    def decide(
        module: str, name: str, once: bool = False, line: int | None = None, looped: bool = False
    ) -> frozenset[str] | None:
        if name.startswith(f"{module}."):
            judged, name = name, name.rpartition(".")[2]  # qualified (`quiet_own`)
        else:
            here = [q for q in defined.get(name, ()) if q.startswith(f"{module}.")]
            judged = here[0] if len(here) == 1 else ""
        if line is not None:
            here = [q for q in alone.defined.get(name, ()) if q.startswith(f"{module}.")]
            if judged in here:
                here = [judged]
            if len(here) == 1 and alone.at(here[0], line):
                # Nothing else is alive on its loop at that line, on every way the scan shows
                # into it, whoever else might call it outside the scan (`checks.sequential`).
                return frozenset({PROGRAM})
        if looped:
            return None  # in a loop that serves: only the point verdict decides there
        ran_beside = judged in tasked if judged else f"{module}.{name}" in tasked
        declared_kind = None if ran_beside else scripted(module)
        if declared_kind:
            return frozenset({declared_kind})
        found = kinds(name, 1, frozenset({name, judged} - {""}), once, judged)
        if found and STARTUP not in found and not once and not private(module, name):
            # A public coroutine only the project's own command or tests call: the project's
            # users may call it from code that serves (prefect's `workers.utilities`). One the
            # project's own start-up code calls too is part of its start-up (streamrip's
            # `Client.get_session`, awaited by every client's `login` and by a command); code
            # behind a one-time guard runs once however often users call it.
            return None
        return found

    return decide


def _tasked(
    beside: set[tuple[str, str, str]],
    uses: Mapping[str, set[tuple[str, str, str]]],
    defined: Mapping[str, set[str]],
) -> frozenset[str]:
    """The coroutines (qualified names) that run as a task beside others, and every one they
    call, to the end: a console script's module is a command-line program's own code for what
    it runs one thing at a time, never for these (review 25: ``time.sleep`` in a progress
    coroutine handed to ``create_task`` beside ten fetches, hidden by ``[project.scripts]``).
    Only calls the code names are followed (``progress(tasks)``, ``self.fetch(url)``, an
    imported function): a call through an object (``job.run()`` in a library's job runner)
    may reach any coroutine of that last name, and a declared command's own ``run`` is not
    made a task by another module's ``create_task(job.run())``."""
    called: dict[str, set[str]] = {}
    for name, sites in uses.items():
        for caller, _base, target in sites:
            if target in defined.get(name, ()):
                called.setdefault(caller, set()).add(target)
    found: set[str] = set()
    todo = [target for name, _caller, target in beside if target in defined.get(name, ())]
    while todo:
        qualname = todo.pop()
        if qualname not in found:
            found.add(qualname)
            todo.extend(called.get(qualname, ()))
    return frozenset(found)


def private(module: str, name: str) -> bool:
    """A ``_name`` coroutine, or one in a ``_private`` module or package (``redbot.core.utils.
    _internal_utils``, ``redbot.core._drivers``): nothing outside the project calls it, so the
    scan sees every call."""
    return any(
        part.startswith("_") and not part.startswith("__") for part in (*module.split("."), name)
    )


def quiet(kinds: frozenset[str] | None, fix: str, calls: Mapping[str, Any]) -> bool:
    """Whether a blocking call with *fix* stalls nobody in code of every one of *kinds*."""
    if not kinds:
        return False
    return all(
        fix in calls["setup_fixes"] if kind == STARTUP else one_shot_quiet(kind, fix, dict(calls))
        for kind in kinds
    )


def quiet_own(
    result: Mapping[str, Any], module: str, decide: Verdict, calls: Mapping[str, Any]
) -> list[Any]:
    """*result*'s own findings without the deferred ADV101 ones the verdict makes quiet."""
    own: list[Any] = list(result.get("f", ()))
    deferred = (result.get("g") or {}).get("s")
    if not deferred or not own:
        return own
    dropped = set()
    for line, shown, fix, coroutine, *marks in deferred:
        guarded, looped = bool(marks and marks[0]), len(marks) > 1
        if quiet(decide(module, coroutine, False, line, looped), fix, calls) or (
            guarded and quiet(decide(module, coroutine, True, line, looped), fix, calls)
        ):
            dropped.add((line, shown))
    if not dropped:
        return own
    return [f for f in own if not (f[2] == "ADV101" and (f[0], f[3].get("call")) in dropped)]


def script_modules(files: Iterable[tuple[str, str, bool]]) -> dict[str, str]:
    """The modules the console scripts of the scanned projects run (``redbot-setup =
    "redbot.setup:run_cli"`` -> ``redbot.setup: cli``) and the pytest plugins they register
    (``pytest11``: ``redbot.pytest: test``), read by the one reader of project metadata
    (`advisor.lint.declared`) in each project folder: the folder above each file's
    top-level package. *files*: (absolute path, module, is_package)."""
    folders: set[str] = set()
    for abspath, module, is_package in files:
        folder = abspath
        for _level in range(module.count(".") + 1 + int(is_package)):
            folder = os.path.dirname(folder)
        folders.add(folder)
    found = sorted(f for f in folders if _declares(f))
    if not found:
        return {}
    from advisor.lint._data import bundle
    from advisor.lint.declared import pytest_plugins, script_targets
    from advisor.lint.wheel_scripts import serves

    runs = bundle()["calls"]["script_server_runs"]
    modules = {t.partition(":")[0] for t in script_targets(found) if ":" in t}
    kinds = {m: CLI for m in sorted(modules) if not serves(found, m, runs)}
    kinds.update(dict.fromkeys(pytest_plugins(found), TEST))
    return kinds


def _declares(folder: str) -> bool:
    from advisor.lint.wheel_scripts import wheel_declares

    return wheel_declares(folder) or any(
        os.path.isfile(os.path.join(folder, name))
        for name in ("pyproject.toml", "setup.cfg", "setup.py")
    )


class Deferred:
    """`verdict` over *views*, worked out on its first question only: after a
    one-file change, the files joined again often hold no deferred finding and no call to
    match, and the whole scan's call graph (half the time of an edit on the standard
    library) was built for nobody. Asked, it answers exactly as `verdict` would."""

    __slots__ = ("_args", "_decide")

    def __init__(self, *args: Any) -> None:
        self._args: tuple[Any, ...] | None = args
        self._decide: Verdict | None = None

    def __call__(
        self,
        module: str,
        name: str,
        once: bool = False,
        line: int | None = None,
        looped: bool = False,
    ) -> frozenset[str] | None:
        if self._decide is None:
            assert self._args is not None
            self._decide = verdict(*self._args)
            self._args = None
        return self._decide(module, name, once, line, looped)
