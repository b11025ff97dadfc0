"""Classes a fifteenth blind award set found (my own wordings): a round's total beside co-investors,
a figure still being checked, a manager apart from the fund that paid, English cues, English
investee places, a subscription set aside, money that came in a later year, and two funds each
named again by its place."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.assistant.understand.sessions import ENGINE, session


@pytest.mark.parametrize(
    "messages",
    [
        # the round's size with others in it: the asker's own share is asked
        ("我们是佛山的创投，本轮融资合计8000万，我们领投，还有两家机构跟投，钱都到账了，番禺那家是种子期的科小",),
        # the figure given is not the settled one
        ("我们是珠海的基金，今年投广州初创期科小到账两亿出头，具体金额还在跟托管行核对，能拿多少",),
        # the manager sits apart from the fund that paid
        (
            "我们是前海的创投，今年投了越秀一家种子期科小3000万，已到账",
            "补充一下，钱是从我们管的一只注册在成都的基金出的，前海这边只是管理人",
        ),
    ],
)
def test_what_the_message_leaves_open_is_asked_never_computed(messages):
    assert ENGINE.evaluate("article3", session(*messages)).award_yuan is None


def test_english_registered_capital_and_valuation_are_set_aside():
    facts = session(
        "We are a VC in Macau. We invested RMB 30 million in a start-up stage tech SME in Nansha, fully received. "
        "Its registered capital is 800万 and the valuation is 5亿."
    )
    assert [i.amount for i in facts.investments] == [Decimal(30_000_000)]
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(450_000)


def test_a_place_before_companies_in_english_is_the_investees():
    facts = session(
        "We're a fund based in Zhuhai. This year we put RMB 100 million into two Guangzhou start-ups, all seed stage 科技型中小企业, all received."
    )
    assert [i.investee_place for i in facts.investments] == ["广州"]


def test_an_lp_subscription_does_not_make_the_next_list_item_signed():
    facts = session(
        "我们是惠州的创投，LP认缴规模20个亿。今年投了两家初创期科小：天河一家8000万、白云一家4000万，钱今年都到账了"
    )
    assert [i.status for i in facts.investments] == ["received", "received"]
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(1_800_000)


def test_the_rest_that_came_in_a_later_year_counts_in_that_year():
    facts = session(
        "我们是江门的基金，2024年投了海珠一家种子期科小，协议6000万，当年到了4000万，余下的2000万是2025年5月才打过去的"
    )
    assert sorted((i.year, i.amount) for i in facts.investments) == [
        (2024, Decimal(40_000_000)),
        (2025, Decimal(20_000_000)),
    ]


def test_two_funds_named_again_by_their_place_are_each_capped_on_their_own():
    facts = session(
        "中山的一支基金和肇庆的一支基金一起投了黄埔一家初创期科小。中山那边实际打款4亿，肇庆那边打了1000万，都已到账"
    )
    result = ENGINE.evaluate("article3", facts)
    assert result.award_yuan == Decimal(5_000_000) + Decimal(150_000)  # 4亿 is capped for its own fund only


def test_a_capital_increase_from_retained_earnings_brings_no_district_money():
    facts = session(
        "从化区的区级政策性融资担保公司今年增资，注册资本从2亿增到3亿，用的是盈余公积转增，区财政没有另外出资。市里能补多少"
    )
    assert facts.guarantor.no_district_money
    assert ENGINE.evaluate("article11", facts).award_yuan == 0


def test_an_english_district_guarantee_increase_counts_only_the_new_district_money():
    facts = session(
        "A district-level policy financing guarantee company in Huadu: the district finance bureau injected RMB 200 million "
        "of new capital, on top of the original 5亿 registered capital; its guarantee balance is about 40亿. "
        "How much could the city subsidise at most?"
    )
    assert [c.amount for c in facts.contributions] == [Decimal(200_000_000)]
    assert ENGINE.evaluate("article11", facts).award_yuan == Decimal(80_000_000)
