"""Which of a message's mentions (a stage, a place, a year) is a figure's own.

The nearest mention wins: the figure's own clause, then its deal, then the list it opens, then what
the message says of every deal (「都在广州」「钱都到了」).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.understand.figure_read import FigureRead
from assistant.understand.segments import INVESTING, DealContext, Segment

__all__ = ["LIST_BREAK", "between", "investing_clauses", "own_item", "pick", "sentence_of", "shared_mentions"]

_LIST_OPENS = re.compile(r"[：:]|(?:\d+|[两二三四五六七八九十几])\s*(?:家|个|笔|只)")


def investing_clauses(ctx: DealContext) -> set[int]:
    """Where the clauses that hold an investment figure start."""
    return {f.clause.start for f in ctx.figures if f.role in INVESTING}


# 「1. 广州启明光电（黄埔），初创期，到账2000万」: a numbered line of a list, one deal per line.
_ITEM_LINE = re.compile(
    r"^[ \t]*(?:\d{1,2}[.、)）]|[①②③④⑤⑥⑦⑧⑨⑩]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、)[^\n]*", re.M
)


def _dealt_lines(ctx: DealContext) -> list[tuple[int, int]]:
    """The numbered lines that hold an investment figure of their own."""
    spans = [m.span() for m in _ITEM_LINE.finditer(ctx.text)]
    return [(a, b) for a, b in spans if any(a <= f.start < b for f in ctx.figures if f.role in INVESTING)]


def shared_mentions(ctx: DealContext, items: list) -> list:
    """Mentions in clauses without an investment figure: what the message says of every deal.

    A mention on a numbered line that holds its own deal is that deal's, not every deal's.
    """
    busy = investing_clauses(ctx)
    lines = _dealt_lines(ctx)
    return [
        m
        for m in items
        if next((c.start for c in ctx.parts if c.holds(m.start)), -1) not in busy
        and not any(a <= m.start < b for a, b in lines)
    ]


def _head(ctx: DealContext, items: list, figure: FigureRead) -> list:
    """Mentions that open a list of deals (「投了三家种子期企业：海珠一家…、番禺一家…」): shared by the list."""
    # 「…都投了黄埔同一家初创期的企业：天河那只…6000万；香港那只…3000万」: a list runs on across 「；」.
    sentences = _list_sentences(ctx, figure.clause.sentence)
    first = next((f for f in ctx.figures if f.clause.sentence in sentences and f.role in INVESTING), None)
    if first is None:
        return []
    opening = [m for m in items if m.start < first.start and sentence_of(ctx, m.start) in sentences]
    return [m for m in opening if _LIST_OPENS.search(ctx.text[m.start : first.start])]


def _list_sentences(ctx: DealContext, sentence: int) -> set[int]:
    """The sentence and those before it that end in 「；」, back to the one opening the list."""
    found = {sentence}
    while sentence > 0:
        start = min((c.start for c in ctx.parts if c.sentence == sentence), default=0)
        if start == 0 or ctx.text[start - 1] not in "；;":
            break
        sentence -= 1
        found.add(sentence)
    return found


def sentence_of(ctx: DealContext, position: int) -> int:
    """The sentence that holds ``position`` (-1 when no clause does)."""
    return next((c.sentence for c in ctx.parts if c.holds(position)), -1)


LIST_BREAK = re.compile(r"[、；;/]")


def between(text: str, mention: Any, figure: FigureRead) -> str:
    """The text between a mention and a figure, whichever comes first."""
    start, end = figure.mention.span
    return text[mention.end : start] if mention.start < start else text[end : mention.start]


def pick(items: list, figure: FigureRead, segment: Segment, ctx: DealContext, key: Callable[[Any], object]) -> Any:
    """The mention nearest the figure: its clause first, then its deal, then what is said for all."""
    own = [m for m in items if figure.clause.holds(m.start)]
    if own:
        # 「广州初创期科小2亿、佛山种子期科小1亿」: a list item's own mention, not one across 、 from it.
        same_item = [m for m in own if not LIST_BREAK.search(between(ctx.text, m, figure))]
        return min(same_item or own, key=lambda m: abs(m.start - figure.start))
    # 「实际到账只有3000万…；成长期那家1亿倒是全部到账了」: a mention in another figure's own clause is that one's.
    in_deal = [m for m in items if segment.holds(m.start) and not _owned_elsewhere(m, figure, ctx)]
    if in_deal:
        before = [m for m in in_deal if m.start < figure.start]
        return before[-1] if before else in_deal[0]
    head = _head(ctx, items, figure)
    if head:
        return head[-1]
    shared = shared_mentions(ctx, items)
    if shared and len({key(m) for m in shared}) == 1:
        return shared[0]
    return None


def _owned_elsewhere(mention: Any, figure: FigureRead, ctx: DealContext) -> bool:
    """Whether the mention sits in the clause of another investing figure after ``figure``'s own."""
    return any(
        f is not figure and f.role in INVESTING and f.clause.holds(mention.start) and f.start > figure.start
        for f in ctx.figures
    )


def own_item(items: list, figure: FigureRead, ctx: DealContext) -> list:
    """Mentions in the figure's own clause with no list break (、；/) between them and the figure."""
    return [m for m in items if figure.clause.holds(m.start) and not LIST_BREAK.search(between(ctx.text, m, figure))]
