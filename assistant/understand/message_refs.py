"""What a message points at besides its facts.

The years it asks about, the year naming a deal, and whether a guarantee message is really about
an equity investment.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.understand.text import find_words
from corpus.lexicon import Lexicon

__all__ = ["asked_years_in", "investment_words", "year_ref"]

_YEAR_REF = re.compile(r"(?<!\d)(20\d{2})\s*年?\s*(?:的|那年的?)?\s*(?:那|这)\s*一?\s*(?:笔|次|期)")


def asked_years_in(parts: list[Any], found: Any, lexicon: Lexicon) -> list[int]:
    """The years a question asks about, in a clause of its own (「今年这期能报多少？」「那23年、24年两年合计」)."""
    asking = [
        c
        for c in parts
        if (
            find_words(c.text, lexicon.markers.asks_amount)
            or re.search(r"能报|可以报|能申请|可以拿|年度?的?(奖励|补助|奖补)$", c.text.strip(" ？?。"))
        )
        and not any(c.holds(a.span[0]) for a in found.amounts)
    ]
    # 「那单看2022年，那一年能拿多少」: a clause that only narrows the question to a year, before the asking one.
    narrowing = [
        c for c in parts if asking and _NARROWS.search(c.text) and not any(c.holds(a.span[0]) for a in found.amounts)
    ]
    years = {
        y for c in asking + narrowing for m in found.years if c.holds(m.start) and len(m.years) == 1 for y in m.years
    }
    return sorted(years)


_NARROWS = re.compile(r"单看|只看|光看|就看|只算|单算|只问|单说|只说|单独看|单独算")


def year_ref(text: str) -> int | None:
    """「2023那笔」: the year that names the deal a correction is about."""
    match = _YEAR_REF.search(text)
    return int(match.group(1)) if match else None


def investment_words(text: str, lexicon: Lexicon) -> bool:
    """Whether a guarantee message is really about an equity investment (「担保公司投了一家初创企业」)."""
    stages = [w for ws in lexicon.stages.canonical.values() for w in ws]
    return bool(find_words(text, stages)) and bool(re.search(r"投了|投资了|到账", text))
