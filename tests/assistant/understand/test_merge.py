"""Folding readings into a session: corrections hit their target only, additions append, bare answers fill."""

from __future__ import annotations

from decimal import Decimal

from assistant.understand import Facts, Reader, fold
from assistant.understand.model import Question

READER = Reader.default(this_year=2026)


def conversation(*messages: str, pending: Question | None = None) -> Facts:
    facts = Facts()
    for message in messages:
        facts = fold(facts, READER.read(message, known=facts, pending=pending), pending)
    return facts


def test_a_correction_of_one_figure_keeps_the_others():
    facts = conversation(
        "香港的PE，2025年投了黄埔种子期科技型中小企业到账2亿，2026年又投了黄埔另一家初创期科技型中小企业到账2亿",
        "更正一下，2026年到账的是4亿，不是2亿。",
    )
    assert [(i.year, i.amount, i.stage) for i in facts.investments] == [
        (2025, Decimal(200_000_000), "种子期"), (2026, Decimal(400_000_000), "初创期"),
    ]  # fmt: skip


def test_a_correction_keeps_the_investment_facts_it_does_not_change():
    facts = conversation(
        "我们是深圳南山的一家VC，今年投了广州黄埔一家种子期的科技型中小企业，到账3000万。",
        "不好意思刚才说错了，到账的是2600万，另外400万还在走流程。",
    )
    [investment] = facts.investments
    assert (investment.amount, investment.investee_place, investment.stage) == (Decimal(26_000_000), "黄埔", "种子期")


def test_a_share_that_arrived_applies_to_the_earlier_signed_amount():
    facts = conversation(
        "我是广州南沙一家初创期科技型中小企业的财务，今年融资签了八千万，投资方是澳门的一家基金",
        "目前到账了一半，剩下的明年到。",
    )
    assert [(i.amount, i.status) for i in facts.investments] == [(Decimal(40_000_000), "received")]


def test_an_addition_appends():
    facts = conversation(
        "珠海横琴的基金，今年投了广州南沙一家初创期科小，到账1.5亿",
        "另外我们10月份还投了番禺一家天使轮的科技型中小企业，到账2个亿",
    )
    assert [(i.amount, i.year) for i in facts.investments] == [
        (Decimal(150_000_000), 2026),
        (Decimal(200_000_000), 2026),
    ]


def test_a_third_party_fact_changes_nothing_of_the_askers():
    first = conversation("我们是东莞松山湖的创投，今年投了广州海珠区一家种子期科技型中小企业，实缴到账1800万。")
    later = conversation(
        "我们是东莞松山湖的创投，今年投了广州海珠区一家种子期科技型中小企业，实缴到账1800万。",
        "我们的LP是北京的保险公司",
    )
    assert later.investments == first.investments
    assert later.institution("self").place == first.institution("self").place


def test_facts_before_any_amount_reach_the_investment_stated_later():
    facts = conversation(
        "我们基金在佛山，被投企业在广州天河，是初创期的科技型中小企业", "今年一共打款到账了4500万，协议签的是6000万"
    )
    [investment] = facts.investments
    assert (investment.amount, investment.investee_place, investment.stage) == (Decimal(45_000_000), "天河", "初创期")


def test_a_bare_place_answers_the_pending_question():
    pending = Question(slot="institution_place", text="请问投资方注册在哪个城市？")
    facts = conversation("今年投了广州一家初创期企业1000万，已到账", "深圳", pending=pending)
    assert facts.institution("self").place == "深圳"


def test_contribution_corrections_replace_the_same_funder():
    facts = conversation(
        "增城区政策性融资担保公司增资，区财政新增出资2亿",
        "不好意思刚才说错了，区财政新增的是1.6亿，另外4000万是区属国企出的。",
    )
    assert [(c.funder, c.amount) for c in facts.contributions] == [
        ("district_treasury", Decimal(160_000_000)), ("district_soe", Decimal(40_000_000)),
    ]  # fmt: skip


def test_a_correction_finds_its_investment_by_its_label():
    facts = conversation(
        "我们是南沙的一个创投基金，今年在广州投了三个种子期项目：A 2000万、B 1500万、C 3000万，都是科小，钱也都到了。",
        "不好意思，B那笔我记错了，是1200万，其他没变",
    )
    assert sorted(i.amount for i in facts.investments) == [
        Decimal(12_000_000),
        Decimal(20_000_000),
        Decimal(30_000_000),
    ]


def test_a_restatement_without_correction_words_keeps_the_shared_facts():
    facts = conversation(
        "这家企业说拿了香港一家PE 5000万的投资，企业在天河，初创期，已经是科技型中小企业",
        "刚跟企业核实了，5000万是签约额，今年实际只到了3400万，剩下的明年到",
    )
    [investment] = facts.investments
    assert (investment.amount, investment.investee_place, investment.stage) == (Decimal(34_000_000), "天河", "初创期")


def test_a_restated_breakdown_replaces_the_unclear_contribution():
    facts = conversation(
        "区里今年给区级政策性融资担保公司增资3亿", "更正一下，3亿里面区财政只出了1.8亿，剩下1.2亿是区属国企出的。"
    )
    assert {c.funder for c in facts.contributions} == {"district_treasury", "district_soe"}


def test_a_place_pointing_back_at_a_deal_corrects_that_deal():
    facts = conversation(
        "我们是天河的创投，今年投了两家初创期科小，一家在荔湾到账900万，一家在增城到账400万",
        "不好意思记错了，增城那笔是700万",
    )
    assert [(i.investee_place, i.amount) for i in facts.investments] == [
        ("荔湾", Decimal(9_000_000)), ("增城", Decimal(7_000_000)),
    ]  # fmt: skip


def test_a_deal_left_out_earlier_is_added_even_under_a_correction_word():
    facts = conversation(
        "2025年我们到账投资了1.5亿，都是广州初创期科小，我们在广州",
        "更正一下，之前漏算了一笔6000万，也是2025年到账，同样符合条件",
    )
    assert sorted(i.amount for i in facts.investments) == [Decimal(60_000_000), Decimal(150_000_000)]


def test_the_answer_to_what_arrived_keeps_the_facts_it_brings():
    asked = Question(slot="received_amount", text="300万元是签约金额，请问其中实际到账多少？")
    facts = conversation("我们认缴了黄埔一家企业300万", "实际打款1200万，企业在海珠，种子期科小", pending=asked)
    assert [(i.amount, i.status, i.investee_place, i.stage) for i in facts.investments] == [
        (Decimal(12_000_000), "received", "海珠", "种子期")
    ]


def test_more_of_the_same_funders_money_is_a_new_contribution_and_the_total_is_set_aside():
    facts = conversation("我们是增城区，新设区级政策性融资担保公司，区财政出资2亿", "后来又追加5000万，合计2.5亿")
    assert [(c.amount, c.funder) for c in facts.contributions] == [
        (Decimal(200_000_000), "district_treasury"), (Decimal(50_000_000), "district_treasury"),
    ]  # fmt: skip


def test_a_deal_named_by_its_number_takes_the_new_figure():
    facts = conversation(
        "我们在佛山，今年投了越秀两家初创期科小，分别是500万和900万，都到账了", "抱歉，第一家实际是700万"
    )
    assert sorted(i.amount for i in facts.investments) == [Decimal(7_000_000), Decimal(9_000_000)]


def test_the_speakers_own_money_beside_the_funds_is_the_persons():
    facts = conversation("我们是海珠的天使基金，投了3家种子期科小，每家300万，已到账", "另外我个人也投了其中一家100万")
    fund = [i for i in facts.investments if i.institution == "self"]
    assert len(fund) == 3 and not facts.institution("self").individual
    person = [i for i in facts.investments if i.institution != "self"]
    assert [i.amount for i in person] == [Decimal(1_000_000)]


def test_part_of_a_contribution_from_another_funder_is_carved_out():
    facts = conversation("区财政给新设的区级政策性融资担保公司出资3亿", "其中1亿是区属国企出的")
    assert sorted((c.funder, c.amount) for c in facts.contributions) == [
        ("district_soe", Decimal(100_000_000)), ("district_treasury", Decimal(200_000_000)),
    ]  # fmt: skip


def test_a_correction_that_sets_a_told_figure_aside_drops_that_deal():
    facts = conversation("我们在广州，投了番禺一家初创期科小900万，已到账", "不对，这900万其实是从老股东手里买的转让款")
    assert facts.investments == []


def test_another_funder_beside_the_ones_told_is_added():
    facts = conversation("区级担保公司新设，区财政出资1.5亿、区城投出资5000万", "那如果省再担保也出3000万呢")
    assert sorted(c.funder for c in facts.contributions) == ["district_soe", "district_treasury", "province"]


def test_the_same_investee_later_keeps_its_place_and_stage():
    facts = conversation(
        "我们是佛山顺德的基金，去年投了广州番禺一家初创期科技型中小企业，到账3000万。",
        "今年又投了同一家，到账2000万。",
    )
    assert [(i.year, i.amount, i.investee_place, i.stage) for i in facts.investments] == [
        (2025, Decimal(30_000_000), "番禺", "初创期"), (2026, Decimal(20_000_000), "番禺", "初创期"),
    ]  # fmt: skip


def test_the_same_investee_in_one_message_keeps_its_place_and_stage():
    facts = conversation("中山的创投，去年投了广州天河一家种子期科小800万已到账，今年还是那家企业又到账了500万。")
    assert [(i.year, i.investee_place, i.stage) for i in facts.investments] == [
        (2025, "天河", "种子期"), (2026, "天河", "种子期"),
    ]  # fmt: skip


def test_a_correction_naming_one_deal_by_its_amount_changes_that_deal_only():
    facts = conversation(
        "香港科学园的VC，2024年投了广州三家初创期科小：800万、500万、700万，都已到账。",
        "不对，500万那笔其实还没到账，只是签了。",
    )
    assert [(i.amount, i.status) for i in facts.investments] == [
        (Decimal(8_000_000), "received"), (Decimal(5_000_000), "pending"), (Decimal(7_000_000), "received"),
    ]  # fmt: skip
