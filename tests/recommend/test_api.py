"""`import advisor` as a library user sees it."""

from __future__ import annotations

import json

import pytest

import advisor
from advisor import Answer, Recommendation, Source
from tests.helpers import FIXTURES

TREES = FIXTURES / "trees"


def test_issue_example():
    rec = advisor.recommend(cpu_bound=False, concurrency=500)
    assert isinstance(rec, Recommendation)
    assert rec.model == "threading"
    assert [s.question for s in rec.path] == [
        "cpu_bound",
        "program",
        "concurrency",
        "cpu_heavy_steps",
        "async_libs",
        "async_app",
    ]
    assert [s.assumed for s in rec.path] == [False, True, False, True, True, True]
    assert [s.source for s in rec.path][-2:] == ["default", "derived"]
    assert rec.unused == ()
    assert rec.path[0].source == "api"
    assert rec.template.code is not None
    assert "CONCURRENCY: int = 500" in rec.template.code


def test_public_api_is_small_and_complete():
    assert "recommend" in advisor.__all__
    assert "load_tree" in advisor.__all__
    for name in advisor.__all__:
        assert hasattr(advisor, name), name
    assert advisor.MODELS == (
        "threading",
        "asyncio",
        "asyncio+executor",
        "multiprocessing",
        "distributed",
    )


def test_to_dict_round_trips_through_json():
    rec = advisor.recommend(cpu_bound=True, free_threaded=False, lang="zh-TW")
    again = Recommendation.from_dict(json.loads(json.dumps(rec.to_dict())))
    assert again == rec
    assert rec.lang == "zh-TW"
    assert "行程池" in rec.title
    unused = advisor.recommend(cpu_bound=True, free_threaded=False, concurrency=500)
    assert unused.unused == (advisor.Unused("concurrency", "--concurrency", 500, "api"),)
    assert Recommendation.from_dict(json.loads(json.dumps(unused.to_dict()))) == unused


def test_answers_from_other_sources_keep_provenance():
    rec = advisor.recommend(
        answers={"cpu_bound": Answer("no", Source.INFERRED, "app.py:1 imports httpx")},
        concurrency=50,
        shared_memory="no",
        async_libs=True,
    )
    assert rec.model == "asyncio"
    assert rec.path[0].evidence == "app.py:1 imports httpx"
    assert rec.path[0].answer is False


def test_errors_form_one_hierarchy():
    with pytest.raises(advisor.MissingAnswersError) as missing:
        advisor.recommend(cpu_bound=False)
    assert isinstance(missing.value, advisor.UsageError)
    assert isinstance(missing.value, advisor.AdvisorError)
    assert missing.value.flags == ("--concurrency",)
    with pytest.raises(advisor.InvalidAnswerError):
        advisor.recommend(cpu_bound="maybe")
    with pytest.raises(advisor.UsageError, match="did you mean 'concurrency'"):
        advisor.recommend(cpu_bound=False, concurency=5)
    with pytest.raises(advisor.TreeError):
        advisor.load_tree(TREES / "invalid_cycle.yaml")


def test_custom_tree_by_path():
    rec = advisor.recommend(TREES / "valid_custom.yaml", team_size=2)
    assert rec.model == "threading"
    assert rec.leaf == "small"


def test_explicit_facts_replace_detection():
    rec = advisor.recommend(
        cpu_bound=True, facts={"free_threading": advisor.Fact(True, "pretend 3.14t")}
    )
    assert rec.model == "threading"
    assert rec.path[-1].evidence == "pretend 3.14t"


def test_explain_from_python():
    table = advisor.explain()
    assert table.models == advisor.MODELS
    guide = advisor.explain("asyncio", lang="zh-TW")
    assert guide.model == "asyncio"
    assert guide.pitfalls[0].title == "忘記 await"
    with pytest.raises(advisor.UsageError, match="unknown model"):
        advisor.explain("gevent")
