"""The consultation record: what a 科技金融特派员 leaves behind after meeting an enterprise.

A :class:`ConsultationDraft` is what the officers fill in (date, who they are, the enterprise,
its profile, follow-ups); :func:`assistant.consultation.build.build_record` turns a draft and
the matching result into a :class:`ConsultationRecord`, which every export (Markdown, DOCX, PDF)
and the database read. Everything in a record is either typed by the officers, quoted verbatim
from the policy, or computed by the calculator: the exports never add facts of their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from assistant.consultation.matching import ConditionResult, Excluded
from assistant.consultation.profile import EnterpriseProfile

__all__ = [
    "DISCLAIMER",
    "POLICY_TITLE",
    "AwardEstimate",
    "ConsultationDraft",
    "ConsultationRecord",
    "MatchedArticle",
    "Officer",
    "UnitContact",
]

POLICY_TITLE = "《关于新时期进一步促进科技、金融与产业融合发展的若干意见》"
DISCLAIMER = (
    "以上奖励、补助金额为依据政策原文和企业自述信息的预估，不构成承诺；是否符合条件及最终金额以责任单位审核为准。"
)

OfficerSide = Literal["银行", "投资机构", "其他"]

# Generous limits: a record is typed by a person, but stored and exported as a whole.
NAME_MAX = 100
NOTE_MAX = 2000
FOLLOW_UPS_MAX = 30


def _stripped(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


class Officer(BaseModel):
    """One 科技金融特派员; they often come in pairs, one from a bank and one from an investment institution."""

    name: str = Field(..., min_length=1, max_length=NAME_MAX, description="姓名")
    organization: str | None = Field(None, max_length=NAME_MAX, description="所在单位，如“广州银行”“某创投”")
    side: OfficerSide = Field("其他", description="银行（债权融资）/投资机构（股权融资）/其他")

    _strip = field_validator("name", "organization", mode="before")(_stripped)


class ConsultationDraft(BaseModel):
    """What the officers enter for one consultation."""

    date: dt.date | None = Field(None, description="咨询日期；缺省为今天")
    officers: list[Officer] = Field(default_factory=list, max_length=10, description="特派员（可多人）")
    enterprise: str = Field(..., min_length=1, max_length=NAME_MAX, description="企业（机构）名称")
    contact: str | None = Field(None, max_length=NAME_MAX, description="企业联系人")
    profile: EnterpriseProfile = Field(default_factory=EnterpriseProfile, description="企业画像")
    financing_text: str | None = Field(
        None, max_length=NOTE_MAX, description="近期融资/投资情况（写成一句话时的原话）：与企业自述一并读取"
    )
    follow_ups: list[str] = Field(default_factory=list, max_length=FOLLOW_UPS_MAX, description="后续跟进事项")
    notes: str | None = Field(None, max_length=NOTE_MAX, description="咨询备注")
    session_id: str | None = Field(None, max_length=64, description="关联的对话会话：对话中陈述的事实并入画像")

    _strip = field_validator("enterprise", "contact", "notes", "financing_text", mode="before")(_stripped)

    @property
    def described(self) -> str | None:
        """The text the desk reads: the free description and the financing sentence, one per line."""
        parts = [part for part in (self.profile.free_text, self.financing_text) if part]
        return "\n".join(parts) or None

    @field_validator("follow_ups", mode="before")
    @classmethod
    def _follow_ups(cls, value: object) -> object:
        # The form's textarea gives one item per line.
        if isinstance(value, str):
            value = value.splitlines()
        if isinstance(value, list):
            return [item.strip() for item in value if isinstance(item, str) and item.strip()]
        return value


class AwardEstimate(BaseModel):
    """The calculator's estimate for one matched article, with its arithmetic."""

    article: int = Field(..., ge=1, le=32)
    label: str
    amount_yuan: int | float | None = Field(None, description="金额（元）；正文未定金额或事实不足时为 null")
    amount_text: str = Field(..., description="金额的中文表述，如“120万元”“最高4000万元”“正文未规定具体金额”")
    is_ceiling: bool = False
    steps: list[str] = Field(default_factory=list, description="逐步计算过程")
    decided_by: str | None = Field(None, description="正文未定金额时由谁、依何核定")
    basis_quote: str = Field("", description="依据条文原文（逐字）")
    missing: list[str] = Field(default_factory=list, description="尚需补充的事实")


class MatchedArticle(BaseModel):
    """One article that applies to the enterprise, why, and the text it rests on."""

    article: int = Field(..., ge=1, le=32)
    label: str = Field(..., description="条款标记，如「第三条」")
    title: str
    part: str | None = Field(None, description="所在部分，如「一、加大科技企业股权融资支持」")
    citation: str = Field(..., description="引用出处，如「《若干意见》第三条」")
    reason: str
    conditions: list[ConditionResult] = Field(default_factory=list)
    benefit: str = Field("", description="支持内容摘要")
    quotes: list[str] = Field(default_factory=list, description="逐字引自原文的句子")
    units: list[str] = Field(default_factory=list)


class UnitContact(BaseModel):
    """A 责任单位 to contact and the matched articles it is responsible for."""

    unit: str
    articles: list[str] = Field(default_factory=list, description="条款标记")


class ConsultationRecord(BaseModel):
    """A complete consultation record, as stored and exported."""

    id: str | None = Field(None, description="记录编号；保存后生成")
    created_at: dt.datetime | None = Field(None, description="保存时间（UTC）")
    date: dt.date
    officers: list[Officer] = Field(default_factory=list)
    enterprise: str
    contact: str | None = None
    profile: EnterpriseProfile
    entered: EnterpriseProfile | None = Field(
        None, description="表单所填的企业画像（读取自述、并入对话之前）：重新打开时各项按原样填回"
    )
    financing_text: str | None = Field(None, description="近期融资/投资情况（写成一句话时的原话）")
    profile_summary: list[tuple[str, str]] = Field(default_factory=list, description="画像要点（项目，内容）")
    matches: list[MatchedArticle] = Field(default_factory=list)
    awards: list[AwardEstimate] = Field(default_factory=list)
    contacts: list[UnitContact] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="尚需补充、可能改变结论的事实")
    excluded: list[Excluded] = Field(default_factory=list, description="经核对不适用的条款及原因")
    follow_ups: list[str] = Field(default_factory=list)
    notes: str | None = None
    policy: str = POLICY_TITLE
    disclaimer: str = DISCLAIMER
    session_id: str | None = None

    @property
    def articles(self) -> list[int]:
        """The matched article numbers, best first."""
        return [m.article for m in self.matches]
