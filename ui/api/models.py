"""Request and response models of the HTTP API (``/api/…``), separate from the storage rows.

Free-text fields reject lone UTF-16 surrogates and NUL characters: they cannot be encoded as
UTF-8 or stored in PostgreSQL, so they would otherwise surface as a server error.

Booleans and integers are strict: ``0``/``"yes"`` is not a boolean and ``"5"`` is not an integer,
as the schema says (pydantic's lax mode would coerce them).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
)

from assistant.awards.tools import UnfixedTopic
from assistant.retrieve.hybrid import Mode
from assistant.schemas import Answer, SearchHit
from corpus.awards import load_award_rules
from corpus.records import NumericFact
from ui.api.fields import Amount, SessionId, UserText, check_nested_json


# -- errors --------------------------------------------------------------------------------
class ValidationErrorItem(BaseModel):
    """One problem of a request that failed validation."""

    loc: list[str | int] = Field(..., description='出错位置，如 ["body", "message"]')
    type: str = Field(..., description="错误类型（pydantic 的错误类型名）")
    message: str = Field(..., description="中文说明")


class OpenAIErrorOut(BaseModel):
    """The ``error`` object OpenAI clients read (only on ``/v1/…`` paths)."""

    message: str
    type: str
    param: str | None = Field(None, description="出错的请求字段，如 n、tools")
    code: int | str | None = Field(None, description="OpenAI 的错误代码（如 unsupported_parameter），或 HTTP 状态码")


class ErrorResponse(BaseModel):
    """Every error body: a Chinese ``detail``; validation errors also list each problem.

    ``errors`` is present only on validation errors (422), ``error`` only on ``/v1/…`` paths.
    """

    detail: str = Field(..., description="中文错误说明")
    errors: list[ValidationErrorItem] | None = None
    error: OpenAIErrorOut | None = None


# -- chat ----------------------------------------------------------------------------------
class ChatRequest(BaseModel):
    """A question, in a session or not."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"message": "我们是南沙的创投机构，今年投了两家广州初创期科技企业，共8000万"},
                {"message": "那能拿多少奖励？", "session_id": "demo-session-1"},
            ]
        }
    )

    message: UserText = Field(..., description="用户的问题；不能为空，长度上限见 POLICY_MAX_MESSAGE_CHARS")
    session_id: SessionId | None = Field(
        None,
        description="会话编号：上一次回答返回的 session_id。为空、或不是本服务器发出的编号时新建会话（响应返回新编号）",
    )


class ChatResponse(Answer):
    """An answer (every field of ``Answer``) plus the session it belongs to."""

    session_id: str
    message_id: int | None = Field(None, description="本条回答在会话记录中的编号，用于 /api/feedback")


class StreamDelta(BaseModel):
    """One piece (a sentence or line) of a streamed answer."""

    type: Literal["delta"] = "delta"
    text: str


# -- articles ------------------------------------------------------------------------------
class ArticleSummary(BaseModel):
    """An article as listed: number, title, part and responsible units."""

    number: int
    number_cn: str
    title: str
    part: int | None
    part_title: str | None
    units: list[str]
    references: list[str] = Field(default_factory=list, description="所引文件的注册表标识")


class ReferencedDocumentOut(BaseModel):
    """A document an article cites (its full text is not shipped)."""

    id: str
    title: str
    number: str | None = None


class ArticleDetail(ArticleSummary):
    """The full record of one article."""

    part_cn: str | None
    body: str
    text: str = Field(..., description="条款全文（含标题、正文与责任单位）")
    facts: list[NumericFact]
    referenced_documents: list[ReferencedDocumentOut] = Field(default_factory=list)


class PartOut(BaseModel):
    """One of the policy's seven parts."""

    number: int
    number_cn: str
    title: str
    articles: list[int]


# -- search --------------------------------------------------------------------------------
class SearchRequest(BaseModel):
    """A retrieval query."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"query": "科技企业发债融资", "k": 5, "mode": "hybrid"}]})

    query: UserText
    k: StrictInt = Field(10, ge=1, le=50)
    mode: Mode = "hybrid"


class SearchResponse(BaseModel):
    """Ranked chunks, best article first."""

    hits: list[SearchHit]


# -- calculator ----------------------------------------------------------------------------
class InvestmentIn(BaseModel):
    """One investment for the article 3 award."""

    amount: Amount = Field(..., description="实际到账投资额：“8000万”“1.2亿元”或以元为单位的数字")
    year: StrictInt | None = Field(None, ge=1990, le=2100, description="到账年份")
    investee_stage: str | None = Field(None, max_length=50, description="被投企业阶段：种子期/初创期/成长期/成熟期")
    investee_place: UserText | None = Field(
        None, max_length=100, description="被投企业所在地，如“天河区”；给出 investee_in_guangzhou 时以后者为准"
    )
    institution: UserText | None = Field(
        None, max_length=100, description="投资机构称呼；几家机构时每家每年各自适用500万元上限"
    )
    investee_in_guangzhou: StrictBool | None = None
    investee_is_tech_sme: StrictBool | None = None
    funds_received: StrictBool | None = None


def _rule_ids(subject: str) -> Any:
    """The ids of the award rules over one kind of base, as the ``rule`` discriminator's values."""
    return Literal[tuple(r.id for r in load_award_rules().rules if r.subject == subject)]  # type: ignore[valid-type]


# The rule data names the rules; each request shape serves every rule of its kind of base.
InvestmentRuleId = _rule_ids("investment")
ContributionRuleId = _rule_ids("contribution")


class InvestmentAwardRequest(BaseModel):
    """A rule whose base is investments (第三条: Bay Area equity investors in Guangzhou seed/startup tech SMEs)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "rule": "article3",
                    "investments": [
                        {
                            "amount": "8000万",
                            "year": 2025,
                            "investee_stage": "初创期",
                            "investee_in_guangzhou": True,
                            "investee_is_tech_sme": True,
                            "funds_received": True,
                        }
                    ],
                    "institution_place": "南沙",
                }
            ]
        }
    )

    rule: InvestmentRuleId  # type: ignore[valid-type]
    investments: list[InvestmentIn] = Field(..., min_length=1, max_length=100)
    institution_place: UserText | None = Field(
        None,
        max_length=100,
        description="投资机构所在地，如“珠海”“南沙”；给出 institution_in_greater_bay_area 时以后者为准",
    )
    institution_in_greater_bay_area: StrictBool | None = None


class ContributionAwardRequest(BaseModel):
    """A rule whose base is capital contributions (第十一条: district-level policy guarantee institutions).

    The three conditions default to true (the situation the article describes, as the chat
    answerer assumes); pass false or null to check eligibility instead.
    """

    model_config = ConfigDict(json_schema_extra={"examples": [{"rule": "article11", "district_new_capital": "1亿"}]})

    rule: ContributionRuleId  # type: ignore[valid-type]
    district_new_capital: Amount = Field(..., description="区财政新增出资额，如“1亿”")
    is_district_level: StrictBool | None = True
    is_policy_guarantee: StrictBool | None = True
    is_new_or_capital_increase: StrictBool | None = True


class UnfixedRequest(BaseModel):
    """A support whose amount this policy does not fix."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"rule": "unfixed", "topic": "listing_reward"}]})

    rule: Literal["unfixed"]
    topic: UnfixedTopic = Field(..., description="支持事项，如 ip_pledge_subsidy、listing_reward")


CalculateRequest = Annotated[
    InvestmentAwardRequest | ContributionAwardRequest | UnfixedRequest, Field(discriminator="rule")
]


# -- feedback and sessions -----------------------------------------------------------------
class FeedbackRequest(BaseModel):
    """A rating of a session or of one answer in it."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"session_id": "demo-session-1", "rating": 1, "comment": "很清楚"}]}
    )

    session_id: SessionId
    rating: Literal[1, -1]
    comment: UserText | None = Field(None, max_length=2000)
    message_id: StrictInt | None = Field(None, ge=1, le=2**63 - 1)


class FeedbackResponse(BaseModel):
    """The stored feedback's id."""

    ok: bool = True
    id: int


class MessageOut(BaseModel):
    """One message of a session's history."""

    id: int
    role: Literal["user", "assistant"]
    content: str
    created_at: dt.datetime
    answer: Answer | None = None


class SessionHistoryOut(BaseModel):
    """A session's transcript, oldest message first."""

    session_id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    turns: int
    messages: list[MessageOut]


# -- health and matching -------------------------------------------------------------------
class HealthResponse(BaseModel):
    """What is loaded and whether the index and the database answer."""

    status: Literal["ok", "degraded"]
    index_loaded: bool
    articles: int
    chunks: int
    build_id: str = Field(..., description="本进程正在使用的索引构建（收到新构建后原地切换）")
    embedding_model: str
    version: str
    database: Literal["ok", "unavailable"]
    index: Literal["ok", "unavailable"] = Field("ok", description="对所用索引实际检索一次的结果")


class MatchRequest(BaseModel):
    """An enterprise profile to match against the policy's supports."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "profile": {
                        "kind": "创投机构",
                        "district": "南沙区",
                        "free_text": "今年投了两家广州初创期科技企业，共8000万",
                    }
                }
            ]
        }
    )

    profile: Annotated[dict[str, Any], AfterValidator(check_nested_json)] = Field(
        ..., description="企业画像：kind、district、in_greater_bay_area、stage、free_text 等"
    )
