"""Fold a message's guarantee capital contributions into those the session knows.

An addition or another funder appends; a correction replaces the items of each funder it names;
「其中…」 after a single contribution carves a part out of it for another funder.
"""

from __future__ import annotations

from assistant.understand.model import Contribution

__all__ = ["merge_contributions"]


def merge_contributions(
    known: list[Contribution], new: list[Contribution], correction: bool, addition: bool
) -> list[Contribution]:
    """The contributions known after a message that tells ``new`` ones."""
    if not new:
        return known
    carved = _carved_out(known, new)
    if carved is not None:
        return carved
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
