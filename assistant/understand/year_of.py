"""The year (or years) money of a figure arrived in.

Its own clause first, then its deal, then the year said before; a year still to come, or the year of
a question asked, is no year a stated amount arrived in.
"""

from __future__ import annotations

import re

from assistant.understand.figure_read import FigureRead
from assistant.understand.nearest_mention import LIST_BREAK, between, sentence_of
from assistant.understand.scan import YearMention
from assistant.understand.segments import DealContext, Segment

__all__ = ["year_of"]


def year_of(figure: FigureRead, segment: Segment, ctx: DealContext) -> YearMention | None:
    """The year (or years) for a figure: its clause, its deal, the year said before, or the one year said."""
    own = [y for y in ctx.years if figure.clause.holds(y.start)]
    if own and all(y.implicit for y in own):
        # 「2024年投了…，年初到账300万，年底又到账700万」: a month or 年初 of the year just named.
        named = [
            y
            for y in ctx.years
            if not y.implicit and y.start < figure.clause.start and sentence_of(ctx, y.start) == figure.clause.sentence
        ]
        if named:
            return named[-1]
    every = _arrived_for_all(ctx)
    if every is not None and not any(_ARRIVED_AFTER.match(ctx.text[y.end : figure.clause.end]) for y in own):
        # 「2024年签了两个项目…两笔都是2025年到的」: the year all the money arrived beats a year of signing.
        return every
    if own:
        # 「第一期九百万上个月已经打过去了」: the figure's own clause says when, even as a month. In a list
        # (「2022年到账1亿、2023年到账5亿」) the year of the figure's own item, not one across 、.
        same_item = [y for y in own if not LIST_BREAK.search(between(ctx.text, y, figure))]
        return min(same_item or own, key=lambda y: (y.implicit, abs(y.start - figure.start)))
    in_deal = [
        y
        for y in ctx.years
        if segment.holds(y.start) and not y.implicit and not _future(y, ctx) and not _in_question(y, ctx)
    ]
    if in_deal:
        return in_deal[-1] if in_deal[-1].start < figure.start else in_deal[0]
    # 「已到账2000万（剩下1000万约定明年一季度打）」: a year to come said of money still awaited is that
    # money's, not the year of the deals after it.
    earlier = [
        y
        for y in ctx.years
        if y.start < segment.start and not y.implicit and not _of_awaited(y, ctx) and not _in_question(y, ctx)
    ]
    if earlier:
        return earlier[-1]
    # 「现在到账2000万，剩下1000万要等明年」: a year still to come is no year money arrived in.
    later = [y for y in ctx.years if not y.implicit and not _future(y, ctx)]
    if later and len({y.years for y in later}) == 1:
        return later[0]
    implicit = [y for y in ctx.years if y.implicit and (figure.clause.holds(y.start) or segment.holds(y.start))]
    return implicit[0] if implicit else None


# 「两笔都是今年到的」「钱全部在2025年到位」: when every deal's money arrived, in a clause of its own.
_ALL_BEFORE = re.compile(r"(?:都|均|全部|全都|统统|一起|同时)(?:是|在|于)?\s*$")
_ARRIVED_AFTER = re.compile(
    r"^\s*(?:年)?(?:内|里|上半年|下半年|年底|年初)?(?:才|就)?(?:到|到账|到位|打|打款|进账|入账|付)"
)


def _arrived_for_all(ctx: DealContext) -> YearMention | None:
    """The one year a figure-free clause says all the message's money arrived in."""
    for year in ctx.years:
        clause = next((c for c in ctx.parts if c.holds(year.start)), None)
        if year.implicit or clause is None or any(clause.holds(f.start) for f in ctx.figures):
            continue
        if _ALL_BEFORE.search(ctx.text[clause.start : year.start]) and _ARRIVED_AFTER.match(
            ctx.text[year.end : clause.end]
        ):
            return year
    return None


def _of_awaited(year: YearMention, ctx: DealContext) -> bool:
    """A future year in the clause of a figure still to come (pending or signed)."""
    return _future(year, ctx) and any(
        f.clause.holds(year.start) and f.role in ("pending", "signed") for f in ctx.figures
    )


_ASKING = re.compile(r"多少|能拿|能报|可以拿|可以报|能申请|吗|[？?]")


def _in_question(year: YearMention, ctx: DealContext) -> bool:
    """「…到账2亿。今年能拿多少？」: the year of the question asked, not of a deal told before it."""
    clause = next((c for c in ctx.parts if c.holds(year.start)), None)
    if clause is None or any(clause.holds(f.start) for f in ctx.figures):
        return False
    return bool(_ASKING.search(ctx.text[clause.start : clause.end + 1]))


def _future(year: YearMention, ctx: DealContext) -> bool:
    """A year after this one (「明年再打」) is when money will come, never when a stated amount arrived."""
    return bool(year.years) and min(year.years) > ctx.this_year
