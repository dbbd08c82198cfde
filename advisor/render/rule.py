"""One lint rule's documentation (`advisor explain ADV101`), in the four parts of ruff's rule
docs: what it does, why it is bad, an example, what to use instead. Same formats as the model
guides, so `explain`'s --format choices do not depend on the argument."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.lint.rules import Rule


def _text(rule: Rule, part: str, lang: str) -> str:
    value = rule.doc[part]
    if isinstance(value, dict):
        return str(value.get(lang) or value["en"]).strip()
    return str(value).rstrip()


def _labels(lang: str) -> dict[str, str]:
    from advisor.texts import ui

    texts = ui(lang)
    return {
        "what": texts("rule_what"),
        "why": texts("rule_why"),
        "example": texts("rule_example"),
        "instead": texts("rule_instead"),
    }


def plain(rule: Rule, stream: IO[str], lang: str) -> None:
    labels = _labels(lang)
    stream.write(f"{rule.code} {rule.name} ({rule.severity})\n\n")
    for part in ("what", "why"):
        stream.write(f"{labels[part]}\n  {_text(rule, part, lang)}\n\n")
    for part in ("example", "instead"):
        code = "\n".join(
            "    " + line if line else "" for line in _text(rule, part, lang).splitlines()
        )
        stream.write(f"{labels[part]}\n{code}\n\n")


def markdown(rule: Rule, stream: IO[str], lang: str) -> None:
    labels = _labels(lang)
    stream.write(f"# {rule.code} `{rule.name}`\n\n")
    for part in ("what", "why"):
        stream.write(f"## {labels[part]}\n\n{_text(rule, part, lang)}\n\n")
    for part in ("example", "instead"):
        stream.write(f"## {labels[part]}\n\n```python\n{_text(rule, part, lang)}\n```\n\n")


def as_json(rule: Rule, stream: IO[str], lang: str) -> None:
    payload = {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity,
        "lang": lang,
        "message": rule.message.get(lang) or rule.message["en"],
        **{part: _text(rule, part, lang) for part in ("what", "why", "example", "instead")},
    }
    json.dump(payload, stream, ensure_ascii=False, indent=2, sort_keys=True)
    stream.write("\n")


def rich(rule: Rule, stream: IO[str], lang: str) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.text import Text

    from advisor import render

    labels = _labels(lang)
    factory = getattr(render, "console", None)
    if callable(factory):
        console = factory(stream)
    else:
        from rich.console import Console

        console = Console(file=stream, highlight=False, emoji=False)
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
    title = f"{rule.code} {rule.name}"
    console.print(Panel(Group(*parts), title=title, title_align="left"))  # type: ignore[arg-type]


FORMATS: dict[str, Callable[[Rule, IO[str], str], None]] = {
    "rich": rich,
    "plain": plain,
    "markdown": markdown,
    "json": as_json,
}
