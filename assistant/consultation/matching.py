"""Consultation matching: which articles apply to an enterprise profile, why, and for how much.

Everything article-specific lives in ``corpus/eligibility.json``: an article is *relevant* when
its audience includes the profile's kind or one of its keywords appears in the profile's needs or
free text; each condition is then judged met / not_met / unknown against the (enriched) profile,
with a reason in plain Chinese tied to the profile's facts.

An article is *matched* when it is relevant, no condition is ``not_met`` and no ``required``
condition is unknown. Decision for the 北京 VC case: an article with a condition not met is left
out of ``matches`` (the result lists what applies); :func:`evaluate_article` explains one article
whatever its outcome, e.g. to answer 「为什么第三条不适用？」. ``missing`` lists the facts still
unknown that would change the result: unknown conditions of matched articles, the gating facts of
relevant articles held back only by them, and what an award estimate still needs.

Example:
    >>> from corpus.paths import POLICY_PATH
    >>> from ingest.parse import parse_policy
    >>> articles = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}
    >>> result = match_profile(
    ...     EnterpriseProfile(kind="创投机构", district="南沙区", investments_made=[
    ...         {"amount": "8000万", "year": 2025, "investee_stage": "初创期", "investee_in_guangzhou": True}]),
    ...     articles=articles,
    ... )
    >>> top = result.matches[0]
    >>> top.article, top.award["award_yuan"], top.conditions[1].reason
    (3, 1200000, '贵机构位于南沙区，属于粤港澳大湾区')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from assistant.consultation.case import profile_from_facts
from assistant.consultation.enrich import enrich_profile
from assistant.consultation.evaluation import (
    Evaluation,
    ProfileReading,
    award_rule_names,
    default_eligibility,
    evaluate,
    evaluate_relevant,
)
from assistant.consultation.match_result import ConditionResult, Excluded, Match, MatchingError, MatchResult
from assistant.consultation.profile import EnterpriseProfile
from corpus.eligibility import Eligibility
from corpus.records import Article

if TYPE_CHECKING:
    from assistant.retrieve.knowledge import Knowledge

__all__ = [
    "ConditionResult",
    "Excluded",
    "Match",
    "MatchResult",
    "MatchingError",
    "award_rule_names",
    "default_eligibility",
    "evaluate_article",
    "match_profile",
    "profile_from_facts",
]


KIND_MISSING = "企业（机构）类型"

# Ranking weights: a computed amount outranks everything, then met conditions.
_AUDIENCE_WEIGHT = 1.0
_MET_WEIGHT = 1.0
_KEYWORD_WEIGHT = 0.5
_MAX_KEYWORDS_COUNTED = 3
_UNKNOWN_PENALTY = 0.25
_AMOUNT_WEIGHT = 3.0
_AWARD_WEIGHT = 1.0


def _build_match(
    evaluation: Evaluation, profile: EnterpriseProfile, article: Article, table: Eligibility
) -> tuple[Match, list[str]]:
    entry = evaluation.entry
    award = evaluation.award
    # Why it applies: what the judged conditions found. The card, the ranking and what is still
    # missing follow the shown conditions, where a fact the profile cannot show stays unconfirmed.
    parts = [c.reason for c in evaluation.checks if c.status == "met"]
    met = [c for c in evaluation.shown if c.status == "met"]
    unknown = [c for c in evaluation.shown if c.status == "unknown"]
    if evaluation.audience_matched and not any(c.met_by is not None and c.met_by.field == "kind" for c in met):
        parts.insert(0, f"本条面向{profile.kind}")
    if evaluation.keyword_hits:
        subject = table.kind_entry(profile.kind or "其他").address
        parts.append(f"与{subject}提到的“{'”“'.join(evaluation.keyword_hits)}”相关")
    has_amount = award is not None and award.award_yuan is not None and award.award_yuan > 0
    score = (
        (_AUDIENCE_WEIGHT if evaluation.audience_matched else 0.0)
        + _MET_WEIGHT * len(met)
        + _KEYWORD_WEIGHT * min(len(evaluation.keyword_hits), _MAX_KEYWORDS_COUNTED)
        - _UNKNOWN_PENALTY * len(unknown)
        + (_AMOUNT_WEIGHT if has_amount else _AWARD_WEIGHT if award is not None else 0.0)
    )
    match = Match(
        article=entry.article,
        label=article.label,
        title=article.title,
        reason="；".join(parts),
        conditions=[ConditionResult(label=c.spec.label, status=c.status, reason=c.reason) for c in evaluation.shown],
        award=award.model_dump(mode="json") if award is not None else None,
        units=list(article.units),
        benefit=entry.benefit,
        score=round(score, 2),
    )
    return match, [c.missing_fact for c in unknown] + list(evaluation.award_missing)


def _informative(evaluation: Evaluation) -> bool:
    """Whether a blocked article is worth explaining: a fact other than the kind ruled it out.

    A chip company is not told why the bank articles do not apply to it.
    """
    failed = [c for c in evaluation.checks if c.status == "not_met"]
    award_failed = evaluation.award is not None and evaluation.award.eligible is False
    return any(c.spec.field != "kind" for c in failed) or (award_failed and not failed)


def _excluded(evaluation: Evaluation, article: Article) -> Excluded:
    reasons = [c.reason for c in evaluation.checks if c.status == "not_met"]
    award = evaluation.award
    if not reasons and award is not None and award.eligible is False:
        # The calculator judged facts the table leaves to it; its reasons say the same thing in its words.
        reasons = [c.reason for c in award.conditions if c.status == "not_met"] or [award.explanation]
    return Excluded(article=article.number, label=article.label, title=article.title, reason="；".join(reasons))


def _resolve_articles(knowledge: Knowledge | None, articles: Mapping[int, Article] | None) -> Mapping[int, Article]:
    if articles is not None:
        return articles
    if knowledge is not None:
        return knowledge.articles
    raise MatchingError("请提供 knowledge（已加载的知识库）或 articles（解析后的条款），才能给出条款标题和责任单位")


def _article(articles: Mapping[int, Article], number: int) -> Article:
    article = articles.get(number)
    if article is None:
        raise MatchingError(f"所给条款中缺少第{number}条，无法生成匹配结果")
    return article


def match_profile(
    profile: EnterpriseProfile,
    knowledge: Knowledge | None = None,
    articles: Mapping[int, Article] | None = None,
    *,
    eligibility: Eligibility | None = None,
    this_year: int | None = None,
    enrich: bool = True,
) -> MatchResult:
    """Match an enterprise profile against every article's eligibility data.

    Args:
        profile: The profile; its ``free_text`` is read by :func:`enrich_profile` first.
        knowledge: The loaded knowledge base (its ``articles`` give titles and 责任单位).
        articles: Parsed articles by number; used instead of ``knowledge`` when given.
        eligibility: The eligibility table; defaults to the shipped one.
        this_year: The year 「今年」 in the free text means; defaults to the current year.
        enrich: Read the free text first; False when the profile has been read already (the
            desk's ``profile_for``): reading it again changes nothing and costs half the time.

    Returns:
        The matched articles, best first (more conditions met and an award amount first), and
        the facts still unknown that would change the result.

    Raises:
        MatchingError: Neither ``knowledge`` nor ``articles`` given, or an article is absent.

    Example:
        >>> from corpus.paths import POLICY_PATH
        >>> from ingest.parse import parse_policy
        >>> arts = {a.number: a for a in parse_policy(POLICY_PATH.read_text(encoding="utf-8")).articles}
        >>> profile = EnterpriseProfile(kind="科技型中小企业", district="海珠区", free_text="打算在深交所创业板上市")
        >>> [m.article for m in match_profile(profile, articles=arts).matches][:1]
        [13]
    """
    source = _resolve_articles(knowledge, articles)
    table = eligibility or default_eligibility()
    enriched = enrich_profile(profile, this_year=this_year) if enrich else profile
    reading = ProfileReading.of(enriched, table)
    # Only relevant articles are listed, held back or explained below.
    judged = (evaluate_relevant(enriched, entry, reading) for entry in table.articles)
    evaluations = [ev for ev in judged if ev is not None]

    built = [_build_match(ev, enriched, _article(source, ev.entry.article), table) for ev in evaluations if ev.included]
    built.sort(key=lambda pair: (-pair[0].score, pair[0].article))
    missing: list[str] = [KIND_MISSING] if enriched.kind is None else []
    for _, facts in built:
        missing.extend(facts)
    for ev in evaluations:
        if ev.relevant and not ev.blocked and ev.gated:
            missing.extend(c.spec.missing_fact for c in ev.gated)
    excluded = [
        _excluded(ev, _article(source, ev.entry.article))
        for ev in evaluations
        if ev.relevant and ev.blocked and _informative(ev)
    ]
    return MatchResult(matches=[match for match, _ in built], missing=list(dict.fromkeys(missing)), excluded=excluded)


def evaluate_article(
    profile: EnterpriseProfile,
    number: int,
    knowledge: Knowledge | None = None,
    articles: Mapping[int, Article] | None = None,
    *,
    eligibility: Eligibility | None = None,
    this_year: int | None = None,
) -> Match:
    """Judge one article for the profile whatever the outcome, conditions not met included.

    Use it to explain why an article is absent from :func:`match_profile`'s result
    (「为什么第三条不适用？」): a condition not met shows as ``status="not_met"`` with its reason.

    Args:
        profile: The profile (enriched from its free text first).
        number: The article, 1–32.
        knowledge: The loaded knowledge base.
        articles: Parsed articles by number; used instead of ``knowledge`` when given.
        eligibility: The eligibility table; defaults to the shipped one.
        this_year: The year 「今年」 means; defaults to the current year.

    Returns:
        The article's evaluation; for a rule with an amount, ``award`` shows the calculator's
        verdict even when a condition is not met (e.g. 0元 and why).

    Raises:
        MatchingError: No article source, or the article is absent from it.
        KeyError: ``number`` has no eligibility entry.
    """
    source = _resolve_articles(knowledge, articles)
    table = eligibility or default_eligibility()
    enriched = enrich_profile(profile, this_year=this_year)
    evaluation = evaluate(enriched, table.article(number), table)
    match, _ = _build_match(evaluation, enriched, _article(source, number), table)
    return match
