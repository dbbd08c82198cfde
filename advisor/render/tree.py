"""The decision tree as a picture: rich and plain outlines, Mermaid (renders on GitHub) and
Graphviz DOT. ``FORMATS[name](tree, stream, lang)``.

Labels come from the tree in the chosen language; edges are labelled with the
answer that takes them (yes/no, "> 100", otherwise). The outlines draw every
question once: a branch that reconverges on a question already drawn refers back
to it instead of drawing its sub-tree again (which grows exponentially with the
number of reconverging levels), and nothing recurses, so a 1,000-deep tree draws.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, NamedTuple

from advisor.models import Branch, Decision, Leaf, Node, Tree
from advisor.render import console
from advisor.render.wrapping import wrap
from advisor.texts import UI, ui

if TYPE_CHECKING:
    from rich.tree import Tree as RichTree


def edge_label(branch: Branch, ui: UI) -> str:
    condition = branch.condition
    if condition.op == "otherwise":
        return ui("otherwise")
    if condition.op == "equals" and isinstance(condition.value, bool):
        return ui("answer_yes") if condition.value else ui("answer_no")
    return condition.describe()


def branch_groups(node: Decision, ui: UI) -> list[tuple[str, str]]:
    """(label, target) per target, in branch order: answers that lead to the same node share
    one edge ("script / service / gui / notebook"), so a question that only changes the
    advice does not draw its whole subtree once per answer."""
    labels: dict[str, list[str]] = {}
    for branch in node.branches:
        labels.setdefault(branch.target, []).append(edge_label(branch, ui))
    return [(" / ".join(texts), target) for target, texts in labels.items()]


#: Picture labels wrap at this many terminal cells, so nodes stay narrow.
LABEL_WIDTH = 36


def _picture_lines(tree: Tree, node: Node, lang: str) -> list[str]:
    """A node's label for Mermaid and DOT, wrapped; leaves show their model on a line above."""
    text = node_label(tree, node, lang) if isinstance(node, Decision) else leaf_detail(node, lang)
    return wrap(text, LABEL_WIDTH).split("\n")


def node_label(tree: Tree, node: Node, lang: str) -> str:
    if isinstance(node, Decision):
        return tree.questions[node.question].prompt.get(lang)
    return node.title.get(lang)


def leaf_label(leaf: Leaf, lang: str) -> str:
    """The leaf's title, led by its model unless the title already names it."""
    title = leaf.title.get(lang)
    squeeze = title.lower().replace(" ", "")
    return title if squeeze.startswith(leaf.model.replace(" ", "")) else f"{leaf.model}: {title}"


def leaf_detail(leaf: Leaf, lang: str) -> str:
    """The title without its leading "model:" when a picture already shows the model above it."""
    title = leaf.title.get(lang)
    head, sep, rest = title.partition(":")
    same = head.lower().replace(" ", "") == leaf.model.replace(" ", "")
    return rest.strip() if sep and same else title


def walk(tree: Tree) -> Iterator[Node]:
    """Every node reachable from the start, each once, in depth-first order."""
    seen: set[str] = set()
    stack = [tree.start]
    while stack:
        nid = stack.pop()
        if nid in seen:
            continue
        seen.add(nid)
        node = tree.nodes[nid]
        yield node
        if isinstance(node, Decision):
            stack.extend(b.target for b in reversed(node.branches))


def _mermaid_id(nid: str) -> str:
    return f"n_{nid}"  # "end" and friends are Mermaid keywords; a prefix avoids them all


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def mermaid(tree: Tree, lang: str, ui: UI) -> str:
    lines = ["flowchart TD"]
    edges = []
    for node in walk(tree):
        mid = _mermaid_id(node.id)
        label = "<br/>".join(_mermaid_text(line) for line in _picture_lines(tree, node, lang))
        if isinstance(node, Decision):
            lines.append(f'    {mid}["{label}"]')
            for label_text, target in branch_groups(node, ui):
                text = _mermaid_text(label_text)
                edges.append(f'    {mid} -->|"{text}"| {_mermaid_id(target)}')
        else:
            model = _mermaid_text(node.model)
            lines.append(f'    {mid}(["<b>{model}</b><br/>{label}"])')
            lines.append(f"    class {mid} model_{node.model.replace('+', '_')}")
    lines += edges
    lines += [
        "    classDef model_threading fill:#fde2c8,stroke:#c26d1a,color:#000",
        "    classDef model_asyncio fill:#d4edda,stroke:#2f7a3d,color:#000",
        "    classDef model_asyncio_executor fill:#d1ecf1,stroke:#1f6f80,color:#000",
        "    classDef model_multiprocessing fill:#e2d9f3,stroke:#5a3d9a,color:#000",
        "    classDef model_distributed fill:#f8d7da,stroke:#9a2a35,color:#000",
    ]
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


DOT_COLOURS = {
    "threading": "#fde2c8",
    "asyncio": "#d4edda",
    "asyncio+executor": "#d1ecf1",
    "multiprocessing": "#e2d9f3",
    "distributed": "#f8d7da",
}


def dot(tree: Tree, lang: str, ui: UI) -> str:
    lines = [
        "digraph advisor {",
        "    rankdir=TB;",
        '    node [fontname="Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    edges = []
    for node in walk(tree):
        label = "\\n".join(_dot_text(line) for line in _picture_lines(tree, node, lang))
        if isinstance(node, Decision):
            lines.append(f'    "{node.id}" [shape=box, label="{label}"];')
            for label_text, target in branch_groups(node, ui):
                text = _dot_text(label_text)
                edges.append(f'    "{node.id}" -> "{target}" [label="{text}"];')
        else:
            colour = DOT_COLOURS.get(node.model, "#eeeeee")
            lines.append(
                f'    "{node.id}" [shape=box, style="rounded,filled", fillcolor="{colour}", '
                f'label="{_dot_text(node.model)}\\n{label}"];'
            )
    return "\n".join([*lines, *edges, "}"]) + "\n"


#: Deeper levels of an outline are drawn at this indentation, marked with their depth,
#: so a very deep tree stays within the screen and its output linear in its size.
MAX_INDENT = 16


class Row(NamedTuple):
    """One line of an outline."""

    depth: int
    edge: str  # the answer leading here; "" for the first question
    text: str  # a question, a leaf, or (when *ref*) the question drawn above
    leaf: bool
    anchor: str  # a question's id, shown where it is drawn, when other branches refer to it
    ref: str  # the id of a question drawn above that this branch leads to


def _shared(tree: Tree) -> set[str]:
    """Questions more than one node leads to: they get an anchor to refer back to."""
    parents: dict[str, int] = {}
    for node in walk(tree):
        if isinstance(node, Decision):
            for target in {branch.target for branch in node.branches}:
                parents[target] = parents.get(target, 0) + 1
    return {nid for nid, count in parents.items() if count > 1}


def outline(tree: Tree, lang: str, texts: UI) -> list[Row]:
    """Depth-first rows, each question drawn once; one row per edge, so linear in size."""
    shared = _shared(tree)
    drawn: set[str] = set()
    rows: list[Row] = []
    stack: list[tuple[str, int, str]] = [(tree.start, 0, "")]
    while stack:
        nid, depth, edge = stack.pop()
        node = tree.nodes[nid]
        if isinstance(node, Leaf):
            rows.append(Row(depth, edge, leaf_label(node, lang), True, "", ""))
            continue
        label = node_label(tree, node, lang)
        if nid in drawn:
            rows.append(Row(depth, edge, label, False, "", nid))
            continue
        drawn.add(nid)
        rows.append(Row(depth, edge, label, False, nid if nid in shared else "", ""))
        groups = branch_groups(node, texts)
        stack.extend((target, depth + 1, label) for label, target in reversed(groups))
    return rows


def _row_text(row: Row, texts: UI) -> str:
    if row.ref:
        return texts("tree_see_above", node=row.ref)
    if row.leaf:
        return f"→ {row.text}"
    return f"{row.text}  [{row.anchor}]" if row.anchor else row.text


def _depth_mark(depth: int) -> str:
    return f"({depth}) " if depth > MAX_INDENT else ""


def plain(tree: Tree, stream: IO[str], lang: str) -> None:
    """An indented outline, for pipes and for reading without a renderer."""
    texts = ui(lang)
    for row in outline(tree, lang, texts):
        head = "    " * min(row.depth, MAX_INDENT) + _depth_mark(row.depth)
        edge = f"[{row.edge}] " if row.edge else ""
        stream.write(f"{head}{edge}{_row_text(row, texts)}\n")


def rich_view(tree: Tree, lang: str, texts: UI) -> RichTree:
    """The outline as a rich Tree: questions in bold, answers on the branches, models green."""
    from rich.tree import Tree as RichTree

    from advisor.render.rich_text import Text

    rows = outline(tree, lang, texts)
    root = RichTree(Text(_row_text(rows[0], texts), style="bold"))
    views = [root]  # views[d]: the latest question drawn at depth d
    for row in rows[1:]:
        depth = min(row.depth, MAX_INDENT)
        style = "bold green" if row.leaf else ("dim" if row.ref else "bold")
        label = Text.assemble(
            (_depth_mark(row.depth), "dim"),
            (f"[{row.edge}] ", "cyan"),
            (_row_text(row, texts), style),
        )
        view = views[depth - 1].add(label)
        del views[depth:]
        views.append(view)
    return root


def rich(tree: Tree, stream: IO[str], lang: str) -> None:
    console(stream).print(rich_view(tree, lang, ui(lang)))


def mermaid_format(tree: Tree, stream: IO[str], lang: str) -> None:
    stream.write(mermaid(tree, lang, ui(lang)))


def dot_format(tree: Tree, stream: IO[str], lang: str) -> None:
    stream.write(dot(tree, lang, ui(lang)))


FORMATS: dict[str, Callable[[Tree, IO[str], str], None]] = {
    "rich": rich,
    "plain": plain,
    "mermaid": mermaid_format,
    "dot": dot_format,
}
