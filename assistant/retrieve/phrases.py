"""Phrase overlap: how many of a question's character trigrams a chunk contains, weighted by rarity.

BM25 over jieba words misses near-verbatim wording that jieba cuts differently (「专门投资机构」 vs
「专门」「投资」「机构」, each common) and dense similarity blurs it; character trigrams keep the
phrase. It is the third ranker of the hybrid search, fused by reciprocal rank like the other two.

Example:
    >>> index = PhraseIndex.build(["支持科技企业设立投资部门", "加强科技信贷服务"])
    >>> [round(s, 2) for s in index.scores("科技企业设立投资部")]
    [7.69, 0.0]
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Letters and digits of any script; punctuation and spaces break a phrase.
_WORD_CHARS = re.compile(r"[^\W_]+")
N = 3


def trigrams(text: str) -> set[str]:
    """The character trigrams of ``text`` within runs of letters and digits (lower-cased)."""
    grams: set[str] = set()
    for run in _WORD_CHARS.findall(text.lower()):
        grams.update(run[i : i + N] for i in range(len(run) - N + 1))
    return grams


@dataclass(frozen=True)
class PhraseIndex:
    """Trigram postings over a list of texts (the index's chunks, in order)."""

    postings: dict[str, frozenset[int]]
    idf: dict[str, float]
    size: int

    @classmethod
    def build(cls, texts: Sequence[str]) -> PhraseIndex:
        """Index ``texts``; a trigram's weight is its inverse document frequency."""
        postings: dict[str, set[int]] = {}
        for position, text in enumerate(texts):
            for gram in trigrams(text):
                postings.setdefault(gram, set()).add(position)
        size = len(texts)
        return cls(
            postings={gram: frozenset(found) for gram, found in postings.items()},
            idf={gram: math.log(1 + size / len(found)) for gram, found in postings.items()},
            size=size,
        )

    def scores(self, query: str) -> list[float]:
        """Each text's summed weight of the query trigrams it contains."""
        totals = [0.0] * self.size
        for gram in trigrams(query):
            for position in self.postings.get(gram, ()):
                totals[position] += self.idf[gram]
        return totals
