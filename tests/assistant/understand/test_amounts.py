"""Tests for the Chinese amount parser and formatter."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from assistant.understand.amounts import AmountMention, find_amounts, parse_amount, parse_plain_number
from assistant.understand.yuan import format_yuan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8000万", 80_000_000),
        ("8000万元", 80_000_000),
        ("1.2亿", 120_000_000),
        ("两千万", 20_000_000),
        ("五百万", 5_000_000),
        ("3,000,000元", 3_000_000),
        ("0.5亿元", 50_000_000),
        ("1000 万元", 10_000_000),
        ("一千五百万", 15_000_000),
        ("1亿2000万", 120_000_000),
        ("500万元人民币", 5_000_000),
        ("￥3,000,000", 3_000_000),
        ("¥3,000,000", 3_000_000),
        ("三百五十万元", 3_500_000),
        ("2.5万元", 25_000),
        ("十万", 100_000),
        ("一亿二千万", 120_000_000),
        ("3千万", 30_000_000),
        ("十二万五千", 125_000),
        ("一千零五十万", 10_500_000),
        ("800元", 800),
        ("200 亿元", 20_000_000_000),
        ("８０００万", 80_000_000),
        ("RMB 500万", 5_000_000),
        ("人民币500万元", 5_000_000),
        ("投资了8000万元。", 80_000_000),
    ],
)
def test_parse_amount_examples(text: str, expected: int) -> None:
    value = parse_amount(text)
    assert value == Decimal(expected)
    assert isinstance(value, Decimal)


def test_decimal_is_exact() -> None:
    assert parse_amount("1.2亿") == Decimal("120000000")
    assert parse_amount("0.1万元") == Decimal("1000")
    assert parse_amount("1.23456789亿元") == Decimal("123456789")


@pytest.mark.parametrize(
    "text",
    ["", "没有金额", "1.5%", "2024年", "两家", "60家", "第三条", "第十一条", "3000", "千万不要", "二〇二四年", "万一"],
)
def test_parse_amount_none(text: str) -> None:
    assert parse_amount(text) is None


def test_find_amounts_mixed_text() -> None:
    text = "今年投了两家，一家3000万一家5000万，共8000万"
    mentions = find_amounts(text)
    assert [m.value for m in mentions] == [Decimal(30_000_000), Decimal(50_000_000), Decimal(80_000_000)]
    assert [m.text for m in mentions] == ["3000万", "5000万", "8000万"]
    for m in mentions:
        start, end = m.span
        assert text[start:end] == m.text
        assert isinstance(m, AmountMention)


def test_find_amounts_ignores_non_money() -> None:
    text = "依据第三条，2024年按1.5%给予奖励，共投了60家企业、两家机构，其中一家投资1.2亿元"
    mentions = find_amounts(text)
    assert [m.value for m in mentions] == [Decimal(120_000_000)]
    assert mentions[0].text == "1.2亿元"


def test_find_amounts_policy_sentence() -> None:
    text = "按照实际到账投资额的 1.5% 给予每年最高不超过 500 万元奖励支持"
    assert [m.value for m in find_amounts(text)] == [Decimal(5_000_000)]


def test_back_to_back_amounts_are_separate() -> None:
    assert [m.value for m in find_amounts("3000万5000万")] == [Decimal(30_000_000), Decimal(50_000_000)]
    assert [m.value for m in find_amounts("1.2亿 2.5万元")] == [Decimal(120_000_000), Decimal(25_000)]
    assert [m.value for m in find_amounts("3000万,5000万")] == [Decimal(30_000_000), Decimal(50_000_000)]


def test_range_takes_only_the_unit_bearing_end() -> None:
    # "3-5万": the 3 has no unit, so only 5万 is an amount (and not -5万).
    assert [m.value for m in find_amounts("3-5万")] == [Decimal(50_000)]


def test_negative_sign_is_kept() -> None:
    assert parse_amount("-500万") == Decimal(-5_000_000)


def test_full_width_span_points_into_original() -> None:
    text = "共８０００万元"
    (mention,) = find_amounts(text)
    assert mention.text == "８０００万元"
    assert text[mention.span[0] : mention.span[1]] == mention.text


def test_parse_plain_number() -> None:
    assert parse_plain_number("3,000,000") == Decimal(3_000_000)
    assert parse_plain_number(" 1200000.5 ") == Decimal("1200000.5")
    assert parse_plain_number("8000万") is None
    assert parse_plain_number("abc") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_200_000, "120万元"),
        (150_000, "15万元"),
        (5_000_000, "500万元"),
        (123_456, "12.3456万元"),
        (120_000_000, "1.2亿元"),
        (800, "800元"),
        (0, "0元"),
        (40_000_000, "4000万元"),
        (400_000_000, "4亿元"),
        (10_000, "1万元"),
        (9_999, "9999元"),
        (100_000_000, "1亿元"),
    ],
)
def test_format_yuan(value: int, expected: str) -> None:
    assert format_yuan(Decimal(value)) == expected


def test_format_yuan_keeps_fractions_and_strips_zeros() -> None:
    assert format_yuan(Decimal("12.50")) == "12.5元"
    assert format_yuan(Decimal("1200000.00")) == "120万元"
    assert format_yuan(Decimal("1E+3")) == "1000元"
    assert format_yuan(Decimal("123456789")) == "1.23456789亿元"
    assert format_yuan(Decimal(-1_200_000)) == "-120万元"


@given(st.integers(min_value=0, max_value=10**18))
@example(0)
@example(123_456)
@example(120_000_000)
@example(10**16 + 1)
def test_round_trip_whole_yuan(value: int) -> None:
    amount = Decimal(value)
    assert parse_amount(format_yuan(amount)) == amount


@given(st.integers(min_value=1, max_value=10**15))
def test_round_trip_negative(value: int) -> None:
    amount = Decimal(-value)
    assert parse_amount(format_yuan(amount)) == amount


@given(st.integers(min_value=1, max_value=10**12), st.text(alphabet="，。、家年条的共投了", max_size=6))
def test_formatted_amount_found_in_surrounding_text(value: int, filler: str) -> None:
    amount = Decimal(value)
    text = f"{filler}投资{format_yuan(amount)}{filler}"
    assert [m.value for m in find_amounts(text)] == [amount]


@given(st.text(alphabet="0123456789.%年家条第，", max_size=20))
def test_no_unit_no_amount(text: str) -> None:
    # Without 万/亿/元 or a currency mark nothing is money, whatever the digits.
    assert find_amounts(text) == []


def test_format_yuan_is_exact_for_values_written_with_an_exponent() -> None:
    value = Decimal("1E+40")
    assert parse_amount(format_yuan(value)) == value


def test_pieces_counted_with_块_are_not_yuan() -> None:
    assert find_amounts("这两块分别是哪条") == []
    assert [m.value for m in find_amounts("两块钱")] == [2]
    assert [m.value for m in find_amounts("给了100块")] == [100]
