"""`advisor tree`: the decision tree in the terminal, or exported as Mermaid or DOT."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

NAME = "tree"
SUMMARY = "Show the decision tree, or export it as Mermaid or Graphviz DOT."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    from advisor.render.tree import FORMATS

    common.add_tree(parser)
    common.add_lang(parser)
    common.add_format(parser, FORMATS)


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor.render import choose_format
    from advisor.render.tree import FORMATS

    tree = common.load_tree(args.tree)
    FORMATS[choose_format(args.format, inv.out)](tree, inv.out, inv.lang)
    return ExitCode.OK
