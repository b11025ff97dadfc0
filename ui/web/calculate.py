"""The 奖励测算 tab's handlers: read the form, apply article 3 or 11, render the result.

Each handler returns HTML and never raises for bad input: an amount it cannot read, a year
that is not a year or an empty field comes back as a Chinese message in ``div.calc-error``.

Example:
    >>> "120万元" in calculate_article3("珠海", "初创期", True, "8000万")
    True
    >>> "calc-error" in calculate_article11("很多钱")
    True
"""

from __future__ import annotations

from decimal import Decimal

from assistant.awards.cases import InvestmentInput, guarantee_case, investment_case
from assistant.awards.engine import AwardEngine
from assistant.awards.result import CalculatorInputError
from assistant.understand.amounts import find_amounts, format_yuan, parse_plain_number
from corpus.gazetteer import load_gazetteer
from ui.web.awards import render_award
from ui.web.markup import escape

STAGES = ("种子期", "初创期", "成长期", "成熟期")
AMOUNT_EXAMPLES = "8000万、1.2亿 或 3,000,000元"
MAX_INPUT_CHARS = 100
FIRST_YEAR, LAST_YEAR = 2000, 2100


class FormError(ValueError):
    """A form field the calculator cannot use; the message says which and what is expected."""


def read_amount(text: str | None, field: str = "金额") -> Decimal:
    """Read one amount in yuan from a form field.

    Args:
        text: What the user typed: ``"8000万"``, ``"1.2亿"``, ``"3,000,000元"`` or ``"3000000"``.
        field: The field's name, for the error message.

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


def read_year(value: str | float | None) -> int | None:
    """Read the optional 到账年份: empty, ``2025``, ``"2025"`` or ``"2025年"``.

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
        raise FormError(f"到账年份应为 {FIRST_YEAR}–{LAST_YEAR} 之间的四位年份，如 2025，收到「{value}」。")
    return int(number)


def error_html(message: str) -> str:
    """A Chinese error message in ``div.calc-error``."""
    return f'<div class="calc-error" role="alert">{escape(message)}</div>'


def calculate_article3(
    institution_place: str | None,
    investee_stage: str | None,
    investee_in_guangzhou: bool,
    amount_text: str | None,
    year: str | float | None = None,
) -> str:
    """第三条: 1.5% of the investment received, at most 500万元 a year.

    Args:
        institution_place: Where the investing institution is, free text (珠海, 广州市天河区, 香港).
        investee_stage: 种子期/初创期/成长期/成熟期.
        investee_in_guangzhou: Whether the investee is in Guangzhou.
        amount_text: The investment, as typed (8000万, 1.2亿, 3,000,000元).
        year: The year the funds arrived (optional).

    Returns:
        The result (``div.award-result``) or an error (``div.calc-error``), as HTML.
    """
    place = (institution_place or "").strip()
    try:
        if not place:
            raise FormError("请填写投资机构所在地，如 珠海、香港、广州市天河区。")
        if len(place) > MAX_INPUT_CHARS:
            raise FormError(f"投资机构所在地过长：最多 {MAX_INPUT_CHARS} 个字符。")
        if investee_stage not in STAGES:
            raise FormError(f"请选择被投企业所处阶段：{'/'.join(STAGES)}。")
        amount = read_amount(amount_text, "投资金额")
        arrived = read_year(year)
        investment = InvestmentInput(
            amount=amount,
            year=arrived,
            investee_stage=investee_stage,
            investee_in_guangzhou=bool(investee_in_guangzhou),
        )
        resolved = load_gazetteer().resolve(place)
        in_bay_area = resolved.in_gba if resolved else None
        result = AwardEngine.default().evaluate("article3", investment_case([investment], place))
    except (FormError, CalculatorInputError) as exc:
        return error_html(str(exc))
    where = {True: "属于粤港澳大湾区", False: "不属于粤港澳大湾区", None: "未能识别是否属于粤港澳大湾区"}[in_bay_area]
    inputs = (
        f"投资机构所在地：{place}（{where}）；被投企业：{investee_stage}，"
        f"{'位于' if investee_in_guangzhou else '不在'}广州；投资金额：{format_yuan(amount)}"
        + (f"；到账年份：{arrived}年" if arrived else "")
    )
    hint = ""
    if in_bay_area is None:
        hint = (
            '<p class="calc-hint">粤港澳大湾区包括广州、深圳、珠海、佛山、惠州、东莞、中山、江门、肇庆九市'
            "和香港、澳门，请填写城市名以便判断。</p>"
        )
    return f'<p class="calc-inputs">{escape(inputs)}</p>{hint}{render_award(result)}'


def calculate_article11(
    amount_text: str | None,
    is_district_level: bool = True,
    is_policy_guarantee: bool = True,
    is_new_or_capital_increase: bool = True,
) -> str:
    """第十一条: at most 40% of the district treasury's new capital contribution.

    Args:
        amount_text: 区财政新增出资额, as typed (1亿, 5000万元).
        is_district_level: The institution is district-level (区级).
        is_policy_guarantee: It is a policy financing guarantee institution.
        is_new_or_capital_increase: It is newly established or newly capitalised.

    Returns:
        The result (``div.award-result``) or an error (``div.calc-error``), as HTML.
    """
    try:
        amount = read_amount(amount_text, "区财政新增出资额")
        facts = guarantee_case(
            amount, bool(is_district_level), bool(is_policy_guarantee), bool(is_new_or_capital_increase)
        )
        result = AwardEngine.default().evaluate("article11", facts)
    except (FormError, CalculatorInputError) as exc:
        return error_html(str(exc))
    inputs = f"区财政新增出资额：{format_yuan(amount)}"
    return f'<p class="calc-inputs">{escape(inputs)}</p>{render_award(result)}'
