"""Article 11's facts: who put money into a financing guarantee institution, how much, and whether it is new.

Only the district treasury's new contribution is article 11's base. Each figure is bound to
the funder named next to it (「区财政出资2亿」「4000万是区属国企出的」); the registered capital,
capital before an increase, the total after it, and other funders' money are set aside with a
reason. 「区里出的」 does not say whether the treasury or a district company paid: the reading
keeps it unclear, so the assistant asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understand.amounts import find_amounts
from assistant.understand.capital_shares import percent_shares
from assistant.understand.figure_read import FigureRead
from assistant.understand.funder_after import first_funder, funder_after, recipient_masked, source_after
from assistant.understand.guarantee_aside import PLANNED_TOTAL, TRANCHE, aside_reason
from assistant.understand.guarantee_prior import (
    all_from_covers,
    grown_to,
    is_prior,
    old_money_after,
    paid_before,
    sentence_text,
)
from assistant.understand.guarantee_refs import paired_subscribed, pointed_back
from assistant.understand.guarantor import read_guarantor
from assistant.understand.model import Contribution, Facts, Figure, Guarantor
from assistant.understand.text import find_words
from corpus.gazetteer import Gazetteer
from corpus.lexicon import Lexicon

# 「区里决定增资到5亿元」: what the capital grows to is its new total, whoever is said to put money in.
# 「增资为5000万」 names the increase itself: only 到/至 (and 调整为) say what the capital grows to.
_TO_TOTAL = re.compile(r"(?:(?:增资|增加|提高|扩大|调整|增长|增)(?:到|至)|调整为)\s*$")
# 「从5亿增加到8亿」「raising it from RMB 500 million」: the figure after 从/from is the capital before.
_FROM = re.compile(r"(?:从|由|(?i:\bfrom))$")
_OTHERS_PAID = re.compile(r"^\s*元?\s*(?:是|由|为|系)[^，。；]{2,30}(?:出资|注资|出的|出|认缴|实缴|缴纳|认购|入股)")
_AGAIN = re.compile(r"(又|再|还|追加|继续|另外)")

__all__ = ["GuaranteeRead", "more_of_the_same", "read_guarantee"]

_NEW_PART = re.compile(r"新增部分|新增的部分|增资部分|新增的|新增资本")
_PAST = re.compile(r"去年|前年|上一年|此前|之前|以前|20(1\d|2[0-5])年")
_APPLIED = re.compile(
    r"(已经|已)(申请|拿|领|获得)(过|了)?[^，。；]{0,4}(补助|补贴)|申请过"  # 「已经拿过市里的补助了」
    r"|(补助|补贴)(已经|已|早就|都)?(处理|办|拿|领|兑现|拨付|批)(完|好|过|到|下来)"  # 「当时的补助已经处理完了」
)


@dataclass(frozen=True)
class GuaranteeRead:
    """What one message says about a guarantee institution and its capital."""

    contributions: list[Contribution]
    guarantor: Guarantor
    set_aside: list[Figure]
    unfunded: list[FigureRead]


_EXISTING = re.compile(r"(原有|现有|已有|原来)的?[^，。；\d]{0,8}?(担保公司|担保机构|担保集团|公司|机构)")
_TOGETHER = re.compile(r"和|与|及|跟|、|以及|还有|一起|共同|联合")
_JOINT = re.compile(r"合计|一共|总共|共计|加起来|两家|两方|双方|各方")


def _place_before(text: str, figure: FigureRead, figures: list[FigureRead], gazetteer: Gazetteer) -> str | None:
    """「一家在广州增城…6000万；另一家在东莞松山湖，园区财政今年注资8000万」: the place told since the last figure."""
    previous_end = max((f.mention.span[1] for f in figures if f.start < figure.start), default=0)
    start = max(previous_end, max(text.rfind(mark, 0, figure.start) for mark in "。！？!?\n") + 1)
    places = [m for m in gazetteer.find(text[start : figure.start]) if m.place.kind != "region"]
    return max(places, key=lambda m: m.end).place.name if places else None


def read_guarantee(
    text: str, figures: list[FigureRead], lexicon: Lexicon, first_id: int, gazetteer: Gazetteer
) -> GuaranteeRead:
    """The contributions, the institution's flags and the figures set aside, from one message."""
    table = lexicon.guarantee
    contributions: list[Contribution] = []
    set_aside: list[Figure] = []
    unfunded: list[FigureRead] = []
    all_from = find_words(text, table.all_from_words)
    all_funder = first_funder(text[all_from[0].end() :], lexicon) if all_from else None
    sticky: tuple[int, object] | None = None  # (sentence, funder) for 「区财政认缴2亿，首期实缴到位8000万」
    before_of: dict[str, FigureRead] = {}  # each funder's money from before the increase
    next_id = first_id
    for figure in figures:
        value, written = figure.mention.value, figure.mention.text
        before, after = figure.before, figure.after
        clause_head = text[figure.clause.start : figure.start]
        # 「1.5亿是增资总额，区财政只占其中9000万」: a part with its own funder is that funder's money.
        funded_part = figure.part_of is not None and table.funder_in(before) is not None
        if (
            figure.role == "set_aside"
            and figure.reason
            and figure.reason != "注册资本"
            and not find_words(before[-6:], table.capital_words)
            and not funded_part
        ):
            set_aside.append(Figure(text=written, value=value, reason=figure.reason))
            continue
        reason = aside_reason(figure, figures, set_aside)
        if reason is not None:
            if reason == PLANNED_TOTAL and (planned_funder := table.funder_in(before)) is not None:
                # The plan's funder is the tranche's: 「…区财政…一共增资5亿，今年第一期1.5亿已经实缴到位」.
                sticky = (figure.clause.sentence, planned_funder)
            set_aside.append(Figure(text=written, value=value, reason=reason))
            continue
        after_funder = funder_after(after)
        # A funder after the figure is its own only at the clause end (「4000万是区属国企出的」); before the
        # next figure it introduces that one (「新增的2亿里面区财政出1.2亿」).
        at_end = figure.mention.span[1] + len(after) >= figure.clause.end
        # 「新增出资7500万元（全部区财政资金）」: a bracket right after the figure names its funder.
        bracket = re.match(r"^\s*元?\s*[（(]([^）)]{1,16})[）)]", text[figure.mention.span[1] :])
        of_funder = source_after(after)
        found = (
            table.funder_in(recipient_masked(before, table))
            or (table.funder_in(of_funder.group(1)) if of_funder else None)
            or (table.funder_in(after_funder.group(1)) if after_funder and at_end else None)
            # 「（另有两亿元由社会资本认购）」: a bracket with a figure of its own is about that figure.
            or (
                table.funder_in(bracket.group(1))
                if bracket and not is_prior(text, figure, table) and not find_amounts(bracket.group(1))
                else None
            )
        )
        # 「3个亿是区财政和两家区属国企一起出的」: funders named together after the figure share it too.
        together = (
            after_funder is not None
            and at_end
            and _TOGETHER.search(after_funder.group(1)) is not None
            and len(named := table.funders_named(after_funder.group(1))) >= 2
            and "district_treasury" in named  # 「市属国企和民企一起出的」: none of it is the base, however split
        )
        if together:
            found = None
        if found is not None and _JOINT.search(before) and len(table.funders_named(clause_head)) >= 2:
            # 「区财政和区属国企两家合计出了8亿左右」: the figure is two funders' together; each share is asked.
            found = None
        if found is None and not before.strip():
            # 「社会资本（一家民企）0.8亿」: the funder said just before, across a parenthesis.
            previous_end = max((f.mention.span[1] for f in figures if f.start < figure.start), default=0)
            found = table.funder_in(text[max(previous_end, figure.start - 16) : figure.start])
        funder, funder_word = found if found else (None, None)
        # 「给原有的政策性担保公司增资8000万」: 原有 says the institution exists, not that the money is old.
        prior = (
            find_words(_EXISTING.sub("", clause_head), table.prior_words) or _FROM.search(before.rstrip()) is not None
        )
        total = find_words(before, table.total_words)
        new_total = find_words(before[-6:], table.new_total_words) and funder is None
        if (
            funder is None
            and sticky is not None
            and sticky[0] == figure.clause.sentence
            and (find_words(before, table.paid_words) or _AGAIN.search(before) or TRANCHE.search(before))
            and not _OTHERS_PAID.match(after)  # 「另外2亿是一家国有银行的投资子公司…出的」: someone else's
        ):
            # 「区财政认缴2亿，首期实缴到位8000万」「区财政之前出资2亿，今年又增资6000万」: the same funder.
            funder, funder_word = sticky[1]  # type: ignore[misc]
        earlier = before_of.get(funder.funder) if funder is not None else None  # type: ignore[union-attr]
        if earlier is not None and grown_to(clause_head) and value > earlier.mention.value:
            # 「成立时区财政出资2亿…再注资，注资后区财政累计出资达到3.2亿」: the new money is the growth.
            value, written = value - earlier.mention.value, f"{written}−{earlier.mention.text}"
        elif funder is not None and (
            paid_before(text, figure, figures, clause_head, table) or old_money_after(text, figure)
        ):
            set_aside.append(Figure(text=written, value=value, reason="增资前的原有出资，不是新增出资"))
            sticky = (figure.clause.sentence, (funder, funder_word))
            before_of[funder.funder] = figure  # type: ignore[union-attr]
            continue
        if funder is None:
            if prior:
                set_aside.append(Figure(text=written, value=value, reason="增资前的原有资本，不是新增出资"))
                continue
            if all_funder is not None and all_from_covers(text, figure, figures, all_from[0].start()):
                funder, funder_word = all_funder
                prior_figure = next((f for f in figures if f.start < figure.start and is_prior(text, f, table)), None)
                if total and prior_figure is not None and _NEW_PART.search(text[figure.start : all_from[0].start()]):
                    # 「原来注册资本2亿，今年增资到3.5亿，新增部分全是区财政出的」: the new part is 3.5亿 − 2亿.
                    value = value - prior_figure.mention.value
                    written = f"{written}−{prior_figure.mention.text}"
                    total = []
            elif total or new_total:
                reason = (
                    "注册资本（或增资后资本）总额，不是区财政新增出资额"
                    if total
                    else "新增资本合计，只有其中区财政的出资计入"
                )
                set_aside.append(Figure(text=written, value=value, reason=reason))
                continue
            else:
                unfunded.append(figure)
                continue
        elif (
            total
            and all_funder is None
            and (_TO_TOTAL.search(before) is not None or not find_words(before[-8:], table.capital_words))
        ):
            set_aside.append(Figure(text=written, value=value, reason="注册资本总额，不是区财政新增出资额"))
            continue
        sentence = sentence_text(text, figure.start)
        if _PAST.search(sentence) and _APPLIED.search(sentence):
            set_aside.append(
                Figure(text=written, value=value, reason="以前年度的出资（已申请过补助），不属于这次新增出资")
            )
            continue
        subscribed = bool(find_words(before, table.subscribed_words))
        paid = True if find_words(before, table.paid_words) else (False if subscribed else None)
        sticky = (figure.clause.sentence, (funder, funder_word))
        contributions.append(
            Contribution(
                id=next_id,
                amount=value,
                written=written,
                funder=funder.funder,  # type: ignore[union-attr]
                funder_word=funder_word,
                new=True,
                paid=paid,
                place=_place_before(text, figure, figures, gazetteer),
                clause=figure.clause.text,
            )
        )
        next_id += 1
    contributions = pointed_back(paired_subscribed(contributions))
    capital = next((f for f in set_aside if f.reason.startswith("注册资本") and f.value), None)
    if not contributions and capital is not None:
        contributions = percent_shares(text, capital.value, capital.text, table, first_id)  # type: ignore[arg-type]
    increase = next((f for f in set_aside if f.reason.startswith("新增资本合计") and f.value), None)
    if not contributions and increase is not None:
        contributions = percent_shares(
            text,
            increase.value,  # type: ignore[arg-type]
            increase.text,
            table,
            first_id,
            new_money=True,
        )
    if not contributions:
        # 「今年增资1亿」 alone: a new capital total with no funder named is a question, not a total to set aside.
        totals = [
            f
            for f in figures
            if any(a.reason.startswith("新增资本合计") and a.text == f.mention.text for a in set_aside)
        ]
        set_aside = [a for a in set_aside if not a.reason.startswith("新增资本合计")]
        unfunded += totals
    return GuaranteeRead(contributions, read_guarantor(text, lexicon, gazetteer), set_aside, unfunded)


def more_of_the_same(
    text: str, unfunded: list[FigureRead], known: Facts | None, facts: Facts, lexicon: Lexicon
) -> list[FigureRead]:
    """「区财政出资3亿」 then 「再追加1亿，总共4亿」: more of the one funder's money, and the new total set aside.

    Returns the figures still without a funder (none, when the message adds to a single known funder).
    """
    funders = {c.funder for c in known.contributions} if known is not None else set()
    if len(funders) != 1 or not unfunded or not find_words(text, lexicon.markers.addition):
        return unfunded
    source = known.contributions[0]  # type: ignore[union-attr]
    next_id = known.next_id() + len(facts.contributions)  # type: ignore[union-attr]
    for figure in unfunded:
        if find_words(figure.before[-6:], lexicon.markers.total):
            reason = "增资后的合计数，已按各次出资分别计入"
            facts.set_aside = [
                *facts.set_aside,
                Figure(text=figure.mention.text, value=figure.mention.value, reason=reason),
            ]
            continue
        added = Contribution(
            id=next_id,
            amount=figure.mention.value,
            written=figure.mention.text,
            funder=source.funder,
            funder_word=source.funder_word,
            new=True,
            paid=None,
            clause=figure.clause.text,
        )
        facts.contributions = [*facts.contributions, added]
        next_id += 1
    return []
