"""Classes a sixth blind award set found: places compared with, the rule's words in the question,
choices not made, years pointed back at, institutions named one by one, peers that add up."""

from __future__ import annotations

from decimal import Decimal

from assistant.understand import Facts, Reader, fold

READER = Reader.default(this_year=2026)


def read(message: str):
    return READER.read(message).facts


def test_a_place_compared_with_is_no_investee_home():
    facts = read("广州的创投，投了佛山南海一家初创期科技型中小企业（离广州很近），到账800万，奖励多少？")
    assert [i.investee_place for i in facts.investments] == ["南海"]


def test_the_rules_words_in_the_question_say_nothing_arrived():
    facts = read("东莞的创投，和广州番禺一家种子期科小签了协议，金额1000万，钱还没打过去。按实际到账情况能拿多少？")
    assert [i.status for i in facts.investments] != ["received"]


def test_a_stage_the_speaker_has_not_chosen_is_no_stage():
    facts = read("深圳的机构，投了广州海珠一家科技型中小企业，到账2500万。这家企业算初创期还是成长期，我们内部有分歧。")
    [investment] = facts.investments
    assert investment.stage is None and set(investment.stage_options) == {"初创期", "成长期"}


def test_months_and_that_year_point_back_at_the_year_just_named():
    facts = read("香港的天使基金，2024年投了广州南沙一家种子期科小，年初到账300万，年底又追加到账700万。")
    assert [i.year for i in facts.investments] == [2024, 2024]
    facts = read("惠州的机构，2024年和广州番禺一家初创期科小签约4亿，年内实际到账3.2亿，剩下的2025年再到。")
    assert next((i.year, i.amount) for i in facts.investments if i.status == "received") == (2024, Decimal(320_000_000))


def test_institutions_introduced_one_by_one_are_each_their_own():
    facts = read(
        "集团下有两个投资平台，一个注册在广州南沙，一个注册在深圳前海。2024年两个平台都投了广州的种子期科小，"
        "南沙平台实际到账3亿，前海平台实际到账2.5亿。"
    )
    assert len({i.institution for i in facts.investments}) == 2
    assert {i.investee_place for i in facts.investments} == {"广州"}


def test_registration_named_with_where_business_is_done_is_the_home():
    facts = Facts()
    for message in ("惠州的机构，投了一家佛山的初创期科小，到账1000万。", "不对，那家企业注册地和经营地都在广州番禺。"):
        facts = fold(facts, READER.read(message, known=facts))
    assert [i.investee_place for i in facts.investments] == ["番禺"]


def test_peers_that_happen_to_add_up_are_no_total():
    facts = read(
        "澳门的机构，2023年投了广州三家初创期科小：越秀甲公司到账1500万，白云乙公司到账900万，花都丙公司到账600万。"
    )
    assert [i.amount for i in facts.investments] == [Decimal(15_000_000), Decimal(9_000_000), Decimal(6_000_000)]


def test_two_amounts_not_settled_and_a_forgotten_year_are_asked():
    assert read("珠海机构投广州南沙种子期科小，到账可能是1300万，也可能是1500万，还在核对。").unclear
    assert any(
        q.slot == "year"
        for q in read("番禺的创投投广州种子期科小到账4亿，分两笔，一笔2024年，另一笔时间记不清了。").unclear
    )


def test_guarantee_funders_in_brackets():
    facts = read("增城区给区里的政策性融资担保公司新增出资7500万元（全部区财政资金），市里能补多少？")
    assert [(c.funder, c.amount) for c in facts.contributions] == [("district_treasury", Decimal(75_000_000))]
    facts = read(
        "区担保公司原注册资本10亿（区财政出资8亿），今年增资到13亿，新增的3亿里区财政出1.5亿、民营资本出1.5亿。"
    )
    assert [c.amount for c in facts.contributions if c.funder == "district_treasury"] == [Decimal(150_000_000)]
    assert read("区财政这两年都没有追加出资，区担保公司注册资本一直是6亿。").guarantor.no_district_money


def test_a_foreign_currency_written_before_the_amount_is_asked():
    [investment] = read("香港基金投了广州南沙初创期科小，到账港币2000万，奖励多少人民币").investments or [None]
    assert investment is None or investment.amount != Decimal(20_000_000)


def test_a_stage_in_doubt_or_unknown_is_no_stage():
    [investment] = read("被投企业在广州黄埔，不确定算不算初创期。投资方在佛山，到账1500万").investments
    assert investment.stage is None
    facts = read("广州的创投今年投了两家广州的科小：A初创期，到账500万；B不知道算哪个阶段，到账800万。")
    assert [i.stage for i in facts.investments] == ["初创期", None]


def test_a_total_over_years_with_its_split_unknown_is_asked():
    facts = read("横琴的基金2023-2024两年累计到账投广州初创期科小4亿，每年各多少我还要再查，两年奖励能拿多少")
    assert any(q.slot == "amount" for q in facts.unclear)


def test_registered_in_one_city_working_in_the_other_is_asked():
    facts = read("东莞的机构投了一家种子期科小，团队和办公都在广州，但营业执照注册在深圳，到账600万。")
    assert facts.unclear and all(i.investee_place is None for i in facts.investments)


def test_investors_named_by_place_and_letter_each_get_their_figure():
    facts = read("集团下面两家：深圳的A创投、上海的B创投，2024年分别投广州初创期科小到账2亿和1亿，能拿多少")
    assert [(i.institution, i.amount) for i in facts.investments] == [
        ("A", Decimal(200_000_000)), ("B", Decimal(100_000_000)),
    ]  # fmt: skip
    facts = read(
        "帮企业咨询：企业在琶洲，初创期科小，2024年收到两笔投资：深圳南山一家基金到账600万，佛山南海一家基金到账400万。"
    )
    assert [i.investee_place for i in facts.investments] == ["琶洲", "琶洲"]
