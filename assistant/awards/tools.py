"""LangChain tools around the award engine, for a tool-calling agent.

Each tool validates its arguments with a pydantic schema, turns Chinese amounts such as
``"8000万"`` into exact ``Decimal`` yuan, builds the engine's facts (``awards.cases``) and returns
``AwardResult.model_dump(mode="json")``. Bad input raises :class:`~langchain_core.tools.ToolException`;
the tools are configured to hand that message back to the model instead of crashing the agent loop.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from langchain_core.tools import BaseTool, ToolException, tool
from pydantic import BaseModel, Field, ValidationError

from assistant.awards.cases import InvestmentInput, guarantee_case, investment_case
from assistant.awards.engine import AwardEngine
from assistant.awards.result import CalculatorInputError
from assistant.understand.amounts import find_amounts, parse_plain_number
from corpus.awards import load_award_rules
from corpus.numerals import int_to_cn

__all__ = [
    "CALCULATOR_TOOLS",
    "UNFIXED_SUPPORT_TOPICS",
    "Article3Args",
    "Article11Args",
    "InvestmentArgs",
    "UnfixedSupportArgs",
    "UnfixedTopic",
    "calculate_article3_award",
    "calculate_article11_subsidy",
    "lookup_unfixed_support",
    "to_yuan",
]

# The supports without a fixed amount, from the rule data: id → short label.
UNFIXED_SUPPORT_TOPICS: dict[str, str] = {u.id: u.label for u in load_award_rules().unfixed}
UnfixedTopic = Literal[tuple(UNFIXED_SUPPORT_TOPICS)]  # type: ignore[valid-type]

AmountInput = str | int | float


def to_yuan(amount: AmountInput | Decimal) -> Decimal:
    """Convert a tool amount argument to exact yuan.

    Args:
        amount: A number in yuan (``3000000``), a plain numeric string (``"3,000,000"``) or a
            Chinese amount (``"8000万"``, ``"1.2亿元"``, ``"两千万"``).

    Returns:
        The amount in yuan as a ``Decimal``.

    Raises:
        ToolException: The text holds no amount, or more than one.
    """
    if isinstance(amount, bool):
        raise ToolException(f"无法识别金额：{amount}")
    if isinstance(amount, Decimal):
        return amount
    if isinstance(amount, int):
        return Decimal(amount)
    if isinstance(amount, float):
        # str() gives the shortest repr, so 0.1 stays 0.1 instead of its binary expansion.
        try:
            return Decimal(str(amount))
        except InvalidOperation as exc:
            raise ToolException(f"无法识别金额：{amount}") from exc
    plain = parse_plain_number(amount)
    if plain is not None:
        return plain
    mentions = find_amounts(amount)
    if len(mentions) == 1:
        return mentions[0].value
    if not mentions:
        raise ToolException(f"无法识别金额：“{amount}”。请给出如“8000万元”“1.2亿元”或以元为单位的数字。")
    found = "、".join(m.text for m in mentions)
    raise ToolException(f"“{amount}”中有多个金额（{found}），请每笔投资分别填写。")


class InvestmentArgs(BaseModel):
    """One investment by the equity investment institution."""

    amount: AmountInput = Field(
        ...,
        description="实际到账投资额，可写“8000万”“1.2亿元”或以元为单位的数字 / amount received, Chinese text or yuan",
    )
    year: int | None = Field(None, description="到账年份，如 2024；不知道就留空 / year the funds arrived")
    investee_stage: str | None = Field(
        None, description="被投企业阶段：种子期/初创期/成长期/成熟期；不知道就留空 / investee stage"
    )
    investee_location: str | None = Field(
        None, description="被投企业所在地，如“广州市天河区”“深圳” / investee location"
    )
    investee_in_guangzhou: bool | None = Field(
        None, description="被投企业是否在广州；明确知道时填写，优先于所在地 / investee in Guangzhou"
    )
    investee_is_tech_sme: bool | None = Field(None, description="被投企业是否为科技型中小企业 / investee is a tech SME")
    funds_received: bool | None = Field(None, description="投资款是否已实际到账 / funds actually received")
    institution: str | None = Field(
        None,
        description="投资机构称呼；几家机构时每家每年各自适用上限 / which institution made it (per-institution caps)",
    )


class Article3Args(BaseModel):
    """Arguments of :func:`calculate_article3_award`."""

    investments: list[InvestmentArgs] = Field(
        ..., min_length=1, description="每笔投资一项；同一年度的多笔投资会先合计再适用上限 / one item per investment"
    )
    institution_location: str | None = Field(
        None, description="投资机构所在地，如“珠海”“北京”“香港” / investing institution's location"
    )
    institution_in_gba: bool | None = Field(
        None, description="投资机构是否位于粤港澳大湾区；明确知道时填写 / institution is in the Greater Bay Area"
    )


class Article11Args(BaseModel):
    """Arguments of :func:`calculate_article11_subsidy`."""

    district_new_capital: AmountInput = Field(
        ...,
        description="区财政新增出资额（不是注册资本总额），如“1亿元” / district treasury's new capital contribution",
    )
    is_district_level: bool | None = Field(None, description="是否为区级机构 / district-level institution")
    is_policy_guarantee: bool | None = Field(
        None, description="是否为政策性融资担保机构 / policy financing guarantee institution"
    )
    is_new_or_capital_increase: bool | None = Field(
        None, description="是否为新设立或新增资 / newly established or newly capitalised"
    )


class UnfixedSupportArgs(BaseModel):
    """Arguments of :func:`lookup_unfixed_support`."""

    topic: UnfixedTopic = Field(
        ...,
        description="支持事项："
        + "；".join(f"{key}={label}" for key, label in UNFIXED_SUPPORT_TOPICS.items())
        + " / the support to look up",
    )


# Tool descriptions are what the model reads when choosing a tool: the rule as quoted in the award
# data (so a changed standard changes the description too), then how to pass the facts.
_RULES = load_award_rules()
# What the rule data's cap fields mean, in words.
_CAP_WORDS = {
    ("year", "institution"): "每家机构每个年度分别适用上限：同一年度的多笔投资先合计再封顶，不同年度分别计算。",
}


def _rule_description(rule_id: str, usage: str, usage_en: str) -> str:
    """A tool's description: the article's own words from corpus/awards.json, then how to call it."""
    rule = _RULES.rule(rule_id)
    ceiling = "结果是“最高不超过”的上限（is_ceiling=true）。" if rule.is_ceiling else ""
    cap = _CAP_WORDS.get((rule.cap_period or "", rule.cap_per or ""), "")
    return (
        f"计算第（{int_to_cn(rule.article)}）条{rule.label}。原文：「{rule.quote}」计算基数为{rule.base_label}。"
        f"{cap}{ceiling}{usage} | Article {rule.article}: {usage_en} Returns AwardResult JSON."
    )


ARTICLE3_DESCRIPTION = _rule_description(
    "article3",
    "金额可直接传用户原话，如“8000万”“1.2亿元”。缺少关键事实（机构是否在大湾区、被投企业阶段、是否在广州）时"
    "award_yuan 为 null，missing 列出需要追问的事实，steps 给出“若符合条件”的算式。",
    "the award for a Bay Area equity investment institution's investments received by seed/start-up"
    " tech SMEs in Guangzhou, one item per investment; award_yuan is null when a decisive fact is"
    " missing (see `missing`).",
)
ARTICLE11_DESCRIPTION = _rule_description(
    "article11",
    "金额请传区财政新增出资额，不是注册资本总额。",
    "the city's capital subsidy ceiling for a new or recapitalised district-level policy guarantee"
    " institution; pass the district treasury's new contribution, not the total registered capital.",
)
UNFIXED_DESCRIPTION = (
    "查询本意见未规定具体金额的支持事项（"
    + "、".join(UNFIXED_SUPPORT_TOPICS.values())
    + "）。返回依据原文、由谁按什么规定核定（decided_by）和责任单位；award_yuan 恒为 null，切勿自行编造金额。"
    " | Look up a support whose amount this policy does not fix. Returns the governing rule, who decides"
    " (decided_by) and the responsible units; award_yuan is always null — never invent a figure."
)


@tool("calculate_article3_award", args_schema=Article3Args, description=ARTICLE3_DESCRIPTION)
def calculate_article3_award(
    investments: list[InvestmentArgs],
    institution_location: str | None = None,
    institution_in_gba: bool | None = None,
) -> dict[str, Any]:
    """Article 3 award: 1.5% of the investment received, at most 5,000,000 yuan per year."""
    items: list[InvestmentInput] = []
    for entry in investments:
        data = entry if isinstance(entry, InvestmentArgs) else InvestmentArgs.model_validate(entry)
        items.append(
            InvestmentInput(
                amount=to_yuan(data.amount),
                year=data.year,
                investee_stage=data.investee_stage,
                investee_place=data.investee_location,
                investee_in_guangzhou=data.investee_in_guangzhou,
                investee_is_tech_sme=data.investee_is_tech_sme,
                funds_received=data.funds_received,
                institution=data.institution,
            )
        )
    try:
        facts = investment_case(items, institution_location, institution_in_gba)
    except CalculatorInputError as exc:
        raise ToolException(str(exc)) from exc
    return AwardEngine.default().evaluate("article3", facts).model_dump(mode="json")


@tool("calculate_article11_subsidy", args_schema=Article11Args, description=ARTICLE11_DESCRIPTION)
def calculate_article11_subsidy(
    district_new_capital: AmountInput,
    is_district_level: bool | None = None,
    is_policy_guarantee: bool | None = None,
    is_new_or_capital_increase: bool | None = None,
) -> dict[str, Any]:
    """Article 11 subsidy: at most 40% of the district treasury's new capital contribution."""
    try:
        facts = guarantee_case(
            to_yuan(district_new_capital), is_district_level, is_policy_guarantee, is_new_or_capital_increase
        )
    except CalculatorInputError as exc:
        raise ToolException(str(exc)) from exc
    return AwardEngine.default().evaluate("article11", facts).model_dump(mode="json")


@tool("lookup_unfixed_support", args_schema=UnfixedSupportArgs, description=UNFIXED_DESCRIPTION)
def lookup_unfixed_support(topic: UnfixedTopic) -> dict[str, Any]:
    """Describe a support whose amount the policy leaves to another rule; never a number."""
    try:
        return AwardEngine.default().unfixed(topic).model_dump(mode="json")
    except KeyError as exc:
        raise ToolException(f"未知的支持事项：{topic}（可选：{'、'.join(UNFIXED_SUPPORT_TOPICS)}）") from exc


def _validation_message(error: ValidationError) -> str:
    problems = "；".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
    return f"参数有误，请修正后重试：{problems}"


def _configure(tool_obj: BaseTool) -> BaseTool:
    # Return input problems to the model as text so it can correct itself or ask the user.
    tool_obj.handle_tool_error = True
    tool_obj.handle_validation_error = _validation_message
    return tool_obj


CALCULATOR_TOOLS: list[BaseTool] = [
    _configure(calculate_article3_award),
    _configure(calculate_article11_subsidy),
    _configure(lookup_unfixed_support),
]
