"""Classes a tenth blind award set found: a vague round in its own list item, the investee's
registered place, a family office, escrowed money, leasing, a written-out year beside 去年, who
really paid, a subsidy already handled, and a correction that names a deal by its year."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def test_a_vague_round_of_one_list_item_is_not_the_next_items_stage():
    facts = session(
        "珠海香洲一家VC去年投了三家：番禺一家种子轮500万、花都一家Pre-A轮900万、白云一家B轮3000万，都到账了"
    )
    stages = [(i.amount, i.stage, i.stage_unclear) for i in facts.investments]
    assert stages[1] == (Decimal(9_000_000), None, True)
    assert ENGINE.evaluate("article3", facts).award_yuan is None  # the Pre-A stage is asked, never guessed


def test_the_place_a_company_is_registered_in_is_the_investees():
    facts = session("东莞一家创投今年投了一家注册在深圳宝安的种子期芯片企业，到账2000万。对方说明年可能来广州设分公司")
    assert [i.investee_place for i in facts.investments] == ["宝安"]
    assert [i.key for i in facts.institutions] == ["self"]
    assert ENGINE.evaluate("article3", facts).award_yuan == 0


def test_a_family_office_is_asked_whether_it_is_an_equity_institution():
    facts = session("我们是澳门的一个家族办公室，用自有资金投了南沙一家初创期科技企业1000万，已到账")
    result = ENGINE.evaluate("article3", facts)
    assert result.award_yuan is None and result.question_slot == "institution_kind"


def test_money_held_in_an_escrow_account_is_asked_about():
    facts = session("中山一家创投投了增城一家种子期企业2000万，钱在共管账户里，企业还不能动用，算实际到账吗")
    assert ENGINE.evaluate("article3", facts).award_yuan is None


def test_a_finance_lease_is_no_equity_investment():
    facts = session("我们是珠海的一家融资租赁公司，给黄埔一家初创期企业做了1500万的设备融资租赁，钱已经付了")
    assert ENGINE.evaluate("article3", facts).award_yuan == 0


def test_the_year_written_in_brackets_beats_the_relative_word():
    facts = session("我们是惠州的创投，去年（2023年）投了天河一家种子期企业，到账1000万，尾款500万今年再打")
    assert [(i.amount, i.year) for i in facts.investments] == [(Decimal(10_000_000), 2023)]


def test_a_correction_of_who_paid_moves_the_deals_to_that_institution():
    facts = session(
        "我们是澳门的基金，投了海珠一家种子期企业1000万，已到账",
        "更正一下，出钱的其实是我们在杭州的那支人民币基金，澳门那边没出钱",
    )
    assert {i.institution for i in facts.investments} == {"杭州"}
    assert ENGINE.evaluate("article3", facts).award_yuan == 0


def test_a_contribution_whose_subsidy_was_handled_is_set_aside():
    facts = session(
        "我们是番禺区的政策性融资担保公司，2021年设立时区财政出资2亿，那次的补助早就拨付下来了",
        "今年增资，区财政又出了1亿，市财政最多补多少？",
    )
    assert [c.amount for c in facts.contributions] == [Decimal(100_000_000)]
    assert ENGINE.evaluate("article11", facts).award_yuan == 40_000_000


def test_a_correction_names_the_deal_by_its_old_year():
    facts = session(
        "我们是江门的股权投资机构，2023年到账3亿、2024年到账1亿，都投的广州初创期科技型中小企业",
        "说错了，2024那笔其实是2023年底到的账",
    )
    assert sorted(i.year for i in facts.investments) == [2023, 2023]
    assert ENGINE.evaluate("article3", facts).award_yuan == 5_000_000
