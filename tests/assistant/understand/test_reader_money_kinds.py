"""Figures that look like investments but are not, and figures whose arrival is still to come.

Each class is tested with a phrasing of its own: an agreed amount with what arrived in brackets,
money coming back on an exit, a cap said twice, old shares bought from a shareholder, a tranche due
next month or held in escrow, a foreign amount with its yuan value beside it, a list after 分别.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.understand import Reader

READER = Reader.default(this_year=2026)


def received(message: str) -> list[Decimal]:
    return [i.amount for i in READER.read(message).facts.investments if i.status in ("received", "unstated")]


def reasons(message: str) -> dict[str, str]:
    return {f.text: f.reason for f in READER.read(message).facts.set_aside}


def test_an_amount_before_a_bracketed_arrival_is_the_agreed_one():
    message = "我们在佛山，投了越秀一家初创期科小3000万（实际到账1800万），另投天河种子期500万（到账）"
    assert sorted(received(message)) == [Decimal(5_000_000), Decimal(18_000_000)]


def test_money_back_from_an_exit_is_not_invested():
    message = "我们在广州，今年投本市种子期科技型中小企业到账1亿，另外退出一个老项目收回3000万，奖励多少"
    assert received(message) == [Decimal(100_000_000)]
    assert "退出" in reasons(message)["3000万"]


def test_a_cap_named_again_in_the_same_question_stays_a_cap():
    message = "最高不超过500万，这个500万是按年算吗？我们今年到账投了海珠初创期科小2亿"
    assert received(message) == [Decimal(200_000_000)]


def test_old_shares_bought_from_a_shareholder_are_set_aside():
    message = "我们受让了黄埔一家初创期科小的老股，转让款800万付给了创始人，能拿奖励吗"
    assert received(message) == []
    assert "老股" in reasons(message)["800万"]


def test_a_tranche_due_later_or_in_escrow_has_not_arrived():
    assert received("投番禺初创期科小，首期600万已到账，尾期400万下个月到账") == [Decimal(6_000_000)]
    pending = READER.read("投南沙种子期科小1500万，钱还在共管账户里，奖励多少").facts.investments
    assert [i.status for i in pending] == ["pending"]


def test_a_foreign_amount_with_its_yuan_value_is_read_by_the_yuan():
    reading = READER.read("我们是香港基金，200万美元投了南沙一家初创期科小，折合人民币1,420万元，已到账")
    assert [i.amount for i in reading.facts.investments] == [Decimal(14_200_000)]
    assert reading.facts.unclear == []


def test_a_respectively_list_is_not_taken_for_a_total():
    message = "我们在广州，投了3家初创期科小，分别到账900万、600万、300万"
    assert sorted(received(message)) == [Decimal(3_000_000), Decimal(6_000_000), Decimal(9_000_000)]


def test_one_of_the_counted_investees_is_not_an_investor():
    facts = READER.read("我们是黄埔的基金，今年投了两家种子期科小，一家在海珠到账700万，一家在白云到账300万").facts
    assert {i.institution for i in facts.investments} == {"self"}
    assert [i.investee_place for i in facts.investments] == ["海珠", "白云"]


def test_where_the_company_is_registered_wins_over_where_it_does_business():
    facts = READER.read("我们在广州，投了一家注册在番禺、但主要客户在澳门的初创期科小，到账1000万").facts
    assert [i.investee_place for i in facts.investments] == ["番禺"]


def test_an_undecided_home_for_the_investee_is_asked():
    facts = READER.read("投了一家初创期科小900万已到账，公司落地还没定，可能在广州也可能在佛山").facts
    assert [q.slot for q in facts.unclear] == ["investee_place"]


def test_a_manager_named_by_place_is_the_investor():
    facts = READER.read("基金管理人在南沙，今年投了增城一家种子期科小到账400万").facts
    assert facts.institution("self").place == "南沙"


def test_a_thousands_comma_ends_no_clause():
    reading = READER.read("我们澳门的基金投了黄埔一家种子期科小2,500万港币，已到账")
    assert reading.facts.investments == [] and [q.slot for q in reading.facts.unclear] == ["received_amount"]


def test_money_put_into_a_fund_as_its_lp_is_not_invested():
    message = "我们母基金今年向两支子基金实缴了6000万（认缴1.2亿），另外直投了增城一家种子期科小800万，已到账"
    assert received(message) == [Decimal(8_000_000)]
    assert "LP份额" in reasons(message)["6000万"]


def test_a_kind_of_money_said_to_be_absent_or_far_from_an_investing_verb_is_no_cue():
    assert received("被投的是一家还没有收入的初创期科小，在南沙，我们投了600万已到账") == [Decimal(6_000_000)]
    assert received("一家刚有一点营收的种子期科小（白云），我们投资900万，已到账") == [Decimal(9_000_000)]


def test_another_deal_without_its_amount_is_asked():
    reading = READER.read("如果下个月再投一笔呢，总共能拿多少")
    assert [q.slot for q in reading.facts.unclear] == ["amount"]
