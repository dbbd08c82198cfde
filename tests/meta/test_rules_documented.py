"""Every rule in the registry is documented everywhere (flake8-async's
`tests/test_messages_documented.py`): a four-part doc and a message in both languages, a fixture
that fires it, an entry in the generated docs/rules.md (which must equal what the registry
renders today), and a CHANGELOG line.

One test per fact, parametrized by code, so a new rule that forgets one place fails by name.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from advisor import yamlio
from advisor.models import LANGS
from advisor.rules import CODE_PARTS, DETAILS, DOC_PARTS, KINDS, Rule, all_rules
from tests.helpers import FIXTURES, ROOT

RULES = all_rules()
CODES = sorted(RULES)
SCAN_FIXTURES = FIXTURES / "scan"
CONVERT_FIXTURES = FIXTURES / "convert"
EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")


def gen_rules_doc() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_rules_doc", ROOT / "scripts" / "gen_rules_doc.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_registry_holds_both_kinds_with_their_own_code_ranges() -> None:
    assert {rule.kind for rule in RULES.values()} == set(KINDS)
    for code, rule in RULES.items():
        assert rule.code == code
        prefix = "ADV1" if rule.kind == "lint" else "ADV2"
        assert re.fullmatch(rf"{prefix}\d\d", code), code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", rule.name), code
    assert len({rule.name for rule in RULES.values()}) == len(RULES), "two rules share a name"


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("lang", LANGS)
def test_doc_and_message_in_every_language(code: str, lang: str) -> None:
    rule = RULES[code]
    for part in DOC_PARTS:
        value = rule.doc[part]
        if part in CODE_PARTS and isinstance(value, str):
            text = value  # code: one text for every language
        else:
            assert set(value) == set(LANGS), (code, part)
            text = value[lang]
        assert text.strip(), (code, part, lang)
        # What to write instead always compiles; a lint example may be the error it shows
        # (ADV103's `await` in a plain def), a rewrite's example is convert's valid input.
        if part == "instead" or (part == "example" and rule.kind == "rewrite"):
            compile(text, f"{code}-{part}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    assert rule.message[lang].strip(), (code, lang)
    if DETAILS in rule.doc:
        assert set(rule.doc[DETAILS]) == set(LANGS), code
        assert rule.doc[DETAILS][lang].strip(), (code, lang)


#: What `advisor explain CODE` and every SARIF file show of a rule stays one screen: the
#: case-by-case decisions go to the details (ADV101's "what" had reached 58,000 characters).
MAX_WHAT = 1600


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("lang", LANGS)
def test_what_it_does_fits_one_screen(code: str, lang: str) -> None:
    assert len(RULES[code].text("what", lang)) <= MAX_WHAT, (code, lang)


def _scan_fixture_codes(rule: Rule) -> set[str]:
    """Codes expected by the fixtures named after the rule (``ADV101.py``, ``ADV102_package/``)."""
    found: set[str] = set()
    for case in SCAN_FIXTURES.iterdir():
        if case.name == f"{rule.code}.py" or case.name.startswith(f"{rule.code}_"):
            files = sorted(case.rglob("*.py")) if case.is_dir() else [case]
            for path in files:
                for match in EXPECT.finditer(path.read_text(encoding="utf-8")):
                    found |= {c.strip() for c in match.group(1).split(",")}
    return found


def _convert_fixture_codes() -> set[str]:
    found: set[str] = set()
    for case in CONVERT_FIXTURES.iterdir():
        if (case / "case.yaml").is_file():
            changes = yamlio.load_path(case / "case.yaml").get("changes") or ()
            found |= {str(change).split()[1] for change in changes}
    return found


@pytest.mark.parametrize("code", CODES)
def test_a_fixture_exercises_it(code: str) -> None:
    rule = RULES[code]
    if rule.kind == "lint":
        assert code in _scan_fixture_codes(rule), f"no tests/fixtures/scan/{code}.py expecting it"
    else:
        assert code in _convert_fixture_codes(), f"no tests/fixtures/convert case changes {code}"


@pytest.mark.parametrize("code", CODES)
def test_docs_rules_md_has_it_in_every_language(code: str) -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    heading = f"### {code} `{RULES[code].name}`"
    assert text.count(f"\n{heading}\n") == len(LANGS), heading


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == gen_rules_doc().render(), (
        "docs/rules.md is stale: run python scripts/gen_rules_doc.py"
    )


@pytest.mark.parametrize("code", CODES)
def test_changelog_mentions_it(code: str) -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"\b{code}\b", changelog), f"CHANGELOG does not mention {code}"


def test_every_rewrite_names_a_pattern_explain_knows() -> None:
    explain = yamlio.load_path(ROOT / "advisor" / "texts" / "explain.yaml")
    patterns = {p["id"] for p in explain["patterns"]}
    for rule in all_rules("rewrite").values():
        assert rule.pattern in patterns, rule.code


def test_the_doc_script_writes_what_render_returns(tmp_path: Path, monkeypatch) -> None:
    module = gen_rules_doc()
    target = tmp_path / "rules.md"
    monkeypatch.setattr(module, "OUTPUT", target)
    monkeypatch.setattr(module, "ROOT", tmp_path)
    assert module.main() == 0
    assert target.read_text(encoding="utf-8") == module.render()
