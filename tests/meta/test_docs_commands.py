"""docs/commands/: one page per command, and the flags its hand-written tables describe are
flags the command accepts (the generated option table lists the rest, from the parser)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT

PAGES = ROOT / "docs" / "commands"
GENERATED = re.compile(r"<!-- generated: .*?<!-- end generated -->", re.DOTALL)
ROW_FLAG = re.compile(r"^\| `(--[a-z][\w-]*)", re.MULTILINE)


def _options(cli, command: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--[a-z][\w-]*", cli(command, "--help").out))


def test_one_page_per_command():
    from advisor.cli._app import COMMANDS

    assert {p.stem for p in PAGES.glob("*.md")} == set(COMMANDS)


@pytest.mark.parametrize("readme", ["README.md", "README.zh-TW.md"])
def test_both_front_pages_link_every_command_page(readme):
    """The front pages' list of commands left out help and completion, so a reader of the
    README never learnt that shell completion exists."""
    text = (ROOT / readme).read_text(encoding="utf-8")
    missing = [p.name for p in PAGES.glob("*.md") if f"(docs/commands/{p.name})" not in text]
    assert missing == []


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.md")), ids=lambda p: p.stem)
def test_documented_flags_exist(cli, page):
    command = page.stem
    accepted = _options(cli, command)
    if command == "scan":  # `scan --recommend` takes recommend's options as well
        accepted |= _options(cli, "recommend")
    text = GENERATED.sub("", page.read_text(encoding="utf-8"))
    unknown = sorted(set(ROW_FLAG.findall(text)) - accepted)
    assert not unknown, (
        f"docs/commands/{page.name} documents flags `advisor {command}` lacks: {unknown}"
    )
