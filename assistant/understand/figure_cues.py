"""The words around an amount that say what it is: received, signed, still to come, set aside, foreign.

The cue tables come from the lexicon; the nearest cue before an amount, or one right after it, decides.
"""

from __future__ import annotations

import re

from assistant.understand.text import find_words
from corpus.lexicon import Lexicon

__all__ = ["after_cue", "arrived_later_in", "cue_tables", "nearest_cue"]

_CUE_REACH = 14
_AFTER_REACH = 3
_ENGLISH_REACH = 48
_INVESTED_BETWEEN = re.compile(
    r"投资|投了|投入|注资|增资|到账|领投|跟投|\b(?:invest\w*|wired|funded|arrived|paid|put in|deployed)\b",
    re.IGNORECASE,
)
_DENIED = re.compile(r"(没有|还没有?|没|无|未|尚无|暂无)\s*$")


def nearest_cue(
    before: str, cues: list[tuple[str, str, str | None]], reach: int = _CUE_REACH
) -> tuple[str, str | None] | None:
    """The (kind, reason) of the cue ending nearest the end of ``before``, within ``reach`` characters."""
    best: tuple[int, int, str, str | None] | None = None
    for kind, word, reason in cues:
        index = before.rfind(word) if not word.isascii() else before.lower().rfind(word.lower())
        if index < 0:
            continue
        end = index + len(word)
        # English spends more letters on the same words (「revenue of these three combined is under RMB」).
        english = reach == _CUE_REACH and before[end:].isascii()  # only the ordinary reach, never 「right before」
        if len(before) - end > (_ENGLISH_REACH if english else reach):
            continue
        if kind == "set_aside" and _DENIED.search(before[:index]):
            continue  # 「刚注册半年还没收入 780万元」: a kind of money the message says there is none of
        if kind == "set_aside" and _INVESTED_BETWEEN.search(before[end:]):
            continue  # 「刚有少量收入的初创期企业投资1500万」: the verb next to the figure says what it is
        if best is None or end > best[0] or (end == best[0] and len(word) > best[1]):
            best = (end, len(word), kind, reason)
    start = best[0] - best[1] if best is not None else 0
    if best is not None and best[2] != "set_aside" and not _INVESTED_BETWEEN.search(before[start : best[0]]):
        # 「去年营收就做到了2.3个亿」: 到了 right after the revenue, with only adverbs between, is how
        # much it reached, not money arriving (「基金一共到账3.6亿」 has arrived: 到账 says so).
        for kind, word, reason in cues:
            index = before.rfind(word, 0, start)  # a word ending where the cue starts, never overlapping it
            if kind == "set_aside" and index >= 0 and _ADVERBS_ONLY.fullmatch(before[index + len(word) : start]):
                return kind, reason
    return (best[2], best[3]) if best else None


# 「注册资本变更到了1500万」「营收增加到了3亿」: a change of the figure said before it, not money arriving.
_ADVERBS_ONLY = re.compile(r"[就已经都也还才又]{0,4}(?:做|达|冲|涨|升|增长|变更|变|增加|增|调整|扩大|提高|提升)?")


def after_cue(after: str, cues: list[tuple[str, str, str | None]]) -> tuple[str, str | None] | None:
    """The (kind, reason) of a cue right after an amount (「3000万已到账」), the longest first."""
    stripped = after.lstrip("元整 ")
    offset = len(after) - len(stripped)
    for kind, word, reason in sorted(cues, key=lambda c: -len(c[1])):
        index = stripped.find(word.lstrip())  # 「 one hasn't」: the space the data keeps is stripped here too
        if 0 <= index <= _AFTER_REACH and offset + index <= _AFTER_REACH + 2:
            return kind, reason
    return None


# 「是2024年3月才打过去的」: 才…的 tells when money came, in the past; 「明年才到」 has no 的 after it.
_DENIED_BEFORE_CAME = re.compile(r"(没有|没|未|尚未|还没)[^，。；]{0,4}(到账|到位|打)")
_CAME_LATER = re.compile(
    r"\d{4}\s*年[^，。；]{0,8}才[^，。；]{0,4}(到账|到位|打过去|打过来|打款|付款|付清|转过去|到)的"
)


def arrived_later_in(after: str, lexicon: Lexicon) -> bool:
    """Whether the rest of a figure's clause says it arrived (「…是2024年1月到账的」), with no denial."""
    if _CAME_LATER.search(after) and not _DENIED_BEFORE_CAME.search(after):
        return True
    received = lexicon.figures.received.after
    pending = lexicon.figures.pending.after + lexicon.markers.negation
    return bool(find_words(after, received)) and not find_words(after, pending)


def cue_tables(
    lexicon: Lexicon, asking: bool
) -> tuple[list[tuple[str, str, str | None]], list[tuple[str, str, str | None]]]:
    """The cues before and after an amount, from the lexicon (the user's own estimates only when asking)."""
    figures = lexicon.figures
    before: list[tuple[str, str, str | None]] = []
    after: list[tuple[str, str, str | None]] = []
    for kind, table in (("received", figures.received), ("signed", figures.signed), ("pending", figures.pending)):
        before += [(kind, w, None) for w in table.before]
        after += [(kind, w, None) for w in table.after]
    for cue in figures.set_aside:
        if cue.only_when_asking and not asking:
            continue
        before += [("set_aside", w, cue.reason) for w in cue.before]
        after += [("set_aside", w, cue.reason) for w in cue.after]
    before += [("foreign", w, "外币金额") for w in figures.foreign_currency.before]
    after += [("foreign", w, "外币金额") for w in figures.foreign_currency.after]
    return before, after
