"""What a batch adds up to: rows per enterprise × article, a visit plan, totals per article and district.

Pure functions over a :class:`~assistant.outreach.batch.BatchResult`; the workbook and the report
lay out the same figures. Every amount is the calculator's estimate (``award_yuan``); an amount the
text sets only as a ceiling (最高…) is counted at its ceiling and marked so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from assistant.consultation.matching import Match
from assistant.outreach.batch import BatchResult, EnterpriseOutcome

__all__ = [
    "ArticleTotal",
    "DistrictTotal",
    "MatchLine",
    "VisitItem",
    "article_totals",
    "district_totals",
    "estimate_yuan",
    "match_lines",
    "pending_facts",
    "visit_plan",
]

UNKNOWN_DISTRICT = "（未填所在区）"


def estimate_yuan(match: Match) -> float:
    """The calculator's estimate for one match, 0 when it gives no amount."""
    award = match.award or {}
    value = award.get("award_yuan")
    return float(value) if isinstance(value, int | float) and value > 0 else 0.0


def pending_facts(match: Match) -> list[str]:
    """What the match still waits on: its conditions to confirm and the facts its estimate needs."""
    award = match.award or {}
    return [c.label for c in match.conditions if c.status == "unknown"] + list(award.get("missing") or [])


@dataclass(frozen=True)
class MatchLine:
    """One enterprise × matched article."""

    outcome: EnterpriseOutcome
    match: Match
    met: list[str]
    not_met: list[str]
    unknown: list[str]
    estimate: float
    ceiling: bool


def match_lines(result: BatchResult) -> list[MatchLine]:
    """Every matched article of every enterprise, in list order then best match first."""
    lines: list[MatchLine] = []
    for outcome in result.outcomes:
        for match in outcome.result.matches:
            by = defaultdict(list)
            for condition in match.conditions:
                by[condition.status].append(condition.label)
            lines.append(
                MatchLine(
                    outcome=outcome,
                    match=match,
                    met=by["met"],
                    not_met=by["not_met"],
                    unknown=by["unknown"],
                    estimate=estimate_yuan(match),
                    ceiling=bool((match.award or {}).get("is_ceiling")),
                )
            )
    return lines


@dataclass(frozen=True)
class VisitItem:
    """What a visit to one enterprise can unlock."""

    rank: int
    outcome: EnterpriseOutcome
    estimate: float
    articles: int
    one_fact_away: int
    ask_first: list[str]


def visit_plan(result: BatchResult) -> list[VisitItem]:
    """Enterprises ranked by the estimated support, then articles waiting on one fact, then articles matched."""
    scored = []
    for outcome in result.outcomes:
        matches = outcome.result.matches
        if not matches:
            continue
        estimate = sum(estimate_yuan(m) for m in matches)
        one_fact = sum(1 for m in matches if len(pending_facts(m)) == 1)
        scored.append((estimate, one_fact, len(matches), outcome))
    scored.sort(key=lambda item: (-item[0], -item[1], -item[2], item[3].row))
    return [
        VisitItem(
            rank=rank,
            outcome=outcome,
            estimate=estimate,
            articles=articles,
            one_fact_away=one_fact,
            ask_first=outcome.result.missing[:3],
        )
        for rank, (estimate, one_fact, articles, outcome) in enumerate(scored, start=1)
    ]


@dataclass(frozen=True)
class ArticleTotal:
    """One article across the list."""

    article: int
    label: str
    title: str
    enterprises: int
    estimate: float
    units: list[str]


def article_totals(result: BatchResult) -> list[ArticleTotal]:
    """Per article: how many enterprises it matched and the estimated support, most enterprises first."""
    counts: dict[int, int] = defaultdict(int)
    totals: dict[int, float] = defaultdict(float)
    first: dict[int, Match] = {}
    for outcome in result.outcomes:
        for match in outcome.result.matches:
            counts[match.article] += 1
            totals[match.article] += estimate_yuan(match)
            first.setdefault(match.article, match)
    order = sorted(counts, key=lambda n: (-counts[n], n))
    return [
        ArticleTotal(
            article=n,
            label=first[n].label,
            title=first[n].title,
            enterprises=counts[n],
            estimate=totals[n],
            units=list(first[n].units),
        )
        for n in order
    ]


@dataclass(frozen=True)
class DistrictTotal:
    """One district across the list."""

    district: str
    enterprises: int
    matched: int
    estimate: float


def district_totals(result: BatchResult) -> list[DistrictTotal]:
    """Per district: enterprises listed, those with a match, and the estimated support; largest first."""
    listed: dict[str, int] = defaultdict(int)
    matched: dict[str, int] = defaultdict(int)
    totals: dict[str, float] = defaultdict(float)
    for outcome in result.outcomes:
        district = outcome.profile.district or UNKNOWN_DISTRICT
        listed[district] += 1
        if outcome.result.matches:
            matched[district] += 1
        totals[district] += sum(estimate_yuan(m) for m in outcome.result.matches)
    order = sorted(listed, key=lambda d: (-totals[d], -listed[d], d))
    return [DistrictTotal(district=d, enterprises=listed[d], matched=matched[d], estimate=totals[d]) for d in order]
