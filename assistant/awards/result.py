"""What applying an award rule gives: the figure (or none), each condition, what was counted and left out."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["ESTIMATE_NOTE", "AwardResult", "CalculatorInputError", "Condition", "Counted", "LeftOut"]

ESTIMATE_NOTE = "预估，以责任单位审核为准"


class CalculatorInputError(ValueError):
    """Input the rules cannot be applied to (no amount, a non-positive amount)."""


class Condition(BaseModel):
    """One eligibility condition and whether the given facts meet it."""

    name: str = Field(..., description="条件简称，如“投资机构位于粤港澳大湾区”")
    status: Literal["met", "not_met", "unknown"]
    reason: str = Field(..., description="结合用户所给事实的中文理由")


class Counted(BaseModel):
    """One investment or contribution that is in the base."""

    party: str = Field(..., description="机构（或担保机构）的称呼")
    year: int | None = None
    amount: Decimal
    text: str = Field(..., description="这笔的说明，如「黄埔 初创期 到账2000万元」")


class LeftOut(BaseModel):
    """A figure or an investment that is not in the base, and why."""

    text: str
    reason: str


class AwardResult(BaseModel):
    """The outcome of applying one award rule to the user's facts."""

    rule: str = Field(..., description="规则标识（corpus/awards.json），如 article3")
    article: int = Field(..., ge=1, le=32, description="政策条款序号 1–32")
    award_yuan: int | float | None = Field(..., description="金额（元）；正文未定金额或关键事实未知时为 null")
    eligible: bool | None = Field(..., description="是否符合条件；未知为 null")
    is_ceiling: bool = Field(..., description="金额是否为“最高”上限")
    conditions: list[Condition] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list, description="逐步计算过程")
    explanation: str = ""
    why_not: str | None = Field(None, description="金额为0时的决定性原因")
    units: list[str] = Field(default_factory=list, description="责任单位")
    missing: list[str] = Field(default_factory=list, description="需要向用户追问的事实")
    questions: list[str] = Field(default_factory=list, description="给出金额前要先问的一句话（最多问一个）")
    question_slot: str | None = Field(None, description="所问的事实槽（investee_place、stage、year…），答句据此填入")
    counted: list[Counted] = Field(default_factory=list, description="计入基数的各笔")
    left_out: list[LeftOut] = Field(default_factory=list, description="不计入的各笔及原因")
    standard: str = Field("", description="所用标准及其生效说明")
    decided_by: str | None = Field(None, description="正文未定金额时，由何种规定、何单位核定")
    basis_quote: str = Field("", description="依据条文原文（逐字，去除分页断行）")
    note: str = ESTIMATE_NOTE
