"""Request and response models of the HTTP API (``/api/…``), separate from the storage rows.

Free-text fields reject lone UTF-16 surrogates and NUL characters: they cannot be encoded as
UTF-8 or stored in PostgreSQL, so they would otherwise surface as a server error.

Booleans and integers are strict: ``0``/``"yes"`` is not a boolean and ``"5"`` is not an integer,
as the schema says (pydantic's lax mode would coerce them).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    WithJsonSchema,
)

from assistant.awards.tools import UnfixedTopic
from assistant.consultation.matching import MatchResult
from assistant.consultation.profile import EnterpriseProfile
from assistant.consultation.record import FOLLOW_UPS_MAX, NAME_MAX, NOTE_MAX, ConsultationDraft, OfficerSide
from assistant.retrieve.hybrid import Mode
from assistant.schemas import Answer, SearchHit
from assistant.understand.amounts import find_amounts, parse_plain_number
from corpus.records import NumericFact

SESSION_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
SESSION_ID_MAX = 64
MAX_AMOUNT_TEXT = 64
# 1000万亿元, far above any real investment or capital; larger numbers are typing slips or probes
# (and a float such as 1e40 cannot be formatted exactly by the calculator's yuan formatting).
MAX_AMOUNT_YUAN = Decimal(10) ** 15
MAX_AMOUNT_LABEL = "1000万亿元"


def check_text(value: str) -> str:
    """Reject text that cannot be encoded as UTF-8 or stored (lone surrogates, NUL).

    Args:
        value: Text from a request.

    Returns:
        The same text.

    Raises:
        ValueError: The text holds a lone surrogate or a NUL character.
    """
    if "\x00" in value:
        raise ValueError("文本中不能包含 NUL（\\u0000）字符")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("文本中包含无效的 Unicode 字符（孤立的代理项），请检查编码")
    return value


def check_session_id(value: str) -> str:
    """Accept session ids of 1–64 letters, digits, ``_`` and ``-``.

    Raises:
        ValueError: Another character, or a wrong length.
    """
    if not 1 <= len(value) <= SESSION_ID_MAX or not set(value) <= SESSION_ID_CHARS:
        raise ValueError(f"会话编号只能由字母、数字、下划线和连字符组成，长度 1–{SESSION_ID_MAX}")
    return value


def to_yuan(value: Any) -> Decimal:
    """Read an amount in yuan: a JSON number, a plain numeric string, or Chinese text like ``"8000万"``.

    Args:
        value: The raw field value.

    Returns:
        The exact amount in yuan.

    Raises:
        ValueError: Not a number, several amounts in one text, no amount at all, or an amount
            beyond ±1000万亿元.
    """
    amount = _read_yuan(value)
    if not amount.is_finite() or abs(amount) > MAX_AMOUNT_YUAN:
        raise ValueError(f"金额超出范围：最多 {MAX_AMOUNT_LABEL}")
    return amount


def _read_yuan(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("金额应为数字或文本（如“8000万”），不能是布尔值")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("金额应为有限的数字")
        return Decimal(str(value))  # str() keeps 0.1 as 0.1, not its binary expansion
    if not isinstance(value, str):
        raise ValueError("金额应为数字或文本，如“8000万”“1.2亿元”或 3000000")
    text = check_text(value).strip()
    if len(text) > MAX_AMOUNT_TEXT:
        raise ValueError(f"金额文本过长：最多 {MAX_AMOUNT_TEXT} 个字符")
    try:
        plain = parse_plain_number(text)
    except InvalidOperation:
        plain = None
    if plain is not None:
        return plain
    mentions = find_amounts(text)
    if len(mentions) == 1:
        return mentions[0].value
    if mentions:
        found = "、".join(m.text for m in mentions)
        raise ValueError(f"“{text}”中有多个金额（{found}），请每笔分别填写")
    raise ValueError(f"无法识别金额“{text}”：请写成“8000万”“1.2亿元”或以元为单位的数字")


def check_nested_json(value: Any) -> Any:
    """Check every string (keys and values, with :func:`check_text`) and number inside nested JSON.

    Numbers are held to ±1000万亿 (see :data:`MAX_AMOUNT_YUAN`): in a free-form profile any of
    them may be read as an amount in yuan.

    Raises:
        ValueError: A string :func:`check_text` refuses, or a number out of range.
    """
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or abs(value) > MAX_AMOUNT_YUAN:
            raise ValueError(f"数值超出范围：绝对值最多 {MAX_AMOUNT_YUAN:,}（{MAX_AMOUNT_LABEL}）")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_nested_json(key)
            check_nested_json(item)
    elif isinstance(value, list):
        for item in value:
            check_nested_json(item)
    return value


UserText = Annotated[str, AfterValidator(check_text)]
# The schema states the rule check_session_id enforces (which gives the Chinese error message).
SessionId = Annotated[
    str,
    AfterValidator(check_session_id),
    WithJsonSchema({"type": "string", "pattern": f"^[A-Za-z0-9_-]{{1,{SESSION_ID_MAX}}}$"}),
]
Amount = Annotated[Decimal, BeforeValidator(to_yuan)]


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
        None, description="会话编号；为空时新建会话。未知编号会以该编号新建会话（便于客户端自行生成编号）"
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


class Article3Request(BaseModel):
    """Article 3: the award to Bay Area equity investors in Guangzhou seed/startup tech SMEs."""

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

    rule: Literal["article3"]
    investments: list[InvestmentIn] = Field(..., min_length=1, max_length=100)
    institution_place: UserText | None = Field(
        None,
        max_length=100,
        description="投资机构所在地，如“珠海”“南沙”；给出 institution_in_greater_bay_area 时以后者为准",
    )
    institution_in_greater_bay_area: StrictBool | None = None


class Article11Request(BaseModel):
    """Article 11: the capital subsidy to district-level policy financing guarantee institutions.

    The three conditions default to true (the situation the article describes, as the chat
    answerer assumes); pass false or null to check eligibility instead.
    """

    model_config = ConfigDict(json_schema_extra={"examples": [{"rule": "article11", "district_new_capital": "1亿"}]})

    rule: Literal["article11"]
    district_new_capital: Amount = Field(..., description="区财政新增出资额，如“1亿”")
    is_district_level: StrictBool | None = True
    is_policy_guarantee: StrictBool | None = True
    is_new_or_capital_increase: StrictBool | None = True


class UnfixedRequest(BaseModel):
    """A support whose amount this policy does not fix."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"rule": "unfixed", "topic": "listing_reward"}]})

    rule: Literal["unfixed"]
    topic: UnfixedTopic = Field(..., description="支持事项，如 ip_pledge_subsidy、listing_reward")


CalculateRequest = Annotated[Article3Request | Article11Request | UnfixedRequest, Field(discriminator="rule")]


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
    """What is loaded and whether the database answers."""

    status: Literal["ok", "degraded"]
    index_loaded: bool
    articles: int
    chunks: int
    build_id: str
    embedding_model: str
    version: str
    database: Literal["ok", "unavailable"]


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


# -- consultations -------------------------------------------------------------------------
FOLLOW_UP_MAX = 500
FOLLOW_UPS_TEXT_MAX = FOLLOW_UPS_MAX * (FOLLOW_UP_MAX + 1)
RECORD_ID_MAX = 64
QUERY_MAX = 200
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_iso_date(value: Any) -> Any:
    """Accept a date only as ``YYYY-MM-DD`` text (pydantic alone would also take timestamps).

    Raises:
        ValueError: Not a string of that form, or not a real date.
    """
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("日期应写成 YYYY-MM-DD，如“2026-11-25”")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"日期无效：{value}") from exc


IsoDate = Annotated[
    dt.date,
    BeforeValidator(check_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
FollowUp = Annotated[UserText, Field(max_length=FOLLOW_UP_MAX)]


class OfficerIn(BaseModel):
    """One 科技金融特派员 on the form."""

    name: UserText = Field(..., min_length=1, max_length=NAME_MAX, description="姓名")
    organization: UserText | None = Field(None, max_length=NAME_MAX, description="所在单位，如“广州银行”")
    side: OfficerSide = Field("其他", description="银行（债权融资）/投资机构（股权融资）/其他")


class ConsultationIn(BaseModel):
    """The consultation form: who met which enterprise, its profile, and what follows.

    ``profile`` takes the fields of the enterprise profile (as ``/api/match`` does); with a
    ``session_id`` the facts the chat gathered join in, and what the form states wins.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "date": "2026-11-25",
                    "officers": [
                        {"name": "张三", "organization": "广州银行", "side": "银行"},
                        {"name": "李四", "organization": "某创投", "side": "投资机构"},
                    ],
                    "enterprise": "广州某创业投资有限公司",
                    "contact": "王经理",
                    "profile": {
                        "kind": "创投机构",
                        "district": "南沙区",
                        "free_text": "今年投了广州一家初创期科技企业8000万",
                    },
                    "follow_ups": "协助准备第三条奖励申报材料\n下月回访",
                    "notes": "企业对投早投小奖励很感兴趣",
                }
            ]
        }
    )

    date: IsoDate | None = Field(None, description="咨询日期（YYYY-MM-DD）；缺省为今天")
    officers: list[OfficerIn] = Field(default_factory=list, max_length=10, description="特派员（可多人）")
    enterprise: UserText = Field(..., min_length=1, max_length=NAME_MAX, description="企业（机构）名称")
    contact: UserText | None = Field(None, max_length=NAME_MAX, description="企业联系人")
    profile: Annotated[dict[str, Any], AfterValidator(check_nested_json)] = Field(
        default_factory=dict, description="企业画像：kind、district、stage、investments_made、free_text 等"
    )
    follow_ups: list[FollowUp] | Annotated[UserText, Field(max_length=FOLLOW_UPS_TEXT_MAX)] = Field(
        default_factory=list, description="后续跟进事项：数组，或每行一项的文本"
    )
    notes: UserText | None = Field(None, max_length=NOTE_MAX, description="咨询备注")
    session_id: SessionId | None = Field(None, description="关联的对话会话：对话中陈述的事实并入画像")

    def to_draft(self) -> ConsultationDraft:
        """The draft the consultation desk builds a record from.

        Raises:
            pydantic.ValidationError: The profile (or a field once stripped) is not valid.
        """
        return ConsultationDraft.model_validate(self.model_dump())


class SessionProfileOut(BaseModel):
    """The enterprise profile a chat session has gathered, and what it matches."""

    session_id: str
    profile: EnterpriseProfile
    matches: MatchResult
