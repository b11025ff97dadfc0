"""「是广州番禺，不是佛山」「被投企业其实在珠海香洲，不在广州」: a correction that moves the investee.

A place denied (不是佛山、不在广州) that is where an investment told before went, beside a place
stated in the same message, moves those investments to the stated place. Without this, the
stated place would be read as the asker's own (the first place a message names often is). And a
place named with an institution (「机构乙（惠州）」) is that institution's, not the investee's.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.understand.model import Facts, PlaceMove
from assistant.understand.parties import PlaceRead
from corpus.gazetteer import Gazetteer

__all__ = ["claimed", "investee_moved", "of_the_investee"]

_STATED = ("investee", "institution", "unknown", "secondary")


# 「不对，我们机构不在广州，在深圳南山」 corrects where the asker is, not where the investee is.
_ABOUT_US = re.compile(r"我们|我司|我方|本机构|本基金|机构|基金|创投|VC|GP", re.IGNORECASE)
_ABOUT_INVESTEE = re.compile(r"被投|标的|企业|公司|项目")


def investee_moved(text: str, places: list[PlaceRead], known: Facts | None, gazetteer: Gazetteer) -> PlaceMove | None:
    """Where the correction moves earlier investments to, and which ones; None when it moves none."""
    if known is None or not known.investments:
        return None
    denied = [p for p in places if p.role == "negated" and of_the_investee(text, p)]
    stated = [p for p in places if p.role in _STATED and p.place.kind not in ("here", "here_speaker")]
    for no in denied:
        moved = [i.id for i in known.investments if _same_place(i.investee_place, no, gazetteer)]
        # 「B公司注册地其实在清远」: a deal named by its letter moves alone, not every deal in 广州.
        named = [i.id for i in known.investments if i.id in moved and _names_same_letter(text, i.clause or "")]
        moved = named or moved
        target = next((p for p in stated if not _same_place(p.place.name, no, gazetteer)), None)
        if moved and target is not None:
            return PlaceMove(place=target.place.name, text=target.text, investments=moved)
    return None


_LETTER_NAMED = re.compile(r"(?<![A-Za-z])([A-Z]|[甲乙丙丁])(?=公司|那家|这家|那笔|项目|企业)")


def _names_same_letter(text: str, clause: str) -> bool:
    """Whether the correction and a deal's own clause name the same lettered company (「B公司」)."""
    return bool(
        {m.group(1) for m in _LETTER_NAMED.finditer(text)} & {m.group(1) for m in _LETTER_NAMED.finditer(clause)}
    )


def of_the_investee(text: str, place: PlaceRead) -> bool:
    """Whether the sentence up to a denied place speaks of the investee rather than of the asker."""
    start = max(text.rfind(mark, 0, place.start) for mark in "。；;！？!?\n") + 1
    head = text[start : place.start]
    return bool(_ABOUT_INVESTEE.search(head)) or not _ABOUT_US.search(head)


def _same_place(name: str | None, denied: PlaceRead, gazetteer: Gazetteer) -> bool:
    """Whether ``name`` is the denied place or lies in it (南沙 is in 广州)."""
    if not name:
        return False
    place = gazetteer.resolve(name)
    if place is None:
        return name == denied.place.name
    return place.name == denied.place.name or (denied.place.kind == "city" and place.city == denied.place.city)


def claimed(places: list[PlaceRead], institutions: list) -> list[PlaceRead]:
    """「机构乙（惠州）2023年到账2亿」: a place named with an institution is its own, not the investee's."""
    spans = [(m.start - 12, m.end + 12, m.place_text) for m in institutions if m.place_text]
    return [
        replace(p, role="institution")
        if p.role == "investee" and any(a <= p.start <= b and p.text == t for a, b, t in spans)
        else p
        for p in places
    ]
