"""The eligibility table: complete, consistent with the award rules and the text, and validated."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from assistant.consultation.profile import EnterpriseProfile, InvestmentMade
from corpus.awards import load_award_rules
from corpus.eligibility import (
    ENTERPRISE_KINDS,
    LIST_ITEM_FIELDS,
    PROFILE_FIELDS,
    ConditionSpec,
    EligibilityError,
    load_eligibility,
)
from corpus.paths import ELIGIBILITY_PATH, POLICY_PATH
from ingest.parse import parse_policy

AWARD_RULES = load_award_rules()
UNFIXED_SUPPORT_TOPICS = {u.id for u in AWARD_RULES.unfixed}
RULES = {"article3", "article11", *UNFIXED_SUPPORT_TOPICS}
TABLE = load_eligibility(award_rules=RULES)
ARTICLES = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}
RAW: dict[str, Any] = json.loads(ELIGIBILITY_PATH.read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "eligibility.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def field_conditions(number: int) -> list[ConditionSpec]:
    """Every field test of an article, any_of alternatives included."""
    specs: list[ConditionSpec] = []
    for cond in TABLE.article(number).conditions:
        specs.extend(cond.any_of or (cond,))
    return specs


# ---------------------------------------------------------------------------
# The shipped table
# ---------------------------------------------------------------------------


def test_every_article_present_exactly_once() -> None:
    assert sorted(entry.article for entry in TABLE.articles) == list(range(1, 33))


def test_award_rules_are_the_calculators() -> None:
    assert TABLE.article(3).award_rule == "article3"
    assert TABLE.article(11).award_rule == "article11"
    assert TABLE.award_rules() <= RULES


def test_unfixed_rules_sit_on_their_own_article() -> None:
    # The award rules know which article each unfixed support belongs to; the table must agree.
    for entry in TABLE.articles:
        rules = {entry.award_rule, *entry.award_rule_by_kind.values()} - {None, "article3", "article11"}
        for rule in rules:
            assert AWARD_RULES.unfixed_support(rule).article == entry.article, (entry.article, rule)  # type: ignore[arg-type]


def test_every_unfixed_topic_is_offered_somewhere() -> None:
    offered = TABLE.award_rules()
    unused = set(UNFIXED_SUPPORT_TOPICS) - offered
    # Two supports share an article with a rule the table prefers (贴息 on art. 1, 创业担保贷款 on art. 11).
    assert unused == {"bond_interest_subsidy", "startup_guarantee_loan_interest"}


def test_kinds_vocabulary_covers_every_kind_once() -> None:
    assert sorted(entry.kind for entry in TABLE.kinds) == sorted(ENTERPRISE_KINDS)
    words = [s.lower() for entry in TABLE.kinds for s in entry.synonyms]
    assert len(words) == len(set(words))


def test_every_kind_but_other_is_some_articles_audience() -> None:
    audiences = {kind for entry in TABLE.articles for kind in entry.audience}
    assert audiences == set(ENTERPRISE_KINDS) - {"其他"}


def test_every_article_is_reachable() -> None:
    for entry in TABLE.articles:
        assert entry.audience or entry.keywords, entry.article


def test_condition_fields_exist_on_the_profile() -> None:
    assert set(PROFILE_FIELDS) <= set(EnterpriseProfile.model_fields)
    for path in LIST_ITEM_FIELDS:
        list_name, item_name = path.split(".")
        assert list_name in EnterpriseProfile.model_fields
        assert item_name in InvestmentMade.model_fields


def test_benefit_figures_come_from_the_text() -> None:
    for entry in TABLE.articles:
        body = squash(ARTICLES[entry.article].body)
        for figure in re.findall(r"\d+(?:\.\d+)?%?", entry.benefit):
            assert figure in body, (entry.article, figure)


@pytest.mark.parametrize(
    ("article", "field", "op", "value"),
    [
        (3, "in_greater_bay_area", "eq", True),
        (3, "investments_made.investee_stage", "in", ("种子期", "初创期")),
        (3, "investments_made.investee_in_guangzhou", "eq", True),
        (13, "listing_plan", "present", None),
        (14, "bond_plan", "eq", True),
        (11, "kind", "in", ("融资担保机构",)),
        (19, "cross_border", "present", None),
        (25, "kind", "in", ("中介服务机构", "行业协会")),
        (9, "kind", "in", ("银行",)),
        (2, "kind", "in", ("国有企业",)),
        (12, "intellectual_property", "present", None),
        (10, "intellectual_property", "present", None),
    ],
)
def test_key_conditions_are_declared(article: int, field: str, op: str, value: Any) -> None:
    assert any(c.field == field and c.op == op and c.value == value for c in field_conditions(article))


def test_article22_is_for_asset_management_companies() -> None:
    entry = TABLE.article(22)
    assert entry.audience == ("金融资产管理公司",)
    assert "金融资产管理公司" in entry.conditions[0].value  # type: ignore[operator]


def test_general_measures_have_no_audience() -> None:
    for number in (6, 15, 18, 29, 30, 31, 32):
        assert TABLE.article(number).audience == ()


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def test_missing_article_is_rejected(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    data["articles"] = [a for a in data["articles"] if a["article"] != 5]
    with pytest.raises(EligibilityError, match="缺少第5条"):
        load_eligibility(write(tmp_path, data))


def test_duplicate_article_is_rejected(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    data["articles"].append(copy.deepcopy(data["articles"][6]))
    with pytest.raises(EligibilityError, match="第7条重复"):
        load_eligibility(write(tmp_path, data))


def test_unknown_award_rule_is_rejected(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    data["articles"][12]["award_rule"] = "listing_bonus"
    path = write(tmp_path, data)
    load_eligibility(path)  # without the rule list only the shape is checked
    with pytest.raises(EligibilityError, match="listing_bonus"):
        load_eligibility(path, award_rules=RULES)


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"label": "x", "field": "revenue", "op": "present", "reason_met": "a", "reason_not_met": "b"}, "revenue"),
        (
            {"label": "x", "field": "stage", "op": "in", "value": "种子期", "reason_met": "a", "reason_not_met": "b"},
            "列表",
        ),
        ({"label": "x", "field": "stage", "op": "like", "reason_met": "a", "reason_not_met": "b"}, "op"),
        ({"label": "x", "field": "stage", "op": "present", "reason_met": "{revenue}", "reason_not_met": "b"}, "占位符"),
        ({"label": "x", "field": "stage", "op": "present", "reason_not_met": "b"}, "reason_met"),
        ({"label": "x", "reason_met": "a", "reason_not_met": "b"}, "field 或 any_of"),
        (
            {"label": "x", "field": "stage", "op": "present", "reason_met": "a", "reason_not_met": "b", "when": 1},
            "when",
        ),
    ],
)
def test_bad_conditions_are_rejected(tmp_path: Path, condition: dict[str, Any], message: str) -> None:
    data = copy.deepcopy(RAW)
    data["articles"][0]["conditions"] = [condition]
    with pytest.raises(EligibilityError, match=message):
        load_eligibility(write(tmp_path, data))


def test_unknown_audience_kind_is_rejected(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    data["articles"][0]["audience"] = ["外星企业"]
    with pytest.raises(EligibilityError, match="audience"):
        load_eligibility(write(tmp_path, data))


def test_synonym_owned_by_two_kinds_is_rejected(tmp_path: Path) -> None:
    data = copy.deepcopy(RAW)
    data["kinds"][2]["synonyms"].append("VC")
    with pytest.raises(EligibilityError, match="VC"):
        load_eligibility(write(tmp_path, data))


def test_broken_json_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "eligibility.json"
    path.write_text('{"kinds": [', encoding="utf-8")
    with pytest.raises(EligibilityError, match="不是有效的 JSON"):
        load_eligibility(path)
    with pytest.raises(EligibilityError, match="找不到"):
        load_eligibility(tmp_path / "absent.json")


def test_lookup_of_unknown_article_or_kind() -> None:
    with pytest.raises(KeyError):
        TABLE.article(33)
    with pytest.raises(KeyError):
        TABLE.kind_entry("外星企业")
