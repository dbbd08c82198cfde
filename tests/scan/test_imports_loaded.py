"""ADV101 on ``importlib.import_module`` that cannot touch the disk (issue 17, precision): the
rule's doc says which imports are lookups in ``sys.modules``; the fixture
``tests/fixtures/scan/ADV101_imports`` holds the project-shaped cases, these the names a
module spells relative to itself, and what a user sees on the command line."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.lint.analyse import check_text
from tests.helpers import FIXTURES

HEAD = "from importlib import import_module\n\nimport pkg.sub.codecs\n\n\nasync def f():\n"


@pytest.mark.parametrize(
    ("path", "call", "reported"),
    [
        # the module's own package and its parents were imported before the module itself
        ("pkg/sub/mod.py", 'import_module("pkg.sub")', False),
        ("pkg/sub/mod.py", "import_module(__package__)", False),
        ("pkg/sub/mod.py", "import_module(__name__)", False),
        ("pkg/sub/mod.py", 'import_module(".codecs", __package__)', False),
        ("pkg/sub/mod.py", 'import_module("..sub.codecs", package=__package__)', False),
        ("pkg/sub/mod.py", 'import_module(f"{__package__}.codecs")', False),
        ("pkg/sub/mod.py", 'import_module(__package__ + ".codecs")', False),
        # relative to `__name__` of a plain module: a submodule of pkg.sub.mod, never imported
        ("pkg/sub/mod.py", 'import_module(".codecs", __name__)', True),
        # a sibling nobody imports, a relative name without its anchor, a computed name
        ("pkg/sub/mod.py", 'import_module("pkg.sub.other")', True),
        ("pkg/sub/mod.py", 'import_module(".codecs")', True),
        ("pkg/sub/mod.py", 'import_module(f"pkg.sub.{name}")', True),
        ("pkg/sub/mod.py", 'import_module(f"{__package__}.codecs", "x")', False),
    ],
)
def test_names_spelt_relative_to_the_module(
    tmp_path: Path, path: str, call: str, reported: bool
) -> None:
    text = f"{HEAD}    name = input()\n    return {call}\n"
    found = [f for f in check_text(_in_package(tmp_path, path), text, ("ADV101",)) if f.line == 8]
    assert bool(found) is reported, found


def test_a_branch_or_a_later_import_does_not_count(tmp_path: Path) -> None:
    text = (
        "from importlib import import_module\n\n\nasync def f(flag):\n"
        "    if flag:\n        import pkg.extra\n"
        '    mod = import_module("pkg.extra")\n'
        "    import pkg.later\n"
        '    return mod, import_module("pkg.later")\n'
    )
    lines = [f.line for f in check_text(_in_package(tmp_path, "pkg/mod.py"), text, ("ADV101",))]
    assert lines == [7]


def _in_package(root: Path, path: str) -> str:
    """*path* under *root*, every folder on the way a package (the module's name comes from
    the ``__init__.py`` files around it, as in a scan)."""
    target = root / path
    folder = target.parent
    while folder != root:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").touch()
        folder = folder.parent
    return str(target)


def test_the_command_line_reports_first_imports_and_keeps_lookups_quiet() -> None:
    """The installed CLI on the fixture project: only the imports that read files are shown,
    the one-call-away chain named as the user reads it."""
    case = FIXTURES / "scan" / "ADV101_imports"
    done = subprocess.run(
        [sys.executable, "-m", "advisor", "scan", str(case), "--isolated", "--no-cache",
         "--format", "json", "--exit-zero"],
        capture_output=True, text=True, check=True, cwd=case,
    )  # fmt: skip
    report = json.loads(done.stdout)
    shown = {
        (Path(f["path"]).resolve().relative_to(case.resolve()).as_posix(), f["line"], f["message"])
        for f in report["findings"]
    }
    assert {(p, line) for p, line, _ in shown} == {
        ("hub/handlers.py", 40),
        ("hub/handlers.py", 46),
        ("hub/handlers.py", 54),
        ("hub/handlers.py", 60),
        ("hub/registry.py", 31),
        ("hub/sessions.py", 33),
        ("hub/sessions.py", 54),
    }
    messages = {line: message for p, line, message in shown if p == "hub/sessions.py"}
    assert "import_cached -> _get_module -> importlib.import_module()" in messages[54]
    assert report["unchecked"] == 0


@pytest.mark.parametrize(
    ("call", "module"),
    [
        ('import_module("..codecs", "pkg.sub")', "pkg.codecs"),
        ('import_module("...codecs", "pkg.sub")', None),
        ('__import__("pkg.sub.codecs", fromlist=["decode"])', "pkg.sub.codecs"),
        ('__import__("codecs", globals(), None, (), 1)', None),
        ('__import__(".codecs", globals())', None),
    ],
)
def test_the_module_a_call_names(call: str, module: str | None) -> None:
    """`__import__` has its own signature: the second argument is a namespace, not the anchor
    package, and a level makes the name relative (never guessed)."""
    from advisor.lint.checks.base import FileContext
    from advisor.lint.checks.loaded import _module_of

    tree = ast.parse(f"from importlib import import_module\n{call}\n")
    node = tree.body[-1]
    assert isinstance(node, ast.Expr)
    assert isinstance(node.value, ast.Call)
    ctx = FileContext("pkg/sub/mod.py", "pkg.sub.mod", False, tree)
    assert _module_of(ctx, node.value) == module
