"""What each money figure of a message is: received, signed, still to come, or not an investment at all.

A figure's role comes from the cue nearest to it in its own clause (the words right before it,
or right after it), looked up in ``corpus/understanding/lexicon.json``: 「实际到账2000万」 is
received, 「协议签的是3000万」 signed, 「剩下1000万明年再打」 pending, 「投后估值2个亿」 set aside
as a valuation, 「500万美元」 a foreign-currency figure to ask about.
"""

from __future__ import annotations

import re

from assistant.understand.amounts import AmountMention
from assistant.understand.figure_cues import after_cue, arrived_later_in, cue_tables, nearest_cue
from assistant.understand.figure_read import FigureRead
from assistant.understand.figure_shapes import after_currency, context_cue, foreign, said_to_be, shape_cue
from assistant.understand.figure_wholes import (
    agreed_wholes,
    beside_investments,
    included_in,
    own_stage_part,
    parts_taken_out,
)
from assistant.understand.text import Clause, find_words
from corpus.lexicon import Lexicon

__all__ = ["read_figures"]

# 「2023年和2024年各投了一家企业1亿」: 各 before the verb makes the amount each one's.
_EACH_VERB = re.compile(r"各(?:自)?(?:投了|投资了|投资|投|到账|打款|出资|实缴|领投|跟投)")
# 「其中100万计入注册资本」「那1亿里其中3000万是借款」: a part of the figure before it.
_PART_OF = re.compile(
    r"其中(?:的)?(?:有|只有|仅有|包括)?\s*$"
    # 「共3亿，其中2家是成长期的合计1.2亿」: a counted part described before its figure.
    r"|其中[\d一二两三四五六七八九十]+(?:家|笔|个项目|个)[^，。；\d]{0,12}$"
)
# 「从化初创期2200万（到账1200万）」: the amount before a bracketed arrival is what was agreed.
_ARRIVAL_IN_BRACKETS = re.compile(
    r"^\s*元?\s*[（(]\s*(?:其中|实际|目前|已经?|只|only|just)?\s*(?P<word>到账|到位|实缴|打款|打了|到了|paid|received)?\s*$",
    re.IGNORECASE,
)
# …and the bracketed amount is what arrived: an arrival word before it (above) or after it.
_ARRIVED_NEXT = re.compile(r"^\s*元?\s*(?:已|已经)?(?:到账|到位|实缴|paid|received|arrived)", re.IGNORECASE)
_PAID_IN = re.compile(r"[\s，,、；;]*(?:其中)?(?:已)?实缴(?:了|出资|到位)?(?:规模|金额)?(?:为|是|了)?\s*")
# Sizes whose paid-in part is the same kind of money (an investee's 「估值3亿，实缴2000万」 is not).
_SIZES_PAID_IN = frozenset({"管理规模（基金规模）", "注册资本"})
_CHANGED_TO = re.compile(r"(增加到|增加至|增至|增到|提高到|扩大到|变为|变成|调整为)\s*$")
# 「这8000万」「那笔2亿」: a figure pointed at as one told before.
_POINTED = re.compile(r"(?:这|那)(?:一?笔)?\s*$")
# 「3亿、4亿」「6个亿还是7个亿」: listed or offered as alternatives, the next figure is of the same kind.
_LIST_NEXT = re.compile(r"\s*元?\s*(?:[、和及与/]|还是|或者|或是|或)\s*")
# 「是今年1月才到的」: 才到 with 的 tells when money came, not that it is still to come.
# 「下个月才到的话」「明年才到的」 are still to come.
_CAME_LATE = re.compile(r"才(?:到账|到位|到|打过来|打过去|打|付)(?:了)?的(?!话)")
_STILL_TO_COME = re.compile(r"下个?月|下周|下半年|明年|年底|以后|之后|将来|月底")
# An English clause this short leans on the one before it.
_SHORT_ENGLISH = 12


def read_figures(
    text: str, amounts: list[AmountMention], parts: list[Clause], lexicon: Lexicon, *, asking: bool
) -> list[FigureRead]:
    """The role of every amount in ``text``.

    Args:
        text: The prepared message.
        amounts: Its amounts, in order.
        parts: Its clauses.
        lexicon: The vocabulary.
        asking: Whether the message asks for an amount (then 「能拿9万」 is the user's own estimate).
    """
    before_cues, after_cues = cue_tables(lexicon, asking)
    markers = lexicon.markers
    reads: list[FigureRead] = []
    for index, amount in enumerate(amounts):
        start, end = amount.span
        clause = next((c for c in parts if c.holds(start)), Clause(0, len(text), text, 0))
        previous_end = amounts[index - 1].span[1] if index > 0 else 0
        next_start = amounts[index + 1].span[0] if index + 1 < len(amounts) else len(text)
        before = text[max(clause.start, previous_end) : start]
        if before.isascii() and len(before.strip()) <= _SHORT_ENGLISH:
            # 「Total committed under the SPAs was higher, around RMB 450m」: an English clause this short
            # leans on the one before it for what the figure is.
            opening = min((c.start for c in parts if c.sentence == clause.sentence), default=clause.start)
            before = text[max(opening, previous_end) : start]
        after = text[end : min(clause.end, next_start)]
        cue = context_cue(text, clause.start, start, before, after)
        in_currency = foreign(before, after, lexicon)
        if cue is None and in_currency is not None:
            # 「fund size大概USD 300m」: money set aside is set aside in any currency.
            aside = nearest_cue(before, [c for c in before_cues if c[0] == "set_aside"])
            if aside is None:
                # 「管理一只1亿美元的基金」: the kind of money may follow its currency.
                rest = after_currency(after, lexicon)
                aside = next((c for c in [after_cue(rest, after_cues)] if c and c[0] == "set_aside"), None)
            cue = aside if aside is not None else in_currency
        cue = cue or shape_cue(after) or said_to_be(after, lexicon)
        bracket = _ARRIVAL_IN_BRACKETS.match(text[end:next_start])
        if cue is None and bracket and (bracket.group("word") is not None or _arrived_next(text, amounts, index)):
            cue = ("signed", None)  # the bracket closes the clause, so look past it
        if (
            cue is None
            and reads
            and reads[-1].role == "set_aside"
            and reads[-1].clause is clause
            and (_CHANGED_TO.search(before) or _LIST_NEXT.fullmatch(before))
        ):
            # 「注册资本从100万增加到120万」「投后估值分别是3亿、4亿、1.5亿」: the next figure is the same kind.
            cue = ("set_aside", reads[-1].reason)
        if (
            reads
            and reads[-1].role == "set_aside"
            and reads[-1].reason in _SIZES_PAID_IN
            and reads[-1].clause.sentence == clause.sentence
            and _PAID_IN.fullmatch(text[previous_end:start])
        ):
            # 「认缴规模20亿元，实缴12亿元」: the paid-in part of a size set aside is that size too, not money in.
            cue = ("set_aside", reads[-1].reason)
        same = next(
            (
                r
                for r in reads
                if r.role == "set_aside"
                and r.mention.value == amount.value
                # 「我们母基金这8000万能不能…」: pointed at again in a later sentence, it is the same money.
                and (r.clause.sentence == clause.sentence or _POINTED.search(before))
            ),
            None,
        )
        if cue is None and same is not None:
            cue = ("set_aside", same.reason)  # 「最高500万是每家企业500万还是每个机构500万」: the same figure again
        if cue is None and find_words(before[-8:], markers.total):
            # 「1.5%分别是180万、120万、300万…合计600万」: the total of figures set aside is set aside too.
            summed = _set_aside_summing_to(reads, clause, amount.value)
            cue = ("set_aside", summed) if summed else None
        adjacent = nearest_cue(before, before_cues, reach=1)  # 「签约1000万到账400万」: the word right before wins
        said_after = after_cue(after, after_cues)
        if said_after and said_after[0] == "pending" and _CAME_LATE.search(after) and not _STILL_TO_COME.search(after):
            said_after = ("received", None)  # 「3000万是今年才到的」: it came, only later than the rest
        if adjacent and adjacent[0] == "pending" and arrived_later_in(after, lexicon):
            # 「剩下的2000万是2024年1月到账的」: the rest, which its clause says has arrived
            adjacent, said_after = None, ("received", None)
        if cue is None and not (adjacent or said_after):
            cue = nearest_cue(before, before_cues)
            aside = nearest_cue(before, [c for c in before_cues if c[0] == "set_aside"])
            if cue is not None and cue[0] in ("pending", "signed") and aside is not None:
                cue = aside  # 「担保规模计划做到30亿」: a plan for money of another kind is still that kind
        cue = cue or adjacent or said_after
        whole = next(
            (
                i
                for i in range(len(reads) - 1, -1, -1)
                if reads[i].clause.sentence == clause.sentence and reads[i].role not in ("set_aside", "foreign")
            ),
            None,
        )
        part_of = whole if _PART_OF.search(before) and whole is not None else None
        if part_of is not None and reads[part_of].mention.value <= amount.value:
            part_of = None
        own_part = part_of is not None and own_stage_part(text, clause, parts, lexicon)
        if cue is None and part_of is not None and not own_part:
            cue = ("set_aside", f"其中的一部分，已含在{reads[part_of].mention.text}里")
        role, reason = cue if cue else ("plain", None)
        head = text[clause.start : start]
        reads.append(
            FigureRead(
                mention=amount,
                role=role,  # type: ignore[arg-type]
                reason=reason,
                total=bool(find_words(before[-8:], markers.total)),
                each=(bool(find_words(before[-8:], markers.each)) and "分别" not in before[-8:])
                or bool(_EACH_VERB.search(head)),
                respectively="分别" in head,
                clause=clause,
                before=before,
                after=after,
                part_of=part_of,
                own_part=own_part,
            )
        )
    return included_in(parts_taken_out(agreed_wholes(beside_investments(reads, lexicon))))


def _set_aside_summing_to(reads: list[FigureRead], clause: Clause, value: object) -> str | None:
    """The reason shared by two or more figures of the sentence, set aside, that add up to ``value``."""
    aside = [r for r in reads if r.role == "set_aside" and r.clause.sentence == clause.sentence]
    for reason in dict.fromkeys(r.reason for r in aside):
        alike = [r.mention.value for r in aside if r.reason == reason]
        if len(alike) >= 2 and sum(alike) == value:
            return reason
    return None


def _arrived_next(text: str, amounts: list[AmountMention], index: int) -> bool:
    """Whether the amount after ``amounts[index]`` is followed by an arrival word (「（only 4.5m paid）」)."""
    return index + 1 < len(amounts) and bool(_ARRIVED_NEXT.match(text[amounts[index + 1].span[1] :]))
