"""How findings look: plain lines editors parse, JSON, GitHub annotations, SARIF, rich; and
where a finding points (columns in characters, percent-encoded SARIF URIs, the rich caret
under tabs and wide characters)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import advisor
from advisor.render import findings as render
from advisor.render.rule import FORMATS as RULE_FORMATS
from advisor.render.sarif import FORMATS as SARIF_FORMATS
from advisor.rules import all_rules, find_rule

SOURCE = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"


@pytest.fixture
def result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> advisor.ScanResult:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "app.py").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "pkg" / "bad.py").write_text("async def f(:\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return advisor.scan(["pkg"], config=False, cache=False)


def rendered(function, value, lang: str = "en") -> str:
    stream = io.StringIO()
    function(value, stream, lang)
    return stream.getvalue()


def test_plain_is_path_line_col_code_message(result: advisor.ScanResult) -> None:
    assert rendered(render.FORMATS["plain"], result) == (
        "pkg/app.py:5:5: ADV101 blocking call `time.sleep` inside `async def` stalls the event "
        "loop; use `await asyncio.sleep(...)`\n"
    )


def test_json_lists_findings_skipped_and_statistics(result: advisor.ScanResult) -> None:
    data = json.loads(rendered(render.FORMATS["json"], result, "zh-TW"))
    assert data["findings"][0]["code"] == "ADV101"
    assert data["findings"][0]["message"].startswith("在 `async def` 裡")
    assert data["skipped"][0]["path"] == "pkg/bad.py"
    assert data["statistics"] == {"ADV101": 1}


def test_github_annotations(result: advisor.ScanResult) -> None:
    lines = rendered(render.FORMATS["github"], result).splitlines()
    assert lines[0].startswith("::error file=pkg/app.py,line=5,col=5,title=ADV101::ADV101 blocking")
    assert lines[1].startswith("::warning file=pkg/bad.py,")


def test_sarif_as_code_scanning_reads_it(result: advisor.ScanResult) -> None:
    doc = json.loads(rendered(SARIF_FORMATS["sarif"], result))
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(all_rules("lint"))
    assert all(r["help"]["text"] and r["fullDescription"]["text"] for r in rules)
    (finding,) = run["results"]
    location = finding["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "pkg/app.py"
    assert location["region"] == {"startLine": 5, "startColumn": 5}
    assert rules[finding["ruleIndex"]]["id"] == finding["ruleId"] == "ADV101"
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert "pkg/bad.py" in notes[0]["message"]["text"]


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_sarif_carries_the_whole_rule_doc_and_no_placeholder_link(
    result: advisor.ScanResult, lang: str
) -> None:
    """#46: every rule's help was a link to example.invalid; now the help is the rule's
    four-part doc itself, from the registry, and no URL points nowhere."""
    text = rendered(SARIF_FORMATS["sarif"], result, lang)
    assert "example.invalid" not in text
    driver = json.loads(text)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    labels = {
        "en": ("What it does", "Why is this bad?", "Example", "Use instead"),
        "zh-TW": ("功能", "為什麼不好？", "範例", "改用"),
    }[lang]
    for rule in driver["rules"]:
        assert "helpUri" not in rule
        doc = find_rule(rule["id"])
        assert doc is not None
        assert rule["fullDescription"]["text"] == doc.text("what", lang)
        for label in labels:
            assert label in rule["help"]["text"]
            assert f"### {label}" in rule["help"]["markdown"]
        assert doc.text("instead", lang) in rule["help"]["markdown"]


def test_rich_shows_the_line_a_caret_and_the_fix(
    result: advisor.ScanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    text = rendered(render.FORMATS["rich"], result)
    lines = text.splitlines()
    source = next(i for i, line in enumerate(lines) if "time.sleep(1)" in line)
    assert lines[source + 1].index("^") == lines[source].index("time.sleep")
    assert "fix: use `await asyncio.sleep(...)`" in text
    assert "Found 1 problem(s) in 1 file(s)" in text


def test_statistics_and_bounded_skipped_lines(result: advisor.ScanResult) -> None:
    stream = io.StringIO()
    render.statistics(result, stream, "en", "plain")
    assert stream.getvalue() == "    1  ADV101  blocking-call-in-async\n"
    many = result._replace(skipped=result.skipped * 50)
    lines = render.skipped_lines(many, "en")
    assert len(lines) == render.MAX_SKIPPED_SHOWN + 1
    assert "30 more" in lines[-1]


@pytest.mark.parametrize("fmt", sorted(RULE_FORMATS))
@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_rule_docs_render_in_both_languages(fmt: str, lang: str) -> None:
    rule = find_rule("ADV101")
    assert rule is not None
    text = rendered(RULE_FORMATS[fmt], rule, lang)
    assert "time.sleep(1)" in text
    assert ("為什麼不好" in text) == (lang == "zh-TW" and fmt != "json")


# --- through the command line, in-process: where a finding points ----------------------


def test_columns_count_characters_not_utf8_bytes(cli, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "c.py").write_text(
        'import time\nasync def f():\n    x = "héllo€"; time.sleep(1)\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    plain = cli("scan", "--format", "plain")
    assert plain.out.startswith("c.py:3:19: ADV101 "), plain.out
    doc = json.loads(cli("scan", "--format", "sarif").out)
    region = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 19}


def test_sarif_uris_are_percent_encoded(cli, tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "my proj"
    (root / "sub dir").mkdir(parents=True)
    (root / "sub dir" / "x%y#1.py").write_text(
        "import time\nasync def f():\n    time.sleep(1)\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    doc = json.loads(cli("scan", "--format", "sarif").out)
    run = doc["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "sub%20dir/x%25y%231.py"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/my%20proj/")


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_rich_caret_sits_under_the_call_with_tabs_and_wide_characters(
    cli, tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "r.py").write_text(
        'import time\nasync def f():\n    x = "中文"; time.sleep(1)\n', encoding="utf-8"
    )
    (tmp_path / "t.py").write_text("import time\nasync def f():\n\tif 1: time.sleep(2)\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    result = cli("scan", "--format", "rich")
    lines = result.out.splitlines()
    carets = [i for i, line in enumerate(lines) if line.rstrip().endswith("^")]
    assert len(carets) == 2, result.out
    for i in carets:
        code, caret = lines[i - 1], lines[i]
        assert "\t" not in code
        assert _cells(code[: code.index("time.sleep")]) == _cells(caret.rstrip()) - 1, (code, caret)
