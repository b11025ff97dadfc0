"""Amounts in yuan written the way Chinese policy text does (1.2亿元、120万元), and exact to the 分."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, localcontext

__all__ = ["exact", "format_yuan", "with_currency"]

_WAN = Decimal(10**4)
_YI = Decimal(10**8)


def _plain(value: Decimal) -> str:
    """Fixed-point text for ``value`` with trailing zeros removed (never scientific notation)."""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"


def format_yuan(value: Decimal) -> str:
    """Display an amount in yuan the way Chinese policy text does, without rounding.

    Args:
        value: Amount in yuan.

    Returns:
        ``"1.2亿元"`` for 120000000, ``"120万元"`` for 1200000, ``"12.3456万元"`` for 123456,
        ``"800元"`` for 800.
    """
    value = Decimal(value)
    if value < 0:
        return "-" + format_yuan(-value)
    # Scaling by powers of ten is exact given enough precision; widen it so huge values stay exact.
    with localcontext() as ctx:
        # A value like 1E+40 has two digits but forty-one places: count the exponent too.
        parts = value.as_tuple()
        ctx.prec = max(28, len(parts.digits) + max(int(parts.exponent), 0) + 10)
        if value >= _YI:
            return f"{_plain(value / _YI)}亿元"
        if value >= _WAN:
            return f"{_plain(value / _WAN)}万元"
        return f"{_plain(value)}元"


def exact(value: Decimal) -> Decimal:
    """An amount to the 分, written without an exponent: 15000000 rather than 1.5E+7."""
    rounded = value.quantize(Decimal("0.01"))
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


def with_currency(
    value: Decimal, written: str, before: str, after: str, words_before: Sequence[str], words_after: Sequence[str]
) -> str:
    """「USD 2 million」 shown as 「USD 200万」: the currency the user wrote, the amount in 万 (not 「2百万」).

    >>> with_currency(Decimal(2_000_000), "2百万", "pre-A，USD ", "，折合", ["USD"], ["美元"])
    'USD 200万'
    """
    tail = before.rstrip()
    lead = next((w for w in sorted(words_before, key=len, reverse=True) if tail.lower().endswith(w.lower())), None)
    head = after.lstrip()
    trail = next((w for w in sorted(words_after, key=len, reverse=True) if head.startswith(w)), None)
    number = format_yuan(value).removesuffix("元")
    if lead:
        return f"{tail[len(tail) - len(lead) :]} {number}"
    return f"{number}{trail}" if trail else written
