"""Award facts given field by field (the API, the calculator tab, the LangChain tools), as the engine's input.

A chat message reaches the engine through the reader; a form or an API body states each fact
directly. Both end as :class:`~assistant.understand.model.Facts`, so every surface gives the
same figure for the same facts.

Example:
    >>> from assistant.awards.engine import AwardEngine
    >>> startup = InvestmentInput(amount=80_000_000, investee_stage="初创期", investee_place="天河")
    >>> facts = investment_case([startup], "珠海")
    >>> engine = AwardEngine.default()
    >>> engine.evaluate(engine.rules.for_subject("investment").id, facts).award_yuan
    1200000
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pydantic import BaseModel, Field

from assistant.awards.result import CalculatorInputError
from assistant.understand.model import SELF, Contribution, Facts, Guarantor, Institution, Investment
from assistant.understand.stages import normalize_stage
from assistant.understand.yuan import format_yuan

__all__ = ["InvestmentInput", "guarantee_case", "investment_case"]

_STAGES = ("种子期", "初创期", "成长期", "成熟期")


class InvestmentInput(BaseModel):
    """One investment as a form or an API body gives it."""

    amount: Decimal = Field(..., description="实际到账投资额（元）")
    year: int | None = Field(None, description="到账年份")
    investee_stage: str | None = Field(None, description="种子期/初创期/成长期/成熟期")
    investee_place: str | None = Field(None, description="被投企业所在地")
    investee_in_guangzhou: bool | None = None
    investee_is_tech_sme: bool | None = None
    funds_received: bool | None = None
    institution: str | None = Field(None, description="投资机构称呼；多家机构时各自适用每年上限")
    institution_place: str | None = Field(None, description="该投资机构所在地（与整体所在地不同时）")


def _stage(text: str | None) -> tuple[str | None, bool]:
    if not text:
        return None, False
    stage = normalize_stage(text)
    return (stage, False) if stage in _STAGES else (None, True)


def investment_case(
    investments: Sequence[InvestmentInput], institution_place: str | None = None, institution_in_gba: bool | None = None
) -> Facts:
    """Facts for article 3 from investments given one by one.

    Raises:
        CalculatorInputError: No investment, or an amount that is not positive.
    """
    if not investments:
        raise CalculatorInputError("请至少提供一笔投资（金额、年份、被投企业阶段和所在地）")
    institutions = {SELF: Institution(key=SELF, label="贵机构", place=institution_place, in_gba=institution_in_gba)}
    records: list[Investment] = []
    for index, item in enumerate(investments, start=1):
        amount = Decimal(item.amount)
        if not amount.is_finite() or amount <= 0:
            raise CalculatorInputError(
                f"第{index}笔投资金额必须大于0，收到：{format_yuan(amount) if amount.is_finite() else item.amount}"
            )
        key = (item.institution or "").strip() or SELF
        if key not in institutions:
            institutions[key] = Institution(key=key, label=key, place=item.institution_place or institution_place)
        elif item.institution_place and key != SELF:
            institutions[key] = institutions[key].model_copy(update={"place": item.institution_place})
        stage, unclear = _stage(item.investee_stage)
        status = {True: "received", False: "pending"}.get(item.funds_received, "unstated")  # type: ignore[arg-type]
        records.append(
            Investment(
                id=index,
                amount=amount,
                written=format_yuan(amount),
                status=status,  # type: ignore[arg-type]
                year=item.year,
                institution=key,
                investee_place=item.investee_place,
                in_guangzhou=item.investee_in_guangzhou,
                stage=stage,  # type: ignore[arg-type]
                stage_word=item.investee_stage,
                stage_unclear=unclear,
                tech_sme=item.investee_is_tech_sme,
            )
        )
    return Facts(speaker_role="investor", institutions=list(institutions.values()), investments=records)


def guarantee_case(
    district_new_capital: Decimal | None,
    is_district_level: bool | None = None,
    is_policy_guarantee: bool | None = None,
    is_new_or_capital_increase: bool | None = None,
    *,
    district_funded: bool | None = None,
    other_contributions: Sequence[tuple[str, Decimal]] = (),
) -> Facts:
    """Facts for article 11: the district treasury's new contribution, the institution's flags, other funders.

    Raises:
        CalculatorInputError: A contribution that is not positive.
    """
    contributions: list[Contribution] = []
    for funder, amount in [("district_treasury", district_new_capital), *other_contributions]:
        if amount is None:
            continue
        value = Decimal(amount)
        if not value.is_finite() or value <= 0:
            raise CalculatorInputError(f"出资额必须大于0，收到：{amount}")
        contributions.append(
            Contribution(
                id=len(contributions) + 1, amount=value, written=format_yuan(value), funder=funder, new=True, paid=True
            )  # type: ignore[arg-type]
        )
    guarantor = Guarantor(
        district_level=is_district_level,
        policy_based=is_policy_guarantee,
        new_or_increase=is_new_or_capital_increase,
        no_district_money=district_funded is False,
    )
    return Facts(speaker_role="guarantor", contributions=contributions, guarantor=guarantor)
