"""Investee facts a message states without an amount (「被投企业在天河，是初创期的」), as hints.

The deals told later in the conversation take them (see ``hint_fill``); a stage the asker says it
does not know stays unknown whatever round is named.
"""

from __future__ import annotations

import dataclasses

from assistant.understand.arrival import received_state
from assistant.understand.model import NOT_AT, Hints
from assistant.understand.parties import PlaceRead
from assistant.understand.place_fix import of_the_investee
from assistant.understand.text import find_words
from corpus.lexicon import Lexicon

__all__ = ["hints_in"]


def hints_in(text: str, places: list[PlaceRead], found, lexicon: Lexicon, this_year: int) -> Hints:
    """Investee facts a message states without an amount."""
    investee = [p for p in places if p.role == "investee"]
    negated = [p for p in places if p.role == "negated" and of_the_investee(text, p)]
    clear = [s for s in found.stages if not s.unclear]
    stage = clear[0] if clear else (found.stages[0] if found.stages else None)
    if stage is not None and find_words(text, lexicon.stages.unknown):
        # 「公司具体什么阶段我不太清楚…就知道是B轮」: the asker says the stage is not known; a round is no answer.
        stage = dataclasses.replace(stage, stage=None, unclear=True)
    # 「明年准备IPO」: a year still to come is no year money arrived in.
    # 「去年成立的」: the company's year, not the money's.
    years = [
        y for y in found.years if not y.implicit and not y.of_company and len(y.years) == 1 and y.years[0] <= this_year
    ]
    tech = [m.group(0) for m in find_words(text, lexicon.tech.no + lexicon.tech.large)]
    yes = [m.group(0) for m in find_words(text, lexicon.tech.yes)]
    place = investee[-1] if investee else None
    return Hints(
        investee_place=place.place.name if place else (f"{NOT_AT}{negated[0].place.name}" if negated else None),
        investee_place_text=place.text if place else None,
        stage=stage.stage if stage and stage.stage else None,  # type: ignore[arg-type]
        stage_word=stage.text if stage else None,
        stage_unclear=bool(stage and stage.unclear),
        tech_sme=False if tech else (True if yes else None),
        tech_word=(tech or yes or [None])[0],
        year=years[0].years[0] if years else None,
        status=received_state(text, lexicon),
    )
