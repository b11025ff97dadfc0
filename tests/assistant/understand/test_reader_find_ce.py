"""Classes the find sets c1 and e1 showed (my own wordings): companies counted and then listed by
their place, 「投的是」 before the investee's place, a parent company named by its place, a part said
to be inside a total, money due in a year still to come, a currency not settled, a stage asked about
rather than told, a company's own year, Cantonese words, an asker's own sums, and article 11's plan
totals, capital reached and money handed down by the province."""

from __future__ import annotations

from decimal import Decimal

from assistant.understand.text import prepare
from tests.assistant.understand.sessions import ENGINE, READER, session


def award(*messages: str, rule: str = "article3") -> Decimal | None:
    result = ENGINE.evaluate(rule, session(*messages))
    return None if result.award_yuan is None else Decimal(str(result.award_yuan))


def test_companies_counted_then_listed_by_place_are_the_investees():
    # One investor in 惠州: 3000万 + 4000万 = 7000万 × 1.5% = 105万, under one cap.
    assert award(
        "我们是惠州的一家创投，今年投了广州两家初创期科技型中小企业。",
        "两家都在广州，到账分别是：越秀那家3000万，白云那家4000万，都是今年到的。一共能拿多少？",
    ) == Decimal(1_050_000)


def test_the_place_after_tou_de_shi_is_the_investees():
    assert award("我们是南沙的基金，今年投的是东莞一家初创期科技型中小企业，到账2000万，能拿多少？") == 0


def test_a_parent_named_by_its_place_is_no_investee():
    assert award(
        "我们基金在成都，今年投了海珠一家种子期科技型中小企业，到账1000万，能拿奖励吗？",
        "说错了，成都那个是我们的母公司，投资的是我们在横琴注册的基金，1000万是从横琴打的。能拿多少？",
    ) == Decimal(150_000)


def test_a_part_said_to_be_inside_the_total_is_counted_once():
    # 1.6亿 × 1.5% = 240万; the 1000万 tranche and its 3000万 agreement are inside it.
    facts = session(
        "我们在深圳，今年投了广州三家初创期科技型中小企业，实际到账合计1.6亿。"
        "其中一家签了3000万只到了1000万，这1000万我已经算进1.6亿里了。能拿多少？"
    )
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(2_400_000)


def test_money_due_next_year_has_not_arrived():
    facts = session("我们是珠海的创投，投了番禺一家初创期科技型中小企业，今年到账3亿，明年到1亿，今年能拿多少？")
    assert [i.status for i in facts.investments if i.year == 2027] == ["pending"]
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(4_500_000)


def test_a_currency_not_settled_is_asked():
    assert (
        award("我们是澳门的基金，投了天河一家初创期科技型中小企业，打了500万过去，美元还是港币要问下财务。能拿多少？")
        is None
    )


def test_a_stage_asked_about_is_not_told():
    facts = session(
        "我们是中山的创投，今年投了黄埔一家公司，到账2000万。",
        "这家公司做了十几年贸易，今年刚转做芯片，这样还算初创期吗？能拿多少？",
    )
    assert ENGINE.evaluate("article3", facts).award_yuan is None
    assert {i.year for i in facts.investments} == {2026}  # 今年刚转做: the company's year, not the money's


def test_cantonese_just_now_is_not_read_character_by_character():
    assert "刚刚" in prepare("佢成立啱啱一年")


def test_an_early_company_described_in_the_speakers_words():
    assert award(
        "我们是香港的基金，今年投了南沙一家公司，成立才8个月，产品还没上市，科技型中小企业，到账2000万，能拿多少？"
    ) == Decimal(300_000)


def test_the_askers_own_sums_and_their_total_are_set_aside():
    # 1亿 + 2亿 = 3亿 × 1.5% = 450万; the asker's 150万、300万 and their 450万 total are not deals.
    facts = session(
        "我们是江门的创投，今年投了广州两家初创期科技型中小企业：越秀一家到账1亿，天河一家到账2亿。"
        "我按1.5%分别是150万、300万，合计450万，对吗？"
    )
    assert sorted(i.amount for i in facts.investments) == [Decimal(100_000_000), Decimal(200_000_000)]


def test_a_plans_total_gives_way_to_the_tranche_that_came():
    assert award(
        "我们是番禺区的政策性融资担保公司，区里方案是区财政分两期一共增资4亿，今年第一期2亿已经到位，最多能补多少？",
        rule="article11",
    ) == Decimal(80_000_000)


def test_the_capital_an_increase_reaches_is_set_aside():
    facts = session(
        "花都区的政策性担保公司今年增资1亿，到4亿，新增部分里区财政出6000万，另外4000万是一家国企出的。市里最多补多少？"
    )
    assert ENGINE.evaluate("article11", facts).award_yuan == Decimal(24_000_000)


def test_money_handed_down_by_the_province_is_not_the_districts():
    assert award(
        "增城区的区级政策性担保公司今年增资，区财政新增出资1亿，市里能补多少？",
        "更正一下，这1亿里有4000万其实是省里拨下来的资金，区本级只出了6000万。那最多补多少？",
        rule="article11",
    ) == Decimal(24_000_000)


def test_reader_keeps_listed_investees_in_one_institution():
    reading = READER.read("我们是东莞的基金，投了广州三家企业，分别是：荔湾那家500万，增城那家800万，从化那家700万。")
    assert {i.institution for i in reading.facts.investments} == {"self"}
