"""Answerability: judge reasons, the four new rates, and the expected × got confusion counts."""

from __future__ import annotations

import pytest

from assistant.schemas import Answer
from evals.answerability import ANSWERABILITIES, answerability_confusion, answerability_reasons, confusion_json
from evals.dataset import EvalItem
from evals.metrics import compute_metrics, judge, metrics_by_kind
from tests.evals.helpers import answer, cite, item, perfect_answer, record, refusal_item


def nit_item(**overrides: object) -> EvalItem:
    """A not_in_text item: the text names the article 3 award but not its deadline."""
    fields: dict[str, object] = {
        "id": "t-nit",
        "question": "第三条投资奖励的申报截止日期是哪天？",
        "kind": "not_in_text",
        "must_refuse": True,
        "answerability": "not_in_text",
    }
    return item(**{**fields, **overrides})


def mention_item(**overrides: object) -> EvalItem:
    """Which articles mention 南沙区: (六) and (十九)."""
    fields: dict[str, object] = {
        "id": "t-mention",
        "question": "哪些条款提到南沙区？",
        "kind": "mention",
        "gold_articles": [6, 19],
        "gold_units": [],
    }
    return item(**{**fields, **overrides})


def nit_decline(*articles: int) -> Answer:
    return answer(
        "原文未规定申报时间。责任单位：市科技局、市发展改革委。",
        [cite(n) for n in articles],
        answerability="not_in_text",
    )


def oos_decline() -> Answer:
    return answer("抱歉，超出范围", answerability="out_of_scope")


def test_not_in_text_decline_citing_the_article_passes() -> None:
    assert answerability_reasons(nit_item(), nit_decline(3)) == []
    assert judge(record(nit_item(), nit_decline(3))).passed


def test_wrong_kind_of_decline() -> None:
    assert judge(record(nit_item(gold_articles=[], gold_units=[]), oos_decline())).reasons == [
        "拒答类型不符：应为 not_in_text，实为 out_of_scope"
    ]
    assert judge(record(refusal_item(), nit_decline())).reasons == ["拒答类型不符：应为 out_of_scope，实为 not_in_text"]


def test_not_in_text_decline_must_point_at_a_gold_article() -> None:
    assert judge(record(nit_item(), nit_decline(5))).reasons == ["拒答未指向相关条款"]
    assert judge(record(nit_item(), nit_decline())).reasons == ["拒答未指向相关条款"]
    # With several gold articles any one of them will do.
    assert judge(record(nit_item(gold_articles=[8, 12], gold_units=[]), nit_decline(12))).passed
    # Without gold articles (a question about the policy as a whole) there is nothing to point at.
    assert judge(record(nit_item(gold_articles=[], gold_units=[]), nit_decline())).passed


def test_answering_or_wrongly_declining_keeps_the_old_reasons() -> None:
    assert judge(record(nit_item(), perfect_answer())).reasons == ["应拒答却作答"]
    assert judge(record(item(), nit_decline(3))).reasons == ["误拒答"]
    assert judge(record(item(), oos_decline())).reasons[0] == "误拒答"


def test_not_in_text_items_are_not_scored_for_retrieval_or_citations() -> None:
    m = compute_metrics([record(nit_item(), nit_decline(3))])
    assert m.support["mrr"] == 0
    assert m.citation_hit is None
    assert m.refusal_accuracy == 1.0
    # The decline names the units of the nearest article.
    assert m.unit_accuracy == 1.0


def test_answerability_rates() -> None:
    records = [
        record(item(id="a1"), perfect_answer()),
        record(item(id="a2"), nit_decline(3)),
        record(nit_item(id="n1"), nit_decline(3)),
        record(nit_item(id="n2"), oos_decline()),
        record(nit_item(id="n3"), perfect_answer()),
        record(refusal_item(id="o1"), oos_decline()),
        record(refusal_item(id="o2"), oos_decline()),
        record(refusal_item(id="o3"), nit_decline()),
    ]
    m = compute_metrics(records)
    assert m.answerability_accuracy == pytest.approx(4 / 8)
    assert m.support["answerability_accuracy"] == 8
    assert m.refusal_not_in_text == pytest.approx(1 / 3)
    assert m.support["refusal_not_in_text"] == 3
    assert m.refusal_out_of_scope == pytest.approx(2 / 3)
    assert m.support["refusal_out_of_scope"] == 3
    # Any decline still counts for the older refusal_accuracy.
    assert m.refusal_accuracy == pytest.approx(5 / 6)


def test_rates_without_data_are_none() -> None:
    m = compute_metrics([record(item(), perfect_answer())])
    assert m.answerability_accuracy == 1.0
    assert (m.refusal_not_in_text, m.refusal_out_of_scope, m.mention_all_gold) == (None, None, None)


def test_mention_all_gold_over_answered_mention_items_only() -> None:
    records = [
        record(mention_item(id="m1"), answer("（六）（十九）", [cite(6), cite(19)])),
        record(mention_item(id="m2"), answer("（六）", [cite(6)])),
        record(mention_item(id="m3"), oos_decline()),
        # Not a mention item: counts for citation_all_gold, not mention_all_gold.
        record(item(id="a1", gold_articles=[3, 5], gold_units=[]), answer("", [cite(3)])),
    ]
    m = compute_metrics(records)
    assert m.mention_all_gold == 0.5
    assert m.support["mention_all_gold"] == 2
    assert m.citation_all_gold == pytest.approx(1 / 3)
    assert judge(records[1]).reasons == ["漏引条款 19"]
    assert metrics_by_kind(records)["mention"].mention_all_gold == 0.5


def test_confusion_counts_every_pair() -> None:
    records = [
        record(item(id="a1"), perfect_answer()),
        record(item(id="a2"), perfect_answer()),
        record(item(id="a3"), nit_decline(3)),
        record(nit_item(id="n1"), nit_decline(3)),
        record(nit_item(id="n2"), oos_decline()),
        record(refusal_item(id="o1"), nit_decline()),
    ]
    counts = answerability_confusion(records)
    assert len(counts) == 9
    assert counts["answered", "answered"] == 2
    assert counts["answered", "not_in_text"] == 1
    assert counts["not_in_text", "not_in_text"] == 1
    assert counts["not_in_text", "out_of_scope"] == 1
    assert counts["out_of_scope", "not_in_text"] == 1
    assert counts["out_of_scope", "out_of_scope"] == 0
    assert sum(counts.values()) == len(records)
    nested = confusion_json(records)
    assert list(nested) == list(ANSWERABILITIES)
    assert nested["answered"] == {"answered": 2, "not_in_text": 1, "out_of_scope": 0}


def test_expected_answerability_drives_the_confusion_for_legacy_items() -> None:
    """An item with only must_refuse (no answerability field) expects out_of_scope."""
    legacy = refusal_item()
    assert legacy.answerability is None
    counts = answerability_confusion([record(legacy, oos_decline())])
    assert counts["out_of_scope", "out_of_scope"] == 1
