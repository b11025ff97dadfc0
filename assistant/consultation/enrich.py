"""Reading a profile's free text: the facts a form left out, through the one reader and the data tables.

Places, investments and a guarantee institution's capital come from
:class:`~assistant.understand.reader.Reader` (the same reading as the chat); listing and bond
plans, IP, cross-border business and needs from the word tables of
``corpus/understanding/profile_words.json``.

Example:
    >>> text = "我们是南沙的创投机构，今年投了一家初创期的广州科技企业8000万"
    >>> p = enrich_profile(EnterpriseProfile(free_text=text), this_year=2026)
    >>> p.kind, p.district, str(p.investments_made[0].amount), p.investments_made[0].year
    ('创投机构', '南沙区', '80000000', 2026)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from assistant.consultation.profile import EnterpriseProfile, Financing, InvestmentMade, _dedupe, normalize_stage
from assistant.understand.amounts import AmountMention, find_amounts
from assistant.understand.in_message import read_turn
from assistant.understand.kinds import INVESTOR_KINDS, normalize_kind, stated_kind
from assistant.understand.model import SELF, Facts
from assistant.understand.reader import Reader
from corpus.profile_words import ProfileWords, load_profile_words

__all__ = ["enrich_profile", "investments_from_facts"]

_CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?\n]")
_YEAR = re.compile(r"(20\d{2})\s*年")
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "前年": -2}


def _w() -> ProfileWords:
    return load_profile_words()


def _clauses(text: str) -> list[tuple[int, str]]:
    """(start offset, clause) pairs split at Chinese and Latin punctuation."""
    clauses: list[tuple[int, str]] = []
    start = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > start:
            clauses.append((start, text[start : m.start()]))
        start = m.end()
    if start < len(text):
        clauses.append((start, text[start:]))
    return clauses


def _negated(clause: str, position: int) -> bool:
    return bool(_w().pattern("negation").search(clause[:position]))


def _found(clause: str, table: tuple[tuple[str, str], ...]) -> list[tuple[str, bool]]:
    """(canonical, negated) for each table word in the clause; a longer word hides the shorter inside it."""
    lowered = clause.lower()
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, bool]] = []
    for word, canonical in table:
        for m in re.finditer(re.escape(word), lowered):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((canonical, _negated(clause, m.start())))
    return found


def _stage_in_text(text: str) -> str | None:
    m = _w().pattern("stage_words").search(text)
    if m is None:
        return None
    return "初创期" if m.group(0) in ("初创企业", "初创公司") else normalize_stage(m.group(0))


def _listing_in_text(text: str) -> tuple[str | None, str | None]:
    for _, clause in _clauses(text):
        if _w().pattern("listing_service").search(clause):
            continue
        for m in _w().pattern("listing").finditer(clause):
            after = clause[m.end() : m.end() + 2]
            if after.startswith("公司") or _negated(clause, m.start()) or re.search(r"已(经)?$", clause[: m.start()]):
                continue
            return clause.strip(), _w().first(clause, _w().boards) or _w().first(text, _w().boards)
    return None, None


def _state_owned_in_text(text: str) -> bool | None:
    """「市属国企下属的创投平台」「我们是国有创投」: the writer's own organisation is state-owned."""
    for index, (_, clause) in enumerate(_clauses(text)):
        if (index == 0 or _w().pattern("self_description").search(clause)) and (
            m := _w().pattern("state_owned").search(clause)
        ):
            return not _negated(clause, m.start())
    return None


def _bond_in_text(text: str) -> bool | None:
    verdict: bool | None = None
    for _, clause in _clauses(text):
        for m in _w().pattern("bond").finditer(clause):
            if not _negated(clause, m.start()):
                return True
            verdict = False
    return verdict


def _cross_border_in_text(text: str) -> list[str]:
    found: list[str] = []
    for _, clause in _clauses(text):
        for canonical, negated in _found(clause, _w().cross_border_words):
            if negated:
                continue
            if canonical == "港澳" and re.search(r"(香港|澳门)[^，。；]{0,3}(上市|交易所)", clause):
                continue  # listing in Hong Kong is a board, not cross-border investment
            found.append(canonical)
    return _dedupe(found)


def _ip_in_text(text: str) -> list[str]:
    found = [
        canonical for _, clause in _clauses(text) for canonical, negated in _found(clause, _w().ip_words) if not negated
    ]
    specific = [item for item in found if item != "知识产权"]
    return _dedupe(specific or found)


def _needs_in_text(text: str) -> list[str]:
    needs: list[str] = []
    for _, clause in _clauses(text):
        if not _w().pattern("need_verbs").search(clause) or _w().pattern("no_need").search(clause):
            continue
        found = [canonical for canonical, negated in _found(clause, _w().need_words) if not negated]
        # 「需要股权融资」 is 股权融资; the bare 融资 only when nothing more specific was said.
        specific = [item for item in found if item != "融资"]
        needs.extend(specific or found)
    return _dedupe(needs)


def _year_in(clause: str, this_year: int) -> int | None:
    m = _YEAR.search(clause)
    if m:
        return int(m.group(1))
    return next((this_year + delta for word, delta in _RELATIVE_YEARS.items() if word in clause), None)


def _clause_of(text: str, mention: AmountMention) -> str:
    for start, clause in _clauses(text):
        if start <= mention.span[0] < start + len(clause):
            return clause
    return text


def _financing_in_text(text: str, this_year: int) -> list[Financing]:
    financing: list[Financing] = []
    for mention in find_amounts(text):
        clause = _clause_of(text, mention)
        if mention.value <= 0 or not (
            _w().pattern("financing_received").search(clause) and _w().pattern("raising").search(clause)
        ):
            continue
        if _w().pattern("need_verbs").search(clause) or re.search(r"贷款|借款", clause):
            continue  # money wanted or borrowed is not financing received
        financing.append(Financing(amount=mention.value, year=_year_in(clause, this_year)))
    return financing


def investments_from_facts(facts: Facts) -> list[InvestmentMade]:
    """The investments a reading states, as the profile keeps them."""
    made: list[InvestmentMade] = []
    for inv in facts.investments:
        if inv.amount <= 0:
            continue
        made.append(
            InvestmentMade(
                amount=inv.amount,
                year=inv.year,
                investee_stage=inv.stage,
                investee_place=inv.investee_place,
                investee_in_guangzhou=inv.in_guangzhou,
                investee_is_tech_sme=inv.tech_sme,
                funds_received={"received": True, "pending": False}.get(inv.status),
                signed_only=inv.status == "signed",
            )
        )
    return made


def _own_place(facts: Facts, investor: bool) -> str | None:
    """Where the writer says it is: the investing institution's place, or a non-investor's own."""
    own = facts.institution(SELF)
    if investor and own is not None and own.place:
        return own.place
    return facts.speaker_place or (own.place if own is not None else None)


def _guarantee_fields(facts: Facts) -> dict[str, Any]:
    treasury = [c for c in facts.contributions if c.funder == "district_treasury" and c.subscribed is None]
    guarantor = facts.guarantor
    found: dict[str, Any] = {
        "district_new_capital": sum((c.amount for c in treasury), start=treasury[0].amount * 0) if treasury else None,
        "is_district_level": guarantor.district_level,
        "is_policy_guarantee": guarantor.policy_based,
        "is_new_or_capital_increase": guarantor.new_or_increase,
        "district_funded": False
        if (guarantor.no_district_money or _only_others(facts)) and not treasury
        else (True if treasury else None),
    }
    return {key: value for key, value in found.items() if value is not None}


def _only_others(facts: Facts) -> bool:
    """Every contribution named comes from someone other than the district (市财政、省再担保、股东…)."""
    return bool(facts.contributions) and all(
        c.funder not in ("district_treasury", "district_unclear", "unknown") for c in facts.contributions
    )


def enrich_profile(profile: EnterpriseProfile, this_year: int | None = None) -> EnterpriseProfile:
    """Fill the fields the form left empty from the profile's ``free_text``.

    What the form gave always wins; lists (IP, cross-border, needs) are merged without
    duplicates, so enriching twice changes nothing.

    Args:
        profile: The profile as submitted.
        this_year: The year 「今年」「去年」 refer to; defaults to the current year.

    Returns:
        A new profile; the input is not modified.
    """
    text = profile.free_text or ""
    if not text:
        return profile
    year = this_year if this_year is not None else dt.date.today().year
    data = profile.model_dump()
    kind = profile.kind or stated_kind(text)
    data["kind"] = kind
    investor = kind is None or kind in INVESTOR_KINDS
    _, facts = read_turn(Reader.default(year), text, Facts())
    if not profile.district:
        place = _own_place(facts, investor)
        data["district"] = "广州" if place in ("广州市", "我市", "在穗") else place
    if profile.stage is None and kind not in INVESTOR_KINDS:
        # An investor's stage words describe its investees, not itself.
        data["stage"] = _stage_in_text(text)
    if not profile.listing_plan:
        plan, board = _listing_in_text(text)
        data["listing_plan"] = plan
        data["target_board"] = profile.target_board or board
    if profile.bond_plan is None:
        data["bond_plan"] = _bond_in_text(text)
    if profile.state_owned is None:
        data["state_owned"] = True if normalize_kind(kind) == "国有企业" else _state_owned_in_text(text)
    data["intellectual_property"] = [*profile.intellectual_property, *_ip_in_text(text)]
    data["cross_border"] = [*profile.cross_border, *_cross_border_in_text(text)]
    data["needs"] = [*profile.needs, *_needs_in_text(text)]
    if kind in INVESTOR_KINDS and not profile.investments_made:
        data["investments_made"] = investments_from_facts(facts)
    elif kind == "融资担保机构":
        stated = _guarantee_fields(facts)
        data.update({key: value for key, value in stated.items() if data.get(key) is None})
    elif kind not in INVESTOR_KINDS and not profile.recent_financing:
        data["recent_financing"] = _financing_in_text(text, year)
    return EnterpriseProfile.model_validate(data)
