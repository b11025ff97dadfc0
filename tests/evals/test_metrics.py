"""Metrics on hand-made items and answers, with exact expected values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evals.dataset import EvalItem
from evals.metrics import (
    ALL_METRICS,
    LOWER_IS_BETTER,
    calculator_correct,
    cited_articles,
    compute_metrics,
    judge,
    mentions_value,
    metrics_by_kind,
    missing_units,
    percentile,
)
from tests.evals.helpers import UNITS_3, answer, award_call, cite, item, perfect_answer, record, refusal_item


def calc_item(award: object, **overrides: object) -> EvalItem:
    fields: dict[str, object] = {
        "id": "t-calc",
        "kind": "calculator",
        "question": "南沙创投今年投了番禺初创期科技型中小企业1000万元，奖励多少？",
        "expected": {"award_yuan": award},
    }
    return item(**{**fields, **overrides})


def test_perfect_answer_scores_one_everywhere() -> None:
    m = compute_metrics([record(item(), perfect_answer(), ranked=[3, 5])])
    assert m.items == 1
    assert (m.hit_at_1, m.hit_at_3, m.mrr) == (1.0, 1.0, 1.0)
    assert (m.citation_hit, m.citation_all_gold, m.citation_precision) == (1.0, 1.0, 1.0)
    assert m.unit_accuracy == 1.0
    assert m.false_refusal_rate == 0.0
    assert m.pass_rate == 1.0
    # No item of these kinds: no data, not zero.
    assert m.calculator_exact is None
    assert m.numeric_accuracy is None
    assert m.refusal_accuracy is None
    assert judge(record(item(), perfect_answer())).passed


def test_wrong_citation() -> None:
    r = record(item(), answer("第五条……", [cite(5, list(UNITS_3))]), ranked=[5, 3])
    m = compute_metrics([r])
    assert (m.citation_hit, m.citation_all_gold, m.citation_precision) == (0.0, 0.0, 0.0)
    assert (m.hit_at_1, m.hit_at_3, m.mrr) == (0.0, 1.0, 0.5)
    verdict = judge(r)
    assert not verdict.passed
    assert verdict.reasons == ["未引用正确条款（引用了 5）"]


def test_extra_citation_halves_precision_and_missing_gold_is_reported() -> None:
    multi = item(id="t-multi", kind="multi_article", gold_articles=[7, 19], gold_units=[])
    r = record(multi, answer("……", [cite(7), cite(3)]), ranked=[1, 2, 3, 7])
    m = compute_metrics([r])
    assert m.citation_hit == 1.0
    assert m.citation_all_gold == 0.0
    assert m.citation_precision == 0.5
    assert (m.hit_at_3, m.mrr) == (0.0, 0.25)
    assert judge(r).reasons == ["漏引条款 19"]


def test_no_citations_counts_precision_zero() -> None:
    m = compute_metrics([record(item(gold_units=[]), answer("没有引用"))])
    assert m.citation_precision == 0.0
    assert m.citation_hit == 0.0


def test_refused_answerable_item() -> None:
    r = record(item(), answer("抱歉，无法回答。", refused=True, intent="out_of_scope"))
    m = compute_metrics([r])
    assert m.false_refusal_rate == 1.0
    # Citation metrics are over answered items only: none here.
    assert m.citation_hit is None
    assert m.support["citation_hit"] == 0
    assert m.unit_accuracy == 0.0
    assert "误拒答" in judge(r).reasons


def test_refusal_accuracy_and_false_refusal_rate_together() -> None:
    records = [
        record(refusal_item(id="r1"), answer("抱歉", refused=True)),
        record(refusal_item(id="r2"), answer("深圳补贴是 10%")),
        record(item(id="a1"), perfect_answer()),
        record(item(id="a2"), perfect_answer()),
        record(item(id="a3"), perfect_answer()),
        record(item(id="a4"), answer("抱歉", refused=True)),
    ]
    m = compute_metrics(records)
    assert m.refusal_accuracy == 0.5
    assert m.false_refusal_rate == 0.25
    assert m.support["refusal_accuracy"] == 2
    assert m.support["false_refusal_rate"] == 4
    assert m.pass_rate == pytest.approx(4 / 6)
    assert judge(records[1]).reasons == ["应拒答却作答"]


def test_calculator_exact_and_miss() -> None:
    exact = record(calc_item(150000), answer("15 万元", [cite(3, UNITS_3)], tool_calls=[award_call(150000)]))
    as_float = record(calc_item(150000, id="t-f"), answer("", [cite(3, UNITS_3)], tool_calls=[award_call(150000.0)]))
    as_text = record(calc_item(150000, id="t-s"), answer("", [cite(3, UNITS_3)], tool_calls=[award_call("150,000")]))
    miss = record(calc_item(150000, id="t-m"), answer("", [cite(3, UNITS_3)], tool_calls=[award_call(1500000)]))
    no_call = record(calc_item(150000, id="t-n"), answer("大约 15 万", [cite(3, UNITS_3)]))
    m = compute_metrics([exact, as_float, as_text, miss, no_call])
    assert m.calculator_exact == 0.6
    assert judge(miss).reasons == ["金额不符：期望 150,000，计算器给出 1,500,000（高估）"]
    assert judge(no_call).reasons == ["金额不符：期望 150,000，计算器给出 无"]


def test_over_stated_awards_are_counted_apart_from_misses() -> None:
    under = record(calc_item(150000, id="u"), answer("", tool_calls=[award_call(100000)]))
    over = record(calc_item(150000, id="o"), answer("", tool_calls=[award_call(150000), award_call(200000)]))
    invented = record(calc_item(None, id="n"), answer("", tool_calls=[award_call(1)]))
    zero_given = record(calc_item(0, id="z"), answer("", tool_calls=[award_call(0)]))
    m = compute_metrics([under, over, invented, zero_given])
    assert m.award_over_rate == 0.5
    assert m.support["award_over_rate"] == 4
    assert "金额不符：期望 150,000，计算器给出 100,000" in judge(under).reasons
    assert "award_over_rate" in LOWER_IS_BETTER


def test_zero_award_is_a_number_not_null() -> None:
    zero = calc_item(0)
    assert zero.expects_award and zero.expected.award_yuan == Decimal(0)
    assert calculator_correct(zero, answer("", tool_calls=[award_call(0)]))
    assert not calculator_correct(zero, answer("", tool_calls=[award_call(None)]))
    assert not calculator_correct(zero, answer("", tool_calls=[]))


def test_null_award_handling() -> None:
    null = calc_item(None)
    assert null.expects_award and null.expected.award_yuan is None
    # No figure at all, or tools that explicitly return null: correct.
    assert calculator_correct(null, answer("按现有奖励政策执行，正文未定金额。"))
    assert calculator_correct(null, answer("未定金额", tool_calls=[award_call(None)]))
    # An invented figure or an out-of-scope decline: wrong.
    assert not calculator_correct(null, answer("", tool_calls=[award_call(None), award_call(500000)]))
    assert not calculator_correct(null, answer("抱歉", refused=True))
    assert not calculator_correct(null, answer("抱歉", answerability="out_of_scope"))
    records = [
        record(null, answer("未定金额", [cite(3, UNITS_3)])),
        record(calc_item(None, id="t-n2"), answer("50 万", [cite(3, UNITS_3)], tool_calls=[award_call(500000)])),
    ]
    assert compute_metrics(records).calculator_exact == 0.5
    assert judge(records[1]).reasons == ["金额不符：期望 无固定金额，计算器给出 500,000（高估）"]


def test_null_award_not_in_text_decline_is_correct() -> None:
    """A support whose amount the text leaves open: declining as not_in_text is the right answer."""
    null = calc_item(
        None, kind="calculator", gold_articles=[12], gold_units=[], must_refuse=True, answerability="not_in_text"
    )
    decline = answer("原文第十二条未规定金额", [cite(12)], answerability="not_in_text")
    assert decline.refused
    assert calculator_correct(null, decline)
    # Still wrong: the decline names a figure from a tool, or declines as out of scope.
    assert not calculator_correct(null, decline.model_copy(update={"tool_calls": [award_call(100000)]}))
    assert not calculator_correct(null, answer("抱歉", answerability="out_of_scope"))
    r = record(null, decline)
    assert judge(r).passed
    assert compute_metrics([r]).calculator_exact == 1.0


def test_items_without_award_key_are_not_calculator_items() -> None:
    plain = item()
    assert not plain.expects_award
    assert compute_metrics([record(plain, perfect_answer())]).support["calculator_exact"] == 0


@pytest.mark.parametrize(
    ("expected", "text", "found"),
    [
        ("500万元", "每年最高 500 万元。", True),
        ("500万元", "最高500万", True),
        ("500 万元", "最高500万元", True),
        ("15%", "增速不低于 15％", True),
        ("3-5年", "力争用3～5年时间", True),
        ("3-5年", "用 3 至 5 年", True),
        ("穗府规〔2019〕1号", "按穗府规[2019] 1 号给予补贴", True),
        ("60家", "不少于160家", False),
        ("1.5%", "按11.5%奖励", False),
        ("15%", "按1.5%奖励", False),
        ("200亿元", "规模 200 亿", True),
        ("200亿元", "规模 2000 亿元", False),
    ],
)
def test_numeric_value_forms(expected: str, text: str, found: bool) -> None:
    assert mentions_value(expected, text) is found


def test_numeric_fact_accuracy_with_spaces() -> None:
    fact = item(id="t-num", kind="numeric_fact", expected={"value": "500万元"}, gold_units=[])
    right = record(fact, answer("每年最高 500 万元。", [cite(3)]))
    wrong = record(
        item(id="t-num2", kind="numeric_fact", expected={"value": "15%"}, gold_units=[]), answer("1.5%", [cite(3)])
    )
    m = compute_metrics([right, wrong])
    assert m.numeric_accuracy == 0.5
    assert judge(right).passed
    assert judge(wrong).reasons == ["回答中没有数值 15%"]


def test_units_from_text_or_citations() -> None:
    units_item = item(kind="responsible_unit")
    in_text = answer("责任单位：市科技局、市发展改革委。", [cite(3)])
    in_citations = answer("见第三条。", [cite(3, ["市科技局"]), cite(3, ["市发展改革委"])])
    split = answer("市科技局负责。", [cite(3, ["市发展改革委"])])
    partial = answer("市科技局负责。", [cite(3)])
    assert missing_units(units_item, in_text) == []
    assert missing_units(units_item, in_citations) == []
    assert missing_units(units_item, split) == []
    assert missing_units(units_item, partial) == ["市发展改革委"]
    m = compute_metrics([record(units_item, a) for a in (in_text, in_citations, split, partial)])
    assert m.unit_accuracy == 0.75
    assert judge(record(units_item, partial)).reasons == ["未提及责任单位 市发展改革委"]


def test_extra_document_citations_are_not_policy_articles() -> None:
    a = answer("", [cite(3, document="some-regulation"), cite(5), cite(5), cite(None)])
    assert cited_articles(a) == [5]


def test_retrieval_over_answerable_items_only() -> None:
    records = [
        record(item(id="a"), perfect_answer(), ranked=[3]),
        record(item(id="b"), perfect_answer(), ranked=[1, 2, 3]),
        record(item(id="c"), perfect_answer(), ranked=[]),
        record(refusal_item(), answer("抱歉", refused=True), ranked=[9]),
    ]
    m = compute_metrics(records)
    assert m.support["mrr"] == 3
    assert m.hit_at_1 == pytest.approx(1 / 3)
    assert m.hit_at_3 == pytest.approx(2 / 3)
    assert m.mrr == pytest.approx((1 + 1 / 3 + 0) / 3)


def test_latency_percentiles_in_ms() -> None:
    records = [record(item(id=f"l{i}"), perfect_answer(), seconds=s) for i, s in enumerate([0.04, 0.01, 0.03, 0.02])]
    m = compute_metrics(records)
    assert m.latency_p50_ms == pytest.approx(25.0)
    assert m.latency_p95_ms == pytest.approx(38.5)
    assert percentile([], 50) is None
    assert percentile([7.0], 95) == 7.0


def test_errored_records_fail_and_have_no_latency() -> None:
    from evals.metrics import ItemResult

    broken = ItemResult(item=item(), answer=answer(), ranked_articles=[], seconds=0.0, error="连接被拒绝")
    m = compute_metrics([broken, record(item(id="ok"), perfect_answer(), seconds=0.02)])
    assert m.support["latency_p50_ms"] == 1
    assert m.latency_p50_ms == pytest.approx(20.0)
    assert judge(broken).reasons[0] == "系统出错：连接被拒绝"


def test_breakdown_per_kind() -> None:
    records = [
        record(item(id="a"), perfect_answer()),
        record(item(id="b"), answer("错", [cite(5)])),
        record(refusal_item(), answer("抱歉", refused=True)),
        record(calc_item(150000), answer("", [cite(3, UNITS_3)], tool_calls=[award_call(150000)])),
    ]
    by_kind = metrics_by_kind(records)
    assert list(by_kind) == ["article_lookup", "out_of_scope", "calculator"]
    assert by_kind["article_lookup"].items == 2
    assert by_kind["article_lookup"].citation_hit == 0.5
    assert by_kind["article_lookup"].refusal_accuracy is None
    assert by_kind["out_of_scope"].refusal_accuracy == 1.0
    assert by_kind["calculator"].calculator_exact == 1.0


def test_metric_lookup_by_name() -> None:
    m = compute_metrics([record(item(), perfect_answer())])
    assert {name: m.value(name) for name in ALL_METRICS}["citation_hit"] == 1.0
    with pytest.raises(KeyError):
        m.value("nonsense")
