"""Tests for the award rules (articles 3 and 11) and the supports without a fixed amount."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.calculator import (
    GREATER_BAY_AREA_CITIES,
    GUANGZHOU_DISTRICTS,
    UNFIXED_SUPPORT_TOPICS,
    AwardResult,
    CalculatorInputError,
    Investment,
    UnfixedTopic,
    article3_award,
    article11_award,
    in_greater_bay_area,
    in_guangzhou,
    normalize_stage,
    unfixed_support,
)

POLICY_TEXT = Path(__file__).resolve().parents[2] / "corpus" / "texts" / "gz-tech-finance-opinions.txt"
WAN = 10_000
YI = 100_000_000
CAP = 5_000_000


def eligible(amount: int | Decimal, year: int | None = None, **overrides: Any) -> Investment:
    fields: dict[str, Any] = {
        "amount": Decimal(amount),
        "year": year,
        "investee_stage": "初创期",
        "investee_in_guangzhou": True,
        "investee_is_tech_sme": True,
        "funds_received": True,
    }
    fields.update(overrides)
    return Investment(**fields)


def award(*investments: Investment, gba: bool | None = True) -> AwardResult:
    return article3_award(list(investments), gba)


def squash(text: str) -> str:
    """Drop whitespace: the policy file has page breaks and spaces around numbers."""
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------------------
# Article 3: fixed examples
# ---------------------------------------------------------------------------


def test_zhuhai_institution_10m_into_guangzhou_startup() -> None:
    result = article3_award([eligible(1000 * WAN)], in_greater_bay_area("珠海"))
    assert result.award_yuan == 150_000
    assert isinstance(result.award_yuan, int)
    assert result.eligible is True
    assert result.is_ceiling is False
    assert result.rule == "article3_angel_investment"
    assert result.article == 3
    assert result.units == ["市科技局", "市发展改革委"]
    assert result.missing == []
    assert result.steps == ["1000万元 × 1.5% = 15万元 ≤ 500万元（年度上限），按15万元计"]
    assert result.note == "预估，以责任单位审核为准"


def test_80m() -> None:
    result = award(eligible(8000 * WAN))
    assert result.award_yuan == 1_200_000
    assert "8000万元 × 1.5% = 120万元 ≤ 500万元（年度上限），按120万元计" in result.steps


def test_400m_is_capped() -> None:
    result = award(eligible(4 * YI))
    assert result.award_yuan == CAP
    assert "4亿元 × 1.5% = 600万元 > 500万元（年度上限），按500万元计" in result.steps


def test_same_year_investments_add_up() -> None:
    result = award(eligible(3000 * WAN, 2024), eligible(5000 * WAN, 2024))
    assert result.award_yuan == 1_200_000
    assert any("3000万元 + 5000万元 = 8000万元" in step for step in result.steps)


def test_each_year_capped_separately() -> None:
    result = award(eligible(3 * YI, 2024), eligible(3 * YI, 2025))
    assert result.award_yuan == 4_500_000 + 4_500_000 == 9_000_000
    assert any(step.startswith("2024年度：") for step in result.steps)
    assert any(step.startswith("2025年度：") for step in result.steps)
    assert any("450万元 + 450万元 = 900万元" in step for step in result.steps)


def test_same_year_total_capped_once() -> None:
    result = award(eligible(4 * YI, 2024), eligible(2 * YI, 2024))
    assert result.award_yuan == CAP


def test_outside_gba_gets_zero_with_reason() -> None:
    result = article3_award([eligible(8000 * WAN)], in_greater_bay_area("北京"))
    assert result.award_yuan == 0
    assert result.eligible is False
    failed = [c for c in result.conditions if c.status == "not_met"]
    assert [c.name for c in failed] == ["投资机构位于粤港澳大湾区"]
    assert "粤港澳大湾区" in result.explanation


def test_growth_stage_gets_zero() -> None:
    result = award(eligible(8000 * WAN, investee_stage="成长期"))
    assert result.award_yuan == 0
    assert result.eligible is False
    assert any(c.status == "not_met" and "成长期" in c.reason for c in result.conditions)


def test_investee_outside_guangzhou_gets_zero() -> None:
    result = award(eligible(8000 * WAN, investee_in_guangzhou=False))
    assert result.award_yuan == 0
    assert result.eligible is False


def test_not_tech_sme_gets_zero() -> None:
    result = award(eligible(8000 * WAN, investee_is_tech_sme=False))
    assert result.award_yuan == 0


def test_funds_not_received_gets_zero() -> None:
    result = award(eligible(8000 * WAN, funds_received=False))
    assert result.award_yuan == 0
    assert result.eligible is False


def test_unknown_stage_gives_none_with_missing_and_conditional_step() -> None:
    result = award(eligible(8000 * WAN, investee_stage=None))
    assert result.award_yuan is None
    assert result.eligible is None
    assert any("阶段" in m for m in result.missing)
    assert "若符合条件：8000万元 × 1.5% = 120万元 ≤ 500万元（年度上限），按120万元计" in result.steps


def test_unrecognised_stage_is_unknown_not_ineligible() -> None:
    result = award(eligible(8000 * WAN, investee_stage="A轮"))
    assert result.award_yuan is None
    assert any("A轮" in c.reason for c in result.conditions)


def test_unknown_gba_gives_none() -> None:
    result = award(eligible(8000 * WAN), gba=None)
    assert result.award_yuan is None
    assert result.eligible is None
    assert any("粤港澳大湾区" in m for m in result.missing)


def test_unknown_guangzhou_location_gives_none() -> None:
    result = award(eligible(8000 * WAN, investee_in_guangzhou=None))
    assert result.award_yuan is None
    assert any("广州" in m for m in result.missing)


def test_unknown_tech_sme_and_receipt_do_not_block() -> None:
    result = award(eligible(8000 * WAN, investee_is_tech_sme=None, funds_received=None))
    assert result.award_yuan == 1_200_000
    assert result.eligible is True
    unknown = {c.name for c in result.conditions if c.status == "unknown"}
    assert unknown == {"被投企业为科技型中小企业", "投资款已实际到账"}


def test_outside_gba_decides_even_when_stage_unknown() -> None:
    result = award(eligible(8000 * WAN, investee_stage=None), gba=False)
    assert result.award_yuan == 0
    assert result.eligible is False


def test_ineligible_investment_excluded_from_year_total() -> None:
    result = award(eligible(4 * YI, 2024, investee_stage="成熟期"), eligible(8000 * WAN, 2024))
    assert result.award_yuan == 1_200_000
    assert any("不计入奖励基数" in step for step in result.steps)


def test_single_investment_without_year_is_one_year() -> None:
    result = award(eligible(4 * YI, None))
    assert result.award_yuan == CAP
    assert result.missing == []


def test_unknown_years_that_do_not_matter_do_not_block() -> None:
    result = award(eligible(3000 * WAN), eligible(5000 * WAN))
    assert result.award_yuan == 1_200_000


def test_unknown_years_that_matter_ask_for_years() -> None:
    result = award(eligible(3 * YI), eligible(3 * YI))
    assert result.award_yuan is None
    assert result.eligible is True
    assert any("年份" in m for m in result.missing)
    assert any("若在同一年度到账" in s for s in result.steps)
    assert any("若分属不同年度" in s for s in result.steps)


def test_fractional_award_is_float_to_the_fen() -> None:
    result = award(eligible(Decimal(1001)))
    assert result.award_yuan == pytest.approx(15.02)
    assert isinstance(result.award_yuan, float)
    assert "1001元 × 1.5% = 15.015元" in result.steps[0]


@pytest.mark.parametrize("amount", [Decimal(0), Decimal(-1), Decimal(-8000 * WAN)])
def test_non_positive_amount_raises(amount: Decimal) -> None:
    with pytest.raises(CalculatorInputError, match="大于0"):
        award(eligible(amount))
    assert issubclass(CalculatorInputError, ValueError)


def test_no_investments_raises() -> None:
    with pytest.raises(CalculatorInputError):
        article3_award([], True)


def test_result_is_json_serialisable() -> None:
    for result in (
        award(eligible(8000 * WAN)),
        award(eligible(Decimal(1001))),
        award(eligible(8000 * WAN, investee_stage=None)),
        article11_award(Decimal(YI), True, True, True),
        unfixed_support("ip_pledge_subsidy"),
    ):
        dumped = result.model_dump(mode="json")
        assert json.loads(json.dumps(dumped, ensure_ascii=False)) == dumped
        assert AwardResult.model_validate(dumped) == result


# ---------------------------------------------------------------------------
# Article 3: properties
# ---------------------------------------------------------------------------

amounts = st.integers(min_value=1, max_value=2 * 10**9)
years = st.integers(min_value=2020, max_value=2030)


@given(st.lists(st.tuples(amounts, years), min_size=1, max_size=8))
def test_award_never_exceeds_cap_per_distinct_year(items: list[tuple[int, int]]) -> None:
    result = award(*(eligible(amount, year) for amount, year in items))
    distinct_years = len({year for _, year in items})
    assert result.award_yuan is not None
    assert Decimal(str(result.award_yuan)) <= CAP * distinct_years


@given(amounts, amounts)
def test_award_monotone_in_amount(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert award(eligible(low)).award_yuan <= award(eligible(high)).award_yuan


@given(st.lists(amounts, min_size=2, max_size=6), st.data())
def test_splitting_across_years_never_lowers_award(values: list[int], data: st.DataObject) -> None:
    same_year = award(*(eligible(v, 2024) for v in values))
    spread = [data.draw(years) for _ in values]
    split = award(*(eligible(v, y) for v, y in zip(values, spread, strict=True)))
    assert split.award_yuan >= same_year.award_yuan


@given(st.integers(min_value=1, max_value=CAP * 200 // 3 // 200))
def test_exactly_one_and_a_half_percent_below_cap(units_of_200: int) -> None:
    amount = Decimal(units_of_200 * 200)  # multiples of 200 yuan give whole-yuan awards
    result = award(eligible(amount))
    assert Decimal(result.award_yuan) == amount * Decimal("0.015")
    assert isinstance(result.award_yuan, int)


@given(st.integers(min_value=1, max_value=333_333_333))
def test_below_cap_any_whole_amount_rounds_to_fen(amount: int) -> None:
    result = award(eligible(amount))
    # Money rounds half up to the fen (0.045 → 0.05), not banker's rounding.
    expected = (Decimal(amount) * Decimal("0.015")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(str(result.award_yuan)) == expected


@given(st.integers(min_value=333_333_334, max_value=10**12))
def test_above_cap_is_cap(amount: int) -> None:
    assert award(eligible(amount)).award_yuan == CAP


# ---------------------------------------------------------------------------
# Places and stages
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("city", GREATER_BAY_AREA_CITIES)
def test_gba_cities(city: str) -> None:
    assert in_greater_bay_area(city) is True
    assert in_greater_bay_area(f"{city}市") is True


@pytest.mark.parametrize("district", GUANGZHOU_DISTRICTS)
def test_guangzhou_districts(district: str) -> None:
    assert len(GUANGZHOU_DISTRICTS) == 11
    for text in (district, f"{district}区", f"广州市{district}区"):
        assert in_greater_bay_area(text) is True
        assert in_guangzhou(text) is True


@pytest.mark.parametrize(
    "place",
    ["北京", "上海市", "杭州", "成都", "武汉", "西安", "南京", "苏州", "天津", "重庆", "长沙", "海外", "美国", "汕头"],
)
def test_outside_gba(place: str) -> None:
    assert in_greater_bay_area(place) is False
    assert in_guangzhou(place) is False


@pytest.mark.parametrize("place", ["", "某地", "火星", "广东", "北京和深圳"])
def test_unknown_place(place: str) -> None:
    assert in_greater_bay_area(place) is None


def test_in_guangzhou_other_gba_city_is_false() -> None:
    assert in_guangzhou("深圳南山") is False
    assert in_guangzhou("香港") is False
    assert in_guangzhou("粤港澳大湾区") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("种子期", "种子期"), ("初创期", "初创期"), ("初创阶段", "初创期"), ("成长期", "成长期"), ("成熟期", "成熟期")],
)
def test_normalize_stage(text: str, expected: str) -> None:
    assert normalize_stage(text) == expected


@pytest.mark.parametrize("text", [None, "", "天使轮", "A轮"])
def test_normalize_stage_unknown(text: str | None) -> None:
    assert normalize_stage(text) is None


# ---------------------------------------------------------------------------
# Article 11
# ---------------------------------------------------------------------------


def test_article11_100m() -> None:
    result = article11_award(Decimal(YI), True, True, True)
    assert result.award_yuan == 40_000_000
    assert result.is_ceiling is True
    assert result.eligible is True
    assert result.article == 11
    assert result.rule == "article11_guarantee_capital"
    assert "1亿元 × 40% = 4000万元（上限，最高不超过）" in result.steps
    assert "最高" in result.explanation
    assert result.units == ["市工业和信息化局", "市人力资源社会保障局"]


@pytest.mark.parametrize(
    "flags", [(False, True, True), (True, False, True), (True, True, False)], ids=["city", "commercial", "old"]
)
def test_article11_not_eligible(flags: tuple[bool, bool, bool]) -> None:
    result = article11_award(Decimal(YI), *flags)
    assert result.award_yuan == 0
    assert result.eligible is False


def test_article11_unknown_fact() -> None:
    result = article11_award(Decimal(YI), True, None, True)
    assert result.award_yuan is None
    assert result.eligible is None
    assert result.missing
    assert "若符合条件：1亿元 × 40% = 4000万元（上限，最高不超过）" in result.steps


def test_article11_rejects_zero() -> None:
    with pytest.raises(CalculatorInputError):
        article11_award(Decimal(0), True, True, True)


@given(st.integers(min_value=1, max_value=10**13))
def test_article11_is_exactly_forty_percent(amount: int) -> None:
    result = article11_award(Decimal(amount), True, True, True)
    assert Decimal(str(result.award_yuan)) == (Decimal(amount) * Decimal("0.4")).quantize(Decimal("0.01"))
    assert result.is_ceiling is True


# ---------------------------------------------------------------------------
# Supports without a fixed amount
# ---------------------------------------------------------------------------

EXPECTED_UNFIXED = {
    "bond_interest_subsidy": (1, "市地方金融监管局、各区政府"),
    "startup_guarantee_loan_interest": (11, "市工业和信息化局、市人力资源社会保障局"),
    "ip_pledge_subsidy": (12, "市科技局、市地方金融监管局、市市场监管局、各区政府、广东银保监局"),
    "listing_reward": (13, "市地方金融监管局、市科技局、各区政府、广东证监局"),
    "bond_issuance_fee_subsidy": (14, "市地方金融监管局、市科技局、广东证监局"),
    "talent_reward": (27, "市委组织部、市科技局、市地方金融监管局、市人力资源社会保障局"),
    "vc_relocation": (5, None),
    "fintech": (28, "市地方金融监管局、市科技局、各区政府"),
}


def test_topic_literal_matches_table() -> None:
    assert set(get_args(UnfixedTopic)) == set(UNFIXED_SUPPORT_TOPICS)
    assert set(EXPECTED_UNFIXED) <= set(UNFIXED_SUPPORT_TOPICS)


@pytest.mark.parametrize("topic", get_args(UnfixedTopic))
def test_unfixed_support_has_no_number(topic: str) -> None:
    result = unfixed_support(topic)  # type: ignore[arg-type]
    assert result.award_yuan is None
    assert result.eligible is None
    assert result.decided_by
    assert result.units
    assert 1 <= result.article <= 32
    # No figure may be invented: neither the explanation nor decided_by carries an amount.
    from assistant.amounts import find_amounts

    assert find_amounts(result.explanation) == []
    assert find_amounts(result.decided_by) == []


@pytest.mark.parametrize(("topic", "expected"), EXPECTED_UNFIXED.items())
def test_unfixed_support_article_and_units(topic: str, expected: tuple[int, str | None]) -> None:
    article, units = expected
    result = unfixed_support(topic)  # type: ignore[arg-type]
    assert result.article == article
    if units is not None:
        assert "、".join(result.units) == units


def test_bond_issuance_names_the_regulation() -> None:
    result = unfixed_support("bond_issuance_fee_subsidy")
    assert "穗府规〔2019〕1号" in (result.decided_by or "")
    assert "关于支持广州区域金融中心建设的若干规定" in (result.decided_by or "")


def test_unknown_topic_raises() -> None:
    with pytest.raises(CalculatorInputError):
        unfixed_support("free_money")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Grounding: quoted texts and units come from the policy itself
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def policy() -> str:
    return squash(POLICY_TEXT.read_text(encoding="utf-8"))


def _units_of_article(policy: str, quote: str) -> str:
    """The （责任单位：…） list that follows a quoted sentence in the policy."""
    start = policy.index(squash(quote))
    match = re.compile(r"[（(]责任单位[：:](.*?)[）)]").search(policy, start)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize("topic", get_args(UnfixedTopic))
def test_unfixed_quotes_are_verbatim_and_units_match(policy: str, topic: str) -> None:
    result = unfixed_support(topic)  # type: ignore[arg-type]
    assert squash(result.basis_quote) in policy
    assert _units_of_article(policy, result.basis_quote).split("、") == result.units


def test_article3_and_11_quotes_verbatim(policy: str) -> None:
    a3 = award(eligible(8000 * WAN))
    a11 = article11_award(Decimal(YI), True, True, True)
    assert squash(a3.basis_quote) in policy
    assert squash(a11.basis_quote) in policy
    assert _units_of_article(policy, a3.basis_quote).split("、") == a3.units
    assert _units_of_article(policy, a11.basis_quote).split("、") == a11.units


def test_article_order_of_quotes(policy: str) -> None:
    """Each quote sits under its article heading （N）, not a neighbour's."""
    numerals = "一二三四五六七八九十"

    def heading(n: int) -> str:
        tens, ones = divmod(n, 10)
        head = "" if tens == 0 else ("十" if tens == 1 else numerals[tens - 1] + "十")
        return head + (numerals[ones - 1] if ones else "")

    results = [unfixed_support(t) for t in get_args(UnfixedTopic)]  # type: ignore[arg-type]
    results += [award(eligible(8000 * WAN)), article11_award(Decimal(YI), True, True, True)]
    for result in results:
        at = policy.index(squash(result.basis_quote))
        headings = [(m.start(), m.group(1)) for m in re.finditer(r"[（(]([一二三四五六七八九十]+)[）)]", policy[:at])]
        assert headings, result.rule
        assert headings[-1][1] == heading(result.article)


def test_article11_without_district_money_is_zero_whatever_the_amount() -> None:
    result = article11_award(None, True, True, True, district_funded=False)
    assert (result.award_yuan, result.eligible) == (0, False)
    assert any(c.name == "区财政新增出资" and c.status == "not_met" for c in result.conditions)
    assert article11_award(None, True, False, True).award_yuan == 0


def test_article11_needs_the_amount_when_it_may_apply() -> None:
    with pytest.raises(CalculatorInputError):
        article11_award(None, True, True, True)
