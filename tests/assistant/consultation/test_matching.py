"""Consultation matching against the real policy text and the shipped eligibility table."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assistant.consultation.matching import (
    MatchingError,
    MatchResult,
    default_eligibility,
    evaluate_article,
    match_profile,
    profile_from_facts,
)
from assistant.consultation.profile import EnterpriseProfile
from assistant.understand import Reader
from corpus.eligibility import ENTERPRISE_KINDS
from corpus.paths import POLICY_PATH
from ingest.parse import parse_policy

ARTICLES = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}
YEAR = 2026
CONTRACT = {"kind": "科技型中小企业", "district": "海珠区", "stage": "成长期", "free_text": "打算在深交所创业板上市"}
NANSHA_VC = {
    "kind": "创投机构",
    "district": "南沙区",
    "investments_made": [{"amount": "8000万", "year": 2025, "investee_stage": "初创期", "investee_in_guangzhou": True}],
}


def match(data: dict[str, Any] | EnterpriseProfile) -> MatchResult:
    profile = data if isinstance(data, EnterpriseProfile) else EnterpriseProfile.model_validate(data)
    return match_profile(profile, articles=ARTICLES, this_year=YEAR)


def numbers(result: MatchResult) -> list[int]:
    return [m.article for m in result.matches]


def by_article(result: MatchResult, number: int) -> Any:
    return next(m for m in result.matches if m.article == number)


# ---------------------------------------------------------------------------
# The contract cases
# ---------------------------------------------------------------------------


def test_contract_listing_plan_matches_article13_not_14() -> None:
    result = match(CONTRACT)
    assert numbers(result)[0] == 13
    assert 14 not in numbers(result)
    art13 = by_article(result, 13)
    assert art13.title == "实施挂牌上市“科创领头羊”工程"
    assert art13.units == ["市地方金融监管局", "市科技局", "各区政府", "广东证监局"]
    assert "打算在深交所创业板上市" in art13.reason
    assert art13.award["rule"] == "listing_reward"
    assert art13.award["award_yuan"] is None
    # Whether they plan bonds would change the result, so it is asked for.
    assert "是否有发行债券（或股票质押融资）计划" in result.missing


@pytest.mark.parametrize("extra", [{"bond_plan": True}, {"free_text": "打算在深交所创业板上市，同时计划发行公司债"}])
def test_stated_bond_plan_adds_article14(extra: dict[str, Any]) -> None:
    result = match({**CONTRACT, **extra})
    assert {13, 14} <= set(numbers(result))
    assert by_article(result, 14).award["rule"] == "bond_issuance_fee_subsidy"
    assert "是否有发行债券（或股票质押融资）计划" not in result.missing


def test_declined_bond_plan_is_not_asked_again() -> None:
    result = match({**CONTRACT, "bond_plan": False})
    assert 14 not in numbers(result)
    assert "是否有发行债券（或股票质押融资）计划" not in result.missing


def test_json_shape() -> None:
    dumped = match(CONTRACT).model_dump(mode="json")
    assert set(dumped) == {"matches", "missing", "excluded"}
    first = dumped["matches"][0]
    assert {"article", "title", "reason", "award", "units", "conditions", "benefit", "score"} <= set(first)
    assert isinstance(first["article"], int)
    assert {"label", "status", "reason"} == set(first["conditions"][0])
    json.dumps(dumped, ensure_ascii=False)


def test_nansha_vc_gets_article3_award() -> None:
    result = match(NANSHA_VC)
    top = result.matches[0]
    assert top.article == 3
    assert top.award["award_yuan"] == 1_200_000
    assert top.award["eligible"] is True
    assert "贵机构位于南沙区，属于粤港澳大湾区" in top.reason
    assert [c.status for c in top.conditions[:4]] == ["met"] * 4
    assert top.units == ["市科技局", "市发展改革委"]
    assert "被投企业是否为科技型中小企业" in result.missing


def test_beijing_vc_is_not_matched_to_article3() -> None:
    # Decision: an article with a condition not met is left out of matches; evaluate_article explains it.
    beijing = {**NANSHA_VC, "district": "北京"}
    result = match(beijing)
    assert 3 not in numbers(result)
    assert 5 in numbers(result)  # 知名风投创投机构来穗落户 still applies
    explained = evaluate_article(EnterpriseProfile.model_validate(beijing), 3, articles=ARTICLES)
    bay_area = next(c for c in explained.conditions if c.label == "投资机构位于粤港澳大湾区")
    assert bay_area.status == "not_met"
    assert "北京" in bay_area.reason and "不在粤港澳大湾区" in bay_area.reason
    assert explained.award["award_yuan"] == 0
    # The result itself says why article 3 is left out.
    [excluded] = [e for e in result.excluded if e.article == 3]
    assert "北京" in excluded.reason and "粤港澳大湾区" in excluded.reason


def test_only_a_stated_fact_excludes_an_article() -> None:
    result = match({"kind": "融资担保机构", "free_text": "我们是市属融资担保公司，今年市财政增资3亿"})
    assert 11 not in numbers(result)
    [excluded] = result.excluded
    assert excluded.article == 11 and "区级" in excluded.reason
    # An unknown fact is asked for, not held against the enterprise.
    assert match({"kind": "融资担保机构"}).excluded == []


def test_guarantee_institution_gets_article11_ceiling() -> None:
    result = match({"kind": "融资担保机构", "district": "黄埔区", "free_text": "区财政新增出资1亿"})
    art11 = by_article(result, 11)
    assert result.matches[0].article == 11
    assert art11.award["award_yuan"] == 40_000_000
    assert art11.award["is_ceiling"] is True
    assert art11.units == ["市工业和信息化局", "市人力资源社会保障局"]


def test_bank_gets_credit_articles() -> None:
    result = match({"kind": "银行", "district": "天河区"})
    assert {8, 9, 10} <= set(numbers(result))
    assert "贵行属于银行机构" in by_article(result, 9).reason


# ---------------------------------------------------------------------------
# Nothing, something, everything
# ---------------------------------------------------------------------------


def test_other_kind_without_needs_matches_nothing() -> None:
    result = match({"kind": "养殖场"})
    assert result.matches == []
    assert result.missing == []


def test_empty_profile_asks_for_the_kind() -> None:
    result = match({})
    assert result.matches == []
    assert result.missing == ["企业（机构）类型"]


@pytest.mark.parametrize("kind", [k for k in ENTERPRISE_KINDS if k != "其他"])
def test_every_kind_matches_its_own_articles(kind: str) -> None:
    result = match({"kind": kind, "district": "天河区"})
    audience = {e.article for e in default_eligibility().articles if kind in e.audience}
    assert numbers(result), kind
    assert set(numbers(result)) <= audience  # a bare profile matches only via its audience
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("国有企业", {2}),
        ("中介服务机构", {25, 16}),
        ("金融资产管理公司", {22}),
        ("孵化器", {26}),
        ("科技人才", {27}),
        ("金融科技企业", {28}),
    ],
)
def test_kind_specific_articles(kind: str, expected: set[int]) -> None:
    assert expected <= set(numbers(match({"kind": kind})))


def test_needs_match_general_measures_for_any_kind() -> None:
    result = match({"kind": "其他", "needs": ["贷款", "并购"]})
    assert {8, 10, 15} <= set(numbers(result))
    assert by_article(result, 15).award["rule"] == "ma_fund_preference"
    assert "“贷款”" in by_article(result, 8).reason


def test_kind_gates_keep_out_other_kinds() -> None:
    # Keywords make 9, 11, 25 relevant, but each is only for banks / guarantors / intermediaries.
    result = match({"kind": "科技型中小企业", "needs": ["尽职免责", "融资担保", "法律咨询"]})
    assert not {9, 11, 25} & set(numbers(result))


def test_unknown_kind_keeps_gated_articles_back_and_asks() -> None:
    result = match({"needs": ["融资担保"]})
    assert 11 not in numbers(result)
    assert result.missing[0] == "企业（机构）类型"


def test_vc_without_investments_is_told_what_is_missing() -> None:
    result = match({"kind": "创投机构", "district": "南沙区"})
    art3 = by_article(result, 3)
    assert art3.award is None
    assert {c.status for c in art3.conditions[2:]} == {"unknown"}
    assert "实际到账投资额" in result.missing
    assert "被投企业所处阶段（种子期/初创期/成长期/成熟期）" in result.missing


def test_growth_stage_investee_drops_article3() -> None:
    data = {
        **NANSHA_VC,
        "investments_made": [{"amount": "8000万", "investee_stage": "成长期", "investee_in_guangzhou": True}],
    }
    assert 3 not in numbers(match(data))


def test_calculator_verdict_counts() -> None:
    # Funds not yet received: the calculator awards 0, so article 3 is not listed as a match.
    data = {**NANSHA_VC}
    data["investments_made"] = [{**NANSHA_VC["investments_made"][0], "funds_received": False}]
    assert 3 not in numbers(match(data))


def test_guarantee_without_capital_asks_for_it() -> None:
    result = match({"kind": "担保公司"})
    art11 = by_article(result, 11)
    assert art11.award is None
    assert "区财政新增出资额" in result.missing


def test_guarantee_marked_not_policy_is_dropped() -> None:
    result = match({"kind": "融资担保机构", "district_new_capital": "1亿", "is_policy_guarantee": False})
    assert 11 not in numbers(result)


def test_award_rule_by_kind() -> None:
    incubator = by_article(match({"kind": "孵化器", "needs": ["孵化载体"]}), 5)
    assert incubator.award["rule"] == "vc_incubator_subsidy"
    talent = by_article(match({"kind": "科技人才", "free_text": "想了解个税优惠"}), 5)
    assert talent.award is None


def test_free_text_only_profile() -> None:
    result = match(
        {
            "free_text": "我们是海珠区的科技型中小企业，有12项发明专利，去年获得了3000万A轮融资，"
            "打算在深交所创业板上市，需要银行贷款支持，也计划发行公司债"
        }
    )
    assert {12, 13, 14, 20, 10, 8} <= set(numbers(result))
    assert "贵企业持有专利" in by_article(result, 12).reason
    assert "2025年3000万元" in by_article(result, 20).reason
    assert result.missing == ["是否已参赛"]  # the one thing no profile field can show


def test_award_amount_ranks_first() -> None:
    result = match({**NANSHA_VC, "free_text": "我们有QFLP业务，也关注基金份额转让退出"})
    assert result.matches[0].article == 3
    assert {7, 19} <= set(numbers(result))


def test_kind_words_are_not_needs() -> None:
    # 「融资担保机构」 names who they are; it says nothing about wanting 融资担保 or finance.
    result = match({"free_text": "我们是融资担保机构"})
    assert numbers(result) == [11]
    assert "提到" not in result.matches[0].reason


# ---------------------------------------------------------------------------
# Data-driven, chat facts, errors
# ---------------------------------------------------------------------------


def test_matching_follows_the_data() -> None:
    table = default_eligibility()
    articles = tuple(
        entry.model_copy(update={"audience": ("其他",)}) if entry.article == 31 else entry for entry in table.articles
    )
    custom = table.model_copy(update={"articles": articles})
    profile = EnterpriseProfile(kind="养殖场")
    assert match_profile(profile, articles=ARTICLES).matches == []
    assert [m.article for m in match_profile(profile, articles=ARTICLES, eligibility=custom).matches] == [31]


def test_chat_facts_feed_matching() -> None:
    facts = Reader.default(YEAR).read("我们是南沙的创投机构，今年投了一家初创期的广州科技企业8000万").facts
    result = match(profile_from_facts(facts))
    assert result.matches[0].article == 3
    assert result.matches[0].award["award_yuan"] == 1_200_000


def test_articles_or_knowledge_required() -> None:
    with pytest.raises(MatchingError, match="knowledge"):
        match_profile(EnterpriseProfile(kind="银行"))


def test_absent_article_is_reported() -> None:
    partial = {n: a for n, a in ARTICLES.items() if n != 9}
    with pytest.raises(MatchingError, match="第9条"):
        match_profile(EnterpriseProfile(kind="银行"), articles=partial)


def test_an_article_for_another_kind_is_not_explained_away() -> None:
    profile = {"kind": "科技型中小企业", "district": "黄埔区", "needs": ["贷款"], "intellectual_property": ["专利"]}
    result = match(profile)
    assert 12 in numbers(result)
    assert 9 not in numbers(result)  # banks' article, keyword 贷款
    assert result.excluded == []


def test_a_state_owned_investment_platform_gets_the_state_owned_article() -> None:
    result = match({"free_text": "我们是区属国资旗下的股权投资平台，正在研究员工持股"})
    assert 2 in numbers(result)
    assert "国有" in by_article(result, 2).reason
    # A private fund does not.
    assert 2 not in numbers(match({"kind": "创投机构", "free_text": "我们是民营创投，想了解员工跟投"}))


def test_an_article_naming_the_kind_itself_is_relevant_to_it() -> None:
    # 第一条 names 「银行理财子公司」 as a funder of venture capital; a bank subsidiary saying so is meant.
    result = match({"free_text": "我们是某银行的理财子公司，打算出资创投基金"})
    assert 1 in numbers(result)
