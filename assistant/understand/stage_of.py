"""The investee stage for a figure: its own, one said for every deal, or several the rule may settle.

A clear stage beats a vague round (A轮) said nearby; a stage the speaker doubts or has not chosen is
asked; a stage said of a deal set apart (「那笔不用管」) is no stage of the figures told.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import Any

from assistant.understand.figure_read import FigureRead
from assistant.understand.figure_wholes import REMAINDER_OPENS
from assistant.understand.nearest_mention import own_item, pick, sentence_of, shared_mentions
from assistant.understand.scan import StageMention
from assistant.understand.segments import INVESTING, DealContext, Segment

__all__ = ["stage_of"]


def _gapped(items: list, figure: FigureRead, segment: Segment, ctx: DealContext) -> Any:
    """「甲投广州初创期科小到账3.6亿，乙到账1.2亿」: a new investor with the object left out shares the one before.

    Only when the deal opens with a named institution and says nothing of its own investee (no
    place), and everything said earlier in the sentence agrees.
    """
    if not any(i.start == segment.start for i in ctx.institutions):
        return None
    if any(segment.holds(p.start) for p in ctx.places):
        return None
    earlier = [m for m in items if m.start < segment.start and sentence_of(ctx, m.start) == figure.clause.sentence]
    if earlier and len({m.stage for m in earlier}) == 1:
        return earlier[-1]
    joined = all(re.fullmatch(r"\s*(或|或者|和|、|及|/)\s*", ctx.text[a.end : b.start]) for a, b in pairwise(earlier))
    if len(earlier) > 1 and joined:  # 「投广州种子期、初创期科技型中小企业…，XX天使基金到账1亿」
        options = tuple(dict.fromkeys(m.stage for m in earlier if m.stage))
        return StageMention(
            earlier[0].start, earlier[-1].end, ctx.text[earlier[0].start : earlier[-1].end], None, False, options
        )
    return None


_TRANCHE_OPENS = re.compile(r"^[\s，,]*(?:其中)?(?:第一笔|第二笔|首笔|首期|第一期|第二期|一期|二期|头一笔|先到的)")


def _tranche(items: list, figure: FigureRead, segment: Segment, ctx: DealContext) -> Any:
    """「投了花都一家种子期企业3000万，第一笔1000万已经到账」: a tranche of the deal told just before.

    Only when the tranche names no place or institution of its own and the sentence before it one
    stage only.
    """
    if not _TRANCHE_OPENS.match(ctx.text[segment.start : segment.end]):
        return None
    if any(segment.holds(p.start) for p in ctx.places) or any(segment.holds(i.start) for i in ctx.institutions):
        return None
    earlier = [m for m in items if m.start < segment.start and sentence_of(ctx, m.start) == figure.clause.sentence]
    return earlier[-1] if earlier and len({m.stage for m in earlier}) == 1 else None


_ANOTHER_COMPANY = re.compile(r"另外一家|另一家|另外那家|别的公司|别家|另外一个项目|另一个项目")


_DISMISSED = re.compile(r"(?<!算)不算|不用管|不用算|不计|不考虑|不在这次|跟这次无关|不是这次")


def _of_another_company(stage: StageMention, ctx: DealContext) -> bool:
    """A stage said of a deal set apart, in a sentence with no figure of its own.

    「B轮的是另外一家在上海的公司，那笔不用管」「去年投的那个初创期项目是去年到账的，今年不算」.
    """
    clause = next((c for c in ctx.parts if c.holds(stage.start)), None)
    if clause is None:
        return False
    sentence = [c for c in ctx.parts if c.sentence == clause.sentence]
    told = " ".join(c.text for c in sentence)
    if not (_ANOTHER_COMPANY.search(clause.text) or _DISMISSED.search(told)):
        return False
    return not any(c.holds(f.start) for c in sentence for f in ctx.figures if f.role in INVESTING)


def stage_of(figure: FigureRead, segment: Segment, ctx: DealContext) -> StageMention | None:
    """The investee stage for a figure; a clear stage beats a vague round (A轮) said nearby."""
    ctx = replace(ctx, stages=[s for s in ctx.stages if not _of_another_company(s, ctx)])
    clear = [s for s in ctx.stages if not s.unclear]
    if figure.remainder:
        # 「…共3亿，其中…成长期的合计1.2亿，剩下3家都是初创期」: the rest has the stage its own clause gives.
        rest = [c for c in ctx.parts if c.start > figure.start and REMAINDER_OPENS.search(c.text)]
        return next((s for c in rest for s in clear if c.holds(s.start)), None)
    # 「算初创期还是成长期，我们内部有分歧」: a choice the speaker has not made is no stage.
    # 「算种子期、初创期还是成长期我也说不准」: a list ending in 还是 offers each of them.
    undecided = _either([s for s in clear if segment.holds(s.start)], ctx, joiners=r"还是|或是|、", needs="还是|或是")
    if undecided is not None:
        return undecided
    # 「B轮…这算不算初创期我也拿不准」: a stage the speaker doubts is asked, whatever else hints at one.
    doubted = pick([s for s in ctx.stages if s.unclear and s.stage], figure, segment, ctx, lambda s: s.stage)
    if doubted is not None:
        return doubted
    vague = own_item([s for s in ctx.stages if s.unclear], figure, ctx)
    if vague and not own_item(clear, figure, ctx) and any(figure.clause.holds(s.start) for s in clear):
        # 「天河一家天使轮800万、海珠一家Pre-A轮1200万、越秀一家C轮5000万」: the item's own vague round,
        # not the clear stage of the item next to it.
        return min(vague, key=lambda s: abs(s.start - figure.start))
    picked = pick(clear, figure, segment, ctx, lambda s: s.stage)
    if picked is None:
        picked = _gapped(clear, figure, segment, ctx) or _tranche(clear, figure, segment, ctx)
    if picked is None and ctx.speaker_investee and clear:
        picked = clear[0]
    if picked is None:
        picked = _either(clear, ctx)
    if picked is None:
        picked = _one_of_said(shared_mentions(ctx, clear))
    return picked or pick([s for s in ctx.stages if s.unclear], figure, segment, ctx, lambda s: s.text)


def _one_of_said(shared: list[StageMention]) -> StageMention | None:
    """「属于Pre-IPO轮、成熟期的项目」: stages said for every deal, which the rule may settle either way."""
    options = tuple(dict.fromkeys(s.stage for s in shared if s.stage))
    if len(options) < 2:
        return None
    first, last = shared[0], shared[-1]
    return StageMention(first.start, last.end, "、".join(s.text for s in shared), None, False, options)


def _either(
    stages: list[StageMention], ctx: DealContext, joiners: str = "或|或者|和|、|及|/", needs: str | None = None
) -> StageMention | None:
    """「都是投的种子期或初创期科小」: one of several stages, said for every deal (or of one deal, given).

    ``needs``: a joiner at least one gap of the list must be (「A、B还是C」 offers a choice by its 还是).
    """
    shared = shared_mentions(ctx, stages)
    for clause in {next((c for c in ctx.parts if c.holds(s.start)), None) for s in shared} - {None}:
        inside = sorted((s for s in shared if clause.holds(s.start)), key=lambda s: s.start)
        gaps = [ctx.text[a.end : b.start] for a, b in pairwise(inside)]
        joined = all(re.fullmatch(rf"\s*({joiners})\s*", gap) for gap in gaps)
        if needs is not None and not any(re.fullmatch(rf"\s*({needs})\s*", gap) for gap in gaps):
            joined = False
        if len(inside) > 1 and joined:
            options = tuple(dict.fromkeys(s.stage for s in inside if s.stage))
            text = ctx.text[inside[0].start : inside[-1].end]
            return StageMention(inside[0].start, inside[-1].end, text, None, False, options)
    return None
