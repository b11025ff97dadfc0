"""Places listed 分别 after the deals they belong to: 「到账分别是1000万、1500万和2000万，三家分别在白云、荔湾、花都」.

The figures come first and their places later, in the same order; each deal of the sentence that
has no place of its own (or only the city) takes the place at its position in the list.
"""

from __future__ import annotations

import re

from assistant.understand.model import Investment
from assistant.understand.parties import PlaceRead

__all__ = ["respective_places"]

_RESPECTIVELY_IN = re.compile(r"分别(?:在|位于|是|落在|注册在|落户在|落户|设在)")
_JOINER = re.compile(r"^[\s、,，/和及与以及]*$")
_SENTENCE_END = "。；;！？!?\n"


def respective_places(text: str, investments: list[Investment], places: list[PlaceRead]) -> list[Investment]:
    """The deals with the places a 分别 list after them gives, in order."""
    for m in _RESPECTIVELY_IN.finditer(text):
        listed = _listed_after(text, m.end(), places)
        start = max(text.rfind(mark, 0, m.start()) for mark in _SENTENCE_END) + 1
        deals = [i for i in investments if i.clause and 0 <= text.find(i.clause, start) < m.start()]
        if len(listed) < 2 or len(deals) != len(listed):
            continue
        if any(i.investee_place and not _city_only(i, places) for i in deals):
            continue  # each deal already has a place of its own
        given = {i.id: p for i, p in zip(deals, listed, strict=True)}
        investments = [
            i.model_copy(update={"investee_place": given[i.id].place.name, "investee_place_text": given[i.id].text})
            if i.id in given
            else i
            for i in investments
        ]
    return investments


def _listed_after(text: str, position: int, places: list[PlaceRead]) -> list[PlaceRead]:
    """The places right after ``position``, joined only by 、/和/及."""
    listed: list[PlaceRead] = []
    at = position
    for place in sorted((p for p in places if p.start >= position), key=lambda p: p.start):
        if not _JOINER.match(text[at : place.start]):
            break
        listed.append(place)
        at = place.end
    return listed


def _city_only(investment: Investment, places: list[PlaceRead]) -> bool:
    """Whether the deal's place is a whole city (「广州三家」), which a district list makes precise."""
    return any(p.place.name == investment.investee_place and p.place.kind == "city" for p in places)
