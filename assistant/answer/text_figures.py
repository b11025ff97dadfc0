"""A figure the user repeats from the policy text (「200亿里市财政自己要出多少」) is the text's, not a deal.

The reader takes a plain figure in a money question for an investment. When every such figure is one
the text itself gives (a fund's size, a cap) and the message has no word of the asker investing,
the question is about the text, and the figures are not the asker's deals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from assistant.understand.amounts import find_amounts
from assistant.understand.model import Reading
from corpus.records import Article

__all__ = ["text_figures", "without_quoted_figures"]

# Words of the asker's own money: with them, a figure of the text's size is still the asker's deal.
_OWN_MONEY = re.compile(r"我们|我司|我方|本机构|咱们|投了|投资了|到账|打款|打了|实缴|认缴|签了|领投|跟投|注资了")


def text_figures(articles: Iterable[Article]) -> frozenset[Decimal]:
    """Every money amount the policy text writes."""
    return frozenset(m.value for a in articles for m in find_amounts(a.body))


def without_quoted_figures(message: str, reading: Reading, figures: frozenset[Decimal]) -> Reading:
    """``reading`` without investments that only repeat the text's own figures."""
    investments = reading.facts.investments
    if not investments or _OWN_MONEY.search(message):
        return reading
    if any(i.status != "unstated" or i.amount not in figures for i in investments):
        return reading
    return reading.model_copy(update={"facts": reading.facts.model_copy(update={"investments": []})})
