"""The 奖励测算 tab's rows, read into the award engine's facts.

A row is what the user typed for one investment (article 3) or one contribution to a guarantee
institution's capital (article 11). Reading checks every row and reports each problem with the
row's number (「第2笔投资…」), so one bad field never hides the others; the rows that read become
:class:`~assistant.understand.model.Facts` through the same constructors the API and the tools use.

Example:
    >>> row = InvestmentRow(amount="8000万", received=True, investee_place="天河区", stage="初创期",
    ...                     tech_sme=True, year="2025")
    >>> investment_facts("珠海", [row]).investments[0].amount
    Decimal('80000000')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from assistant.awards.cases import InvestmentInput, guarantee_case, investment_case
from assistant.awards.facts import funder_label
from assistant.understand.model import Facts, Figure
from assistant.understand.yuan import format_yuan
from ui.web.forms import FormError, read_amount, read_place, read_year

STAGES = ("种子期", "初创期", "成长期", "成熟期")
# The sources article 11 tells apart; only the district treasury's new money is its base.
FUNDERS = ("district_treasury", "district_soe", "city", "private")
FUNDER_CHOICES = [(funder_label(code), code) for code in FUNDERS]
NEW_CAPITAL, PRIOR_CAPITAL = "新增出资", "原有资本（增资前）"
CAPITAL_KINDS = (NEW_CAPITAL, PRIOR_CAPITAL)
# The reader's own reason for capital held before an increase, so the form and the chat agree.
PRIOR_REASON = "增资前的原有资本，不是新增出资"

T = TypeVar("T")


@dataclass(frozen=True)
class InvestmentRow:
    """One investment as typed: the amount, whether it arrived, the investee's place and stage, the year."""

    amount: str | None
    received: bool
    investee_place: str | None
    stage: str | None
    tech_sme: bool
    year: str | float | None = None

    FIELDS: ClassVar[int] = 6  # components per row on the page, in the order above


@dataclass(frozen=True)
class ContributionRow:
    """One contribution to the guarantee institution's capital: the amount, who paid, new or prior capital."""

    amount: str | None
    funder: str | None
    kind: str | None = NEW_CAPITAL

    FIELDS: ClassVar[int] = 3


def investment_rows(values: Sequence[Any]) -> list[InvestmentRow]:
    """The page's flat list of row values (six per row) as rows."""
    size = InvestmentRow.FIELDS
    return [InvestmentRow(*values[i : i + size]) for i in range(0, len(values) - size + 1, size)]


def contribution_rows(values: Sequence[Any]) -> list[ContributionRow]:
    """The page's flat list of row values (three per row) as rows."""
    size = ContributionRow.FIELDS
    return [ContributionRow(*values[i : i + size]) for i in range(0, len(values) - size + 1, size)]


def investment_facts(institution_place: str | None, rows: Sequence[InvestmentRow]) -> Facts:
    """Article 3's facts: the investing institution's place and one investment per row.

    Raises:
        FormError: Every problem of every row, each naming its row.
    """
    problems: list[str] = []
    place = _collect(problems, read_place, institution_place, "投资机构所在地", "珠海、香港、广州市天河区")
    if not rows:
        problems.append("请至少添加一笔投资。")
    items: list[InvestmentInput] = []
    for number, row in enumerate(rows, start=1):
        name = f"第{number}笔投资"
        amount = _collect(problems, read_amount, row.amount, f"{name}的金额")
        investee = _collect(problems, read_place, row.investee_place, f"{name}的被投企业所在地", "天河区、深圳")
        year = _collect(problems, read_year, row.year, f"{name}的到账年份")
        if row.stage not in STAGES:
            problems.append(f"请选择{name}的被投企业所处阶段：{'/'.join(STAGES)}。")
        if amount is None or investee is None or row.stage not in STAGES:
            continue
        items.append(
            InvestmentInput(
                amount=amount,
                year=year,
                investee_stage=row.stage,
                investee_place=investee,
                investee_is_tech_sme=bool(row.tech_sme),
                funds_received=bool(row.received),
            )
        )
    if problems:
        raise FormError(*problems)
    return investment_case(items, place)


def contribution_facts(
    rows: Sequence[ContributionRow], district_level: bool, policy_based: bool, new_or_increase: bool
) -> Facts:
    """Article 11's facts: the institution's flags and one contribution per row.

    Prior capital (before an increase) is no contribution: it is set aside with the reader's reason,
    so the answer lists it under 不计入 as the chat does.

    Raises:
        FormError: Every problem of every row, each naming its row.
    """
    problems: list[str] = []
    if not rows:
        problems.append("请至少添加一项出资。")
    new: list[tuple[str, Decimal]] = []
    prior: list[Figure] = []
    for number, row in enumerate(rows, start=1):
        name = f"第{number}项出资"
        amount = _collect(problems, read_amount, row.amount, f"{name}的金额")
        if row.kind not in CAPITAL_KINDS:
            problems.append(f"请选择{name}是{NEW_CAPITAL}还是{PRIOR_CAPITAL}。")
        # Prior capital is left out whoever paid it, so only new money needs its funder.
        needs_funder = row.kind == NEW_CAPITAL and row.funder not in FUNDERS
        if needs_funder:
            problems.append(f"请选择{name}的出资方：{'/'.join(label for label, _ in FUNDER_CHOICES)}。")
        if amount is None or needs_funder or row.kind not in CAPITAL_KINDS:
            continue
        if row.kind == PRIOR_CAPITAL:
            prior.append(Figure(text=format_yuan(amount), value=amount, reason=PRIOR_REASON))
        else:
            new.append((str(row.funder), amount))
    if problems:
        raise FormError(*problems)
    facts = guarantee_case(None, district_level, policy_based, new_or_increase, other_contributions=new)
    return facts.model_copy(update={"set_aside": prior})


def _collect(problems: list[str], read: Callable[..., T], *args: Any) -> T | None:
    """Run one field's reader; its problem is added to ``problems`` (and None returned) instead of raised."""
    try:
        return read(*args)
    except FormError as exc:
        problems.extend(exc.messages)
        return None
