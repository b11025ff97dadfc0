"""Classes the sealed award set of the seventeenth round found after its first score (my own
wordings): facts told of every deal, a co-investor asked about beside the asker, a round's size told
after its parts, guarantee capital restated by funder or in another city, a signed deal paid in
full, investors listed after a colon, a group's funds named in a later turn, a stage told by its
description, years said for all deals or by the sentence before a table, and shares the asker
cannot split yet."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str, rule: str = "article3") -> Decimal | int | None:
    return ENGINE.evaluate(rule, session(*messages)).award_yuan


def test_facts_told_of_every_deal_hold_for_deals_of_later_turns():
    assert award(
        "我们是前海的创投，投的全都是广州的初创期科技型中小企业",
        "2024年到账合计3000万",
        "2025年到账合计1亿",
    ) == Decimal(1_950_000)  # 3000万 × 1.5% = 45万; 1亿 × 1.5% = 150万


def test_facts_said_of_the_deals_counted_do_not_stand_for_later_ones():
    facts = session("我们是珠海的基金，这两家全是种子期的", "2024年到账合计2000万", "另外2025年又投了一家，到账1000万")
    assert [i.stage for i in facts.investments] == ["种子期", None]


def test_a_co_investor_asked_about_beside_the_asker_is_estimated_under_its_own_cap():
    assert award(
        "我们是江门的创投，2026年领投了天河一家种子期科技型中小企业，我们到账4亿",
        "同一轮还有中山的另一家基金跟投，跟我们不是一家，他们到账2000万。这轮总融资4.2亿",
        "我们和中山那家各能拿多少？加起来呢",
    ) == Decimal(5_300_000)  # 4亿 × 1.5% = 600万 → 500万; 2000万 × 1.5% = 30万


def test_a_co_investor_not_asked_about_is_not_estimated():
    assert award(
        "我们是江门的创投，2026年领投了天河一家种子期科技型中小企业，我们到账4000万",
        "同一轮还有中山的另一家基金跟投，他们到账2000万",
        "我们能拿多少",
    ) == Decimal(600_000)


def test_guarantee_capital_restated_by_funder_replaces_the_total():
    assert award(
        "越秀区今年新设一家区级政策性融资担保公司，注册资本3亿，都是区财政出的",
        "核对了一下，区财政实际出资2亿，另外1亿是区属国企出的",
        "那按2亿算，市财政最多补多少？",
        rule="article11",
    ) == Decimal(80_000_000)


def test_a_later_increase_that_adds_up_to_an_earlier_one_is_new_money():
    assert award(
        "我们是海珠区的区级政策性融资担保公司，2024年增资1亿，全部区财政出资",
        "2025年又增了一次资，区财政出了7000万，一家民企出了3000万",
        rule="article11",
    ) == Decimal(68_000_000)  # (1亿 + 7000万) × 40%


def test_capital_put_into_a_guarantee_company_in_another_city_is_left_out():
    assert award(
        "我们集团有两家区级政策性融资担保公司：一家在广州花都，花都区财政今年新增出资5000万；"
        "另一家在佛山顺德，区财政今年注资1亿。两家一共能拿多少？",
        rule="article11",
    ) == Decimal(20_000_000)


def test_a_joint_figure_of_the_district_treasury_and_another_funder_is_asked_not_zero():
    assert (
        award(
            "南沙区新设一家区级政策性融资担保公司，区财政和区属国企两家合计出了8亿左右，怎么分还没定，"
            "另外2亿是省里的再担保公司出的。市财政最多补多少？",
            rule="article11",
        )
        is None
    )


def test_a_signed_deal_said_paid_in_full_counts_beside_a_part_paid_one():
    assert award(
        "我们是东莞的基金，2025年投了两家广州的种子期科小：白云那家签了4000万，实际到账3000万；"
        "荔湾那家签了1000万，已经全部打过去了。能拿多少",
    ) == Decimal(600_000)  # (3000万 + 1000万) × 1.5%


def test_investors_listed_after_a_colon_each_have_their_place():
    facts = session(
        "集团下面两家投资公司：甲公司在澳门，乙公司在江门。今年甲公司投了番禺一家种子期科小，到账2000万；"
        "乙公司投了花都一家初创期科小，到账1000万"
    )
    assert {i.key: i.place for i in facts.institutions if i.key in ("甲", "乙")} == {"甲": "澳门", "乙": "江门"}


def test_funds_of_the_asker_named_in_a_later_turn_are_where_the_asker_is():
    assert award(
        "我们是中山的管理人，旗下两支基金也都注册在中山",
        "A基金今年投了越秀一家种子期科小，到账1000万；B基金投了天河一家初创期科小，到账2000万",
    ) == Decimal(450_000)


def test_a_company_told_by_its_revenue_and_ipo_tutoring_is_past_the_early_stages():
    assert award("我们是广州的创投，投了天河一家公司1亿，已到账。这家公司营收3个亿，已经在做上市辅导") == 0


def test_rows_of_a_table_keep_the_year_of_the_sentence_before_it_not_the_questions():
    facts = session(
        "我们是南沙的基金，2025年投的项目如下，今年能拿多少：\n"
        "项目 | 注册地 | 阶段 | 实际到账\n"
        "甲 | 黄埔 | 种子期 | 1000万\n"
        "乙 | 海珠 | 初创期 | 2000万"
    )
    assert [i.year for i in facts.investments] == [2025, 2025]


def test_a_clause_saying_when_all_the_money_arrived_sets_every_deals_year():
    facts = session(
        "我们是江门的基金，2024年签了两个初创期项目：天河一家到账1亿，白云一家到账8000万。两笔都是2025年到的。"
    )
    assert [i.year for i in facts.investments] == [2025, 2025]


def test_the_rest_paid_off_has_arrived():
    facts = session("我们是珠海的基金，投了越秀一家初创期科小：2023年打了5000万，2024年把剩下的3000万付清了")
    assert [(i.year, i.status) for i in facts.investments] == [(2023, "received"), (2024, "received")]


def test_money_not_all_the_askers_own_is_asked_not_moved_elsewhere():
    assert (
        award(
            "我们在珠海横琴，投了广州天河一家种子期的公司，到账了2000万",
            "补充一下，这2000万不全是我们出的，有一部分是我们给一个上海LP做的共投SPV出的，SPV注册在上海，比例还要查",
        )
        is None
    )


def test_money_paid_in_part_and_not_finished_is_asked_not_taken_as_none():
    assert award("我们是惠州的创投，跟番禺一家初创期科小签了2000万，分批打，现在打了一部分，还没打完。能拿多少") is None
