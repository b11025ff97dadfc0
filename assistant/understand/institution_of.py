"""Whose money a figure is: the institution named in its deal, the asker, or the one named last.

Figures said 分别 go to the institutions in the order named; a co-investor opening the figure's
sentence paid it; a third party named in an earlier clause (an LP) pays nothing.
"""

from __future__ import annotations

import re

from assistant.understand.figure_read import FigureRead
from assistant.understand.model import SELF
from assistant.understand.nearest_mention import sentence_of
from assistant.understand.segments import DealContext, Segment

__all__ = ["institution_of"]

_SELF_IN_CLAUSE = re.compile(
    r"(?<![跟和与同给])(我们|我方|我司|本机构|本基金)(?=[^，。；的]{0,6}(实际)?(到账|到了|出了|出资|投了|打了|打款|认缴|实缴))"
)


def institution_of(segment: Segment, figure: FigureRead, ctx: DealContext, sticky: str) -> str:
    """The institution a figure belongs to: one named in its deal, else the last one named."""
    if figure.respectively:
        # 「深圳的A创投、上海的B创投…分别到账2亿和1亿」: the figures go to the institutions in the order named.
        listed = [f for f in ctx.figures if f.respectively and f.clause.sentence == figure.clause.sentence]
        before = [
            i
            for i in ctx.institutions
            if i.start < listed[0].start and not i.third_party and sentence_of(ctx, i.start) <= figure.clause.sentence
        ]
        # 「深圳的A创投」 is named twice (by its place and by its letter): the inner name stands for it.
        inner = [i for i in before if not any(o is not i and i.start <= o.start and o.end <= i.end for o in before)]
        named = list(dict.fromkeys(i.key for i in inner))
        # 「A基金投了白云两家企业，分别到账1.8亿元和2.2亿元」: one institution opening the figures' own sentence
        # is their subject; 分别 lists its deals, not the institutions named before.
        subject = {i.key for i in inner if sentence_of(ctx, i.start) == figure.clause.sentence}
        if len(named) == len(listed) > 1 and len(subject) != 1:
            return named[listed.index(figure)]
    inside = [
        i
        for i in ctx.institutions
        if (segment.start <= i.start < figure.start and not i.third_party) or figure.clause.holds(i.start)
    ]
    # 「深圳A资本1800万、香港B基金700万」: each figure is the one named right before it.
    # 「LP里有不少深圳的企业家。最近投了黄埔一家…800万」: a third party named in an earlier clause (an LP,
    # a co-investor) is no payer of a later figure; only its own clause gives it one.
    before = [i for i in inside if i.start < figure.start and (not i.third_party or figure.clause.holds(i.start))]
    # 「其中我们实际到账4500万，上海那家到了6000万」: the asker named in the figure's own clause, after
    # any institution named there, is whose figure it is.
    own = [m.start() for m in _SELF_IN_CLAUSE.finditer(ctx.text, figure.clause.start, figure.start)]
    if (partner := _partner_as_subject(figure, ctx)) is not None:
        return partner
    if own and (not before or max(i.start for i in before) < own[-1]) and not ctx.speaker_investee:
        return SELF
    if before:
        return max(before, key=lambda i: i.start).key
    if inside:
        return inside[-1].key
    # 「香洲那家领投，到账5000万；我们跟投，到账1000万」: the asker names itself in the figure's part of
    # the sentence, after the partner that paid the figure before.
    part_start = max(ctx.text.rfind(mark, 0, figure.start) for mark in "。；;！？!?\n") + 1
    if sticky != SELF and _SELF_WORD.search(ctx.text, part_start, figure.start) and not ctx.speaker_investee:
        return SELF
    return sticky


_SELF_WORD = re.compile(r"我们|我方|我司|本机构|本基金|咱们")
# 「跟我们没有关联关系」: the asker as an object says nothing of who paid.
_SELF_SUBJECT = re.compile(r"(?<![跟和与同给比对])(我们|我方|我司|本机构|本基金|咱们)")
# 「同一轮还有东莞的另一家创投跟投」: an opening that only introduces the co-investor.
_INTRODUCES = re.compile(r"^(?:同一?轮|这一?轮|本轮)?(?:还有|另有|另外还有|另外有|另外|也有)?$")


def _partner_as_subject(figure: FigureRead, ctx: DealContext) -> str | None:
    """「福田那家领投，到账3000万」: a co-investor that opens the figure's sentence is its payer.

    Only with no word of the asker between it and the figure: 「我们跟投」 takes the figures after it back.
    """
    sentence_start = min((c.start for c in ctx.parts if c.sentence == figure.clause.sentence), default=0)
    for mention in ctx.institutions:
        if not mention.third_party or not (sentence_start <= mention.start < figure.start):
            continue
        opening = ctx.text[sentence_start : mention.start].strip()
        if (len(opening) <= 2 or _INTRODUCES.match(opening)) and not _SELF_SUBJECT.search(
            ctx.text[mention.end : figure.start]
        ):
            return mention.key
    return None
