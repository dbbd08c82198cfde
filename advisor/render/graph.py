"""The decision tree as a picture: Mermaid (renders on GitHub), Graphviz DOT, plain text.

Labels come from the tree in the chosen language; edges are labelled with the
answer that takes them (yes/no, "> 100", otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.i18n import UI
from advisor.models import Branch, Decision, Leaf, Node, Tree
from advisor.render.wrapping import wrap


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


def plain(tree: Tree, lang: str, ui: UI) -> str:
    """An indented outline, for pipes and for reading without a renderer."""
    out: list[str] = []

    def visit(nid: str, indent: str, trail: frozenset[str]) -> None:
        node = tree.nodes[nid]
        if isinstance(node, Leaf) or nid in trail:
            return
        for label_text, target_id in branch_groups(node, ui):
            target = tree.nodes[target_id]
            head = f"{indent}[{label_text}] "
            if isinstance(target, Leaf):
                out.append(f"{head}→ {leaf_label(target, lang)}")
            else:
                out.append(f"{head}{node_label(tree, target, lang)}")
                visit(target.id, indent + "    ", trail | {nid})

    out.append(node_label(tree, tree.nodes[tree.start], lang))
    visit(tree.start, "    ", frozenset())
    return "\n".join(out) + "\n"
