"""Chinese numerals for article numbers (一…九十九) in both directions."""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_DIGITS = "零一二三四五六七八九"
NUMERAL_CHARS = "零〇一二两三四五六七八九十"


def cn_to_int(text: str) -> int | None:
    """Read a Chinese numeral below 100 (十三, 二十四, 三十二) or Arabic digits.

    >>> cn_to_int("二十四"), cn_to_int("十"), cn_to_int("13"), cn_to_int("百")
    (24, 10, 13, None)
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    if "十" not in text:
        return DIGITS[text] if len(text) == 1 else None
    tens_text, _, ones_text = text.partition("十")
    if "十" in ones_text or len(tens_text) > 1 or len(ones_text) > 1:
        return None
    tens = DIGITS[tens_text] if tens_text else 1
    ones = DIGITS[ones_text] if ones_text else 0
    return tens * 10 + ones


def int_to_cn(number: int) -> str:
    """Write 1…99 as a Chinese numeral the way the policy does (十三, 二十, 三十二).

    >>> int_to_cn(3), int_to_cn(10), int_to_cn(24)
    ('三', '十', '二十四')
    """
    if not 0 < number < 100:
        raise ValueError(f"只支持 1–99 的序号，收到 {number}")
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones else "")
