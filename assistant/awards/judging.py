"""One condition of a rule judged against one party or item: met, not met, unknown or unclear."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from assistant.awards.facts import FACT_READERS, UNCLEAR, template_values
from corpus.awards import ConditionRule
from corpus.gazetteer import Gazetteer

__all__ = ["Judged", "Status", "judge"]

Status = Literal["met", "not_met", "unknown", "unclear"]


@dataclass(frozen=True)
class Judged:
    """A condition's verdict and the reason shown for it."""

    condition: ConditionRule
    status: Status
    reason: str

    @property
    def blocks(self) -> bool:
        """Whether this condition stops a figure until the user answers."""
        return self.status == "unclear" or (self.status == "unknown" and self.condition.if_unknown == "ask")


def judge(condition: ConditionRule, item: Any, gazetteer: Gazetteer) -> Judged:
    """The condition's verdict on ``item``, with the reason its template gives."""
    value = FACT_READERS[condition.fact](item, gazetteer)
    values = template_values(item, gazetteer)
    if value is UNCLEAR:
        return Judged(condition, "unclear", (condition.unclear or condition.unknown).format_map(values))
    if value is None:
        return Judged(condition, "unknown", condition.unknown.format_map(values))
    if isinstance(value, tuple):
        inside = [v in condition.value for v in value]  # type: ignore[operator]
        if any(inside) and not all(inside):
            return Judged(
                condition, "unclear", condition.unclear.format_map(values) if condition.unclear else condition.unknown
            )
        met = all(inside)
    else:
        met = value == condition.value if condition.op == "eq" else value in condition.value  # type: ignore[operator]
    template = condition.met if met else condition.not_met
    return Judged(condition, "met" if met else "not_met", template.format_map(values))
