"""「出钱的其实是我们在上海的那支人民币基金」: a correction of who invested, not of the investment.

The deals told before stay as they were; their institution is now the one the correction names,
whose own place and cap apply. Only when the earlier deals had one institution and the message
names exactly one other: otherwise which deal moved is not clear and nothing moves.
"""

from __future__ import annotations

import re

from assistant.understand.model import SELF, Facts, Institution

__all__ = ["partners_asked", "payer_named"]

_PAYER = re.compile(
    r"(出钱|出资|投资|打款|付款|掏钱|投钱)的(机构|主体|一方|那方)?(其实|实际上|实际|应该)?(是|为)"
    r"|(其实|实际上|实际)(是|由)[^，。；]{1,16}(出的钱|出资的|出的资|投的|打的款)"
)


def payer_named(text: str, institutions: list[Institution], known: Facts | None, correction: bool) -> str | None:
    """The key of the institution a correction says really invested, or None."""
    if not correction or known is None or not known.investments or not _PAYER.search(text):
        return None
    before = {i.institution for i in known.investments}
    if len(before) != 1:
        return None
    named = [i.key for i in institutions if i.key != SELF and i.key not in before]
    return named[0] if len(named) == 1 else None


# 「我们和东莞那家分别能拿多少」「他们那边能拿多少」: the partner is asked about by its place and a pointer.
_POINTER = r"(?:的)?(?:那家|那边|那个|那只|那支|这家|机构|基金|创投)"
_BOTH = re.compile(r"分别|各自|各能|各拿|加起来|一共|合计|两家|都能")


def partners_asked(text: str, known: Facts | None, asks_amount: bool) -> list[str]:
    """The third parties a question asks an estimate for, beside the asker's own."""
    if known is None or not asks_amount or not _BOTH.search(text):
        return []
    return [
        i.key
        for i in known.institutions
        if not i.own and i.place_text and re.search(re.escape(i.place_text) + _POINTER, text)
    ]
