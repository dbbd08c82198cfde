"""For `checks.verdict`: the scan's classes, and which method a call that names a class may reach
(the same class, a base, a subclass, one a class of the scan mixes in with it), and the objects
that end their own run (`Lineage.closers`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.lint.checks.code_kinds import lifecycle_name, shutdown_name
from advisor.lint.checks.confined import Confined
from advisor.lint.checks.once import RUN, STARTUP


class Lineage:
    """The scan's classes, for which calls may reach which method (`verdict`).

    Calls are matched by the callee's last name; the call graph also keeps the qualified
    callee when the code names it (``self.close()`` in a method of ``Websocket``, a receiver
    the resolver knows was built from a class: ``self._http = ManagedHTTPClient()``). Such a
    call reaches a method of another class only when the two classes are related: one derives
    from the other, or a class of the scan derives from both (a mixin: mautrix's
    ``FileStateStore(MemoryStateStore, FileStore)``, where ``StateStore.close`` awaits
    ``self.flush()`` and so runs ``FileStore.flush``). A class the scan does not define, or a
    callee that is no method, is taken to be related: nothing says otherwise.

    An object that ends its own run, a *closer*, is one whose own start-up method awaits one
    of its shut-down methods on itself (twitchio's ``Client.start``: serve until told to
    stop, then ``finally: await self.close()``; ``shutdown_methods``): it is the program's
    client, and its shut-down is the program's shut-down wherever a user writes it. Its
    start-up and shut-down methods are reached only by the calls that name its class (its
    own, a subclass's, a receiver of its class): a ``socket.close()`` or ``site.start()``
    through an object no type names is another class's (the websockets it closes, the web
    adapter it starts). A call that names it from a loop that serves (a reconnect) still
    serves. Its shut-down method that no call of the scan reaches is left by an ``async
    with`` or by its users at the end of its run: shut-down code (`ends_run`)."""

    def __init__(self, calls: Mapping[str, Any] | None) -> None:
        self.calls = dict(calls) if calls is not None and "shutdown_methods" in calls else None
        self.bases: dict[str, list[str]] = {}
        self.aliases: dict[str, str] = {}
        #: the top-level packages the scan's classes are in
        self.tops: set[str] = set()
        self._below: dict[str, set[str]] | None = None
        self._named: dict[tuple[str, str], list[str]] | None = None
        self._canonical: dict[str, str] = {}
        self._closing: dict[str, bool] = {}
        self.closers: set[str] = set()
        self._related: dict[tuple[str, str], bool] = {}
        #: the scan's coroutines by qualified name (methods and module-level ones)
        self.coros: set[str] = set()
        #: the classes whose instances stay where they are made (`checks.confined`)
        self.confinement = Confined()

    def add(self, facts: Mapping[str, Any]) -> None:
        self.confinement.add(facts)
        self.aliases.update(facts.get("aliases", {}))
        self.coros.update(facts.get("coros", ()))
        for owner, entry in facts.get("classes", {}).items():
            self.bases[owner] = [b for b in entry.get("bases", ()) if b]
            self.tops.add(owner.partition(".")[0])

    def _class(self, name: str) -> str | None:
        """The class of the scan *name* is, through re-exports, or else the one class of
        that name in the same top-level package (a star import re-exports it unseen)."""
        for _hop in range(4):
            if name in self.bases:
                return name
            if name not in self.aliases:
                break
            name = self.aliases[name]
        if self._named is None:
            named: dict[tuple[str, str], list[str]] = {}
            for cls in self.bases:
                named.setdefault((cls.partition(".")[0], cls.rpartition(".")[2]), []).append(cls)
            self._named = named
        alike = self._named.get((name.partition(".")[0], name.rpartition(".")[2]), [])
        return alike[0] if len(alike) == 1 else None

    def canonical(self, target: str) -> str:
        """*target* with its class (or itself) named where the scan defines it."""
        if not target:
            return target
        found = self._canonical.get(target)
        if found is None:
            owner, _, method = target.rpartition(".")
            cls = self._class(owner)
            if cls is not None:
                found = f"{cls}.{method}"
            else:
                found = target
                for _hop in range(4):
                    if found not in self.aliases:
                        break
                    found = self.aliases[found]
            self._canonical[target] = found
        return found

    def owner(self, qualname: str) -> str | None:
        """The scan's class *qualname* is a method of, or None."""
        return self._class(qualname.rpartition(".")[0]) if qualname else None

    def confined(self, qualname: str) -> bool:
        """*qualname* is a method of a class whose instances never leave the function that
        makes them (`checks.confined`): a call through an object no type names cannot be
        one of them, so it never reaches the method."""
        cls = self.owner(qualname)
        return cls is not None and self.confinement.confined(cls, self)

    def below(self, cls: str) -> set[str]:
        """*cls* and every class of the scan that derives from it."""
        if self._below is None:
            below: dict[str, set[str]] = {}
            for cls_name in self.bases:
                todo, seen = [cls_name], {cls_name}
                while todo:
                    current = todo.pop()
                    below.setdefault(current, set()).add(cls_name)
                    for base in self.bases.get(current, ()):
                        found = self._class(base)
                        if found is not None and found not in seen:
                            seen.add(found)
                            todo.append(found)
            self._below = below
        return self._below.get(cls, {cls})

    def related(self, one: str, other: str) -> bool:
        if one == other:
            return True
        key = (one, other) if one < other else (other, one)
        if key not in self._related:
            self._related[key] = bool(self.below(one) & self.below(other))
        return self._related[key]

    def shutdown(self, qualname: str) -> bool:
        return self.calls is not None and shutdown_name(qualname.rpartition(".")[2], self.calls)

    def closing(self, uses: Mapping[str, set[tuple[str, str, str]]]) -> None:
        """Find the closers: a start-up method (not itself a shut-down one) awaiting a
        shut-down method it names on its own class (`Lineage`)."""
        if self.calls is None:
            return
        for name, sites in uses.items():
            if not shutdown_name(name, self.calls):
                continue
            for caller, base, target in sites:
                if base not in (STARTUP, RUN) or not target or self.shutdown(caller):
                    continue
                mine, theirs = self.owner(caller), self.owner(target)
                if mine is not None and theirs is not None and self.related(mine, theirs):
                    self.closers.add(theirs)

    def closer(self, qualname: str) -> bool:
        """*qualname* is a start-up or shut-down method of an object that ends its own run."""
        if not self.closers or self.calls is None:
            return False
        cls = self.owner(qualname)
        name = qualname.rpartition(".")[2]
        if cls is None or not (self.shutdown(qualname) or lifecycle_name(name, self.calls)):
            return False
        if cls not in self._closing:
            self._closing[cls] = any(self.related(cls, closer) for closer in self.closers)
        return self._closing[cls]

    def quits(self, qualname: str) -> bool:
        """*qualname* is an interactive application's quit or start hook (``ui_close_hooks``:
        Textual's ``action_quit`` in a class deriving, through the scan's own classes, from
        ``textual.app.App``; ``ui_start_hooks``: the App's ``on_mount``): the framework runs
        it once as the user quits, shut-down code like ``close()``, or once as the app starts,
        start-up code like ``start()``. A method of that name in a class of no such base is the
        user's own."""
        if self.calls is None or not qualname:
            return False
        method = qualname.rpartition(".")[2]
        wanted = frozenset((self.calls.get("ui_close_hooks") or {}).get(method, ())) | frozenset(
            (self.calls.get("ui_start_hooks") or {}).get(method, ())
        )
        cls = self.owner(qualname)
        if not wanted or cls is None:
            return False
        todo, seen = [cls], {cls}
        while todo:
            for base in self.bases.get(todo.pop(), ()):
                if base in wanted:
                    return True
                found = self._class(base)
                if found is not None and found not in seen:
                    seen.add(found)
                    todo.append(found)
        return False

    def ends_run(self, qualname: str) -> bool:
        return bool(qualname) and self.shutdown(qualname) and self.closer(qualname)

    def reaches(self, target: str, judged: str) -> bool:
        """Whether a call recorded with *target* (``""``: through an object no type names)
        may run the function *judged* (``""``: unknown, any of that name)."""
        if not judged or target == judged:
            return True
        if not target:
            return not self.closer(judged) and not self.confined(judged)
        mine, theirs = self.owner(target), self.owner(judged)
        if theirs is None:
            # two module-level coroutines of the scan: a call that names one never runs the
            # other (lnbits' API awaits `services.extensions.install_extension`, its
            # `lnbits-cli` the `commands` module's own `install_extension`)
            return not (judged in self.coros and target in self.coros and mine is None)
        if mine is None:
            # a library's class (`aiohttp.web.TCPSite().start()`) runs none of the scan's
            # methods; a name of the scan's own packages the aliases did not resolve may
            return target.partition(".")[0] in self.tops
        return self.related(mine, theirs)
