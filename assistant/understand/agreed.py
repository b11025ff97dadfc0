"""Which figure of a deal is what was agreed and which is what arrived.

「投我们5000万，目前到账4000万」: the larger figure is the agreed amount; 「投资1800万元，已到位1800万元」:
the arrival restates the investment. Either way the deal counts once, through what arrived.
"""

from __future__ import annotations

import re

from assistant.understand.figure_read import FigureRead
from assistant.understand.segments import DealContext
from corpus.lexicon import Lexicon

__all__ = ["PARTIAL_NOW", "agreed_total", "restated_by"]

PARTIAL_NOW = re.compile(r"目前|现在|已经|先|首期|第一期|其中")


# 「乙基金出6000万，到了4000万」: the next clause only says how much of it arrived.
_ONLY_ARRIVED = re.compile(
    r"^\s*(?:但是?|不过|可|实际|实际上)?(?:只|才|仅)?(?:到了|到账了?|到位了?|实际到账|已到账|打了|打过来了?)\s*$"
)


def agreed_total(figure: FigureRead, investing: list[FigureRead]) -> bool:
    """「投我们5000万，目前到账4000万」: in one deal, a plain figure above what arrived is the agreed amount."""
    received = [f for f in investing if f.role == "received" and f.start > figure.start]
    partial = any(PARTIAL_NOW.search(f.before) for f in received)
    later = [f for f in investing if f.start > figure.start]
    following = min(later, key=lambda f: f.start) if later else None
    arrival_next = (
        following is not None
        and following.role == "received"
        and following.clause.sentence == figure.clause.sentence
        and bool(_ONLY_ARRIVED.match(following.before))
    )
    if arrival_next and figure.mention.value > following.mention.value:  # type: ignore[union-attr]
        return True
    return bool(received) and partial and figure.mention.value > sum(f.mention.value for f in received)


_ARRIVAL_LEAD = re.compile(r"^[，,、\s]*(?:并且?|而且|目前|现在|现)?(?:已经|已|均已|都已|也已|都|均|全部|实际)?\s*$")


def restated_by(figure: FigureRead, ctx: DealContext, lexicon: Lexicon) -> str | None:
    """「投资1800万元，已到位1800万元」: the next figure says the same money arrived; it is one deal.

    Only when nothing but an arrival phrase stands between the two equal figures: 「甲5000万，乙5000万
    已到账」 names another investee in between and stays two deals.
    """
    later = [f for f in ctx.figures if f.start > figure.start]
    if not later:
        return None
    nxt = min(later, key=lambda f: f.start)
    if nxt.role != "received" or nxt.mention.value != figure.mention.value:
        return None
    if nxt.clause.sentence != figure.clause.sentence:
        return None
    between = ctx.text[figure.mention.span[1] : nxt.start]
    for word in sorted(lexicon.figures.received.before, key=len, reverse=True):
        at = between.rfind(word)
        if at >= 0 and between[at + len(word) :].strip(" 了") == "":
            return between.strip("，,、 ") + nxt.mention.text if _ARRIVAL_LEAD.match(between[:at]) else None
    return None
