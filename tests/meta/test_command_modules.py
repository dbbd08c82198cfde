"""No command module imports another: what two commands share lives in a ``_``-prefixed
module (`cli/_common.py`, `cli/_recommending.py`), so a change to one command cannot
change another behind its back, and running one never imports the other."""

from __future__ import annotations

import ast
from pathlib import Path

from advisor.cli import _app
from tests.helpers import ROOT

CLI = ROOT / "advisor" / "cli"
COMMANDS = frozenset(_app.COMMANDS)


def imported_commands(path: Path) -> set[str]:
    """The command modules *path* imports, at any depth (lazy imports inside functions
    count: they are imports all the same)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "advisor.cli" if node.level == 1 else (node.module or "")
            if node.level == 1 and node.module:
                base = f"advisor.cli.{node.module}"
            modules = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for module in modules:
            parent, _, name = module.rpartition(".")
            if parent == "advisor.cli" and name in COMMANDS:
                found.add(name)
    return found


def test_the_command_table_names_modules_that_exist():
    assert all((CLI / f"{name}.py").is_file() for name in COMMANDS)


def test_no_command_module_imports_another():
    offenders = {
        path.name: sorted(imported_commands(path) - {path.stem})
        for path in sorted(CLI.glob("*.py"))
        if path.stem in COMMANDS and imported_commands(path) - {path.stem}
    }
    assert offenders == {}


def test_no_shared_module_imports_a_command():
    """A shared module that imported a command would make every command that uses it
    import that command too: the same coupling, one step removed."""
    offenders = {
        path.name: sorted(imported_commands(path))
        for path in sorted(CLI.glob("_*.py"))
        if imported_commands(path)
    }
    assert offenders == {}


def test_the_check_sees_every_spelling_of_an_import(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "from advisor.cli import ask\n"
        "import advisor.cli.recommend\n"
        "def later():\n"
        "    from advisor.cli.scan import run\n"
        "    from . import tree\n"
        "    from .profile import run as profile_run\n"
        "    from advisor.cli import _common\n",
        encoding="utf-8",
    )
    assert imported_commands(module) == {"ask", "recommend", "scan", "tree", "profile"}
