"""Request and response models of the consultation-record routes (``/api/consultations``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)

from assistant.consultation.matching import MatchResult
from assistant.consultation.profile import EnterpriseProfile
from assistant.consultation.record import FOLLOW_UPS_MAX, NAME_MAX, NOTE_MAX, ConsultationDraft, OfficerSide
from ui.api.fields import RecordText, SessionId, check_record_json

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
FollowUp = Annotated[RecordText, Field(max_length=FOLLOW_UP_MAX)]


class OfficerIn(BaseModel):
    """One 科技金融特派员 on the form."""

    name: RecordText = Field(..., min_length=1, max_length=NAME_MAX, description="姓名")
    organization: RecordText | None = Field(None, max_length=NAME_MAX, description="所在单位，如“广州银行”")
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
    enterprise: RecordText = Field(..., min_length=1, max_length=NAME_MAX, description="企业（机构）名称")
    contact: RecordText | None = Field(None, max_length=NAME_MAX, description="企业联系人")
    profile: Annotated[dict[str, Any], AfterValidator(check_record_json)] = Field(
        default_factory=dict, description="企业画像：kind、district、stage、investments_made、free_text 等"
    )
    follow_ups: list[FollowUp] | Annotated[RecordText, Field(max_length=FOLLOW_UPS_TEXT_MAX)] = Field(
        default_factory=list, description="后续跟进事项：数组，或每行一项的文本"
    )
    notes: RecordText | None = Field(None, max_length=NOTE_MAX, description="咨询备注")
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
