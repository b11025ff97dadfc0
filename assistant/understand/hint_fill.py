"""Hints carried into investments: what a message said before its amounts, or what a known deal said.

A new investment takes the facts it leaves unsaid from the hints (「被投企业在天河，是初创期的」 before
its amount); a restated deal keeps its own; a message with no amount sets them on the deals it names.
"""

from __future__ import annotations

from assistant.understand.model import Hints, Investment

__all__ = ["apply_hints", "as_hints", "fill", "hint_fields", "investee_hints", "shared_hints"]

_HINT_FIELDS = (
    "investee_place",
    "investee_place_text",
    "stage",
    "stage_word",
    "stage_unclear",
    "tech_sme",
    "tech_word",
    "year",
    "status",
)


def hint_fields(hints: Hints) -> dict[str, object]:
    """The stated hint values, as investment fields (the unclear flag goes with its stage word)."""
    values = {k: v for k, v in hints.model_dump().items() if v not in (None, False)}
    if "stage" in values or "stage_word" in values:
        values.setdefault("stage", None)
        values["stage_unclear"] = hints.stage_unclear
    return values


def fill(investment: Investment, hints: Hints) -> Investment:
    """An investment's missing facts taken from what was said before its amount."""
    # 「天使轮那个到账2500万」: a deal that names its own round keeps it; a stage told before is another's.
    own_round = investment.stage_word is not None
    missing = {
        k: v
        for k, v in hint_fields(hints).items()
        if getattr(investment, k) in (None, False, "unstated")
        and k != "stage_unclear"
        and not (own_round and k in ("stage", "stage_word"))
    }
    if "stage" in missing or "stage_word" in missing:
        missing["stage_unclear"] = hints.stage_unclear if investment.stage is None else False
    return investment.model_copy(update=missing)


def apply_hints(investments: list[Investment], targets: list[Investment], hints: Hints) -> list[Investment]:
    """The investments with the hints set on ``targets`` (on all of them when no target is given)."""
    chosen = {i.id for i in (targets or investments)}
    values = hint_fields(hints)
    return [i.model_copy(update=values) if i.id in chosen else i for i in investments]


def shared_hints(investments: list[Investment]) -> Hints:
    """The investee facts every one of ``investments`` has in common (nothing when they differ)."""
    if not investments:
        return Hints()
    common: dict[str, object] = {}
    for name in _HINT_FIELDS:
        values = {getattr(i, name) for i in investments}
        if len(values) == 1 and (value := values.pop()) not in (None, False, "unstated"):
            common[name] = value
    common.pop("status", None)  # what arrived is the new message's to say
    return Hints(**common)


def investee_hints(investment: Investment) -> Hints:
    """What an investment says of its investee, without its own year and arrival."""
    return Hints(**{k: getattr(investment, k) for k in _HINT_FIELDS if k not in ("year", "status")})


def as_hints(investment: Investment) -> Hints:
    """Everything an investment says of its investee, its year and its arrival, as hints."""
    return Hints(**{k: getattr(investment, k) for k in _HINT_FIELDS})
