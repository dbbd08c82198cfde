"""Rich output for terminals: a panel with the path, reasons and highlighted code.

rich is imported inside the functions, so plain and JSON runs never pay for
it, and only its light parts are used (Text and Panel; no Table, no markup
parsing, no Pygments) to keep the rich run within its startup budget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.i18n import UI
from advisor.models import Decision, Recommendation, Tree
from advisor.render.common import answer_note, spell, unused_notes
from advisor.render.highlight import highlight

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def _heading(title: str) -> Text:
    from rich.text import Text

    return Text(title, style="bold underline")


def _bullet(label: str, detail: str) -> Text:
    from rich.text import Text

    return Text.assemble("• ", (label, "bold"), ": " if label else "", detail)


def renderable(rec: Recommendation, ui: UI, *, emit_command: str = "") -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    parts: list[RenderableType] = [Text(rec.title, style="bold"), "", _heading(ui("path"))]
    for number, step in enumerate(rec.path, 1):
        note = answer_note(step, ui)
        parts.append(Text.assemble((f"{number}. ", "dim"), (step.prompt, "bold")))
        detail = Text.assemble(
            (f"{step.flag} {spell(step.answer, ui)}", "cyan"),
            (f"  {note}" if note else "", "yellow"),
            "\n",
            ("→ " + step.why, "dim"),
        )
        parts.append(Padding(detail, (0, 0, 0, 3)))
    if rec.unused:
        parts += ["", _heading(ui("unused"))]
        parts += [Text("• " + note, style="yellow") for note in unused_notes(rec, ui)]
    parts += ["", _heading(ui("why")), Text(rec.justification)]
    if rec.alternatives:
        parts += ["", _heading(ui("alternatives"))]
        parts += [_bullet(a.model, a.why) for a in rec.alternatives]
    if rec.caveats:
        parts += ["", _heading(ui("caveats"))]
        parts += [_bullet("", c) for c in rec.caveats]
    if rec.pitfalls:
        parts += ["", _heading(ui("pitfalls"))]
        parts += [_bullet(p.title, p.detail) for p in rec.pitfalls]
    main = Panel(
        Group(*parts),
        title=Text(f"{ui('recommendation')}: {rec.model}", style="bold green"),
        title_align="left",
        border_style="green",
    )
    if not rec.template.code:
        return main
    code = Panel(
        highlight(rec.template.code.rstrip("\n")),
        title=Text(f"{ui('template')} ({rec.template.id})"),
        title_align="left",
        border_style="blue",
    )
    parts = [main, Padding(code, (1, 0, 0, 0))]
    if emit_command:  # a line of its own: in a panel border it would be cut at the width
        parts.append(Text(ui("emit_hint", command=emit_command), style="bold"))
    return Group(*parts)


def tree_view(tree: Tree, lang: str, ui: UI) -> RenderableType:
    """The decision tree as a rich Tree: questions, answers on the branches, models at the leaves."""
    from rich.text import Text
    from rich.tree import Tree as RichTree

    from advisor.render.graph import branch_groups, leaf_label, node_label

    def grow(branch_view: RichTree, nid: str, trail: frozenset[str]) -> None:
        node = tree.nodes[nid]
        if not isinstance(node, Decision) or nid in trail:
            return
        for label_text, target_id in branch_groups(node, ui):
            target = tree.nodes[target_id]
            answer = Text(f"[{label_text}] ", style="cyan")
            if isinstance(target, Decision):
                child = branch_view.add(answer + Text(node_label(tree, target, lang), style="bold"))
                grow(child, target.id, trail | {nid})
            else:
                branch_view.add(answer + Text(f"→ {leaf_label(target, lang)}", style="bold green"))

    root = RichTree(Text(node_label(tree, tree.nodes[tree.start], lang), style="bold"))
    grow(root, tree.start, frozenset())
    return root
