"""Scores over (item, answer, ranked articles, seconds) records: pure functions, no I/O.

Every rate is a fraction in [0, 1], or ``None`` when no item of the set qualifies for it (a
per-kind breakdown has many such gaps; ``None`` keeps "no data" apart from "all wrong").

Example:
    >>> from assistant.schemas import Answer, Citation
    >>> from evals.dataset import EvalItem
    >>> item = EvalItem(id="x", question="第三条？", kind="article_lookup", gold_articles=[3])
    >>> answer = Answer(answer="……", citations=[Citation(article=3, quote="……")])
    >>> compute_metrics([ItemResult(item, answer, [3, 5], 0.01)]).citation_hit
    1.0
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel, Field

from assistant.schemas import Answer
from evals.answerability import answerability_matches, answerability_reasons, expecting
from evals.answers import awards, calculator_correct, cited_articles, mentions_value, missing_units, over_stated
from evals.dataset import EvalItem

# Metrics where higher is better and that are fractions, in the order reports show them.
RATE_METRICS: tuple[str, ...] = (
    "pass_rate",
    "hit_at_1",
    "hit_at_3",
    "mrr",
    "citation_hit",
    "citation_all_gold",
    "citation_precision",
    "mention_all_gold",
    "calculator_exact",
    "award_over_rate",
    "numeric_accuracy",
    "unit_accuracy",
    "refusal_accuracy",
    "false_refusal_rate",
    "answerability_accuracy",
    "refusal_not_in_text",
    "refusal_out_of_scope",
)
LATENCY_METRICS: tuple[str, ...] = ("latency_p50_ms", "latency_p95_ms")
ALL_METRICS: tuple[str, ...] = RATE_METRICS + LATENCY_METRICS
LOWER_IS_BETTER: frozenset[str] = frozenset({"false_refusal_rate", "award_over_rate", *LATENCY_METRICS})


@dataclass(frozen=True)
class ItemResult:
    """What one system returned for one item; ``error`` is set when the system failed to answer."""

    item: EvalItem
    answer: Answer
    ranked_articles: list[int]
    seconds: float
    error: str | None = None


@dataclass(frozen=True)
class ItemVerdict:
    """Pass/fail of one item with the reasons it failed (empty when it passed)."""

    item_id: str
    kind: str
    reasons: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """An item passes when nothing went wrong."""
        return not self.reasons


class MetricSet(BaseModel):
    """All metrics over one set of records; ``support`` holds each metric's denominator."""

    items: int
    pass_rate: float | None = None
    hit_at_1: float | None = None
    hit_at_3: float | None = None
    mrr: float | None = None
    citation_hit: float | None = None
    citation_all_gold: float | None = None
    citation_precision: float | None = None
    mention_all_gold: float | None = None
    calculator_exact: float | None = None
    award_over_rate: float | None = None
    numeric_accuracy: float | None = None
    unit_accuracy: float | None = None
    refusal_accuracy: float | None = None
    false_refusal_rate: float | None = None
    answerability_accuracy: float | None = None
    refusal_not_in_text: float | None = None
    refusal_out_of_scope: float | None = None
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    support: dict[str, int] = Field(default_factory=dict)

    def value(self, name: str) -> float | None:
        """A metric by name.

        Raises:
            KeyError: ``name`` is not a metric.
        """
        if name not in ALL_METRICS:
            raise KeyError(name)
        return getattr(self, name)


# --- retrieval and citation scores ---------------------------------------------------------------


def reciprocal_rank(gold: Sequence[int], ranked: Sequence[int]) -> float:
    """1 / rank of the first gold article among the ranked ones, 0 when none is ranked."""
    for position, number in enumerate(ranked, start=1):
        if number in gold:
            return 1.0 / position
    return 0.0


def hit_at(gold: Sequence[int], ranked: Sequence[int], k: int) -> bool:
    """Whether a gold article is among the first ``k`` ranked articles."""
    return any(number in gold for number in ranked[:k])


def citation_precision(gold: Sequence[int], cited: Sequence[int]) -> float:
    """Share of cited articles that are gold; an answer that cites nothing scores 0."""
    if not cited:
        return 0.0
    return sum(1 for n in cited if n in gold) / len(cited)


# --- pass/fail per item ------------------------------------------------------------------------------


def _award_text(values: Sequence[Decimal]) -> str:
    return "、".join(f"{v:,}" for v in values) if values else "无"


def judge(record: ItemResult) -> ItemVerdict:
    """Pass/fail of one record with short Chinese reasons (shown in the failures table)."""
    item, answer = record.item, record.answer
    reasons: list[str] = []
    if record.error:
        reasons.append(f"系统出错：{record.error}")
    reasons += answerability_reasons(item, answer)
    if item.answerable and not answer.refused:
        cited = cited_articles(answer)
        if not any(n in item.gold_articles for n in cited):
            shown = "、".join(map(str, cited)) or "无"
            reasons.append(f"未引用正确条款（引用了 {shown}）")
        else:
            missed = [n for n in item.gold_articles if n not in cited]
            if missed:
                reasons.append("漏引条款 " + "、".join(map(str, missed)))
    if item.expects_award and not calculator_correct(item, answer):
        expected = item.expected.award_yuan
        want = f"{expected:,}" if expected is not None else "无固定金额"
        over = "（高估）" if over_stated(item, answer) else ""
        reasons.append(f"金额不符：期望 {want}，计算器给出 {_award_text(awards(answer))}{over}")
    if item.expected_value and not mentions_value(item.expected_value, answer.answer):
        reasons.append(f"回答中没有数值 {item.expected_value}")
    missing = missing_units(item, answer)
    if missing:
        reasons.append("未提及责任单位 " + "、".join(missing))
    return ItemVerdict(item_id=item.id, kind=item.kind, reasons=reasons)


# --- aggregates ----------------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float | None:
    """The ``p``-th percentile with linear interpolation between order statistics (None if empty).

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    """
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _mean(records: Sequence[ItemResult], score: Callable[[ItemResult], float]) -> tuple[float | None, int]:
    if not records:
        return None, 0
    return sum(score(r) for r in records) / len(records), len(records)


def _all_gold_cited(record: ItemResult) -> float:
    return float(set(record.item.gold_articles) <= set(cited_articles(record.answer)))


def compute_metrics(records: Sequence[ItemResult]) -> MetricSet:
    """Every metric over ``records`` (one system, any subset of items)."""
    answerable = [r for r in records if r.item.answerable]
    answered = [r for r in answerable if not r.answer.refused]
    values: dict[str, float | None] = {}
    support: dict[str, int] = {}

    def put(name: str, subset: Sequence[ItemResult], score: Callable[[ItemResult], float]) -> None:
        values[name], support[name] = _mean(subset, score)

    put("pass_rate", records, lambda r: float(judge(r).passed))
    put("hit_at_1", answerable, lambda r: float(hit_at(r.item.gold_articles, r.ranked_articles, 1)))
    put("hit_at_3", answerable, lambda r: float(hit_at(r.item.gold_articles, r.ranked_articles, 3)))
    put("mrr", answerable, lambda r: reciprocal_rank(r.item.gold_articles, r.ranked_articles))
    put(
        "citation_hit",
        answered,
        lambda r: float(any(n in r.item.gold_articles for n in cited_articles(r.answer))),
    )
    put("citation_all_gold", answered, _all_gold_cited)
    put("citation_precision", answered, lambda r: citation_precision(r.item.gold_articles, cited_articles(r.answer)))
    put("mention_all_gold", [r for r in answered if r.item.kind == "mention"], _all_gold_cited)
    put(
        "calculator_exact",
        [r for r in records if r.item.expects_award],
        lambda r: float(calculator_correct(r.item, r.answer)),
    )
    put("award_over_rate", [r for r in records if r.item.expects_award], lambda r: float(over_stated(r.item, r.answer)))
    put(
        "numeric_accuracy",
        [r for r in records if r.item.expected_value],
        lambda r: float(mentions_value(r.item.expected_value or "", r.answer.answer)),
    )
    put(
        "unit_accuracy",
        [r for r in records if r.item.gold_units],
        lambda r: float(not missing_units(r.item, r.answer)),
    )
    put("refusal_accuracy", [r for r in records if r.item.must_refuse], lambda r: float(r.answer.refused))
    put("false_refusal_rate", [r for r in records if not r.item.must_refuse], lambda r: float(r.answer.refused))
    put("answerability_accuracy", records, lambda r: float(answerability_matches(r)))
    not_in_text, out_of_scope = expecting(records, "not_in_text"), expecting(records, "out_of_scope")
    put("refusal_not_in_text", not_in_text, lambda r: float(r.answer.answerability == "not_in_text"))
    put("refusal_out_of_scope", out_of_scope, lambda r: float(r.answer.answerability == "out_of_scope"))

    # A system error has no meaningful latency; leave it out rather than count a zero.
    timed = [r.seconds * 1000.0 for r in records if r.error is None]
    values["latency_p50_ms"] = percentile(timed, 50)
    values["latency_p95_ms"] = percentile(timed, 95)
    support["latency_p50_ms"] = support["latency_p95_ms"] = len(timed)
    return MetricSet(items=len(records), support=support, **values)


def metrics_by_kind(records: Sequence[ItemResult]) -> dict[str, MetricSet]:
    """``compute_metrics`` for each kind present, in order of first appearance."""
    kinds = list(dict.fromkeys(r.item.kind for r in records))
    return {kind: compute_metrics([r for r in records if r.item.kind == kind]) for kind in kinds}
