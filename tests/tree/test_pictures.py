"""`advisor tree` on trees shaped to hurt: very deep, and reconverging (diamonds).

Every question is drawn once, later branches refer back to it, so the output grows
with the tree, not with the number of paths through it; nothing recurses.
"""

from __future__ import annotations

import pytest
import yaml

FORMATS = ("plain", "rich", "mermaid", "dot")


def _text(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh-TW": zh}


def generated_tree(depth: int, *, diamond: bool) -> dict:
    """A valid tree `depth` questions deep. A chain: each "yes" goes one level down, each
    "no" to the leaf. A diamond: two questions per level, both branches of each lead to
    the next level's two, so there are 2**depth paths through 2*depth questions."""
    questions = {
        f"q{i}": {
            "flag": f"--q{i}",
            "kind": "yesno",
            "prompt": _text(f"Question {i}?", f"問題 {i}?"),
            "help": _text("Help.", "說明。"),
        }
        for i in range(depth)
    }
    nodes: dict[str, dict] = {
        "done": {
            "model": "threading",
            "template": "threading",
            "title": _text("Threads", "執行緒"),
            "justification": _text("Because.", "因為。"),
        }
    }
    for i in range(depth):
        for side in ("a", "b") if diamond and i else ("a",):

            def nxt(s: str, i: int = i) -> str:
                return f"{s}{i + 1}" if i + 1 < depth else "done"

            nodes[f"{side}{i}"] = {
                "question": f"q{i}",
                "branches": [
                    {"when": True, "goto": nxt("a"), "why": _text("Yes.", "是。")},
                    {"when": False, "goto": nxt("b" if diamond else "a") if diamond else "done",
                     "why": _text("No.", "否。")},
                ],
            }  # fmt: skip
    models = {"threading": {"name": _text("threading", "threading"), "summary": _text("T.", "T。")}}
    return {"version": 1, "start": "a0", "questions": questions, "nodes": nodes, "models": models}


@pytest.fixture(scope="module")
def trees(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trees")
    made = {}
    for name, depth, diamond in (("deep", 1000, False), ("diamond", 24, True)):
        path = folder / f"{name}.yaml"
        # libyaml's dumper where there is one: the pure-Python one takes seconds on 1000 levels.
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(generated_tree(depth, diamond=diamond), Dumper=dumper)
        path.write_text(text, encoding="utf-8")
        made[name] = str(path)
    return made


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_1000_deep_tree_draws(cli, trees, fmt):
    result = cli("tree", "--tree", trees["deep"], "--format", fmt)
    assert result.code == 0, result.err[:300]
    assert "Question 999?" in result.out
    assert len(result.out) < 2_000_000  # deep levels are marked, not indented further


@pytest.mark.parametrize("fmt", FORMATS)
def test_reconverging_branches_are_drawn_once(cli, trees, fmt):
    """2**24 paths, 47 questions: each question appears once, as its own line or box."""
    result = cli("tree", "--tree", trees["diamond"], "--format", fmt)
    assert result.code == 0, result.err[:300]
    assert len(result.out.splitlines()) < 400
    for i in range(24):
        assert f"Question {i}?" in result.out


@pytest.mark.parametrize("fmt", ["plain", "rich"])
def test_outlines_refer_back_to_questions_drawn_above(cli, trees, fmt):
    lines = cli("tree", "--tree", trees["diamond"], "--format", fmt).out.splitlines()
    drawn = [line for line in lines if "Question 5?" in line]
    assert len(drawn) == 2  # a5 and b5, once each, both marked as targets of references
    assert any("Question 5?  [a5]" in line for line in drawn)
    assert sum("→ see a5 above" in line for line in lines) == 1  # b4's "yes" refers back


def test_reference_in_chinese(cli, trees):
    out = cli("tree", "--tree", trees["diamond"], "--format", "plain", "--lang", "zh-TW").out
    assert "→ 見上方的 a5" in out
    assert "see" not in out


def test_shipped_tree_outline_refers_back_only_where_it_reconverges(cli):
    """Only the CPU-heavy-steps branch reconverges (at heavy_libs) in the shipped tree; the
    program question's four answers share one edge instead of four references."""
    out = cli("tree", "--format", "plain").out
    assert out.count("above") == 1
    assert "→ see heavy_libs above" in out
    assert "[script / service / gui / notebook]" in out
    assert "seed" not in out
    seed = cli("tree", "--tree", "seed", "--format", "plain").out
    assert "above" not in seed  # the chapter's flowchart never reconverges
    assert out.splitlines()[0].startswith("Is the work CPU-bound")
    assert "    [yes] Does the CPU-bound work need more than one machine?" in out
