"""The enterprise profile: normalising form input and reading facts from free text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from assistant.consultation.case import facts_from_profile, profile_from_facts
from assistant.consultation.enrich import enrich_profile
from assistant.consultation.profile import EnterpriseProfile, Financing, InvestmentMade, normalize_board, normalize_kind
from assistant.understand import Reader
from corpus.eligibility import ENTERPRISE_KINDS

YEAR = 2026


def enriched(text: str, **fields: object) -> EnterpriseProfile:
    return enrich_profile(EnterpriseProfile(free_text=text, **fields), this_year=YEAR)


# ---------------------------------------------------------------------------
# Kinds
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("科技型中小企业", "科技型中小企业"),
        ("高新技术企业", "科技型中小企业"),
        ("创投", "创投机构"),
        ("VC", "创投机构"),
        ("pe", "创投机构"),
        ("风投", "创投机构"),
        ("股权投资机构", "创投机构"),
        ("创业投资机构", "创投机构"),
        ("私募基金", "创投机构"),
        ("南沙的创投机构", "创投机构"),
        ("国有创投机构", "创投机构"),
        ("商业银行", "银行"),
        ("担保公司", "融资担保机构"),
        ("国企", "国有企业"),
        ("金融科技公司", "金融科技企业"),
        ("保险资产管理公司", "保险公司"),
        ("律所", "中介服务机构"),
        ("会计师事务所", "中介服务机构"),
        ("评估机构", "中介服务机构"),
        ("AMC", "金融资产管理公司"),
        ("创投协会", "行业协会"),
        ("广州风险投资促进会", "行业协会"),
        ("众创空间", "孵化器"),
        ("个人", "科技人才"),
        ("科技人才/个人", "科技人才"),
        ("其他", "其他"),
    ],
)
def test_kind_synonyms_are_normalised(label: str, kind: str) -> None:
    profile = EnterpriseProfile(kind=label)
    assert profile.kind == kind
    assert profile.kind_text == (None if label == kind else label)


def test_unknown_kind_is_kept_as_other() -> None:
    profile = EnterpriseProfile(kind="养殖场")
    assert (profile.kind, profile.kind_text) == ("其他", "养殖场")
    # 「OPEN」 contains the letters PE but is no private-equity firm.
    assert normalize_kind("OPEN平台") == "其他"


def test_empty_kind_is_unknown() -> None:
    assert EnterpriseProfile(kind="  ").kind is None
    assert EnterpriseProfile().kind is None


@given(st.text(max_size=30))
def test_any_plain_string_kind_validates(label: str) -> None:
    kind = EnterpriseProfile(kind=label).kind
    assert kind is None or kind in ENTERPRISE_KINDS


# ---------------------------------------------------------------------------
# Places, stages, boards, lists, amounts
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("district", "shown", "gba", "guangzhou"),
    [
        ("南沙", "南沙区", True, True),
        ("海珠区", "海珠区", True, True),
        ("深圳", "深圳", True, False),
        ("香港", "香港", True, False),
        ("北京", "北京", False, False),
        ("火星", "火星", None, None),
    ],
)
def test_places_are_derived(district: str, shown: str, gba: bool | None, guangzhou: bool | None) -> None:
    profile = EnterpriseProfile(district=district)
    assert (profile.district, profile.in_greater_bay_area, profile.in_guangzhou) == (shown, gba, guangzhou)


def test_explicit_bay_area_flag_wins() -> None:
    assert EnterpriseProfile(district="北京", in_greater_bay_area=True).in_greater_bay_area is True


@pytest.mark.parametrize(
    ("stage", "canonical"),
    [("初创", "初创期"), ("种子阶段", "种子期"), ("growth", "成长期"), ("天使轮", None), ("A轮", None)],
)
def test_stage_is_normalised(stage: str, canonical: str | None) -> None:
    assert EnterpriseProfile(stage=stage).stage == canonical


@pytest.mark.parametrize(
    ("text", "board"),
    [
        ("深交所创业板", "创业板"),
        ("上交所科创板", "科创板"),
        ("港股", "港交所"),
        ("新三板精选层", "新三板"),
        ("深交所", "深交所"),
        ("纳斯达克", "境外交易所"),
    ],
)
def test_board_is_normalised(text: str, board: str) -> None:
    assert normalize_board(text) == board
    assert EnterpriseProfile(target_board=text).target_board == board


def test_lists_accept_enumerated_text() -> None:
    profile = EnterpriseProfile(
        intellectual_property="发明专利、商标、软著", cross_border="香港，qflp", needs="贷款、担保、贷款"
    )
    assert profile.intellectual_property == ["专利", "商标", "软件著作权"]
    assert profile.cross_border == ["港澳", "QFLP"]
    assert profile.needs == ["贷款", "担保"]


def test_amounts_accept_chinese_text() -> None:
    financing = Financing(amount="3000万", date="2025-06-01")
    assert (financing.amount, financing.year) == (Decimal(30_000_000), 2025)
    assert InvestmentMade(amount="1.2亿元").amount == Decimal(120_000_000)
    assert EnterpriseProfile(district_new_capital="1亿").district_new_capital == Decimal(100_000_000)


@pytest.mark.parametrize("amount", ["很多钱", "-5万", 0, True])
def test_bad_amounts_are_rejected(amount: object) -> None:
    with pytest.raises(ValidationError):
        InvestmentMade(amount=amount)


def test_investment_location_and_calculator_view() -> None:
    inv = InvestmentMade(amount="8000万", investee_stage="初创", investee_place="天河区", funds_received=True)
    assert inv.investee_in_guangzhou is True
    [calc] = facts_from_profile(EnterpriseProfile(kind="创投机构", investments_made=[inv])).investments
    assert (calc.amount, calc.stage, calc.in_guangzhou, calc.status) == (
        Decimal(80_000_000),
        "初创期",
        True,
        "received",
    )
    assert InvestmentMade(amount=1, investee_place="深圳").investee_in_guangzhou is False


def test_extra_fields_are_ignored() -> None:
    profile = EnterpriseProfile.model_validate({"kind": "银行", "revenue": "10亿", "employees": 300})
    assert profile.kind == "银行"
    assert "revenue" not in profile.model_dump()


# ---------------------------------------------------------------------------
# Free text
# ---------------------------------------------------------------------------


def test_contract_free_text_gives_listing_plan_and_board() -> None:
    profile = enriched("打算在深交所创业板上市", kind="科技型中小企业", district="海珠区", stage="成长期")
    assert profile.listing_plan == "打算在深交所创业板上市"
    assert profile.target_board == "创业板"
    assert profile.bond_plan is None


def test_full_self_description() -> None:
    profile = enriched(
        "我们是海珠区的科技型中小企业，处于成长期，有12项发明专利和2个商标，去年获得了3000万A轮融资，"
        "打算在上交所科创板上市，需要银行贷款支持，暂不考虑发债"
    )
    assert profile.kind == "科技型中小企业"
    assert (profile.district, profile.in_greater_bay_area) == ("海珠区", True)
    assert profile.stage == "成长期"
    assert profile.intellectual_property == ["专利", "商标"]
    assert [(f.amount, f.year) for f in profile.recent_financing] == [(Decimal(30_000_000), 2025)]
    assert profile.target_board == "科创板"
    assert profile.bond_plan is False
    assert "贷款" in profile.needs


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("我们是南沙的创投机构", "创投机构"),
        ("南沙VC，投了一家初创期企业", "创投机构"),
        ("本所是天河的律师事务所", "中介服务机构"),
        ("作为一家商业银行，我们想了解政策", "银行"),
        ("我们是创投协会", "行业协会"),
        ("我们想找创投机构融资", None),
        ("需要银行贷款", None),
    ],
)
def test_kind_from_self_description_only(text: str, kind: str | None) -> None:
    assert enriched(text).kind == kind


def test_negated_facts_are_not_taken() -> None:
    profile = enriched("我们没有专利，不打算上市，不需要贷款")
    assert profile.intellectual_property == []
    assert profile.listing_plan is None
    assert profile.needs == []


def test_bond_and_cross_border() -> None:
    profile = enriched("我们计划发行公司债，也在考虑通过QFLP引入港澳资金")
    assert profile.bond_plan is True
    assert set(profile.cross_border) == {"QFLP", "港澳"}


def test_listing_in_hong_kong_is_not_cross_border_or_a_location() -> None:
    profile = enriched("我们打算在香港上市")
    assert profile.target_board == "港交所"
    assert profile.cross_border == []
    assert profile.district is None


def test_investor_amounts_become_investments() -> None:
    profile = enriched("我们是南沙的创投机构，今年投了一家初创期的广州科技企业8000万，已到账")
    assert profile.kind == "创投机构"
    assert profile.stage is None  # 初创期 describes the investee
    [inv] = profile.investments_made
    assert (inv.amount, inv.year, inv.investee_stage, inv.investee_in_guangzhou, inv.funds_received) == (
        Decimal(80_000_000),
        YEAR,
        "初创期",
        True,
        True,
    )
    assert profile.recent_financing == []


def test_guarantee_capital_and_flags() -> None:
    profile = enriched("我们是黄埔区的区级政策性融资担保公司，今年区财政新增出资1亿元")
    assert profile.kind == "融资担保机构"
    assert profile.district_new_capital == Decimal(100_000_000)
    assert (profile.is_district_level, profile.is_policy_guarantee, profile.is_new_or_capital_increase) == (
        True,
        True,
        True,
    )


def test_wanted_money_is_not_financing_received() -> None:
    profile = enriched("我们是科技企业，需要融资5000万")
    assert profile.recent_financing == []
    assert profile.needs == ["融资"]


def test_specific_need_beats_bare_financing() -> None:
    assert enriched("希望通过知识产权质押融资").needs == ["知识产权质押"]


def test_form_wins_and_enrichment_is_idempotent() -> None:
    form = EnterpriseProfile(
        kind="银行", district="越秀区", needs=["投贷联动"], free_text="我们是南沙的创投机构，需要贷款"
    )
    once = enrich_profile(form, this_year=YEAR)
    assert (once.kind, once.district) == ("银行", "越秀区")
    assert once.needs == ["投贷联动", "贷款"]
    assert enrich_profile(once, this_year=YEAR) == once
    assert form.needs == ["投贷联动"]  # the input is not modified


def test_without_free_text_nothing_changes() -> None:
    profile = EnterpriseProfile(kind="银行")
    assert enrich_profile(profile) is profile


# ---------------------------------------------------------------------------
# From the chat's facts
# ---------------------------------------------------------------------------


def test_profile_from_investor_facts() -> None:
    facts = Reader.default(YEAR).read("我们是南沙的创投机构，今年投了一家初创期的广州科技企业8000万").facts
    profile = profile_from_facts(facts)
    assert (profile.kind, profile.district, profile.in_greater_bay_area) == ("创投机构", "南沙区", True)
    [inv] = profile.investments_made
    assert (inv.amount, inv.year, inv.investee_stage, inv.investee_in_guangzhou) == (
        Decimal(80_000_000),
        YEAR,
        "初创期",
        True,
    )


def test_profile_from_guarantee_facts() -> None:
    facts = Reader.default(YEAR).read("区财政对我们担保新增出资1亿").facts
    profile = profile_from_facts(facts)
    assert profile.kind == "融资担保机构"
    assert profile.district_new_capital == Decimal(100_000_000)


def test_profile_from_enterprise_facts_records_financing() -> None:
    facts = Reader.default(YEAR).read("我们是科技公司，今年获得投资3000万").facts
    assert facts.speaker_kind == "科技型中小企业"
    profile = profile_from_facts(facts)
    assert profile.investments_made == []
    assert [f.amount for f in profile.recent_financing] == [Decimal(30_000_000)]


def test_each_investment_keeps_its_own_investee_place() -> None:
    text = "我们是珠海的创投机构，今年投了番禺一家初创期科技企业2000万，又投了杭州一家初创期企业1000万，均已到账"
    profile = enriched(text)
    assert [(i.amount, i.investee_in_guangzhou) for i in profile.investments_made] == [
        (Decimal(20_000_000), True),
        (Decimal(10_000_000), False),
    ]


def test_city_money_for_a_city_guarantee_company_is_no_district_contribution() -> None:
    profile = enriched("我们是市属融资担保公司，今年市财政增资3亿")
    assert profile.district_new_capital is None
    assert (profile.is_district_level, profile.district_funded) == (False, False)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("我们是番禺一家做激光雷达和传感器的小厂", "科技型中小企业"),
        ("我司是一家研发医疗器械的初创团队", "科技型中小企业"),
        ("我们是做跨境支付的公司", "金融科技企业"),
        ("我们是一家做餐饮连锁的公司", None),  # a line of business that names no kind
        ("区属国企旗下的股权投资平台", "创投机构"),  # the head noun decides
        ("我们是太平人寿广州分公司", "保险公司"),
    ],
)
def test_kind_from_the_line_of_business_or_a_generic_head(text: str, kind: str | None) -> None:
    assert enriched(text).kind == kind


@pytest.mark.parametrize(
    ("text", "board"),
    [("公司计划后年冲刺北交所", "北交所"), ("准备登陆港交所", "港交所"), ("明年申报创业板", "创业板")],
)
def test_a_board_with_a_move_verb_is_a_listing_plan(text: str, board: str) -> None:
    profile = enriched(f"我们是科技企业，{text}")
    assert profile.listing_plan is not None
    assert profile.target_board == board


def test_listing_sold_as_a_service_is_no_listing_plan() -> None:
    assert enriched("我们是会计师事务所，主要做上市审计和IPO辅导").listing_plan is None


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("我们是上海的生物医药企业，目前没有在广州设立分支机构", "上海"),
        ("我们是东莞的新材料公司，想对接广州的银行", "东莞"),
        ("越秀区的融资担保公司，区财政新增出资3000万", "越秀区"),
    ],
)
def test_a_non_investors_own_place(text: str, district: str) -> None:
    assert enriched(text).district == district


def test_angel_rounds_and_arrived_money_in_plain_words() -> None:
    profile = enriched("我们是珠海的创投，今年投了两个天使轮项目共4000万，都在广州，款项都已到了")
    [inv] = profile.investments_made
    # 天使轮 is a round, not a stage: the profile leaves the stage for the officer to ask.
    assert (inv.investee_stage, inv.investee_in_guangzhou, inv.funds_received) == (None, True, True)
    assert profile.district == "珠海"
