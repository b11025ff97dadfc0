"""Reading the page's form fields: amounts, years and places, with Chinese messages that say what to fix.

The 奖励测算 rows read each field with these. A reader raises :class:`FormError` naming the
field (「第2笔投资的金额」); :func:`error_html` shows one or several such messages.

Example:
    >>> read_amount("1.2亿")
    Decimal('120000000')
    >>> str(FormError("请填写金额。"))
    '请填写金额。'
"""

from __future__ import annotations

from decimal import Decimal

from assistant.understand.amounts import find_amounts, parse_plain_number
from ui.web.markup import escape

AMOUNT_EXAMPLES = "8000万、1.2亿 或 3,000,000元"
MAX_INPUT_CHARS = 100
FIRST_YEAR, LAST_YEAR = 2000, 2100


class FormError(ValueError):
    """Form fields the page cannot use: one message per problem, each naming its field."""

    def __init__(self, *messages: str) -> None:
        """Keep every problem found; ``str()`` of the error joins them."""
        super().__init__("；".join(messages))
        self.messages = list(messages)


def error_html(*messages: str) -> str:
    """The messages in ``div.calc-error``: one as a line of text, several as a list."""
    if len(messages) == 1:
        return f'<div class="calc-error" role="alert">{escape(messages[0])}</div>'
    items = "".join(f"<li>{escape(m)}</li>" for m in messages)
    return f'<div class="calc-error" role="alert">请修改以下 {len(messages)} 处后再测算：<ul>{items}</ul></div>'


def read_amount(text: str | None, field: str = "金额") -> Decimal:
    """Read one amount in yuan from a form field.

    Args:
        text: What the user typed: ``"8000万"``, ``"1.2亿"``, ``"3,000,000元"`` or ``"3000000"``.
        field: The field's name, for the error message (「第2笔投资的金额」).

    Returns:
        The amount in yuan (positive).

    Raises:
        FormError: Empty, unreadable, several amounts, or not positive.
    """
    raw = (text or "").strip()
    if not raw:
        raise FormError(f"请填写{field}，如 {AMOUNT_EXAMPLES}。")
    if len(raw) > MAX_INPUT_CHARS:
        raise FormError(f"{field}过长：最多 {MAX_INPUT_CHARS} 个字符。")
    mentions = find_amounts(raw)
    if len(mentions) > 1:
        raise FormError(f"{field}只能填写一个金额，收到 {len(mentions)} 个：{'、'.join(m.text for m in mentions)}。")
    value = mentions[0].value if mentions else parse_plain_number(raw)
    if value is None:
        raise FormError(f"无法识别{field}「{raw}」，请填写如 {AMOUNT_EXAMPLES}。")
    if value <= 0:
        raise FormError(f"{field}必须大于 0，收到「{raw}」。")
    return value


def read_year(value: str | float | None, field: str = "到账年份") -> int | None:
    """Read an optional year: empty, ``2025``, ``"2025"`` or ``"2025年"``.

    Raises:
        FormError: Not a whole year between 2000 and 2100.
    """
    if value is None:
        return None
    text = str(value).strip().removesuffix("年").strip()
    if not text:
        return None
    number = parse_plain_number(text)
    if number is None or number != number.to_integral_value() or not FIRST_YEAR <= number <= LAST_YEAR:
        raise FormError(f"{field}应为 {FIRST_YEAR}–{LAST_YEAR} 之间的四位年份，如 2025，收到「{value}」。")
    return int(number)


def read_place(text: str | None, field: str, example: str) -> str:
    """A place typed in a form (珠海、广州市天河区), stripped.

    Raises:
        FormError: Empty or longer than :data:`MAX_INPUT_CHARS`.
    """
    place = (text or "").strip()
    if not place:
        raise FormError(f"请填写{field}，如 {example}。")
    if len(place) > MAX_INPUT_CHARS:
        raise FormError(f"{field}过长：最多 {MAX_INPUT_CHARS} 个字符。")
    return place
