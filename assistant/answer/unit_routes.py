"""Questions about the responsible units: does a unit carry an article, which articles a unit carries.

「“智慧大脑”是市科技局负责的吧」 checks the unit against the article; 「人行广州分行营管部负责哪些条款」
lists the articles the unit is named for.
"""

from __future__ import annotations

import re

from assistant.answer import lookups
from assistant.answer.premise import check_units
from assistant.answer.selection import Selection
from assistant.retrieve.hybrid import HybridSearch
from assistant.retrieve.knowledge import Knowledge
from assistant.retrieve.mentions import MentionIndex
from assistant.schemas import Answer
from assistant.understand.focus import Focus
from assistant.understand.query import QueryAnalysis

__all__ = ["units_answer"]

_ASKS_WHICH = re.compile(r"哪些|哪几|哪条|哪一条|什么")
_CARRIES = re.compile(r"负责|牵头|承担|主管|作为责任单位|是责任单位|担任责任单位")


def units_answer(
    q: QueryAnalysis,
    focus: Focus,
    units: list[str],
    estimating: bool,
    knowledge: Knowledge,
    mentions: MentionIndex,
    select: Selection,
    search: HybridSearch,
) -> Answer | None:
    """The answer about ``units`` (the question's units; none when it picks a listed article), or None."""
    if units and (q.asks_unit or q.asks_unit_articles) and focus.confirms and not _ASKS_WHICH.search(q.text):
        quoted = mentions.find(re.findall(r"[“「『\"]([^”」』\"]{2,30})[”」』\"]", q.text))
        named = quoted[0].article if len(quoted) == 1 else None  # 「“智慧大脑”是X负责的吧」: the one naming it
        subject = named or select.subject(q, search.articles(q, k=8))
        if subject is not None:
            return check_units(units, subject)
    if units and q.asks_unit_articles and q.asks_unit and not estimating:
        found = lookups.unit_articles(knowledge, units, q.text)
        if found is not None:
            return found
    if units and q.asks_unit_articles and _CARRIES.search(q.text) and not estimating:
        # 「人行广州分行营管部负责哪些条款」: the articles it is a unit of, not every one that names a bank.
        return lookups.unit_articles(knowledge, units, q.text)
    return None
