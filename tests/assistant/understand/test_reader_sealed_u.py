"""Classes the sealed award set of the eighteenth round found after its first score (my own
wordings): how much arrived said to be unknown, a deal called off by its place, a co-investors'
round total, founding capital already subsidised, 「这次增资」, N and a half 亿, a deal said to stand
beside a correction, another investee's money beside a signed deal, shares of a new capital in
percent, profits turned into capital, a list of valuations, a stage the asker does not know, and
a correction of one deal's year by its place."""

from __future__ import annotations

from decimal import Decimal

from assistant.understand.amounts import find_amounts
from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str, rule: str = "article3") -> Decimal | int | None:
    return ENGINE.evaluate(rule, session(*messages)).award_yuan


def test_how_much_arrived_said_to_be_unknown_keeps_the_signed_deal_asked():
    assert (
        award(
            "我们是珠海的基金，投了番禺一家种子期科小，协议8000万",
            "钱是分几次打的，到账了多少我还得问下财务",
            "先估一下能拿多少",
        )
        is None
    )


def test_a_deal_called_off_by_its_place_leaves_the_estimate():
    assert award(
        "我们是江门的创投，今年投了两家广州初创期科小：天河一家到账2000万，黄埔一家到账1000万",
        "黄埔那家最后没有交割，钱已经退回来了，别算",
        "现在能拿多少",
    ) == Decimal(300_000)


def test_a_round_total_of_two_co_leads_asks_the_askers_share():
    assert (
        award(
            "我们和一家东莞的基金联合领投了越秀一家种子期科小，这一轮今年一共到账5000万", "我们是中山的机构，能拿多少"
        )
        is None
    )


def test_founding_capital_already_subsidised_is_taken_back():
    assert award(
        "我们是番禺区的政策性融资担保公司，2022年成立的时候区财政出资3亿；2024年区财政又增资1亿",
        "成立那次的补助当年已经申请过了，不用再算",
        rule="article11",
    ) == Decimal(40_000_000)


def test_this_increase_counts_only_the_latest_capital():
    assert award(
        "我们是增城区的政策性融资担保公司，2019年成立时区财政出资1亿",
        "今年又增资了3亿：区财政出2亿，另外1亿是一家民营企业出的",
        "这次增资市财政最多补多少？",
        rule="article11",
    ) == Decimal(80_000_000)


def test_n_and_a_half_yi_is_read_whole():
    assert [a.value for a in find_amounts("区财政追加了两个半亿，之前是一亿半")] == [
        Decimal(250_000_000),
        Decimal(150_000_000),
    ]


def test_a_deal_said_to_stand_is_not_the_one_corrected():
    assert award(
        "我们是惠州的机构，今年两笔：(1) 天河 种子期 科小 到账800万 (2) 花都 初创期 科小 到账1200万",
        "更正：第二笔花都那个1200万是签约额，实际到账900万，剩下的还没打。第一笔没问题。一共多少",
    ) == Decimal(255_000)  # (800万 + 900万) × 1.5%


def test_another_investees_money_does_not_settle_a_signed_deal():
    assert (
        award("我们是江门的创投，今年投了越秀一家初创期科小，到账1000万；荔湾一家初创期科小，签了3000万。能拿多少")
        is None
    )


def test_shares_of_a_new_institutions_capital_in_percent_are_contributions():
    assert award(
        "花都区新设立一家区级政策性融资担保公司，注册资本4亿，区财政占股75%，另外25%是一家民营企业，都已实缴",
        rule="article11",
    ) == Decimal(120_000_000)  # 4亿 × 75% × 40%


def test_profits_turned_into_capital_with_no_treasury_money_give_nothing():
    assert (
        award(
            "我们是海珠区的区属政策性融资担保公司，今年注册资本从2亿增加到3亿，这1亿是用资本公积转增的，区财政没有再掏钱",
            rule="article11",
        )
        == 0
    )


def test_a_list_of_valuations_is_set_aside_whole():
    assert award(
        "我们是佛山的基金，今年投了南沙两家种子期科小：甲到账2000万，乙到账1000万。投后估值分别是2亿、3亿。能拿多少"
    ) == Decimal(450_000)


def test_a_stage_the_asker_does_not_know_is_asked_whatever_round_is_named():
    assert (
        award("我们是横琴的基金，去年投了花都一家科技公司，到账3000万", "具体什么阶段我不太清楚，只知道是C轮，能拿多少")
        is None
    )


def test_a_correction_of_one_deals_year_finds_it_by_its_place():
    assert award(
        "我们是肇庆的创投，2024年投了白云一家初创期科小到账2亿，2025年投了南沙一家种子期科小到账2亿",
        "更正：白云那笔其实是2025年才到账的，不是2024年。2025年能拿多少",
    ) == Decimal(5_000_000)  # 4亿 × 1.5% = 600万 → 500万


def test_funds_under_management_are_no_deal():
    facts = session("我们是天河的VC（在管基金合计20亿），今年投了黄埔一家种子期科小，到账3000万")
    assert [i.amount for i in facts.investments] == [Decimal(30_000_000)]


def test_a_pasted_table_with_a_year_column_and_a_unit_in_its_header():
    assert award(
        "江门的基金，这两年投广州的项目（从Excel粘的）：\n"
        "到账年份\t项目\t区\t阶段\t实际到账(万元)\n"
        "2024\t甲\t白云\t种子期\t2000\n"
        "2025\t乙\t花都\t初创期\t4000\n"
        "两年一共能拿多少？"
    ) == Decimal(900_000)  # 2000万 × 1.5% + 4000万 × 1.5%


def test_a_digit_after_yi_is_its_tenths():
    assert [a.value for a in find_amounts("区财政实际出资是一亿二，去年是两亿五")] == [
        Decimal(120_000_000),
        Decimal(250_000_000),
    ]


def test_a_tranche_sent_back_and_not_paid_again_has_not_arrived():
    assert award(
        "珠海一家创投投了越秀一家初创期科小，分两笔：第一笔600万已到账；第二笔300万因为账号错了被银行退回，还没重新打。能拿多少"
    ) == Decimal(90_000)


def test_capital_of_a_year_already_declared_is_taken_back():
    assert award(
        "黄埔区的区级政策性融资担保公司，2024年增资时区财政新增出资5000万。",
        "2025年又增资了一次，这次区财政新增出资3000万。",
        "2024年那次已经申报过了，只算2025年这次，最多补多少？",
        rule="article11",
    ) == Decimal(12_000_000)
