"""Tests for the LangChain tool wrappers around the calculator."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool, ToolException
from langchain_core.utils.function_calling import convert_to_openai_tool

from assistant.awards.engine import AwardEngine
from assistant.awards.tools import CALCULATOR_TOOLS, calculator_tools, lookup_unfixed_support, to_yuan
from assistant.understand.yuan import format_yuan
from corpus.awards import AwardRules, load_award_rules
from corpus.gazetteer import load_gazetteer

# The tools are named by the rule data (corpus/awards.json `tool`), so the tests take them by name.
TOOLS = {t.name: t for t in CALCULATOR_TOOLS}
calculate_article3_award = TOOLS["calculate_article3_award"]
calculate_article11_subsidy = TOOLS["calculate_article11_subsidy"]


def call(tool: BaseTool, args: dict[str, Any]) -> ToolMessage:
    """Invoke the way an agent does, with a tool call, so errors come back as messages."""
    message = tool.invoke({"type": "tool_call", "id": "call-1", "name": tool.name, "args": args})
    assert isinstance(message, ToolMessage)
    return message


def startup(amount: Any, **extra: Any) -> dict[str, Any]:
    return {"amount": amount, "investee_stage": "初创期", "investee_location": "广州市黄埔区", **extra}


def test_tool_list() -> None:
    assert [t.name for t in CALCULATOR_TOOLS] == [
        "calculate_article3_award",
        "calculate_article11_subsidy",
        "lookup_unfixed_support",
    ]
    for t in CALCULATOR_TOOLS:
        assert isinstance(t, BaseTool)
        assert t.args_schema is not None
        # Bilingual description for the model: Chinese and English.
        assert any("\u4e00" <= ch <= "\u9fff" for ch in t.description)
        assert any(ch.isascii() and ch.isalpha() for ch in t.description)
        schema = convert_to_openai_tool(t)
        assert schema["function"]["name"] == t.name
        json.dumps(schema, ensure_ascii=False)


def test_a_rule_added_in_the_data_gets_its_own_tool() -> None:
    # No tool is written per article: a new rule of a known subject, with its own rate, is a data change.
    data = load_award_rules().model_dump(mode="json")
    extra = {**data["rules"][0], "id": "investment_bonus", "tool": "calculate_bonus_award", "quote": "示例条文"}
    extra["versions"] = [{**extra["versions"][0], "rate": "0.02", "cap": None}]
    rules = AwardRules.model_validate({**data, "rules": [*data["rules"], extra]})
    tools = {t.name: t for t in calculator_tools(rules, AwardEngine(rules, load_gazetteer()))}
    assert list(tools) == [*(r["tool"] for r in data["rules"]), "calculate_bonus_award", "lookup_unfixed_support"]
    result = tools["calculate_bonus_award"].invoke({"investments": [startup("1亿")], "institution_location": "珠海"})
    assert result["rule"] == "investment_bonus"
    assert result["award_yuan"] == 2_000_000
    assert "示例条文" in tools["calculate_bonus_award"].description


def test_descriptions_quote_the_rule_data() -> None:
    # The model reads the rule as the award data states it, so a changed standard changes it too.
    rules = load_award_rules()
    for t in CALCULATOR_TOOLS:
        for rule in rules.rules:
            if rule.tool == t.name:
                assert rule.quote in t.description
                assert rule.base_label in t.description
    unfixed = next(t for t in CALCULATOR_TOOLS if t.name == "lookup_unfixed_support")
    assert all(u.label in unfixed.description for u in rules.unfixed)


def test_article3_chinese_amount_strings() -> None:
    result = calculate_article3_award.invoke(
        {"investments": [startup("1000万")], "institution_location": "珠海"},
    )
    assert result["award_yuan"] == 150_000
    assert result["eligible"] is True
    assert result["rule"] == "article3"


def test_article3_same_year_from_strings() -> None:
    result = calculate_article3_award.invoke(
        {
            "investments": [startup("3000万元", year=2024), startup("五千万", year=2024)],
            "institution_in_gba": True,
        }
    )
    assert result["award_yuan"] == 1_200_000


def test_article3_numbers_are_yuan() -> None:
    result = calculate_article3_award.invoke(
        {"investments": [startup(80_000_000), startup("3,000,000", year=None)], "institution_in_gba": True}
    )
    assert result["award_yuan"] == 1_200_000 + 45_000


def test_article3_capped_over_years() -> None:
    result = calculate_article3_award.invoke(
        {
            "investments": [startup("3亿", year=2024), startup("3亿", year=2025)],
            "institution_location": "深圳市南山区",
        }
    )
    assert result["award_yuan"] == 9_000_000


def test_article3_outside_gba_location() -> None:
    result = calculate_article3_award.invoke(
        {"investments": [startup("8000万")], "institution_location": "北京"},
    )
    assert result["award_yuan"] == 0
    assert result["eligible"] is False


def test_article3_explicit_flag_beats_location_text() -> None:
    result = calculate_article3_award.invoke(
        {"investments": [startup("8000万")], "institution_location": "某地", "institution_in_gba": True},
    )
    assert result["award_yuan"] == 1_200_000


def test_article3_unknown_location_asks() -> None:
    result = calculate_article3_award.invoke({"investments": [startup("8000万")]})
    assert result["award_yuan"] is None
    assert result["missing"]
    assert any(step.startswith("若符合条件：") for step in result["steps"])


def test_article3_investee_outside_guangzhou() -> None:
    result = calculate_article3_award.invoke(
        {
            "investments": [{"amount": "8000万", "investee_stage": "种子期", "investee_location": "杭州"}],
            "institution_in_gba": True,
        }
    )
    assert result["award_yuan"] == 0


def test_article3_result_is_plain_json() -> None:
    result = calculate_article3_award.invoke({"investments": [startup("8000万")], "institution_in_gba": True})
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result


def test_article3_tool_call_returns_json_message() -> None:
    message = call(calculate_article3_award, {"investments": [startup("8000万")], "institution_location": "香港"})
    assert message.status == "success"
    assert json.loads(message.content)["award_yuan"] == 1_200_000


@pytest.mark.parametrize(
    ("amount", "fragment"),
    [("abc", "无法识别金额"), ("3000万和5000万", "多个金额"), ("-500万", "大于0"), ("0元", "大于0")],
)
def test_article3_bad_amount_is_returned_as_error(amount: str, fragment: str) -> None:
    message = call(calculate_article3_award, {"investments": [startup(amount)], "institution_in_gba": True})
    assert message.status == "error"
    assert fragment in message.content


def test_article3_empty_list_is_validation_error() -> None:
    message = call(calculate_article3_award, {"investments": []})
    assert message.status == "error"
    assert "参数有误" in message.content


def test_article11_tool() -> None:
    result = calculate_article11_subsidy.invoke(
        {
            "district_new_capital": "1亿元",
            "is_district_level": True,
            "is_policy_guarantee": True,
            "is_new_or_capital_increase": True,
        }
    )
    assert result["award_yuan"] == 40_000_000
    assert result["is_ceiling"] is True


def test_article11_tool_unknown_facts_are_assumed_as_the_article_frames_them() -> None:
    # A district treasury's new contribution implies the institution the article names; the result says so.
    result = calculate_article11_subsidy.invoke({"district_new_capital": 100_000_000, "is_district_level": True})
    assert result["award_yuan"] == 40_000_000
    assert result["is_ceiling"] is True
    # policy-based, new or increased, and which district it belongs to: unsaid, assumed
    assert sum(c["status"] == "unknown" for c in result["conditions"]) == 3


@pytest.mark.parametrize("topic", ["ip_pledge_subsidy", "listing_reward", "bond_issuance_fee_subsidy"])
def test_lookup_unfixed_support(topic: str) -> None:
    result = lookup_unfixed_support.invoke({"topic": topic})
    assert result["award_yuan"] is None
    assert result["eligible"] is None
    assert result["decided_by"]


def test_lookup_unknown_topic_is_error() -> None:
    message = call(lookup_unfixed_support, {"topic": "free_money"})
    assert message.status == "error"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("8000万", Decimal(80_000_000)),
        ("1.2亿元", Decimal(120_000_000)),
        ("3,000,000", Decimal(3_000_000)),
        (3_000_000, Decimal(3_000_000)),
        (1.2e8, Decimal(120_000_000)),
        (0.1, Decimal("0.1")),
        (Decimal("5"), Decimal(5)),
    ],
)
def test_to_yuan(raw: Any, expected: Decimal) -> None:
    assert to_yuan(raw) == expected


@pytest.mark.parametrize("raw", ["", "八千", True, float("nan")])
def test_to_yuan_rejects(raw: Any) -> None:
    if isinstance(raw, float):
        # NaN converts, but the calculator must then refuse it.
        message = call(calculate_article3_award, {"investments": [startup(raw)], "institution_in_gba": True})
        assert message.status == "error"
        return
    with pytest.raises(ToolException):
        to_yuan(raw)


@given(st.integers(min_value=1, max_value=10**12))
def test_tool_agrees_with_formatted_input(value: int) -> None:
    """Giving the amount as Chinese text or as a number gives the same award."""
    as_text = calculate_article3_award.invoke(
        {"investments": [startup(format_yuan(Decimal(value)))], "institution_in_gba": True}
    )
    as_number = calculate_article3_award.invoke({"investments": [startup(value)], "institution_in_gba": True})
    assert as_text["award_yuan"] == as_number["award_yuan"]
