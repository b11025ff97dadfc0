"""Classes the f round's find set showed (my own wordings): funds of one manager and whose cap it is,
investors listed after 「两家管理公司」, an amount given as a range, and a level word before 集团."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, READER, session

_TWO_FUNDS = (
    "我们是深圳前海的基金管理人，旗下两只基金也都在前海注册。今年A基金投广州初创期科技型中小企业实际到账4亿，"
    "B基金到账8000万。"
)


def award(*messages: str, rule: str = "article3") -> Decimal | int | None:
    return ENGINE.evaluate(rule, session(*messages)).award_yuan


def test_funds_of_one_manager_over_one_cap_are_asked_whose_cap_it_is():
    # Each fund's cap: 500万 + 120万 = 620万; the manager's one cap: 4.8亿 × 1.5% → 500万. The text does not say.
    result = ENGINE.evaluate("article3", session(_TWO_FUNDS + "一共能拿多少？"))
    assert result.award_yuan is None and "申报" in result.questions[0]


def test_funds_applying_apart_have_a_cap_each():
    assert award(_TWO_FUNDS + "两只基金分别申报的话一共能拿多少？") == Decimal(6_200_000)


def test_funds_applying_through_the_manager_share_one_cap():
    assert award(_TWO_FUNDS + "能拿多少？", "由管理人统一申报。") == Decimal(5_000_000)


def test_funds_of_one_manager_under_the_cap_either_way_get_a_figure():
    # 1000万 + 2000万 × 1.5% = 45万 whichever way they apply.
    assert award(
        "我们是珠海横琴的管理人，旗下两只基金都在横琴。A基金今年投了黄埔一家初创期科技型中小企业1000万，"
        "B基金投了番禺一家种子期科技型中小企业2000万，都到账了。加起来能拿多少？"
    ) == Decimal(450_000)


def test_companies_listed_after_two_management_companies_are_the_investors():
    facts = READER.read(
        "我在两家管理公司都有职务。甲公司在佛山南海，今年投了天河一家种子期科技型中小企业1000万；"
        "乙公司在上海浦东，投了海珠一家初创期科技型中小企业2000万，都到账了。"
    ).facts
    seats = {i.key: i.place for i in facts.institutions}
    assert seats.get("甲") == "南海" and seats.get("乙") == "浦东"


def test_an_arrived_amount_given_as_a_range_is_asked():
    assert award("我们东莞的创投今年投了白云一家初创期科技型中小企业，财务说到账七八百万吧。能拿多少？") is None


def test_a_range_said_of_the_fund_size_is_no_doubt():
    # 1000万 × 1.5% = 15万; 「两三百亿」 is the fund's size.
    assert award(
        "我们基金管理规模两三百亿，注册在深圳。今年投了南沙一家种子期科技型中小企业1000万，已到账。能拿多少？"
    ) == Decimal(150_000)


def test_a_city_owned_group_is_city_money():
    facts = session(
        "黄埔区的政策性融资担保公司今年增资，区财政新增出资2亿，另外1亿是市属的一家投资集团出的。能补多少？"
    )
    funders = {c.amount: c.funder for c in facts.contributions}
    assert funders.get(Decimal(100_000_000)) == "city"


def test_numbered_funds_listed_after_their_count_are_two_institutions():
    # 一期 9000万 and 二期 5000万 each under its own cap: 135万 + 75万 = 210万 (under one cap too).
    facts = session(
        "我们公司在南沙，是GP，管两只基金：一期规模20亿，二期规模8亿。今年一期投了黄埔一家初创期科技型中小企业，"
        "到账9000万；二期投了天河一家种子期科技型中小企业，到账5000万。能拿多少？"
    )
    assert {i.institution for i in facts.investments} == {"一期", "二期"}
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(2_100_000)


def test_a_fund_named_by_its_seat_then_investing_towards_guangzhou_is_that_fund():
    facts = session(
        "我们集团有两只独立备案的基金：一只在佛山顺德，一只在惠州仲恺。今年顺德那只往广州的初创期科技型中小企业"
        "实际投了1亿，仲恺那只实际投了5000万，都是投的黄埔的初创期科技型中小企业。"
    )
    assert [i.institution for i in facts.investments] == ["顺德", "仲恺"]


def test_a_numbered_funds_name_is_no_tranche():
    # 二期基金 signed 1000万 and all of it came: 1000万 × 1.5% = 15万 (plus 一期's 600万 × 1.5% = 9万).
    assert award(
        "我们是珠海的创投，旗下两支基金都在珠海注册。一期基金今年投了越秀一家初创期科技型中小企业，到账600万；"
        "二期基金投了白云一家种子期科技型中小企业，签了1000万已经全部打过去了。能拿多少？"
    ) == Decimal(240_000)
