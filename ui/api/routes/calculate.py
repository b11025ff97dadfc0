"""``POST /api/calculate``: the award engine (第三条、第十一条, and the supports without a fixed amount)."""

from __future__ import annotations

from fastapi import APIRouter

from assistant.awards.cases import InvestmentInput, guarantee_case, investment_case
from assistant.awards.engine import AwardEngine
from assistant.awards.result import AwardResult
from ui.api.errors import BODY_ERRORS, error_responses
from ui.api.models import CalculateRequest, ContributionAwardRequest, InvestmentAwardRequest, UnfixedRequest

router = APIRouter(prefix="/api", tags=["calculator"])


def _investments(body: InvestmentAwardRequest) -> AwardResult:
    investments = [
        InvestmentInput(
            amount=inv.amount,
            year=inv.year,
            investee_stage=inv.investee_stage,
            investee_place=inv.investee_place,
            investee_in_guangzhou=inv.investee_in_guangzhou,
            investee_is_tech_sme=inv.investee_is_tech_sme,
            funds_received=inv.funds_received,
            institution=inv.institution,
        )
        for inv in body.investments
    ]
    facts = investment_case(investments, body.institution_place, body.institution_in_greater_bay_area)
    return AwardEngine.default().evaluate(body.rule, facts)


def _contributions(body: ContributionAwardRequest) -> AwardResult:
    facts = guarantee_case(
        body.district_new_capital, body.is_district_level, body.is_policy_guarantee, body.is_new_or_capital_increase
    )
    return AwardEngine.default().evaluate(body.rule, facts)


def _unfixed(body: UnfixedRequest) -> AwardResult:
    return AwardEngine.default().unfixed(body.topic)


@router.post("/calculate", summary="奖励/补助测算", responses=error_responses(*BODY_ERRORS))
def calculate(body: CalculateRequest) -> AwardResult:
    """Apply one rule of corpus/awards.json (``article3``, ``article11``) or ``unfixed``.

    ``unfixed`` is a support whose amount is fixed elsewhere: never a number.

    Input the rules cannot use (a non-positive amount) is answered with 422 and the reason.
    """
    match body:
        case InvestmentAwardRequest():
            return _investments(body)
        case ContributionAwardRequest():
            return _contributions(body)
        case UnfixedRequest():
            return _unfixed(body)
