"""`advisor tree`: the terminal view and the Mermaid / DOT exports, in both languages."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from advisor.render import tree as graph
from advisor.tree import load_tree
from tests.helpers import FIXTURES

LEAVES = {nid: node for nid, node in load_tree().nodes.items() if hasattr(node, "model")}


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_mermaid_has_every_node_and_edge(cli, lang):
    result = cli("tree", "--format", "mermaid", "--lang", lang)
    assert result.code == 0
    out = result.out
    assert out.startswith("flowchart TD\n")
    tree = load_tree()
    for nid in tree.nodes:
        assert re.search(rf"^    n_{nid}[\[(]", out, re.M), nid
    edges = re.findall(r"^    n_(\w+) -->\|\"([^\"]+)\"\| n_(\w+)$", out, re.M)
    expected = {
        (n.id, b.target) for n in tree.nodes.values() if hasattr(n, "branches") for b in n.branches
    }
    assert {(a, c) for a, _, c in edges} == expected
    assert len(edges) == len(expected)  # answers leading to the same node share one edge
    yes = "yes" if lang == "en" else "是"
    assert ("io_scale", "#gt; 100", "many_steps") in edges  # ">" escaped for Mermaid
    assert ("many_libs", yes, "asyncio_many") in edges
    assert ("task_type", yes, "cpu_scale") in edges
    assert ("io_program", "script / service / gui / notebook", "io_scale") in edges
    if lang == "zh-TW":
        assert "工作是 CPU 密集" in out


def test_seed_tree_draws_the_chapters_flowchart(cli):
    out = cli("tree", "--tree", "seed", "--format", "mermaid").out
    edges = re.findall(r"^    n_(\w+) -->\|\"([^\"]+)\"\| n_(\w+)$", out, re.M)
    assert edges == [
        ("task_type", "yes", "multiprocessing_cpu"),
        ("task_type", "no", "io_scale"),
        ("io_scale", "#gt; 100", "asyncio_many"),
        ("io_scale", "otherwise", "io_shared"),
        ("io_shared", "yes", "threading_shared"),
        ("io_shared", "no", "io_libs"),
        ("io_libs", "yes", "asyncio_libs"),
        ("io_libs", "no", "io_app"),
        ("io_app", "yes", "asyncio_executor_blocking"),
        ("io_app", "no", "threading_blocking"),
    ]


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_dot_is_a_well_formed_graph(cli, lang, tmp_path):
    result = cli("tree", "--format", "dot", "--lang", lang)
    assert result.code == 0
    out = result.out
    assert out.startswith("digraph advisor {\n")
    assert out.rstrip().endswith("}")
    tree = load_tree()
    targets = {
        (n.id, b.target) for n in tree.nodes.values() if hasattr(n, "branches") for b in n.branches
    }
    assert out.count(" -> ") == len(targets)
    assert out.count("[shape=box, label=") == len(tree.nodes) - len(LEAVES)  # questions
    assert out.count('style="rounded,filled"') == len(LEAVES)  # leaves, coloured by model
    if shutil.which("dot"):  # Graphviz, when present, must accept it
        svg = subprocess.run(
            ["dot", "-Tsvg"], input=out, capture_output=True, text=True, check=True
        )
        assert "<svg" in svg.stdout


def test_plain_outline_names_every_leaf(cli):
    result = cli("tree", "--format", "plain")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("Is the work CPU-bound")
    shown = {line.split("→ ", 1)[1] for line in lines if "→ " in line and "above" not in line}
    assert shown == {graph.leaf_label(leaf, "en") for leaf in LEAVES.values()}
    assert len(lines) < 3 * len(LEAVES)  # shared subtrees are not drawn once per answer
    assert "    [yes] Does the CPU-bound work need more than one machine?" in lines
    assert any(line.strip().startswith("[yes] → asyncio: many concurrent") for line in lines)


def test_rich_view_at_fixed_width(cli):
    result = cli("tree", "--format", "rich")
    assert result.code == 0
    assert "├── [yes] Does the CPU-bound work need more than one machine?" in result.out
    assert "[yes] → asyncio: many concurrent I/O tasks on one thread" in result.out
    assert "[script / service / gui / notebook]" in result.out


def test_custom_tree(cli):
    result = cli(
        "tree", "--tree", str(FIXTURES / "trees" / "valid_custom.yaml"), "--format", "plain"
    )
    assert result.code == 0
    assert result.out.splitlines()[0] == "How many people maintain the code?"
    assert "[≤ 3] → threading: Threads for a small team" in result.out
