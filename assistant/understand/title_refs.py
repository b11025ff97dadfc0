"""Articles a question names by their title: 「防范科技金融风险和优化政务服务这两条」.

Only for questions that say they are about several articles (这两条、分别、各自); each piece of
the question between joiners is matched to the article title it shares most character pairs
with, its own words and their aliases (国企 → 国有企业) both tried.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

__all__ = ["SEVERAL_ARTICLES", "title_refs"]

SEVERAL_ARTICLES = re.compile(r"(这|那)?(两|几|三|四)(条|项|个条款|项措施|个措施)|分别|各自|各(是|找|由|归)")
_PIECES = re.compile(r"[和与及跟、，,；;？?]|还有|以及|这(两|几|三|四)(条|项|个条款|项措施|个措施)")
_QUOTES = re.compile(r"[“”\"「」『』《》]")
_MIN_SHARE = 0.6  # of the piece's character pairs found in the title
_MIN_PAIRS = 3
_MARGIN = 0.15  # a piece as close to two titles names neither (「科技信贷」: 第八条 or 第九条)


def _pairs(text: str) -> set[str]:
    text = _QUOTES.sub("", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _share(piece: set[str], forms: list[set[str]], title: set[str]) -> float:
    hits = max(len(f & title) for f in forms)
    return min(1.0, hits / len(piece)) if hits >= _MIN_PAIRS else 0.0


def title_refs(text: str, titles: Mapping[int, str], expand: Callable[[str], list[str]]) -> list[int]:
    """The articles named by title, in the order the question names them (none unless two or more)."""
    if not SEVERAL_ARTICLES.search(text):
        return []
    pairs = {number: _pairs(title) for number, title in titles.items()}
    found: list[int] = []
    for piece in _PIECES.split(text):
        if not piece or len(piece) < 3:
            continue
        own = _pairs(piece)
        forms = [own, *(_pairs(_merged(piece, e)) for e in expand(piece))]
        ranked = sorted(((_share(own, forms, p), n) for n, p in pairs.items()), reverse=True)
        (score, number), runner_up = ranked[0], ranked[1][0] if len(ranked) > 1 else 0.0
        if score >= _MIN_SHARE and score - runner_up >= _MARGIN and number not in found:
            found.append(number)
    return found if len(found) >= 2 else []


def _merged(piece: str, expansion: str) -> str:
    """The piece with an alias written out beside it (「国企参与创投」 + 「国有企业」)."""
    return expansion + piece
