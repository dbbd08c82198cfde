"""`advisor explain`: the comparison table and each model's guide, from data, in both languages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from advisor import guides
from advisor.guides import EXPLAIN_FILE, ROWS
from advisor.models import LANGS, MODELS
from advisor.render.guide import COMPARISON_MIN_WIDTH
from advisor.rules import all_rules
from advisor.tree import load_tree
from tests.helpers import FIXTURES, run_advisor

DATA = yaml.safe_load(Path(EXPLAIN_FILE).read_text(encoding="utf-8"))


def texts(node):
    """Every {en, zh-TW} mapping of prose in the explain data (code is checked apart)."""
    if isinstance(node, dict):
        if set(node) == set(LANGS):
            yield node
        else:
            for key, value in node.items():
                if key not in ("before", "after") or "changes" not in node:
                    yield from texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value)


def test_explain_data_is_complete():
    assert tuple(DATA["comparison"]["models"]) == MODELS
    assert tuple(row["id"] for row in DATA["comparison"]["rows"]) == ROWS
    for row in DATA["comparison"]["rows"]:
        assert set(row["values"]) == set(MODELS), row["id"]
    assert set(DATA["models"]) == set(MODELS)
    ids = {p["id"] for p in DATA["patterns"]}
    for model, guide in DATA["models"].items():
        assert guide["when"], model
        assert guide["when_not"], model
        assert set(guide["patterns"]) <= ids, model
    for text in texts(DATA):
        assert all(text[lang].strip() for lang in LANGS), text
        assert "\n" not in text["zh-TW"].strip()


@pytest.mark.parametrize("pattern", DATA["patterns"], ids=lambda p: p["id"])
def test_pattern_code_compiles_and_differs_by_language_in_comments_only(pattern):
    import ast

    for side in ("before", "after"):
        code = pattern[side]
        versions = code if isinstance(code, dict) else {"en": code, "zh-TW": code}
        assert set(versions) == {"en", "zh-TW"}
        trees = {lang: ast.dump(ast.parse(text)) for lang, text in versions.items()}
        assert trees["en"] == trees["zh-TW"], f"{pattern['id']} {side}: code differs"
        if isinstance(code, dict) and "#" in code["en"]:
            assert re.search(r"#[^\n]*[\u4e00-\u9fff]", code["zh-TW"]), "comments in Chinese"


@pytest.mark.parametrize("lang", LANGS)
def test_comparison_table(cli, lang):
    result = cli("explain", "--lang", lang, "--format", "plain")
    assert result.code == 0
    table = guides.comparison(lang)
    for row in table.rows:
        assert row.label in result.out
        for model in MODELS:
            assert f"  {model:<18} {row.values[model]}" in result.out
    assert ("Concurrency models compared" if lang == "en" else "並行模型比較") in result.out


@pytest.mark.parametrize(
    ("lang", "address_space"), [("en", "address space"), ("zh-TW", "位址空間")]
)
def test_comparison_tells_thread_cost_as_measured(lang, address_space):
    """The seed's 8 MB is stack address space; what threads cost is measured residency."""
    table = {row.id: row.values for row in guides.comparison(lang).rows}
    assert address_space in table["memory"]["threading"]
    assert "16 KiB" in table["memory"]["threading"]
    assert "1 KiB" in table["memory"]["asyncio"]
    assert "200" in table["scale"]["threading"]  # where asyncio pulls ahead, measured


def test_comparison_rich_and_markdown(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    rich = cli("explain", "--format", "rich")
    assert rich.code == 0
    assert "Concurrency models compared" in rich.out
    assert "┃" in rich.out or "│" in rich.out
    markdown = cli("explain", "--format", "markdown")
    assert markdown.out.startswith("# Concurrency models compared\n")
    assert (
        "| | `threading` | `asyncio` | `asyncio+executor` | `multiprocessing` | `distributed` |"
        in markdown.out
    )


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("lang", LANGS)
def test_model_guide(cli, model, lang):
    result = cli("explain", model, "--lang", lang, "--format", "plain")
    assert result.code == 0, result.err
    guide = guides.guide(model, load_tree(), lang)
    for item in (*guide.when, *guide.when_not):
        assert item in result.out
    for pitfall in guide.pitfalls:
        assert pitfall.title in result.out
        if pitfall.wrong:
            assert pitfall.wrong.strip().splitlines()[0] in result.out
    for pattern in guide.patterns:
        assert pattern.title in result.out
        assert pattern.after.strip().splitlines()[0] in result.out


def test_asyncio_has_the_seeds_pitfalls_and_patterns(cli):
    data = json.loads(cli("explain", "asyncio", "--format", "json").out)
    assert [p["id"] for p in data["pitfalls"]] == [
        "missing-await",
        "blocking-call-in-async",
        "await-in-sync",
        "check-then-act-across-await",
        "task-reference-dropped",
        "swallowed-cancellation",
    ]
    assert all(p["wrong"] and p["right"] for p in data["pitfalls"])
    assert [p["id"] for p in data["patterns"]] == [
        "thread-join-to-gather",
        "executor-to-async",
        "hybrid-run-in-executor",
    ]
    gather = data["patterns"][0]
    assert "threading.Thread" in gather["before"]
    assert "async with asyncio.TaskGroup() as tg:" in gather["after"]  # 3.11+, the target
    assert "async with asyncio.timeout(" in gather["after"]
    assert "asyncio.gather()" in gather["summary"]  # the older form, named
    hybrid = data["patterns"][2]
    assert "run_in_executor" in hybrid["after"]
    assert "get_running_loop" in hybrid["after"]
    # the pool is shut down off the event loop thread, never by `with` in async def
    assert "await asyncio.to_thread(pool.shutdown, cancel_futures=True)" in hybrid["after"]
    assert "with ThreadPoolExecutor" not in hybrid["after"]


def test_rich_guide_shows_wrong_and_right_side_by_side(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    result = cli("explain", "asyncio", "--format", "rich")
    assert result.code == 0
    line = next(line for line in result.out.splitlines() if "Wrong" in line)
    assert "Right" in line  # the two columns share a row
    assert "Pitfall: Forgetting await" in result.out


@pytest.mark.parametrize(
    ("alias", "model"),
    [("dask", "distributed"), ("asyncio-executor", "asyncio+executor"), ("Threads", "threading")],
)
def test_aliases(cli, alias, model):
    data = json.loads(cli("explain", alias, "--format", "json").out)
    assert data["model"] == model


def test_an_unknown_name_lists_every_kind_of_name_explain_takes(cli):
    result = cli("explain", "gevent")
    assert result.code == 2
    assert result.out == ""
    assert result.err == (
        "advisor: error: unknown model or rule 'gevent'; explain takes a model or topic "
        "(threading, asyncio, asyncio+executor, multiprocessing, distributed, interpreters, "
        "notebook, gui, service), "
        "a conversion pattern (thread-join-to-gather, executor-to-async, hybrid-run-in-executor, "
        "pool-map-to-process-pool, pool-to-dask, pool-to-interpreters, script-to-notebook, "
        "callback-to-worker-pool, pool-per-request-to-lifespan), or a rule code "
        "(ADV101-ADV113, ADV201-ADV205) or rule name (such as blocking-call-in-async)\n"
    )
    chinese = cli("explain", "gevent", "--lang", "zh-TW")
    assert chinese.code == 2
    assert chinese.err.startswith("advisor: error: 不認得的模型或規則 'gevent'；explain 接受模型")
    assert "ADV101-ADV113, ADV201-ADV205" in chinese.err
    assert chinese.err.count("\n") == 1


def test_the_library_still_explains_models_only():
    """`advisor.explain` keeps its documented error; the rule pages are the CLI's."""
    import advisor

    with pytest.raises(advisor.UsageError, match="unknown model 'gevent'; choose one of"):
        advisor.explain("gevent")


REWRITES = all_rules("rewrite")
PATTERNS = sorted({rule.pattern for rule in REWRITES.values()})


@pytest.mark.parametrize("spelling", [str.lower, str.upper, str.title])
@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_name_convert_prints_is_explained(cli, pattern, spelling):
    """#47: convert prints each change's pattern (and the README tables name them); explain
    must take them back, in any case, and point on to the rules that apply the pattern."""
    result = cli("explain", spelling(pattern), "--format", "plain")
    assert result.code == 0, result.err
    codes = [code for code, rule in REWRITES.items() if rule.pattern == pattern]
    assert f"advisor convert` applies this pattern with the rules {', '.join(codes)};" in (
        result.out
    )
    data = json.loads(cli("explain", pattern, "--format", "json").out)
    assert data["model"] == pattern
    assert [p["id"] for p in data["patterns"]] == [pattern]


def test_the_patterns_convert_prints_are_the_ones_its_rules_carry(cli, tmp_path):
    """What convert prints, read back from its JSON, then explained by the installed CLI."""
    program = tmp_path / "program.py"
    shutil.copy(FIXTURES / "convert" / "exercise1" / "before.py", program)
    converted = cli("convert", str(program), "--format", "json", "--target-version", "3.11")
    printed = {c["pattern"] for f in json.loads(converted.out)["files"] for c in f["changes"]}
    assert printed
    assert printed <= set(PATTERNS)
    for pattern in sorted(printed):
        result = run_advisor("explain", pattern, "--format", "plain")
        assert result.code == 0, result.err
        assert "ADV201" in result.out


def test_a_pattern_convert_does_not_apply_says_so_in_both_languages(cli):
    english = cli("explain", "pool-to-dask", "--format", "markdown")
    assert english.code == 0
    assert english.out.startswith("# ")
    assert "does not apply this pattern" in english.out
    assert "When to choose" not in english.out  # a pattern page has no model lists
    chinese = cli("explain", "pool-to-dask", "--format", "plain", "--lang", "zh-TW")
    assert "不會自動套用這個模式" in chinese.out


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_every_rule_is_explained_by_code_and_name_in_any_case(cli, code):
    rule = all_rules()[code]
    for name in (code, code.lower(), rule.name, rule.name.upper(), rule.name.replace("-", "_")):
        result = cli("explain", name, "--format", "json")
        assert result.code == 0, (name, result.err)
        data = json.loads(result.out)
        assert (data["code"], data["name"], data["kind"]) == (code, rule.name, rule.kind)
        assert data["pattern"] == (rule.pattern or None)


def test_narrow_rich_guide_stacks_the_code_instead_of_wrapping_it(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = cli("explain", "asyncio", "--format", "rich")
    lines = result.out.splitlines()
    wrong = next(i for i, line in enumerate(lines) if line.strip("│ ") == "Wrong")
    assert (
        lines[wrong + 2].strip("│ ").startswith('result = fetch_data("url")  # a coroutine object')
    )
    assert "…" not in result.out


@pytest.mark.parametrize("width", ["60", "100", "160", "200"])
@pytest.mark.parametrize("lang", LANGS)
def test_rich_comparison_never_cuts_text(cli, monkeypatch, width, lang):
    monkeypatch.setenv("COLUMNS", width)
    result = cli("explain", "--lang", lang, "--format", "rich")
    assert result.code == 0
    assert "…" not in result.out
    if int(width) < COMPARISON_MIN_WIDTH:  # stacked: every cell is on its own lines, whole
        flat = "".join(result.out.split())
        for row in guides.comparison(lang).rows:
            for value in row.values.values():
                assert "".join(value.split()) in flat
    else:
        assert "┃" in result.out  # the table itself


@pytest.mark.parametrize("name", ["interpreters", "subinterpreters", "InterpreterPoolExecutor"])
def test_interpreters_page(cli, name):
    data = json.loads(cli("explain", name, "--format", "json").out)
    assert data["model"] == "interpreters"
    assert "InterpreterPoolExecutor" in data["summary"]
    assert any("ImportError" in t for t in data["when_not"])  # extension support
    assert any("pickled" in t for t in data["when_not"])
    (pattern,) = data["patterns"]
    assert "from concurrent.futures import InterpreterPoolExecutor" in pattern["after"]


def test_interpreters_page_in_chinese(cli):
    result = cli("explain", "interpreters", "--lang", "zh-TW", "--format", "plain")
    assert result.code == 0
    assert result.out.startswith("子直譯器\uff08InterpreterPoolExecutor\uff0cPython 3.14\uff09\n")
    assert "# 每個 worker 一個子直譯器" in result.out  # Chinese code comments


@pytest.mark.parametrize(
    ("lang", "words"), [("en", ("concurrent", "parallel")), ("zh-TW", ("並行", "平行"))]
)
@pytest.mark.parametrize("fmt", ["plain", "markdown", "rich", "json"])
def test_comparison_ends_with_the_glossary(cli, lang, words, fmt):
    result = cli("explain", "--lang", lang, "--format", fmt)
    assert result.code == 0
    for word in words:
        assert word in result.out
    assert re.split("[:\uff1a]", guides.comparison(lang).glossary)[0] in result.out


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("code", sorted(all_rules()))
def test_library_explains_a_rule_as_the_cli_does(cli, code, lang):
    """`advisor.explain("ADV101")` (or the rule's name, any case) is the rule, and its
    ``to_dict(lang)`` is exactly what `advisor explain ADV101 --format json` prints."""
    import advisor
    from advisor.rules import Rule

    rule = advisor.explain(code, lang=lang)
    assert isinstance(rule, Rule)
    assert advisor.explain(rule.name.upper(), lang=lang) == rule
    shown = cli("explain", code, "--format", "json", "--lang", lang)
    assert shown.code == 0, shown.err
    assert json.loads(shown.out) == rule.to_dict(lang)


def test_library_explain_still_draws_models_and_patterns_first():
    """A model, a topic or a pattern is a guide page, never looked up as a rule; an unknown
    name is still one clear error."""
    import advisor
    from advisor.errors import UsageError
    from advisor.guides import ModelGuide
    from advisor.rules import Rule

    assert isinstance(advisor.explain("asyncio"), ModelGuide)
    pattern = advisor.explain("thread-join-to-gather")
    assert isinstance(pattern, ModelGuide)
    assert not isinstance(pattern, Rule)
    with pytest.raises(UsageError):
        advisor.explain("gevent")


def test_a_rules_json_needs_a_language_it_knows():
    """A Rule holds both languages: `to_dict` is told which, and a misspelt one is an error,
    never English labelled with it."""
    import advisor
    from advisor.errors import UsageError

    rule = advisor.explain("ADV201")
    assert rule.to_dict("zh_TW") == rule.to_dict("zh-TW")
    assert rule.to_dict("zh-TW")["what"] != rule.to_dict("en")["what"]
    for lang in ("fr", ""):
        with pytest.raises(UsageError):
            rule.to_dict(lang)
