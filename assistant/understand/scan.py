"""The first pass over a message: every amount, year, place and stage word, with its span.

Nothing is interpreted here beyond what a word means on its own; ``figures``, ``deals`` and
``guarantee`` decide what each mention is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.understand.amounts import AmountMention, find_amounts
from assistant.understand.text import find_words
from corpus.gazetteer import Gazetteer, PlaceMention
from corpus.lexicon import Lexicon

__all__ = ["Scan", "StageMention", "YearMention", "scan"]

_CN_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_YEAR_LIST = re.compile(
    r"(20\d{2})\s*年?((?:\s*(?:和|、|及|与|,|，|跟)\s*(?:20)?\d{2}\s*年?)+)(?:\s*(?:这|两|三|四|五)年)?"
)
_YEAR_RANGE = re.compile(r"(20\d{2})\s*年?\s*(?:到|至|-|—|~|～)\s*(20\d{2})(?!\d)\s*年?")
_YEAR_ONE = re.compile(r"(?<!\d)(20\d{2})\s*(?:年(?!代)|(?=[、和]\s*20\d{2})|[-/.](?=\d{1,2}(?!\d)))")
# 「arrived Dec 2023」「in 2024」「FY2023」: a year in English words.
_YEAR_EN = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+|\b(?:in|during|for|since|by)\s+|\bFY\s*)"
    r"(20\d{2})(?!\d)",
    re.IGNORECASE,
)
_RELATIVE_SPAN = re.compile(r"(前年|去年|上一年)\s*(?:到|至|和|、|跟)\s*(今年|去年|本年)")
_YEAR_SHORT = re.compile(r"(?<![\d.])(1[89]|2\d)年(?![代限期度内底初]|以来)")
_SPAN = re.compile(r"(过去|近|最近|连续|这|前)\s*([一二两三四五六七八九十\d]{1,2})\s*(?:个)?年")
_MONTH = re.compile(
    r"(?<![\d年])(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?(?!\d)|上个月|这个月|本月|上半年|下半年|年初|年中"
)


@dataclass(frozen=True)
class YearMention:
    """Years a stretch of text names: one year, a list, a span of ``count`` years, or an unknown span.

    Attributes:
        years: The years, when they are known (``(2024, 2025)`` for 「2024、2025两年」).
        span: For 「这几年」-like spans, 0 (several years, how many unknown); else None.
        implicit: A month or 「上个月」 with no year: the current year, said in passing.
        of_company: The year dates the company (「去年成立的」「前年营收两个亿」), not money arriving.
    """

    start: int
    end: int
    text: str
    years: tuple[int, ...]
    span: int | None = None
    implicit: bool = False
    of_company: bool = False


@dataclass(frozen=True)
class StageMention:
    """A stage word: the canonical stage, or ``None`` with ``unclear`` for 「A轮」「早期」."""

    start: int
    end: int
    text: str
    stage: str | None
    unclear: bool
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scan:
    """Every mention in a prepared message."""

    text: str
    amounts: list[AmountMention]
    years: list[YearMention]
    places: list[PlaceMention]
    stages: list[StageMention]


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in _CN_SMALL:
        return _CN_SMALL[text]
    if len(text) == 2 and text[0] == "十" and text[1] in _CN_SMALL:
        return 10 + _CN_SMALL[text[1]]
    return None


def _full_year(text: str) -> int:
    value = int(text)
    return value if value > 100 else 2000 + value


_BRACKET_YEAR_AFTER = re.compile(r"\s*[（(]\s*(?:19|20)\d{2}\s*年?\s*[）)]")
_BRACKET_YEAR_BEFORE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[（(]\s*$")


def _years(text: str, this_year: int, lexicon: Lexicon) -> list[YearMention]:
    found: list[YearMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: YearMention) -> None:
        if not any(s < mention.end and mention.start < e for s, e in taken):
            found.append(mention)
            taken.append((mention.start, mention.end))

    for m in _RELATIVE_SPAN.finditer(text):
        first, last = (this_year + lexicon.years.relative[w] for w in m.group(1, 2))
        if first < last:
            add(YearMention(m.start(), m.end(), m.group(0), tuple(range(first, last + 1))))
    for m in _YEAR_RANGE.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        if first <= last <= first + 10:
            add(YearMention(m.start(), m.end(), m.group(0), tuple(range(first, last + 1))))
    for m in _YEAR_LIST.finditer(text):
        rest = re.findall(r"(?:20)?\d{2}", m.group(2))
        years = (int(m.group(1)), *(_full_year(y) for y in rest))
        add(YearMention(m.start(), m.end(), m.group(0), tuple(dict.fromkeys(years))))
    for m in _YEAR_ONE.finditer(text):
        add(YearMention(m.start(), m.end(), m.group(0), (int(m.group(1)),)))
    for m in _YEAR_EN.finditer(text):
        add(YearMention(m.start(1), m.end(), m.group(1), (int(m.group(1)),)))
    for m in _YEAR_SHORT.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if not re.search(r"成立|经营|有|近|过去|干了|做了", before):
            add(YearMention(m.start(), m.end(), m.group(0), (_full_year(m.group(1)),)))
    for m in _SPAN.finditer(text):
        count = _number(m.group(2))
        if count and 1 < count <= 10:
            add(YearMention(m.start(), m.end(), m.group(0), tuple(range(this_year - count + 1, this_year + 1))))
    for m in find_words(text, lexicon.years.vague_spans):
        add(YearMention(m.start(), m.end(), m.group(0), (), span=0))
    relative = {w.lower(): offset for w, offset in lexicon.years.relative.items()}  # 「This year」 too
    for m in find_words(text, list(lexicon.years.relative)):
        # 「2024年…年内到账3.2亿」「同年」: these point back at a year just named, else mean this year.
        anaphoric = m.group(0) in lexicon.years.anaphoric
        if _BRACKET_YEAR_AFTER.match(text, m.end()) or _BRACKET_YEAR_BEFORE.search(text, 0, m.start()):
            continue  # 「去年（2023年）」「2023年（去年）」: the year written out is the one meant
        offset = relative[m.group(0).lower()]
        add(YearMention(m.start(), m.end(), m.group(0), (this_year + offset,), implicit=anaphoric))
    for m in _MONTH.finditer(text):
        # 「2025年3月」: the month belongs to the year just named; a month alone is this year's.
        if not any(e >= m.start() - 1 and s < m.start() for s, e in taken):
            add(YearMention(m.start(), m.end(), m.group(0), (this_year,), implicit=True))
    return sorted((_company_year(y, text, lexicon) for y in found), key=lambda y: y.start)


# What may stand between a year and the company fact it dates: 「去年底刚成立的」「前年的营收」「今年公司才注册」.
_TO_COMPANY_FACT = (
    r"(?:年)?(?:底|初|中|末|\d{1,2}月份?|[一二三四五六七八九十]{1,2}月份?)?(?:的)?"
    r"(?:公司|企业|我们|他们)?(?:刚刚|刚|才|就|新|的)?"
)


def _company_year(year: YearMention, text: str, lexicon: Lexicon) -> YearMention:
    """The year marked as the company's own when a founding or revenue word follows it."""
    words = lexicon.years.dates_company
    if words and re.match(_TO_COMPANY_FACT + "(?:" + "|".join(map(re.escape, words)) + ")", text[year.end :]):
        return replace(year, of_company=True)
    return year


def _stages(text: str, lexicon: Lexicon) -> list[StageMention]:
    table = lexicon.stages
    words = {w: stage for stage, ws in table.canonical.items() for w in ws}
    words.update({w: None for w in table.unclear})
    found: list[StageMention] = []
    for m in find_words(text, list(words)):
        after = text[m.end() : m.end() + 6]
        # 「天使基金」「早期基金」 describe the fund, not the company it invests in.
        if any(after.startswith(s) for s in table.institution_suffixes) or after.startswith(("投资人", "投资机构")):
            continue
        before = text[max(0, m.start() - 4) : m.start()]
        if any(before.endswith(w) for w in table.left_behind):
            continue  # 「已经过了初创期」: the stage it is past, not its stage
        stage = words.get(m.group(0)) or next((s for w, s in words.items() if w.lower() == m.group(0).lower()), None)
        # 「不确定算不算初创期」: the stage is what the speaker is unsure of, so it is asked.
        doubted = any(w in text[max(0, m.start() - 8) : m.start()] for w in table.doubt_before)
        # 「这样还算种子期、初创期吗？」: the stage asked about, not told.
        doubted = doubted or bool(
            re.search(table.asked_before, text[max(0, m.start() - 8) : m.start()])
            and re.match(table.asked_after, text[m.end() :])
        )
        found.append(StageMention(m.start(), m.end(), m.group(0), stage, unclear=stage is None or doubted))
    # 「刚拿了B轮，我也说不准算不算初创期」: a stage doubted makes every stage word of its sentence unsure.
    doubted_at = [s.start for s in found if s.unclear and s.stage is not None]
    found = [
        replace(s, unclear=True) if any(_same_sentence(text, s.start, at) for at in doubted_at) else s for s in found
    ]
    if not any(s.stage for s in found):
        # 「成立快6年了，去年营收两个亿，已经在做上市辅导」: a description settles what no stage word says.
        described = [
            StageMention(m.start(), m.end(), m.group(0), stage, False)
            for stage, patterns in table.described.items()
            for pattern in patterns
            for m in re.finditer(pattern, text)
        ]
        if len({s.stage for s in described}) > 1:
            # 「成立一年多…年营收已经2个亿」: descriptions that disagree settle no stage; it is asked.
            described = [replace(s, unclear=True) for s in described]
        found = sorted([*found, *described], key=lambda s: s.start)
    return found


def _same_sentence(text: str, a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return not re.search(r"[。！!？?\n]", text[low:high])


def scan(text: str, this_year: int, lexicon: Lexicon, gazetteer: Gazetteer) -> Scan:
    """Every amount, year, place and stage word in ``text`` (already prepared)."""
    return Scan(
        text=text,
        amounts=[a for a in find_amounts(text) if a.value > 0],
        years=_years(text, this_year, lexicon),
        places=gazetteer.find(text),
        stages=_stages(text, lexicon),
    )
