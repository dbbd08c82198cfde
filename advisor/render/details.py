"""A rule's details (`advisor explain CODE --details`, docs/rules.md) laid out to be read:
headings, one paragraph per case, long lists as bullets, wrapped to the terminal.

The details are case law: what the rule flags, what it leaves alone and why, each decision
with the real code behind it. Printed as one paragraph, ADV101's ran to a line of 66,711
characters (70,761 in zh-TW) with no heading, unreadable in `less` (newcomer review 25, #17).
The text in the rule tables holds the structure: ``### Title`` paragraphs head a family of
cases, blank lines end a paragraph. Here a paragraph's sentences are split one per block (a
sentence ends at ". " or "。" outside backticks and brackets), and a sentence listing cases
with ";" (outside backticks and brackets) after a colon becomes a bullet list.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

#: A list needs this many items to be shown as bullets; fewer read well as a sentence.
MIN_ITEMS = 3
#: ...and this many characters: a short sentence with semicolons stays one line or two.
MIN_LIST_CHARS = 400
#: A lead longer than this is the sentence's matter, not an introduction: no bullets after it.
MAX_LEAD_CHARS = 300

_OPEN, _CLOSE = "([{（［｛", ")]}）］｝"


class Block(NamedTuple):
    """A heading (*items* empty, *heading* true), or a paragraph: its lead text and, when it
    lists cases, the items."""

    text: str
    items: tuple[str, ...] = ()
    heading: bool = False


def _top_level(text: str, marks: tuple[str, ...]) -> list[int]:
    """The indexes just past each of *marks* found outside backticks and brackets."""
    found: list[int] = []
    depth, code = 0, False
    i = 0
    while i < len(text):
        char = text[i]
        if char == "`":
            code = not code
        elif not code and char in _OPEN:
            depth += 1
        elif not code and char in _CLOSE:
            depth = max(0, depth - 1)
        elif not code and depth == 0:
            for mark in marks:
                if text.startswith(mark, i):
                    found.append(i + len(mark))
                    i += len(mark) - 1
                    break
        i += 1
    return found


def _sentences(text: str) -> list[str]:
    cuts = [0, *_top_level(text, (". ", "。")), len(text)]
    parts = [text[a:b].strip() for a, b in pairwise(cuts)]
    return [p for p in parts if p]


def _listed(sentence: str) -> Block:
    """*sentence* as a lead and items when it lists cases after a colon, else as itself."""
    if len(sentence) < MIN_LIST_CHARS:
        return Block(sentence)
    colons = _top_level(sentence, (": ", "："))
    if not colons:
        return Block(sentence)
    lead, rest = sentence[: colons[0]].strip(), sentence[colons[0] :]
    if len(lead) > MAX_LEAD_CHARS:
        return Block(sentence)
    cuts = [0, *_top_level(rest, ("; ", "；")), len(rest)]
    items = [rest[a:b].strip().rstrip(";；").strip() for a, b in pairwise(cuts)]
    items = [i for i in items if i]
    if len(items) < MIN_ITEMS:
        return Block(sentence)
    return Block(lead, tuple(items))


def blocks(details: str) -> list[Block]:
    """The details as headings and paragraphs, in order."""
    out: list[Block] = []
    for text in details.split("\n\n"):
        paragraph = " ".join(text.split("\n")).strip()
        if not paragraph:
            continue
        if paragraph.startswith("### "):
            out.append(Block(paragraph[4:].strip(), heading=True))
            continue
        out.extend(_listed(s) for s in _sentences(paragraph))
    return out


def plain(details: str, width: int, indent: str = "  ") -> str:
    """The details as plain text *width* terminal cells wide: headings at *indent*, their
    paragraphs two cells further in, a blank line between blocks."""
    from advisor.render.wrapping import wrap

    body = indent + "  "
    lines: list[str] = []
    for block in blocks(details):
        if block.heading:
            if lines:
                lines.append("")
            lines.append(wrap(block.text, width, indent=indent))
            lines.append(indent + "─" * min(40, max(8, width - len(indent) - 1)))
            continue
        lines.append(wrap(block.text, width, indent=body))
        for item in block.items:
            first = wrap(item, width, indent=body + "  ")
            lines.append(body + "- " + first[len(body) + 2 :])
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def markdown(details: str, level: int) -> str:
    """The details as Markdown, headings at *level*: paragraphs and bullet lists."""
    out: list[str] = []
    for block in blocks(details):
        if block.heading:
            out += [f"{'#' * level} {block.text}", ""]
            continue
        out.append(block.text)
        if block.items:
            out.append("")
            out += [f"- {item}" for item in block.items]
        out.append("")
    return "\n".join(out).rstrip("\n")
