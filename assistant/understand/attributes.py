"""A figure's investee place and technology status, and how many companies a text counts.

A startup describing itself gives its own place and its own words say what it is; one investee
place said in the whole message covers every deal.
"""

from __future__ import annotations

import re

from assistant.understand.doubts import tech_doubted
from assistant.understand.figure_read import FigureRead
from assistant.understand.nearest_mention import pick
from assistant.understand.parties import PlaceRead
from assistant.understand.segments import DealContext, Segment
from assistant.understand.text import find_words, word_pattern
from corpus.lexicon import Lexicon

__all__ = ["count_of", "place_of", "tech_of"]

# 「种子期、初创期各一家」: one of each kind counts the kinds, not the companies (各 before it).
_COUNT = re.compile(r"(?<!各)(\d+|[一二两三四五六七八九十])\s*(?:家|个项目|个企业|笔|只|个|次|期)")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def place_of(figure: FigureRead, segment: Segment, ctx: DealContext) -> PlaceRead | None:
    """The investee place for a figure; a startup speaking of itself gives its own."""
    investee = [p for p in ctx.places if p.role == "investee"]
    picked = pick(investee, figure, segment, ctx, lambda p: p.place.city)
    if picked is not None:
        return picked
    if ctx.speaker_investee and ctx.speaker_place is not None:
        return ctx.speaker_place
    # 「投了广州一家成长期企业5000万、一家种子期企业2000万」: one investee place in the whole message covers all.
    cities = {p.place.city for p in investee}
    if len(cities) == 1 and not any(p.role == "negated" for p in ctx.places):
        return investee[0]
    return None


def tech_of(figure: FigureRead, segment: Segment, ctx: DealContext, lexicon: Lexicon) -> tuple[bool | None, str | None]:
    """Whether the investee is a technology SME (True, False or unknown) and the word that says so."""
    scopes = [figure.clause.text, ctx.text[segment.start : segment.end]]
    if ctx.speaker_investee:
        scopes.append(ctx.text)  # a startup describing itself: its own words say what the investee is
    makes_tech = word_pattern(tuple(lexicon.tech.makes_tech))
    for scope in scopes:
        no = [
            m
            for m in find_words(scope, lexicon.tech.no + lexicon.tech.large)
            if not _speaker_words(scope, m.start())
            and not _third_party_words(scope, m.start(), lexicon)
            and not makes_tech.match(scope, m.end())  # 「做餐饮SaaS的」 sells software to restaurants
            # 「不确定它是不是科技型中小企业」: 是不是 asks, it does not deny
            and not (m.group(0).startswith("不") and scope[: m.start()].endswith("是"))
        ]
        yes = [
            m
            for m in find_words(scope, lexicon.tech.yes)
            if not re.search(r"(不是|并非|不属于|非)$", scope[: m.start()])
            and not tech_doubted(scope, m.start(), m.end(), lexicon)
        ]
        if no:
            return False, no[0].group(0)
        if yes:
            return True, yes[0].group(0)
    return None, None


def _third_party_words(scope: str, position: int, lexicon: Lexicon) -> bool:
    """「LP里有两家上市公司」: a word about the fund's LPs, not about the investee."""
    clause_start = max(scope.rfind(mark, 0, position) for mark in "，,。；;！？!?") + 1
    return bool(find_words(scope[clause_start:position], lexicon.parties.third_party))


def _speaker_words(scope: str, position: int) -> bool:
    """「上市公司财务部的，我们的CVC…」: words describing the speaker, not the investee."""
    # 「一家科技上市公司的全资投资子公司」: the parent of the speaker's institution, not the investee.
    return bool(
        re.match(
            r"^[^，。；]{0,6}(这边|财务|的CVC|的投资|旗下|下属|下面|子公司|全资|控股|投资公司|投资平台|的基金|的创投)",
            scope[position:],
        )
        and position < 16
    )


def count_of(text: str, last: bool = False) -> int | None:
    """The number of companies or investments a text counts (「两家」「3笔」); ``last``: the one said last."""
    found = list(_COUNT.finditer(text))
    m = (found[-1] if last else found[0]) if found else None
    if m is None:
        return None
    raw = m.group(1)
    return int(raw) if raw.isdigit() else _CN.get(raw)
