"""Fold a message's guarantee capital contributions into those the session knows.

An addition or another funder appends; a correction replaces the items of each funder it names;
「其中…」 after a single contribution carves a part out of it for another funder.
"""

from __future__ import annotations

import re

from assistant.understand.model import Contribution

__all__ = ["merge_contributions", "withdrawn_contributions"]


def merge_contributions(
    known: list[Contribution], new: list[Contribution], correction: bool, addition: bool, restates: bool
) -> list[Contribution]:
    """The contributions known after a message that tells ``new`` ones."""
    if not new:
        return known
    carved = _carved_out(known, new)
    if carved is not None:
        return carved
    parts = _broken_down(known, new) if restates else None
    if parts is not None:
        return parts
    if addition and not correction:
        return [*known, *new]
    if not correction and known and not {c.funder for c in new} & {c.funder for c in known}:
        return [*known, *new]  # 「那要是市属国企也再出1亿呢」: another funder beside the ones told
    if correction:
        # A restated breakdown replaces what it breaks down (「3亿里面区财政只出了1.8亿」).
        # 「区财政是分两次增资的，2023年实缴八千万，2024年又追加4000万」: every new item of a funder
        # told again stands; the funder's old items go.
        named = {c.funder for c in new}
        kept = [c for c in known if c.funder not in ("district_unclear", "unknown") and c.funder not in named]
        old_ids = {c.funder: c.id for c in known if c.funder in named}
        restated: list[Contribution] = []
        for item in new:
            first = item.funder in old_ids and not any(r.funder == item.funder for r in restated)
            restated.append(item.model_copy(update={"id": old_ids[item.funder]}) if first else item)
        return [*kept, *restated]
    return new


def _carved_out(known: list[Contribution], new: list[Contribution]) -> list[Contribution] | None:
    """「其中5000万是区属国企出的」: part of the one known contribution came from another funder."""
    if len(known) != 1 or len(new) != 1 or not new[0].clause.startswith("其中"):
        return None
    whole, part = known[0], new[0]
    if part.funder == whole.funder or part.amount >= whole.amount:
        return None
    rest = whole.model_copy(update={"amount": whole.amount - part.amount, "written": f"{whole.written}−{part.written}"})
    return [rest, part]


def _broken_down(known: list[Contribution], new: list[Contribution]) -> list[Contribution] | None:
    """「注册资本2亿，全部是区财政出的」 then 「区财政实际出资是1.5亿，另外5000万是区里一家国企出的」.

    Two or more new items adding up to one known contribution, in a message that restates
    (「区财政实际出资是1.5亿」; 「这回区财政出了8000万」 is new money), are its parts, told by funder:
    they replace it, whatever the known one said of its funder.
    """
    if len(new) < 2:
        return None
    total = sum(c.amount for c in new)
    whole = next((c for c in known if c.amount == total), None)
    if whole is None:
        return None
    return [c for c in known if c is not whole] + [
        c.model_copy(update={"id": whole.id}) if n == 0 else c for n, c in enumerate(new)
    ]


# What names one contribution among several: its year, or the founding it was paid at.
_KEYS = re.compile(r"(?<!\d)(?:20)?(\d{2})\s*年|(成立|设立|新设|开业|首次|第一次|头一次)")


def withdrawn_contributions(message: str, known: list[Contribution], words: list[str]) -> list[int]:
    """「成立那次的补助我们当年已经申请过了，不用再算」: the known contributions the message takes back.

    A message with no amount that names a contribution by its year or by the founding, with words
    of an award already had or a deal gone, removes the contributions whose own clause says the same.
    """
    if not known or re.search(r"\d|[一二两三四五六七八九十]\s*[万亿]", _KEYS.sub("", message)):
        return []
    if not any(w in message for w in words):
        return []
    keys = {m.group(1) or m.group(2) for m in _KEYS.finditer(message)}
    founding = {"成立", "设立", "新设", "开业", "首次", "第一次", "头一次"}
    gone = [
        c.id
        for c in known
        if any(
            (k in founding and any(f in c.clause for f in founding)) or (k not in founding and f"{k}年" in c.clause)
            for k in keys
        )
    ]
    return gone if len(gone) < len(known) else []
