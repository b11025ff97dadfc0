"""「注册资本5亿，区财政占股60%，另外40%是一家民营企业」: contributions told as shares of a new capital.

For a newly set-up institution the registered capital is all new money; each funder's share of it,
given as a percentage, is that funder's contribution (5亿 × 60% = 3亿 from the district treasury).
Not for a capital increase: a share of the capital after it is not a share of the new money.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.understand.model import Contribution
from corpus.guarantee_words import Guarantee

__all__ = ["percent_shares"]

_SHARE = re.compile(r"(占股|持股|占比|股比|出资比例|比例|占)\s*(为|是)?\s*(\d{1,3}(?:\.\d+)?)\s*[%％]")
_OTHER = re.compile(r"(另外|其余|剩下|剩余)(的)?\s*(\d{1,3}(?:\.\d+)?)\s*[%％]\s*(是|由|为)?([^，。；]{1,20})")
_PART_SHARE = re.compile(r"([^，,。；;：:、.]{1,40}?)\s*(?:出资|出|占|持有|合计|共)?\s*(\d{1,3}(?:\.\d+)?)\s*[%％]")
# 「40%的注册资本金补助」「按40%补」: the rule's ratio, after the percentage.
_RATE_AFTER = re.compile(r"\s*(?:的)?(?:比例|注册资本金补助|补助|补贴|奖励|来算|算|补|给)")
_NEW = re.compile(r"新设|新成立|新设立|刚成立|新组建|成立了一家|设立了一家|新注册")


def percent_shares(
    text: str, capital: Decimal, written: str, table: Guarantee, first_id: int, *, new_money: bool = False
) -> list[Contribution]:
    """Each funder's percentage of ``capital`` as its contribution.

    Nothing unless the institution is new, or ``new_money`` says ``capital`` is the increase itself
    (「新增的6亿里区财政占70%」).
    """
    if not new_money and not _NEW.search(text):
        return []
    shares: list[tuple[tuple, Decimal, str]] = []
    for m in _SHARE.finditer(text):
        start = max(text.rfind(mark, 0, m.start()) for mark in "，,。；;") + 1
        funder = table.funder_in(text[start : m.start()])
        if funder is not None:
            shares.append((funder, Decimal(m.group(3)), m.group(0)))
    if not shares:
        # 「区财政出资55%，一家市属国企25%，两家民营企业合计20%」: each part names its funder, then its share;
        # two such parts at least (「市里那个40%的注册资本金补助」 is the rule's ratio, not a share).
        parts = [
            (funder, Decimal(m.group(2)), m.group(0))
            for m in _PART_SHARE.finditer(text)
            if not _RATE_AFTER.match(text, m.end()) and (funder := table.funder_in(m.group(1))) is not None
        ]
        shares = parts if len(parts) >= 2 else []
    for m in _OTHER.finditer(text):
        funder = table.funder_in(m.group(5))
        if funder is not None:
            shares.append((funder, Decimal(m.group(3)), m.group(0)))
    if not shares or sum(p for _, p, _ in shares) > 100:
        return []
    return [_share(f, p, capital, written, first_id + n, said) for n, (f, p, said) in enumerate(shares)]


def _share(funder, percent: Decimal, capital: Decimal, written: str, id_: int, clause: str) -> Contribution:
    entry, word = funder
    return Contribution(
        id=id_,
        amount=capital * percent / 100,
        written=f"{written}×{percent.normalize():f}%",
        funder=entry.funder,
        funder_word=word,
        new=True,
        paid=None,
        clause=clause,
    )
