"""Classes the find sets l1, l2 and i1 showed (my own wordings): tables whose columns the reader must
name (valuations, slashes, a 0 with a note), a fund's paid-in size, Cantonese words, a correction inside
the message that told the figure, numbered deals that keep their own stage, a second institution told
as 「另一家在…」, funds numbered 1号/2号, a co-investor of the same round, and article 11 figures: a
bracket with its own figure, English 「from … to …」 and 「of the … increase」, and a running total."""

from __future__ import annotations

from decimal import Decimal

from assistant.understand.in_message import read_turn, told_then_corrected
from assistant.understand.model import Facts
from tests.assistant.understand.sessions import ENGINE, READER, article3, article11, session


def test_a_valuation_column_is_set_aside():
    # 到账 600万 + 400万 = 1000万 × 1.5% = 15万; the valuations are not money in.
    award = article3(
        "我们是佛山顺德的创投。\n"
        "| 项目 | 所在区 | 阶段 | 签约 | 实际到账 | 投前估值 |\n"
        "| 甲 | 广州越秀 | 种子期 | 800万 | 600万 | 5000万 |\n"
        "| 乙 | 广州荔湾 | 初创期 | 400万 | 400万 | 9000万 |\n"
        "都是科技型中小企业，能拿多少？"
    )
    assert award == Decimal(150_000)


def test_cells_split_by_spaced_slashes_and_a_zero_with_a_note():
    # Only 丙's 1000万 arrived: × 1.5% = 15万; 丁 shows 0 with a note and counts nothing.
    award = article3(
        "投资方：珠海横琴一家基金\n"
        "企业 / 地区 / 阶段 / 合同金额 / 2025年到账\n"
        "丙 / 广州白云 / 初创期 / 1000万 / 1000万\n"
        "丁 / 广州增城 / 种子期 / 500万 / 0（下个季度打）\n"
        "都是科技型中小企业，2025年能拿多少？"
    )
    assert award == Decimal(150_000)


def test_a_funds_paid_in_size_beside_its_committed_size_is_set_aside():
    facts = session(
        "我们是东莞的基金，认缴规模10亿，实缴6亿。今年投了番禺一家种子期科技型中小企业，到账1000万，能拿多少？"
    )
    assert [i.amount for i in facts.investments] == [Decimal(10_000_000)]


def test_cantonese_words_read_as_mandarin():
    # 剩低…唔再投 is money that will not come; 註冊資本得… is capital.
    award = article3(
        "我哋係澳門嘅基金，舊年投咗天河一間初創期科技型中小企，簽咗五百萬，到咗賬嘅得三百萬，剩低二百萬唔再投。"
        "佢註冊資本得一千萬。可以攞幾多？"
    )
    assert award == Decimal(45_000)


def test_a_correction_inside_the_message_replaces_the_figure_it_corrects():
    message = "江门的创投投了南沙一家初创期科技型中小企业1500万，打错了，到账的是1200万。能拿多少？"
    assert len(told_then_corrected(message, READER.lexicon)) == 2
    _, facts = read_turn(READER, message, Facts())
    assert ENGINE.evaluate("article3", facts).award_yuan == Decimal(180_000)


def test_a_message_without_a_correction_is_read_whole():
    assert told_then_corrected("说错了的地方我再核对。投了1000万。", READER.lexicon) == (
        "说错了的地方我再核对。投了1000万。",
    )


def test_a_numbered_deal_keeps_its_own_stage():
    facts = session(
        "我们基金在深圳前海，今年投了两家广州企业：\n"
        "1. 甲科技（海珠），种子期，到账500万\n"
        "2. 乙科技（天河），到账800万，成立六年，营收两亿\n"
        "能拿多少？"
    )
    assert [i.stage for i in facts.investments] == ["种子期", None]


def test_the_other_institution_is_capped_on_its_own():
    # 4亿 × 1.5% = 600万 → 500万; 1亿 × 1.5% = 150万; two institutions: 650万.
    award = article3(
        "我们旗下有两家创投：一家在佛山南海，今年对广州黄埔一家初创期科技型中小企业实际到账4亿；"
        "另一家在惠州惠城，今年对广州番禺一家种子期科技型中小企业实际到账1亿。合计能拿多少？"
    )
    assert award == Decimal(6_500_000)


def test_funds_numbered_with_arabic_digits_are_two_institutions():
    award = article3(
        "我们管两只基金，分开申报：1号基金注册在珠海香洲，2025年投广州初创期科技型中小企业到账4亿；"
        "2号基金注册在东莞南城，2025年投广州种子期科技型中小企业到账2亿。2025年分别能拿多少？"
    )
    assert award == Decimal(8_000_000)


def test_a_co_investor_of_the_same_round_is_a_third_party():
    award = article3(
        "我们是中山的创投，今年投了广州花都一家种子期科技型中小企业2000万，已到账。这一轮还有一家杭州的基金投了3000万。能拿多少？"
    )
    assert award == Decimal(300_000)


def test_investees_counted_after_the_verb_are_the_investees():
    award = article3(
        "本基金为澳门注册之基金。今年我们投资了两家广州的初创期科技型中小企业，款项均已到账：甲500万、乙700万。能拿多少？"
    )
    assert award == Decimal(180_000)


def test_a_bracket_with_a_figure_of_its_own_names_that_figure():
    # 区财政新增 2亿 × 40% = 8000万; the 6亿 after the increase and the bracketed 1亿 are not the base.
    award = article11(
        "本区对区级政策性融资担保机构增资，区财政新增出资2亿。增资后注册资本为6亿（另有1亿由民营企业认购）。市财政最多补多少？"
    )
    assert award == Decimal(80_000_000)


def test_english_capital_from_and_to_and_the_increase_broken_down():
    award = article11(
        "Our district-level policy financing guarantee company in Panyu is raising its registered capital from "
        "RMB 300 million to RMB 600 million. Of the RMB 300 million increase, the district treasury puts in "
        "RMB 250 million and a city-owned company RMB 50 million. What's the maximum subsidy?"
    )
    assert award == Decimal(100_000_000)


def test_a_running_total_after_an_increase_is_not_the_new_money():
    facts = session("花都区的区级政策性融资担保公司今年增资了，区财政的出资现在是4亿，市财政能补多少？")
    assert ENGINE.evaluate("article11", facts).award_yuan is None
    assert [f.value for f in facts.set_aside] == [Decimal(400_000_000)]


def test_a_name_two_cities_hold_goes_to_the_city_named_before_it():
    from corpus.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert [m.place.city for m in gazetteer.find("香港沙田的基金")] == ["香港", "香港"]
    assert [m.place.city for m in gazetteer.find("东莞沙田的基金")] == ["东莞", "东莞"]


def test_lead_investing_in_a_place_makes_it_the_investees():
    # 3000万 × 1.5% = 45万: 领投 right before 番禺 is the verb, not 领投方.
    award = article3("珠海斗门一家创投今年领投番禺一家种子期科技型中小企业，投了3000万，已到账。能拿多少？")
    assert award == Decimal(450_000)


def test_this_rounds_total_beside_the_askers_ticket_is_set_aside():
    award = article3(
        "我们是深圳南山的基金，投了天河一家初创期科技型中小企业。这轮总共融了8000万，我们出的是2000万，已到账。能拿多少？"
    )
    assert award == Decimal(300_000)


def test_english_money_of_the_district_budget_is_the_treasurys():
    award = article11(
        "Liwan District will put RMB 50 million of new district budget money into its policy-based financing "
        "guarantee company this year. What is the maximum subsidy?"
    )
    assert award == Decimal(20_000_000)


def test_a_fund_seat_still_to_be_looked_up_is_asked():
    facts = session(
        "管理人在上海，基金在哪里注册的我要查一下。今年投了海珠一家初创期科技型中小企业，到账1000万，能拿多少？"
    )
    assert ENGINE.evaluate("article3", facts).award_yuan is None


def test_respectively_after_one_institution_lists_its_deals():
    # A: 1亿 + 2.5亿 = 3.5亿 × 1.5% = 525万 → 500万; B: 4000万 × 1.5% = 60万; 560万 in all.
    award = article3(
        "我们有两只基金：A基金在东莞松山湖，B基金在中山火炬开发区。今年A基金投了天河两家种子期科技型中小企业，"
        "分别到账1亿元和2.5亿元；B基金投了荔湾一家初创期科技型中小企业，到账4000万元。合计多少？"
    )
    assert award == Decimal(5_600_000)


def test_money_that_came_later_without_a_year_is_asked():
    facts = session(
        "我们是江门的创投，2024年投了白云一家初创期科技型中小企业，签约4亿。",
        "头一笔2亿2024年到账，另外2亿是后来才打过去的。",
    )
    assert ENGINE.evaluate("article3", facts).award_yuan is None


def test_a_clear_stage_told_later_replaces_a_vague_one():
    award = article3(
        "想问问大湾区的创投投广州早期项目有什么奖励",
        "我们在珠海金湾",
        "被投企业在广州花都，已经认定为种子期的科技型中小企业",
        "2025年5月到账600万",
    )
    assert award == Decimal(90_000)


def test_cantonese_that_one_points_at_its_deal():
    award = article3(
        "我哋係香港中環嘅基金，今年喺廣州投咗兩間初創期科技型中小企業：天河一間2000萬、黃埔一間1000萬，都到咗賬",
        "講錯咗，黃埔嗰間到賬係800萬",
    )
    assert award == Decimal(420_000)


def test_a_figure_said_to_be_the_signed_one_gives_way_to_what_arrived():
    award = article3(
        "我们是肇庆的创投，今年投了广州从化一家初创期科技型中小企业。",
        "投资额2000万。",
        "哦说错了，2000万是签的，实际到账1500万。",
    )
    assert award == Decimal(225_000)


def test_an_english_firm_registered_somewhere_is_seated_there():
    award = article3(
        "We are a private equity firm registered in Zhuhai. This year we invested RMB 8 million in a seed-stage "
        "tech SME in Tianhe, Guangzhou, fully received. How much is the reward?"
    )
    assert award == Decimal(120_000)


def test_money_given_to_a_company_makes_the_speaker_its_investor():
    award = article3("我哋公司喺香港，舊年畀咗廣州番禺一間種子期科技型中小企500萬，已經到咗數。可以攞幾多？")
    assert award == Decimal(75_000)


def test_money_brought_in_names_its_funder():
    # 区财政 2亿 × 40% = 8000万; the rest is the province's and private money.
    award = article11(
        "区里新设一家区级政策性融资担保公司，注册资本4亿：区财政出2亿，省再担保出1亿，剩下1亿引入社会资本。最多补多少？"
    )
    assert award == Decimal(80_000_000)


def test_a_rounds_total_beside_lead_investing_asks_the_askers_own_ticket():
    facts = session("这一轮总共融了6000万，我们领投，被投企业是南沙种子期的科技型中小企业，我们是澳门的基金，奖励多少")
    assert ENGINE.evaluate("article3", facts).award_yuan is None
    assert article3("我们是澳门的基金，领投了南沙一家种子期科技型中小企业，到账2000万，奖励多少") == Decimal(300_000)


def test_money_that_came_later_in_a_year_said_after_is_counted():
    # 1000万 + 2000万 = 3000万 × 1.5% = 45万: 都是2024年到的 says the year of both.
    award = article3(
        "我们是江门的创投，2024年投了白云一家初创期科技型中小企业，先到了1000万，后来又打了2000万，都是2024年到的。能拿多少？"
    )
    assert award == Decimal(450_000)


def test_an_investees_valuation_does_not_take_the_paid_in_money_with_it():
    award = article3("我们是黄埔的初创期科技型中小企业，投后估值3亿，深圳的创投实缴2000万，已到账。投资方能拿多少？")
    assert award == Decimal(300_000)
