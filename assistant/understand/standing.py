"""Investee facts told of every deal (「投的全是广州的种子期、初创期科技型中小企业」).

A hint before an amount is spent on the deals that follow it in that message; a blanket statement
holds for the deals of every later message too, until one says otherwise. Only the investee's own
facts stand (place, stage, whether a tech SME); a year or an arrival is each deal's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.understand.model import Hints
from assistant.understand.text import find_words
from corpus.lexicon import Lexicon

__all__ = ["standing_hints"]

_CLAUSES = re.compile(r"(?<=[，,；;。！!？?\n])")
# 「这两家全是种子期」 tells the deals counted, not every deal to come.
_COUNTED = re.compile(r"[两二三四五六七八九十几]\s*[家笔个只支]")
_STANDING = ("investee_place", "investee_place_text", "stage", "stage_word", "stage_unclear", "tech_sme", "tech_word")


def standing_hints(text: str, lexicon: Lexicon, own: Hints, hints_of: Callable[[str], Hints]) -> Hints:
    """What the clause with a blanket word says of every investee; nothing without one.

    ``own`` is what the whole of ``text`` says, used when the clause is all of it.
    """
    for clause in _CLAUSES.split(text):
        if find_words(clause, lexicon.markers.blanket) and not _COUNTED.search(clause):
            told = own if clause.strip() == text.strip() else hints_of(clause)
            return Hints(**{k: getattr(told, k) for k in _STANDING})
    return Hints()
