"""Facts an enterprise states in conversation: who it is, where, what it invested, when.

``extract_facts`` reads one message; ``EnterpriseFacts.merge`` folds it into what the session
already knows, so a later turn (「那能拿多少？」) or a correction (「不对，是1.2亿」) works.

Example:
    >>> facts = extract_facts("我们是南沙的创投机构，今年投了两家初创期科技企业，共8000万", this_year=2026)
    >>> facts.institution_place, facts.investee_stage, [str(i.amount) for i in facts.investments]
    ('南沙', '初创期', ['80000000'])
"""

from __future__ import annotations

import re
from decimal import Decimal

from pydantic import BaseModel, Field

from assistant.amounts import AmountMention, find_amounts
from assistant.calculator import GREATER_BAY_AREA_CITIES, GUANGZHOU_DISTRICTS, in_greater_bay_area
from assistant.guarantee_facts import read_guarantee

STAGES = ("种子期", "初创期", "成长期", "成熟期")
_STAGE_ALIASES = {
    "种子轮": "种子期",
    "种子阶段": "种子期",
    "初创阶段": "初创期",
    "初创企业": "初创期",
    "成长阶段": "成长期",
    # An angel round funds a company at its start: the text's 种子期、初创期 both cover it.
    "天使轮": "初创期",
    "天使阶段": "初创期",
    "天使期": "初创期",
}
_OTHER_PLACES = (
    "北京", "上海", "天津", "重庆", "杭州", "南京", "苏州", "成都", "武汉", "西安", "长沙", "合肥", "郑州",
    "济南", "青岛", "厦门", "福州", "宁波", "无锡", "汕头", "湛江", "韶关", "清远", "海外", "美国", "新加坡",
    "浙江", "江苏", "山东", "福建", "四川", "湖北", "湖南", "台湾",
)  # fmt: skip
_PLACE = re.compile(
    "|".join(
        sorted(
            {
                *GREATER_BAY_AREA_CITIES,
                *GUANGZHOU_DISTRICTS,
                *(d.removesuffix("区") for d in GUANGZHOU_DISTRICTS),
                *_OTHER_PLACES,
            },
            key=len,
            reverse=True,
        )
    )
)
_INSTITUTION_WORDS = re.compile(r"创投|风投|投资机构|投资公司|基金|VC|PE|机构|资本|股权投资|私募|GP", re.IGNORECASE)
_INVESTEE_LEAD = re.compile(r"(投|给|向|对|入股|注资)[了过资向到进]*[一两几\d]*[家个]?$")
# 「投资了一家位于广州的企业」: a locating word after the investing verb places the investee, not the investor.
_INVESTEE_LOCATED = re.compile(
    r"(投|给|向|对|入股|注资)[了过资向到进]*[一两几\d]*[家个]?[^，。,；;]{0,6}?(位于|注册在|注册于|落户|地处|设在|在)$"
)
# 「投了三个项目，都在广州」: where the investees all are.
_INVESTEES_ALL_IN = re.compile(r"((项目|企业|公司)[^，。,]{0,2})?(都|全部|均|全都)(是|在|位于|落在)$")
_SELF_LEAD = re.compile(r"(我们是|我们在|我们|我司|本机构|注册在|注册于|位于|总部在|总部设在|设在|来自|落户)[一家个]*$")
_RECEIVED = re.compile(
    r"到账|到位|实缴|已打款|已支付|已经付|(钱|款|资金|款项|投资款)[^，。；]{0,2}(都|已|已经|全部|均)?(到了|打过来了|到手了|付清)"
)
# 「没有在广州设点」: a place the writer is not in.
_NEGATED_BEFORE = re.compile(r"(没有|没|未|不|并非|不是)(在|于|设在)?$")
_NOT_RECEIVED = re.compile(r"(未|没|没有|还没|尚未)(有)?(到账|到位|实缴|打款)")
_CORRECTION = re.compile(r"不对|错了|说错|写错|打错|更正|纠正|改成|改为|应该是|其实是|修改|准确地?说|更准确")
_ADDITION = re.compile(r"又|再|另外|还投|追加|加投|此外")
_INVESTING = re.compile(r"投|到账|入股|注资|增资|出资|领投|跟投|融资")
_LOAN = re.compile(r"贷|借|债|质押|担保")
_RECEIVED_AMOUNT = re.compile(r"(实际|已经?|实)?(到账|到位|实缴|打款)[了的]?(金额|资金|款项)?(为|是|有|共)?$")
_TOTAL = re.compile(r"(共|合计|一共|总共|总计|累计)[计约]?$")
_YEAR_ABS = re.compile(r"(20\d{2})\s*年")
_YEAR_REL = {"今年": 0, "本年": 0, "本年度": 0, "去年": -1, "前年": -2, "明年": 1}
# 「同一年又投了…」: the year of the investment stated before, whatever it was.
_SAME_YEAR = re.compile(r"同一年|同年|同一年度|当年|也是那年|也是这一年")
# 「1500万…只到账了一半」: the share of an agreed amount that actually arrived.
_RECEIVED_SHARE = re.compile(
    r"^[，,\s]?[^，。；;]{0,10}?(到账|到位|打款|实缴)了?(其中的?)?(一半|(\d+(?:\.\d+)?)\s*[%％]|([一二三四五六七八九])成|(三|四|五)分之([一二三四]))"
)
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_GUARANTEE = re.compile(r"担保|区财政[^，。；]{0,6}(新增)?(出资|注资|增资)")
_KINDS = [
    ("融资担保机构", re.compile(r"担保(公司|机构)")),
    ("创投机构", _INSTITUTION_WORDS),
    ("银行", re.compile(r"我们是.{0,6}银行|银行(的)?(客户经理|员工|工作人员)")),
    ("国有企业", re.compile(r"国企|国有企业")),
    ("科技型中小企业", re.compile(r"我们是.{0,8}(科技型中小企业|科技企业|科技公司|初创企业|创业公司)")),
]


class InvestmentFact(BaseModel):
    """One stated investment: amount (yuan) and year when given."""

    amount: Decimal
    year: int | None = None
    stage: str | None = Field(None, description="该笔投资的被投企业阶段（一句话里各笔阶段不同时）")
    place: str | None = Field(None, description="该笔投资的被投企业所在地（一句话里各笔所在地不同时）")
    place_unclear: bool = Field(
        False, description="同一句话提到几处被投企业所在地，而这一笔没有说明是哪一处：不能沿用别处的所在地"
    )


class EnterpriseFacts(BaseModel):
    """What the session knows about the enterprise or institution asking."""

    kind: str | None = None
    institution_place: str | None = None
    investee_place: str | None = None
    investee_stage: str | None = None
    investments: list[InvestmentFact] = Field(default_factory=list)
    funds_received: bool | None = None
    guarantee_capital: Decimal | None = None
    guarantee_district_level: bool | None = None
    guarantee_policy_based: bool | None = None
    guarantee_new_or_increase: bool | None = None
    guarantee_district_funded: bool | None = None
    correction: bool = False
    addition: bool = False
    same_year: bool = False

    @property
    def institution_in_gba(self) -> bool | None:
        """Whether the investing institution sits in the Greater Bay Area, if known."""
        return in_greater_bay_area(self.institution_place) if self.institution_place else None

    @property
    def investee_in_guangzhou(self) -> bool | None:
        """Whether the investee is in Guangzhou, if known."""
        if not self.investee_place:
            return None
        return is_guangzhou(self.investee_place)

    def investee_place_of(self, investment: InvestmentFact) -> str | None:
        """One investment's investee place: its own, else the session's unless the message named several."""
        return investment.place or (None if investment.place_unclear else self.investee_place)

    def investee_in_guangzhou_of(self, investment: InvestmentFact) -> bool | None:
        """Whether one investment's investee is in Guangzhou: its own place first, else the session's."""
        if investment.place:
            return is_guangzhou(investment.place)
        return None if investment.place_unclear else self.investee_in_guangzhou

    def merge(self, newer: EnterpriseFacts) -> EnterpriseFacts:
        """This session's facts updated by a newer message's facts.

        New investments replace the old ones unless the message adds to them (「又投了…」);
        a correction (「不对，是1.2亿」) keeps the old years when it gives none.
        """
        data = self.model_dump()
        for name in (
            "kind",
            "institution_place",
            "investee_place",
            "investee_stage",
            "funds_received",
            "guarantee_capital",
            "guarantee_district_level",
            "guarantee_policy_based",
            "guarantee_new_or_increase",
            "guarantee_district_funded",
        ):
            value = getattr(newer, name)
            if value is not None:
                data[name] = value
        if newer.investments and newer.same_year and self.investments:
            # 「同一年又投了…」 takes the year of the investment stated before.
            newer = newer.model_copy(
                update={
                    "investments": [
                        i if i.year else i.model_copy(update={"year": self.investments[-1].year})
                        for i in newer.investments
                    ]
                }
            )
        if newer.investments:
            if newer.addition and not newer.correction:
                data["investments"] = [*self.investments, *newer.investments]
            elif newer.correction and len(newer.investments) == 1 and len(self.investments) <= 1:
                year = newer.investments[0].year or (self.investments[0].year if self.investments else None)
                data["investments"] = [InvestmentFact(amount=newer.investments[0].amount, year=year)]
            else:
                data["investments"] = newer.investments
        elif newer.investee_stage is not None:
            # 「被投企业其实已经是成长期了」: a stage stated alone applies to the remembered investments.
            data["investments"] = [i.model_copy(update={"stage": None}) for i in self.investments]
        if newer.guarantee_district_funded is False:
            data["guarantee_capital"] = None
        data["correction"] = data["addition"] = data["same_year"] = False
        return EnterpriseFacts.model_validate(data)

    def as_guarantee_capital(self) -> EnterpriseFacts:
        """These facts with a stated investment read as the 区财政新增出资额 instead.

        For a bare amount (「不对，是1.2亿」) answering a question about article 11, where the
        words of the message alone cannot tell a contribution from an investment.
        """
        if not self.investments or self.guarantee_capital is not None:
            return self
        return self.model_copy(update={"guarantee_capital": self.investments[-1].amount, "investments": []})

    @property
    def known(self) -> bool:
        """Whether anything at all is known."""
        return any(
            v not in (None, [], False) for k, v in self.model_dump().items() if k not in ("correction", "addition")
        )


def is_guangzhou(place: str) -> bool:
    """Whether a place named in a message is Guangzhou or one of its districts."""
    return place == "广州" or any(place in d for d in GUANGZHOU_DISTRICTS)


def _normalize_place(place: str) -> str:
    return "广州" if place in ("广州市",) else place


def _place_label(text: str, start: int, end: int) -> str | None:
    """'institution' or 'investee' when the words around a place say so, else None."""
    before, after = text[max(0, start - 6) : start], text[end : end + 12].lstrip("市区的")
    if _INVESTEE_LOCATED.search(text[max(0, start - 16) : start]):
        return "investee"
    if _SELF_LEAD.search(before):
        return "institution"
    if _INVESTEE_LEAD.search(before) or _INVESTEES_ALL_IN.search(before):
        return "investee"
    if _INSTITUTION_WORDS.match(after) or _INSTITUTION_WORDS.search(after[:4]):
        return "institution"
    if re.match(r"(一家|两家|几家|这家|某)?[^，。,]{0,8}(企业|公司|项目|团队)", after):
        return "investee"
    return None


def place_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, place) for each place ``text`` names, except negated ones (「没有在广州设点」)."""
    return [
        (m.start(), m.end(), _normalize_place(m.group(0)))
        for m in _PLACE.finditer(text)
        if not _NEGATED_BEFORE.search(text[max(0, m.start() - 5) : m.start()])
    ]


def _classify_places(text: str) -> tuple[str | None, str | None]:
    """The investing institution's place and the investee's place named in ``text``."""
    found = place_mentions(text)
    labels = [_place_label(text, s, e) for s, e, _ in found]
    # 「广州天河区」: a place followed at once by another is one place; it takes the later label.
    for i in range(len(found) - 2, -1, -1):
        if found[i][1] >= found[i + 1][0] - 1 and labels[i] is None:
            labels[i] = labels[i + 1]
    institution = next((p for (_, _, p), label in zip(found, labels, strict=True) if label == "institution"), None)
    investee = next((p for (_, _, p), label in zip(found, labels, strict=True) if label == "investee"), None)
    for (_, _, place), label in zip(found, labels, strict=True):
        if label is None and institution is None and place != investee:
            institution = place
        elif label is None and investee is None and place != institution:
            investee = place
    return institution, investee


def _stage(text: str) -> str | None:
    for stage in STAGES:
        if stage in text:
            return stage
    return next((stage for alias, stage in _STAGE_ALIASES.items() if alias in text), None)


def _year_before(text: str, position: int, this_year: int) -> int | None:
    best: tuple[int, int] | None = None
    for m in _YEAR_ABS.finditer(text[:position]):
        best = (m.start(), int(m.group(1)))
    for word, delta in _YEAR_REL.items():
        index = text.rfind(word, 0, position)
        if index >= 0 and (best is None or index > best[0]):
            best = (index, this_year + delta)
    if best is None:
        # A year stated after the amount (「投了3000万，都是今年」) still counts.
        for m in _YEAR_ABS.finditer(text[position:]):
            return int(m.group(1))
        for word, delta in _YEAR_REL.items():
            if word in text[position:]:
                return this_year + delta
    return best[1] if best else None


def _investee_place_of(text: str, mention: AmountMention) -> str | None:
    """The investee's place in the amount's own clause (「另外投了深圳一家…2000万」 → 深圳)."""
    return _classify_places(_clause_of(text, mention))[1]


def _investments(text: str, mentions: list[AmountMention], this_year: int) -> list[InvestmentFact]:
    # 「签了3000万的协议，实际到账2000万」: the award base is what actually arrived.
    received = [m for m in mentions if _RECEIVED_AMOUNT.search(text[max(0, m.span[0] - 8) : m.span[0]])]
    totals = [m for m in mentions if _TOTAL.search(text[max(0, m.span[0] - 4) : m.span[0]])]
    chosen = received or totals[-1:] or mentions
    # Several investee places in one message belong each to its own clause; one place (「在广州投了两家，
    # 分别3000万和2000万」) is left to the message-level investee place, which covers every amount.
    places = [_investee_place_of(text, m) for m in chosen]
    several = len({p for p in places if p}) > 1
    return [
        InvestmentFact(
            amount=_received_part(text, m),
            year=_year_before(text, m.span[0], this_year),
            stage=_stage(_clause_of(text, m)),
            place=place if several else None,
            place_unclear=several and place is None,
        )
        for m, place in zip(chosen, places, strict=True)
    ]


def _received_part(text: str, mention: AmountMention) -> Decimal:
    """The amount that arrived: the whole, or the share stated right after it (「只到账了一半」)."""
    share = _RECEIVED_SHARE.search(text[mention.span[1] :])
    if share is None:
        return mention.value
    percent, tenths, denominator, numerator = share.group(4, 5, 6, 7)
    if percent is not None:
        ratio = Decimal(percent) / 100
    elif tenths is not None:
        ratio = Decimal(_CN_DIGITS[tenths]) / 10
    elif denominator is not None:
        ratio = Decimal(_CN_DIGITS[numerator]) / Decimal(_CN_DIGITS[denominator])
    else:  # 一半
        ratio = Decimal(1) / 2
    if not 0 < ratio <= 1:
        return mention.value
    return (mention.value * ratio).quantize(Decimal("0.01")).normalize()


def _clause_of(text: str, mention: AmountMention) -> str:
    """The clause an amount sits in: 「又投了一家成长期企业5000万」 keeps its own stage."""
    start = max(text.rfind(sep, 0, mention.span[0]) for sep in "，,。；;又另")
    ends = [i for sep in "，,。；;" if (i := text.find(sep, mention.span[1])) >= 0]
    return text[start + 1 : min(ends) if ends else len(text)]


def extract_facts(message: str, this_year: int) -> EnterpriseFacts:
    """The facts one message states (nothing is inferred across messages here)."""
    mentions = find_amounts(message)
    guarantee = bool(_GUARANTEE.search(message))
    stated_guarantee = read_guarantee(message) if guarantee else None
    institution, investee = _classify_places(message)
    kind = next((label for label, pattern in _KINDS if pattern.search(message)), None)
    facts = EnterpriseFacts(
        kind=kind,
        institution_place=institution,
        investee_place=investee,
        investee_stage=_stage(message),
        funds_received=False if _NOT_RECEIVED.search(message) else (True if _RECEIVED.search(message) else None),
        correction=bool(_CORRECTION.search(message)),
        addition=bool(_ADDITION.search(message)) and bool(mentions),
        same_year=bool(_SAME_YEAR.search(message)),
    )
    if stated_guarantee is not None:
        facts.guarantee_capital = stated_guarantee.capital
        facts.guarantee_district_level = stated_guarantee.district_level
        facts.guarantee_policy_based = stated_guarantee.policy_based
        facts.guarantee_new_or_increase = stated_guarantee.new_or_increase
        facts.guarantee_district_funded = stated_guarantee.district_funded
    if (
        stated_guarantee is None
        and mentions
        and (
            _INVESTING.search(message)
            or _CORRECTION.search(message)
            or (len(message) <= 20 and not _LOAN.search(message))
        )
    ):
        # Only money described as an investment (not a loan or a bond) is an investment; a bare
        # short reply (「2000万」) answers the follow-up question about the amount.
        facts.investments = _investments(message, mentions, this_year)
    return facts
