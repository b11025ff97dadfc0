"""The facts a rule condition tests, read from the session's :class:`~assistant.understand.model.Facts`.

Each name in ``corpus.awards.FACTS`` has one reader here; a reader returns the value, or
``UNCLEAR`` when the user said something that cannot be read with confidence (「A轮」「区里出的」).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from assistant.understand.model import NOT_AT, Contribution, Guarantor, Institution, Investment
from assistant.understand.yuan import format_yuan
from corpus.gazetteer import Gazetteer

__all__ = ["FACT_READERS", "UNCLEAR", "template_values"]

UNCLEAR = object()

_FUNDER_LABELS = {
    "district_treasury": "区财政",
    "district_unclear": "区里",
    "district_soe": "区属国企",
    "city": "市级资金",
    "province": "省级资金",
    "central": "中央或国家资金",
    "private": "社会资本",
    "unknown": "未说明的出资方",
}


def _in_gba(item: Institution, gazetteer: Gazetteer) -> bool | None:
    if item.in_gba is not None:
        return item.in_gba
    if not item.place:
        return None
    place = gazetteer.resolve(item.place)
    return place.in_gba if place else None


def _is_institution(item: Institution, _: Gazetteer) -> Any:
    if item.individual or item.not_equity:
        return False
    return UNCLEAR if item.kind_said is False else True  # 「我们是一家公司」: which kind is asked


def _denied(place: str | None) -> str | None:
    """「非广州」 (the reader's 「不在广州」): the place the investee is said not to be in, else None."""
    return place[len(NOT_AT) :] if place and place.startswith(NOT_AT) else None


def _in_guangzhou(item: Investment, gazetteer: Gazetteer) -> bool | None:
    if item.in_guangzhou is not None:
        return item.in_guangzhou
    if not item.investee_place:
        return None
    if (name := _denied(item.investee_place)) is not None:
        # 「不在广州」: not in the city is outside it; not in one district (非天河) says nothing of the city.
        denied = gazetteer.resolve(name)
        return False if denied is not None and denied.kind == "city" and denied.in_guangzhou else None
    place = gazetteer.resolve(item.investee_place)
    return place.in_guangzhou if place else None


def _stage(item: Investment, _: Gazetteer) -> Any:
    if item.stage_options and not item.stage:
        return tuple(item.stage_options)  # one of these; the engine decides whether that settles it
    if item.stage_unclear:
        # 「刚拿了B轮，我也说不准算不算初创期」: a stage word the asker doubts settles nothing.
        return UNCLEAR
    return item.stage or None


def _received(item: Investment, _: Gazetteer) -> Any:
    if item.status == "signed":
        return UNCLEAR  # only the signed amount is known: ask what arrived
    return {"received": True, "pending": False}.get(item.status)


def _funder(item: Contribution, _: Gazetteer) -> Any:
    if item.funder == "district_unclear":
        return UNCLEAR
    return None if item.funder == "unknown" else item.funder


def _paid(item: Contribution, _: Gazetteer) -> Any:
    if item.subscribed is not None and item.subscribed != item.amount:
        return UNCLEAR
    return item.paid if item.paid is not False else None


FACT_READERS: dict[str, Callable[[Any, Gazetteer], Any]] = {
    "institution.is_institution": _is_institution,
    "institution.in_gba": _in_gba,
    "institution.in_guangzhou": lambda item, gazetteer: (
        (place.in_guangzhou if (place := gazetteer.resolve(item.place)) else None) if item.place else None
    ),
    "investment.investee_in_guangzhou": _in_guangzhou,
    "investment.stage": _stage,
    "investment.tech_sme": lambda item, _: item.tech_sme,
    "investment.received": _received,
    "guarantor.district_level": lambda item, _: item.district_level,
    "guarantor.policy_based": lambda item, _: item.policy_based,
    "guarantor.new_or_increase": lambda item, _: item.new_or_increase,
    "guarantor.in_guangzhou": lambda item, gazetteer: (
        (place.in_guangzhou if (place := gazetteer.resolve(item.district)) else None) if item.district else None
    ),
    "contribution.funder": _funder,
    "contribution.paid": _paid,
    "contribution.in_guangzhou": lambda item, gazetteer: (
        (place.in_guangzhou if (place := gazetteer.resolve(item.place)) else None) if item.place else None
    ),
}


def template_values(item: Institution | Investment | Contribution | Guarantor, gazetteer: Gazetteer) -> dict[str, str]:
    """What a reason template may show about one item ({place}, {stage}, {amount}…)."""
    values: dict[str, str] = {}
    if isinstance(item, Institution):
        place = gazetteer.resolve(item.place) if item.place else None
        values["place"] = place.label if place else (item.place_text or "")
        word = "个人" if item.individual else (item.not_equity or "")
        # 「不是投资机构」 is said as it stands; 「银行」 becomes 「是银行」.
        values["investor_is"] = word if word.startswith(("不", "非", "并非")) else f"是{word}"
    elif isinstance(item, Investment):
        denied = _denied(item.investee_place)
        name = denied if denied is not None else item.investee_place
        place = gazetteer.resolve(name) if name else None
        values.update(
            # 「不在广州」: the place is only known to be outside the one named
            place=(f"{place.label}以外" if denied is not None else place.label)
            if place
            else (item.investee_place_text or ""),
            stage=item.stage or item.stage_word or "",
            stage_word=item.stage_word or "",
            tech_word=item.tech_word or "",
            amount=format_yuan(item.amount),
        )
    elif isinstance(item, Contribution):
        values.update(
            amount=format_yuan(item.amount),
            funder=_FUNDER_LABELS.get(item.funder, item.funder),
            funder_word=item.funder_word or "",
            subscribed=format_yuan(item.subscribed) if item.subscribed is not None else "",
            place=(place.label if (place := gazetteer.resolve(item.place)) else item.place) if item.place else "",
        )
    else:
        district = gazetteer.resolve(item.district) if item.district else None
        values.update(
            level_word=item.level_word or "",
            policy_word=item.policy_word or "",
            district=district.label if district else (item.district or ""),
        )
    return values


def funder_label(funder: str) -> str:
    """The Chinese name of a funder code."""
    return _FUNDER_LABELS.get(funder, funder)


def shown(amount: Decimal) -> str:
    """An amount as answers show it."""
    return format_yuan(amount)
