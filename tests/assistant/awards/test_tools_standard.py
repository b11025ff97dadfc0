"""LangChain's standard tool suites (unit and integration) for each calculator tool, as the agent gets them."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool
from langchain_tests.integration_tests import ToolsIntegrationTests
from langchain_tests.unit_tests import ToolsUnitTests

from assistant.awards.tools import CALCULATOR_TOOLS

TOOLS = {tool.name: tool for tool in CALCULATOR_TOOLS}

ARTICLE3_ARGS = {
    "investments": [
        {"amount": "8000万", "investee_stage": "初创期", "investee_location": "广州市黄埔区", "year": 2025}
    ],
    "institution_location": "南沙",
}
ARTICLE11_ARGS = {
    "district_new_capital": "1亿元",
    "is_district_level": True,
    "is_policy_guarantee": True,
    "is_new_or_capital_increase": True,
}
UNFIXED_ARGS = {"topic": "ip_pledge_subsidy"}


class _Article3:
    @property
    def tool_constructor(self) -> BaseTool:
        return TOOLS["calculate_article3_award"]

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return ARTICLE3_ARGS


class _Article11:
    @property
    def tool_constructor(self) -> BaseTool:
        return TOOLS["calculate_article11_subsidy"]

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return ARTICLE11_ARGS


class _Unfixed:
    @property
    def tool_constructor(self) -> BaseTool:
        return TOOLS["lookup_unfixed_support"]

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return UNFIXED_ARGS


class TestArticle3ToolUnit(_Article3, ToolsUnitTests):
    """calculate_article3_award: name, input schema, example arguments that fit it."""


class TestArticle3ToolIntegration(_Article3, ToolsIntegrationTests):
    """calculate_article3_award answers a tool call with a ToolMessage, sync and async."""


class TestArticle11ToolUnit(_Article11, ToolsUnitTests):
    """calculate_article11_subsidy: name, input schema, example arguments that fit it."""


class TestArticle11ToolIntegration(_Article11, ToolsIntegrationTests):
    """calculate_article11_subsidy answers a tool call with a ToolMessage, sync and async."""


class TestUnfixedSupportToolUnit(_Unfixed, ToolsUnitTests):
    """lookup_unfixed_support: name, input schema, example arguments that fit it."""


class TestUnfixedSupportToolIntegration(_Unfixed, ToolsIntegrationTests):
    """lookup_unfixed_support answers a tool call with a ToolMessage, sync and async."""


def test_the_examples_are_real_calculations() -> None:
    """The suites' example calls give the policy's figures, so they exercise the engine, not a stub."""
    results = {
        name: json.loads(_call(TOOLS[name], args).content)
        for name, args in (
            ("calculate_article3_award", ARTICLE3_ARGS),
            ("calculate_article11_subsidy", ARTICLE11_ARGS),
            ("lookup_unfixed_support", UNFIXED_ARGS),
        )
    }
    assert results["calculate_article3_award"]["award_yuan"] == 1_200_000
    assert results["calculate_article11_subsidy"]["award_yuan"] == 40_000_000
    assert results["lookup_unfixed_support"]["award_yuan"] is None


def _call(tool: BaseTool, args: dict[str, Any]) -> ToolMessage:
    message = tool.invoke({"type": "tool_call", "id": "call-1", "name": tool.name, "args": args})
    assert isinstance(message, ToolMessage)
    return message
