"""What an answer says: cited articles, calculator awards, figures and units in its text.

Pure functions over one ``Answer`` (and, where a label is needed, its ``EvalItem``); no I/O.

Example:
    >>> from assistant.schemas import Answer, Citation
    >>> cited_articles(Answer(answer="……", citations=[Citation(article=3, quote="……")]))
    [3]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from assistant.schemas import Answer
from corpus.records import POLICY_DOCUMENT_ID
from evals.dataset import EvalItem


def _is_policy(document: str | None) -> bool:
    # Citations of the policy carry document=None; search hits carry the policy's id.
    return document is None or document == POLICY_DOCUMENT_ID


def first_appearance(articles: Iterable[int | None]) -> list[int]:
    """Article numbers in order of first appearance, without ``None`` or repeats."""
    seen: dict[int, None] = {}
    for number in articles:
        if number is not None and number not in seen:
            seen[number] = None
    return list(seen)


def cited_articles(answer: Answer) -> list[int]:
    """The policy articles an answer cites, in citation order (extra documents are left out)."""
    return first_appearance(c.article for c in answer.citations if _is_policy(c.document))


def _to_decimal(value: object) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        return None


def awards(answer: Answer) -> list[Decimal]:
    """The non-null ``award_yuan`` values of every tool call's result."""
    values = (_to_decimal(call.result.get("award_yuan")) for call in answer.tool_calls)
    return [v for v in values if v is not None]


# 「至」 joins ranges in prose (3至5年); 「到」 is left alone because 「到账」 is everywhere.
_DASHES = str.maketrans({c: "-" for c in "－—–―~〜～至"})
_BRACKETS = str.maketrans({"[": "〔", "［": "〔", "【": "〔", "]": "〕", "］": "〕", "】": "〕"})


def fold(text: str) -> str:
    """Full-width forms to their plain twins (NFKC) and every space removed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def normalize_text(text: str) -> str:
    """Fold the forms that write the same figure differently: width, spaces, dashes, brackets.

    >>> normalize_text("3～5 年，穗府规[2019]1 号，15％")
    '3-5年,穗府规〔2019〕1号,15%'
    """
    return fold(text).translate(_DASHES).translate(_BRACKETS)


def mentions_value(expected: str, text: str) -> bool:
    """Whether ``text`` states the figure ``expected`` (「500万元」 also matches 「500 万元」 and 「500万」).

    A match may not continue a number on its left or right, so 「60家」 does not match 「160家」
    and 「1.5%」 does not match 「11.5%」.
    """
    value = normalize_text(expected)
    haystack = normalize_text(text)
    variants = [value]
    if value.endswith(("万元", "亿元")):
        variants.append(value[:-1])
    for variant in variants:
        left = r"(?<![\d.])" if variant[:1].isdigit() else ""
        right = r"(?![\d.])" if variant[-1:].isdigit() else ""
        if re.search(left + re.escape(variant) + right, haystack):
            return True
    return False


def missing_units(item: EvalItem, answer: Answer) -> list[str]:
    """Gold units named neither in the answer text nor among the citations' units."""
    text = fold(answer.answer)
    cited = {fold(u) for c in answer.citations for u in c.units}
    return [u for u in item.gold_units if fold(u) not in cited and fold(u) not in text]


def over_stated(item: EvalItem, answer: Answer) -> bool:
    """Whether some estimate stands above the expected award: the worst wrong number.

    An expectation of ``null`` (no fixed amount, or a figure the assistant must ask about)
    is over-stated by any positive estimate; 0 by any positive one too.
    """
    ceiling = item.expected.award_yuan or Decimal(0)
    return any(value > ceiling for value in awards(answer))


def calculator_correct(item: EvalItem, answer: Answer) -> bool:
    """Whether the calculator produced the expected award.

    A fixed expected amount needs some tool call whose ``award_yuan`` equals it exactly. A
    ``null`` expectation (the text fixes no amount) needs that no tool call invents a figure
    and that the answer is not declined as out of scope: answering that the text fixes no
    amount, or declining as ``not_in_text`` while pointing at the article, are both right.
    """
    expected = item.expected.award_yuan
    got = awards(answer)
    if expected is None:
        return not got and answer.answerability != "out_of_scope"
    return any(value == expected for value in got)
