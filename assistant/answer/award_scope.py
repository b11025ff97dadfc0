"""Which deals an estimate counts: the years the question asks about, or the deals this message names.

「今年这笔能拿多少」 counts this year's deals only (same-year ones share the cap); a year asked with
no amount told for it is asked about instead of estimated.
"""

from __future__ import annotations

from assistant.understand.model import Facts, Question, Reading
from assistant.understand.query import QueryAnalysis
from assistant.understand.text import find_words
from corpus.lexicon import Lexicon

__all__ = ["scoped"]


def scoped(q: QueryAnalysis, reading: Reading, facts: Facts, this_year: int | None, lexicon: Lexicon) -> Facts:
    """「今年这笔能拿多少」: only the years of the investment the message names (same-year ones share the cap)."""
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
