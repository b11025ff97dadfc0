"""LangChain tools around the award engine, for a tool-calling agent.

Each tool validates its arguments with a pydantic schema, turns Chinese amounts such as
``"8000万"`` into exact ``Decimal`` yuan, builds the engine's facts (``awards.cases``) and returns
``AwardResult.model_dump(mode="json")``. Bad input raises :class:`~langchain_core.tools.ToolException`;
the tools are configured to hand that message back to the model instead of crashing the agent loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from langchain_core.tools import BaseTool, StructuredTool, ToolException, tool
from pydantic import BaseModel, Field, ValidationError

from assistant.awards.cases import InvestmentInput, guarantee_case, investment_case
from assistant.awards.engine import AwardEngine
from assistant.awards.result import CalculatorInputError
from assistant.understand.amounts import find_amounts, parse_plain_number
from assistant.understand.model import Facts
from corpus.awards import AwardRule, AwardRules, load_award_rules
from corpus.numerals import int_to_cn

__all__ = [
    "CALCULATOR_TOOLS",
    "UNFIXED_SUPPORT_TOPICS",
    "ContributionAwardArgs",
    "InvestmentArgs",
    "InvestmentAwardArgs",
    "UnfixedSupportArgs",
    "UnfixedTopic",
    "calculator_tools",
    "lookup_unfixed_support",
    "rule_description",
    "rule_tool",
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


class InvestmentAwardArgs(BaseModel):
    """Arguments of a rule whose base is investments (``subject: investment`` in the rule data)."""

    investments: list[InvestmentArgs] = Field(
        ..., min_length=1, description="每笔投资一项；同一年度的多笔投资会先合计再适用上限 / one item per investment"
    )
    institution_location: str | None = Field(
        None, description="投资机构所在地，如“珠海”“北京”“香港” / investing institution's location"
    )
    institution_in_gba: bool | None = Field(
        None, description="投资机构是否位于粤港澳大湾区；明确知道时填写 / institution is in the Greater Bay Area"
    )


class ContributionAwardArgs(BaseModel):
    """Arguments of a rule whose base is capital contributions (``subject: contribution``)."""

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


# What the rule data's cap fields mean, in words.
_CAP_WORDS = {
    ("year", "institution"): "每家机构每个年度分别适用上限：同一年度的多笔投资先合计再封顶，不同年度分别计算。",
}


def _investment_facts(args: InvestmentAwardArgs) -> Facts:
    items = [
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
        for data in args.investments
    ]
    return investment_case(items, args.institution_location, args.institution_in_gba)


def _contribution_facts(args: ContributionAwardArgs) -> Facts:
    return guarantee_case(
        to_yuan(args.district_new_capital),
        args.is_district_level,
        args.is_policy_guarantee,
        args.is_new_or_capital_increase,
    )


@dataclass(frozen=True)
class _SubjectTool:
    """How a tool over rules of one subject takes its facts: the schema, the reading, the usage words."""

    args: type[BaseModel]
    facts: Callable[[Any], Facts]
    usage: str
    usage_en: str


# One entry per kind of base in the rule data, never per article: a new rule of a known subject
# gets its tool from corpus/awards.json alone.
_SUBJECTS: dict[str, _SubjectTool] = {
    "investment": _SubjectTool(
        InvestmentAwardArgs,
        _investment_facts,
        "金额可直接传用户原话，如“8000万”“1.2亿元”。缺少关键事实（机构是否在大湾区、被投企业阶段、是否在广州）时"
        "award_yuan 为 null，missing 列出需要追问的事实，steps 给出“若符合条件”的算式。",
        "one item per investment; award_yuan is null when a decisive fact is missing (see `missing`).",
    ),
    "contribution": _SubjectTool(
        ContributionAwardArgs,
        _contribution_facts,
        "金额请传区财政新增出资额，不是注册资本总额。",
        "pass the district treasury's new contribution, not the total registered capital.",
    ),
}


def rule_description(rule: AwardRule) -> str:
    """What the model reads when choosing a tool: the article's own words from the rule data, then how to call it."""
    subject = _SUBJECTS[rule.subject]
    ceiling = "结果是“最高不超过”的上限（is_ceiling=true）。" if rule.is_ceiling else ""
    cap = _CAP_WORDS.get((rule.cap_period or "", rule.cap_per or ""), "")
    return (
        f"计算第（{int_to_cn(rule.article)}）条{rule.label}。原文：「{rule.quote}」计算基数为{rule.base_label}。"
        f"{cap}{ceiling}{subject.usage} | Article {rule.article} ({rule.base_label}): {subject.usage_en}"
        " Returns AwardResult JSON."
    )


def rule_tool(rule: AwardRule, engine: AwardEngine) -> BaseTool:
    """The tool that applies ``rule``: named and described by the rule data, arguments by its subject."""
    subject = _SUBJECTS[rule.subject]

    def run(**kwargs: Any) -> dict[str, Any]:
        try:
            facts = subject.facts(subject.args.model_validate(kwargs))
        except CalculatorInputError as exc:
            raise ToolException(str(exc)) from exc
        return engine.evaluate(rule.id, facts).model_dump(mode="json")

    return StructuredTool.from_function(
        func=run, name=rule.tool, description=rule_description(rule), args_schema=subject.args
    )


UNFIXED_DESCRIPTION = (
    "查询本意见未规定具体金额的支持事项（"
    + "、".join(UNFIXED_SUPPORT_TOPICS.values())
    + "）。返回依据原文、由谁按什么规定核定（decided_by）和责任单位；award_yuan 恒为 null，切勿自行编造金额。"
    " | Look up a support whose amount this policy does not fix. Returns the governing rule, who decides"
    " (decided_by) and the responsible units; award_yuan is always null — never invent a figure."
)


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


def calculator_tools(rules: AwardRules, engine: AwardEngine) -> list[BaseTool]:
    """One tool per rule with a figure, in the rule data's order, then the unfixed-support lookup."""
    return [_configure(rule_tool(rule, engine)) for rule in rules.rules] + [_configure(lookup_unfixed_support)]


CALCULATOR_TOOLS: list[BaseTool] = calculator_tools(load_award_rules(), AwardEngine.default())
