"""Classes the h round's find set showed (my own wordings): two arrived figures that disagree,
co-investors listed after 跟…一起, capital that 「变成」 a total, a stage the asker doubts, money put
「在X投了」, and a correction that names one lettered company."""

from __future__ import annotations

from decimal import Decimal

from tests.assistant.understand.sessions import ENGINE, session


def award(*messages: str, rule: str = "article3") -> Decimal | int | None:
    return ENGINE.evaluate(rule, session(*messages)).award_yuan


def test_two_arrived_figures_that_disagree_are_asked():
    assert (
        award(
            "我们中山的基金今年投了番禺一家种子期科技型中小企业，实际到账1500万。"
            "不过出纳那边说只到了九百，剩下的还在路上。能拿多少？"
        )
        is None
    )


def test_co_investors_listed_after_gen_are_not_the_askers():
    # Only the asker's own 2000万 is its award: 30万; the 江门 and 杭州 funds are co-investors.
    assert award(
        "我们是珠海香洲的一家创投。今年跟江门一家基金、杭州一家基金一起投了海珠一家初创期科技型中小企业，"
        "我们出了2000万，江门那家1000万，杭州那家1500万，都到账了。我们能拿多少？"
    ) == Decimal(300_000)


def test_capital_that_becomes_a_total_is_no_district_money():
    # 区财政 put in 5000万 new; 注册资本从3亿变成3.8亿 is the total after: 5000万 × 40%.
    assert award(
        "番禺区的政策性融资担保公司今年增资：区财政新增出资5000万元，区属国企增资3000万，注册资本从3亿变成3.8亿。市里最多补多少？",
        rule="article11",
    ) == Decimal(20_000_000)


def test_a_stage_word_the_asker_doubts_is_asked():
    assert (
        award("我们是南沙的创投，投了天河一家科小，到账800万。它刚拿了B轮，我也说不准还算不算初创期。能拿多少？")
        is None
    )


def test_money_put_in_a_place_is_the_investees_place():
    assert award(
        "我们前海的基金今年在广州南沙科学城投了一个初创期的新能源项目，科小企业，到账2000万。能拿多少？"
    ) == Decimal(300_000)


def test_a_correction_naming_one_lettered_company_moves_it_alone():
    assert award(
        "顺德的一家创投，今年投了两家初创期科技型中小企业：广州番禺的A公司到账1000万，还有B公司到账600万，奖励多少",
        "更正一下，B公司其实注册在韶关，不在广州。那今年能拿多少？",
    ) == Decimal(150_000)


def test_the_funds_own_subscribed_and_paid_in_capital_is_no_investment():
    # 认缴6亿、实缴2.5亿 are the fund's own capital; only the 3000万 put into the company counts.
    assert award(
        "我们是南沙注册的合伙制基金，基金认缴6亿，实缴2.5亿。今年投了花都一家初创期科小3000万，已经全部到账。能拿多少？"
    ) == Decimal(450_000)
