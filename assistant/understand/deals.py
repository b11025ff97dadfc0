"""From figures and places to investments: one record per investment, each with its own facts.

A message is cut into deals where a new one is introduced (「另一家」「又投了」「B基金投…」).
Each investment takes its investee's place, stage, technology status and year from its own
clause first, then its deal, then what the message says for all (「都在广州」「钱都到了」).
Totals, 各 and 分别 decide how many investments a figure stands for; a signed figure counts only
through what arrived; a figure that cannot be read becomes a question, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from assistant.understand.amounts import exact, format_yuan
from assistant.understand.figures import FigureRead
from assistant.understand.model import SELF, Figure, Investment, Question
from assistant.understand.parties import InstitutionMention, PlaceRead
from assistant.understand.scan import StageMention, YearMention
from assistant.understand.text import Clause, find_words, word_pattern
from corpus.lexicon import Lexicon

__all__ = ["DealContext", "Segment", "investments_in", "segments"]

_INVESTING = ("received", "signed", "pending", "plain", "foreign")
_SHARE = re.compile(
    r"(?:到账|到位|打款|实缴|到了|打了|付了|支付|拨付|首期)[^，。；]{0,4}?(一半|(\d+(?:\.\d+)?)\s*[%％]|([一二三四五六七八九])成|([二三四五])分之([一二三四]))"
    r"|(一半|(\d+(?:\.\d+)?)\s*[%％]|([一二三四五六七八九])成)[^，。；]{0,4}(?:已经?|已)?(?:到账|到位|打款|实缴|打过来|付)"
)
_PARTIAL = re.compile(r"(一部分|部分到账|部分资金|打了一些|到了一些|没到齐|没有全部到|分期打款|分期支付)")
_NONE_ARRIVED = re.compile(
    r"(一分|一分钱)?(都)?(还|尚)?(没|未|没有)(打|到账|到位|付|支付|打款|实缴|打过去)|还没(有)?打款|尚未(实际)?到账"
)
_COUNT = re.compile(r"(\d+|[一二两三四五六七八九十])\s*(?:家|个项目|个企业|笔|只|个)")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_LP_COMMIT = re.compile(r"(LP|有限合伙人|出资人)[^，。；]{0,16}(认缴|出资|投了我们|给我们|实缴)", re.IGNORECASE)
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
    cuts: list[int] = []
    current = 0
    for position in sorted(starts):
        clause = next((c for c in ctx.parts if c.holds(position)), None)
        # 「3）深圳前海一家天使轮公司」: the words before the introducer in its clause open the new deal too.
        if clause is not None and not any(clause.start <= f.start < position for f in ctx.figures):
            position = max(clause.start, current)
        if position > current and any(current <= f.start < position and f.role in _INVESTING for f in ctx.figures):
            cuts.append(position)
            current = position
    bounds = [0, *cuts, len(text)]
    found = [Segment(a, b) for a, b in pairwise(bounds) if b > a]
    for figure in ctx.figures:
        next(s for s in found if s.holds(figure.start)).figures.append(figure)
    return found


def _investing_clauses(ctx: DealContext) -> set[int]:
    return {f.clause.start for f in ctx.figures if f.role in _INVESTING}


def _shared(ctx: DealContext, items: list) -> list:
    """Mentions in clauses without an investment figure: what the message says of every deal."""
    busy = _investing_clauses(ctx)
    return [m for m in items if next((c.start for c in ctx.parts if c.holds(m.start)), -1) not in busy]


def _pick(items: list, figure: FigureRead, segment: Segment, ctx: DealContext, key: Callable[[Any], object]) -> Any:
    """The mention nearest the figure: its clause first, then its deal, then what is said for all."""
    own = [m for m in items if figure.clause.holds(m.start)]
    if own:
        return min(own, key=lambda m: abs(m.start - figure.start))
    in_deal = [m for m in items if segment.holds(m.start)]
    if in_deal:
        before = [m for m in in_deal if m.start < figure.start]
        return before[-1] if before else in_deal[0]
    shared = _shared(ctx, items)
    if shared and len({key(m) for m in shared}) == 1:
        return shared[0]
    return None


def _stage_of(figure: FigureRead, segment: Segment, ctx: DealContext) -> StageMention | None:
    clear = [s for s in ctx.stages if not s.unclear]
    picked = _pick(clear, figure, segment, ctx, lambda s: s.stage)
    if picked is None and ctx.speaker_investee and clear:
        picked = clear[0]
    return picked or _pick([s for s in ctx.stages if s.unclear], figure, segment, ctx, lambda s: s.text)


def _place_of(figure: FigureRead, segment: Segment, ctx: DealContext) -> PlaceRead | None:
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


def _year_of(figure: FigureRead, segment: Segment, ctx: DealContext) -> YearMention | None:
    own = [y for y in ctx.years if figure.clause.holds(y.start) and not y.implicit]
    if own:
        return min(own, key=lambda y: abs(y.start - figure.start))
    in_deal = [y for y in ctx.years if segment.holds(y.start) and not y.implicit]
    if in_deal:
        return in_deal[-1] if in_deal[-1].start < figure.start else in_deal[0]
    earlier = [y for y in ctx.years if y.start < segment.start and not y.implicit]
    if earlier:
        return earlier[-1]
    later = [y for y in ctx.years if not y.implicit]
    if later and len({y.years for y in later}) == 1:
        return later[0]
    implicit = [y for y in ctx.years if y.implicit and (figure.clause.holds(y.start) or segment.holds(y.start))]
    return implicit[0] if implicit else None


def _tech_of(
    figure: FigureRead, segment: Segment, ctx: DealContext, lexicon: Lexicon
) -> tuple[bool | None, str | None]:
    scopes = [figure.clause.text, ctx.text[segment.start : segment.end]]
    if ctx.speaker_investee:
        scopes.append(ctx.text)  # a startup describing itself: its own words say what the investee is
    for scope in scopes:
        no = [
            m for m in find_words(scope, lexicon.tech.no + lexicon.tech.large) if not _speaker_words(scope, m.start())
        ]
        yes = [
            m
            for m in find_words(scope, lexicon.tech.yes)
            if not re.search(r"(不是|并非|不属于|非)$", scope[: m.start()])
        ]
        if no:
            return False, no[0].group(0)
        if yes:
            return True, yes[0].group(0)
    return None, None


def _speaker_words(scope: str, position: int) -> bool:
    """「上市公司财务部的，我们的CVC…」: words describing the speaker, not the investee."""
    return bool(re.match(r"^[^，。；]{0,6}(这边|财务|的CVC|的投资|旗下|下属|下面)", scope[position:]) and position < 12)


def share_of(text: str) -> Decimal | None:
    """The share of an amount that arrived: 「只到账了一半」 → 0.5, 「首期30%已经到账」 → 0.3."""
    return _share(text)


def received_state(text: str, lexicon: Lexicon) -> str | None:
    """Whether a message with no amount says the money arrived (「钱都到了」) or not (「还没打款」)."""
    if _NONE_ARRIVED.search(text):
        return "pending"
    words = word_pattern(tuple(lexicon.figures.received.before + lexicon.figures.received.after))
    return "received" if words.search(text) else None


def _share(segment_text: str) -> Decimal | None:
    m = _SHARE.search(segment_text)
    if m is None:
        return None
    half = m.group(1) or m.group(6)
    percent = m.group(2) or m.group(7)
    tenths = m.group(3) or m.group(8)
    if percent:
        return Decimal(percent) / 100
    if tenths:
        return Decimal(_CN[tenths]) / 10
    if m.group(4):
        return Decimal(_CN[m.group(5)]) / Decimal(_CN[m.group(4)])
    return Decimal("0.5") if half else None


def _count(text: str) -> int | None:
    m = _COUNT.search(text)
    if m is None:
        return None
    raw = m.group(1)
    return int(raw) if raw.isdigit() else _CN.get(raw)


def _institution_of(segment: Segment, figure: FigureRead, ctx: DealContext, sticky: str) -> str:
    inside = [i for i in ctx.institutions if segment.start <= i.start < figure.start or figure.clause.holds(i.start)]
    if inside:
        return inside[-1].key
    return sticky


@dataclass
class _Built:
    investments: list[Investment] = field(default_factory=list)
    set_aside: list[Figure] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


def investments_in(
    ctx: DealContext, lexicon: Lexicon, first_id: int
) -> tuple[list[Investment], list[Figure], list[Question]]:
    """The investments the message states, the figures it sets aside, and the questions it leaves."""
    built = _Built()
    deals = segments(ctx, lexicon)
    received_words = word_pattern(tuple(lexicon.figures.received.before + lexicon.figures.received.after))
    next_id = first_id
    sticky = SELF
    all_received = bool(
        received_words.search(" ".join(c.text for c in ctx.parts if c.start not in _investing_clauses(ctx)))
    )
    _settle_totals(ctx, built)
    for segment in deals:
        seg_text = ctx.text[segment.start : segment.end]
        investing = [f for f in segment.figures if f.role in _INVESTING and not _set_aside_already(f, built)]
        received_here = any(f.role == "received" for f in investing)
        sentence_received = any(
            f.role == "received" and f.clause.sentence == s.clause.sentence for f in ctx.figures for s in investing
        )
        fund_figure = None if _deal_evidence(seg_text, ctx, lexicon) else _fund_figure(segment, ctx)
        for figure in segment.figures:
            if figure.role == "set_aside" and figure.reason:
                built.set_aside.append(
                    Figure(text=figure.mention.text, value=figure.mention.value, reason=figure.reason)
                )
        for figure in investing:
            if fund_figure is not None:
                built.set_aside.append(
                    Figure(
                        text=figure.mention.text,
                        value=figure.mention.value,
                        reason=f"与「{fund_figure.mention.text}」同说本基金自身（{fund_figure.reason}），不是对外投资",
                    )
                )
                continue
            if _LP_COMMIT.search(figure.clause.text):
                built.set_aside.append(
                    Figure(
                        text=figure.mention.text,
                        value=figure.mention.value,
                        reason="LP（出资人）对本基金的出资，不是对外投资",
                    )
                )
                continue
            institution = _institution_of(segment, figure, ctx, sticky)
            sticky = institution
            amount = figure.mention.value
            status = "unstated"
            shown = format_yuan(amount)
            if figure.role == "foreign":
                built.questions.append(
                    Question(
                        slot="received_amount",
                        text=f"「{figure.mention.text}」是外币金额，请问折合人民币实际到账多少？",
                    )
                )
                continue
            if figure.role == "signed":
                if received_here:
                    built.set_aside.append(
                        Figure(
                            text=figure.mention.text, value=amount, reason="签约（协议、认缴）金额，按实际到账额计算"
                        )
                    )
                    continue
                share = _share(seg_text)
                if share is not None:
                    amount, status = exact(amount * share), "received"
                elif _NONE_ARRIVED.search(seg_text):
                    status = "pending"
                else:
                    why = "已到账一部分" if _PARTIAL.search(seg_text) else "签约（协议）金额"
                    built.questions.append(
                        Question(
                            slot="received_amount",
                            text=f"{shown}是{why}，请问其中实际到账多少？第（三）条按实际到账投资额计算。",
                            targets=[next_id],
                        )
                    )
                    status = "signed"
            elif figure.role == "pending":
                if received_here or sentence_received:
                    built.set_aside.append(Figure(text=figure.mention.text, value=amount, reason="尚未到账，不计入"))
                    continue
                status = "pending"
            elif figure.role == "received":
                status = "received"
            elif _NONE_ARRIVED.search(seg_text) and not received_words.search(seg_text):
                status = "pending"
            elif received_words.search(seg_text) or all_received:
                status = "received"
            share = _share(figure.clause.text + "，" + figure.after) if figure.role in ("plain", "received") else None
            if figure.role == "plain" and share is None:
                share = (
                    _share(seg_text[seg_text.find(figure.mention.text) :]) if figure.mention.text in seg_text else None
                )
            if share is not None and figure.role == "plain":
                # 「投了2000万，实际只到位了一半」: the share of the stated amount that arrived.
                amount, status = exact(amount * share), "received"
            if figure.role == "plain" and _partial_only(seg_text):
                built.questions.append(
                    Question(slot="received_amount", text=f"{shown}中实际到账多少？第（三）条按实际到账投资额计算。")
                )
                continue
            place = _place_of(figure, segment, ctx)
            stage = _stage_of(figure, segment, ctx)
            tech, tech_word = _tech_of(figure, segment, ctx, lexicon)
            year = _year_of(figure, segment, ctx)
            base = Investment(
                id=0,
                amount=amount,
                written=figure.mention.text,
                status=status,  # type: ignore[arg-type]
                institution=institution,
                investee_place=place.place.name if place else None,
                investee_place_text=place.text if place else None,
                stage=stage.stage if stage and stage.stage else None,  # type: ignore[arg-type]
                stage_word=stage.text if stage else None,
                stage_unclear=bool(stage and stage.unclear),
                tech_sme=tech,
                tech_word=tech_word,
                clause=figure.clause.text,
            )
            for record in _spread(base, figure, segment, year, ctx, lexicon):
                built.investments.append(record.model_copy(update={"id": next_id}))
                next_id += 1
    return built.investments, built.set_aside, built.questions


def _deal_evidence(seg_text: str, ctx: DealContext, lexicon: Lexicon) -> bool:
    """Whether a deal says whom money went to (a verb, an investee, a stage), not just a figure."""
    verbs = [v for v in lexicon.verbs.invest if v not in ("到账", "实缴", "打款", "出资")]
    return bool(
        find_words(seg_text, verbs)
        or find_words(seg_text, lexicon.parties.investee_nouns)
        or any(s.stage or s.unclear for s in ctx.stages if seg_text.find(s.text) >= 0)
    )


def _fund_figure(segment: Segment, ctx: DealContext) -> FigureRead | None:
    """A figure of the fund itself (规模、注册资本) in the same sentence as a deal without evidence."""
    sentences = {f.clause.sentence for f in segment.figures}
    return next(
        (
            f
            for f in ctx.figures
            if f.role == "set_aside"
            and f.clause.sentence in sentences
            and f.reason
            and ("规模" in f.reason or "注册资本" in f.reason)
        ),
        None,
    )


def _partial_only(seg_text: str) -> bool:
    return bool(_PARTIAL.search(seg_text)) and _share(seg_text) is None


def _set_aside_already(figure: FigureRead, built: _Built) -> bool:
    return any(
        f.text == figure.mention.text and f.value == figure.mention.value and f.reason.startswith("合计")
        for f in built.set_aside
    )


def _settle_totals(ctx: DealContext, built: _Built) -> None:
    """A total whose parts are listed too (「共5000万：领投3000万、跟投2000万」) is not counted twice."""
    for figure in ctx.figures:
        if not figure.total or figure.role not in _INVESTING:
            continue
        sentence = figure.clause.sentence
        parts = [
            f
            for f in ctx.figures
            if f is not figure and f.role in ("received", "plain") and not f.total and f.clause.sentence == sentence
        ]
        if parts and sum(p.mention.value for p in parts) == figure.mention.value:
            built.set_aside.append(
                Figure(text=figure.mention.text, value=figure.mention.value, reason="合计数，已按各笔分别计入")
            )


def _spread(
    base: Investment, figure: FigureRead, segment: Segment, year: YearMention | None, ctx: DealContext, lexicon: Lexicon
) -> list[Investment]:
    """One figure as the investments it stands for: per year (各、每年), per company (各), or a total over years."""
    seg_text = ctx.text[segment.start : segment.end]
    years = year.years if year else ()
    every_year = bool(find_words(seg_text, lexicon.markers.every_year))
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
        count = _count(ctx.text[max(segment.start, figure.clause.start - 40) : figure.start])
        if count and 1 < count <= 20:
            return [base.model_copy(update={"year": single}) for _ in range(count)]
    return [base.model_copy(update={"year": single})]
