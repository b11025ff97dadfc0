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
from corpus.awards import load_award_rules
from corpus.eligibility import ArticleEligibility, Eligibility, load_eligibility

__all__ = ["Evaluation", "award_rule_names", "default_eligibility", "evaluate"]


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


def evaluate(profile: EnterpriseProfile, entry: ArticleEligibility, table: Eligibility) -> Evaluation:
    """Judge one article's entry for an (enriched) profile."""
    reasons = context(profile, table)
    award, award_missing = _award(entry.award_rule_for(profile.kind), profile)
    checks = tuple(judge(profile, spec, reasons) for spec in entry.conditions)
    return Evaluation(
        entry=entry,
        audience_matched=profile.kind is not None and profile.kind in entry.audience,
        keyword_hits=keyword_hits(
            entry,
            keyword_text(profile, table),
            profile.needs,
            "" if profile.kind in entry.audience else (profile.free_text or "").lower(),
        ),
        checks=checks,
        shown=tuple(shown(check, reasons) for check in checks),
        award=award,
        award_missing=tuple(award_missing),
    )


def _award(rule: str | None, profile: EnterpriseProfile) -> tuple[AwardResult | None, list[str]]:
    """The engine's result for a rule, and the facts it still needs."""
    if rule is None:
        return None, []
    engine = AwardEngine.default()
    facts = facts_from_profile(profile)
    figured = {r.id: r for r in engine.rules.rules}
    if rule in figured and not (facts.investments if figured[rule].subject == "investment" else facts.contributions):
        ruled_out = engine.evaluate(rule, facts)
        if ruled_out.eligible is False:
            return ruled_out, []  # a stated fact already rules the article out (民营、市属…)
        return None, [figured[rule].base_label]
    result = engine.evaluate(rule, facts)
    return result, list(result.missing)
