"""One article's eligibility judged against a profile: audience, keywords, conditions and award.

An :class:`Evaluation` keeps both views of each condition: ``checks`` as judged (they decide
whether the article is listed) and ``shown`` as a card shows them (a condition the profile cannot
show is 待确认 there, :func:`~assistant.consultation.conditions.shown`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.awards.engine import AwardEngine
from assistant.awards.result import AwardResult
from assistant.consultation.case import facts_from_profile
from assistant.consultation.conditions import Check, context, judge, keyword_hits, keyword_text, shown
from assistant.consultation.profile import EnterpriseProfile
from assistant.understand.model import Facts
from corpus.awards import load_award_rules
from corpus.eligibility import ArticleEligibility, Eligibility, load_eligibility

__all__ = ["Evaluation", "ProfileReading", "award_rule_names", "default_eligibility", "evaluate", "evaluate_relevant"]


def award_rule_names() -> frozenset[str]:
    """Every award rule this module can apply: article 3, article 11 and the unfixed topics."""
    return frozenset(load_award_rules().ids)


@lru_cache(maxsize=1)
def default_eligibility() -> Eligibility:
    """The shipped eligibility table, validated against the calculator's rules (read once)."""
    return load_eligibility(award_rules=award_rule_names())


@dataclass(frozen=True)
class Evaluation:
    """An article judged for a profile."""

    entry: ArticleEligibility
    audience_matched: bool
    keyword_hits: tuple[str, ...]
    checks: tuple[Check, ...]
    shown: tuple[Check, ...]
    award: AwardResult | None
    award_missing: tuple[str, ...]

    @property
    def relevant(self) -> bool:
        """Aimed at the profile's kind, or named by its words."""
        return self.audience_matched or bool(self.keyword_hits)

    @property
    def blocked(self) -> bool:
        """A condition is not met."""
        # The calculator's own verdict counts too: its rules test facts the table leaves to it.
        return any(c.status == "not_met" for c in self.checks) or (
            self.award is not None and self.award.eligible is False
        )

    @property
    def gated(self) -> list[Check]:
        """Required conditions still unknown: they hold the article back until answered."""
        return [c for c in self.checks if c.spec.required and c.status == "unknown"]

    @property
    def included(self) -> bool:
        """Listed among the matches."""
        return self.relevant and not self.blocked and not self.gated


@dataclass(frozen=True)
class ProfileReading:
    """What every article's judgment reads from one profile, worked out once per profile, not once per article."""

    reasons: dict[str, str]
    keyword_text: str
    raw_text: str
    facts: Facts

    @classmethod
    def of(cls, profile: EnterpriseProfile, table: Eligibility) -> ProfileReading:
        """The reading of an (enriched) profile."""
        return cls(
            reasons=context(profile, table),
            keyword_text=keyword_text(profile, table),
            raw_text=(profile.free_text or "").lower(),
            facts=facts_from_profile(profile),
        )


def evaluate(
    profile: EnterpriseProfile, entry: ArticleEligibility, table: Eligibility, reading: ProfileReading | None = None
) -> Evaluation:
    """Judge one article's entry for an (enriched) profile; pass ``reading`` when judging many articles."""
    read = reading or ProfileReading.of(profile, table)
    return _judged(profile, entry, read, *_relevance(profile, entry, read))


def evaluate_relevant(
    profile: EnterpriseProfile, entry: ArticleEligibility, reading: ProfileReading
) -> Evaluation | None:
    """The article judged when it is relevant to the profile, else None.

    Matching reads only relevant articles (listed, held back, or explained), so the conditions
    and award of the others, most of the 32 for any one profile, need not be worked out.
    """
    audience_matched, hits = _relevance(profile, entry, reading)
    return _judged(profile, entry, reading, audience_matched, hits) if audience_matched or hits else None


def _relevance(
    profile: EnterpriseProfile, entry: ArticleEligibility, read: ProfileReading
) -> tuple[bool, tuple[str, ...]]:
    """Whether the article is aimed at the profile's kind, and the profile's words that name it."""
    aimed = profile.kind is not None and profile.kind in entry.audience
    raw = "" if profile.kind in entry.audience else read.raw_text
    return aimed, keyword_hits(entry, read.keyword_text, profile.needs, raw)


def _judged(
    profile: EnterpriseProfile,
    entry: ArticleEligibility,
    read: ProfileReading,
    audience_matched: bool,
    hits: tuple[str, ...],
) -> Evaluation:
    award, award_missing = _award(entry.award_rule_for(profile.kind), read.facts)
    checks = tuple(judge(profile, spec, read.reasons) for spec in entry.conditions)
    return Evaluation(
        entry=entry,
        audience_matched=audience_matched,
        keyword_hits=hits,
        checks=checks,
        shown=tuple(shown(check, read.reasons) for check in checks),
        award=award,
        award_missing=tuple(award_missing),
    )


def _award(rule: str | None, facts: Facts) -> tuple[AwardResult | None, list[str]]:
    """The engine's result for a rule over the profile's facts, and the facts it still needs."""
    if rule is None:
        return None, []
    engine = AwardEngine.default()
    figured = {r.id: r for r in engine.rules.rules}
    if rule in figured and not (facts.investments if figured[rule].subject == "investment" else facts.contributions):
        ruled_out = engine.evaluate(rule, facts)
        if ruled_out.eligible is False:
            return ruled_out, []  # a stated fact already rules the article out (民营、市属…)
        return None, [figured[rule].base_label]
    result = engine.evaluate(rule, facts)
    return result, list(result.missing)
