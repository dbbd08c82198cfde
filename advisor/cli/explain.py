"""`advisor explain [NAME]`: the comparison of every model, or one page: a model's or topic's
guide, a conversion pattern, or a rule's doc (by code or name, lint or rewrite). Every name the
product prints (`scan` and `convert` output, the README) is accepted here, in any case."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

from advisor.cli import _common as common
from advisor.cli._help import Help
from advisor.errors import ExitCode
from advisor.quoting import quoted

if TYPE_CHECKING:
    from advisor.cli._invocation import Invocation
    from advisor.errors import UsageError

NAME = "explain"
SUMMARY = "Compare the models, or explain one: when to use it, pitfalls, conversions."


def add_arguments(parser: argparse.ArgumentParser, inv: Invocation) -> None:
    from advisor.render.guide import FORMATS

    parser.add_argument("model", nargs="?", metavar="MODEL", help=Help("help_model"))
    common.add_tree(parser)
    common.add_lang(parser)
    common.add_format(parser, FORMATS)
    parser.add_argument("--details", action="store_true", help=Help("help_details"))


def completion_words() -> tuple[str, ...]:
    """The pages a Tab offers after `advisor explain`: models, topics, program kinds and
    conversion patterns (rule codes are accepted too, but a hundred codes drown the pages)."""
    from advisor import guides

    return guides.names()


def run(args: argparse.Namespace, inv: Invocation) -> int:
    from advisor import guides
    from advisor.render import choose_format
    from advisor.render.guide import FORMATS

    fmt = choose_format(args.format, inv.out)
    if args.model is None:
        FORMATS[fmt](guides.comparison(inv.lang), inv.out, inv.lang)
        return ExitCode.OK
    name: str = args.model
    if _RULE_CODE.fullmatch(name.strip()) or not guides.is_guide(name):
        return _explain_rule(name, fmt, inv, details=args.details)
    value = guides.guide(name, common.load_tree(args.tree), inv.lang)
    FORMATS[fmt](value, inv.out, inv.lang)
    return ExitCode.OK


#: ``ADV101``, ``adv2``: a rule code (or a mistyped one), never a model name.
_RULE_CODE = re.compile(r"(?i)ADV\d+")


def _explain_rule(name: str, fmt: str, inv: Invocation, *, details: bool = False) -> int:
    """`advisor explain ADV101`: the rule's four-part doc (what, why, example, instead), and
    with ``--details`` what it does and does not flag, case by case."""
    from advisor.errors import UsageError
    from advisor.render.rule import FORMATS
    from advisor.rules import all_rules, find_rule

    rule = find_rule(name)
    if rule is None and not _RULE_CODE.fullmatch(name.strip()):
        raise _unknown_name(name)
    if rule is None:
        known = ", ".join(all_rules())
        raise UsageError(
            f"unknown rule {quoted(name)}; known rules: {known}",
            key="unknown_rule",
            name=quoted(name),
            known=known,
        )
    FORMATS[fmt](rule, inv.out, inv.lang, details)
    return ExitCode.OK


def _unknown_name(name: str) -> UsageError:
    """The one error for a name `explain` does not know, naming every kind it does know:
    models and topics, conversion patterns, rule codes and rule names."""
    from advisor import guides
    from advisor.errors import UsageError
    from advisor.models import MODELS
    from advisor.rules import KINDS, all_rules

    models = ", ".join((*MODELS, *guides.topic_names()))
    patterns = ", ".join(guides.pattern_ids())
    ranges = []
    for kind in KINDS:
        codes = list(all_rules(kind))
        ranges.append(f"{codes[0]}-{codes[-1]}" if len(codes) > 1 else codes[0])
    codes_text = ", ".join(ranges)
    example = next(iter(all_rules().values())).name
    return UsageError(
        f"unknown model or rule {quoted(name)}; explain takes a model or topic ({models}), "
        f"a conversion pattern ({patterns}), or a rule code ({codes_text}) or rule name "
        f"(such as {example})",
        key="unknown_explain_name",
        name=quoted(name),
        models=models,
        patterns=patterns,
        codes=codes_text,
        example=example,
    )
