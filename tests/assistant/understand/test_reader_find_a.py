"""Classes the find set a1 showed (my own wordings): a place said only as a drive away, funders' shares
of a new institution or of an increase, a round's total beside the asker's own ticket, a year the
question narrows to in a clause of its own, and an English investee with its trade before the noun."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, READER, session


def test_a_place_only_a_drive_away_is_nobodys_seat():
    facts = session(
        "我们基金在韶关，坐高铁到广州一个半小时。今年投了天河一家初创期科技型中小企业，到账2000万，能拿多少？"
    )
    assert ENGINE.evaluate("article3", facts).award_yuan == 0


def test_funders_shares_of_a_new_institution():
    # 8亿 × 60% = 4.8亿 from the district treasury; × 40% = 1.92亿.
    facts = session(
        "从化区要新设立一家区级政策性融资担保公司，注册资本8亿，区财政出资60%，区属国企30%，民营资本10%。市财政最多补多少？"
    )
    assert ENGINE.evaluate("article11", facts).award_yuan == Decimal(192_000_000)


def test_funders_shares_of_an_increase():
    # 5亿 × 80% = 4亿; × 40% = 1.6亿.
    facts = session(
        "天河区的政策性融资担保公司今年增资，新增出资5亿，其中区财政占80%，另外20%是市属国企出的。最多补多少？"
    )
    assert ENGINE.evaluate("article11", facts).award_yuan == Decimal(160_000_000)


def test_a_rounds_total_beside_the_askers_ticket_is_set_aside():
    facts = session(
        "We are a Macau fund. We joined the seed round of a 黄埔 biotech startup (科技型中小企业, pre-revenue); "
        "the total round is RMB 50 million and our ticket is RMB 10 million, fully paid. How much can we get?"
    )
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(150_000)


def test_a_year_narrowed_to_in_its_own_clause():
    assert READER.read("那只看2025年，这一年能拿多少？").asked_years == [2025]


def test_capital_changed_to_a_figure_is_registered_capital():
    facts = session(
        "我们是白云一家初创期科技型中小企业，今年拿了东莞一家创投的投资，到账800万，注册资本变更到了1200万。投资方能拿多少？"
    )
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(120_000)


def test_money_in_escrow_beside_what_arrived_is_not_asked():
    facts = session(
        "我们是江门的创投，投了南沙一家初创期科技型中小企业3000万。",
        "核对了一下，到账的是2500万，还有500万在共管账户里没放。能拿多少？",
    )
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(375_000)


def test_an_existing_institutions_increase_is_new_money():
    facts = session("番禺区给原有的区级政策性融资担保公司增资6000万，全部由区财政出资。市里最多补多少？")
    assert ENGINE.evaluate("article11", facts).award_yuan == Decimal(24_000_000)


def test_a_fund_raised_is_no_investment():
    facts = session("我们是广州的创投，今年基金募了20亿，投了花都一家种子期科技型中小企业，到账1000万。能拿多少？")
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(150_000)
