"""The number guard and the quote check: an answer states no figure it cannot point to.

A wrong number is the worst bug this product can have, so every answer — composed or from an
LLM — passes through ``check_answer`` before it leaves: each figure in the text must appear in
one of its cited quotes or in a calculator result of the same response, and each quote must be
verbatim from the corpus.

Example:
    >>> ungrounded_figures("奖励为实际到账投资额的 1.5%", ["按照实际到账投资额的 1.5% 给予"], [])
    []
    >>> ungrounded_figures("奖励比例为 10%", ["按照实际到账投资额的 1.5% 给予"], [])
    ['10%']
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation

from assistant.schemas import Answer
from assistant.understand.amounts import find_amounts

# A figure: digits (with decimals, thousands separators, ranges) and the unit that follows.
FIGURE = re.compile(
    r"\d+(?:[.,，]\d+)*(?:\s*[-~～至]\s*\d+(?:\.\d+)?)?\s*(?:%|％|‰|万元|亿元|万|亿|元|年|家|个|项|人|倍|天|月|条)?"
)
# Citation markers and article references are labels, not claims.
_LABELS = re.compile(r"【[^】]*】|第[一二三四五六七八九十\d]+[条项部]|（[一二三四五六七八九十]+）")


def _dense(text: str) -> str:
    return re.sub(r"[\s,，]", "", text).replace("％", "%")


def figures_in(text: str) -> list[str]:
    """The figures a text states (article labels excluded)."""
    stripped = _LABELS.sub(" ", text)
    return [m.group(0).strip() for m in FIGURE.finditer(stripped) if m.group(0).strip()]


def _numbers_of(texts: list[str]) -> set[Decimal]:
    values: set[Decimal] = set()
    for text in texts:
        for mention in find_amounts(text):
            values.add(mention.value)
        for m in re.finditer(r"\d+(?:\.\d+)?", text.replace(",", "")):
            try:
                values.add(Decimal(m.group(0)))
            except InvalidOperation:
                continue
    return values


def ungrounded_figures(answer: str, quotes: list[str], tool_results: list[dict]) -> list[str]:
    """Figures in ``answer`` that neither a quote nor a tool result supports."""
    sources = [*quotes, *(json.dumps(r, ensure_ascii=False) for r in tool_results)]
    dense_sources = _dense(" ".join(sources))
    source_values = _numbers_of(sources)
    missing = []
    for figure in figures_in(answer):
        if _dense(figure) in dense_sources:
            continue
        # 「120万元」 is supported by a tool result that says 1200000.
        amounts = find_amounts(figure)
        if amounts and all(a.value in source_values for a in amounts):
            continue
        missing.append(figure)
    return missing


def quote_is_verbatim(quote: str, source_texts: list[str]) -> bool:
    """Whether ``quote`` occurs in one source text; pieces joined by 「……」 must each occur in it."""
    pieces = [re.sub(r"\s+", "", piece) for piece in quote.split("……")]
    if not all(pieces):
        return False
    return any(all(piece in dense for piece in pieces) for dense in (re.sub(r"\s+", "", t) for t in source_texts))


class GroundingError(ValueError):
    """An answer states a figure or quote it cannot support (a bug, never shown to users)."""


def check_answer(answer: Answer, corpus_texts: list[str]) -> None:
    """Raise ``GroundingError`` unless every figure and quote in ``answer`` is grounded."""
    quotes = [c.quote for c in answer.citations]
    for quote in quotes:
        if not quote_is_verbatim(quote, corpus_texts):
            raise GroundingError(f"引文不在语料中：{quote[:40]}")
    missing = ungrounded_figures(answer.answer, quotes, [t.result for t in answer.tool_calls])
    if missing:
        raise GroundingError(f"回答中的数字没有出处：{'、'.join(missing)}")
