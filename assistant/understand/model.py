"""What a message says, as typed data: investments, contributions, institutions, figures set aside.

A :class:`Reading` is one message read; :class:`Facts` is what a session knows after folding
every reading in (``merge.fold``). Both are pydantic models, so a session's facts are stored as
JSON and the API shows them as they are.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Stage = Literal["种子期", "初创期", "成长期", "成熟期"]
# 「不在广州」 with no other place: the investee's place is written 非广州 (not at that place).
NOT_AT = "非"
ReceivedStatus = Literal["received", "pending", "signed", "unstated"]
Funder = Literal[
    "district_treasury", "district_unclear", "district_soe", "city", "province", "central", "private", "unknown"
]
SpeakerRole = Literal["investor", "investee", "guarantor", "other"]
Slot = Literal[
    "amount",
    "received_amount",
    "institution_place",
    "investee_place",
    "stage",
    "year",
    "institution_of",
    "figure",
    "funder",
    "paid",
    "correction_target",
    "tech_sme",
    "institution_kind",
]

SELF = "self"
# Why a figure still to come, told beside money that arrived, is not counted.
PENDING_ASIDE = "尚未到账，不计入"


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Institution(_Model):
    """An investing institution (or person) the message names.

    ``key`` is ``self`` for the speaker's own institution; others get the label the user used
    (「A基金」「越秀那家」「深圳的X资本」).
    """

    key: str
    label: str = Field(..., description="用户的说法，如「A基金」「贵机构」")
    place: str | None = Field(None, description="所在地（地名表中的名字）")
    place_text: str | None = Field(None, description="用户原话中的所在地")
    own: bool = Field(True, description="是否为说话人自己的机构（第三方的投资不替用户测算）")
    in_gba: bool | None = Field(None, description="明确给出的是否位于粤港澳大湾区（表单、接口）；未给出时由所在地判断")
    individual: bool = Field(False, description="是否为个人投资者（非机构）")
    not_equity: str | None = Field(None, description="说明它不是股权投资机构的原话（「银行」「不是投资机构」）")
    kind_said: bool | None = Field(
        None, description="是否说了自己是哪类机构：True 说了机构（创投、基金）；False 只说是「一家公司」；None 未说"
    )
    asked: bool = Field(False, description="第三方，但提问人请求一并测算（「我们和东莞那家分别能拿多少」）")


class Investment(_Model):
    """One investment: who invested, in whom, how much actually arrived, and when."""

    id: int
    amount: Decimal = Field(..., description="计入基数的金额（元）：实际到账额")
    written: str = Field(..., description="金额原文")
    status: ReceivedStatus = "unstated"
    year: int | None = None
    years_spanned: int | None = Field(None, description="一笔合计跨了几年（各年分配未知）；0 表示跨了几年但不知几年")
    institution: str = SELF
    investee_place: str | None = None
    investee_place_text: str | None = None
    in_guangzhou: bool | None = Field(
        None, description="明确给出的被投企业是否位于广州（表单、接口）；未给出时由所在地判断"
    )
    stage: Stage | None = None
    stage_word: str | None = Field(None, description="用户的阶段说法（天使轮、A轮…）")
    stage_unclear: bool = Field(False, description="只说了读不准的轮次（A轮、早期），阶段待确认")
    stage_options: list[Stage] = Field(default_factory=list, description="「种子期或初创期」：是其中之一")
    tech_sme: bool | None = None
    tech_word: str | None = None
    clause: str = Field("", description="这笔投资所在的原句")
    label: str | None = Field(None, description="这笔的称呼（A、项目C、第二笔），更正时据此找到它")


class Contribution(_Model):
    """One contribution to a financing guarantee institution's capital (article 11)."""

    id: int
    amount: Decimal
    written: str
    funder: Funder = "unknown"
    funder_word: str | None = None
    new: bool | None = None
    paid: bool | None = Field(None, description="True 实缴到位；False 只是认缴；None 未说明")
    subscribed: Decimal | None = Field(None, description="同一出资方的认缴额（与实缴额不同时）")
    place: str | None = Field(
        None, description="这笔出资所投机构的所在地，消息里紧挨它说出时（「另一家在东莞松山湖」）"
    )
    clause: str = ""


class Guarantor(_Model):
    """The financing guarantee institution article 11 is about."""

    district_level: bool | None = None
    level_word: str | None = None
    policy_based: bool | None = None
    policy_word: str | None = None
    new_or_increase: bool | None = None
    no_district_money: bool = Field(False, description="明说区财政这次没有出资")
    district: str | None = Field(None, description="机构所属的区（「顺德区的区级政策性融资担保公司」的顺德）")


class Figure(_Model):
    """A money figure of the message that is not counted, and why (签约额、估值、注册资本…)."""

    text: str
    value: Decimal | None = None
    reason: str
    # 「担保公司注册资本6亿」 is left out of the guarantee subsidy, 「签约3500万」 of the investment award.
    subject: Literal["investment", "contribution"] = "investment"


class Question(_Model):
    """A fact the assistant must ask before it can give a figure."""

    slot: Slot
    text: str = Field(..., description="追问的一句话")
    targets: list[int] = Field(default_factory=list, description="所问的投资或出资编号")


class Hints(_Model):
    """Investee facts stated before any amount (「被投企业在天河，是初创期的」), for the investments to come.

    A later message's investment without its own place or stage takes these; a message with no
    amount at all (「其实已经是成长期了」) changes the investments already known.
    """

    investee_place: str | None = None
    investee_place_text: str | None = None
    stage: Stage | None = None
    stage_word: str | None = None
    stage_unclear: bool = False
    tech_sme: bool | None = None
    tech_word: str | None = None
    year: int | None = None
    status: ReceivedStatus | None = None

    @property
    def empty(self) -> bool:
        """Whether nothing is stated."""
        return all(v in (None, False) for v in self.model_dump().values())


class Facts(_Model):
    """What a session knows about the asker and its award facts."""

    speaker_role: SpeakerRole | None = None
    speaker_kind: str | None = Field(None, description="说话人的类型说法（规范名见 corpus/eligibility.json）")
    speaker_place: str | None = None
    institutions: list[Institution] = Field(default_factory=list)
    investments: list[Investment] = Field(default_factory=list)
    contributions: list[Contribution] = Field(default_factory=list)
    guarantor: Guarantor = Field(default_factory=Guarantor)
    hints: Hints = Field(default_factory=Hints)
    standing: Hints = Field(
        default_factory=Hints, description="对所有投资都成立的被投企业事实（「投的全是广州的种子期企业」）"
    )
    alternatives: list[Institution] = Field(
        default_factory=list, description="说话人在几个候选机构之间选（「用哪只基金出手」）：按各候选分别测算"
    )
    latest_batch: int | None = Field(None, description="最近一条说出资的消息里第一笔出资的编号（「这次增资」只算它们）")
    set_aside: list[Figure] = Field(default_factory=list, description="最近一条消息中未计入的金额及原因")
    unclear: list[Question] = Field(default_factory=list, description="读不准、需要先问清的金额或事实")
    deal_count: int | None = Field(
        None, description="用户说的投资笔数（「投了两家」）；已知金额的笔数少于它时先问其余各笔"
    )
    one_manager: bool = Field(
        False, description="说话人的几只基金由同一个管理人管（「管理人旗下两只基金」）：上限按哪个主体算要问"
    )
    apply_as: Literal["one", "apart"] | None = Field(
        None, description="这几只基金怎么申报：one 由管理人合并申报，apart 各自申报；None 未说"
    )

    def institution(self, key: str) -> Institution | None:
        """The institution with ``key``, if known."""
        return next((i for i in self.institutions if i.key == key), None)

    @property
    def has_award_facts(self) -> bool:
        """Whether anything an award rule reads is known (「区财政没有出资」 is such a fact: it gives 0)."""
        return bool(self.investments or self.contributions or self.guarantor.no_district_money)

    def next_id(self) -> int:
        """A fresh id for a new investment or contribution."""
        ids = [i.id for i in self.investments] + [c.id for c in self.contributions]
        return max(ids, default=0) + 1


class PlaceMove(_Model):
    """「是广州番禺，不是佛山」: earlier investments whose investee is now said to be elsewhere."""

    place: str
    text: str
    investments: list[int]


class Reading(_Model):
    """One message, read: the facts it states and what it does to the session's facts."""

    facts: Facts
    correction: bool = Field(False, description="这条消息更正了先前的事实（「说错了」「其实」）")
    addition: bool = Field(False, description="这条消息补充了新的投资（「另外」「又投了」）")
    same_year: bool = False
    same_kind: bool = Field(False, description="「又投了一批」「第二期也到账了」：与先前的投资同类")
    same_investee: bool = Field(False, description="「又投了同一家」：被投企业是先前说过的那一家")
    restates: bool = Field(False, description="「其实只到了六百万」「实际出资1.5亿」：把说过的数说得更准")
    targets: list[int] = Field(default_factory=list, description="更正所指的先前投资（按年份、地点、阶段或金额找到）")
    share: Decimal | None = Field(None, description="「只到账了一半」：先前投资实际到账的比例")
    labels: list[str] = Field(default_factory=list, description="消息所指的投资称呼（「B那笔」）")
    label_status: dict[str, ReceivedStatus] = Field(
        default_factory=dict, description="各称呼所在分句说的到账情况（「第二期还没到账，到账的只有第一期」）"
    )
    asked_years: list[int] = Field(default_factory=list, description="问句只问这一年（「2026年这一年可以拿多少」）")
    asks_amount: bool = False
    money_figures: int = Field(0, description="消息中的金额个数")
    moved: PlaceMove | None = Field(None, description="更正后被投企业的所在地（「不是佛山，是番禺」）")
    payer: str | None = Field(None, description="更正后实际出资的机构（「出钱的其实是我们在上海的那支基金」）")
    year_ref: int | None = Field(None, description="更正所指的那一笔的年份（「2023那笔其实是2022年到的」）")
    withdrawn: list[int] = Field(default_factory=list, description="消息说已终止、退款的先前投资（「白云那家别算」）")
    withdrawn_contributions: list[int] = Field(
        default_factory=list, description="消息说不再计入的先前出资（「成立那次的补助已经申请过了」）"
    )
    this_increase: bool = Field(False, description="问句只问最近这次增资（「这次增资能补多少」）")
    partners_asked: list[str] = Field(
        default_factory=list, description="问句请求一并测算的合作方（「我们和东莞那家分别能拿多少」）"
    )
    deal_hints: dict[int, Hints] = Field(
        default_factory=dict, description="几笔已知投资各自的补充（「黄埔那家是成熟期，花都那家是初创期」）"
    )
