"""UI strings: every key the code asks for exists, in every language, and none is dead."""

from __future__ import annotations

import errno
import re

import yaml

from advisor import templating
from advisor.cli import _help
from advisor.models import LANGS
from tests.helpers import ROOT

UI = yaml.safe_load((ROOT / "advisor" / "texts" / "ui.yaml").read_text(encoding="utf-8"))
CODE = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "advisor").rglob("*.py")))
# ui("key"), texts("key"), and Help("key") for --help texts translated when shown
# ... and Observation("key", ...) for what `profile` measured
USED = set(re.findall(r"""\b(?:ui|texts|Help|Observation)\(\s*["']([a-z_]+)["']\s*[,)]""", CODE))
# plural("key", n): the key and its `_one` form
PLURALS = set(re.findall(r"""\bplural\(\s*["']([a-z_]+)["']\s*,""", CODE))
USED |= PLURALS | {f"{key}_one" for key in PLURALS}
# keys built at run time: ui("source_" + step.source), Help(f"command_{module.NAME}"), and
# argparse's own words, looked up by their English (advisor/cli/_help.py)
DYNAMIC = {f"source_{s}" for s in ("default", "detected", "derived", "inferred", "measured")}
DYNAMIC |= {key for key in UI if key.startswith(("command_", "argparse_"))}
# bench and profile: texts("figure_" + id), texts("verdict_" + verdict),
# texts("profile_probe_" + note), and observation keys chosen by a condition
DYNAMIC |= {key for key in UI if key.startswith(("figure_", "verdict_", "profile_probe_"))}
DYNAMIC |= {"profile_cpu_bound", "profile_cpu_bound_cores"}
# why a framework's form was emitted: the key a form's catalog entry names (framework_note),
# else the shared one (advisor.templating.framework_note)
NOTES = {"tailored_template_framework"} | {
    str(entry["framework_note"])
    for entry in templating.catalog().values()
    if "framework_note" in entry
}
DYNAMIC |= NOTES


def test_every_framework_note_exists():
    assert NOTES - set(UI) == set()


def test_every_key_used_in_code_exists():
    assert USED - set(UI) == set()


def test_every_key_is_used():
    assert set(UI) - USED - DYNAMIC == set()


def test_every_key_has_every_language():
    for key, texts in UI.items():
        assert set(texts) == set(LANGS), key
        assert all(str(texts[lang]).strip() for lang in LANGS), key


def test_placeholders_match_across_languages():
    for key, texts in UI.items():
        fields = {lang: set(re.findall(r"{(\w+)}", str(texts[lang]))) for lang in LANGS}
        assert len({frozenset(f) for f in fields.values()}) == 1, (key, fields)


ERRORS = yaml.safe_load(
    (ROOT / "advisor" / "texts" / "errors.zh-TW.yaml").read_text(encoding="utf-8")
)
# `key="a"` and `key="a" if ... else "b"`, as errors are raised in advisor/
_KEYS = re.findall(
    r"""\bkey\s*=\s*"([a-z0-9_]+)"(?:\s+if\s[^\n]*?\selse\s+"([a-z0-9_]+)")?""", CODE
)
#: Literal ``key="..."`` raises, and the keys `cli/_help.Parser.error` raises from its table
#: of argparse messages (``key=key``, which the pattern above cannot read).
RAISED = (
    {key for pair in _KEYS for key in pair if key}
    | {key for _, key, _ in _help._ARGPARSE_ERRORS}
    # what advisor offers for another tool's option (`--explain`, `--fix`), a keyed param
    | {key for _, key in _help._PEER_OPTIONS.values()}
    # an OS error's reason, looked up by its errno name (`errors.os_reason`)
    | {f"os_{name}" for name in errno.errorcode.values() if f"os_{name}" in ERRORS}
)


def test_every_translated_error_is_raised_somewhere():
    assert set(ERRORS) - RAISED == set()


def test_every_keyed_error_has_a_translation():
    assert RAISED - set(ERRORS) == set()


def test_translations_use_only_the_errors_params():
    for key, text in ERRORS.items():
        assert re.search(r"[\u4e00-\u9fff]", text), key
        assert "\n" not in text


def _chinese_texts() -> list[tuple[str, str]]:
    """(file, text) for every zh-TW string in the YAML data the user reads."""
    found: list[tuple[str, str]] = []

    def walk(node: object, name: str, in_zh: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, name, in_zh or key == "zh-TW" or name.endswith("zh-TW.yaml"))
        elif isinstance(node, list):
            for item in node:
                walk(item, name, in_zh)
        elif isinstance(node, str) and in_zh:
            found.append((name, node))

    for path in [ROOT / "decision_tree.yaml", *sorted((ROOT / "advisor").rglob("*.yaml"))]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name, False)
    return found


def test_chinese_texts_follow_the_reviews_terminology():
    """The review's part (d): command-line flags are 選項 and a function's arguments are
    引數 (Python's zh-TW docs); 參數 says neither, so it must not come back anywhere."""
    texts = _chinese_texts()
    assert len(texts) > 100
    offending = [(name, text[:60]) for name, text in texts if "參數" in text]
    assert offending == []
