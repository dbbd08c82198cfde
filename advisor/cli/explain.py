"""`advisor explain [MODEL]`: the comparison of every model, or one model's guide."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation

NAME = "explain"
SUMMARY = "Compare the models, or explain one: when to use it, pitfalls, conversions."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    from advisor.render.guide import FORMATS

    parser.add_argument("model", nargs="?", metavar="MODEL", help=Help("help_model"))
    common.add_tree(parser)
    common.add_lang(parser)
    common.add_format(parser, FORMATS)


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor import guides
    from advisor.render import choose_format
    from advisor.render.guide import FORMATS

    fmt = choose_format(args.format, inv.out)
    if args.model is not None and _looks_like_rule(args.model):
        return _explain_rule(args.model, fmt, inv)
    value = (
        guides.comparison(inv.lang)
        if args.model is None
        else guides.guide(args.model, common.load_tree(args.tree), inv.lang)
    )
    FORMATS[fmt](value, inv.out, inv.lang)
    return ExitCode.OK


def _looks_like_rule(name: str) -> bool:
    """ADV101 (any case) or a rule's short name such as missing-await."""
    from advisor.rules import find_rule

    return name.upper().startswith("ADV") or find_rule(name) is not None


def _explain_rule(name: str, fmt: str, inv: Invocation) -> int:
    """`advisor explain ADV101`: the rule's four-part doc (what, why, example, instead)."""
    from advisor.errors import UsageError
    from advisor.render.rule import FORMATS
    from advisor.rules import all_rules, find_rule

    rule = find_rule(name)
    if rule is None:
        known = ", ".join(all_rules())
        raise UsageError(
            f"unknown rule {name!r}; known rules: {known}",
            key="unknown_rule",
            name=repr(name),
            known=known,
        )
    FORMATS[fmt](rule, inv.out, inv.lang)
    return ExitCode.OK
