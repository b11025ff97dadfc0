"""From figures and places to investments: one record per investment, each with its own facts.

Totals, 各 and 分别 decide how many investments a figure stands for; a signed figure counts only
through what arrived; a figure that cannot be read becomes a question, never a guess.
"""

from __future__ import annotations

import re

from assistant.understand.agreed import agreed_total, restated_by
from assistant.understand.arrival import NONE_ARRIVED, PARTIAL, share_of
from assistant.understand.attributes import place_of, tech_of
from assistant.understand.deal_evidence import (
    deal_evidence,
    fund_figure,
    in_fund_bracket,
    not_arrived_after,
    own_clause_status,
    without_set_aside_clauses,
)
from assistant.understand.deal_labels import deal_label, figure_label, same_investee
from assistant.understand.deal_totals import Built, set_aside_already, settle_totals
from assistant.understand.deal_years import spread, year_tranches
from assistant.understand.figure_read import FigureRead
from assistant.understand.institution_of import institution_of
from assistant.understand.model import PENDING_ASIDE, SELF, Figure, Investment, Question
from assistant.understand.nearest_mention import investing_clauses
from assistant.understand.segments import INVESTING, DealContext, Segment, segments
from assistant.understand.stage_of import stage_of
from assistant.understand.text import find_words, word_pattern
from assistant.understand.year_of import year_of
from assistant.understand.yuan import exact, format_yuan, with_currency
from corpus.lexicon import Lexicon

__all__ = ["investments_in"]

_SIGNED_WORDS = re.compile(r"签了|签约|签订|签署|协议|TS|SPA|term sheet|意向|认缴", re.IGNORECASE)
# 「另外3500万是上海一家基金跟投的」: someone else's money in the same round.
_OTHERS_MONEY = re.compile(
    r"^\s*元?\s*(是|由)[^，。；]{0,14}(基金|机构|资本|创投|VC|PE|投资方|公司)[^，。；]{0,4}(跟投|投|出资|出)的"
)
# 「分三期」「第一期已全部到账」: 全部到账 speaks of one part, not of the whole agreed amount
# (「二期基金」 is a fund's name, no part).
_IN_PARTS = re.compile(
    r"第.期|首期|[一二两三四五六七八九]期(?!基金|子基金)|部分|其中|一半|分期|分\s*[两二三四五六七八九\d]+\s*(期|次|笔|批)"
)
# 「按实际到账情况能拿多少」: the rule's words, quoted in the question, say nothing of what arrived.
_NEGATED = re.compile(r"(?:没|未|不|没有|尚未|还没|并未|并没有)(?:有)?\s*$")
_RULE_TALK = re.compile(r"(按|按照|根据|以)(实际)?(到账|到位)(的)?(投资)?(额|金额|情况|口径|数|来算|计算)?")
_LP_COMMIT = re.compile(r"(LP|有限合伙人|出资人)[^，。；]{0,16}(认缴|出资|投了我们|给我们|实缴)", re.IGNORECASE)


def investments_in(
    ctx: DealContext, lexicon: Lexicon, first_id: int
) -> tuple[list[Investment], list[Figure], list[Question]]:
    """The investments the message states, the figures it sets aside, and the questions it leaves."""
    built = Built()
    deals = segments(ctx, lexicon)
    received_words = word_pattern(tuple(lexicon.figures.received.before + lexicon.figures.received.after))
    next_id = first_id
    sticky = SELF
    all_received = bool(
        received_words.search(
            _RULE_TALK.sub("，", " ".join(c.text for c in ctx.parts if c.start not in investing_clauses(ctx)))
        )
    )
    settle_totals(ctx, built)
    for segment in deals:
        seg_text = ctx.text[segment.start : segment.end]
        # 「打款要等明年1月」 says money has not come: its 打款 is no sign of arrival.
        arrived_text = NONE_ARRIVED.sub("，", _RULE_TALK.sub("，", seg_text))
        investing = [f for f in segment.figures if f.role in INVESTING and not set_aside_already(f, built)]
        # 「签了投资协议，投3000万」 with no word of money arriving: the figure is what was signed.
        # 「LP认缴大概30个亿。…科学城一家1.2个亿」: the 认缴 of a figure set aside is no word of this deal.
        own_text = without_set_aside_clauses(seg_text, segment.start, segment.figures)
        signed_deal = bool(_SIGNED_WORDS.search(own_text)) and not received_words.search(arrived_text)
        investing = [_as_signed(f) if signed_deal and f.role == "plain" else f for f in investing]
        label = deal_label(seg_text)
        # 「一千二百万分三次到账，目前到了两次，各四百万」: the plain parts are what arrived.
        received_here = any(f.role == "received" for f in investing) or (
            any(f.role == "plain" for f in investing) and bool(received_words.search(arrived_text))
        )
        sentence_received = any(
            f.role == "received" and f.clause.sentence == s.clause.sentence for f in ctx.figures for s in investing
        )
        # 「term sheet总额RMB 30 million…第一笔…到账，第二笔…到账」: the tranches say what arrived.
        # 「越秀一家，到账1000万；番禺一家，签了2000万」: another investee's money says nothing of this deal.
        here = _investee_places(ctx, segment)
        received_elsewhere = any(
            f.role in ("received", "plain") and received_words.search(f.clause.text + f.after)
            for other in deals
            if other is not segment and not (here and _investee_places(ctx, other) - here)
            for f in other.figures
        )
        fund_own = None if deal_evidence(seg_text, ctx, lexicon) else fund_figure(segment, ctx)
        for figure in segment.figures:
            if figure.role == "set_aside" and figure.reason:
                built.set_aside.append(
                    Figure(text=figure.mention.text, value=figure.mention.value, reason=figure.reason)
                )
        for figure in investing:
            # 「…第二期明年才打。顺便说下他们注册资本才500万」: the fund's own figure speaks of its sentence only.
            if fund_own is not None and fund_own.clause.sentence == figure.clause.sentence:
                built.set_aside.append(
                    Figure(
                        text=figure.mention.text,
                        value=figure.mention.value,
                        reason=f"与「{fund_own.mention.text}」同说本基金自身（{fund_own.reason}），不是对外投资",
                    )
                )
                continue
            if _OTHERS_MONEY.match(figure.after) and any(f is not figure and f.role in INVESTING for f in ctx.figures):
                built.set_aside.append(
                    Figure(text=figure.mention.text, value=figure.mention.value, reason="其他投资方的出资，不替其测算")
                )
                continue
            if _LP_COMMIT.search(figure.clause.text) or in_fund_bracket(figure, ctx):
                built.set_aside.append(
                    Figure(
                        text=figure.mention.text,
                        value=figure.mention.value,
                        reason="LP（出资人）对本基金的出资，不是对外投资",
                    )
                )
                continue
            institution = institution_of(segment, figure, ctx, sticky)
            sticky = institution
            amount = figure.mention.value
            status = "unstated"
            shown = format_yuan(amount)
            yuan_beside = any(
                f is not figure and f.role in ("received", "plain") and f.clause.sentence == figure.clause.sentence
                for f in ctx.figures
            )
            if figure.role == "foreign" and (yuan_beside or any(f.role in ("received", "plain") for f in investing)):
                # 「合同金额USD 2M，实际到账人民币1436万」: the yuan that arrived is said too.
                built.set_aside.append(
                    Figure(
                        text=_foreign_text(figure, lexicon),
                        value=amount,
                        reason="外币金额，按折合人民币的实际到账额计算",
                    )
                )
                continue
            if figure.role == "foreign":
                built.questions.append(
                    Question(
                        slot="received_amount",
                        text=f"「{_foreign_text(figure, lexicon)}」是外币金额，请问折合人民币实际到账多少？",
                    )
                )
                continue
            if figure.role == "plain" and (restated := restated_by(figure, ctx, lexicon)) is not None:
                reason = f"与「{restated}」是同一笔投资，按到账额只计一次"
                built.set_aside.append(Figure(text=figure.mention.text, value=amount, reason=reason))
                continue
            if figure.role == "plain" and agreed_total(figure, investing):
                built.set_aside.append(
                    Figure(text=figure.mention.text, value=amount, reason="约定（签约）金额，按实际到账额计算")
                )
                continue
            # 「还没全部到账」: all of it is said not to have arrived, which is no arrival of all of it.
            whole = [
                m
                for m in find_words(seg_text, lexicon.figures.all_arrived)
                if not _NEGATED.search(seg_text, 0, m.start())
            ]
            whole = bool(whole) and not _IN_PARTS.search(seg_text)
            if figure.role == "signed" and whole and len(investing) == 1 and not received_here:
                # 「签了1500万已经全部打过去了」: the deal's own words say all of it came, whatever other deals say.
                status = "received"
            elif figure.role == "signed":
                if received_here or (received_elsewhere and not NONE_ARRIVED.search(seg_text)):
                    built.set_aside.append(
                        Figure(
                            text=figure.mention.text, value=amount, reason="签约（协议、认缴）金额，按实际到账额计算"
                        )
                    )
                    continue
                share = share_of(seg_text)
                if share is not None:
                    amount, status = exact(amount * share), "received"
                elif NONE_ARRIVED.search(seg_text):
                    status = "pending"
                elif whole and len(investing) == 1:
                    status = "received"  # 「签了3000万，已全部到账」「计划投4000万，假设钱全部到账」: all of it came
                else:
                    why = "已到账一部分" if PARTIAL.search(seg_text) else "签约（协议）金额"
                    built.questions.append(
                        Question(
                            slot="received_amount",
                            text=lexicon.ask("signed_arrived", figure=shown, why=why),
                            targets=[next_id],
                        )
                    )
                    status = "signed"
            elif figure.role == "pending":
                if received_here or sentence_received:
                    built.set_aside.append(Figure(text=figure.mention.text, value=amount, reason=PENDING_ASIDE))
                    continue
                status = "pending"
            elif figure.role == "received":
                status = "received"
            elif (own := own_clause_status(figure, received_words)) is not None:
                status = own  # 「A 800w 到账；C 500w 还在TS阶段」: each line of a list says its own
            elif not_arrived_after(figure, ctx):
                status = "pending"  # 「第三期1000万要看明年的对赌，还没打」: said after it, before the next figure
            elif NONE_ARRIVED.search(seg_text) and not received_words.search(arrived_text):
                status = "pending"
            elif received_words.search(arrived_text) or all_received:
                status = "received"
            share = share_of(figure.clause.text + "，" + figure.after) if figure.role in ("plain", "received") else None
            tranches = year_tranches(figure, segment, ctx) if figure.role == "plain" and share is None else []
            if figure.role == "plain" and share is None and not tranches:
                # 「…全部到账。基金总规模30亿，LP认缴还有一半没实缴」: a share after the next figure is that one's.
                ends = [f.start for f in ctx.figures if f.start > figure.start] + [segment.end]
                tail = ctx.text[figure.start : min(ends)] if figure.start >= segment.start else ""
                share = share_of(tail) if tail else None
            if share is not None and figure.role == "plain":
                # 「投了2000万，实际只到位了一半」: the share of the stated amount that arrived.
                amount, status = exact(amount * share), "received"
            if figure.role == "plain" and _partial_only(seg_text):
                built.questions.append(Question(slot="received_amount", text=lexicon.ask("part_arrived", figure=shown)))
                continue
            place = place_of(figure, segment, ctx)
            stage = stage_of(figure, segment, ctx)
            since = max([segment.start, *(f.mention.span[1] for f in ctx.figures if f.start < figure.start)])
            if find_words(ctx.text[since : figure.mention.span[1]], lexicon.stages.unknown):
                stage = None  # 「B不知道算哪个阶段」: not the stage said of another deal
            tech, tech_word = tech_of(figure, segment, ctx, lexicon)
            year = year_of(figure, segment, ctx)
            base = Investment(
                id=0,
                amount=amount,
                written=figure.mention.text,
                status=status,  # type: ignore[arg-type]
                institution=institution,
                investee_place=place.place.name if place else None,
                investee_place_text=place.text if place else None,
                stage=stage.stage if stage and stage.stage and not stage.unclear else None,  # type: ignore[arg-type]
                stage_word=stage.text if stage else None,
                stage_unclear=bool(stage and stage.unclear),
                stage_options=list(stage.options) if stage else [],  # type: ignore[arg-type]
                tech_sme=tech,
                tech_word=tech_word,
                clause=figure.clause.text,
                label=figure_label(figure, ctx.text) or label,
            )
            if built.investments and find_words(seg_text, lexicon.markers.same_investee):
                base = same_investee(base, built.investments[-1])
            records = [
                # 「2022年到了一半，2023年到了剩下一半」: each year's share is that year's money.
                base.model_copy(update={"amount": exact(amount * part), "year": y, "status": "received"})
                for y, part in tranches
            ] or spread(base, figure, segment, year, ctx, lexicon)
            for record in records:
                if record.status == "received" and record.year is not None and record.year > ctx.this_year:
                    # 「明年到两个亿」: money that arrives in a year still to come has not arrived.
                    record = record.model_copy(update={"status": "pending"})
                built.investments.append(record.model_copy(update={"id": next_id}))
                next_id += 1
    return built.investments, built.set_aside, built.questions


def _foreign_text(figure: FigureRead, lexicon: Lexicon) -> str:
    table = lexicon.figures.foreign_currency
    mention = figure.mention
    return with_currency(mention.value, mention.text, figure.before, figure.after, table.before, table.after)


def _as_signed(figure: FigureRead) -> FigureRead:
    return FigureRead(**{**figure.__dict__, "role": "signed"})


def _partial_only(seg_text: str) -> bool:
    return bool(PARTIAL.search(seg_text)) and share_of(seg_text) is None


def _investee_places(ctx: DealContext, segment: Segment) -> set[str]:
    """The investee places named within one deal of the message."""
    return {p.place.name for p in ctx.places if p.role == "investee" and segment.holds(p.start)}
