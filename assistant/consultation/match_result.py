"""What consultation matching returns: the articles that apply, why, and what is still missing.

Plain pydantic models, shared by the matcher, the consultation record, the API and the chat's
eligibility answer.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from assistant.consultation.conditions import Status

__all__ = ["ConditionResult", "Excluded", "Match", "MatchResult", "MatchingError"]


class MatchingError(ValueError):
    """The caller gave neither articles nor a knowledge base, or articles the table needs are absent."""


class ConditionResult(BaseModel):
    """One condition judged against the profile."""

    label: str = Field(..., description="条件简称")
    status: Status
    reason: str = Field(..., description="结合企业画像的中文理由")


class Match(BaseModel):
    """One article that applies to the profile."""

    article: int = Field(..., ge=1, le=32)
    label: str = Field(..., description="条款标记，如「第三条」")
    title: str
    reason: str = Field(..., description="一句话理由（已满足的条件）")
    conditions: list[ConditionResult] = Field(default_factory=list)
    award: dict[str, Any] | None = Field(None, description="AwardResult（JSON）；本条无测算规则时为 null")
    units: list[str] = Field(default_factory=list, description="责任单位")
    benefit: str = Field(..., description="支持内容摘要")
    score: float = Field(..., description="排序分：满足条件越多、有测算金额者越高")


class Excluded(BaseModel):
    """An article aimed at the enterprise (its kind or its words) that a stated fact rules out, and why.

    An officer is asked 「为什么我们不符合第三条？」 as often as what applies.
    """

    article: int = Field(..., ge=1, le=32)
    label: str = Field(..., description="条款标记，如「第三条」")
    title: str
    reason: str = Field(..., description="不适用的原因（未满足的条件，结合企业画像）")


class MatchResult(BaseModel):
    """The articles that apply, best first, and the facts that would still change the result."""

    matches: list[Match] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="尚需补充的事实")
    excluded: list[Excluded] = Field(default_factory=list, description="经核对不适用的条款及原因")
