"""Which deals an estimate counts: the years the question asks about, or the deals this message names.

「今年这笔能拿多少」 counts this year's deals only (same-year ones share the cap); a year asked with
no amount told for it is asked about instead of estimated.
"""

from __future__ import annotations

import re

from assistant.understand.model import SELF, Facts, Question, Reading
from assistant.understand.query import QueryAnalysis
from assistant.understand.text import find_words
from corpus.lexicon import Lexicon

__all__ = ["scoped"]


def scoped(q: QueryAnalysis, reading: Reading, facts: Facts, this_year: int | None, lexicon: Lexicon) -> Facts:
    """Only the deals the question asks about.

    「今年这笔能拿多少」: the years of the investment the message names (same-year ones share the cap);
    「澳门这家能拿多少」: the deals of the known investor the message names.
    """
    named = _asked_alone(q.text, reading, lexicon)
    held = {i.institution for i in facts.investments}
    if named and named < held:
        return facts.model_copy(update={"investments": [i for i in facts.investments if i.institution in named]})
    asked = set(reading.asked_years)
    years = [i.year if i.year is not None else this_year for i in facts.investments]
    if asked and set(years) - asked and asked & set(years):
        kept = [i for i, year in zip(facts.investments, years, strict=True) if year in asked]
        return facts.model_copy(update={"investments": kept})
    told_years = {i.year for i in facts.investments if i.year is not None}
    written = {y for y in asked if str(y) in q.text}  # 「今年能拿多少」 after 2024's deals asks for those
    if written and told_years and not written & told_years:
        # 「2023年到账多少我忘了……问一下2023年那年的奖励」: the year asked has no amount told.
        question = Question(slot="amount", text=lexicon.ask("year_amount", year=min(written)))
        return facts.model_copy(update={"unclear": [*facts.unclear, question]})
    # The deals of this message as the session now holds them: a part of a deal told again in parts
    # arrived in that deal's year, whatever year the question's 今年 lent it.
    folded = {i.id: i for i in facts.investments}
    told = [folded.get(i.id, i) for i in reading.facts.investments]
    years = {i.year for i in told if i.year is not None}
    if not years or not find_words(q.text, lexicon.markers.this_one):
        return facts
    # A deal told without its year is counted in this year, as the engine counts it.
    kept = [i for i in facts.investments if (i.year or this_year) in years]
    return facts.model_copy(update={"investments": kept})


_ASKING = re.compile(r"多少|几万|几十万")  # the amount asked, not 「也能拿吧」
# 「我们和东莞那家分别能拿多少」: the clause asks of more than the one it points at.
_TOGETHER = re.compile(r"我们|我方|我司|咱们|分别|各自|各能|加起来|一共|合计|两家|几家|都")


def _asked_alone(text: str, reading: Reading, lexicon: Lexicon) -> set[str]:
    """「澳门这家按现在到账的能拿多少」: the known investors the asking clause points at by place and 这家."""
    pointers = "|".join(map(re.escape, lexicon.markers.this_institution))
    if not pointers:
        return set()
    asking = [c for c in re.split(r"[，,。；;？?！!]", text) if _ASKING.search(c) and not _TOGETHER.search(c)]
    return {
        i.key
        for i in reading.facts.institutions
        if i.key != SELF
        and i.place_text
        and any(re.search(re.escape(i.place_text) + f"(?:的)?(?:{pointers})", c) for c in asking)
    }
