"""What one more deal adds to an estimate: 「这笔能让奖励多出多少」.

The answer is the estimate with the deal minus the estimate without it, so the yearly cap
decides (a deal that pushes the year past 500万 adds only what is left under the cap).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.awards.engine import AwardEngine
from assistant.awards.result import AwardResult
from assistant.schemas import ToolCall
from assistant.understand.amounts import format_yuan
from assistant.understand.model import Facts, Reading

__all__ = ["Increment", "increment_of"]

TOOL = "award_increment"


@dataclass(frozen=True)
class Increment:
    """The deals asked about, the estimate without them, and the difference."""

    deals: list[int]
    before_yuan: int | float
    added: Decimal

    def call(self, total: AwardResult) -> ToolCall:
        """The tool call the answer carries; its ``award_yuan`` is the amount the deal adds."""
        added = int(self.added) if self.added == self.added.to_integral_value() else float(self.added)
        return ToolCall(
            name=TOOL,
            args={"investments": self.deals},
            result={"award_yuan": added, "total_yuan": total.award_yuan, "before_yuan": self.before_yuan},
        )

    def line(self, total: AwardResult) -> str:
        """One sentence: without the deal, with it, and what it adds."""
        return (
            f"不算这笔时预估{format_yuan(Decimal(str(self.before_yuan)))}，"
            f"算上这笔预估{format_yuan(Decimal(str(total.award_yuan)))}："
            f"这笔投资使奖励增加{format_yuan(self.added)}（预估，以责任单位审核为准）。"
        )


def increment_of(
    engine: AwardEngine, rule_id: str, facts: Facts, reading: Reading, total: AwardResult
) -> Increment | None:
    """The increment of the deals this message told (the last one when it told every deal).

    None when there is nothing to compare: one deal only, or an estimate that needs a question first.
    """
    if len(facts.investments) < 2 or total.award_yuan is None:
        return None
    told = {i.id for i in reading.facts.investments}
    asked = {i.id for i in facts.investments if i.id in told}
    if not asked or len(asked) == len(facts.investments):
        asked = {facts.investments[-1].id}
    rest = [i for i in facts.investments if i.id not in asked]
    before = engine.evaluate(rule_id, facts.model_copy(update={"investments": rest}))
    if before.award_yuan is None:
        return None
    added = Decimal(str(total.award_yuan)) - Decimal(str(before.award_yuan))
    return Increment(sorted(asked), before.award_yuan, added)
