"""The outcome of an evaluation run: every system's records, metrics and per-item verdicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from evals.answerability import confusion_json
from evals.metrics import ItemResult, ItemVerdict, MetricSet, compute_metrics, judge, metrics_by_kind


@dataclass(frozen=True)
class SystemRun:
    """One system over the whole item set."""

    name: str
    records: list[ItemResult]
    overall: MetricSet
    by_kind: dict[str, MetricSet]
    verdicts: list[ItemVerdict]

    @classmethod
    def from_records(cls, name: str, records: list[ItemResult]) -> SystemRun:
        """Score ``records`` once, so reports and threshold checks read the same numbers."""
        return cls(
            name=name,
            records=records,
            overall=compute_metrics(records),
            by_kind=metrics_by_kind(records),
            verdicts=[judge(r) for r in records],
        )

    def latencies_ms(self) -> list[float]:
        """Each answered record's time in milliseconds (system errors have no meaningful latency)."""
        return [r.seconds * 1000.0 for r in self.records if r.error is None]

    def failures(self) -> list[tuple[ItemResult, ItemVerdict]]:
        """The records that failed, with their verdicts, in item order."""
        return [(r, v) for r, v in zip(self.records, self.verdicts, strict=True) if not v.passed]

    def to_json(self) -> dict[str, Any]:
        """Metrics (overall and per kind) and the ids of failed items, for ``metrics.json``."""
        return {
            "name": self.name,
            "overall": self.overall.model_dump(mode="json"),
            "by_kind": {kind: m.model_dump(mode="json") for kind, m in self.by_kind.items()},
            "answerability_confusion": confusion_json(self.records),
            "failed": [{"id": v.item_id, "kind": v.kind, "reasons": v.reasons} for v in self.verdicts if not v.passed],
        }


@dataclass(frozen=True)
class EvalRun:
    """All systems over one item set; the first system is ours."""

    dataset: str
    systems: list[SystemRun]
    started_at: str = field(default_factory=lambda: dt.datetime.now().astimezone().isoformat(timespec="seconds"))

    @property
    def ours(self) -> SystemRun:
        """The system under test (always first)."""
        return self.systems[0]

    def to_json(self) -> dict[str, Any]:
        """The whole run as plain JSON data."""
        return {
            "dataset": self.dataset,
            "started_at": self.started_at,
            "items": self.ours.overall.items if self.systems else 0,
            "systems": [s.to_json() for s in self.systems],
        }
