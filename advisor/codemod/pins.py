"""Functions that must stay synchronous for reasons the call graph alone cannot see.

* *decorated*: a decorator not in ``safe_decorators`` (``data/sync_calls.yaml``) wraps the
  plain function; over a coroutine ``@lru_cache`` caches a coroutine that can be awaited only
  once, and a synchronous ``@retry`` returns it without catching anything (review defect #8).
* *console scripts*: ``[project.scripts]`` calls ``main()`` without awaiting (defect #10).
* *unseen callees*: a call into a module that was not given, a method whose name belongs to
  a blocking method of a class in the given files, or a nested function or lambda that blocks
  (defects #13, #55). Such a function would run its blocking work on the event loop, one task
  after another; it stays synchronous and runs in a thread of its own instead.

The first two are hard pins (a required function pinned so makes its file refused); unseen
callees only keep an optional function (a thread or pool target) synchronous.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping

import libcst as cst

from advisor.codemod.analysis import (
    FileInfo,
    FuncInfo,
    FuncKey,
    Project,
    dotted_name,
    module_names,
    qualified,
    walk,
)
from advisor.codemod.rules import phrase, sync_table
from advisor.models import Text


def hard(project: Project) -> Iterator[tuple[FuncKey, Text]]:
    """(function, why) for every decorated function and console-script entry point."""
    safe = sync_table().safe_decorators
    for info in project.files.values():
        for func in info.functions.values():
            for decorator in func.node.decorators:
                expr = decorator.decorator
                if isinstance(expr, cst.Call):
                    expr = expr.func
                name = qualified(info, expr) or cst.Module([]).code_for_node(expr)
                if name not in safe:
                    yield func.key, phrase("decorated", decorator=name)
                    break
        for script, pyproject, func_name in _scripts(info.path):
            if func_name in info.functions:
                key = info.functions[func_name].key
                yield key, phrase("console-script", script=script, pyproject=pyproject)


def _scripts(path: str) -> list[tuple[str, str, str]]:
    """(script, pyproject, function) for the entry points of the nearest pyproject.toml that
    name *path*'s module (``tool = "pkg.cli:main"``)."""
    from advisor.project import nearest_pyproject, toml_loads

    pyproject = nearest_pyproject(path)
    if pyproject is None:
        return []
    try:
        with open(pyproject, encoding="utf-8") as handle:
            document = toml_loads(handle.read())
    except (OSError, ValueError, UnicodeDecodeError):
        return []
    project = document.get("project")
    if not isinstance(project, dict):
        return []
    names = set(module_names(path))
    found = []
    for table in ("scripts", "gui-scripts"):
        entries = project.get(table)
        if not isinstance(entries, dict):
            continue
        for script, spec in entries.items():
            if not isinstance(spec, str) or ":" not in spec:
                continue
            module, _, attr = spec.partition(":")
            if module.strip() in names:
                found.append((str(script), os.path.basename(pyproject), attr.strip().split(".")[0]))
    return found


def unseen(project: Project) -> Iterator[tuple[FuncKey, Text]]:
    """(function, why) for every function calling blocking code convert cannot see."""
    blocking = sync_table().blocking
    methods = _blocking_methods(project)
    given = set(project.modules)
    for info in project.files.values():
        for func in info.functions.values():
            why = _unseen_call(info, func, blocking, methods, given)
            if why is not None:
                yield func.key, why


def _unseen_call(
    info: FileInfo,
    func: FuncInfo,
    blocking: Mapping[str, str],
    methods: set[str],
    given: set[str],
) -> Text | None:
    for site in func.calls:
        qname = site.qname or ""
        shown = cst.Module([]).code_for_node(site.node.func)
        if site.sync_ctx:
            if qname in blocking:
                return _text(shown, site.line, "unseen-nested")
            continue
        if site.callee is not None or qname in blocking:
            continue
        func_expr = site.node.func
        root = (dotted_name(func_expr) or "").split(".")[0]
        if root in info.imports and _third_party(info.imports[root], given):
            return _text(shown, site.line, "unseen-not-given")
        if isinstance(func_expr, cst.Attribute) and func_expr.attr.value in methods:
            return _text(shown, site.line, "unseen-method")
    return None


def _text(callee: str, line: int, why: str) -> Text:
    return phrase("unseen-callee", callee=callee, line=str(line), why=phrase(why))


def _third_party(module: str, given: set[str]) -> bool:
    """An import from neither the standard library (whose blocking calls the table knows) nor
    the given files (whose functions the call graph follows)."""
    if module.startswith("."):
        return module.lstrip(".").rpartition(".")[0] not in given
    top = module.split(".", maxsplit=1)[0]
    if top in sys.stdlib_module_names or top == "__future__":
        return False
    parts = module.split(".")
    return not any(".".join(parts[:i]) in given for i in range(1, len(parts) + 1))


def _blocking_methods(project: Project) -> set[str]:
    """Names of the given files' methods that call a blocking function directly."""
    blocking = sync_table().blocking
    found: set[str] = set()
    for info in project.files.values():
        for cls in info.classes:
            for node in walk(cls.body, (cst.FunctionDef,)):
                assert isinstance(node, cst.FunctionDef)
                for call in walk(node.body, (cst.Call,)):
                    assert isinstance(call, cst.Call)
                    if qualified(info, call.func) in blocking:
                        found.add(node.name.value)
                        break
    return found
