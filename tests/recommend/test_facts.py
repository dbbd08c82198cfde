"""Facts and wording every shipped text must get right, in both languages.

The seed chapter says a thread "uses ~8 MB of memory"; it reserves that much
stack *address space* and keeps tens of KiB resident. No shipped text may repeat
the myth: wherever 8 MB appears, the same text must say it is address space.
The zh-TW rules come from the review's part (d).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

YAML_TEXTS = [
    ROOT / "decision_tree.yaml",
    ROOT / "seed_tree.yaml",
    # every shipped data file: texts, templates' zh-TW comments, rule docs of scan and convert,
    # bench claims, inference tables
    *sorted((ROOT / "advisor").rglob("*.yaml")),
]
PROSE_FILES = [
    *sorted((ROOT / "advisor" / "templates").glob("*.tmpl")),
    ROOT / "README.md",
    ROOT / "README.zh-TW.md",
    *sorted((ROOT / "docs").rglob("*.md")),
]

EIGHT_MB = re.compile(r"\b8\s?Mi?B\b|~8\s?MB|8MB")
ADDRESS_SPACE = re.compile(r"address space|位址空間|virtual|虛擬")
MYTHS = re.compile(
    r"gigabytes of stack|數 GB 的 stack|exhaust memory|耗盡記憶體|8 ?MB of memory"
    r"|記憶體消耗:約|context switch(es)? (add up|cost)|上下文切換成本"
)
CJK = r"[\u3400-\u9fff]"


def yaml_strings(node: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from yaml_strings(value, (*path, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from yaml_strings(value, (*path, str(i)))
    elif isinstance(node, str):
        yield path, node


@functools.cache
def parsed(path: Path) -> object:
    """Each data file is parsed once per run, not once per wording rule."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def units() -> Iterator[tuple[str, str]]:
    """(where, text): every YAML string, and every paragraph of templates and README."""
    for path in YAML_TEXTS:
        for keys, text in yaml_strings(parsed(path)):
            yield f"{path.name}:{'.'.join(keys)}", text
    for path in PROSE_FILES:
        for i, para in enumerate(re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))):
            yield f"{path.name} paragraph {i}", para


UNITS = list(units())


def test_there_is_text_to_check():
    assert len(UNITS) > 500


#: The chapter's claims that `bench --claims` quotes in order to test them (verdict beside each).
QUOTED = re.compile(r"\.quote\.(en|zh-TW)$")


def test_no_text_claims_a_thread_uses_8_mb_of_memory():
    bad = [
        where
        for where, text in UNITS
        if ((EIGHT_MB.search(text) and not ADDRESS_SPACE.search(text)) or MYTHS.search(text))
        and not QUOTED.search(where)
    ]
    assert bad == []


def zh_prose() -> Iterator[tuple[str, str]]:
    code_keys = {"before", "after", "wrong", "right", "quote"}  # quote: the chapter's words
    for path in YAML_TEXTS:
        if path.name == "terms.zh-TW.yaml":
            continue  # the table of terms names the forms it replaces
        for keys, text in yaml_strings(parsed(path)):
            zh = "zh-TW" in keys or path.name.endswith("zh-TW.yaml")
            if zh and not code_keys & set(keys):
                yield f"{path.name}:{'.'.join(keys)}", text
    # The Chinese front page, without its code blocks (commands and generated output).
    readme = (ROOT / "README.zh-TW.md").read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", readme, flags=re.MULTILINE | re.DOTALL)
    for i, para in enumerate(re.split(r"\n\s*\n", prose)):
        yield f"README.zh-TW.md paragraph {i}", para


@pytest.mark.parametrize(
    ("rule", "pattern"),
    [
        ("a space between CJK and Latin text or digits", rf"{CJK}[A-Za-z0-9`]|[A-Za-z0-9`]{CJK}"),
        # Spaces, not line breaks: a docstring's lines end where the code's lines do.
        ("no stray space between Chinese characters (YAML folding)", rf"{CJK}[ \t]+{CJK}"),
        ("no space after 。", r"。[ \t]"),
        # Taiwan usage and Python's zh-TW documentation (newcomer review 25, #18; the
        # table of terms is advisor/texts/terms.zh-TW.yaml): 並發 is the mainland term.
        ("平行 for parallel, 並行 for concurrent: 並發 is the mainland term", r"並發"),
        ("引數 for arguments, not 參數", r"參數"),
        ("wording the review replaced", r"吃重|推定|外圍的程式|百級|萬級|main guard|流程圖的答案"),
    ],
)
def test_zh_tw_wording(rule, pattern):
    regex = re.compile(pattern)
    bad = [
        f"{where}: {text[:60]}"
        for where, text in zh_prose()
        if regex.search(text) and not where.startswith(MAY_NAME.get(pattern, ()))
    ]
    assert bad == [], rule


#: The chapter's flowchart, verbatim (`--tree seed`): its words are the chapter's.
SEED = "seed_tree.yaml:"
#: The places a banned word may appear (a prefix of where): the glossary names 並發 as the
#: tutorial chapter's word for *concurrent*, so a reader of the chapter can map the terms,
#: and the seed tree is the chapter's own text.
MAY_NAME = {r"並發": ("explain.yaml:comparison.glossary.zh-TW", SEED)}


def test_the_glossary_explains_parallel_and_concurrent():
    data = yaml.safe_load((ROOT / "advisor" / "texts" / "explain.yaml").read_text("utf-8"))
    glossary = data["comparison"]["glossary"]
    assert "平行" in glossary["zh-TW"]
    assert "並發" in glossary["zh-TW"]
    assert "並行" in glossary["zh-TW"]
    assert "parallel" in glossary["en"]
    assert "concurrent" in glossary["en"]


def _files() -> list[Path]:
    return YAML_TEXTS + PROSE_FILES


def test_files_exist():
    assert all(p.is_file() for p in _files())
