"""One rule's documentation (`advisor explain ADV101`, `advisor explain ADV201`), lint or
rewrite, in the four parts of ruff's rule docs: what it does, why it is bad, an example, what
to use instead. Same formats as the model guides, so `explain`'s --format choices do not
depend on the argument. A rule's fifth part, the details (what it does and does not flag, case
by case), is shown on request (``explain --details``) and in docs/rules.md; elsewhere one line
says where to read it, so the page and SARIF's help stay one screen."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.rules import Rule


def _text(rule: Rule, part: str, lang: str) -> str:
    return rule.text(part, lang)


def _labels(lang: str) -> dict[str, str]:
    from advisor.texts import ui

    texts = ui(lang)
    return {
        "what": texts("rule_what"),
        "why": texts("rule_why"),
        "example": texts("rule_example"),
        "instead": texts("rule_instead"),
        "details": texts("rule_details"),
    }


def _details_note(rule: Rule, lang: str) -> str:
    """One line saying where the details are, or "" for a rule without them."""
    from advisor.texts import ui

    texts = ui(lang)
    if not rule.text("details", lang):
        return ""
    return str(texts("rule_details_more", code=rule.code))


def plain_body(rule: Rule, lang: str, details: bool = False, width: int | None = None) -> str:
    """The four parts as plain text (prose indented two spaces, code four): what `explain
    --format plain` prints under the title, and SARIF's help text; then the details when
    asked for, else the line saying where they are. With a *width* (a terminal's), prose is
    wrapped to it by display cells; SARIF's text stays unwrapped, the same on every machine."""
    from advisor.render.wrapping import wrap

    labels = _labels(lang)
    out: list[str] = []
    for part in ("what", "why"):
        text = _text(rule, part, lang)
        out += [labels[part], wrap(text, width, indent="  ") if width else f"  {text}", ""]
    for part in ("example", "instead"):
        out.append(labels[part])
        out += ["    " + line if line else "" for line in _text(rule, part, lang).splitlines()]
        out.append("")
    if details and _text(rule, "details", lang):
        from advisor.render import details as laid_out

        text = _text(rule, "details", lang)
        out += [labels["details"], laid_out.plain(text, width or _columns()), ""]
    elif note := _details_note(rule, lang):
        out += [wrap(note, width) if width else note, ""]
    return "\n".join(out) + "\n"


def markdown_body(rule: Rule, lang: str, level: int = 2, details: bool = False) -> str:
    """The four parts as Markdown sections at heading *level*: `explain --format markdown`,
    SARIF's help markdown and docs/rules.md all show the same text (docs/rules.md with the
    details; the others with the line saying where they are)."""
    labels = _labels(lang)
    hashes = "#" * level
    out: list[str] = []
    for part in ("what", "why"):
        out += [f"{hashes} {labels[part]}", "", _text(rule, part, lang), ""]
    for part in ("example", "instead"):
        out += [f"{hashes} {labels[part]}", "", "```python", _text(rule, part, lang), "```", ""]
    if details and _text(rule, "details", lang):
        from advisor.render import details as laid_out

        text = laid_out.markdown(_text(rule, "details", lang), level + 1)
        out += [f"{hashes} {labels['details']}", "", text, ""]
    elif note := _details_note(rule, lang):
        out += [note, ""]
    return "\n".join(out) + "\n"


def _columns() -> int:
    """The terminal's width: COLUMNS, the terminal's own, or 80 when piped (so `less` shows
    the page as printed)."""
    import shutil

    return shutil.get_terminal_size().columns


def plain(rule: Rule, stream: IO[str], lang: str, details: bool = False) -> None:
    stream.write(f"{rule.code} {rule.name} ({rule.severity})\n\n")
    stream.write(plain_body(rule, lang, details, width=_columns()))


def markdown(rule: Rule, stream: IO[str], lang: str, details: bool = False) -> None:
    stream.write(f"# {rule.code} `{rule.name}`\n\n")
    stream.write(markdown_body(rule, lang, details=details))


def reference(lang: str, level: int = 2) -> str:
    """Every rule of the registry in *lang*, lint then rewrite, as Markdown with its top
    heading at *level*: the body of docs/rules.md (``scripts/gen_rules_doc.py``), so the
    reference and `advisor explain CODE` cannot drift apart."""
    from advisor.rules import KINDS, all_rules
    from advisor.texts import ui

    texts = ui(lang)
    hashes = "#" * level
    out = [f"{hashes} {texts('rules_reference_title')}", "", texts("rules_reference_intro"), ""]
    titles = {"lint": texts("rules_reference_lint"), "rewrite": texts("rules_reference_rewrite")}
    for kind in KINDS:
        out += [f"{hashes}# {titles[kind]}", ""]
        for rule in all_rules(kind).values():
            out += [f"{hashes}## {rule.code} `{rule.name}`", ""]
            facts = [(texts("rule_kind"), rule.kind), (texts("rule_severity"), rule.severity)]
            if rule.pattern:
                facts.append((texts("rule_pattern"), f"`advisor explain {rule.pattern}`"))
            out += [f"- {label}{texts('label_colon')}{value}" for label, value in facts]
            out += [f"- {texts('rule_message')}{texts('label_colon')}{rule.summary(lang)}", ""]
            out += [markdown_body(rule, lang, level + 3, details=True).rstrip("\n"), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def as_json(rule: Rule, stream: IO[str], lang: str, details: bool = False) -> None:
    # Data for programs: the details always travel with the four parts.
    payload = rule.to_dict(lang)
    json.dump(payload, stream, ensure_ascii=False, indent=2, sort_keys=True)
    stream.write("\n")


def rich(rule: Rule, stream: IO[str], lang: str, details: bool = False) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.syntax import Syntax

    from advisor import render
    from advisor.render.rich_text import Text

    labels = _labels(lang)
    console = render.console(stream)
    parts: list[object] = []
    for part in ("what", "why"):
        parts += [Text(labels[part], style="bold"), Text(_text(rule, part, lang)), Text("")]
    for part in ("example", "instead"):
        parts += [
            Text(labels[part], style="bold"),
            Syntax(
                _text(rule, part, lang), "python", theme="ansi_dark", background_color="default"
            ),
            Text(""),
        ]
    if details and _text(rule, "details", lang):
        from advisor.render import details as laid_out

        parts.append(Text(labels["details"], style="bold"))
        for block in laid_out.blocks(_text(rule, "details", lang)):
            if block.heading:
                parts += [Text(""), Text(block.text, style="bold underline")]
                continue
            parts.append(Text(block.text))
            parts += [Text(f"  • {item}") for item in block.items]
            parts.append(Text(""))
    elif note := _details_note(rule, lang):
        parts.append(Text(note, style="dim"))
    title = f"{rule.code} {rule.name}"
    console.print(Panel(Group(*parts), title=title, title_align="left"))  # type: ignore[arg-type]


FORMATS: dict[str, Callable[[Rule, IO[str], str, bool], None]] = {
    "rich": rich,
    "plain": plain,
    "markdown": markdown,
    "json": as_json,
}
