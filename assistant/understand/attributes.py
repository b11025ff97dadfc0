"""Each investment's own facts: its investee's place, stage and technology status, its year, its institution.

The nearest mention wins: the figure's own clause, then its deal, then what the message says of
every deal (「都在广州」「钱都到了」); a startup describing itself gives its own place and stage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise
from typing import Any

from assistant.understand.doubts import tech_doubted
from assistant.understand.figures import REMAINDER_OPENS, FigureRead
from assistant.understand.model import SELF
from assistant.understand.parties import PlaceRead
from assistant.understand.scan import StageMention, YearMention
from assistant.understand.segments import INVESTING, DealContext, Segment
from assistant.understand.text import find_words, word_pattern
from corpus.lexicon import Lexicon

__all__ = [
    "count_of",
    "institution_of",
    "investing_clauses",
    "place_of",
    "stage_of",
    "tech_of",
    "year_of",
]

_LIST_OPENS = re.compile(r"[：:]|(?:\d+|[两二三四五六七八九十几])\s*(?:家|个|笔|只)")
_COUNT = re.compile(r"(\d+|[一二两三四五六七八九十])\s*(?:家|个项目|个企业|笔|只|个|次|期)")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def investing_clauses(ctx: DealContext) -> set[int]:
    """Where the clauses that hold an investment figure start."""
    return {f.clause.start for f in ctx.figures if f.role in INVESTING}


def _shared(ctx: DealContext, items: list) -> list:
    """Mentions in clauses without an investment figure: what the message says of every deal."""
    busy = investing_clauses(ctx)
    return [m for m in items if next((c.start for c in ctx.parts if c.holds(m.start)), -1) not in busy]


def _head(ctx: DealContext, items: list, figure: FigureRead) -> list:
    """Mentions that open a list of deals (「投了三家种子期企业：海珠一家…、番禺一家…」): shared by the list."""
    # 「…都投了黄埔同一家初创期的企业：天河那只…6000万；香港那只…3000万」: a list runs on across 「；」.
    sentences = _list_sentences(ctx, figure.clause.sentence)
    first = next((f for f in ctx.figures if f.clause.sentence in sentences and f.role in INVESTING), None)
    if first is None:
        return []
    opening = [m for m in items if m.start < first.start and _sentence(ctx, m.start) in sentences]
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


def _sentence(ctx: DealContext, position: int) -> int:
    return next((c.sentence for c in ctx.parts if c.holds(position)), -1)


_LIST_BREAK = re.compile(r"[、；;/]")


def _between(text: str, mention: Any, figure: FigureRead) -> str:
    """The text between a mention and a figure, whichever comes first."""
    start, end = figure.mention.span
    return text[mention.end : start] if mention.start < start else text[end : mention.start]


def _pick(items: list, figure: FigureRead, segment: Segment, ctx: DealContext, key: Callable[[Any], object]) -> Any:
    """The mention nearest the figure: its clause first, then its deal, then what is said for all."""
    own = [m for m in items if figure.clause.holds(m.start)]
    if own:
        # 「广州初创期科小2亿、佛山种子期科小1亿」: a list item's own mention, not one across 、 from it.
        same_item = [m for m in own if not _LIST_BREAK.search(_between(ctx.text, m, figure))]
        return min(same_item or own, key=lambda m: abs(m.start - figure.start))
    # 「实际到账只有3000万…；成长期那家1亿倒是全部到账了」: a mention in another figure's own clause is that one's.
    in_deal = [m for m in items if segment.holds(m.start) and not _owned_elsewhere(m, figure, ctx)]
    if in_deal:
        before = [m for m in in_deal if m.start < figure.start]
        return before[-1] if before else in_deal[0]
    head = _head(ctx, items, figure)
    if head:
        return head[-1]
    shared = _shared(ctx, items)
    if shared and len({key(m) for m in shared}) == 1:
        return shared[0]
    return None


def _owned_elsewhere(mention: Any, figure: FigureRead, ctx: DealContext) -> bool:
    """Whether the mention sits in the clause of another investing figure after ``figure``'s own."""
    return any(
        f is not figure and f.role in INVESTING and f.clause.holds(mention.start) and f.start > figure.start
        for f in ctx.figures
    )


def _own_item(items: list, figure: FigureRead, ctx: DealContext) -> list:
    """Mentions in the figure's own clause with no list break (、；/) between them and the figure."""
    return [m for m in items if figure.clause.holds(m.start) and not _LIST_BREAK.search(_between(ctx.text, m, figure))]


def _gapped(items: list, figure: FigureRead, segment: Segment, ctx: DealContext) -> Any:
    """「甲投广州初创期科小到账3.6亿，乙到账1.2亿」: a new investor with the object left out shares the one before.

    Only when the deal opens with a named institution and says nothing of its own investee (no
    place), and everything said earlier in the sentence agrees.
    """
    if not any(i.start == segment.start for i in ctx.institutions):
        return None
    if any(segment.holds(p.start) for p in ctx.places):
        return None
    earlier = [m for m in items if m.start < segment.start and _sentence(ctx, m.start) == figure.clause.sentence]
    if earlier and len({m.stage for m in earlier}) == 1:
        return earlier[-1]
    joined = all(re.fullmatch(r"\s*(或|或者|和|、|及|/)\s*", ctx.text[a.end : b.start]) for a, b in pairwise(earlier))
    if len(earlier) > 1 and joined:  # 「投广州种子期、初创期科技型中小企业…，XX天使基金到账1亿」
        options = tuple(dict.fromkeys(m.stage for m in earlier if m.stage))
        return StageMention(
            earlier[0].start, earlier[-1].end, ctx.text[earlier[0].start : earlier[-1].end], None, False, options
        )
    return None


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
    undecided = _either([s for s in clear if segment.holds(s.start)], ctx, joiners=r"还是|或是")
    if undecided is not None:
        return undecided
    # 「B轮…这算不算初创期我也拿不准」: a stage the speaker doubts is asked, whatever else hints at one.
    doubted = _pick([s for s in ctx.stages if s.unclear and s.stage], figure, segment, ctx, lambda s: s.stage)
    if doubted is not None:
        return doubted
    vague = _own_item([s for s in ctx.stages if s.unclear], figure, ctx)
    if vague and not _own_item(clear, figure, ctx) and any(figure.clause.holds(s.start) for s in clear):
        # 「天河一家天使轮800万、海珠一家Pre-A轮1200万、越秀一家C轮5000万」: the item's own vague round,
        # not the clear stage of the item next to it.
        return min(vague, key=lambda s: abs(s.start - figure.start))
    picked = _pick(clear, figure, segment, ctx, lambda s: s.stage)
    if picked is None:
        picked = _gapped(clear, figure, segment, ctx)
    if picked is None and ctx.speaker_investee and clear:
        picked = clear[0]
    if picked is None:
        picked = _either(clear, ctx)
    if picked is None:
        picked = _one_of_said(_shared(ctx, clear))
    return picked or _pick([s for s in ctx.stages if s.unclear], figure, segment, ctx, lambda s: s.text)


def _one_of_said(shared: list[StageMention]) -> StageMention | None:
    """「属于Pre-IPO轮、成熟期的项目」: stages said for every deal, which the rule may settle either way."""
    options = tuple(dict.fromkeys(s.stage for s in shared if s.stage))
    if len(options) < 2:
        return None
    first, last = shared[0], shared[-1]
    return StageMention(first.start, last.end, "、".join(s.text for s in shared), None, False, options)


def place_of(figure: FigureRead, segment: Segment, ctx: DealContext) -> PlaceRead | None:
    """The investee place for a figure; a startup speaking of itself gives its own."""
    investee = [p for p in ctx.places if p.role == "investee"]
    picked = _pick(investee, figure, segment, ctx, lambda p: p.place.city)
    if picked is not None:
        return picked
    if ctx.speaker_investee and ctx.speaker_place is not None:
        return ctx.speaker_place
    # 「投了广州一家成长期企业5000万、一家种子期企业2000万」: one investee place in the whole message covers all.
    cities = {p.place.city for p in investee}
    if len(cities) == 1 and not any(p.role == "negated" for p in ctx.places):
        return investee[0]
    return None


def year_of(figure: FigureRead, segment: Segment, ctx: DealContext) -> YearMention | None:
    """The year (or years) for a figure: its clause, its deal, the year said before, or the one year said."""
    own = [y for y in ctx.years if figure.clause.holds(y.start)]
    if own and all(y.implicit for y in own):
        # 「2024年投了…，年初到账300万，年底又到账700万」: a month or 年初 of the year just named.
        named = [
            y
            for y in ctx.years
            if not y.implicit and y.start < figure.clause.start and _sentence(ctx, y.start) == figure.clause.sentence
        ]
        if named:
            return named[-1]
    if own:
        # 「第一期九百万上个月已经打过去了」: the figure's own clause says when, even as a month. In a list
        # (「2022年到账1亿、2023年到账5亿」) the year of the figure's own item, not one across 、.
        same_item = [y for y in own if not _LIST_BREAK.search(_between(ctx.text, y, figure))]
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
    earlier = [y for y in ctx.years if y.start < segment.start and not y.implicit and not _of_awaited(y, ctx)]
    if earlier:
        return earlier[-1]
    # 「现在到账2000万，剩下1000万要等明年」: a year still to come is no year money arrived in.
    later = [y for y in ctx.years if not y.implicit and not _future(y, ctx)]
    if later and len({y.years for y in later}) == 1:
        return later[0]
    implicit = [y for y in ctx.years if y.implicit and (figure.clause.holds(y.start) or segment.holds(y.start))]
    return implicit[0] if implicit else None


def _of_awaited(year: YearMention, ctx: DealContext) -> bool:
    """A future year in the clause of a figure still to come (pending or signed)."""
    return _future(year, ctx) and any(
        f.clause.holds(year.start) and f.role in ("pending", "signed") for f in ctx.figures
    )


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


def _either(stages: list[StageMention], ctx: DealContext, joiners: str = "或|或者|和|、|及|/") -> StageMention | None:
    """「都是投的种子期或初创期科小」: one of several stages, said for every deal (or of one deal, given)."""
    shared = _shared(ctx, stages)
    for clause in {next((c for c in ctx.parts if c.holds(s.start)), None) for s in shared} - {None}:
        inside = sorted((s for s in shared if clause.holds(s.start)), key=lambda s: s.start)
        joined = all(re.fullmatch(rf"\s*({joiners})\s*", ctx.text[a.end : b.start]) for a, b in pairwise(inside))
        if len(inside) > 1 and joined:
            options = tuple(dict.fromkeys(s.stage for s in inside if s.stage))
            text = ctx.text[inside[0].start : inside[-1].end]
            return StageMention(inside[0].start, inside[-1].end, text, None, False, options)
    return None


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


def count_of(text: str, last: bool = False) -> int | None:
    """The number of companies or investments a text counts (「两家」「3笔」); ``last``: the one said last."""
    found = list(_COUNT.finditer(text))
    m = (found[-1] if last else found[0]) if found else None
    if m is None:
        return None
    raw = m.group(1)
    return int(raw) if raw.isdigit() else _CN.get(raw)


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
            if i.start < listed[0].start and not i.third_party and _sentence(ctx, i.start) <= figure.clause.sentence
        ]
        # 「深圳的A创投」 is named twice (by its place and by its letter): the inner name stands for it.
        inner = [i for i in before if not any(o is not i and i.start <= o.start and o.end <= i.end for o in before)]
        named = list(dict.fromkeys(i.key for i in inner))
        if len(named) == len(listed) > 1:
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


def _partner_as_subject(figure: FigureRead, ctx: DealContext) -> str | None:
    """「福田那家领投，到账3000万」: a co-investor that opens the figure's sentence is its payer.

    Only with no word of the asker between it and the figure: 「我们跟投」 takes the figures after it back.
    """
    sentence_start = min((c.start for c in ctx.parts if c.sentence == figure.clause.sentence), default=0)
    for mention in ctx.institutions:
        if not mention.third_party or not (sentence_start <= mention.start < figure.start):
            continue
        opening = ctx.text[sentence_start : mention.start].strip()
        if len(opening) <= 2 and not _SELF_WORD.search(ctx.text[mention.end : figure.start]):
            return mention.key
    return None
