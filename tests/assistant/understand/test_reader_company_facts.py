"""Facts about the funded company itself (when it was founded, what it earns) are read as
descriptions: they settle a stage only when they agree, and a year that dates them is no year
money arrived in (my own wordings)."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str) -> Decimal | int | None:
    return ENGINE.evaluate("article3", session(*messages)).award_yuan


def test_young_but_large_revenue_is_asked_not_read_as_start_up():
    # 「成立不到两年」 says young, 「营收三个亿」 says grown: the stage is asked, never 1.5% of 1000万.
    assert award("我们是深圳的创投，投了广州一家成立不到两年的公司，去年营收三个亿，到账1000万，奖励多少") is None


def test_just_founded_and_over_a_hundred_million_is_asked():
    assert award("佛山的基金投了黄埔一家刚成立的科技公司，营收过亿，实际到账2000万，能拿多少？") is None


def test_a_young_company_alone_is_start_up():
    assert award("我们是广州的基金，投了广州一家成立半年的科技公司500万，到账了，能拿多少") == Decimal(75_000)


def test_revenue_not_yet_over_a_hundred_million_is_no_growth_stage():
    assert award("我们是广州的基金，投了天河一家刚成立的科技公司，营收还没过亿，到账500万，能拿多少") == Decimal(75_000)


def test_revenue_over_a_hundred_million_alone_is_growth_stage():
    assert award("我们是广州的基金，投了一家营收过亿的广州科技公司，到账500万，能拿多少") == 0


def test_the_founding_year_is_not_the_year_of_the_money():
    # 「去年」 dates the founding; the only year of money is 今年: one 500万 cap, not 300万 in each of two years.
    assert award(
        "我们是广州的创投基金，投了一家去年成立的广州初创科技企业，到账2亿；另一家广州初创企业今年到账2亿。奖励多少？"
    ) == Decimal(5_000_000)
