"""The reader on the shapes messages come in: pasted tables and lists, traditional characters, shorthand,
several investors named by their places, and what a message itself says is unsure."""

from __future__ import annotations

from decimal import Decimal

from assistant.understand import Facts, Reader, fold
from assistant.understand.model import SELF

READER = Reader.default(this_year=2026)


def read(message: str):
    return READER.read(message).facts


def test_a_table_with_a_header_gives_one_deal_per_row():
    facts = read(
        "松山湖的基金，表格如下：\n公司｜所在地｜阶段｜签约｜到账\n一｜广州天河｜初创期｜2000万｜2000万\n"
        "二｜广州黄埔｜种子期｜1500万｜900万\n三｜广州番禺｜初创期｜800万｜0\n三家都是科技型中小企业。"
    )
    assert [(i.investee_place, str(i.amount), i.status) for i in facts.investments] == [
        ("天河", "20000000", "received"), ("黄埔", "9000000", "received"), ("番禺", "8000000", "pending"),
    ]  # fmt: skip


def test_a_list_line_by_line_names_each_investee():
    facts = read(
        "我们是越秀的创投。\n1. 甲公司，佛山南海，初创期科小，到账1000万\n2. 乙公司，广州白云，成长期，到账3000万"
    )
    assert [(i.investee_place, i.stage) for i in facts.investments] == [("南海", "初创期"), ("白云", "成长期")]
    assert facts.institution(SELF).place == "越秀"


def test_traditional_characters_and_shorthand_units():
    facts = read("我們澳門的基金投廣州海珠一家初創期科技型中小企業，到賬2800w")
    assert facts.institution(SELF).place == "澳门" and facts.investments[0].amount == Decimal(28_000_000)


def test_several_investors_each_named_by_place():
    facts = read(
        "我们A轮三家投资方：深圳福田一家VC到账3000万，香港一家基金到账1500万，上海一家PE到账2000万。公司在南沙，初创期科技型中小企业"
    )
    places = {facts.institution(i.institution).place for i in facts.investments}
    assert places == {"福田", "香港", "上海"}
    assert {i.investee_place for i in facts.investments} == {"南沙"}


def test_a_person_among_the_investors_is_no_institution():
    facts = read(
        "我们天使轮两家：一位个人天使以他自己名义投了300万，东莞长安镇一家创投机构投了700万，钱都到了。公司在天河，种子期科技型中小企业"
    )
    person = next(i for i in facts.investments if i.amount == Decimal(3_000_000))
    assert facts.institution(person.institution).individual


def test_a_person_investing_through_a_company_is_the_company():
    facts = read(
        "我是天使投资人，不过这次不是用个人名义，是通过我在东莞松山湖注册的投资公司投的，投了广州一家种子期科小150万，已到账"
    )
    assert not facts.institution(SELF).individual


def test_the_funds_own_money_and_the_users_arithmetic_are_set_aside():
    facts = read(
        "我们基金LP认缴5亿，实缴3亿，管理费一年1000万。今年只投了一个：广州增城种子期科小，到账2200万。基金注册在肇庆高新区"
    )
    assert [str(i.amount) for i in facts.investments] == ["22000000"]
    sums = read(
        "深圳福田的机构今年三笔：\n- 广州天河，初创期科小，到账1.8亿\n- 广州黄埔，种子期科小，到账1.5亿\n我算了下3.3亿×1.5%，对吗？"
    )
    assert [str(i.amount) for i in sums.investments] == ["180000000", "150000000"]


def test_what_the_message_says_is_unsure_becomes_a_question():
    assert read("投资人是香港一位老板，投了我们500万，钱到了。不过我不确定他是用自己名义还是用他公司名义投的").unclear
    assert read("我们基金在佛山，今年在广州投了好几家种子期科技型中小企业，其中一家到账1000万").unclear
    assert read("第二笔今年签了2000万，到了多少我得问财务").unclear


def test_the_year_a_question_asks_about():
    reading = READER.read(
        "2025-09 A公司 黄埔 种子期科小 1500万\n2026-02 B公司 天河 初创期科小 1100万\n今年这期能报多少？"
    )
    assert reading.asked_years == [2026]
    assert [i.year for i in reading.facts.investments] == [2025, 2026]


def test_a_list_number_lets_a_later_turn_correct_that_item():
    facts = Facts()
    for message in ("佛山的一家创投，今年投了三家广州的科技型中小企业，都是初创期：\n1）南沙 2000万 已到账\n2）天河 1600万 已到账",
                    "其中第二笔其实是成长期的，不是初创期"):  # fmt: skip
        facts = fold(facts, READER.read(message, known=facts))
    assert [i.stage for i in facts.investments] == ["初创期", "成长期"]


def test_article11_new_part_funders_after_the_figure_and_across_a_parenthesis():
    def funders(message: str) -> list[tuple[str, str]]:
        return [(c.funder, str(c.amount)) for c in READER.read(message).facts.contributions]

    assert funders("区政策性融资担保公司原来注册资本2亿，今年增资到3.5亿，新增部分全是区财政出的") == [
        ("district_treasury", "150000000")
    ]
    assert ("private", "50000000") in funders("区级政策性担保公司增资，新增的3亿里面区财政出2.5亿，剩下0.5亿是社会资本")
    assert ("private", "80000000") in funders(
        "我们区的政策性担保公司新增资本2亿元，其中区财政1.2亿，社会资本（一家民企）0.8亿"
    )
    facts = READER.read("区里新设区级政策性融资担保公司，区财政出资3亿，剩下2亿由两家银行和一家民营企业出").facts
    assert facts.guarantor.policy_based is not False
