"""The linter and inference share one name resolver, and the arrow between them runs one way.

Inference (`advisor.evidence`) may use the linter's discovery, notebook reader and resolver; the
linter never imports inference, and nothing defines a second `Scope` or `BUILTINS`: two
definitions of "what a name stands for" drift apart (they had, before the review of 2026-12).
Read from the source with `ast`, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import advisor

PACKAGE = Path(advisor.__file__).parent


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def _imports(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _is_under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_the_linter_never_imports_inference() -> None:
    wrong = {
        module: sorted(n for n in _imports(tree) if _is_under(n, "advisor.evidence"))
        for module, tree in _modules().items()
        if _is_under(module, "advisor.lint")
    }
    assert {m: names for m, names in wrong.items() if names} == {}


def test_inference_never_imports_the_linters_checks() -> None:
    wrong = {
        module: sorted(n for n in _imports(tree) if _is_under(n, "advisor.lint.checks"))
        for module, tree in _modules().items()
        if _is_under(module, "advisor.evidence")
    }
    assert {m: names for m, names in wrong.items() if names} == {}


def test_one_scope_class_and_one_builtins_set() -> None:
    scopes, builtins = [], []
    for module, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == "Scope":
                scopes.append(module)
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign):
                targets = [node.target]
            if any(isinstance(t, ast.Name) and t.id == "BUILTINS" for t in targets):
                builtins.append(module)
    assert scopes == ["advisor.lint.bindings"]
    assert builtins == ["advisor.lint.bindings"]


def test_inference_resolves_names_through_the_linters_lookup() -> None:
    """Shadowing, aliases, builtins and instance types, read by the shared `Resolver.lookup`."""
    from advisor.evidence.scopes import Module, Names, bind_module, function_info, local_names

    code = (
        "import numpy as np\n"
        "from requests import Session\n"
        "def open(): pass\n"
        "session = Session()\n"
        "def work(requests, client: Session):\n"
        "    pool = np.zeros(3)\n"
        "    s = Session()\n"
    )
    tree = ast.parse(code)
    module = Module()
    bind_module(module, tree)
    top = Names(module, frozenset())
    assert top.scope is module.scope
    assert module.resolver.lookup("np", top.scope) is not None

    def name(text: str, names: Names) -> str | None:
        expr = ast.parse(text, mode="eval").body
        return names.qualname(expr)

    assert name("np.linalg.svd", top) == "numpy.linalg.svd"
    assert name("open", top) is None  # the module's own def shadows the builtin
    assert name("len", top) == "len"
    assert name("session.get", top) == "requests.Session.get"
    fn = tree.body[-1]
    assert isinstance(fn, ast.FunctionDef)
    inner = local_names(module, fn, function_info(fn))
    assert name("requests.get", inner) is None  # a parameter, not the library
    assert name("client.get", inner) == "requests.Session.get"
    assert name("s.get", inner) == "requests.Session.get"
    assert name("pool.sum", inner) is None  # np.zeros is no class: its result has no type
    assert name("np.dot", inner) == "numpy.dot"
