"""Classes the j round's find set showed (my own wordings): money 「打过来」 has arrived, revenue
that 「就做到了」 a figure is no money invested, a company founded this year or last is young, and
a known investor named again by its place is that investor."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str) -> Decimal | int | None:
    return ENGINE.evaluate("article3", session(*messages)).award_yuan


def test_money_sent_over_has_arrived_and_the_same_agreed_figure_is_one_deal():
    # One deal of 1亿 arrived (the agreement says the same 1亿): 1亿 × 1.5% = 150万.
    assert award(
        "我们是黄埔的种子期科技型中小企业，今年5月东莞一家创投一次性打过来1个亿，协议金额也是1亿。投资方能拿多少？"
    ) == Decimal(1_500_000)


def test_revenue_that_reached_a_figure_is_set_aside_and_a_young_company_with_it_is_asked():
    assert (
        award(
            "我们公司今年2月才成立，注册在番禺，做跨境电商SaaS的，去年营收就做到了1.5个亿。"
            "上个月珠海一家基金投了我们3000万，已经全部到账。投资方能拿多少？"
        )
        is None
    )


def test_a_known_investor_named_by_its_place_is_that_investor_again():
    first = (
        "我们在海珠，初创期科技型中小企业。这轮两家机构：越秀的一家基金投了600万，已到账；"
        "香港的一家股权投资机构签了1000万。"
    )
    # 香港那家's 800万 arrived replaces its signed 1000万 and keeps the 越秀 deal: (600万 + 800万) × 1.5%.
    assert award(first, "香港那家目前到账800万，剩下的还没打。") == Decimal(210_000)


def test_a_first_tranche_is_inside_the_total_told_after_it():
    # 3600万 arrived in all, the 2800万 first tranche included: 3600万 × 1.5%, not 6400万 × 1.5%.
    assert award(
        "我们在黄埔，初创期科技型中小企业。今年深圳南山一家基金投了我们，第一笔到账2800万，一共到账3600万，能拿多少？"
    ) == Decimal(540_000)


def test_another_companys_total_does_not_swallow_a_first_tranche():
    # A's first tranche 500万 and B's 2000万 are two deals: (500万 + 2000万) × 1.5%.
    assert award(
        "我们是深圳的基金，投了广州两家初创期科小：A公司第一期到账500万；B公司一共到账2000万。能拿多少？"
    ) == Decimal(375_000)


def test_a_first_tranche_corrected_to_the_total_replaces_it():
    assert award(
        "我们在黄埔，初创期科技型中小企业。今年深圳南山一家基金投了我们，到账2800万，他们能拿多少奖励？",
        "不好意思说错了，2800万只是第一笔。今年这家基金一共到账3600万，剩下400万明年才到。那今年能拿多少？",
    ) == Decimal(540_000)


def test_money_arrived_in_all_is_no_fund_size():
    assert award(
        "我们在黄埔，初创期科技型中小企业。今年这家基金一共到账3000万，协议总额3500万。投资方在佛山，能拿多少？"
    ) == Decimal(450_000)


def test_a_fund_outside_and_its_manager_inside_the_bay_area_is_asked():
    assert (
        award(
            "我们是天河的一家初创期科技型中小企业。今年一支基金投了1000万，已经到账。"
            "这只基金本身在杭州注册，不过管理人（GP）注册在珠海横琴。能拿多少奖励？"
        )
        is None
    )


def test_a_fund_and_its_manager_both_inside_the_bay_area_is_estimated():
    assert award(
        "我们是天河的一家初创期科技型中小企业。今年一支基金投了1000万，已经到账。"
        "这只基金本身在南沙注册，管理人（GP）注册在珠海横琴。能拿多少奖励？"
    ) == Decimal(150_000)
