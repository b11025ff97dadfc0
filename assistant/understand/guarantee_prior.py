"""Whether a guarantee contribution figure is money from before this capital increase (article 11).

「区财政之前已出资2亿」「累计出资已达2亿」「原注册资本10亿（区财政出资8亿）」 speak of what was put in
before; 「2022年新设立的，当时区财政出资2亿」 is the founding itself, which the article supports.
"""

from __future__ import annotations

import re

from assistant.understand.figure_read import FigureRead
from assistant.understand.text import find_words
from corpus.guarantee_words import Guarantee

__all__ = ["all_from_covers", "grown_to", "is_prior", "old_money_after", "paid_before", "sentence_text"]

# A funder's money said to be from before (「区财政之前已出资2亿」): not this capital increase.
# 「公司是2019年成立的，当时区财政出了1个亿」「2019年成立时区财政出了2.4亿」: the time it was set up.
_BEFORE_NOW = re.compile(
    r"原来|原有|此前|之前|以前|早先|增资前|已经出资过|当时|那时候|那时|成立时|成立的时候|成立之初|设立时|设立之初"
)
_CUMULATIVE = re.compile(r"累计|原有|原来|增资前|existing|previously", re.IGNORECASE)
# 「2022年新设立的，当时区财政出资2亿」: 当时 is the founding, itself a 新设立 the article supports.
_FOUNDING = re.compile(r"新设立|新设|新成立|新组建")
_THEN_ONLY = re.compile(r"当时|那时候|那时|成立时|成立的时候|成立之初|设立时|设立之初")
_EARLY_YEAR = re.compile(r"(?:19\d\d|201\d)\s*年")


def _founding_money(text: str, figure: FigureRead, clause_head: str) -> bool:
    """Whether the money 当时 names was paid when the institution was newly set up (under this policy's years)."""
    earlier = _BEFORE_NOW.findall(clause_head)
    sentence = sentence_text(text, figure.start)
    return (
        bool(earlier)
        and all(_THEN_ONLY.fullmatch(w) for w in earlier)
        and bool(_FOUNDING.search(sentence))
        and not _EARLY_YEAR.search(sentence)
    )


def sentence_text(text: str, position: int) -> str:
    """The sentence of ``text`` holding ``position``."""
    start = max(text.rfind(mark, 0, position) for mark in "。；;！？!?\n") + 1
    ends = [i for mark in "。；;！？!?\n" if (i := text.find(mark, position)) >= 0]
    return text[start : min(ends, default=len(text))]


def is_prior(text: str, figure: FigureRead, table: Guarantee) -> bool:
    """「原注册资本」「从5亿增到8亿」: the figure is the capital before the increase."""
    head = text[figure.clause.start : figure.start]
    return (
        bool(find_words(head, table.prior_words))
        or figure.before.rstrip().endswith("从")
        or old_money_after(text, figure)
    )


def old_money_after(text: str, figure: FigureRead) -> bool:
    """Whether the words after the figure say it was there before (「…是去年就已经拨到账上的老资金」)."""
    return _OLD_MONEY_AFTER.match(text[figure.mention.span[1] : figure.clause.end]) is not None


# 「另外3000万是去年就已经拨到担保公司账上的老资金，这次只是转增注册资本」: money there before.
_OLD_MONEY_AFTER = re.compile(
    r"^\s*元?\s*(?:是|为|属于|其实是|都是|原本是)[^，。；]{0,24}"
    r"(?:老资金|老钱|原有资金|存量资金|早就|早已|去年就|前年就|以前就|之前就|转增)"
)


def _explains_prior(text: str, figure: FigureRead, figures: list[FigureRead], table: Guarantee) -> bool:
    """「原注册资本10亿（区财政出资8亿）」: a bracket after earlier capital says who paid that, not what is new."""
    opening = max(text.rfind("（", 0, figure.start), text.rfind("(", 0, figure.start))
    if opening < 0 or re.search(r"[）)]", text[opening : figure.start]):
        return False
    annotated = [f for f in figures if f.mention.span[1] <= opening and not text[f.mention.span[1] : opening].strip()]
    return any(is_prior(text, f, table) for f in annotated)


def all_from_covers(text: str, figure: FigureRead, figures: list[FigureRead], position: int) -> bool:
    """「注册资本一个亿，全部由区财政出资」: 全部由 speaks of the nearest figure before it in its sentence."""
    low, high = sorted((figure.start, position))
    if re.search(r"[。；;！？!?\n]", text[low:high]):
        return False  # 「注册资本现在10亿。…两次都是区财政出的钱」: the words speak of their own sentence
    same = [f for f in figures if f.clause.sentence == figure.clause.sentence]
    before = [f for f in same if f.start < position]
    target = before[-1] if before else next((f for f in same if f.start > position), None)
    return target is figure


def paid_before(text: str, figure: FigureRead, figures: list[FigureRead], clause_head: str, table: Guarantee) -> bool:
    """Whether the funder's figure is what it put in before, not new money of this increase."""
    return bool(
        (_BEFORE_NOW.search(clause_head) and not _founding_money(text, figure, clause_head))
        or _CUMULATIVE.search(clause_head)  # 「区财政累计出资已达2亿」: what it put in so far, not this time
        or _explains_prior(text, figure, figures, table)
    )


# 「注资后区财政累计出资达到3.2亿」: what the funder has put in altogether once the new money is in.
_GROWN_TO = re.compile(r"(?:注资|增资|追加|出资)(?:完成)?后[^，。；]{0,10}累计[^，。；]{0,6}(?:达到|达|到|为|至)\s*$")


def grown_to(clause_head: str) -> bool:
    """Whether the clause says the funder's money grew to the figure (so the new part is the growth)."""
    return _GROWN_TO.search(clause_head) is not None
