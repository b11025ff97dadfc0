"""Award rules of 《关于新时期进一步促进科技、金融与产业融合发展的若干意见》, as pure functions.

Only two supports in the policy fix an amount:

* 第（三）条: 粤港澳大湾区股权投资机构投资于我市种子期、初创期科技型中小企业的，按照实际到账投资额的
  1.5% 给予每年最高不超过 500 万元奖励支持。
* 第（十一）条: 对新设立和新增资的区级政策性融资担保机构，市财政按不超过区财政新增出资额 40% 的比例
  予以注册资本金补助。

Every other support defers to another document or to the districts, so :func:`unfixed_support`
returns no number and says who decides instead. All money arithmetic uses ``Decimal``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.amounts import format_yuan

__all__ = [
    "ARTICLE3_ANNUAL_CAP",
    "ARTICLE3_RATE",
    "ARTICLE11_RATE",
    "GREATER_BAY_AREA_CITIES",
    "GUANGZHOU_DISTRICTS",
    "UNFIXED_SUPPORT_TOPICS",
    "AwardResult",
    "CalculatorInputError",
    "Condition",
    "Investment",
    "Stage",
    "UnfixedTopic",
    "article3_award",
    "article11_award",
    "in_greater_bay_area",
    "in_guangzhou",
    "normalize_stage",
    "unfixed_support",
]

ESTIMATE_NOTE = "预估，以责任单位审核为准"

ARTICLE3_RATE = Decimal("0.015")
ARTICLE3_ANNUAL_CAP = Decimal(5_000_000)
ARTICLE3_UNITS: tuple[str, ...] = ("市科技局", "市发展改革委")
ARTICLE3_QUOTE = (
    "对粤港澳大湾区股权投资机构投资于我市种子期、初创期科技型中小企业的，"
    "按照实际到账投资额的 1.5% 给予每年最高不超过 500 万元奖励支持。"
)

ARTICLE11_RATE = Decimal("0.40")
ARTICLE11_UNITS: tuple[str, ...] = ("市工业和信息化局", "市人力资源社会保障局")
ARTICLE11_QUOTE = (
    "对新设立和新增资的区级政策性融资担保机构，市财政按不超过区财政新增出资额 40% 的比例予以注册资本金补助。"
)

# The closing clause of the policy: the documents that fix the amounts may change.
CHANGE_CLAUSE = "意见中所提及的具体补贴支持所依据的奖励支持文件、标准等发生变化的，则相应按变化后的文件、标准予以执行。"

GREATER_BAY_AREA_CITIES: tuple[str, ...] = (
    "广州",
    "深圳",
    "珠海",
    "佛山",
    "惠州",
    "东莞",
    "中山",
    "江门",
    "肇庆",
    "香港",
    "澳门",
)
GUANGZHOU_DISTRICTS: tuple[str, ...] = (
    "越秀",
    "海珠",
    "荔湾",
    "天河",
    "白云",
    "黄埔",
    "番禺",
    "花都",
    "南沙",
    "从化",
    "增城",
)
# Well-known places inside the other Bay Area cities (districts, zones) and romanised names.
_OTHER_GBA_PLACES: tuple[str, ...] = (
    "前海",
    "南山区",
    "福田",
    "罗湖",
    "宝安",
    "龙岗",
    "龙华",
    "横琴",
    "顺德",
    "南海区",
    "禅城",
    "香港特别行政区",
    "澳门特别行政区",
    "粤港澳大湾区",
    "大湾区",
    "shenzhen",
    "hong kong",
    "hongkong",
    "macau",
    "macao",
    "zhuhai",
    "foshan",
    "dongguan",
)
_GUANGZHOU_ROMAN: tuple[str, ...] = ("guangzhou", "canton")
# Recognised places outside the Bay Area: other provinces and major cities, the rest of
# Guangdong, and abroad. Anything not listed here or above is "unknown", never guessed.
_OUTSIDE_GBA_PLACES: tuple[str, ...] = (
    # Guangdong cities outside the Bay Area
    "汕头",
    "韶关",
    "河源",
    "梅州",
    "汕尾",
    "阳江",
    "湛江",
    "茂名",
    "清远",
    "潮州",
    "揭阳",
    "云浮",
    # provinces, regions and municipalities
    "北京",
    "上海",
    "天津",
    "重庆",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广西",
    "海南",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "台湾",
    # major cities
    "杭州",
    "宁波",
    "温州",
    "成都",
    "武汉",
    "西安",
    "南京",
    "苏州",
    "无锡",
    "常州",
    "长沙",
    "合肥",
    "厦门",
    "福州",
    "青岛",
    "济南",
    "郑州",
    "昆明",
    "贵阳",
    "南宁",
    "南昌",
    "太原",
    "石家庄",
    "沈阳",
    "大连",
    "长春",
    "哈尔滨",
    "兰州",
    "海口",
    "三亚",
    "乌鲁木齐",
    "呼和浩特",
    "银川",
    "西宁",
    "拉萨",
    "雄安",
    # abroad
    "海外",
    "国外",
    "美国",
    "英国",
    "日本",
    "韩国",
    "新加坡",
    "德国",
    "法国",
    "欧洲",
    "加拿大",
    "澳大利亚",
    "以色列",
    "硅谷",
    "纽约",
    "伦敦",
    "东京",
    "beijing",
    "shanghai",
    "hangzhou",
    "singapore",
    "usa",
    "london",
    "new york",
)

Stage = Literal["种子期", "初创期", "成长期", "成熟期"]
_ELIGIBLE_STAGES: frozenset[str] = frozenset({"种子期", "初创期"})
# Recognised stage words; "天使轮"/"A轮" are financing rounds, not stages, so they stay unknown.
_STAGE_ALIASES: tuple[tuple[str, Stage], ...] = (
    ("种子", "种子期"),
    ("seed", "种子期"),
    ("初创", "初创期"),
    ("创业期", "初创期"),
    ("startup", "初创期"),
    ("start-up", "初创期"),
    ("成长", "成长期"),
    ("扩张", "成长期"),
    ("growth", "成长期"),
    ("成熟", "成熟期"),
    ("mature", "成熟期"),
)


class CalculatorInputError(ValueError):
    """Raised for input the rules cannot be applied to (e.g. a non-positive amount)."""


class Condition(BaseModel):
    """One eligibility condition and whether the given facts meet it."""

    name: str = Field(..., description="条件简称，如“投资机构位于粤港澳大湾区”")
    status: Literal["met", "not_met", "unknown"]
    reason: str = Field(..., description="结合用户所给事实的中文理由")


class AwardResult(BaseModel):
    """The outcome of applying one award rule to the user's facts."""

    rule: str = Field(..., description="规则标识，如 article3_angel_investment")
    article: int = Field(..., ge=1, le=32, description="政策条款序号 1–32")
    award_yuan: int | float | None = Field(..., description="金额（元）；正文未定金额或关键事实未知时为 null")
    eligible: bool | None = Field(..., description="是否符合条件；未知为 null")
    is_ceiling: bool = Field(..., description="金额是否为“最高”上限")
    conditions: list[Condition] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list, description="逐步计算过程")
    explanation: str = ""
    units: list[str] = Field(default_factory=list, description="责任单位")
    missing: list[str] = Field(default_factory=list, description="需要向用户追问的事实")
    decided_by: str | None = Field(None, description="正文未定金额时，由何种规定、何单位核定")
    basis_quote: str = Field("", description="依据条文原文（逐字，去除分页断行）")
    note: str = ESTIMATE_NOTE


class Investment(BaseModel):
    """One equity investment by the institution, for article 3."""

    amount: Decimal = Field(..., description="投资金额（元）")
    year: int | None = Field(None, description="实际到账年份")
    investee_stage: str | None = Field(None, description="被投企业所处阶段：种子期/初创期/成长期/成熟期")
    investee_in_guangzhou: bool | None = Field(None, description="被投企业是否位于广州市")
    investee_is_tech_sme: bool | None = Field(None, description="被投企业是否为科技型中小企业")
    funds_received: bool | None = Field(None, description="投资款是否已实际到账")


# ---------------------------------------------------------------------------
# Places and stages
# ---------------------------------------------------------------------------


def _place_key(place: str) -> str:
    return "".join(place.split()).lower()


def _mentions_any(key: str, names: Sequence[str]) -> bool:
    return any(name.lower() in key for name in names)


def in_guangzhou(place: str) -> bool | None:
    """Tell whether a place is in Guangzhou (the policy's “我市”).

    Args:
        place: Free text such as ``"广州市天河区"``, ``"黄埔"``, ``"深圳南山"``.

    Returns:
        True for Guangzhou or one of its 11 districts, False for another recognised place,
        None when the text is not recognised or names places both in and outside Guangzhou.
    """
    key = _place_key(place)
    if not key:
        return None
    inside = _mentions_any(key, ("广州", *GUANGZHOU_DISTRICTS, *_GUANGZHOU_ROMAN))
    other_cities = tuple(city for city in GREATER_BAY_AREA_CITIES if city != "广州")
    outside = _mentions_any(key, (*other_cities, *_OTHER_GBA_PLACES, *_OUTSIDE_GBA_PLACES)) and not (
        # "粤港澳大湾区"/"大湾区" alone does not say which city, so it is not "outside Guangzhou".
        _mentions_any(key, ("大湾区",)) and not _mentions_any(key, (*other_cities, *_OUTSIDE_GBA_PLACES))
    )
    if inside and not outside:
        return True
    if outside and not inside:
        return False
    return None


def in_greater_bay_area(place: str) -> bool | None:
    """Tell whether a place is in the 粤港澳大湾区 (Guangdong–Hong Kong–Macao Greater Bay Area).

    Args:
        place: Free text such as ``"珠海"``, ``"广州市天河区"``, ``"香港"``, ``"北京"``, ``"美国"``.

    Returns:
        True for the 11 Bay Area cities (and Guangzhou's districts), False for a recognised place
        outside (other provinces and cities, the rest of Guangdong, abroad), None when unknown or
        when the text names places on both sides.
    """
    key = _place_key(place)
    if not key:
        return None
    inside = _mentions_any(key, (*GREATER_BAY_AREA_CITIES, *GUANGZHOU_DISTRICTS, *_OTHER_GBA_PLACES, *_GUANGZHOU_ROMAN))
    outside = _mentions_any(key, _OUTSIDE_GBA_PLACES)
    if inside and not outside:
        return True
    if outside and not inside:
        return False
    return None


def normalize_stage(stage: str | None) -> Stage | None:
    """Map a stage description to one of 种子期/初创期/成长期/成熟期.

    Args:
        stage: Free text such as ``"初创期"``, ``"种子阶段"``, ``"seed"``.

    Returns:
        The canonical stage, or None when missing or not recognised (financing rounds such as
        天使轮 are not stages, so they stay unknown).
    """
    if not stage:
        return None
    key = _place_key(stage)
    for alias, canonical in _STAGE_ALIASES:
        if alias in key:
            return canonical
    return None


# ---------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------


def _award_number(value: Decimal) -> int | float:
    """Model-field form of an exact amount: int when whole yuan, else float to the 分."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _require_positive(amount: Decimal, label: str) -> Decimal:
    value = Decimal(amount)
    if not value.is_finite():
        raise CalculatorInputError(f"{label}必须是有效金额，收到：{amount}")
    if value <= 0:
        raise CalculatorInputError(f"{label}必须大于0，收到：{format_yuan(value)}")
    return value


def _condition_from(flag: bool | None, name: str, met: str, not_met: str, unknown: str) -> Condition:
    if flag is True:
        return Condition(name=name, status="met", reason=met)
    if flag is False:
        return Condition(name=name, status="not_met", reason=not_met)
    return Condition(name=name, status="unknown", reason=unknown)


# ---------------------------------------------------------------------------
# Article 3: angel / early-stage investment award
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Assessed:
    """One investment with its conditions already judged."""

    index: int
    amount: Decimal
    year: int | None
    conditions: tuple[Condition, ...]
    excluded_reason: str | None  # a decisive condition fails
    pending: tuple[str, ...]  # decisive facts still unknown


def _assess_investment(inv: Investment, index: int, label: str) -> _Assessed:
    amount = _require_positive(inv.amount, f"{label}投资金额")
    stage = normalize_stage(inv.investee_stage)
    shown = format_yuan(amount)

    location = _condition_from(
        inv.investee_in_guangzhou,
        f"{label}被投企业位于广州市",
        "被投企业位于广州市，属于“我市”企业",
        "被投企业不在广州市，第（三）条只奖励投资于“我市”企业的情形",
        "未说明被投企业是否位于广州市",
    )
    if stage in _ELIGIBLE_STAGES:
        stage_cond = Condition(name=f"{label}被投企业处于种子期或初创期", status="met", reason=f"被投企业处于{stage}")
    elif stage is not None:
        stage_cond = Condition(
            name=f"{label}被投企业处于种子期或初创期",
            status="not_met",
            reason=f"被投企业处于{stage}，第（三）条只奖励投资于种子期、初创期企业",
        )
    else:
        described = f"所给阶段“{inv.investee_stage}”无法对应种子期/初创期/成长期/成熟期" if inv.investee_stage else ""
        stage_cond = Condition(
            name=f"{label}被投企业处于种子期或初创期",
            status="unknown",
            reason=described or "未说明被投企业所处阶段",
        )
    sme = _condition_from(
        inv.investee_is_tech_sme,
        f"{label}被投企业为科技型中小企业",
        "被投企业为科技型中小企业",
        "被投企业不是科技型中小企业，不属于第（三）条奖励范围",
        "未说明被投企业是否为科技型中小企业，按符合估算，以审核认定为准",
    )
    received = _condition_from(
        inv.funds_received,
        f"{label}投资款已实际到账",
        f"{shown}已实际到账，按到账金额计算",
        "投资款尚未实际到账，奖励以实际到账投资额为基数，目前不计入",
        f"未说明投资款是否实际到账，暂按{shown}全额到账估算",
    )
    conditions = (location, stage_cond, sme, received)

    excluded: str | None = None
    for cond in conditions:
        if cond.status == "not_met":
            excluded = cond.reason
            break
    pending: list[str] = []
    if inv.investee_in_guangzhou is None:
        pending.append(f"{label}被投企业是否位于广州市")
    if stage is None:
        pending.append(f"{label}被投企业所处阶段（种子期/初创期/成长期/成熟期）")
    return _Assessed(
        index=index,
        amount=amount,
        year=inv.year,
        conditions=conditions,
        excluded_reason=excluded,
        pending=tuple(pending),
    )


def _year_groups(items: Sequence[_Assessed], merge_unknown_years: bool) -> list[tuple[int | None, list[_Assessed]]]:
    """Group investments by year.

    Investments without a year either all share one year (``merge_unknown_years``; with known
    years they join the largest year, which gives the lowest possible award because the cap is
    concave) or each stand alone (the highest possible award).
    """
    known: dict[int, list[_Assessed]] = {}
    unknown: list[_Assessed] = []
    for item in items:
        if item.year is None:
            unknown.append(item)
        else:
            known.setdefault(item.year, []).append(item)
    groups: list[tuple[int | None, list[_Assessed]]] = [(year, known[year]) for year in sorted(known)]
    if not unknown:
        return groups
    if not merge_unknown_years:
        return groups + [(None, [item]) for item in unknown]
    if not groups:
        return [(None, unknown)]
    largest = max(range(len(groups)), key=lambda i: sum(it.amount for it in groups[i][1]))
    year, members = groups[largest]
    groups[largest] = (year, members + unknown)
    return groups


def _capped(total: Decimal) -> Decimal:
    return min(total * ARTICLE3_RATE, ARTICLE3_ANNUAL_CAP)


def _groups_award(groups: Sequence[tuple[int | None, list[_Assessed]]]) -> Decimal:
    return sum((_capped(sum((it.amount for it in members), Decimal(0))) for _, members in groups), Decimal(0))


def _group_label(year: int | None, members: Sequence[_Assessed], several_groups: bool) -> str:
    if year is not None:
        merged = any(it.year is None for it in members)
        return f"{year}年度（含未注明年份的投资）：" if merged else f"{year}年度："
    if not several_groups:
        return ""
    if len(members) == 1:
        return f"第{members[0].index + 1}笔投资（年份未注明）："
    return "未注明年份的投资："


def _group_steps(groups: Sequence[tuple[int | None, list[_Assessed]]], prefix: str = "") -> list[str]:
    steps: list[str] = []
    rate = _percent(ARTICLE3_RATE)
    cap = format_yuan(ARTICLE3_ANNUAL_CAP)
    for year, members in groups:
        label = _group_label(year, members, several_groups=len(groups) > 1)
        total = sum((it.amount for it in members), Decimal(0))
        if len(members) > 1:
            parts = " + ".join(format_yuan(it.amount) for it in members)
            steps.append(f"{prefix}{label}同一年度投资合计 {parts} = {format_yuan(total)}")
        raw = total * ARTICLE3_RATE
        if raw > ARTICLE3_ANNUAL_CAP:
            tail = f"> {cap}（年度上限），按{cap}计"
        else:
            tail = f"≤ {cap}（年度上限），按{format_yuan(raw)}计"
        steps.append(f"{prefix}{label}{format_yuan(total)} × {rate} = {format_yuan(raw)} {tail}")
    if len(groups) > 1:
        parts = " + ".join(format_yuan(_capped(sum((it.amount for it in m), Decimal(0)))) for _, m in groups)
        steps.append(f"{prefix}各年度分别计算后合计：{parts} = {format_yuan(_groups_award(groups))}")
    return steps


def _article3_result(
    *,
    award: Decimal | None,
    eligible: bool | None,
    conditions: list[Condition],
    steps: list[str],
    explanation: str,
    missing: list[str],
) -> AwardResult:
    return AwardResult(
        rule="article3_angel_investment",
        article=3,
        award_yuan=None if award is None else _award_number(award),
        eligible=eligible,
        is_ceiling=False,
        conditions=conditions,
        steps=steps,
        explanation=explanation,
        units=list(ARTICLE3_UNITS),
        missing=missing,
        decided_by=None,
        basis_quote=ARTICLE3_QUOTE,
    )


def article3_award(
    investments: Sequence[Investment],
    institution_in_greater_bay_area: bool | None,
) -> AwardResult:
    """Apply article 3: 1.5% of the investment actually received, at most 500万元 per year.

    Investments in the same year are added up before the cap; each year is capped on its own.
    Only investments into Guangzhou seed/startup-stage tech SMEs count. When a decisive fact
    (Bay Area status, investee stage or Guangzhou location, or — with several investments —
    the years) is unknown, the award is None and ``steps`` show the computation “若符合条件”.

    Args:
        investments: The institution's investments.
        institution_in_greater_bay_area: Whether the investing institution is in the Bay Area.

    Returns:
        The award result; ``award_yuan`` is the sum over years of min(1.5% × year total, 500万元).

    Raises:
        CalculatorInputError: No investments, or an amount that is not positive.
    """
    if not investments:
        raise CalculatorInputError("请至少提供一笔投资（金额、年份、被投企业阶段和所在地）")
    several = len(investments) > 1
    assessed = [
        _assess_investment(inv, i, f"第{i + 1}笔投资：" if several else "") for i, inv in enumerate(investments)
    ]

    institution = _condition_from(
        institution_in_greater_bay_area,
        "投资机构位于粤港澳大湾区",
        "投资机构位于粤港澳大湾区，属于第（三）条所称“粤港澳大湾区股权投资机构”",
        "投资机构不在粤港澳大湾区，不属于第（三）条奖励对象（“粤港澳大湾区股权投资机构”）",
        "未说明投资机构所在地是否属于粤港澳大湾区",
    )
    conditions = [institution] + [cond for item in assessed for cond in item.conditions]

    if institution_in_greater_bay_area is False:
        return _article3_result(
            award=Decimal(0),
            eligible=False,
            conditions=conditions,
            steps=["投资机构不在粤港澳大湾区，不符合第（三）条奖励对象，奖励为0元"],
            explanation="第（三）条只奖励粤港澳大湾区的股权投资机构；该机构不在大湾区，因此不能获得此项奖励（0元）。",
            missing=[],
        )

    counted = [item for item in assessed if item.excluded_reason is None]
    steps: list[str] = []
    for item in assessed:
        if item.excluded_reason is not None:
            label = f"第{item.index + 1}笔投资（{format_yuan(item.amount)}）" if several else "该笔投资"
            steps.append(f"{label}不计入奖励基数：{item.excluded_reason}")

    if not counted:
        reasons = "；".join(dict.fromkeys(item.excluded_reason or "" for item in assessed))
        return _article3_result(
            award=Decimal(0),
            eligible=False,
            conditions=conditions,
            steps=[*steps, "没有符合条件的投资，奖励为0元"],
            explanation=f"不符合第（三）条奖励条件：{reasons}。因此奖励为0元。",
            missing=[],
        )

    missing: list[str] = []
    if institution_in_greater_bay_area is None:
        missing.append("投资机构所在地（是否属于粤港澳大湾区）")
    for item in counted:
        missing.extend(item.pending)

    low_groups = _year_groups(counted, merge_unknown_years=True)
    high_groups = _year_groups(counted, merge_unknown_years=False)
    low, high = _groups_award(low_groups), _groups_award(high_groups)
    years_matter = low != high
    if years_matter:
        missing.append("各笔投资的实际到账年份（同一年度合计后适用500万元上限）")

    facts_unknown = bool(missing) and not (years_matter and len(missing) == 1)
    if years_matter:
        conditional = "若符合条件：" if facts_unknown else ""
        steps.extend(_group_steps(low_groups, prefix=f"{conditional}若在同一年度到账："))
        steps.extend(_group_steps(high_groups, prefix=f"{conditional}若分属不同年度："))
    else:
        steps.extend(_group_steps(low_groups, prefix="若符合条件：" if facts_unknown else ""))

    if facts_unknown:
        figure = f"{format_yuan(low)}至{format_yuan(high)}" if years_matter else format_yuan(low)
        explanation = (
            f"若符合第（三）条条件，按实际到账投资额的1.5%计算，每年最高不超过500万元，预计奖励{figure}；"
            f"但还需确认：{'、'.join(missing)}。"
        )
        return _article3_result(
            award=None, eligible=None, conditions=conditions, steps=steps, explanation=explanation, missing=missing
        )
    if years_matter:
        explanation = (
            f"符合第（三）条条件。按实际到账投资额的1.5%计算、每年最高不超过500万元；"
            f"由于部分投资未注明年份，奖励在{format_yuan(low)}至{format_yuan(high)}之间，需确认各笔到账年份。"
        )
        return _article3_result(
            award=None, eligible=True, conditions=conditions, steps=steps, explanation=explanation, missing=missing
        )
    explanation = (
        f"符合第（三）条条件：按实际到账投资额的1.5%给予奖励，每年最高不超过500万元，预计奖励{format_yuan(low)}。"
    )
    if any(cond.status == "unknown" for cond in conditions):
        explanation += "其中部分条件（如科技型中小企业认定、资金到账）未确认，按符合估算。"
    return _article3_result(
        award=low, eligible=True, conditions=conditions, steps=steps, explanation=explanation, missing=[]
    )


# ---------------------------------------------------------------------------
# Article 11: registered-capital subsidy for district policy guarantee institutions
# ---------------------------------------------------------------------------


def _article11_common(conditions: list[Condition]) -> dict[str, Any]:
    return {
        "rule": "article11_guarantee_capital",
        "article": 11,
        "is_ceiling": True,
        "conditions": conditions,
        "units": list(ARTICLE11_UNITS),
        "decided_by": None,
        "basis_quote": ARTICLE11_QUOTE,
    }


def article11_award(
    new_capital_yuan: Decimal | None,
    is_district_level: bool | None,
    is_policy_guarantee: bool | None,
    is_new_or_capital_increase: bool | None,
    *,
    district_funded: bool | None = None,
) -> AwardResult:
    """Apply article 11: at most 40% of the district treasury's new capital contribution.

    Args:
        new_capital_yuan: 区财政新增出资额 in yuan — the district treasury's new contribution,
            not the institution's whole new registered capital.
        is_district_level: Whether the institution is district-level (区级).
        is_policy_guarantee: Whether it is a policy financing guarantee institution (政策性融资担保机构).
        is_new_or_capital_increase: Whether it is newly established or newly capitalised (新设立和新增资).
        district_funded: False when the district treasury put no new money in (all from shareholders,
            or from the city): there is no base, and the subsidy is 0. The amount may then be None,
            as it may be whenever a condition is not met.

    Returns:
        The result; ``award_yuan`` is the ceiling 40% × amount with ``is_ceiling`` True.

    Raises:
        CalculatorInputError: The amount is missing or not positive while every condition may hold.
    """
    conditions = [
        _condition_from(
            is_district_level,
            "区级融资担保机构",
            "该机构为区级融资担保机构",
            "该机构不是区级机构，第（十一）条注册资本金补助只针对区级政策性融资担保机构",
            "未说明该机构是否为区级机构",
        ),
        _condition_from(
            is_policy_guarantee,
            "政策性融资担保机构",
            "该机构为政策性融资担保机构",
            "该机构不是政策性融资担保机构，不属于第（十一）条补助对象",
            "未说明该机构是否为政策性融资担保机构",
        ),
        _condition_from(
            is_new_or_capital_increase,
            "新设立或新增资",
            "该机构属于新设立或新增资",
            "该机构既非新设立也未新增资，不属于第（十一）条补助对象",
            "未说明该机构是新设立还是新增资",
        ),
    ]
    if district_funded is False:
        conditions.append(
            Condition(
                name="区财政新增出资",
                status="not_met",
                reason="区财政没有新增出资，而补助按区财政新增出资额计算",
            )
        )
    failed = [cond for cond in conditions if cond.status == "not_met"]
    if failed:
        return AwardResult(
            award_yuan=0,
            eligible=False,
            steps=[f"不符合条件：{failed[0].reason}，补助为0元"],
            explanation=f"不符合第（十一）条注册资本金补助条件：{'；'.join(c.reason for c in failed)}。",
            missing=[],
            **_article11_common(conditions),
        )
    if new_capital_yuan is None:
        raise CalculatorInputError("请提供区财政新增出资额")
    amount = _require_positive(new_capital_yuan, "区财政新增出资额")
    ceiling = amount * ARTICLE11_RATE
    step = f"{format_yuan(amount)} × {_percent(ARTICLE11_RATE)} = {format_yuan(ceiling)}（上限，最高不超过）"
    base_note = "计算基数为区财政新增出资额（不含其他出资方的出资）"
    common = _article11_common(conditions)
    missing = [
        label
        for flag, label in (
            (is_district_level, "该机构是否为区级融资担保机构"),
            (is_policy_guarantee, "该机构是否为政策性融资担保机构"),
            (is_new_or_capital_increase, "该机构是否为新设立或新增资"),
        )
        if flag is None
    ]
    if missing:
        return AwardResult(
            award_yuan=None,
            eligible=None,
            steps=[base_note, f"若符合条件：{step}"],
            explanation=(
                f"若为新设立或新增资的区级政策性融资担保机构，市财政按不超过区财政新增出资额40%的比例予以"
                f"注册资本金补助，即最高不超过{format_yuan(ceiling)}；还需确认：{'、'.join(missing)}。"
            ),
            missing=missing,
            **common,
        )
    return AwardResult(
        award_yuan=_award_number(ceiling),
        eligible=True,
        steps=[base_note, step],
        explanation=(
            f"市财政按不超过区财政新增出资额40%的比例予以注册资本金补助：最高不超过{format_yuan(ceiling)}，"
            "实际比例由责任单位核定。"
        ),
        missing=[],
        **common,
    )


# ---------------------------------------------------------------------------
# Supports whose amount the policy does not fix
# ---------------------------------------------------------------------------

UnfixedTopic = Literal[
    "bond_interest_subsidy",
    "vc_fund_reward",
    "vc_incubator_subsidy",
    "vc_relocation",
    "startup_guarantee_loan_interest",
    "ip_pledge_subsidy",
    "listing_reward",
    "bond_issuance_fee_subsidy",
    "ma_fund_preference",
    "talent_reward",
    "fintech",
]


@dataclass(frozen=True)
class _UnfixedSpec:
    rule: str
    article: int
    label: str  # short Chinese name of the support
    subject: str  # who can get it, from the text
    quote: str  # verbatim sentence of the article that grants it
    basis: str  # the rule that fixes the amount, quoted from the text
    decided_by: str  # the rule and the units that fix the amount
    units: tuple[str, ...]


_UNFIXED: dict[str, _UnfixedSpec] = {
    "bond_interest_subsidy": _UnfixedSpec(
        rule="article1_bond_interest_subsidy",
        article=1,
        label="创业投资机构发债贴息",
        subject="发行企业债、公司债券等固定收益产品的创业投资机构",
        quote="鼓励各区对发行上述各类债券产品的创业投资机构，按照人民银行同期贷款基准利率的一定比例给予贴息等相关政策扶持。",
        basis="按照人民银行同期贷款基准利率的一定比例给予贴息",
        decided_by="由各区按照人民银行同期贷款基准利率的一定比例确定贴息（本意见为“鼓励各区”给予，具体比例以各区政策为准），责任单位为市地方金融监管局、各区政府",
        units=("市地方金融监管局", "各区政府"),
    ),
    "vc_fund_reward": _UnfixedSpec(
        rule="article1_vc_fund_reward",
        article=1,
        label="境内外资本来穗设立创投基金奖励",
        subject="来穗设立创投基金的境内外资本",
        quote="抓住粤港澳大湾区建设的战略机遇，吸引境内外资本来穗设立创投基金，并按照市区现有政策予以奖励支持。",
        basis="按照市区现有政策予以奖励支持",
        decided_by="按照市区现有政策予以奖励支持，由市地方金融监管局、各区政府等责任单位核定",
        units=("市地方金融监管局", "各区政府"),
    ),
    "vc_incubator_subsidy": _UnfixedSpec(
        rule="article5_vc_incubator_subsidy",
        article=5,
        label="风投创投机构专业孵化载体补助",
        subject="依托头部风投创投机构打造的培育风投创投机构的专业孵化载体",
        quote="探索依托头部风投创投机构，打造培育风投创投机构的专业孵化载体，按照我市孵化载体支持政策予以补助支持。",
        basis="按照我市孵化载体支持政策予以补助支持",
        decided_by="按照我市孵化载体支持政策予以补助支持，由市地方金融监管局、市科技局等责任单位核定",
        units=("市地方金融监管局", "市科技局", "市商务局", "市人社局", "市财政局", "市税务局"),
    ),
    "vc_relocation": _UnfixedSpec(
        rule="article5_vc_relocation",
        article=5,
        label="知名风投创投机构来穗落户支持",
        subject="来穗落户（或设立区域性总部）的国内外知名风投创投机构",
        quote="对国内外知名风投创投机构来穗落户（或设立区域性总部）事宜，按市现行政策予以支持。",
        basis="按市现行政策予以支持",
        decided_by="按市现行政策予以支持，由市地方金融监管局、市商务局等责任单位核定",
        units=("市地方金融监管局", "市科技局", "市商务局", "市人社局", "市财政局", "市税务局"),
    ),
    "startup_guarantee_loan_interest": _UnfixedSpec(
        rule="article11_startup_guarantee_loan_interest",
        article=11,
        label="创业担保贷款贴息",
        subject="创业者、初创企业和小微科技企业的创业担保贷款",
        quote="发挥创业担保贷款作用，加大对创业者、初创企业和小微科技企业融资支持力度，并按照创业担保贷款担保基金和贴息资金管理办法有关规定予以贴息支持。",
        basis="按照创业担保贷款担保基金和贴息资金管理办法有关规定予以贴息支持",
        decided_by="按照创业担保贷款担保基金和贴息资金管理办法有关规定予以贴息支持，由市工业和信息化局、市人力资源社会保障局等责任单位核定",
        units=ARTICLE11_UNITS,
    ),
    "ip_pledge_subsidy": _UnfixedSpec(
        rule="article12_ip_pledge",
        article=12,
        label="知识产权质押融资补贴",
        subject="利用自主知识产权（专利、商标等）开展质押融资的科技企业",
        quote="开展知识产权质押贷款，对科技企业利用自主知识产权（专利、商标等）开展质押融资的，给予一定补贴。",
        basis="给予一定补贴",
        decided_by="本意见未规定补贴比例或金额，具体标准由市科技局、市地方金融监管局、市市场监管局、各区政府、广东银保监局等责任单位按相关政策核定",
        units=("市科技局", "市地方金融监管局", "市市场监管局", "各区政府", "广东银保监局"),
    ),
    "listing_reward": _UnfixedSpec(
        rule="article13_listing_reward",
        article=13,
        label="科技企业上市挂牌奖励",
        subject="在上交所、深交所、港交所等境内外证券交易所上市或在新三板精选层挂牌的科技企业",
        quote=(
            "对科技企业成功在上交所、深交所、港交所等境内外证券交易所上市或在新三板精选层挂牌的，"
            "按照市区现有上市挂牌奖励补贴政策予以支持。"
        ),
        basis="按照市区现有上市挂牌奖励补贴政策予以支持",
        decided_by="按照市区现有上市挂牌奖励补贴政策予以支持，由市地方金融监管局、市科技局、各区政府、广东证监局等责任单位核定",
        units=("市地方金融监管局", "市科技局", "各区政府", "广东证监局"),
    ),
    "bond_issuance_fee_subsidy": _UnfixedSpec(
        rule="article14_bond_issuance_subsidy",
        article=14,
        label="科技企业发债费用（股票质押融资）补贴",
        subject="发行债券等产品融资（或在广东股权交易中心进行股票质押融资）的科技企业",
        quote=(
            "对债券发行费用（股票质押融资额），按照《关于支持广州区域金融中心建设的若干规定"
            "（穗府规〔2019〕1号）》有关规定给予补贴支持。"
        ),
        basis="按照《关于支持广州区域金融中心建设的若干规定（穗府规〔2019〕1号）》有关规定给予补贴支持",
        decided_by="按照《关于支持广州区域金融中心建设的若干规定（穗府规〔2019〕1号）》有关规定给予补贴支持，由市地方金融监管局、市科技局、广东证监局等责任单位核定",
        units=("市地方金融监管局", "市科技局", "广东证监局"),
    ),
    "ma_fund_preference": _UnfixedSpec(
        rule="article15_ma_fund_preference",
        article=15,
        label="并购基金股权投资优惠政策",
        subject="符合条件的在穗新注册和新迁入的并购基金",
        quote="对符合条件的在穗新注册和新迁入的并购基金，按照市、区现有相关政策规定享受我市股权投资优惠政策。",
        basis="按照市、区现有相关政策规定享受我市股权投资优惠政策",
        decided_by="按照市、区现有相关政策规定享受我市股权投资优惠政策，由市科技局、市地方金融监管局、各区政府、广东证监局等责任单位核定",
        units=("市科技局", "市地方金融监管局", "各区政府", "广东证监局"),
    ),
    "talent_reward": _UnfixedSpec(
        rule="article27_talent_reward",
        article=27,
        label="科技金融人才奖励",
        subject="符合条件的科技金融人才",
        quote="对符合条件的人才按照广州高层次金融人才、“广聚英才计划”有关支持政策予以奖励支持。",
        basis="按照广州高层次金融人才、“广聚英才计划”有关支持政策予以奖励支持",
        decided_by="按照广州高层次金融人才、“广聚英才计划”有关支持政策予以奖励支持，由市委组织部、市科技局、市地方金融监管局、市人力资源社会保障局等责任单位核定",
        units=("市委组织部", "市科技局", "市地方金融监管局", "市人力资源社会保障局"),
    ),
    "fintech": _UnfixedSpec(
        rule="article28_fintech",
        article=28,
        label="金融科技项目、企业或机构支持",
        subject="符合条件的金融科技项目、企业或机构",
        quote="对符合条件的金融科技项目、企业或机构，按市区现有政策予以支持。",
        basis="按市区现有政策予以支持",
        decided_by="按市区现有政策予以支持，由市地方金融监管局、市科技局、各区政府等责任单位核定",
        units=("市地方金融监管局", "市科技局", "各区政府"),
    ),
}

# Topic → short Chinese label, for tool descriptions and menus.
UNFIXED_SUPPORT_TOPICS: dict[str, str] = {topic: spec.label for topic, spec in _UNFIXED.items()}


def unfixed_support(topic: UnfixedTopic) -> AwardResult:
    """Describe a support whose amount this policy does not fix — never a number.

    Args:
        topic: One of :data:`UnfixedTopic`, e.g. ``"ip_pledge_subsidy"`` or ``"listing_reward"``.

    Returns:
        A result with ``award_yuan`` and ``eligible`` None and ``decided_by`` naming the rule and
        the units that decide the amount.

    Raises:
        CalculatorInputError: Unknown topic.
    """
    spec = _UNFIXED.get(topic)
    if spec is None:
        known = "、".join(UNFIXED_SUPPORT_TOPICS)
        raise CalculatorInputError(f"未知的支持事项：{topic}（可选：{known}）")
    return AwardResult(
        rule=spec.rule,
        article=spec.article,
        award_yuan=None,
        eligible=None,
        is_ceiling=False,
        conditions=[
            Condition(
                name=f"属于{spec.subject}",
                status="unknown",
                reason="需由责任单位按相关政策认定是否符合条件",
            )
        ],
        steps=[
            f"第（{_chinese_article(spec.article)}）条未规定具体金额或比例，原文为：“{spec.basis}”",
            spec.decided_by,
            f"另：{CHANGE_CLAUSE}",
        ],
        explanation=(
            f"{spec.label}：本意见第（{_chinese_article(spec.article)}）条只规定“{spec.basis}”，"
            f"没有给出具体金额，无法在此计算。{spec.decided_by}。"
        ),
        units=list(spec.units),
        missing=[],
        decided_by=spec.decided_by,
        basis_quote=spec.quote,
    )


_CN_ORDINAL = "零一二三四五六七八九"


def _chinese_article(number: int) -> str:
    """1 → 一, 11 → 十一, 27 → 二十七 (the policy numbers its articles （一）…（三十二）)."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_CN_ORDINAL[tens]}十")
    return head + (_CN_ORDINAL[ones] if ones else "")
