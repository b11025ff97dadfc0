"""Where the words after a guarantee figure name its funder: 「4000万是区属国企出的」「RMB 120m of district money」.

Each function returns the match whose group 1 holds the funder's words, or None.
"""

from __future__ import annotations

import re

__all__ = ["funder_after", "source_after"]

# 「4000万是区属国企出的」「2亿由区财政认缴」: the funder, then the verb of putting money in.
_PAID_BY = re.compile(
    r"^\s*元?\s*(?:是|由|为|系|均由|全部由|都是|都由)?\s*(.{0,26}?)"
    r"(?:出资|注资|出的|出|入股|入的股|认购|认缴|实缴|缴纳|投的|投入)"
)
# 「3000万是区财政的」: the funder alone, closing the clause.
_OF_ONE = re.compile(r"^\s*元?\s*(?:是|为|系|来自)\s*(.{1,10}?)\s*(?:的)?\s*$")
# 「7000万其实是省里下来的专项资金」: money handed down from its funder.
_HANDED_DOWN = re.compile(
    r"^\s*元?\s*(?:其实|实际上|实际|都|全)?(?:是|为|系|来自)\s*(.{1,12}?)(?:下来|下拨|拨下来|拨|转拨|配套|给)的"
)
# 「剩下1亿引入社会资本」: the money brought in from its funder.
_BROUGHT_IN = re.compile(r"^\s*元?\s*(?:引入|引进|吸收|吸引|来自|找)\s*(.{1,14}?)\s*(?:出资|认购|入股|来出)?\s*$")
# 「RMB 120 million of new district fiscal money」: English names the money's source right after it.
_OF_SOURCE = re.compile(
    r"(?i)^\s*(?:of|from)\s+(?:new\s+|fresh\s+|additional\s+)?(.{1,30}?\s*(?:money|funds|funding|budget))\b"
)


def funder_after(after: str) -> re.Match[str] | None:
    """The funder a Chinese clause names after the figure (it counts only at the clause's end)."""
    return _PAID_BY.match(after) or _OF_ONE.match(after) or _HANDED_DOWN.match(after) or _BROUGHT_IN.match(after)


def source_after(after: str) -> re.Match[str] | None:
    """The source English names right after the figure, wherever the clause goes on."""
    return _OF_SOURCE.match(after)
