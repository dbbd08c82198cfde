"""Child processes that are not the program's work: a tool asked only for its version once
(``ffmpeg -version``; ``[gcov, "-v"]`` where the code parses a version from it), and the
functions a file hands to a child process of their own (``Process(target=f)``), whose blocking
calls block that child, not the program's event loop. Read by `advisor.evidence.libraries`
(issue 19: the twelfth held-back set's fastcov and gamdl)."""

from __future__ import annotations

import ast
from collections.abc import Collection, Mapping
from typing import Any

from advisor.evidence.walk import Reader


def probe_call(r: Reader, node: ast.Call, lib: Mapping[str, Any]) -> ast.Call | None:
    """The call that starts the probe, when *node* is one or reads one's output (``p =
    subprocess.Popen([gcov, "-v"], ...)`` then ``p.communicate()``); None otherwise."""
    return _one_probe(r, node, lib) or _one_probe(r, _bound_call(r, node), lib)


def _one_probe(r: Reader, node: ast.Call | None, lib: Mapping[str, Any]) -> ast.Call | None:
    """The call itself when it runs a child only to ask for its version, else None."""
    if node is None:
        return None
    if _probe(node, lib.get("probes", ())):
        return node
    if _probe(node, lib.get("version_probes", ())) and _about_a_version(r):
        return node
    return None


def parsed_in_worker(r: Reader, node: ast.Call) -> bool:
    """A child started (or waited for) in a function handed to ``Process(target=...)`` that
    reads the child's output record by record in a loop (``for line in
    iter(p.stdout.readline, b"")``, then ``json.loads`` and merging in Python: fastcov's
    ``gcovWorker``, one per chunk). The author wrapped each child in a Python process for that
    work on its output; the wait on the child is not what the program is made of."""
    if r.function not in r.process_targets or not r.functions:
        return False
    name = next(
        (
            target.id
            for inner in ast.walk(r.functions[-1])
            if isinstance(inner, ast.Assign)
            and (inner.value.lineno, inner.value.col_offset) == (node.lineno, node.col_offset)
            for target in inner.targets
            if isinstance(target, ast.Name)
        ),
        None,
    )
    func = node.func
    if name is None and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        name = func.value.id  # ``p.wait()``
    if name is None:
        return False
    for loop in ast.walk(r.functions[-1]):
        if isinstance(loop, ast.For):
            for part in ast.walk(loop.iter):
                if (
                    isinstance(part, ast.Attribute)
                    and part.attr == "stdout"
                    and isinstance(part.value, ast.Name)
                    and part.value.id == name
                ):
                    return True
    return False


def _bound_call(r: Reader, node: ast.Call) -> ast.Call | None:
    """``p.communicate()`` -> the call ``p`` is bound to in the same function
    (``p = subprocess.Popen([gcov, "-v"], ...)``), when it is bound once: reading a probe's
    output or waiting for it is part of the probe."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and r.functions):
        return None
    name = func.value.id
    values = [
        inner.value
        for inner in ast.walk(r.functions[-1])
        if isinstance(inner, ast.Assign)
        and any(isinstance(x, ast.Name) and x.id == name for x in inner.targets)
    ]
    if len(values) == 1 and isinstance(values[0], ast.Call):
        return values[0]
    return None


def _probe(node: ast.Call, flags: Collection[str]) -> bool:
    """``subprocess.check_output(["ffmpeg", "-version"])``, ``os.popen("git --version")``:
    the child is only asked for its version, every word written out (a probe of the tool
    before the work, never the work itself)."""
    if not flags or not node.args:
        return False
    first = node.args[0]
    if isinstance(first, (ast.List, ast.Tuple)):
        if len(first.elts) != 2:
            return False
        program, flag = first.elts
        # The tool is written out or named by a variable (`[gcov, "-v"]`, the path the user
        # configured): either way the child gets one flag and nothing to work on.
        named = isinstance(program, (ast.Name, ast.Attribute)) or (
            isinstance(program, ast.Constant) and isinstance(program.value, str)
        )
        return named and isinstance(flag, ast.Constant) and flag.value in flags
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        words = first.value.split()
        return len(words) == 2 and words[1] in flags
    return False


def _about_a_version(r: Reader) -> bool:
    """Whether the function around the call is about a version: named so (fastcov's
    ``getGcovVersion``) or handing the output to a version parser (``parseVersionFromLine``).
    ``-v`` asks gcc, gcov or clang their version but makes other tools verbose, so it is a
    probe only where the code reads a version from it."""
    if not r.functions:
        return False
    function = r.functions[-1]
    if "version" in function.name.lower():
        return True
    for inner in ast.walk(function):
        if isinstance(inner, ast.Call):
            callee = inner.func
            name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
            if "version" in name.lower():
                return True
    return False


def child_process_targets(text: str, node: ast.Module) -> frozenset[str]:
    """The plain functions this file hands to a child process, ``Process(target=f)`` on
    ``multiprocessing`` or a context of it (gamdl runs yt-dlp in one, polled from its
    coroutine with ``asyncio.sleep``): what they block is the child's thread, not the event
    loop, so their blocking libraries do not answer ``--async-libs``."""
    if "Process" not in text:
        return frozenset()
    targets: set[str] = set()
    for item in ast.walk(node):
        if isinstance(item, ast.Call) and _last_name(item.func) == "Process":
            for keyword in item.keywords:
                if keyword.arg == "target" and isinstance(keyword.value, ast.Name):
                    targets.add(keyword.value.id)
    plain = {
        item.name
        for item in ast.walk(node)
        if isinstance(item, ast.FunctionDef) and item.name in targets
    }
    return frozenset(plain)


def _last_name(node: ast.expr) -> str:
    """``multiprocessing.Process`` and ``ctx.Process`` -> ``Process``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""
