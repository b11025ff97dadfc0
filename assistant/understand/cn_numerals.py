"""Chinese numerals in money amounts, and their colloquial spellings.

一千五百、三百零五、大写 壹贰叁 are read as numbers; 「5个亿」「零点五亿」「一个半亿」 are rewritten length for
length, so amounts are found where they are written.
"""

from __future__ import annotations

import re

__all__ = ["CN_DIGITS", "CN_NUM_CHARS", "CN_SMALL_UNITS", "chinese_to_int", "respell"]

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
CN_SMALL_UNITS: dict[str, int] = {
    "十": 10,
    "拾": 10,
    "百": 100,
    "佰": 100,
    "千": 1000,
    "仟": 1000,
}
CN_NUM_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS)

_W_FOR_WAN = re.compile(r"(?<=[\d一二两三四五六七八九十百千])[wW](?![A-Za-z])")
_MEASURE_WORD = re.compile(r"个(?=亿|万)")
_AND_A_HALF = re.compile(r"([一二两三四五六七八九]|\d)[个 ]半(?=亿|万)")
_CN_DECIMAL = re.compile(rf"([{CN_NUM_CHARS}]+)点([零〇一二三四五六七八九]+)")


def _arabic_decimal(match: re.Match[str]) -> str:
    whole = 0 if match.group(1) in ("零", "〇") else chinese_to_int(match.group(1))
    if whole is None:
        return match.group(0)
    digits = "".join(str(CN_DIGITS[ch]) for ch in match.group(2))
    arabic = f"{whole}.{digits}"
    return arabic if len(arabic) == len(match.group(0)) else match.group(0)


def chinese_to_int(numeral: str) -> int | None:
    """Convert a Chinese numeral below 10,000 (e.g. 一千五百, 十, 三百零五) to an int.

    Returns None for runs that are not a well-formed numeral (e.g. 一二三), so that ordinary
    text containing numeral characters is not misread as a number.
    """
    if len(numeral) > 1 and all(ch in CN_DIGITS for ch in numeral):
        return None  # digit-by-digit runs such as 二〇二四 are years or codes, not amounts
    total = 0
    pending: int | None = None
    last_unit = 10**5
    previous = ""
    for ch in numeral:
        if ch in "零〇" and previous in CN_SMALL_UNITS:
            previous = ch  # 一千零五: 零 only marks a skipped place
            continue
        if ch in CN_DIGITS:
            if pending is not None:
                return None
            pending = CN_DIGITS[ch]
        else:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_unit:
                return None
            if pending is None:
                # Only 十 may stand alone ("十万", "十五"); a bare 百/千 is usually a word (千万不要).
                if unit != 10 or previous:
                    return None
                pending = 1
            total += pending * unit
            pending = None
            last_unit = unit
        previous = ch
    if pending is not None:
        # Colloquial "一千五" means 1500: a trailing digit right after a unit scales by unit/10.
        if previous in CN_DIGITS and len(numeral) > 1 and numeral[-2] in CN_SMALL_UNITS:
            total += pending * max(last_unit // 10, 1)
        else:
            total += pending
    return total


def respell(text: str) -> str:
    """The colloquial spellings of ``text`` in a form the amount scanner reads (same length, so spans hold)."""
    # 「5个亿」「两个亿」: the colloquial measure word becomes a space.
    text = _MEASURE_WORD.sub(" ", text)
    # 「350w」「三百五十w」: chat shorthand for 万, one character for one.
    text = _W_FOR_WAN.sub("万", text)
    # 「零点五亿」「一点二亿」: a Chinese decimal becomes Arabic when that keeps the length.
    text = _CN_DECIMAL.sub(_arabic_decimal, text)
    # 「一个半亿」「两个半亿」: N and a half, written 1.5 and 2.5.
    return _AND_A_HALF.sub(lambda m: f"{CN_DIGITS.get(m.group(1), m.group(1))}.5", text)
