"""Which years one figure's money belongs to: per year, a total over years, or shares paid year by year.

「2023年和2024年各投了1亿」 is 1亿 in each year, 「两年累计4亿」 a total over two years, and
「投资款4000万，分两年到，2022年到了一半，2023年到了剩下一半」 2000万 in 2022 and 2000万 in 2023:
each clause after the figure (up to the next figure) that names a year and the share that arrived
in it is one tranche; 「剩下」「另」 is what the shares before it leave.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.understand.attributes import count_of
from assistant.understand.figure_read import FigureRead
from assistant.understand.model import Investment
from assistant.understand.scan import YearMention
from assistant.understand.segments import DealContext, Segment
from assistant.understand.text import find_words
from corpus.lexicon import Lexicon
from corpus.numerals import DIGITS

__all__ = ["spread", "year_tranches"]

_SHARE_IN = re.compile(
    r"(?:到了|到账了?|到位了?|打了|打款|付了)[^，。；\d]{0,3}?(剩下的?|剩余的?|另外的?|另)?"
    r"(一半|([一二三四五六七八九])成|(\d+(?:\.\d+)?)\s*[%％])"
)


def year_tranches(figure: FigureRead, segment: Segment, ctx: DealContext) -> list[tuple[int, Decimal]]:
    """(year, share) for each tranche the clauses after ``figure`` tell, or [] when they tell fewer than two."""
    end = min([f.start for f in ctx.figures if f.start > figure.start] + [segment.end])
    found: list[tuple[int, Decimal]] = []
    for clause in ctx.parts:
        if clause.start < figure.mention.span[1] or clause.start >= end:
            continue
        m = _SHARE_IN.search(clause.text)
        if m is None:
            continue
        years = [y for y in ctx.years if clause.start <= y.start < clause.end and len(y.years) == 1]
        if len(years) != 1:
            return []
        told = sum((share for _, share in found), Decimal(0))
        if m.group(1):
            share = Decimal(1) - told  # 「剩下一半」: what the tranches before it leave
        elif m.group(3):
            share = Decimal(DIGITS[m.group(3)]) / 10
        elif m.group(4):
            share = Decimal(m.group(4)) / 100
        else:
            share = Decimal("0.5")
        found.append((years[0].years[0], share))
    if len(found) < 2 or sum(share for _, share in found) > 1 or len({y for y, _ in found}) < len(found):
        return []
    return found


def spread(
    base: Investment, figure: FigureRead, segment: Segment, year: YearMention | None, ctx: DealContext, lexicon: Lexicon
) -> list[Investment]:
    """One figure as the investments it stands for: per year (各、每年), per company (各), or a total over years."""
    years = year.years if year else ()
    # 「每年具体多少我手上没有」 after the figure says nothing about it.
    every_year = bool(
        find_words(ctx.text[segment.start : figure.start + len(figure.mention.text) + 2], lexicon.markers.every_year)
    )
    if year is not None and year.span == 0:
        return [base.model_copy(update={"year": None, "years_spanned": 0})]
    if len(years) > 1:
        if figure.respectively:
            listed = [f for f in segment.figures if f.respectively and f.clause.start == figure.clause.start]
            if len(listed) == len(years):
                return [base.model_copy(update={"year": years[listed.index(figure)]})]
        if figure.each or every_year:
            return [base.model_copy(update={"year": y}) for y in years]
        return [base.model_copy(update={"year": None, "years_spanned": len(years)})]
    single = years[0] if years else None
    if figure.each:
        count = count_of(ctx.text[max(segment.start, figure.clause.start - 40) : figure.start], last=True)
        if count and 1 < count <= 20:
            return [base.model_copy(update={"year": single}) for _ in range(count)]
    return [base.model_copy(update={"year": single})]
