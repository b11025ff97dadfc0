"""Passes over a message's read figures that relate them to each other.

A whole and its parts (「共3亿，其中1.2亿…」), an agreed total that its tranches add up to, a figure
set aside only beside investments: each pass rereads the list once every figure has its own role.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import takewhile

from assistant.understand.figure_read import FigureRead
from assistant.understand.text import Clause, find_words
from corpus.lexicon import Lexicon

__all__ = [
    "REMAINDER_OPENS",
    "agreed_wholes",
    "beside_investments",
    "included_in",
    "own_stage_part",
    "parts_taken_out",
]

# 「…，剩下3家都是初创期」: the rest of a total whose part was told apart.
REMAINDER_OPENS = re.compile(r"^\s*(剩下|剩余|其余|余下|另外|其他)")
_SIGNED_IN_PARTS = "签约（协议）金额，已按其中实际到账的部分计算"
# 「我已经按到账的两千万算进2.8亿里了」: the first figure is said to be inside the second.
_PUT_INTO = re.compile(
    r"^\s*元?\s*[^，。；\d]{0,4}?(?:算进|算在|算入|计入|计在|含在|包含在|包括在|包在|放进|加进)(?:了|去了)?\s*$"
)
_INSIDE = re.compile(r"^\s*元?\s*(?:的)?(?:里|中|内|之内|当中|里面|里头)")


def parts_taken_out(reads: list[FigureRead]) -> list[FigureRead]:
    """「那1亿里其中3000万是借款」「其中500万还没到账」: the whole counts only what is left of it."""
    result = list(reads)
    for read in reads:
        whole = read.part_of
        left_out = read.role == "pending" or (read.role == "set_aside" and not (read.reason or "").startswith("其中"))
        if whole is None or not (left_out or read.own_part):
            continue
        mention = result[whole].mention
        rest = replace(mention, value=mention.value - read.mention.value, text=f"{mention.text}−{read.mention.text}")
        result[whole] = FigureRead(**{**result[whole].__dict__, "mention": rest, "remainder": read.own_part})
    return result


def included_in(reads: list[FigureRead]) -> list[FigureRead]:
    """「其中一家只到账了两千万，我已经按到账的两千万算进2.8亿里了」: a figure said to be inside another.

    The part, wherever the message names it, is already in the whole and is not a deal of its own;
    a whole the message told before is that figure said again, not a second one.
    """
    result = list(reads)
    for index, read in enumerate(reads[:-1]):
        whole = reads[index + 1]
        if not (_PUT_INTO.match(read.after) and _INSIDE.match(whole.after)):
            continue
        reason = f"已含在{whole.mention.text}里"
        parts = [i for i, f in enumerate(reads) if f.mention.value == read.mention.value and f.role != "foreign"]
        clauses = {reads[i].clause.start for i in parts}
        for other, figure in enumerate(reads):
            if other in parts and figure.role != "set_aside":
                result[other] = FigureRead(**{**figure.__dict__, "role": "set_aside", "reason": reason})
            elif figure.role == "signed" and figure.clause.start in clauses:
                # 「签了5000万但只到账了两千万」: the part that arrived is in the whole, so its deal is too.
                signed = f"签约金额，其中到账的部分{reason}"
                result[other] = FigureRead(**{**figure.__dict__, "role": "set_aside", "reason": signed})
        if any(f is not whole and f.mention.value == whole.mention.value and f.role != "set_aside" for f in reads):
            result[index + 1] = FigureRead(**{**whole.__dict__, "role": "set_aside", "reason": "同一个数字再说一遍"})
    return result


def own_stage_part(text: str, clause: Clause, parts: list[Clause], lexicon: Lexicon) -> bool:
    """「共3亿，其中2家是成长期的合计1.2亿，剩下3家都是初创期」: a part told apart by its stage, the rest said too."""
    stages = [w for words in lexicon.stages.canonical.values() for w in words]
    if not find_words(clause.text, stages):
        return False
    rest = [c for c in parts if c.start > clause.start and c.sentence == clause.sentence]
    return any(REMAINDER_OPENS.search(c.text) for c in rest)


def agreed_wholes(reads: list[FigureRead]) -> list[FigureRead]:
    """A plain figure that what arrived and what is still to come add up to is the agreed amount.

    「4500w投番禺…，今年先到账3000w，剩下1500w明年打」: the 4500w is agreed, not a fourth deal.
    """
    result = list(reads)
    for index, read in enumerate(reads):
        if read.role == "signed" and _told_in_parts(read, reads[index + 1 :]):
            # 「本轮签约3000万，分两笔：第一笔1800万已到账；第二笔1200万明年才打」: the parts say it all.
            result[index] = FigureRead(**{**read.__dict__, "role": "set_aside", "reason": _SIGNED_IN_PARTS})
            continue
        if read.role != "plain":
            continue
        later = [
            r
            for r in reads[index + 1 :]
            if r.clause.sentence == read.clause.sentence and r.role in ("received", "pending")
        ]
        # 「our RMB 20 million round…. Tranche 1 RMB 8m arrived…, tranche 3 RMB 5m still pending」: the tranches
        # right after it, in the sentences that follow, add up to it too.
        following = list(takewhile(lambda r: r.role in ("received", "pending"), reads[index + 1 :]))
        for parts in (later, following):
            roles = {r.role for r in parts}
            if roles == {"received", "pending"} and sum(r.mention.value for r in parts) == read.mention.value:
                result[index] = FigureRead(**{**read.__dict__, "role": "signed"})
                break
    return result


def beside_investments(reads: list[FigureRead], lexicon: Lexicon) -> list[FigureRead]:
    """A figure set aside only beside an investment (机构整体投资额) is the investment when it stands alone."""
    conditional = {c.reason for c in lexicon.figures.set_aside if c.only_beside_investments}
    if not conditional or any(r.role not in ("set_aside",) for r in reads):
        return reads
    return [
        FigureRead(**{**r.__dict__, "role": "plain", "reason": None}) if r.reason in conditional else r for r in reads
    ]


def _told_in_parts(read: FigureRead, rest: list[FigureRead]) -> bool:
    """Whether the figures right after a signed one, some arrived and some to come, add up to it."""
    following = list(takewhile(lambda r: r.role in ("received", "pending"), rest))
    roles = {r.role for r in following}
    return roles == {"received", "pending"} and sum(r.mention.value for r in following) == read.mention.value
