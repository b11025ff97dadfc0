"""One stage word as a stage, through the vocabulary of ``corpus/understanding/lexicon.json``."""

from __future__ import annotations

from functools import cache

from assistant.understand.model import Stage
from corpus.lexicon import load_lexicon

__all__ = ["normalize_stage"]


@cache
def _pairs() -> tuple[tuple[str, str], ...]:
    table = load_lexicon().stages.canonical
    return tuple(sorted(((w.lower(), s) for s, words in table.items() for w in words), key=lambda p: -len(p[0])))


def normalize_stage(text: str | None) -> Stage | None:
    """A stage word (「初创阶段」「seed」「成长期」) as 种子期/初创期/成长期/成熟期; None when not clear.

    A financing round (天使轮、A轮) is not a stage: it reads as None, and the stage is asked.

    >>> normalize_stage("初创阶段"), normalize_stage("天使轮"), normalize_stage("A轮")
    ('初创期', None, None)
    """
    if not text or not text.strip():
        return None
    key = "".join(text.split()).lower()
    return next((stage for word, stage in _pairs() if word in key), None)  # type: ignore[return-value]
