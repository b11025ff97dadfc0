"""Where the words around a guarantee figure name its funder: 「4000万是区属国企出的」「RMB 120m of district money」.

``funder_after`` and ``source_after`` return the match whose group 1 holds the funder's words, or
None; ``recipient_masked`` blanks the words that say whose the institution is, not who pays.
"""

from __future__ import annotations

import re

from corpus.guarantee_words import Guarantee
from corpus.lexicon import Lexicon

__all__ = ["first_funder", "funder_after", "recipient_masked", "source_after"]

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


def recipient_masked(before: str, table: Guarantee) -> str:
    """「区财政给区属的政策性担保公司增资」「给区里的担保公司增资」: after 给, the word says whose the institution is.

    Only the money's giver is a funder; the words naming the receiving institution are blanked.
    """
    words = table.institution.district + table.institution.not_district + [w for f in table.funders for w in f.words]
    pattern = "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))
    describes = rf"(?<=给|向|对|为)({pattern})(的)?(?=[^，。；]{{0,8}}(政策性|融资担保|担保公司|担保机构))"
    # 「区里的政策性融资担保公司原注册资本3亿元」: 区里的 says whose the institution is, with no money verb between.
    owner = r"(区里|我们区|本区|区属|区级)的(?=[^，。；出注增拨投]{0,8}(政策性|融资担保|担保公司|担保机构))"
    return re.sub(owner, lambda m: " " * len(m.group(0)), re.sub(describes, lambda m: " " * len(m.group(0)), before))


def first_funder(text: str, lexicon: Lexicon) -> tuple[object, str] | None:
    """The funder named first in ``text``'s first clause (「全部由区财政出资，市里…」 → 区财政)."""
    clause = re.split(r"[，,。；;！？!?]", text, maxsplit=1)[0]
    for end in range(1, len(clause) + 1):
        found = lexicon.guarantee.funder_in(clause[:end])
        if found is not None:
            longer = lexicon.guarantee.funder_in(clause[: end + 4])
            return longer if longer is not None and clause.find(longer[1]) == clause.find(found[1]) else found
    return None
