"""A message telling both supports at once: each part read on its own, then put together.

「一是我们控股的区级政策性融资担保公司今年增资…新增的1.5亿里区财政出了1.2亿；二是平台下面的创投公司
今年投了知识城两家初创期企业…实际到账9000万」: the guarantee sentence's figures are capital, the
fund's are investments. Sentences that belong to neither (who is asking, the question) go with both.
"""

from __future__ import annotations

import re

from assistant.understand.amounts import find_amounts
from assistant.understand.guarantor import is_guarantee_message
from assistant.understand.message_refs import investment_words
from assistant.understand.model import Question, Reading
from corpus.lexicon import Lexicon

__all__ = ["CAPITAL", "joined", "split_supports"]

# A sentence, a 「；」 part, or an item of 「一是…二是…」「第一块…第二块…」.
_BREAK = re.compile(r"(?<=[。！？!?；;\n])|(?=[一二两三]是)|(?=第[一二三](?:块|件|项|个))|(?=另一(?:块|件|项))")
# Words of a guarantee institution's capital (the reader uses them too).
CAPITAL = re.compile(r"出资|注资|增资|资本金|注册资本|新设|实缴|认缴")


def _kind(chunk: str, lexicon: Lexicon) -> str | None:
    if not find_amounts(chunk):
        return None
    guarantee = is_guarantee_message(chunk) and bool(CAPITAL.search(chunk))
    investing = investment_words(chunk, lexicon)
    if guarantee and not investing:
        return "guarantee"
    if investing and not guarantee:
        return "investment"
    return None


def split_supports(text: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The guarantee part and the investment part of ``text``, each with the sentences of neither."""
    if not is_guarantee_message(text) or not investment_words(text, lexicon):
        return None
    chunks = [c for c in _BREAK.split(text) if c]
    kinds = [_kind(c, lexicon) for c in chunks]
    if "guarantee" not in kinds or "investment" not in kinds:
        return None
    guarantee = "".join(c for c, k in zip(chunks, kinds, strict=True) if k != "investment")
    investing = "".join(c for c, k in zip(chunks, kinds, strict=True) if k != "guarantee")
    return guarantee, investing


def joined(investing: Reading, guarantee: Reading) -> Reading:
    """The investment part's reading with the guarantee part's contributions, flags and figures.

    The contributions are numbered after the investments, so no id names two things.
    """
    # Both parts number from the session's next id; the contributions move past the investments.
    last = max((i.id for i in investing.facts.investments), default=0)
    offset = max(0, last + 1 - min((c.id for c in guarantee.facts.contributions), default=last + 1))
    contributions = [c.model_copy(update={"id": c.id + offset}) for c in guarantee.facts.contributions]
    own = {c.id for c in guarantee.facts.contributions}

    def renumbered(q: Question) -> Question:
        return q.model_copy(update={"targets": [t + offset if t in own else t for t in q.targets]})

    facts = investing.facts.model_copy(
        update={
            "contributions": contributions,
            "guarantor": guarantee.facts.guarantor,
            "set_aside": [*investing.facts.set_aside, *guarantee.facts.set_aside],
            "unclear": [*investing.facts.unclear, *map(renumbered, guarantee.facts.unclear)],
        }
    )
    return investing.model_copy(
        update={"facts": facts, "money_figures": investing.money_figures + guarantee.money_figures}
    )
