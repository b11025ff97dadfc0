"""The 近期融资/投资 field: a bare amount becomes a structured fact, a sentence is read with the description.

Shared by the 特派员 form and the batch list (``assistant.outreach``), so a cell and the same
words typed into the form give the same profile.

Example:
    >>> read_financing("8000万", "创投机构")
    ({'investments_made': [{'amount': Decimal('80000000')}]}, None)
    >>> read_financing("今年投了一家初创期企业8000万", "创投机构")
    ({}, '今年投了一家初创期企业8000万')
"""

from __future__ import annotations

import re
from typing import Any

from assistant.understand.amounts import find_amounts, parse_plain_number
from assistant.understand.kinds import INVESTOR_KINDS

__all__ = ["AMOUNT_EXAMPLES", "FinancingTextError", "read_financing"]

AMOUNT_EXAMPLES = "8000万、1.2亿 或 3,000,000元"
# Words that make the field a sentence to read rather than an amount with a label.
_SENTENCE_WORDS = re.compile(r"投|获|融|到账|到位|拿到|引入|完成|计划|准备|打算")
_INVESTMENT_WORDS = re.compile(r"投了|投资了|投资于|入股|领投|跟投|注资")


class FinancingTextError(ValueError):
    """The field holds no amount that can be read; the message says what to write."""


def read_financing(raw: str, kind: str | None, described: str | None = None) -> tuple[dict[str, Any], str | None]:
    """Structured profile fields from the field, and the sentence to read with the description (or None).

    An investment institution's amount is an investment it made (article 3); anyone else's is
    financing it received. A label beside the amount (「A轮 3000万」) keeps it an amount: the field
    itself says what the money is. An investor's bare amount joins a description that tells the
    investment but not its size (「今年投了一家初创期企业，已到账」), so both are read together.

    Raises:
        FinancingTextError: No amount in the text, or an amount that is not above zero.
    """
    mentions = find_amounts(raw)
    plain = parse_plain_number(raw)
    if plain is None and not mentions:
        raise FinancingTextError(
            f"无法识别近期融资/投资情况中的金额「{raw}」，请填写如 {AMOUNT_EXAMPLES}，"
            "或写成一句话，如「今年投资广州初创期企业8000万，已到账」。"
        )
    bare = plain is not None or (
        len(mentions) == 1 and (mentions[0].text.strip() == raw.rstrip("。；;，, ") or not _SENTENCE_WORDS.search(raw))
    )
    if not bare:
        return {}, raw
    amount = plain if plain is not None else mentions[0].value
    if amount <= 0:
        raise FinancingTextError(f"近期融资/投资金额必须大于 0，收到「{raw}」。")
    if kind in INVESTOR_KINDS:
        if described and _INVESTMENT_WORDS.search(described) and not find_amounts(described):
            return {}, f"投资金额{raw}"
        return {"investments_made": [{"amount": amount}]}, None
    return {"recent_financing": [{"amount": amount}]}, None
