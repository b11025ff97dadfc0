"""Article 11's vocabulary: who put money into a guarantee institution, and the words of its capital.

Part of ``understanding/lexicon.json`` (its ``guarantee`` table); loaded with the rest of the
lexicon by :func:`corpus.lexicon.load_lexicon`.
"""

from __future__ import annotations

import re
from functools import cached_property

from pydantic import BaseModel, ConfigDict

__all__ = ["Funder", "Guarantee", "GuaranteeInstitution"]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Funder(_Table):
    """One source of a guarantee institution's capital."""

    funder: str
    label: str
    words: list[str]


class GuaranteeInstitution(_Table):
    """What the institution is: district level, policy based, newly set up or capitalised."""

    district: list[str]
    not_district: list[str]
    policy: list[str]
    not_policy: list[str]
    new: list[str]


# How far before a bare head word (集团) its level word (市属) may be: 「市属的一家担保集团」.
_HEAD_GAP = 8


class Guarantee(_Table):
    """Article 11's vocabulary: funders, capital words, totals and prior capital."""

    note: str = ""
    funders: list[Funder]
    capital_words: list[str]
    subscribed_words: list[str]
    paid_words: list[str]
    prior_words: list[str]
    total_words: list[str]
    new_total_words: list[str]
    all_from_words: list[str]
    none_words: list[str]
    institution: GuaranteeInstitution
    # 「市属的一家担保集团」: a bare head word (集团、国企) takes the level word said just before it.
    bare_heads: list[str] = []
    head_levels: list[str] = []

    @cached_property
    def _funder_words(self) -> tuple[tuple[str, Funder], ...]:
        pairs = [(word, funder) for funder in self.funders for word in funder.words]
        return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))

    def funder_of(self, text: str) -> Funder | None:
        """The funder the last funder word in ``text`` names (the one nearest what follows)."""
        found = self.funder_in(text)
        return found[0] if found else None

    def funder_in(self, text: str) -> tuple[Funder, str] | None:
        """The funder the last funder word in ``text`` names, and that word."""
        best: tuple[int, int, Funder, str] | None = None
        for word, funder in self._funder_words:
            index = text.rfind(word)
            if index < 0:
                continue
            end = index + len(word)
            if best is None or end > best[0] or (end == best[0] and len(word) > best[1]):
                best = (end, len(word), funder, word)
        if best is not None and best[3] in self.bare_heads:
            head = best[0] - best[1]
            before = [
                (end, funder, word)
                for word, funder in self._funder_words
                if word in self.head_levels
                and (end := text.rfind(word, 0, head) + len(word)) >= len(word)
                and head - end <= _HEAD_GAP
                and not re.search(r"[和与、及跟，,；;]", text[end:head])  # 「区财政和集团」 names two
            ]
            if before:
                _, funder, word = max(before, key=lambda b: (b[0], len(b[2])))
                return funder, word
        return (best[2], best[3]) if best else None

    def funders_named(self, text: str) -> set[str]:
        """Every funder code a word of ``text`` names (「区财政和区属国企」 names two)."""
        return {entry.funder for word, entry in self._funder_words if word in text}
