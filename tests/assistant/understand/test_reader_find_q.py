"""Classes the award find set of the twenty-fourth round showed (my own wordings): one deal of a
place told again in parts (what arrived and the rest to come), and a follow-on investment (追加)
in the investee told before."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str, rule: str = "article3") -> Decimal | int | None:
    return ENGINE.evaluate(rule, session(*messages)).award_yuan


def test_one_deal_of_a_place_told_again_in_parts_keeps_its_year():
    # 海珠 1000万 → 700万 arrived (in 2025, the deal's year) + 300万 to come: (3000万 + 700万) × 1.5%.
    assert award(
        "我们是佛山的创投，2025年投了两家广州初创期科小：天河一家到账3000万，海珠一家做新材料的，1000万",
        "刚核对了一下，海珠那家其实只到了700万，另外300万明年才打。今年这两笔能拿多少？",
    ) == Decimal(555_000)


def test_two_new_figures_with_no_restating_word_stay_new_deals():
    # 「另外」 without 其实/核对: a second and a third deal, not the 海珠 one told again.
    facts = session(
        "我们是佛山的创投，2025年投了海珠一家初创期科小1000万",
        "2025年还投了海珠另外两家，一家700万，另一家300万",
    )
    assert len(facts.investments) == 3


def test_a_follow_on_investment_goes_to_the_investee_told_before():
    facts = session(
        "我们是中山的股权投资机构，2023年投了番禺一家初创期的公司，到账4000万",
        "2024年我们又追加了1500万",
    )
    assert [i.investee_place for i in facts.investments] == ["番禺", "番禺"]


def test_a_deal_withdrawn_in_a_month_named_by_its_digit_leaves_the_estimate():
    # 「9月份」 is a date, not an amount: the 白云 deal is still the one called off.
    assert award(
        "我们是江门的创投，今年投了两家广州初创期科小：天河一家到账2000万，白云一家到账1000万",
        "白云那家9月份钱全额退回了，别算",
        "现在能拿多少",
    ) == Decimal(300_000)


def test_places_listed_respectively_after_the_deals_go_to_them_in_order():
    facts = session(
        "我们是珠海的创投，今年投了广州三家初创期科小，到账分别是1000万、1500万和2000万，三家分别在白云、荔湾、花都"
    )
    assert [i.investee_place for i in facts.investments] == ["白云", "荔湾", "花都"]
