"""Classes a ninth blind award set found: an arrival that restates the investment, investors that are
no equity institution, loans, amounts offered as alternatives, deals opened by their letter, tranches
of a deal signed in an earlier turn, the speaker's own office, and the rest of a total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.understand import Facts
from tests.assistant.understand.sessions import ENGINE, session


def amounts(facts: Facts) -> list[Decimal]:
    return [i.amount for i in facts.investments]


def test_an_arrival_of_the_same_amount_is_the_same_investment():
    facts = session("我们是佛山南海的创投，今年向番禺一家种子期科技企业投资2400万元，现已到位2400万元")
    assert amounts(facts) == [Decimal(24_000_000)]
    assert any("同一笔投资" in f.reason for f in facts.set_aside)
    assert ENGINE.evaluate("article3", facts).award_yuan == 360_000


def test_two_investees_with_equal_amounts_stay_two_deals():
    facts = session("今年投了花都一家初创期企业800万，增城一家种子期企业800万已到账")
    assert amounts(facts) == [Decimal(8_000_000), Decimal(8_000_000)]


def test_an_investor_that_says_it_is_a_bank_or_no_investment_institution_gets_nothing():
    bank = session("我们是江门的农商银行，入股了天河一家初创期企业1000万，已到账")
    assert bank.institution("self").not_equity == "农商银行"
    result = ENGINE.evaluate("article3", bank)
    assert result.award_yuan == 0 and "股权投资机构" in (result.why_not or "")
    maker = session("我们是中山一家做灯具的实业公司（不是股权投资机构），投了黄埔一家种子期公司500万，已打款")
    assert ENGINE.evaluate("article3", maker).award_yuan == 0


def test_a_denied_kind_or_an_investee_word_is_no_sign_of_a_non_equity_investor():
    assert session("我们不是银行，是前海的创投，投了一家制造企业").institution("self").not_equity is None
    assert session("我们是南沙的基金，投了广州一家初创期制造企业600万").institution("self").not_equity is None


def test_a_loan_alone_is_money_the_award_does_not_count():
    facts = session("我们是澳门的股权投资机构，借给越秀一家初创期企业1500万（借款，不是入股）")
    assert not facts.investments
    result = ENGINE.evaluate("article3", facts)
    assert result.award_yuan == 0 and "贷款" in (result.why_not or "")


def test_amounts_offered_as_alternatives_are_asked_about():
    facts = session("我们是惠州的创投，投了海珠一家种子期企业，到账的是600万还是6000万我要再核对一下")
    assert any(q.slot == "received_amount" for q in facts.unclear)
    assert ENGINE.evaluate("article3", facts).award_yuan is None


def test_a_clause_naming_the_next_deal_gives_that_deal_its_stage():
    facts = session("我们是顺德的基金，今年投了两家荔湾企业：甲是种子期，投500万；乙是成熟期，投4000万，都到账了")
    assert [(i.amount, i.stage) for i in facts.investments] == [
        (Decimal(5_000_000), "种子期"),
        (Decimal(40_000_000), "成熟期"),
    ]


def test_tranches_told_after_a_signed_deal_are_what_arrived_of_it():
    facts = session(
        "我们是珠海香洲的基金，和南沙一家初创期科技企业签了2亿的投资协议",
        "2024年到账8000万，2025年到账1亿，剩下2000万还没打",
    )
    assert sorted((i.year, i.amount, i.status) for i in facts.investments) == [
        (2024, Decimal(80_000_000), "received"),
        (2025, Decimal(100_000_000), "received"),
    ]
    assert ENGINE.evaluate("article3", facts).award_yuan == 1_200_000 + 1_500_000


def test_an_office_said_of_the_speaker_is_not_the_investees_second_home():
    facts = session("我们是澳门的基金，团队办公在氹仔，给海珠一家初创期企业投了1000万，已到账")
    assert [i.investee_place for i in facts.investments] == ["海珠"]
    assert not any(q.slot == "investee_place" for q in facts.unclear)


def test_the_rest_of_a_total_has_the_stage_its_own_clause_gives():
    facts = session("今年在广州投了4家企业共2亿，其中1家是成长期的5000万，其余3家都是种子期，全部到账")
    assert sorted((i.amount, i.stage) for i in facts.investments) == [
        (Decimal(50_000_000), "成长期"),
        (Decimal(150_000_000), "种子期"),
    ]


def test_a_foreign_amount_is_shown_with_its_currency_in_万():
    facts = session("我们是香港的VC，给番禺一家初创期企业做了pre-A，USD 3 million，折合人民币2,130万元，已到账")
    assert [f.text for f in facts.set_aside if "外币" in f.reason] == ["USD 300万"]
    assert amounts(facts) == [Decimal(21_300_000)]


def test_money_lent_before_the_figure_is_set_aside_as_a_loan():
    facts = session("横琴的投资机构以借款方式向黄埔一家初创期企业提供了800万，不占股，钱已到")
    assert not facts.investments and [f.reason for f in facts.set_aside] == ["贷款"]


def test_a_self_description_runs_to_the_end_of_its_sentence():
    facts = session("我们是佛山一家制造业公司，也不是什么基金，入股了南沙一家种子期企业600万，已到账")
    assert facts.institution("self").not_equity == "制造业公司"


def test_bond_issuance_is_no_investment():
    facts = session("我们是天河的科技企业，打算发5亿公司债，承销费大概200万，能补多少")
    assert not facts.investments and "发债规模" in [f.reason for f in facts.set_aside]


@pytest.mark.parametrize(
    ("message", "slot"),
    [
        ("中山的创投投了番禺一家初创期企业800万，老板说打了，财务说不确定到没到账", "received_amount"),
        ("珠海的基金投了一家初创期企业900万已到账，它注册在广州还是佛山我得再确认", "investee_place"),
        ("我们旗下两只基金（都在前海）今年合计投了广州初创期企业5亿，全部到账", "institution_of"),
        ("We are a Hong Kong fund; our seed-stage investee in 南沙 received 6 million.", "received_amount"),
    ],
)
def test_what_the_message_leaves_in_doubt_is_asked(message, slot):
    facts = session(message)
    assert slot in [q.slot for q in facts.unclear]
    assert ENGINE.evaluate("article3", facts).award_yuan is None


def test_a_sub_total_in_brackets_is_a_part_of_the_total():
    facts = session("深圳的创投今年投了3家初创期科小共1亿，其中2家在广州（合计7000万），1家在东莞（3000万），都到账")
    assert sorted(i.amount for i in facts.investments) == [Decimal(30_000_000), Decimal(70_000_000)]


def test_each_year_of_a_list_goes_with_its_own_figure():
    facts = session("江门的基金投广州初创期科技型中小企业：2021年到账3亿、2022年到账1亿")
    assert sorted((i.year, i.amount) for i in facts.investments) == [
        (2021, Decimal(300_000_000)),
        (2022, Decimal(100_000_000)),
    ]


def test_a_numbered_deal_whose_arrival_is_in_doubt_is_not_said_to_be_unpaid():
    facts = session(
        "我们是前海的基金，2025年投了广州两家初创期企业：\n1. 天河甲公司 到账1000万\n2. 海珠乙公司 签约2000万",
        "第2笔到没到账我也说不准",
    )
    assert [i.status for i in facts.investments if i.amount == Decimal(10_000_000)] == ["received"]


@pytest.mark.parametrize(
    "correction", ["不好意思写错了，是广州黄埔，不是东莞", "更正：被投企业其实在广州黄埔，不在东莞"]
)
def test_a_correction_moves_the_investee_not_the_investor(correction):
    facts = session("珠海横琴的基金投了东莞一家初创期科小2000万，已到账", correction)
    assert [i.investee_place for i in facts.investments] == ["黄埔"]
    assert facts.institution("self").place == "横琴"


def test_years_written_as_a_range_without_年_span_both():
    facts = session("前海的基金投广州初创期科小，2024-2025两年合计到账5亿")
    assert [i.years_spanned for i in facts.investments] == [2]
    assert ENGINE.evaluate("article3", facts).award_yuan is None


def test_deals_counted_but_not_all_told_are_asked_about():
    facts = session("顺德的创投今年投了广州三家初创期科技型中小企业，都到账了", "第一家是天河的，到账900万")
    result = ENGINE.evaluate("article3", facts)
    assert result.award_yuan is None and "其余2笔" in result.questions[0]


def test_a_speaker_that_is_only_a_company_is_asked_whether_it_is_an_investment_institution():
    facts = session("我们是东莞一家公司，投了天河一家初创期企业800万，已到账")
    result = ENGINE.evaluate("article3", facts)
    assert result.award_yuan is None and result.question_slot == "institution_kind"
    assert session("我们是东莞的创投公司，投了天河一家初创期企业800万，已到账").institution("self").kind_said is True


def test_letter_o_typed_for_zero_is_read_as_zero_and_two_readings_are_asked_about():
    facts = session("佛山创投投了荔湾初创期企业，到账5OO万还是50万我记不太准")
    assert "received_amount" in [q.slot for q in facts.unclear]


def test_one_currency_covers_a_list_of_millions():
    facts = session("HK VC here: 2 deals in GZ seed-stage tech SMEs this year, RMB 10m and 6m, both received")
    assert not [q for q in facts.unclear if q.slot == "received_amount"]
    assert sorted(i.amount for i in facts.investments) == [Decimal(6_000_000), Decimal(10_000_000)]


def test_cumulative_district_money_is_not_this_increase():
    facts = session("增城区政策性融资担保公司，区财政累计出资已达3亿，这次增资区财政出多少还没定")
    assert not facts.contributions
    assert ENGINE.evaluate("article11", facts).award_yuan is None


def test_english_funders_of_a_guarantee_increase():
    facts = session(
        "番禺区政策性融资担保公司 capital increase: the district finance bureau injected RMB 50 million "
        "and private investors RMB 20 million."
    )
    assert ENGINE.evaluate("article11", facts).award_yuan == 20_000_000


@pytest.mark.parametrize(
    "messages",
    [
        (
            "我们有两家独立机构。A在珠海横琴，今年投广州初创期科技企业到账4亿。",
            "B在东莞松山湖，今年投广州种子期科技企业到账4亿。合计多少？",
        ),
        ("我们两支基金都在深圳南山，是独立主体。今年都投了广州初创期科技企业：一号基金到账4亿，二号基金到账4亿。",),
        ("机构甲（珠海）今年到账4亿；机构乙（惠州）今年到账4亿。都是投广州初创期科技型中小企业。",),
    ],
)
def test_each_institution_has_its_own_cap(messages):
    facts = session(*messages)
    assert len({i.institution for i in facts.investments}) == 2
    assert ENGINE.evaluate("article3", facts).award_yuan == 10_000_000


def test_a_correction_of_where_the_asker_is_leaves_the_investee_alone():
    facts = session("珠海的基金投了天河一家初创期科小1000万，已到账", "不对，我们机构不在广州，在深圳南山")
    assert [i.investee_place for i in facts.investments] == ["天河"]
    assert facts.institution("self").place == "南山"
    assert ENGINE.evaluate("article3", facts).award_yuan == 150_000
