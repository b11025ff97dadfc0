"""Words a consultation profile's free text is read with: boards, IP, cross-border, needs, plans.

Data in ``understanding/profile_words.json``: word tables as (saying, canonical) pairs, longest
first, and a few patterns (listing verbs, negation, need verbs) compiled once.

Example:
    >>> words = load_profile_words()
    >>> words.first("打算在深交所创业板上市", words.boards)
    '创业板'
    >>> bool(words.pattern("bond").search("计划发行公司债"))
    True
"""

from __future__ import annotations

import json
import re
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from corpus.paths import PROFILE_WORDS_PATH

__all__ = ["ProfileWords", "load_profile_words"]

Pairs = tuple[tuple[str, str], ...]


class ProfileWords(BaseModel):
    """The profile's word tables and patterns."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str = Field(..., min_length=1)
    boards: Pairs
    ip_words: Pairs
    cross_border_words: Pairs
    need_words: Pairs
    patterns: dict[str, str]

    @cached_property
    def _compiled(self) -> dict[str, re.Pattern[str]]:
        return {name: re.compile(pattern, re.IGNORECASE) for name, pattern in self.patterns.items()}

    def pattern(self, name: str) -> re.Pattern[str]:
        """The compiled pattern ``name`` (bond, listing, negation…).

        Raises:
            KeyError: No such pattern in the data.
        """
        return self._compiled[name]

    @staticmethod
    def first(text: str, table: Pairs) -> str | None:
        """The canonical name of the first table word found in ``text`` (case-insensitive)."""
        lowered = text.lower()
        return next((canonical for word, canonical in table if word in lowered), None)


@cache
def load_profile_words(path: Path = PROFILE_WORDS_PATH) -> ProfileWords:
    """The shipped tables (read once per path)."""
    return ProfileWords.model_validate(json.loads(path.read_text(encoding="utf-8")))
