"""Who applies for a per-institution cap when one manager runs several of the asker's funds.

「管理人旗下两只基金」 leaves open whether each fund or the manager is the 股权投资机构 whose
yearly cap applies; the text does not say. The message may settle it (「两只基金分别申报」
「由管理人统一申报」). The patterns are the lexicon's.
"""

from __future__ import annotations

import re
from typing import Literal

from corpus.lexicon import Lexicon

__all__ = ["applying_as", "one_manager"]


def _any(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def one_manager(text: str, lexicon: Lexicon) -> bool:
    """Whether the message says the asker's funds share one manager."""
    return _any(lexicon.parties.one_manager, text)


def applying_as(text: str, lexicon: Lexicon) -> Literal["one", "apart"] | None:
    """How the funds apply, if the message says: as one through the manager, or each apart."""
    if _any(lexicon.parties.apply_apart, text):
        return "apart"
    if _any(lexicon.parties.apply_as_one, text):
        return "one"
    return None
