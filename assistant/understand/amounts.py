"""Parse and display Chinese money amounts (元) exactly, with :class:`~decimal.Decimal`.

Users write amounts as ``8000万``, ``1.2亿元``, ``两千万``, ``1亿2000万``, ``￥3,000,000`` and so on.
Award rules multiply these by percentages, so every value stays a ``Decimal``: a float would turn
``1.2亿`` into ``119999999.99999999``.

Only text carrying a money unit (万/亿/元/块) or a currency mark (￥/¥/RMB/人民币) counts as an
amount: ``60家``, ``2024年``, ``1.5%`` and ``第三条`` are not money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from assistant.understand.cn_numerals import CN_DIGITS, CN_NUM_CHARS, CN_SMALL_UNITS, chinese_to_int, respell

__all__ = ["AmountMention", "find_amounts", "parse_amount", "parse_plain_number"]

_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

_SMALL_CHARS = "".join(CN_SMALL_UNITS)
_BIG_CHARS = "".join(_BIG_UNITS)

# Thousands separators are only accepted in well-formed groups so "3000，5000万" is not one number.
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A number is Arabic digits (optionally scaled by 十/百/千, as in "3千万") or a run of Chinese numerals.
_NUMBER = rf"(?:(?P<arabic>{_ARABIC})(?:\s*(?P<scale>[{_SMALL_CHARS}]))?|(?P<chinese>[{CN_NUM_CHARS}]+))"
_FIRST_SEGMENT_RE = re.compile(rf"\s*{_NUMBER}\s*(?P<big>[{_BIG_CHARS}]+)")
# Later segments ("1亿2000万") follow directly: "1亿 5000万" with a gap reads as two amounts.
_NEXT_SEGMENT_RE = re.compile(rf"{_NUMBER}\s*(?P<big>[{_BIG_CHARS}]+)")
_TAIL_RE = re.compile(rf"\s*{_NUMBER}")
_BIG_AFTER_RE = re.compile(rf"\s*[{_BIG_CHARS}]")
_YUAN_RE = re.compile(r"\s*(?:元|块钱|块)")
_RMB_SUFFIX_RE = re.compile(r"\s*人民币")
_PREFIX_RE = re.compile(r"(?:[￥¥]|RMB|CNY|人民币)\s*", re.IGNORECASE)
_SIGN_RE = re.compile(r"[-−]|负")
_START_RE = re.compile(rf"[-−负￥¥\d{CN_NUM_CHARS}]|RMB|CNY|人民币", re.IGNORECASE)
_PLAIN_NUMBER_RE = re.compile(rf"{_ARABIC}")

# Full-width digits and point are mapped one-to-one, so spans stay valid for the original text.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")

_WAN = Decimal(10**4)
_YI = Decimal(10**8)


@dataclass(frozen=True)
class AmountMention:
    """One money amount found in a text.

    Attributes:
        value: The amount in yuan.
        text: The exact substring of the input that expresses the amount.
        span: ``(start, end)`` offsets of ``text`` in the input.
    """

    value: Decimal
    text: str
    span: tuple[int, int]


@dataclass(frozen=True)
class _Number:
    value: Decimal
    is_chinese: bool
    last_char: str


def _number_from_match(match: re.Match[str]) -> _Number | None:
    arabic = match.group("arabic")
    if arabic is not None:
        value = Decimal(arabic.replace(",", ""))
        scale = match.group("scale")
        if scale:
            value *= CN_SMALL_UNITS[scale]
            return _Number(value, is_chinese=False, last_char=scale)
        return _Number(value, is_chinese=False, last_char=arabic[-1])
    chinese = match.group("chinese")
    as_int = chinese_to_int(chinese)
    if as_int is None:
        return None
    return _Number(Decimal(as_int), is_chinese=True, last_char=chinese[-1])


def _big_multiplier(units: str) -> Decimal:
    multiplier = Decimal(1)
    for ch in units:
        multiplier *= _BIG_UNITS[ch]
    return multiplier


def _can_start_at(text: str, index: int) -> bool:
    """Reject starts inside another number or after 第 (第三条 is an article number)."""
    if index == 0:
        return True
    before = text[index - 1]
    # After 点 the digits are decimals of a Chinese number (零点五亿): never a whole amount by themselves.
    if before.isdigit() or before == "." or before in CN_NUM_CHARS or before in "第点":
        return False
    # "1,500" must not restart at "500"; "3000万,5000万" may restart after the comma.
    return not (before == "," and index >= 2 and text[index - 2].isdigit())


def _match_at(text: str, start: int) -> AmountMention | None:
    """Match one amount starting exactly at ``start``, or return None."""
    pos = start
    negative = False
    sign = _SIGN_RE.match(text, pos)
    if sign and not (pos > 0 and text[pos - 1].isdigit()):
        negative = True
        pos = sign.end()
    prefix = _PREFIX_RE.match(text, pos)
    has_prefix = prefix is not None
    if prefix:
        pos = prefix.end()

    total = Decimal(0)
    last_multiplier: Decimal | None = None
    last_was_decimal = False
    while True:
        segment_re = _FIRST_SEGMENT_RE if last_multiplier is None else _NEXT_SEGMENT_RE
        # 「1亿零500万」: 零 only marks the skipped place between two segments.
        skip = 1 if last_multiplier is not None and text.startswith(("零", "〇"), pos) else 0
        seg = segment_re.match(text, pos + skip)
        if seg is None:
            break
        number = _number_from_match(seg)
        if number is None:
            break
        multiplier = _big_multiplier(seg.group("big"))
        seg_value = number.value * multiplier
        is_decimal = "." in (seg.group("arabic") or "")
        # "1亿2000万" adds up; "3000万5000万" and "1.2亿2.5万" are separate amounts back to back.
        if last_multiplier is not None and (
            multiplier >= last_multiplier or seg_value >= last_multiplier or is_decimal or last_was_decimal
        ):
            break
        last_was_decimal = is_decimal
        total += seg_value
        last_multiplier = multiplier
        pos = seg.end()

    end_before_tail = pos
    tail_value: Decimal | None = None
    tail = _TAIL_RE.match(text, pos)
    if tail is not None:
        number = _number_from_match(tail)
        if number is not None:
            yuan_after_tail = _YUAN_RE.match(text, tail.end())
            if yuan_after_tail is not None and number.is_chinese and yuan_after_tail.group(0).strip() == "块":
                yuan_after_tail = None  # 「这两块」「三块内容」: pieces, not yuan (「两块钱」 still is)
            # "十二万五千" = 125000: a trailing 千/百 after a 万 segment is part of the amount.
            colloquial = last_multiplier == _WAN and number.last_char in _SMALL_CHARS and number.value < _WAN
            fits = last_multiplier is None or number.value < last_multiplier
            # A tail followed by 万/亿 is really the next amount ("3000万5000万"), not a remainder.
            fits = fits and _BIG_AFTER_RE.match(text, tail.end()) is None
            if fits and (yuan_after_tail is not None or colloquial or (has_prefix and last_multiplier is None)):
                tail_value = number.value
                pos = tail.end()
    if tail_value is not None:
        total += tail_value
    elif last_multiplier is None:
        return None  # a bare number without 万/亿/元 or a currency mark is not money
    else:
        pos = end_before_tail

    yuan = _YUAN_RE.match(text, pos)
    if yuan:
        pos = yuan.end()
    rmb = _RMB_SUFFIX_RE.match(text, pos)
    if rmb:
        pos = rmb.end()
    value = -total if negative else total
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))  # 1.2亿 reads as 120000000, not 120000000.0
    return AmountMention(value=value, text=text[start:pos], span=(start, pos))


# 「一亿半」: half of 亿 after the amount (not 「半年」).
_HALF_AFTER = re.compile(r"半(?![年月天日个小])")
_TENTH_AFTER = re.compile(
    r"([一二两三四五六七八九])(?![一二两三四五六七八九十百千万亿个年月天日号家笔只支期轮次元块\d])"
)


def find_amounts(text: str) -> list[AmountMention]:
    """Find every money amount in mixed Chinese text.

    Args:
        text: Free text, e.g. ``"今年投了两家，一家3000万一家5000万，共8000万"``.

    Returns:
        The amounts in order of appearance, each with its value in yuan, matched text and span.
        Percentages, years, counts (两家, 60家) and article numbers (第三条) are skipped.
    """
    normalized = respell(text.translate(_FULLWIDTH))
    with localcontext() as ctx:
        # Each character adds at most 8 digits (亿), so this precision keeps every value exact.
        ctx.prec = 28 + 9 * len(text)
        return _scan(normalized, text)


# What a 万/亿 figure counts when it is not money.
_COUNTED_AFTER = re.compile(
    r"\s*(?:人|名(?!义)|户|位|用户|粉丝|次(?![年月日])|台|件|张|条|单(?![笔个独家])|股(?!权|东)|平方|平米|亩|吨|辆|套|字|步)"
)
_MONEY_MARK = re.compile(r"元|块|[￥¥]|RMB|CNY|人民币", re.IGNORECASE)


def _scan(normalized: str, original: str) -> list[AmountMention]:
    """Scan left to right, taking the longest amount at each possible start."""
    mentions: list[AmountMention] = []
    pos = 0
    while True:
        start = _START_RE.search(normalized, pos)
        if start is None:
            return mentions
        index = start.start()
        mention = _match_at(normalized, index) if _can_start_at(normalized, index) else None
        if mention is None:
            pos = index + 1
            continue
        begin, end = mention.span
        value = mention.value
        if normalized[begin:end].rstrip().endswith("亿") and _HALF_AFTER.match(normalized, end):
            value, end = value + _big_multiplier("亿") / 2, end + 1
        elif normalized[begin:end].rstrip().endswith("亿") and (tenth := _TENTH_AFTER.match(normalized, end)):
            # 「一亿二」「两亿五」: a digit right after 亿 is its tenths (1.2亿), as people say it.
            value, end = value + _big_multiplier("亿") * CN_DIGITS[tenth.group(1)] / 10, end + 1
        pos = end
        if _COUNTED_AFTER.match(normalized, end) and not _MONEY_MARK.search(normalized[begin:end]):
            continue  # 「20万人」「10万用户」「3000万股」: a count of people or shares, not money
        mentions.append(AmountMention(value=value, text=original[begin:end], span=(begin, end)))


def parse_amount(text: str) -> Decimal | None:
    """Parse one money amount in yuan.

    Args:
        text: Text such as ``"8000万"``, ``"1.2亿元"``, ``"两千万"``, ``"￥3,000,000"``.

    Returns:
        The first amount in the text, in yuan, or None when the text holds no amount.
    """
    mentions = find_amounts(text)
    return mentions[0].value if mentions else None


def parse_plain_number(text: str) -> Decimal | None:
    """Parse a bare Arabic number such as ``"3,000,000"`` or ``"1200000.5"`` (no unit).

    Args:
        text: The text to parse; surrounding whitespace is ignored.

    Returns:
        The number, or None when ``text`` is not exactly one plain number.
    """
    stripped = text.strip().translate(_FULLWIDTH)
    negative = stripped.startswith("-")
    body = stripped[1:] if negative else stripped
    if not _PLAIN_NUMBER_RE.fullmatch(body):
        return None
    value = Decimal(body.replace(",", ""))
    return -value if negative else value
