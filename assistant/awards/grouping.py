"""Grouping counted items by whom and which year the cap is for, and the capped total.

Unknown years give two groupings: the lowest total they allow (every unknown year merged into the
party's largest year; the cap is concave, so merging can only lower it) and the highest (each in
a year of its own; a total over N years spread over N). The engine gives a figure only when the
two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from corpus.awards import AwardRule

__all__ = ["JOINED", "Group", "capped_total", "groups", "joined_funds"]

# The one party that joined funds are capped as.
JOINED = "管理人"


@dataclass(frozen=True)
class Group:
    """Counted items of one party in one cap period."""

    party: str
    year: int | None
    amounts: tuple[Decimal, ...]

    @property
    def total(self) -> Decimal:
        """The group's base."""
        return sum(self.amounts, Decimal(0))


def groups(
    rule: AwardRule, counted: list[tuple[Any, Any, Any]], joined: frozenset[str] = frozenset()
) -> tuple[list[Group], list[Group], list[tuple[AwardRule, Decimal, int]]]:
    """Groups for the lowest and the highest total the unknown years allow.

    ``joined``: parties capped as one (funds applying through their one manager).
    """
    by_year = rule.cap_period == "year"
    known: dict[tuple[str, int | None], list[Decimal]] = {}
    loose: list[tuple[str, Decimal, int | None]] = []  # (party, amount, years spanned or None for one unknown year)
    for item, party, _ in counted:
        key = getattr(party, "key", "guarantor") if rule.cap_per == "institution" else ""
        key = JOINED if key in joined else key
        year = getattr(item, "year", None) if by_year else None
        spanned = getattr(item, "years_spanned", None) if by_year else None
        if by_year and (year is None or spanned is not None):
            loose.append((key, item.amount, spanned))
        else:
            known.setdefault((key, year), []).append(item.amount)
    low = {k: list(v) for k, v in known.items()}
    high = {k: list(v) for k, v in known.items()}
    spread: list[tuple[AwardRule, Decimal, int]] = []
    for index, (key, amount, spanned) in enumerate(loose):
        own = [k for k in low if k[0] == key]
        target = max(own, key=lambda k: sum(low[k])) if own else (key, None)
        low.setdefault(target, []).append(amount)
        if spanned is None:
            high[(key, -1 - index)] = [amount]  # its own year, apart from every other
        else:
            spread.append((rule, amount, spanned))
    return as_groups(low), as_groups(high), spread


def joined_funds(
    rule: AwardRule, counted: list[tuple[Any, Any, Any]], one_manager: bool, apply_as: str | None
) -> dict[str, frozenset[str]]:
    """The asker's funds that are capped as one (``joined``) or may be (``maybe_joined``).

    「管理人旗下两只基金」: each fund or the one manager may be the institution whose cap applies;
    the message may say which (「分别申报」「由管理人统一申报」).
    """
    keys = frozenset(p.key for _, p, _ in counted if getattr(p, "own", False) and not getattr(p, "individual", False))
    if rule.cap_per != "institution" or not one_manager or apply_as == "apart" or len(keys) < 2:
        return {"joined": frozenset(), "maybe_joined": frozenset()}
    return (
        {"joined": keys, "maybe_joined": frozenset()}
        if apply_as == "one"
        else {
            "joined": frozenset(),
            "maybe_joined": keys,
        }
    )


def capped_total(rule: AwardRule, groups: list[Group], spread: list[tuple[AwardRule, Decimal, int]]) -> Decimal:
    """Each group's base times the rate of its year's standard, capped; spread totals capped once per year."""
    total = Decimal(0)
    for group in groups:
        version = rule.version_for(group.year)
        raw = group.total * version.rate
        total += min(raw, version.cap) if version.cap is not None else raw
    for _, amount, years in spread:
        version = rule.version_for(None)
        raw = amount * version.rate
        if version.cap is None:
            total += raw
        else:
            total += raw if years == 0 else min(raw, version.cap * years)
    return total


def as_groups(table: dict[tuple[str, int | None], list[Decimal]]) -> list[Group]:
    # Negative years are placeholders for 「its own unknown year」.
    return [Group(k[0], k[1] if k[1] is None or k[1] >= 0 else None, tuple(v)) for k, v in table.items()]
