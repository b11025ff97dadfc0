"""Walking the place-role rules of ``corpus/understanding/place_roles.json`` at one place of a message.

The rules are data (``corpus.place_roles``); here are the windows of text they look at and the few
tests that are no single regex (whose noun comes before 「注册在」, the place read before this one…).

Example:
    >>> from assistant.understand.text import clauses
    >>> from corpus.place_roles import load_place_rules
    >>> text = "我们是前海的基金"
    >>> spot = Spot(text, 3, 5, clauses(text)[0], (), planned=False)
    >>> rule = first_rule(spot, load_place_rules())
    >>> rule.id, rule.role, rule.self_attached
    ('own_noun_after', 'institution', True)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.understand.text import Clause
from corpus.gazetteer import PlaceMention
from corpus.place_roles import PlaceRole, PlaceRules, Rule, Test, Window

__all__ = ["PREDICATES", "WINDOW_TEXT", "Spot", "first_rule"]


@dataclass(frozen=True)
class Spot:
    """One place of a message and what the rules may look at around it."""

    text: str
    start: int
    end: int
    clause: Clause  # the clause holding the place
    places: Sequence[PlaceMention]  # every place the scan found, before adjacent names were merged
    planned: bool  # its sentence is about a vehicle still to be set up
    previous: tuple[PlaceRole, int] | None = None  # the role of the place read before it, and that one's sentence


def _before(spot: Spot) -> str:
    return spot.text[spot.clause.start : spot.start]


WINDOW_TEXT: dict[Window, Callable[[Spot], str]] = {
    "before": _before,
    "after": lambda s: s.text[s.end : s.clause.end],
    "before_last3": lambda s: _before(s)[-3:],
    "before_last4": lambda s: _before(s)[-4:],
    "before_last5": lambda s: _before(s)[-5:],
    "sentence_before": lambda s: _sentence_before(s.text, s.start),
    "text_before": lambda s: s.text[: s.start],
    "text_after": lambda s: s.text[s.end :],
    "near_before": lambda s: s.text[max(0, s.start - 8) : s.start],
}


def first_rule(spot: Spot, rules: PlaceRules) -> Rule | None:
    """The first rule that holds at ``spot`` (None: no rule does, the role is left unknown)."""
    return next((rule for rule in rules.rules if _holds(rule, spot, rules)), None)


def _holds(rule: Rule, spot: Spot, rules: PlaceRules) -> bool:
    if not all((c.pattern.search(WINDOW_TEXT[c.window](spot)) is not None) == c.wanted for c in rule.checks):
        return False
    return rule.test is None or PREDICATES[rule.test](spot, rules)


def _sentence_before(text: str, position: int) -> str:
    """The sentence up to ``position`` (at most 40 characters back): 「…投资子公司，注册在」."""
    start = max(text.rfind(mark, 0, position) for mark in "。；;！？!?\n") + 1
    return text[max(start, position - 40) : position]


def _subject_text(spot: Spot, rules: PlaceRules) -> str:
    """Where to look for whose place 「注册在」 gives: its clause, or the sentence when the clause starts with it."""
    before = _before(spot)
    return _sentence_before(spot.text, spot.start) if rules.pattern("only_located").search(before) else before


def _subject_kind(before: str, rules: PlaceRules) -> str | None:
    """Whose location 「注册在」 introduces: the nearest noun before it (the asker counts as an institution)."""
    inst = [m.end() for m in rules.pattern("institution_noun").finditer(before)]
    inv = [m.end() for m in rules.pattern("investee_noun").finditer(before)]
    self_hit = [m.end() for m in rules.pattern("self_subject").finditer(before)]
    best_inst = max(inst + self_hit, default=-1)
    best_inv = max(inv, default=-1)
    if best_inst < 0 and best_inv < 0:
        return None
    return "institution" if best_inst >= best_inv else "investee"


def _noun_before_bracket(spot: Spot, rules: PlaceRules) -> re.Match[str] | None:
    """「甲基金（天河）」: the noun whose bracket the place opens (24 characters back at most)."""
    return rules.pattern("noun_before_bracket").search(spot.text[max(0, spot.start - 24) : spot.start])


def _bracket_after(institution: bool) -> Callable[[Spot, PlaceRules], bool]:
    def test(spot: Spot, rules: PlaceRules) -> bool:
        noun = _noun_before_bracket(spot, rules)
        return noun is not None and (noun.group("institution") is not None) == institution

    return test


def _later_place_in_clause(spot: Spot) -> bool:
    return any(spot.clause.holds(p.start) and p.start > spot.end for p in spot.places)


PREDICATES: dict[Test, Callable[[Spot, PlaceRules], bool]] = {
    "planned_sentence": lambda s, r: s.planned,
    "bracket_after_institution": _bracket_after(institution=True),
    "bracket_after_investee": _bracket_after(institution=False),
    "sentence_subject_is_institution": lambda s, r: (
        _subject_kind(_sentence_before(s.text, s.start), r) == "institution"
    ),
    "sentence_subject_is_investee": lambda s, r: _subject_kind(_sentence_before(s.text, s.start), r) == "investee",
    "subject_is_institution": lambda s, r: _subject_kind(_subject_text(s, r), r) == "institution",
    "subject_is_investee": lambda s, r: _subject_kind(_subject_text(s, r), r) == "investee",
    "opens_message": lambda s, r: s.start <= 1,
    "after_third_in_sentence": lambda s, r: s.previous == ("third", s.clause.sentence),
    "last_place_in_clause": lambda s, r: not _later_place_in_clause(s),
}
