"""The 奖励测算 tab's handlers, without a browser: rows → the engine's facts → the chat's estimate."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from assistant.awards.cases import InvestmentInput, guarantee_case, investment_case
from assistant.awards.engine import AwardEngine
from ui.web.calc_rows import (
    NEW_CAPITAL,
    PRIOR_CAPITAL,
    ContributionRow,
    InvestmentRow,
    contribution_facts,
    contribution_rows,
    investment_facts,
    investment_rows,
)
from ui.web.calculate import Calculator
from ui.web.forms import FormError, error_html, read_amount, read_year


@pytest.fixture(scope="module")
def calculator(knowledge) -> Calculator:
    return Calculator.build(knowledge.articles)


def startup(amount: str, place: str = "天河区", *, received: bool = True, stage: str = "初创期", year: str = "2025"):
    return InvestmentRow(amount, received, place, stage, True, year)


def figure(html: str) -> str:
    match = re.search(r'<strong class="award-amount">(.*?)</strong>', html)
    assert match, html[:400]
    return match.group(1)


# -- article 3 -----------------------------------------------------------------------------


def test_two_rows_one_not_received_count_only_the_received_one(calculator):
    rows = [startup("8000万"), startup("2000万", "海珠区", received=False)]
    html = calculator.investments("珠海", rows)
    engine = AwardEngine.default().evaluate(
        "article3",
        investment_case(
            [
                InvestmentInput(
                    amount=Decimal(80_000_000),
                    year=2025,
                    investee_stage="初创期",
                    investee_place="天河区",
                    investee_is_tech_sme=True,
                    funds_received=True,
                ),
                InvestmentInput(
                    amount=Decimal(20_000_000),
                    year=2025,
                    investee_stage="初创期",
                    investee_place="海珠区",
                    investee_is_tech_sme=True,
                    funds_received=False,
                ),
            ],
            "珠海",
        ),
    )
    assert engine.award_yuan == 1_200_000
    assert figure(html) == "120万元"
    assert "不计入：海珠区（广州） 初创期 尚未到账2000万元" in html
    assert "奖励以实际到账投资额为基数" in html
    assert "共 2 笔投资" in html
    assert "calc-error" not in html


def test_the_explanation_is_the_chats_for_the_same_facts(calculator, assistant):
    html = calculator.investments("珠海", [startup("8000万")])
    reply = assistant.chat(
        "我们是珠海的创投机构，2025年投了天河区一家初创期科技型中小企业8000万，已到账，能拿多少奖励？"
    )
    chat_steps = reply.answer.tool_calls[0].result["steps"]
    assert figure(html) == "120万元"
    assert "预估可获120万元" in html
    assert "8000万元 × 1.5% = 120万元" in html
    assert all(step in html for step in chat_steps)
    assert "责任单位：市科技局、市发展改革委" in html


def test_same_year_rows_share_the_cap_and_other_years_do_not(calculator):
    same_year = calculator.investments("香港", [startup("3亿"), startup("2亿", "黄埔区")])
    assert figure(same_year) == "500万元"
    two_years = calculator.investments("香港", [startup("3亿"), startup("2亿", "黄埔区", year="2026")])
    assert figure(two_years) == "750万元"


def test_rows_outside_the_rule_are_left_out_with_their_reason(calculator):
    html = calculator.investments("珠海", [startup("1000万", "深圳"), startup("1000万", stage="成长期")])
    assert figure(html) == "0元"
    assert "不在广州市" in html
    assert "第（三）条只奖励投资于种子期、初创期企业" in html


def test_institution_outside_the_bay_area_gets_nothing(calculator):
    html = calculator.investments("北京", [startup("8000万")])
    assert figure(html) == "0元"
    assert "不在粤港澳大湾区" in html


def test_an_unrecognised_place_asks_for_a_city(calculator):
    html = calculator.investments("火星", [startup("8000万")])
    assert figure(html) == "暂无法确定金额"
    assert "calc-hint" in html


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([startup("很多钱")], "无法识别第1笔投资的金额「很多钱」"),
        ([startup("8000万"), startup("")], "请填写第2笔投资的金额"),
        ([startup("8000万"), startup("-100万")], "第2笔投资的金额必须大于 0"),
        ([startup("3000万和5000万")], "第1笔投资的金额只能填写一个金额"),
        ([startup("8000万", year="去年")], "第1笔投资的到账年份应为"),
        ([startup("8000万", place="")], "请填写第1笔投资的被投企业所在地"),
        ([InvestmentRow("8000万", True, "天河区", None, True, "")], "请选择第1笔投资的被投企业所处阶段"),
        ([], "请至少添加一笔投资"),
    ],
)
def test_bad_rows_are_named_in_chinese(calculator, rows, message):
    html = calculator.investments("珠海", rows)
    assert html.startswith('<div class="calc-error"')
    assert message in html
    assert "Traceback" not in html


def test_every_problem_is_listed_at_once(calculator):
    html = calculator.investments("", [startup("很多钱"), startup("", place="")])
    assert "请修改以下 4 处" in html
    for message in [
        "请填写投资机构所在地",
        "第1笔投资的金额「很多钱」",
        "请填写第2笔投资的金额",
        "第2笔投资的被投企业所在地",
    ]:
        assert message in html


def test_rows_from_the_page_values():
    values = ["8000万", True, "天河区", "初创期", False, "2025", "1亿", False, "深圳", "种子期", True, ""]
    rows = investment_rows(values)
    assert [r.amount for r in rows] == ["8000万", "1亿"]
    assert rows[0].tech_sme is False and rows[1].received is False
    facts = investment_facts("珠海", rows)
    assert [i.status for i in facts.investments] == ["received", "pending"]
    assert [i.tech_sme for i in facts.investments] == [False, True]
    assert contribution_rows(["1亿", "district_treasury", NEW_CAPITAL]) == [
        ContributionRow("1亿", "district_treasury", NEW_CAPITAL)
    ]


# -- article 11 ----------------------------------------------------------------------------


def test_article11_two_sources_count_only_the_district_treasury(calculator):
    rows = [ContributionRow("1亿", "district_treasury", NEW_CAPITAL), ContributionRow("5000万", "private", NEW_CAPITAL)]
    html = calculator.contributions(rows)
    facts = guarantee_case(
        None,
        True,
        True,
        True,
        other_contributions=[("district_treasury", Decimal(10**8)), ("private", Decimal(5 * 10**7))],
    )
    assert AwardEngine.default().evaluate("article11", facts).award_yuan == 40_000_000
    assert figure(html) == "最高4000万元"
    assert "1亿元 × 40% = 4000万元" in html
    assert "由社会资本出资，不是区财政的出资" in html


def test_article11_prior_capital_and_district_companies_are_left_out(calculator):
    rows = [
        ContributionRow("2亿", "district_treasury", PRIOR_CAPITAL),
        ContributionRow("6000万", "district_treasury", NEW_CAPITAL),
        ContributionRow("4000万", "district_soe", NEW_CAPITAL),
        ContributionRow("1000万", "city", NEW_CAPITAL),
    ]
    html = calculator.contributions(rows)
    assert figure(html) == "最高2400万元"
    assert "2亿元（增资前的原有资本，不是新增出资）" in html
    assert "由区属国企出资" in html
    assert "由市级资金出资" in html
    facts = contribution_facts(rows, True, True, True)
    assert [c.funder for c in facts.contributions] == ["district_treasury", "district_soe", "city"]


def test_article11_only_prior_capital_asks_for_the_new_contribution(calculator):
    html = calculator.contributions([ContributionRow("2亿", None, PRIOR_CAPITAL)])  # whoever paid it
    assert figure(html) == "暂无法确定金额"
    assert "请问区财政新增出资额是多少" in html


def test_article11_unmet_condition_gives_zero(calculator):
    html = calculator.contributions([ContributionRow("1亿", "district_treasury", NEW_CAPITAL)], district_level=False)
    assert figure(html) == "0元"
    assert 'data-status="not_met"' in html


def test_article11_bad_rows_are_named(calculator):
    html = calculator.contributions([ContributionRow("1亿", "district_treasury"), ContributionRow("abc", None)])
    assert "无法识别第2项出资的金额「abc」" in html
    assert "请选择第2项出资的出资方" in html


# -- the shared field readers ----------------------------------------------------------------


def test_read_amount_and_year():
    assert read_amount("8000万") == 80_000_000
    assert read_amount("1.2亿") == 120_000_000
    assert read_amount("3,000,000元") == 3_000_000
    assert read_year("") is None
    assert read_year("2024年") == 2024
    assert read_year(2025.0) == 2025


def test_one_message_is_a_line_and_several_a_list():
    assert str(FormError("请填写企业（机构）名称。")) == "请填写企业（机构）名称。"
    assert error_html("<script>") == '<div class="calc-error" role="alert">&lt;script&gt;</div>'
    assert "<li>甲</li><li>乙</li>" in error_html("甲", "乙")
