"""Totals among a message's figures: a figure its listed parts add up to is not counted twice."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.understand.figure_read import FigureRead
from assistant.understand.model import Figure, Investment, Question
from assistant.understand.segments import INVESTING, DealContext
from corpus.numerals import DIGITS

__all__ = ["Built", "deal_count", "round_totals", "set_aside_already", "settle_totals"]


@dataclass
class Built:
    """What a message's deals come to: the investments, the figures set aside, the questions."""

    investments: list[Investment] = field(default_factory=list)
    set_aside: list[Figure] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


def set_aside_already(figure: FigureRead, built: Built) -> bool:
    """Whether the figure is already set aside as a total."""
    return any(
        f.text == figure.mention.text and f.value == figure.mention.value and f.reason.startswith("合计")
        for f in built.set_aside
    )


# Without 共, only a figure that opens its parts (「融了5000万：深圳的基金投了3000万…」) is their total;
# 「甲公司到账1500万，乙公司到账900万，丙公司到账600万」 is three peers whatever they add up to.
_PARTS_OPENERS = (
    "：",
    ":",
    "其中",
    "包括",
    "分别是",
    "具体是",
    "具体来说",
    "拆开",
    "分成",
    "由",
    "里有",
    "里面有",
    "里头有",
    "当中有",
)


# 「这轮3000万全部到账，我们出900万，北京那家出2100万」: a round's size is the sum of its investors' parts.
_ROUND = re.compile(r"(这一?轮|本轮|整轮|该轮|这次融资|本次融资)[^，。；\d]{0,4}$")


_ROUND_TOTAL = re.compile(
    r"(这一?轮|本轮|整轮|该轮|这次融资|本次融资)[^，。；\d]{0,4}\d|总融资|融资总额|轮次?总额"
    r"|(?i:total round|round size|whole round|round total|the round is|total raise)"
)


def round_totals(investments: list[Investment]) -> tuple[list[Investment], list[Figure]]:
    """「这轮总融资4.2亿」 after each investor's part was told: the round's size is no deal of its own.

    A figure told as the round's size that equals the sum of two or more other deals in the same
    investee is their total, across messages too; it is set aside.
    """
    kept, aside = list(investments), []
    for deal in investments:
        if not _ROUND_TOTAL.search(deal.clause or ""):
            continue
        peers = [
            i
            for i in kept
            if i is not deal
            and i.investee_place == deal.investee_place
            and (i.year == deal.year or None in (i.year, deal.year))
        ]
        if len(peers) >= 2 and sum(i.amount for i in peers) == deal.amount:
            kept.remove(deal)
            aside.append(Figure(text=deal.written, value=deal.amount, reason="本轮融资总额，已按各投资方分别计入"))
    return kept, aside


def _opens_parts(between: str) -> bool:
    return any(word in between for word in _PARTS_OPENERS)


def settle_totals(ctx: DealContext, built: Built) -> None:
    """A total whose parts are listed too (「共5000万：领投3000万、跟投2000万」) is not counted twice.

    A figure equal to the sum of two or more later figures of its sentence is such a total even
    without 共 (「今年A轮融了5000万：深圳的基金投了3000万，香港的基金投了2000万」).
    """
    for figure in ctx.figures:
        if figure.role not in INVESTING:
            continue
        if figure.respectively and not figure.total:
            continue  # 「分别到账2000万、1500万、500万」: one of the list, even when the rest add up to it
        later = [
            f
            for f in ctx.figures
            if f.start > figure.start
            and f.role in ("received", "plain")
            and f.clause.sentence == figure.clause.sentence
        ]
        if not figure.total and (
            len(later) < 2
            or sum(f.mention.value for f in later) != figure.mention.value
            or not (_opens_parts(ctx.text[figure.mention.span[1] : later[0].start]) or _ROUND.search(figure.before))
        ):
            continue
        sentence = figure.clause.sentence
        # 「共2亿，其中2家在广州（合计1.4亿），1家在深圳（6000万）」: a sub-total after the total is a part.
        parts = [
            f
            for f in ctx.figures
            if f is not figure
            and f.role in ("received", "plain")
            and (not f.total or f.start > figure.start)
            and f.clause.sentence == sentence
        ]
        # 「甲…2.8亿，乙…1.2亿。有人说合起来4亿」: a total said after its parts, in a later sentence.
        earlier = [
            f for f in ctx.figures if f.start < figure.start and f.role in INVESTING and not set_aside_already(f, built)
        ]
        if (parts and sum(p.mention.value for p in parts) == figure.mention.value) or (
            figure.total and len(earlier) >= 2 and sum(f.mention.value for f in earlier) == figure.mention.value
        ):
            built.set_aside.append(
                Figure(text=figure.mention.text, value=figure.mention.value, reason="合计数，已按各笔分别计入")
            )
        elif figure.total and earlier and _tranches_within(ctx, earlier, figure):
            # 「第一笔到账2800万，一共到账3600万」: the first tranche is inside the total, not beside it.
            built.set_aside += [
                Figure(
                    text=f.mention.text, value=f.mention.value, reason=f"合计数的一部分，已含在{figure.mention.text}里"
                )
                for f in earlier
            ]


_ANOTHER_DEAL = re.compile(r"(?<![A-Za-z])[A-Z甲乙丙丁](?:公司|企业|项目)|另一家|另外一家|另一笔|还有一家")
# 「第一笔」「首期」「只是其中一部分」: a figure told as one tranche of money a total is given for later.
_TRANCHE = re.compile(r"第一笔|首笔|头一笔|第一期|首期|一期|第一批|首批|其中一部分|一部分")


def _tranches_within(ctx: DealContext, earlier: list[FigureRead], total: FigureRead) -> bool:
    """Whether the figures before a total are tranches of it: each called one, together less than it."""
    if sum(f.mention.value for f in earlier) >= total.mention.value:
        return False
    # 「A公司第一期到账500万；B公司一共到账2000万」: a place, an institution or another company named between
    # makes the total another deal's.
    first = min(f.start for f in earlier)
    if any(first < p.start < total.start for p in ctx.places) or any(
        first < i.start < total.start for i in ctx.institutions
    ):
        return False
    if _ANOTHER_DEAL.search(ctx.text[first : total.start]):
        return False
    return all(
        _TRANCHE.search(ctx.text[max(0, f.start - 8) : f.start] + ctx.text[f.mention.span[1] : f.mention.span[1] + 8])
        for f in earlier
    )


_COUNTED_DEALS = re.compile(r"投(?:了|资了)?[^，。；0-9]{0,8}?([两二三四五六七八九]|\d)\s*(?:家|笔|个项目)")


def deal_count(text: str, figures: list) -> int | None:
    """「今年投了广州两家初创期企业」: how many deals the message counts, unless a total or 各 covers them."""
    m = _COUNTED_DEALS.search(text)
    if m is None or any(f.total or f.each or f.respectively for f in figures):
        return None
    count = int(m.group(1)) if m.group(1).isdigit() else DIGITS[m.group(1)]
    # 「一共投了6家…签约总额5.5亿，年内实际到账4个亿」: the one figure that arrived is the count's total.
    arrived = [f for f in figures if f.role == "received"]
    if len(arrived) == 1 and any(f.total or re.search(r"总额|总共|合计|一共", f.before[-8:]) for f in figures):
        return None
    return count if 2 <= count <= 20 else None
