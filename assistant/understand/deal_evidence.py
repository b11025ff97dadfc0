"""Whether a segment's figures make a deal, and what their own clauses say of their arrival.

A figure alone is not an investment: the deal must say whom the money went to (a verb, an
investee, a stage). The fund's own money (its size, capital, LP commitments, fees) and the
brackets that explain it are set apart from the deal.
"""

from __future__ import annotations

import re

from assistant.understand.arrival import NONE_ARRIVED
from assistant.understand.figure_read import FigureRead
from assistant.understand.segments import INVESTING, DealContext, Segment
from assistant.understand.text import find_words
from corpus.lexicon import Lexicon

__all__ = [
    "deal_evidence",
    "fund_figure",
    "in_fund_bracket",
    "not_arrived_after",
    "own_clause_status",
    "without_set_aside_clauses",
]

_FUND_REASONS = ("规模", "注册资本", "LP", "费用")


def without_set_aside_clauses(seg_text: str, offset: int, figures: list[FigureRead]) -> str:
    """The segment's words outside the clauses of its set-aside figures (blanked, positions kept).

    A clause that also holds an investing figure keeps its words (「签约3000万其中100万计入注册资本」).
    """
    chars = list(seg_text)
    investing = [f.clause for f in figures if f.role in INVESTING]
    for figure in figures:
        if figure.role != "set_aside" or figure.clause in investing:
            continue
        start, end = max(figure.clause.start - offset, 0), min(figure.clause.end - offset, len(chars))
        chars[start:end] = "，" * max(end - start, 0)
    return "".join(chars)


def deal_evidence(seg_text: str, ctx: DealContext, lexicon: Lexicon) -> bool:
    """Whether a deal says whom money went to (a verb, an investee, a stage), not just a figure."""
    verbs = [v for v in lexicon.verbs.invest if v not in ("到账", "实缴", "打款", "出资")]
    return bool(
        find_words(seg_text, verbs)
        or find_words(seg_text, lexicon.parties.investee_nouns)
        or any(s.stage or s.unclear for s in ctx.stages if seg_text.find(s.text) >= 0)
    )


def fund_figure(segment: Segment, ctx: DealContext) -> FigureRead | None:
    """A figure of the fund itself (规模、注册资本) in the same sentence as a deal without evidence."""
    sentences = {f.clause.sentence for f in segment.figures}
    return next(
        (
            f
            for f in ctx.figures
            if f.role == "set_aside"
            and f.clause.sentence in sentences
            and f.reason
            and any(word in f.reason for word in _FUND_REASONS)  # the fund's own money: size, capital, LP, fees
        ),
        None,
    )


def in_fund_bracket(figure: FigureRead, ctx: DealContext) -> bool:
    """「基金规模15亿（LP认缴15亿，目前实缴9亿左右）」: a bracket after the fund's own figure is about the fund."""
    text = ctx.text
    opening = max(text.rfind("（", 0, figure.start), text.rfind("(", 0, figure.start))
    if opening < 0 or max(text.rfind("）", opening, figure.start), text.rfind(")", opening, figure.start)) >= 0:
        return False
    return any(
        f.role == "set_aside"
        and f.reason
        and any(word in f.reason for word in _FUND_REASONS)
        and 0 <= opening - f.mention.span[1] <= 1
        for f in ctx.figures
    )


def not_arrived_after(figure: FigureRead, ctx: DealContext) -> bool:
    """Whether the sentence goes on to say the figure has not arrived, before it names another figure."""
    end = figure.mention.span[1]
    later = [f.start for f in ctx.figures if f.start > figure.start]
    stops = [i for mark in "。；;！？!?\n" if (i := ctx.text.find(mark, end)) >= 0]
    stop = min([*later, *stops], default=len(ctx.text))
    rest = ctx.text[end:stop]
    return bool(NONE_ARRIVED.search(rest)) and not re.search(r"到账|到了|到位|打了|已付", NONE_ARRIVED.sub("", rest))


def own_clause_status(figure: FigureRead, received_words: re.Pattern[str]) -> str | None:
    """What a plain figure's own clause says of its arrival, when that clause is one of several."""
    if figure.role != "plain" or figure.clause.text.strip() == "":
        return None
    text = figure.clause.text
    arrived = received_words.search(NONE_ARRIVED.sub("，", text))
    if NONE_ARRIVED.search(text) and not arrived:
        return "pending"
    return "received" if arrived else None
