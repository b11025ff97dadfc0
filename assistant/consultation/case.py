"""Between a consultation profile and the award engine's facts, both ways.

The engine reads :class:`~assistant.understand.model.Facts`; a profile (the 特派员 form, the
API) becomes those facts through :func:`facts_from_profile`, and a chat's facts become a profile
through :func:`profile_from_conversation`, so the form, ``/api/match`` and the chat give the same
figure for the same facts.

Example:
    >>> profile = EnterpriseProfile(kind="创投机构", district="南沙区", investments_made=[
    ...     {"amount": "8000万", "year": 2025, "investee_stage": "初创期", "investee_in_guangzhou": True}])
    >>> from assistant.awards.engine import AwardEngine
    >>> engine = AwardEngine.default()
    >>> engine.evaluate(engine.rules.for_subject("investment").id, facts_from_profile(profile)).award_yuan
    1200000
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assistant.consultation.enrich import enrich_profile, investments_from_facts
from assistant.consultation.profile import EnterpriseProfile, Financing
from assistant.understand.kinds import INVESTOR_KINDS, normalize_kind
from assistant.understand.model import SELF, Contribution, Facts, Guarantor, Institution, Investment
from assistant.understand.yuan import format_yuan

__all__ = ["facts_from_profile", "profile_from_conversation", "profile_from_facts"]


def facts_from_profile(profile: EnterpriseProfile) -> Facts:
    """The engine's facts for a profile: its institution, investments and guarantee capital."""
    investments = [
        Investment(
            id=index + 1,
            amount=made.amount,
            written=format_yuan(made.amount),
            status="signed"
            if made.signed_only
            else {True: "received", False: "pending"}.get(made.funds_received, "unstated"),  # type: ignore[arg-type]
            year=made.year,
            investee_place=made.investee_place,
            in_guangzhou=made.investee_in_guangzhou,
            stage=made.investee_stage,
            tech_sme=made.investee_is_tech_sme,
        )
        for index, made in enumerate(profile.investments_made)
    ]
    contributions = (
        [
            Contribution(
                id=len(investments) + 1,
                amount=profile.district_new_capital,
                written=format_yuan(profile.district_new_capital),
                funder="district_treasury",
                new=True,
                paid=True,
            )
        ]
        if profile.district_new_capital is not None
        else []
    )
    return Facts(
        speaker_role="investor"
        if profile.kind in INVESTOR_KINDS
        else ("guarantor" if profile.kind == "融资担保机构" else None),
        speaker_kind=profile.kind,
        institutions=[
            Institution(key=SELF, label="贵机构", place=profile.district, in_gba=profile.in_greater_bay_area)
        ],
        investments=investments,
        contributions=contributions,
        guarantor=Guarantor(
            # A stated 区财政新增出资 means a district treasury funds it anew; a False in the profile wins.
            district_level=profile.is_district_level,
            policy_based=profile.is_policy_guarantee,
            new_or_increase=profile.is_new_or_capital_increase,
            no_district_money=profile.district_funded is False,
        ),
    )


def profile_from_facts(facts: Facts) -> EnterpriseProfile:
    """The profile a chat's remembered facts describe, so they can feed matching.

    Investments become ``investments_made`` for an investment institution (or an unstated kind,
    as the chat mostly gathers them for article 3) and ``recent_financing`` for an investee;
    a contribution from the district treasury implies a 融资担保机构 when no kind was said.
    """
    treasury = [c for c in facts.contributions if c.funder == "district_treasury" and c.subscribed is None]
    kind = normalize_kind(facts.speaker_kind) or (
        "融资担保机构" if facts.contributions or facts.speaker_role == "guarantor" else None
    )
    own = facts.institution(SELF)
    place = own.place if own is not None and facts.speaker_role != "investee" else facts.speaker_place
    data: dict[str, Any] = {
        "kind": kind,
        "district": place,
        "district_new_capital": sum((c.amount for c in treasury[1:]), treasury[0].amount) if treasury else None,
        "is_district_level": facts.guarantor.district_level,
        "is_policy_guarantee": facts.guarantor.policy_based,
        "is_new_or_capital_increase": facts.guarantor.new_or_increase,
        "district_funded": False if facts.guarantor.no_district_money and not treasury else None,
    }
    if facts.speaker_role == "investee" and kind not in INVESTOR_KINDS:
        data["recent_financing"] = [Financing(amount=i.amount, year=i.year) for i in facts.investments if i.amount > 0]
    elif kind is None or kind in INVESTOR_KINDS:
        data["investments_made"] = investments_from_facts(facts)
    else:
        data["recent_financing"] = [Financing(amount=i.amount, year=i.year) for i in facts.investments if i.amount > 0]
    return EnterpriseProfile.model_validate(data)


def profile_from_conversation(
    facts: Facts, statements: Iterable[str] = (), this_year: int | None = None
) -> EnterpriseProfile:
    """The profile a chat describes: the facts it remembers, enriched by what the user said about themselves.

    Example:
        >>> profile = profile_from_conversation(Facts(), ["我们是海珠区的科技型中小企业，计划科创板上市"])
        >>> profile.kind, profile.district, profile.target_board
        ('科技型中小企业', '海珠区', '科创板')
    """
    base = profile_from_facts(facts)
    text = "\n".join(s.strip() for s in statements if s.strip())
    if not text:
        return base
    return enrich_profile(base.model_copy(update={"free_text": text}), this_year=this_year)
