"""One contribution told twice: named again by a demonstrative, or subscribed and then paid in.

「再增资3亿元，这3亿全部由区财政新增出资」 is one 3亿: the first mention says how much comes in, the
second who puts it in; read as two contributions the same money would be counted twice, or held back
by a question about a funder the message has named. 「区财政认缴2亿，首期实缴8000万」 is one too.
"""

from __future__ import annotations

import re

from assistant.understand.model import Contribution

__all__ = ["paired_subscribed", "pointed_back"]

_POINTING = r"(?:这|该|上述|前述|上面的?|这笔|这部分|这次的?|此次的?)\s*"
_VAGUE = ("district_unclear", "unknown")


def pointed_back(contributions: list[Contribution]) -> list[Contribution]:
    """The contributions with each 「这X」 folded into the earlier one of the same amount it points at."""
    kept: list[Contribution] = []
    for c in contributions:
        pointing = re.search(_POINTING + re.escape(c.written), c.clause) is not None
        earlier = next((k for k in kept if pointing and k.amount == c.amount and k.funder in _VAGUE), None)
        if earlier is None:
            kept.append(c)
            continue
        kept[kept.index(earlier)] = earlier.model_copy(
            update={
                "funder": c.funder,
                "funder_word": c.funder_word,
                "paid": c.paid if c.paid is not None else earlier.paid,
            }
        )
    return kept


def paired_subscribed(contributions: list[Contribution]) -> list[Contribution]:
    """「区财政认缴2亿，首期实缴8000万」: one contribution, paid 8000万 of 2亿 subscribed."""
    result: list[Contribution] = []
    for item in contributions:
        partner = next((c for c in result if c.funder == item.funder and c.paid is False and item.paid), None)
        if partner is not None and partner.amount != item.amount:
            result[result.index(partner)] = item.model_copy(update={"subscribed": partner.amount})
            continue
        result.append(item)
    return result
