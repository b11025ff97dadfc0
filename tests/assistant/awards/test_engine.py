"""The award engine over the rule data: rates, caps per institution and year, exclusions, questions, versions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from assistant.awards.cases import InvestmentInput, guarantee_case, investment_case
from assistant.awards.engine import AwardEngine
from corpus.awards import RuleVersion, load_award_rules
from corpus.gazetteer import load_gazetteer

ENGINE = AwardEngine.default()


def inv(amount: int, **fields: object) -> InvestmentInput:
    defaults = {"investee_stage": "初创期", "investee_place": "天河", "funds_received": True, "year": 2026}
    return InvestmentInput(amount=amount, **{**defaults, **fields})


def article3(*investments: InvestmentInput, place: str | None = "珠海", in_gba: bool | None = None):
    return ENGINE.evaluate("article3", investment_case(list(investments), place, in_gba))


@pytest.mark.parametrize(
    ("amount", "award"),
    [(10_000_000, 150_000), (80_000_000, 1_200_000), (333_333_333, 4_999_999.995), (400_000_000, 5_000_000)],
)
def test_rate_and_annual_cap(amount, award):
    result = article3(inv(amount))
    assert result.award_yuan == pytest.approx(award) and result.eligible
    assert "1.5%" in result.standard and "500万元" in result.standard


def test_same_year_investments_share_one_cap_and_years_are_capped_apart():
    assert article3(inv(200_000_000), inv(200_000_000)).award_yuan == 5_000_000
    assert article3(inv(200_000_000, year=2025), inv(400_000_000, year=2026)).award_yuan == 8_000_000


def test_the_cap_is_per_institution():
    result = article3(inv(300_000_000, institution="A基金"), inv(250_000_000, institution="B基金"))
    assert result.award_yuan == 8_250_000
    assert any("A基金" in step for step in result.steps)


@pytest.mark.parametrize(
    ("investment", "reason"),
    [(inv(50_000_000, investee_stage="成长期"), "种子期、初创期"), (inv(50_000_000, investee_place="东莞"), "不在广州"),
     (inv(50_000_000, funds_received=False), "尚未实际到账"),
     (inv(50_000_000, investee_is_tech_sme=False), "科技型中小企业")],
)  # fmt: skip
def test_an_ineligible_investment_is_left_out_with_its_reason(investment, reason):
    result = article3(inv(20_000_000, investee_stage="种子期"), investment)
    assert result.award_yuan == 300_000
    assert any(reason in left.reason for left in result.left_out)


def test_an_investor_outside_the_bay_area_gets_nothing():
    result = article3(inv(30_000_000), place="北京")
    assert result.award_yuan == 0 and result.eligible is False


@pytest.mark.parametrize(
    ("investment", "place", "slot_word"),
    [(inv(30_000_000, investee_stage=None), "珠海", "阶段"), (inv(30_000_000, investee_stage="A轮"), "珠海", "阶段"),
     (inv(30_000_000, investee_place=None), "珠海", "被投企业"), (inv(30_000_000), None, "城市")],
)  # fmt: skip
def test_a_decisive_unknown_gives_no_figure_but_one_question(investment, place, slot_word):
    result = article3(investment, place=place)
    assert result.award_yuan is None
    assert len(result.questions) == 1 and slot_word in result.questions[0]


def test_an_unknown_that_the_rule_assumes_is_named_in_the_result():
    result = article3(inv(30_000_000, investee_is_tech_sme=None, funds_received=None))
    assert result.award_yuan == 450_000
    assert {c.status for c in result.conditions} >= {"unknown"}


def test_unknown_years_give_a_figure_only_when_they_cannot_change_it():
    assert article3(inv(30_000_000, year=None), inv(20_000_000, year=None)).award_yuan == 750_000
    result = article3(inv(300_000_000, year=None), inv(300_000_000, year=None))
    assert result.award_yuan is None and "年" in result.questions[0]


def test_a_total_over_several_unknown_years_asks():
    facts = investment_case([inv(800_000_000, year=None)], "前海")
    facts.investments[0].years_spanned = 0
    assert ENGINE.evaluate("article3", facts).award_yuan is None


def test_article11_counts_only_the_district_treasurys_new_money():
    facts = guarantee_case(
        120_000_000, other_contributions=[("district_soe", Decimal(80_000_000)), ("city", Decimal(30_000_000))]
    )
    result = ENGINE.evaluate("article11", facts)
    assert result.award_yuan == 48_000_000 and result.is_ceiling
    assert len(result.left_out) == 2


@pytest.mark.parametrize(
    ("kwargs", "award"),
    [({"is_policy_guarantee": False}, 0), ({"is_district_level": False}, 0), ({"district_funded": False}, 0)],
)
def test_article11_ineligible_institutions(kwargs, award):
    capital = None if kwargs.get("district_funded") is False else 100_000_000
    assert ENGINE.evaluate("article11", guarantee_case(capital, **kwargs)).award_yuan == award


def test_article11_asks_when_the_funder_is_unclear():
    facts = guarantee_case(None, other_contributions=[("district_unclear", Decimal(300_000_000))])
    result = ENGINE.evaluate("article11", facts)
    assert result.award_yuan is None and "区财政" in result.questions[0]


def test_a_new_standard_is_a_data_change_with_its_date():
    rules = load_award_rules()
    rule = rules.rule("article3")
    newer = RuleVersion(
        effective_from=dt.date(2027, 1, 1),
        effective_note="新标准",
        rate=Decimal("0.02"),
        cap=Decimal(6_000_000),
        source="测试用的新文件",
    )
    changed = rules.model_copy(
        update={
            "rules": tuple(
                r.model_copy(update={"versions": (*r.versions, newer)}) if r is rule else r for r in rules.rules
            )
        }
    )
    engine = AwardEngine(changed, load_gazetteer())
    old_year = engine.evaluate("article3", investment_case([inv(100_000_000, year=2026)], "珠海"))
    new_year = engine.evaluate("article3", investment_case([inv(100_000_000, year=2027)], "珠海"))
    assert (old_year.award_yuan, new_year.award_yuan) == (1_500_000, 2_000_000)
    assert "2027年1月1日" in new_year.standard and "2027" not in old_year.standard


def test_supports_without_a_fixed_amount_never_give_a_number():
    result = ENGINE.unfixed("listing_reward")
    assert result.award_yuan is None and result.article == 13 and result.decided_by


def test_every_fact_the_rule_data_may_name_has_a_reader():
    from assistant.awards.facts import FACT_READERS
    from corpus.awards import FACTS

    assert set(FACTS) == set(FACT_READERS)
