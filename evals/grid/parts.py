"""The parts award questions are built from: places, stages, amount forms, cues, and extra figures.

Each part carries the fact it states (a place's Bay Area status from the gazetteer, a stage's
eligibility), so the expected award is computed from the rule data, never from the reader.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from corpus.gazetteer import load_gazetteer

__all__ = ["INSTITUTION_PLACES", "INVESTEE_PLACES", "STAGES", "amount_text", "chinese_number"]

_CN = "零一二三四五六七八九"


@dataclass(frozen=True)
class Part:
    """A piece of text and what it states."""

    text: str
    eligible: bool


def _places(names: list[str], eligible: bool) -> list[Part]:
    return [Part(name, eligible) for name in names]


# Investor places: inside the Bay Area (districts, zones, both SARs) and outside it.
INSTITUTION_PLACES: list[Part] = _places(
    ["深圳前海", "深圳南山", "珠海横琴", "佛山顺德", "东莞松山湖", "中山翠亨", "惠州大亚湾", "江门鹤山", "肇庆四会",
     "香港", "澳门", "广州天河", "南沙", "深圳河套", "深圳光明", "佛山南海", "东莞长安镇", "惠州仲恺", "珠海香洲"], True
) + _places(["北京", "上海", "杭州", "清远", "汕头", "新加坡", "成都"], False)  # fmt: skip
# Investee places: in Guangzhou, and in other cities.
_GUANGZHOU = [
    "天河",
    "黄埔",
    "南沙",
    "番禺",
    "海珠",
    "越秀",
    "白云",
    "花都",
    "增城",
    "从化",
    "荔湾",
    "中新知识城",
    "广州科学城",
]
INVESTEE_PLACES: list[Part] = _places([*_GUANGZHOU, "琶洲"], True) + _places(
    ["深圳南山", "东莞", "佛山顺德", "珠海", "杭州", "上海浦东"], False
)
STAGES: list[Part] = [Part(s, True) for s in ("种子期", "初创期", "初创阶段", "种子轮")] + [
    Part(s, False) for s in ("成长期", "B轮", "C轮", "成熟期", "Pre-IPO")
]


def chinese_number(value: int) -> str | None:
    """1..9999 in Chinese numerals (两千五百), or None."""
    if not 0 < value < 10_000:
        return None
    digits = f"{value:04d}"
    units = "千百十"
    out = ""
    zero = False
    for index, ch in enumerate(digits):
        d = int(ch)
        unit = units[index] if index < 3 else ""
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += ("两" if d == 2 and unit in "千百" else _CN[d]) + unit
    return out.lstrip("一") if out.startswith("一十") else out


def amount_text(value: Decimal, rng: random.Random) -> str:
    """The amount in one of the forms people write: 8000万, 0.8亿, 八千万, 80,000,000元, 1亿2千万, 5个亿."""
    wan = value / 10_000
    forms: list[str] = [f"{wan.normalize():f}万", f"{value:,.0f}元"]
    if wan == wan.to_integral_value() and (cn := chinese_number(int(wan))):
        forms.append(f"{cn}万")
    yi = value / 100_000_000
    if value >= 10_000_000:
        forms.append(f"{yi.normalize():f}亿")
    if yi == yi.to_integral_value() and yi >= 1:
        forms.append(f"{int(yi)}个亿")
    whole, rest = divmod(int(value), 100_000_000)
    if whole and rest and rest % 10_000_000 == 0:
        forms.append(f"{whole}亿{rest // 10_000_000}千万")
    return rng.choice(forms)


def gazetteer_check() -> None:
    """Every grid place resolves in the gazetteer to what the part says (a broken part would test nothing)."""
    gazetteer = load_gazetteer()
    for part in INSTITUTION_PLACES:
        found = gazetteer.find(part.text)
        assert found and found[-1].place.in_gba is part.eligible, part
    for part in INVESTEE_PLACES:
        found = gazetteer.find(part.text)
        assert found and bool(found[-1].place.in_guangzhou) is part.eligible, part
