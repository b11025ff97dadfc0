"""What one more deal adds to an estimate: 「这笔能让奖励多出多少」.

The answer is the estimate with the deal minus the estimate without it, so the yearly cap
decides (a deal that pushes the year past 500万 adds only what is left under the cap). A deal still
to arrive (「下个月还有600万要到账」) is not in the estimate; what it would add is computed as if
it arrived, in its own year when told and otherwise in the latest year of the other deals (the
shared cap gives the smaller, never over-stated, figure), and the answer says it is conditional.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.awards.engine import AwardEngine
from assistant.awards.result import AwardResult
from assistant.schemas import ToolCall
from assistant.understand.model import Facts, Reading
from assistant.understand.yuan import format_yuan

__all__ = ["Increment", "increment_of"]

TOOL = "award_increment"
# The facts about the investee that a tranche told without them shares with the deal before it.
_INVESTEE = ("investee_place", "investee_place_text", "in_guangzhou", "stage", "stage_word", "tech_sme", "tech_word")


@dataclass(frozen=True)
class Increment:
    """The deals asked about, the estimate without them, and the difference."""

    deals: list[int]
    before_yuan: int | float
    added: Decimal
    pending: bool = False
    pending_year: int | None = None
    borrowed: bool = False

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
        if self.pending:
            when = f"若在{self.pending_year}年内到账" if self.pending_year else "到账后"
            if self.borrowed:
                when = f"若这笔投的是同一家企业、{when.removeprefix('若')}"
            return (
                f"这笔投资尚未实际到账，不计入当前预估{format_yuan(Decimal(str(total.award_yuan)))}；"
                f"{when}，预计使奖励增加{format_yuan(self.added)}（预估，以实际到账和责任单位审核为准）。"
            )
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
    waiting = [i for i in facts.investments if i.id in asked and i.status in ("pending", "signed")]
    if waiting and len(waiting) == len(asked):
        return _if_received(engine, rule_id, facts, sorted(asked), rest, total)
    before = engine.evaluate(rule_id, facts.model_copy(update={"investments": rest}))
    if before.award_yuan is None:
        return None
    added = Decimal(str(total.award_yuan)) - Decimal(str(before.award_yuan))
    return Increment(sorted(asked), before.award_yuan, added)


def _if_received(
    engine: AwardEngine, rule_id: str, facts: Facts, asked: list[int], rest: list, total: AwardResult
) -> Increment | None:
    """What deals still to arrive would add once received (the estimate itself leaves them out)."""
    years = [i.year for i in rest if i.year is not None]
    latest = max(years) if years else None
    # A tranche told without its investee (「还有一笔600万要到账」) is taken as the same company's,
    # and the answer says so.
    told = rest[-1] if rest else None
    borrowed = False
    arrived = []
    for deal in facts.investments:
        if deal.id not in asked:
            arrived.append(deal)
            continue
        update: dict = {"status": "received", "year": deal.year or latest}
        if told is not None and deal.investee_place is None and deal.in_guangzhou is None and deal.stage is None:
            borrowed = True
            update |= {k: getattr(told, k) for k in _INVESTEE}
        arrived.append(deal.model_copy(update=update))
    after = engine.evaluate(rule_id, facts.model_copy(update={"investments": arrived}))
    if after.award_yuan is None:
        return None
    added = Decimal(str(after.award_yuan)) - Decimal(str(total.award_yuan))
    year = next((i.year for i in arrived if i.id in asked), None)
    return Increment(asked, total.award_yuan, added, pending=True, pending_year=year, borrowed=borrowed)
