"""An enterprise's profile for the consultation mode: who it is, where, what it has and plans.

A form fills some fields of :class:`EnterpriseProfile`; ``consultation.enrich`` reads the
``free_text`` for the facts the form left out. Kinds are normalised through the vocabulary in
``corpus/eligibility.json`` (「律所」「VC」「担保公司」 become the canonical kinds); unknown wording
is kept in ``kind_text`` with kind「其他」.

Example:
    >>> profile = EnterpriseProfile(kind="VC", district="南沙")
    >>> profile.kind, profile.district, profile.in_greater_bay_area
    ('创投机构', '南沙区', True)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.understand.amounts import find_amounts, parse_plain_number
from assistant.understand.kinds import INVESTOR_KINDS, normalize_kind
from assistant.understand.model import Stage
from assistant.understand.stages import normalize_stage
from corpus.eligibility import EnterpriseKind
from corpus.gazetteer import load_gazetteer
from corpus.profile_words import load_profile_words

__all__ = [
    "INVESTOR_KINDS",
    "EnterpriseProfile",
    "Financing",
    "InvestmentMade",
    "merge_profiles",
    "normalize_board",
    "normalize_kind",
    "normalize_stage",
]


def normalize_board(text: str | None) -> str | None:
    """A board or exchange as its canonical board (科创板、港交所…); other text stripped; None when empty."""
    if text is None or not text.strip():
        return None
    words = load_profile_words()
    return words.first(text, words.boards) or text.strip()


def _normalize_district(place: str) -> str:
    place = place.strip()
    resolved = load_gazetteer().resolve(place)
    # A bare Guangzhou district name is given its 区 so answers read 「位于南沙区」.
    if resolved is not None and resolved.in_guangzhou and resolved.kind == "district" and not place.endswith("区"):
        return f"{place}区"
    return place


def _to_yuan(value: Any) -> Any:
    """Accept amounts as Decimal, int, float or Chinese text (「8000万」「1.2亿元」「3,000,000」)."""
    if isinstance(value, bool):
        raise ValueError(f"无法识别金额：{value}")
    if isinstance(value, float):
        try:
            return Decimal(str(value))
        except InvalidOperation as exc:
            raise ValueError(f"无法识别金额：{value}") from exc
    if isinstance(value, str):
        plain = parse_plain_number(value)
        if plain is not None:
            return plain
        mentions = find_amounts(value)
        if len(mentions) != 1:
            raise ValueError(f"无法识别金额：“{value}”，请写成“8000万”“1.2亿元”或以元为单位的数字")
        return mentions[0].value
    return value


def _string_list(value: Any) -> Any:
    """Accept 「专利、商标」 as well as ["专利", "商标"]."""
    if isinstance(value, str):
        return [part for part in re.split(r"[、,，;；/\s]+", value) if part]
    return value


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item.strip() for item in items if item and item.strip()))


def _canonical_list(items: Iterable[str], table: tuple[tuple[str, str], ...]) -> list[str]:
    return _dedupe(load_profile_words().first(item, table) or item for item in items)


def _ip_table() -> tuple[tuple[str, str], ...]:
    return load_profile_words().ip_words


def _cross_border_table() -> tuple[tuple[str, str], ...]:
    return load_profile_words().cross_border_words


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


class Financing(BaseModel):
    """Money the enterprise raised (equity financing it received)."""

    model_config = ConfigDict(extra="ignore")

    amount: Decimal = Field(..., gt=0, description="融资金额（元），可写“3000万”")
    year: int | None = Field(None, description="到账年份")
    date: dt.date | None = Field(None, description="到账日期")
    investor: str | None = Field(None, description="投资方")

    _amount = field_validator("amount", mode="before")(_to_yuan)

    @model_validator(mode="after")
    def _year_from_date(self) -> Financing:
        if self.year is None and self.date is not None:
            self.year = self.date.year
        return self


class InvestmentMade(BaseModel):
    """One equity investment an investment institution made (the basis of article 3)."""

    model_config = ConfigDict(extra="ignore")

    amount: Decimal = Field(..., gt=0, description="实际到账投资额（元），可写“8000万”")
    year: int | None = Field(None, description="到账年份")
    investee_stage: Stage | None = Field(None, description="被投企业阶段：种子期/初创期/成长期/成熟期")
    investee_place: str | None = Field(None, description="被投企业所在地，如“天河区”“深圳”")
    investee_in_guangzhou: bool | None = Field(None, description="被投企业是否位于广州；未给出时由所在地判断")
    investee_is_tech_sme: bool | None = Field(None, description="被投企业是否为科技型中小企业")
    funds_received: bool | None = Field(None, description="投资款是否已实际到账")
    signed_only: bool = Field(False, description="只说了签约（协议、认缴）金额，未说明实际到账多少")

    _amount = field_validator("amount", mode="before")(_to_yuan)

    @field_validator("investee_stage", mode="before")
    @classmethod
    def _stage(cls, value: Any) -> Any:
        return normalize_stage(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _place(self) -> InvestmentMade:
        if self.investee_in_guangzhou is None and self.investee_place:
            place = load_gazetteer().resolve(self.investee_place)
            self.investee_in_guangzhou = place.in_guangzhou if place else None
        return self


class EnterpriseProfile(BaseModel):
    """What a consultation knows about the enterprise or institution asking.

    Every field is optional and unknown extra fields are ignored, so a partly filled form
    always validates; ``kind`` never fails on a plain string (unknown wording becomes 「其他」
    and is kept in ``kind_text``).
    """

    model_config = ConfigDict(extra="ignore")

    name: str | None = Field(None, description="企业（机构）名称")
    kind: EnterpriseKind | None = Field(None, description="类型（规范名），可填同义词，如“VC”“律所”")
    kind_text: str | None = Field(None, description="用户原话中的类型说法（与规范名不同时保留）")
    district: str | None = Field(None, description="所在区或城市，如“南沙区”“深圳”")
    in_greater_bay_area: bool | None = Field(None, description="是否位于粤港澳大湾区；未给出时由所在地判断")
    in_guangzhou: bool | None = Field(None, description="是否位于广州市；未给出时由所在地判断")
    stage: Stage | None = Field(None, description="发展阶段：种子期/初创期/成长期/成熟期")
    recent_financing: list[Financing] = Field(default_factory=list, description="近期获得的融资")
    investments_made: list[InvestmentMade] = Field(default_factory=list, description="投资机构已作出的投资")
    intellectual_property: list[str] = Field(default_factory=list, description="持有的知识产权，如专利、商标")
    listing_plan: str | None = Field(None, description="上市挂牌计划（原话）")
    target_board: str | None = Field(None, description="目标板块：科创板、创业板、主板、北交所、新三板、港交所…")
    bond_plan: bool | None = Field(None, description="是否计划发行债券（或股票质押融资）")
    cross_border: list[str] = Field(default_factory=list, description="跨境业务：港澳、QFLP、QDLP、QDIE、境外投资")
    needs: list[str] = Field(default_factory=list, description="需求，如贷款、股权融资、担保")
    free_text: str | None = Field(None, description="自由描述")
    district_new_capital: Decimal | None = Field(None, gt=0, description="区财政新增出资额（元），融资担保机构适用")
    is_district_level: bool | None = Field(None, description="是否为区级融资担保机构")
    is_policy_guarantee: bool | None = Field(None, description="是否为政策性融资担保机构")
    state_owned: bool | None = Field(None, description="是否国有（国企、国有创投机构、国资平台等）")
    is_new_or_capital_increase: bool | None = Field(None, description="是否为新设立或新增资")
    district_funded: bool | None = Field(None, description="区财政是否新增出资（否：全部由股东或市、省财政出资）")

    @model_validator(mode="before")
    @classmethod
    def _normalize_kind(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("kind"), str):
            data = dict(data)
            original = data["kind"].strip()
            data["kind"] = normalize_kind(original)
            if original and original != data["kind"] and not data.get("kind_text"):
                data["kind_text"] = original
        return data

    _district_capital = field_validator("district_new_capital", mode="before")(_to_yuan)

    @field_validator("district", "name", "free_text", "listing_plan", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("district")
    @classmethod
    def _district(cls, value: str | None) -> str | None:
        return _normalize_district(value) if value else value

    @field_validator("stage", mode="before")
    @classmethod
    def _stage(cls, value: Any) -> Any:
        return normalize_stage(value) if isinstance(value, str) else value

    @field_validator("target_board", mode="before")
    @classmethod
    def _board(cls, value: Any) -> Any:
        return normalize_board(value) if isinstance(value, str) else value

    @field_validator("intellectual_property", "cross_border", "needs", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _string_list(value)

    @field_validator("intellectual_property")
    @classmethod
    def _ip(cls, value: list[str]) -> list[str]:
        return _canonical_list(value, _ip_table())

    @field_validator("cross_border")
    @classmethod
    def _cross_border(cls, value: list[str]) -> list[str]:
        return _canonical_list(value, _cross_border_table())

    @field_validator("needs")
    @classmethod
    def _needs(cls, value: list[str]) -> list[str]:
        return _dedupe(value)

    @model_validator(mode="after")
    def _derive_places(self) -> EnterpriseProfile:
        if self.district:
            place = load_gazetteer().resolve(self.district)
            if self.in_greater_bay_area is None and place is not None:
                self.in_greater_bay_area = place.in_gba
            if self.in_guangzhou is None and place is not None:
                self.in_guangzhou = place.in_guangzhou
        return self


def merge_profiles(base: EnterpriseProfile, override: EnterpriseProfile) -> EnterpriseProfile:
    """``base`` updated by what ``override`` states: its filled fields win, word lists are united.

    Used to lay a form (the override) over what a chat has gathered (the base): the officer's
    entry is the latest word, while facts only the conversation gave are kept.

    Args:
        base: The older profile, e.g. from :func:`profile_from_conversation`.
        override: The newer profile, e.g. the consultation form.

    Returns:
        A new profile; both free texts are kept, base first.

    Example:
        >>> chat = EnterpriseProfile(kind="创投机构", district="南沙区")
        >>> merged = merge_profiles(chat, EnterpriseProfile(district="天河区"))
        >>> merged.kind, merged.district
        ('创投机构', '天河区')
    """
    data = base.model_dump()
    stated = override.model_dump(exclude_unset=True)
    for name, value in override.model_dump().items():
        if name in ("intellectual_property", "cross_border", "needs"):
            data[name] = _dedupe([*data[name], *value])
        elif name == "free_text":
            data[name] = "\n".join(t for t in (base.free_text, override.free_text) if t) or None
        elif name in ("in_greater_bay_area", "in_guangzhou") and name not in stated:
            # Derived from the district: re-derived below when the override moves the enterprise.
            if override.district:
                data[name] = None
        elif not (value is None or value == [] or value == ""):
            data[name] = value
    return EnterpriseProfile.model_validate(data)
