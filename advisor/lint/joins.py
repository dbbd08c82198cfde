"""The cross-file joins after a scan, and the views the pipeline prints.

Every file's own findings come from its result, less the deferred ones the call graph's verdict
makes quiet (`checks.verdict`); its cross-file findings (ADV102 across files, ADV101 one call
away, threads) are joined from every file's facts, again only for the files a change can reach
(`depends.affected`); the others keep the views stored with the index.
"""

from __future__ import annotations

from typing import Any

from advisor.lint import index
from advisor.lint.checks.verdict import Deferred, Verdict, quiet_own
from advisor.lint.depends import affected
from advisor.lint.passes import Look, never_parsed


def join(
    results: dict[str, dict[str, Any]],
    look: Look,
    old_and_named: tuple[dict[str, dict[str, Any]], dict[str, str]],
    stored: index.Stored | None,
    data_and_scripts: tuple[dict[str, Any], dict[str, str]],
) -> dict[str, Any]:
    """Every file's findings as the pipeline prints them, stored as the index's views: own
    findings from each result (without the deferred ADV101 findings the call graph makes
    quiet, `checks.once`), cross-file ones joined again only for the files a change can
    reach (`depends.affected`); the others keep the views stored last time. Who calls a
    coroutine is not a module the callee's facts name, so a change in the calls (``g``'s
    ``u``) re-joins every file with a deferred finding or a call to match."""
    data, scripts = data_and_scripts
    old, named = old_and_named
    modules = {relpath: item[3] for relpath, item in look.files.items()}
    if stored is None or not old:
        again = set(results)
    else:
        changed: dict[str, tuple[dict[str, Any] | None, str | None]] = {}
        for relpath, result in results.items():
            if result is not old.get(relpath):
                entry = stored.entries.get(relpath)
                changed[relpath] = (old.get(relpath), entry.module if entry else None)
        for relpath, entry in stored.entries.items():
            if relpath not in results:
                changed[relpath] = (old.get(relpath), entry.module)
        again = affected(results, modules, changed, named) if changed else set()
        if any(uses(old_result) != uses(results.get(p)) for p, (old_result, _m) in changed.items()):
            again |= {p for p, r in results.items() if deferred(r)}
        if any(classes(old) != classes(results.get(p)) for p, (old, _m) in changed.items()):
            # a subclass is no module its base's file names: a new coroutine override in
            # one file quiets ADV110 in another (`checks.await_plain.resolve`)
            again |= {p for p, r in results.items() if r.get("ov") or r.get("po") or r.get("rk")}
    cross, decide = cross_findings(results, again, data, modules, scripts)
    views: dict[str, Any] = {}
    for relpath, result in results.items():
        if "skip" in result:
            views[relpath] = {"skip": result["skip"]}
            continue
        if never_parsed(result):
            # Never parsed (no rule's words, not named): nothing to print, said as such.
            views[relpath] = {"u": 1}
            continue
        if relpath in again:
            joined = cross.get(relpath, [])
            own = quiet_own(result, modules.get(relpath, ""), decide, data["calls"])
        else:
            view = stored.views.get(relpath) if stored is not None else None
            joined = view[1] if isinstance(view, list) else []
            # No stored view: the file printed nothing (its deferred findings were quiet).
            own = view[0] if isinstance(view, list) else []
        if own or joined:
            views[relpath] = [own, joined]
    return views


def cross_findings(
    results: dict[str, dict[str, Any]],
    again: set[str],
    data: dict[str, Any],
    modules: dict[str, str],
    scripts: dict[str, str] | None = None,
) -> tuple[dict[str, list[Any]], Verdict]:
    """The cross-file findings of the files in *again*, joined from every file's facts: the
    other files take part without their candidates (``c``, at the top for ADV102 and in
    ``r`` for ADV101), so only *again*'s calls are matched; and the call graph's verdict
    (`checks.verdict.verdict`) that decides them and the deferred own findings."""
    from advisor.lint.checks.await_missing_across import resolve
    from advisor.lint.checks.await_plain import resolve as plain
    from advisor.lint.checks.pickled_across import resolve as pickled
    from advisor.lint.checks.processes_across import resolve as procs
    from advisor.lint.checks.reach_chains import resolve as reach
    from advisor.lint.checks.reach_properties import keep_properties
    from advisor.lint.checks.threads import resolve as cpu
    from advisor.lint.namespaces import namespaces

    views: list[tuple[str, dict[str, Any]]] = []
    calling = False
    # ADV108 one file away (`checks.processes_across`): a module-level call (``pw``, most
    # parsed files have some) is one to match only where the scan has a starter (``ps``); the
    # other files' are left in place, their findings are not this run's to print
    starting = waiting = False
    for relpath, result in results.items():
        if "skip" in result:
            continue
        kept = uncalled(result)
        starting = starting or "ps" in result or "pk" in result
        if relpath in again:
            calling = calling or kept is not result
            waiting = waiting or "pw" in result or "pc" in result
            kept = result
        views.append((relpath, kept))
    decide = Deferred(views, scripts, data["calls"])
    calling = calling or (starting and waiting)
    if not calling:
        # Every cross-file finding is reported at a call to match (``c``, ``r``'s ``c`` and
        # ``w``), and only *again*'s are kept: with none, the joins find nothing.
        return {}, decide
    found: dict[str, list[Any]] = {}
    spaces = namespaces(modules)  # once for both joins (`lint.namespaces`)
    for path, finding in resolve(views, data["calls"]["asyncio_coroutines"], spaces):
        found.setdefault(path, []).append(finding)
    for path, finding in reach(keep_properties(views), decide, modules, spaces):
        found.setdefault(path, []).append(finding)
    for path, finding in cpu(views):
        found.setdefault(path, []).append(finding)
    for path, finding in procs(views):  # ADV108 one file away
        found.setdefault(path, []).append(finding)
    for path, finding in pickled(views):  # ADV111 one file away
        found.setdefault(path, []).append(finding)
    for path, finding in plain(views):  # ADV110 unless a subclass overrides with a coroutine
        found.setdefault(path, []).append(finding)
    return found, decide


def uses(result: dict[str, Any] | None) -> Any:
    """Who a file calls (`checks.once`'s ``u``; `checks.reach`'s ``st``; the keywords its
    calls give, ``kw`` and ``kx``, `checks.defaults`), the commands and start-up hooks it
    registers (``cm``, `checks.commands`; ``sh``, `checks.hooks`), the point verdict's
    facts (``pt``, `checks.sequential`: how each coroutine is called, where work is alive)
    and the runner decorators it defines and uses (``rd``, ``dr``, `checks.rooted`): each
    moves the verdict."""
    graph = (result or {}).get("g") or {}
    return (
        # the defs start-up code calls, which code that serves finds built (`checks.reach`)
        ((result or {}).get("r") or {}).get("st"),
        # the keywords the calls give and the defs taking **kwargs (`checks.defaults`)
        ((result or {}).get("r") or {}).get("kw"),
        ((result or {}).get("r") or {}).get("kx"),
        graph.get("u"),
        graph.get("cm"),
        graph.get("sh"),
        graph.get("pt"),
        graph.get("rd"),
        graph.get("dr"),
    )


def deferred(result: dict[str, Any]) -> bool:
    """Whether the call graph's verdict can move *result*'s findings: deferred own findings
    (``g``'s ``s``) or calls to match (``r``'s ``c``)."""
    return bool((result.get("g") or {}).get("s") or (result.get("r") or {}).get("c"))


def classes(result: dict[str, Any] | None) -> Any:
    """The classes *result* defines, with their bases and methods' kinds (ADV102's facts),
    and the ``await self.m()`` calls of their methods (``sa``, `checks.await_plain_overrides`), and
    the registrars that await what they take or call it plainly (``rg``, ``rp``,
    `checks.await_registered`)."""
    facts = (result or {}).get("facts") or {}
    return facts.get("classes"), facts.get("sa"), facts.get("rg"), facts.get("rp")


def uncalled(result: dict[str, Any]) -> dict[str, Any]:
    """*result* without its calls to be matched (``c``, at the top and in ``r``) and its
    deferred ADV110 findings (``ov``): its facts still serve the other files' joins. Most
    results have none, and are not copied."""
    reach = result.get("r")
    if (
        "c" not in result
        and "ov" not in result
        and "po" not in result
        and "rk" not in result
        and not (reach and ("c" in reach or "w" in reach))
    ):
        return result
    kept = dict(result)  # copies in C; a comprehension per result cost a second on HA
    kept.pop("c", None)
    kept.pop("ov", None)
    kept.pop("po", None)
    kept.pop("rk", None)
    if reach:
        kept["r"] = dict(reach)
        kept["r"].pop("c", None)
        kept["r"].pop("w", None)
    return kept
