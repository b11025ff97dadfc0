"""An enterprise's profile for the consultation mode: who it is, where, what it has and plans.

A form fills some fields of :class:`EnterpriseProfile`; :func:`enrich_profile` reads the
``free_text`` for the facts the form left out (listing plans and board, IP, bond plans,
cross-border business, stage, kind, place, amounts, needs). Kinds are normalised through the
vocabulary in ``corpus/eligibility.json``, so「律所」「VC」「担保公司」become the canonical kinds the
eligibility data is written in; unknown wording is kept in ``kind_text`` with kind「其他」.

Example:
    >>> profile = EnterpriseProfile(kind="VC", district="南沙")
    >>> profile.kind, profile.district, profile.in_greater_bay_area
    ('创投机构', '南沙区', True)
    >>> enriched = enrich_profile(EnterpriseProfile(kind="科技企业", free_text="打算在深交所创业板上市"))
    >>> enriched.listing_plan, enriched.target_board
    ('打算在深交所创业板上市', '创业板')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.amounts import AmountMention, find_amounts, parse_plain_number
from assistant.calculator import (
    GUANGZHOU_DISTRICTS,
    Investment,
    Stage,
    in_greater_bay_area,
    in_guangzhou,
    normalize_stage,
)
from assistant.facts import EnterpriseFacts, InvestmentFact, extract_facts, place_mentions
from assistant.guarantee_facts import read_guarantee
from corpus.eligibility import EnterpriseKind, load_eligibility

__all__ = [
    "INVESTOR_KINDS",
    "EnterpriseProfile",
    "Financing",
    "InvestmentMade",
    "enrich_profile",
    "merge_profiles",
    "normalize_board",
    "normalize_kind",
    "profile_from_conversation",
    "profile_from_facts",
    "stated_kind",
]

# Kinds whose stated amounts are investments they made (article 3), not money they raised.
INVESTOR_KINDS: frozenset[str] = frozenset({"创投机构"})

# (word, canonical) pairs, most specific first: 「深交所创业板」 is 创业板, 「新三板精选层」 is 新三板.
_BOARDS: tuple[tuple[str, str], ...] = (
    ("科创板", "科创板"),
    ("创业板", "创业板"),
    ("中小板", "中小板"),
    ("北交所", "北交所"),
    ("北京证券交易所", "北交所"),
    ("精选层", "新三板"),
    ("新三板", "新三板"),
    ("港交所", "港交所"),
    ("联交所", "港交所"),
    ("香港交易所", "港交所"),
    ("港股", "港交所"),
    ("h股", "港交所"),
    ("香港上市", "港交所"),
    ("纳斯达克", "境外交易所"),
    ("纽交所", "境外交易所"),
    ("美股", "境外交易所"),
    ("主板", "主板"),
    ("上交所", "上交所"),
    ("上海证券交易所", "上交所"),
    ("深交所", "深交所"),
    ("深圳证券交易所", "深交所"),
)
_IP_WORDS: tuple[tuple[str, str], ...] = (
    ("发明专利", "专利"),
    ("实用新型", "专利"),
    ("外观设计", "专利"),
    ("专利", "专利"),
    ("商标", "商标"),
    ("软件著作权", "软件著作权"),
    ("软著", "软件著作权"),
    ("著作权", "著作权"),
    ("版权", "著作权"),
    ("集成电路布图", "集成电路布图设计"),
    ("知识产权", "知识产权"),
)
_CROSS_BORDER_WORDS: tuple[tuple[str, str], ...] = (
    ("港澳", "港澳"),
    ("香港", "港澳"),
    ("澳门", "港澳"),
    ("qflp", "QFLP"),
    ("qdlp", "QDLP"),
    ("qdie", "QDIE"),
    ("境外投资", "境外投资"),
    ("海外投资", "境外投资"),
    ("跨境投资", "境外投资"),
    ("出海", "境外投资"),
    ("跨境", "境外投资"),
    ("境外", "境外投资"),
)
# Need words (found only in clauses that express a need) → the canonical need.
_NEED_WORDS: tuple[tuple[str, str], ...] = (
    ("知识产权质押", "知识产权质押"),
    ("专利质押", "知识产权质押"),
    ("商标质押", "知识产权质押"),
    ("股权融资", "股权融资"),
    ("股权投资", "股权融资"),
    ("找投资", "股权融资"),
    ("引入投资", "股权融资"),
    ("投资人", "股权融资"),
    ("风投", "股权融资"),
    ("债权融资", "贷款"),
    ("贷款", "贷款"),
    ("信贷", "贷款"),
    ("借款", "贷款"),
    ("授信", "贷款"),
    ("续贷", "续贷周转"),
    ("转贷", "续贷周转"),
    ("周转", "续贷周转"),
    ("担保", "担保"),
    ("发债", "发债"),
    ("债券", "发债"),
    ("上市", "上市"),
    ("ipo", "上市"),
    ("并购", "并购"),
    ("重组", "并购"),
    ("收购", "并购"),
    ("人才", "人才"),
    ("招聘", "人才"),
    ("培训", "培训"),
    ("大赛", "参赛"),
    ("参赛", "参赛"),
    ("退出", "退出"),
    ("份额转让", "退出"),
    ("募资", "募资"),
    ("政府基金", "政府基金"),
    ("引导基金", "政府基金"),
    ("融资", "融资"),
)
_BOND_WORDS = re.compile(r"发债|发行债券|债券|公司债|企业债|可转债|私募债|中期票据|短期融资券|股票质押")
_LISTING_WORDS = re.compile(
    r"上市|ipo|挂牌|(冲刺?|去|登陆|申报|报|闯|转板|转战|进军|登上|在)[^，。；]{0,3}"
    r"(科创板|创业板|北交所|主板|港交所|港股|新三板|纳斯达克|美股|纽交所)",
    re.IGNORECASE,
)
# 「提供IPO上市法律服务」: listing as the service an intermediary sells, not its own plan.
_LISTING_SERVICE = re.compile(
    r"(提供|从事|做|开展)[^，。；]{0,6}(上市|ipo|挂牌)|(上市|ipo|挂牌)[^，。；]{0,4}(服务|辅导|咨询|业务|保荐|承销|顾问)",
    re.IGNORECASE,
)
# 「市属国企下属的…」「区国资旗下…」: a state-owned organisation.
_STATE_OWNED = re.compile(r"国企|国有|市属|区属|省属|国资|央企|国控")
# A company described by its line of business only: 「做芯片的小公司」「一家人工智能企业」.
_COMPANY_NOUN = re.compile(r"公司|企业|团队|厂|厂商|工作室|初创|创业项目")
# 「对接广州的投资机构」「去深圳」: a place someone else is, or a destination.
_OTHER_PARTY_PLACE = re.compile(r"(对接|联系|寻找|找|去|到|赴|投资|投了|投向|给|与|和|跟|面向)[^，。；]{0,2}$")
_STAGE_WORDS = re.compile(r"(种子|初创|成长|成熟)(期|阶段)|初创企业|初创公司")
_NEGATION = re.compile(r"(不|没有|没|无|未|暂无|尚无|暂不|无需|不打算|不考虑)[^，。；]{0,3}$")
_NEED_VERBS = re.compile(r"需要|需|想|希望|计划|打算|准备|寻求|寻找|找|申请|缺|急需|需求|有意|拟|考虑")
_NO_NEED = re.compile(r"不需要|无需|不想|暂不|不打算|不考虑")
_SELF_DESCRIPTION = re.compile(
    r"(我们|我司|本公司|本机构|本单位|本所|本会|本行|本人|我方|我)(公司|单位)?(是|为|属于)|作为|^是"
)
_RECEIVED = re.compile(r"获得|拿到|完成|获投|融了|引入|收到|到账|获")
_RAISING = re.compile(r"融资|投资|轮")
_GUANGZHOU_INVESTEE = re.compile(r"我市|本市|广州本地|在穗|穗企")
# 「投了一家…科技型中小企业」: the investee's status as the investor states it.
_TECH_SME_INVESTEE = re.compile(r"(投|入股|注资)[^，。；;]{0,24}科技型中小企业")
_CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?\n]")
_YEAR = re.compile(r"(20\d{2})\s*年")
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "前年": -2}


# ---------------------------------------------------------------------------
# Vocabulary and normalisers
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _kind_vocabulary() -> tuple[tuple[str, str], ...]:
    """(word, canonical kind), longest word first so 「金融科技企业」 beats 「科技企业」.

    Read once per process from the eligibility data; the tuple is immutable.
    """
    table = load_eligibility()
    pairs = {(entry.kind, entry.kind) for entry in table.kinds}
    pairs |= {(synonym, entry.kind) for entry in table.kinds for synonym in entry.synonyms}
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0])))


def _word_regex(word: str) -> re.Pattern[str]:
    # Latin abbreviations (VC, PE, GP) must stand alone: 「PE」 is not inside 「OPEN」.
    if word.isascii():
        return re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.IGNORECASE)
    return re.compile(re.escape(word))


def normalize_kind(text: str | None) -> str | None:
    """Map a kind label or synonym to its canonical kind.

    Args:
        text: A label such as ``"VC"``, ``"律所"``, ``"南沙的创投机构"`` or ``"养殖场"``.

    Returns:
        The canonical kind (``"创投机构"``, ``"中介服务机构"``…), ``"其他"`` for unrecognised text,
        None for empty text.
    """
    if text is None or not text.strip():
        return None
    key = text.strip()
    for word, kind in _kind_vocabulary():
        if key.lower() == word.lower():
            return kind
    found = _kind_mentions(key)
    return _head_kind(found) if found else "其他"


def _kind_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) for every kind word in ``text`` (「其他」 is an ordinary word here)."""
    return [
        (m.start(), m.end(), kind)
        for word, kind in _kind_vocabulary()
        if word != "其他"
        for m in _word_regex(word).finditer(text)
    ]


def _head_kind(mentions: list[tuple[int, int, str]]) -> str:
    # Chinese compounds are head-final: 「创投协会」 is an association, 「国有创投机构」 an investor.
    return max(mentions, key=lambda mention: (mention[1], mention[1] - mention[0]))[2]


def _first_canonical(text: str, table: Iterable[tuple[str, str]]) -> str | None:
    lowered = text.lower()
    return next((canonical for word, canonical in table if word in lowered), None)


def normalize_board(text: str | None) -> str | None:
    """Map a board or exchange description to a canonical board.

    Args:
        text: Text such as ``"深交所创业板"``, ``"港股"``, ``"新三板精选层"``.

    Returns:
        One of 科创板, 创业板, 中小板, 北交所, 新三板, 港交所, 境外交易所, 主板, 上交所, 深交所 (an
        exchange only when no board is named); other text is returned stripped; None when empty.
    """
    if text is None or not text.strip():
        return None
    return _first_canonical(text, _BOARDS) or text.strip()


def _normalize_district(place: str) -> str:
    place = place.strip()
    # A bare Guangzhou district name is given its 区 so answers read 「位于南沙区」.
    return f"{place}区" if place in GUANGZHOU_DISTRICTS else place


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
    return _dedupe(_first_canonical(item, table) or item for item in items)


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

    _amount = field_validator("amount", mode="before")(_to_yuan)

    @field_validator("investee_stage", mode="before")
    @classmethod
    def _stage(cls, value: Any) -> Any:
        return normalize_stage(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _place(self) -> InvestmentMade:
        if self.investee_in_guangzhou is None and self.investee_place:
            self.investee_in_guangzhou = in_guangzhou(self.investee_place)
        return self

    def as_investment(self) -> Investment:
        """The calculator's view of this investment."""
        return Investment(
            amount=self.amount,
            year=self.year,
            investee_stage=self.investee_stage,
            investee_in_guangzhou=self.investee_in_guangzhou,
            investee_is_tech_sme=self.investee_is_tech_sme,
            funds_received=self.funds_received,
        )


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
        return _canonical_list(value, _IP_WORDS)

    @field_validator("cross_border")
    @classmethod
    def _cross_border(cls, value: list[str]) -> list[str]:
        return _canonical_list(value, _CROSS_BORDER_WORDS)

    @field_validator("needs")
    @classmethod
    def _needs(cls, value: list[str]) -> list[str]:
        return _dedupe(value)

    @model_validator(mode="after")
    def _derive_places(self) -> EnterpriseProfile:
        if self.district:
            if self.in_greater_bay_area is None:
                self.in_greater_bay_area = in_greater_bay_area(self.district)
            if self.in_guangzhou is None:
                self.in_guangzhou = in_guangzhou(self.district)
        return self


# ---------------------------------------------------------------------------
# Reading free text
# ---------------------------------------------------------------------------


def _clauses(text: str) -> list[tuple[int, str]]:
    """(start offset, clause) pairs split at Chinese and Latin punctuation."""
    clauses: list[tuple[int, str]] = []
    start = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > start:
            clauses.append((start, text[start : m.start()]))
        start = m.end()
    if start < len(text):
        clauses.append((start, text[start:]))
    return clauses


def _negated(clause: str, position: int) -> bool:
    return bool(_NEGATION.search(clause[:position]))


def _found(clause: str, table: tuple[tuple[str, str], ...]) -> list[tuple[str, bool]]:
    """(canonical, negated) for each table word in the clause; a longer word hides the shorter inside it."""
    lowered = clause.lower()
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, bool]] = []
    for word, canonical in table:
        for m in re.finditer(re.escape(word), lowered):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((canonical, _negated(clause, m.start())))
    return found


def stated_kind(text: str | None) -> str | None:
    """The canonical kind a free text says its writer is (「我们是南沙的创投机构…」), or None.

    Example:
        >>> stated_kind("我们是黄埔一家做芯片的小公司")
        '科技型中小企业'
    """
    return _kind_in_text(text) if text else None


def _kind_in_text(text: str) -> str | None:
    """The kind the writer says they are.

    「我们是…创投机构」, a first clause ending with the kind (「市属国企下属的创投平台」), or failing a
    kind word, a self-described company named by its line of business (「我们是做芯片的小公司」).
    """
    clauses = _clauses(text)
    for index, (_, clause) in enumerate(clauses):
        own = [
            (start, end, kind)
            for start, end, kind in _kind_mentions(clause)
            if _SELF_DESCRIPTION.search(clause[:start]) or (index == 0 and _ends_clause(clause[end:]))
        ]
        if own:
            return _head_kind(own)
    for index, (_, clause) in enumerate(clauses):
        if (index == 0 or _SELF_DESCRIPTION.search(clause)) and _COMPANY_NOUN.search(clause):
            kind = _field_kind(clause)
            if kind is not None:
                return kind
    return None


def _ends_clause(rest: str) -> bool:
    """Whether what follows a kind word is nothing or a generic noun (平台、公司、分公司…)."""
    return re.fullmatch(r"\s*(平台|公司|集团|有限公司|分公司|机构|企业|团队)?\s*", rest) is not None


@lru_cache(maxsize=1)
def _field_vocabulary() -> tuple[tuple[str, str], ...]:
    """(line-of-business word, kind), longest first: 「区块链」 names fintech before 「科技」 names a tech SME."""
    pairs = {(word, entry.kind) for entry in load_eligibility().kinds for word in entry.field_words}
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0])))


def _field_kind(clause: str) -> str | None:
    return next((kind for word, kind in _field_vocabulary() if _word_regex(word).search(clause)), None)


def _own_place(text: str) -> str | None:
    """Where a non-investor says it is.

    The first place it names that is not negated, someone else's (「对接广州的投资机构」) or a destination.
    """
    return next(
        (
            place
            for start, _, place in place_mentions(text)
            if not _OTHER_PARTY_PLACE.search(text[max(0, start - 6) : start])
        ),
        None,
    )


def _district_in_text(text: str, this_year: int, kind: str | None = None) -> str | None:
    if kind is None or kind in INVESTOR_KINDS:
        # An investor's text names its investees' places too; the chat's reading tells them apart.
        place = extract_facts(text, this_year=this_year).institution_place
    else:
        place = _own_place(text)
    if place is None:
        return None
    index = text.find(place)
    # 「在香港上市」 names where to list, not where the enterprise is.
    if index >= 0 and re.match(r"[^，。；]{0,3}(上市|交易所|证券)", text[index + len(place) :]):
        return None
    return "广州" if place == "广州市" else place


def _stage_in_text(text: str) -> str | None:
    m = _STAGE_WORDS.search(text)
    if m is None:
        return None
    return "初创期" if m.group(0) in ("初创企业", "初创公司") else normalize_stage(m.group(0))


def _listing_in_text(text: str) -> tuple[str | None, str | None]:
    for _, clause in _clauses(text):
        if _LISTING_SERVICE.search(clause):
            continue
        for m in _LISTING_WORDS.finditer(clause):
            after = clause[m.end() : m.end() + 2]
            if after.startswith("公司") or _negated(clause, m.start()) or re.search(r"已(经)?$", clause[: m.start()]):
                continue
            return clause.strip(), _first_canonical(clause, _BOARDS) or _first_canonical(text, _BOARDS)
    return None, None


def _state_owned_in_text(text: str) -> bool | None:
    """「市属国企下属的创投平台」「我们是国有创投」: the writer's own organisation is state-owned."""
    for index, (_, clause) in enumerate(_clauses(text)):
        if (index == 0 or _SELF_DESCRIPTION.search(clause)) and (m := _STATE_OWNED.search(clause)):
            return not _negated(clause, m.start())
    return None


def _bond_in_text(text: str) -> bool | None:
    verdict: bool | None = None
    for _, clause in _clauses(text):
        for m in _BOND_WORDS.finditer(clause):
            if not _negated(clause, m.start()):
                return True
            verdict = False
    return verdict


def _cross_border_in_text(text: str) -> list[str]:
    found: list[str] = []
    for _, clause in _clauses(text):
        for canonical, negated in _found(clause, _CROSS_BORDER_WORDS):
            if negated:
                continue
            if canonical == "港澳" and re.search(r"(香港|澳门)[^，。；]{0,3}(上市|交易所)", clause):
                continue  # listing in Hong Kong is a board, not cross-border investment
            found.append(canonical)
    return _dedupe(found)


def _ip_in_text(text: str) -> list[str]:
    found = [
        canonical for _, clause in _clauses(text) for canonical, negated in _found(clause, _IP_WORDS) if not negated
    ]
    specific = [item for item in found if item != "知识产权"]
    return _dedupe(specific or found)


def _needs_in_text(text: str) -> list[str]:
    needs: list[str] = []
    for _, clause in _clauses(text):
        if not _NEED_VERBS.search(clause) or _NO_NEED.search(clause):
            continue
        found = [canonical for canonical, negated in _found(clause, _NEED_WORDS) if not negated]
        # 「需要股权融资」 is 股权融资; the bare 融资 only when nothing more specific was said.
        specific = [item for item in found if item != "融资"]
        needs.extend(specific or found)
    return _dedupe(needs)


def _year_in(clause: str, this_year: int) -> int | None:
    m = _YEAR.search(clause)
    if m:
        return int(m.group(1))
    return next((this_year + delta for word, delta in _RELATIVE_YEARS.items() if word in clause), None)


def _clause_of(text: str, mention: AmountMention) -> str:
    for start, clause in _clauses(text):
        if start <= mention.span[0] < start + len(clause):
            return clause
    return text


def _financing_in_text(text: str, this_year: int) -> list[Financing]:
    financing: list[Financing] = []
    for mention in find_amounts(text):
        clause = _clause_of(text, mention)
        if mention.value <= 0 or not (_RECEIVED.search(clause) and _RAISING.search(clause)):
            continue
        if _NEED_VERBS.search(clause) or re.search(r"贷款|借款", clause):
            continue  # money wanted or borrowed is not financing received
        financing.append(Financing(amount=mention.value, year=_year_in(clause, this_year)))
    return financing


def _investments_in_text(text: str, this_year: int) -> list[InvestmentMade]:
    facts = extract_facts(text, this_year=this_year)
    # 「投资我市企业」 places the investees in Guangzhou without naming the city.
    local_words = bool(_GUANGZHOU_INVESTEE.search(text))

    def in_guangzhou_of(inv: InvestmentFact) -> bool | None:
        known = facts.investee_in_guangzhou_of(inv)
        return True if known is None and local_words and not inv.place_unclear else known

    return [
        InvestmentMade(
            amount=inv.amount,
            year=inv.year,
            investee_stage=inv.stage or facts.investee_stage,
            investee_place=facts.investee_place_of(inv),
            investee_in_guangzhou=in_guangzhou_of(inv),
            investee_is_tech_sme=True if _TECH_SME_INVESTEE.search(text) else None,
            funds_received=facts.funds_received,
        )
        for inv in facts.investments
        if inv.amount > 0
    ]


def _guarantee_facts(text: str) -> dict[str, Any]:
    """区财政新增出资额 and the article 11 flags a guarantee institution's text states (either way)."""
    stated = read_guarantee(text, require_funder=True)
    found: dict[str, Any] = {
        "district_new_capital": stated.capital,
        "is_district_level": stated.district_level,
        "is_policy_guarantee": stated.policy_based,
        "is_new_or_capital_increase": stated.new_or_increase,
        "district_funded": stated.district_funded,
    }
    return {key: value for key, value in found.items() if value is not None}


def enrich_profile(profile: EnterpriseProfile, this_year: int | None = None) -> EnterpriseProfile:
    """Fill the fields the form left empty from the profile's ``free_text``.

    What the form gave always wins; lists (IP, cross-border, needs) are merged without
    duplicates, so enriching twice changes nothing.

    Args:
        profile: The profile as submitted.
        this_year: The year 「今年」「去年」 refer to; defaults to the current year.

    Returns:
        A new profile; the input is not modified.

    Example:
        >>> text = "我们是南沙的创投机构，今年投了一家初创期的广州科技企业8000万"
        >>> p = enrich_profile(EnterpriseProfile(free_text=text), this_year=2026)
        >>> p.kind, p.district, str(p.investments_made[0].amount), p.investments_made[0].year
        ('创投机构', '南沙区', '80000000', 2026)
    """
    text = profile.free_text or ""
    if not text:
        return profile
    year = this_year if this_year is not None else dt.date.today().year
    data = profile.model_dump()
    kind = profile.kind or _kind_in_text(text)
    data["kind"] = kind
    if not profile.district:
        data["district"] = _district_in_text(text, year, kind)
    if profile.stage is None and kind not in INVESTOR_KINDS:
        # An investor's stage words describe its investees, not itself.
        data["stage"] = _stage_in_text(text)
    if not profile.listing_plan:
        plan, board = _listing_in_text(text)
        data["listing_plan"] = plan
        data["target_board"] = profile.target_board or board
    if profile.bond_plan is None:
        data["bond_plan"] = _bond_in_text(text)
    if profile.state_owned is None:
        data["state_owned"] = True if normalize_kind(kind) == "国有企业" else _state_owned_in_text(text)
    data["intellectual_property"] = [*profile.intellectual_property, *_ip_in_text(text)]
    data["cross_border"] = [*profile.cross_border, *_cross_border_in_text(text)]
    data["needs"] = [*profile.needs, *_needs_in_text(text)]
    if kind in INVESTOR_KINDS and not profile.investments_made:
        data["investments_made"] = _investments_in_text(text, year)
    elif kind == "融资担保机构":
        stated = _guarantee_facts(text)
        data.update({key: value for key, value in stated.items() if data.get(key) is None})
    elif kind not in INVESTOR_KINDS and not profile.recent_financing:
        data["recent_financing"] = _financing_in_text(text, year)
    return EnterpriseProfile.model_validate(data)


def profile_from_facts(facts: EnterpriseFacts) -> EnterpriseProfile:
    """The profile the chat's remembered facts describe, so they can feed matching.

    Args:
        facts: What the session has gathered (``assistant.facts.EnterpriseFacts``).

    Returns:
        A profile; investments become ``investments_made`` for an investment institution (or an
        unstated kind, as the chat mostly gathers them for article 3) and ``recent_financing``
        otherwise; a guarantee capital implies a 融资担保机构 when no kind was said.
    """
    kind = normalize_kind(facts.kind) or ("融资担保机构" if facts.guarantee_capital is not None else None)
    data: dict[str, Any] = {
        "kind": kind,
        "district": facts.institution_place,
        "district_new_capital": facts.guarantee_capital,
    }
    if kind is None or kind in INVESTOR_KINDS:
        data["investments_made"] = [
            InvestmentMade(
                amount=inv.amount,
                year=inv.year,
                investee_stage=inv.stage or facts.investee_stage,
                investee_place=facts.investee_place_of(inv),
                investee_in_guangzhou=facts.investee_in_guangzhou_of(inv),
                funds_received=facts.funds_received,
            )
            for inv in facts.investments
            if inv.amount > 0
        ]
    else:
        data["recent_financing"] = [
            Financing(amount=inv.amount, year=inv.year) for inv in facts.investments if inv.amount > 0
        ]
    return EnterpriseProfile.model_validate(data)


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


def profile_from_conversation(
    facts: EnterpriseFacts, statements: Iterable[str] = (), this_year: int | None = None
) -> EnterpriseProfile:
    """The profile a chat describes: the facts it remembers, enriched by what the user said about themselves.

    Args:
        facts: The session's gathered facts (kind, place, investments, guarantee capital).
        statements: The user's messages that describe the enterprise itself (「我们是…」).
        this_year: The year 「今年」 means; defaults to the current year.

    Returns:
        The enriched profile; the remembered facts win over the statements' wording.

    Example:
        >>> profile = profile_from_conversation(EnterpriseFacts(), ["我们是海珠区的科技型中小企业，计划科创板上市"])
        >>> profile.kind, profile.district, profile.target_board
        ('科技型中小企业', '海珠区', '科创板')
    """
    base = profile_from_facts(facts)
    text = "\n".join(s.strip() for s in statements if s.strip())
    if not text:
        return base
    return enrich_profile(base.model_copy(update={"free_text": text}), this_year=this_year)
