"""Cutting a message into deals, each figure in the deal it falls in.

A new deal starts at an introducer (「另一家」「又投了」), a named institution, or a clause that
starts investing again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from assistant.understand.deal_labels import deal_label
from assistant.understand.figure_read import FigureRead
from assistant.understand.institutions import InstitutionMention
from assistant.understand.parties import PlaceRead
from assistant.understand.scan import StageMention, YearMention
from assistant.understand.text import Clause, find_words
from corpus.lexicon import Lexicon

__all__ = ["INVESTING", "DealContext", "Segment", "segments"]

INVESTING = ("received", "signed", "pending", "plain", "foreign")
_INVEST_START = re.compile(
    r"^[^，。；]{0,6}?(又|还|再|也)?(投了|投资了|投资|投|领投|跟投|入股|注资)(?!协议|款|额|金额|方|人|机构|基金|的是|总额)"
)


@dataclass
class Segment:
    """One deal: a stretch of the message and its figures."""

    start: int
    end: int
    figures: list[FigureRead] = field(default_factory=list)

    def holds(self, position: int) -> bool:
        """Whether ``position`` falls in this deal."""
        return self.start <= position < self.end


@dataclass(frozen=True)
class DealContext:
    """Everything the assembly reads, gathered by the reader."""

    text: str
    parts: list[Clause]
    figures: list[FigureRead]
    places: list[PlaceRead]
    stages: list[StageMention]
    years: list[YearMention]
    institutions: list[InstitutionMention]
    speaker_investee: bool
    speaker_place: PlaceRead | None
    this_year: int


def segments(ctx: DealContext, lexicon: Lexicon) -> list[Segment]:
    """Cut the message into deals at each introducer, named institution or new investing clause."""
    text = ctx.text
    starts = {m.start() for m in find_words(text, lexicon.markers.introducers)}
    starts |= {i.start for i in ctx.institutions}
    starts |= {c.start for c in ctx.parts if _INVEST_START.match(c.text)}
    # 「A是初创期，投1200万；B是成长期，投3000万」: a clause naming the next deal opens it, with its stage.
    starts |= {c.start for c in ctx.parts if deal_label(c.text)}
    # A list pasted line by line (「1. 甲公司，佛山南海，…」「2025-09 A公司 黄埔 …」): each line a deal.
    starts |= {m.start() + 1 for m in re.finditer(r"\n", text)}
    # 「…；3）番禺的项目，签了1.5个亿，也全到了；4）海珠的…」: a numbered item in one line is a deal too.
    starts |= {m.start(1) for m in re.finditer(r"(?:^|[；;。，,：:\s])([1-9][)）])", text)}
    cuts: list[int] = []
    current = 0
    for position in sorted(starts):
        clause = next((c for c in ctx.parts if c.holds(position)), None)
        # 「3）深圳前海一家天使轮公司」: the words before the introducer in its clause open the new deal too.
        if clause is not None and not any(clause.start <= f.start < position for f in ctx.figures):
            position = max(clause.start, current)
        if position > current and any(current <= f.start < position and f.role in INVESTING for f in ctx.figures):
            cuts.append(position)
            current = position
    bounds = [0, *cuts, len(text)]
    found = [Segment(a, b) for a, b in pairwise(bounds) if b > a]
    for figure in ctx.figures:
        next(s for s in found if s.holds(figure.start)).figures.append(figure)
    return found
