"""The reader: each money figure bound to a slot or set aside with a reason, places and parties resolved.

One test per class of message (not per phrasing): several investments with different facts,
figures that are not investments, years and spans, counts and totals, institutions, places.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.understand import Reader
from assistant.understand.model import SELF

READER = Reader.default(this_year=2026)


def read(message: str):
    return READER.read(message).facts


def amounts(facts) -> list[tuple[str, str | None, int | None]]:
    return [(str(i.amount), i.stage, i.year) for i in facts.investments]


def test_each_investment_keeps_its_own_stage_and_the_shared_place():
    facts = read("我们是前海的基金，今年投了广州一家成长期企业5000万、一家种子期企业2000万，都已到账")
    assert amounts(facts) == [("50000000", "成长期", 2026), ("20000000", "种子期", 2026)]
    assert {i.investee_place for i in facts.investments} == {"广州"}
    assert facts.institution(SELF).place == "前海"


def test_each_investment_keeps_its_own_place_in_a_list():
    facts = read(
        "东莞的产业基金今年投了：1）海珠一家种子轮AI公司2000万；2）花都一家初创期企业1000万；3）深圳前海一家天使轮公司3000万"
    )
    assert [(i.investee_place, str(i.amount)) for i in facts.investments] == [
        ("海珠", "20000000"), ("花都", "10000000"), ("前海", "30000000"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("message", "counted", "reason"),
    [
        ("投资协议签的是3000万，目前实际到账2000万，剩下1000万明年再打", "20000000", "签约"),
        ("投后估值2个亿，我们投了3000万，已经打过去了", "30000000", "估值"),
        ("基金注册在顺德，管理规模大概15个亿，今年投了番禺一家初创期企业，实缴到位0.65亿", "65000000", "管理规模"),
        ("LP里面广州某母基金认缴了我们3个亿，今年我们投了白云区一家初创期企业1.2个亿", "120000000", "LP"),
        ("投资款75,000,000元已全部到账（该企业注册资本500万元）", "75000000", "注册资本"),
        (
            "你们说1.5%、最高500万对吧？我们今年投广州一家种子期企业，实际打款600万，那是不是能拿9万？",
            "6000000",
            "上限",
        ),
    ],
)
def test_figures_that_are_not_investments_are_set_aside_with_a_reason(message, counted, reason):
    facts = read(message)
    assert [str(i.amount) for i in facts.investments] == [counted]
    assert any(reason in f.reason for f in facts.set_aside), facts.set_aside


def test_a_foreign_currency_figure_becomes_a_question():
    facts = read("香港基金投了广州黄埔一家初创期科技型中小企业，500万美元，已到账")
    assert not facts.investments
    assert facts.unclear and "外币" in facts.unclear[0].text


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("2025年和2026年各投了广州南沙一家初创期企业，分别到账2亿和4亿", [("200000000", 2025), ("400000000", 2026)]),
        ("2023年和2024年各投了广州一家种子期企业1亿", [("100000000", 2023), ("100000000", 2024)]),
        ("过去三年每年都投广州初创期企业4亿", [("400000000", 2024), ("400000000", 2025), ("400000000", 2026)]),
        (
            "2024年投了南沙种子期企业3亿；2025年又投了南沙另一家初创期企业4亿",
            [("300000000", 2024), ("400000000", 2025)],
        ),
    ],
)
def test_years_lists_spans_and_each(message, expected):
    assert [(str(i.amount), i.year) for i in read(message).investments] == expected


def test_a_total_over_unknown_years_is_marked_as_spanning_years():
    facts = read("我们前海的基金这几年在广州累计投了初创期科小8个亿")
    assert [(str(i.amount), i.years_spanned) for i in facts.investments] == [("800000000", 0)]


def test_a_total_and_what_follows_it_are_both_kept():
    facts = read(
        "我们是中山翠亨的PE，今年在广州投了3家公司共2.5亿，都是初创期的科技型中小企业；另外还投了一家增城的天使轮科小8000万"
    )
    assert [str(i.amount) for i in facts.investments] == ["250000000", "80000000"]


def test_a_total_listed_in_parts_is_not_counted_twice():
    facts = read(
        "我们公司在广州黄埔，是初创期科技型中小企业。今年一共融了5000万：深圳的X资本领投3000万，香港的Z基金跟投2000万，全部到账"
    )
    assert sorted(str(i.amount) for i in facts.investments) == ["20000000", "30000000"]
    assert any(f.reason.startswith("合计") for f in facts.set_aside)


def test_each_with_a_count_gives_one_investment_per_company():
    facts = read("我们是在穗注册的创投机构，今年投了本市两家天使轮的科技型中小企业，各到账750万")
    assert [str(i.amount) for i in facts.investments] == ["7500000", "7500000"]


def test_two_institutions_each_keep_their_investments():
    facts = read(
        "我们集团下面有两只基金：A基金注册在深圳福田，B基金注册在广州南沙。今年A基金投广州初创期企业到账3亿，B基金投广州种子期企业到账2.5亿"
    )
    assert [(i.institution, str(i.amount)) for i in facts.investments] == [("A", "300000000"), ("B", "250000000")]
    assert facts.institution("A").place == "福田"


def test_a_startup_speaking_for_its_investor():
    facts = read(
        "我是广州番禺一家初创期科技型中小企业的CFO，今年我们天使轮融了1800万，投资方是深圳南山的一家基金，钱已经全部到账"
    )
    assert facts.speaker_role == "investee"
    assert facts.institution(SELF).place == "南山"
    assert [(i.investee_place, i.stage, i.status) for i in facts.investments] == [("番禺", "初创期", "received")]


@pytest.mark.parametrize(
    ("message", "place"),
    [("深圳河套的基金投了从化一家初创期企业1000万", "河套"), ("惠州大亚湾的基金投了黄埔一家种子期企业1000万", "大亚湾"),
     ("佛山顺德的CVC投了增城一家初创期企业1000万", "顺德"),
     ("江门鹤山的天使基金投了白云区一家种子期企业600万", "鹤山")],
)  # fmt: skip
def test_bay_area_districts_and_zones_place_the_investor(message, place):
    assert read(message).institution(SELF).place == place


def test_here_words_mean_guangzhou_unless_the_speaker_is_elsewhere():
    local = read("本市一家创投，投了本地一家种子期科技型中小企业，实缴到位4500万")
    assert local.investments[0].investee_place == "广州"
    away = read("我们是深圳的基金，今年投了两家本地的初创期科小，各1000万")
    assert away.unclear and "本地" in away.unclear[0].text


def test_an_individual_investor_is_no_institution():
    facts = read("我是个人天使投资人，用自己个人的钱投了天河一个种子轮科技型中小企业200万")
    assert facts.institution(SELF).individual


def test_stage_slang_is_read_or_left_unclear():
    angel = read("投了广州一家天使轮企业1000万").investments[0]
    assert angel.stage is None and angel.stage_unclear  # a round, not a stage: asked
    assert read("投了广州一家初创阶段的企业1000万").investments[0].stage == "初创期"
    assert read("投了广州一家C轮企业1000万").investments[0].stage == "成长期"
    unclear = read("投了广州天河一家科技型中小企业的A轮，到账6000万").investments[0]
    assert unclear.stage is None and unclear.stage_unclear


def test_a_signed_amount_alone_asks_what_arrived():
    facts = read("我们跟黄埔一家初创期科小签了5000万的投资协议，钱打了一部分，我们是东莞的机构")
    assert facts.investments[0].status == "signed"
    assert facts.unclear and facts.unclear[0].slot == "received_amount"


@pytest.mark.parametrize(
    ("message", "amount"),
    [("投了2000万，实际只到位了一半", "10000000"), ("投资4000万，到账60%", "24000000"),
     ("签约5000万，首期30%已经到账，剩下的明年到", "15000000"), ("投资3000万，已全部到账", "30000000")],
)  # fmt: skip
def test_the_share_that_arrived(message, amount):
    assert str(read(message).investments[0].amount) == amount


def test_a_loan_or_a_bond_is_no_investment():
    assert not read("从银行贷了1000万，有补贴吗").investments
    assert not read("上市公司这边，今年在交易所发了5个亿的公司债，发行费用大概300万").investments


def test_amounts_in_english_and_scientific_notation():
    assert read(
        "HK VC here，今年 invested in two Guangzhou seed-stage 科小 (都在南沙), 一笔12 million RMB, 一笔8.5 million RMB"
    ).investments[1].amount == Decimal(8_500_000)
    assert read("澳门一家投资机构投了天河初创期科技型中小企业，到账 2.5e7 元").investments[0].amount == Decimal(
        25_000_000
    )


def test_a_figure_that_is_the_sum_of_the_listed_parts_is_a_total():
    facts = read(
        "我是番禺一家公司的CFO，我们是初创期的科技型中小企业。今年A轮融了5000万：深圳南山的一家基金投了3000万，香港一家基金投了2000万"
    )
    assert sorted(str(i.amount) for i in facts.investments) == ["20000000", "30000000"]


def test_tranches_count_what_arrived_and_leave_out_what_is_to_come():
    facts = read(
        "前海基金今年在穗投了一家种子期科技型中小企业(越秀的)，一千二百万分三次到账，目前到了两次，各四百万，第三次还没到"
    )
    assert [str(i.amount) for i in facts.investments] == ["4000000", "4000000"]
    monthly = read(
        "深圳福田的基金投广州一家种子期科小，分三期打款：第一期1200万3月到，第二期1800万8月到，第三期2000万计划明年1月到"
    )
    assert [str(i.amount) for i in monthly.investments if i.status == "received"] == ["12000000", "18000000"]


def test_money_that_waits_is_not_received():
    facts = read("横琴的基金，上周跟南沙一家初创期科小签了TS和SPA，投资额3000万，打款要等明年1月")
    assert [(str(i.amount), i.status) for i in facts.investments] == [("30000000", "pending")]


def test_a_changed_figure_keeps_the_kind_of_the_first():
    facts = read("佛山南海的机构投了白云区一家种子期科小，被投企业注册资本从100万增加到120万，我们的投资款3000万已到账")
    assert [str(i.amount) for i in facts.investments] == ["30000000"]


@pytest.mark.parametrize(
    ("message", "place"),
    [("福田的基金，投了一家我们深圳本地南山的种子期科小，1500万到账", "南山"),
     ("我们跟黄埔一家种子期的科小签了一千五百万的投资协议，第一期九百万上个月已经打过去了", "黄埔"),
     ("佛山三水的创投，投了南海本地的一家初创科技公司，500万到账", "南海")],
)  # fmt: skip
def test_the_investees_place_in_compound_phrasings(message, place):
    assert read(message).investments[0].investee_place == place


def test_one_of_several_early_stages_is_kept_as_options():
    facts = read("中山石岐的股权投资机构：前年到账2000万，去年到账5亿，今年到账3000万，都是投的广州种子期或初创期科小")
    assert {tuple(i.stage_options) for i in facts.investments} == {("种子期", "初创期")}


def test_the_lps_places_and_kinds_stay_the_lps():
    facts = read(
        "我们基金注册在广州南沙，LP里有一家新加坡的家族办公室，还有长沙的产业资本，LP里有两家上市公司。今年投了海珠一家种子期企业4500万"
    )
    assert facts.institution(SELF).place == "南沙"
    assert facts.investments[0].tech_sme is not False


def test_an_investor_with_two_possible_homes_is_left_unplaced():
    facts = read(
        "我们集团在香港和新加坡都有基金主体，这次投番禺那个种子期科小的5000万（已经到账）是哪个主体出的还得确认"
    )
    assert facts.institution(SELF).place is None
    assert facts.investments[0].investee_place == "番禺"
