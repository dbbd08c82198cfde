"""Startup cost: the non-interactive paths must not import rich or questionary."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import ROOT, clean_env

HEAVY = ("rich", "questionary", "prompt_toolkit", "pygments")

PROBE = """
import json, sys
{body}
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})))
"""


def loaded_after(body: str) -> list[str]:
    code = PROBE.format(body=body, heavy=HEAVY)
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=True,
        timeout=60,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_import_advisor_is_light():
    assert loaded_after("import advisor") == []


def test_recommend_json_is_light():
    body = (
        "import io, advisor.cli\n"
        "buf = io.StringIO()\n"
        "assert advisor.cli.main(['recommend', '--cpu-bound', 'no', '--concurrency', '500', '--format', 'json'], stdout=buf) == 0\n"
    )
    assert loaded_after(body) == []


def test_recommend_plain_is_light():
    body = "import io, advisor.cli\nadvisor.cli.main(['recommend', '--cpu-bound', 'yes', '--format', 'plain'], stdout=io.StringIO())\n"
    assert loaded_after(body) == []


def test_rich_output_does_load_rich():
    """Guards the probe itself: it does see rich when rich is used."""
    body = "import io, advisor.cli\nadvisor.cli.main(['recommend', '--cpu-bound', 'yes', '--format', 'rich'], stdout=io.StringIO())\n"
    assert "rich" in loaded_after(body)


def test_every_command_module_follows_the_protocol():
    """Each name in COMMANDS is a module with NAME, SUMMARY, add_arguments and run, and
    importing it is light (the command table imports them all for `advisor --help`)."""
    import importlib

    from advisor.cli._app import COMMANDS

    for name in COMMANDS:
        module = importlib.import_module(f"advisor.cli.{name}")
        assert name == module.NAME
        assert module.SUMMARY.strip()
        assert callable(module.add_arguments)
        assert callable(module.run)
    body = "import " + ", ".join(f"advisor.cli.{name}" for name in COMMANDS)
    assert loaded_after(body) == []


def test_no_module_imports_pickle():

    for path in (ROOT / "advisor").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import pickle" not in text, path
        assert "from pickle" not in text, path
