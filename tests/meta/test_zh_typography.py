"""Chinese prose writes , : ; ? ( ) in full width, as Taiwan's punctuation standard and
Python's zh-TW documentation do: every zh-TW text of every data file, not only some.

The seed chapter prints ASCII punctuation, but only because its extraction normalised the
full-width marks (NFKC keeps 。、「」 and folds ,:()? to ASCII): advice-2026-12 section 4.
Code keeps ASCII: code spans, quoted strings and code blocks are left out of the check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml

from tests.helpers import ROOT

_CJK = "[\u3400-\u4dbf\u4e00-\u9fff]"
#: ASCII , : ; ? touching a Chinese character, or an ASCII ( opened right after one.
_HALF_WIDTH = re.compile(rf"{_CJK}[,:;?(]|[,:;?]{_CJK}")
#: Text that is code or quoted output, not prose.
_NOT_PROSE = re.compile(r"`[^`]*`|\"[^\"]*\"|\{[A-Za-z_]\w*\}")
_CODE_KEYS = {"before", "after", "wrong", "right", "code"}
#: A placeholder is a word of the sentence: what fills it (a call's name, a library, a path)
#: sits in Chinese prose, so the mark after it is the sentence's (`{name}：async`, not
#: `{name}:async`; `{name}（{library}）`, not `{name}({library})`). Kept apart from
#: `_NOT_PROSE` so the marks around it are still read; a shell's `{bash,zsh}` is not one.
_PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")
_SLOT = "\ue000"
_SHELL_BRACES = re.compile(r"\{[a-z]+(?:,[a-z]+)+\}")
#: Half-width marks glued into Chinese prose where the first check cannot see a Chinese
#: character beside them: a comma with no space after it between words (`async,asyncio`,
#: `--force,advisor`; not `2,000`, not a flag's `ADV101,ADV1`), a colon between a number or a
#: word and a word (`Python 3.14:concurrent`, `multiprocessing:CPU`; not `file.py:14`), and
#: after a placeholder: a colon or semicolon glued to the next word, a question mark, an
#: opening parenthesis that is not a call's (`{name}()`, `{name}({arg}={value})` are code).
_GLUED = re.compile(
    rf"(?<![\dA-Z{_SLOT}]),(?!\s)"
    r"|(?<=\d):(?=[A-Za-z])|(?<=[A-Za-z]):(?=[A-Za-z]{3})"
    rf"|{_SLOT}[:;](?=[^\s{_SLOT}\d/])|{_SLOT}\?"
    rf"|{_SLOT} ?\((?![^)]*=)(?!\))"
)

#: Data files whose zh-TW texts sit under `zh-TW:` keys.
KEYED = [
    "decision_tree.yaml",
    "advisor/texts/ui.yaml",
    "advisor/texts/explain.yaml",
    "advisor/lint/data/rules.yaml",
    "advisor/lint/data/blocking.yaml",
    "advisor/lint/data/skips.yaml",
    "advisor/codemod/data/rules.yaml",
    "advisor/evidence/data/reasons.yaml",
    "advisor/benchmark/claims.yaml",
]


def _keyed(node: object, keys: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _keyed(value, (*keys, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _keyed(value, (*keys, str(i)))
    elif (
        isinstance(node, str)
        and keys
        and keys[-1] == "zh-TW"
        and (not (_CODE_KEYS & set(keys)) or "changes" in keys)
    ):
        yield ".".join(keys), node


def _texts() -> Iterator[tuple[str, str]]:
    for name in KEYED:
        for where, text in _keyed(yaml.safe_load((ROOT / name).read_text("utf-8"))):
            yield f"{name}: {where}", text
    errors = yaml.safe_load((ROOT / "advisor/texts/errors.zh-TW.yaml").read_text("utf-8"))
    for key, text in errors.items():
        yield f"errors.zh-TW.yaml: {key}", text
    templates = yaml.safe_load((ROOT / "advisor/templates/zh-TW.yaml").read_text("utf-8"))
    for section in ("module_docstrings", "phrases"):
        for key, text in (templates.get(section) or {}).items():
            yield f"templates/zh-TW.yaml: {section}.{key[:30]}", text


TEXTS = list(_texts())


def test_every_data_file_was_read():
    assert len(TEXTS) > 1000


@pytest.mark.parametrize("name", [*KEYED, "errors.zh-TW.yaml", "templates/zh-TW.yaml"])
def test_zh_tw_prose_uses_full_width_punctuation(name):
    bad = [
        f"{where}: {match.group(0)!r} in …{prose[max(0, match.start() - 12) : match.end() + 12]}…"
        for where, text in TEXTS
        if where.startswith((name, name.rsplit("/", 1)[-1]))
        for prose in [_NOT_PROSE.sub("", text)]
        for match in [_HALF_WIDTH.search(prose)]
        if match
    ]
    assert bad == []


@pytest.mark.parametrize("name", [*KEYED, "errors.zh-TW.yaml", "templates/zh-TW.yaml"])
def test_zh_tw_prose_glues_no_half_width_mark_between_words(name):
    """What the scan --recommend output showed in Chinese (pixelsort, issue 19): "呼叫
    PIL.Image.open(Pillow)：", "edge 中的做算術運算的巢狀迴圈:I/O 之間", which the first
    check missed because a placeholder or a Latin word stood between the mark and the
    Chinese characters."""
    bad = [
        f"{where}: {match.group(0)!r} in …{prose[max(0, match.start() - 12) : match.end() + 12]}…"
        for where, text in TEXTS
        if where.startswith((name, name.rsplit("/", 1)[-1]))
        for prose in [_NOT_PROSE.sub("", _PLACEHOLDER.sub(_SLOT, _SHELL_BRACES.sub("", text)))]
        if re.search(_CJK, prose)
        for match in [_GLUED.search(prose)]
        if match
    ]
    assert bad == []


#: An ASCII colon glued between two placeholders in Chinese prose: `{path}:{reason}` read
#: "無法寫入 /proc/x.py:No such file" (newcomer review 2026-12-06). A location's
#: `{path}:{line}` is code-like and allowed.
_GLUED_SLOTS = re.compile(r"(?:\}|[A-Za-z]):\{(?!line\}|col\}|lineno\})")


def test_zh_tw_prose_glues_no_ascii_colon_between_placeholders():
    bad = [
        f"{where}: {text}"
        for where, text in TEXTS
        if re.search(_CJK, text) and _GLUED_SLOTS.search(_NOT_PROSE_CODE.sub("", text))
    ]
    assert bad == []


#: Code spans and quoted strings only (placeholders stay, to be read).
_NOT_PROSE_CODE = re.compile(r"`[^`]*`|\"[^\"]*\"")
