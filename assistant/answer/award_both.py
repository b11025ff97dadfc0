"""Several supports told in one conversation (an investment and a guarantee institution's capital): each estimated.

「下面有两块业务…这两块分别能拿多少？加起来一共多少？」: a rule per support whose facts are known,
each with its own answer, then their sum. Asked without such words, only the support asked is estimated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from assistant.awards.engine import AwardEngine
from assistant.awards.result import AwardResult
from assistant.schemas import ToolCall
from assistant.understand.model import Facts
from assistant.understand.text import find_words
from assistant.understand.yuan import format_yuan
from corpus.lexicon import Lexicon
from corpus.records import Article

__all__ = ["SUM_TOOL", "Estimates", "every_rule_told"]

SUM_TOOL = "sum_estimates"
_ORDINALS = "一二三四五六七八九"


def _told(subject: str, facts: Facts) -> bool:
    """Whether the facts hold what a rule of this subject reads."""
    if subject == "investment":
        return bool(facts.investments)
    return bool(facts.contributions or facts.guarantor.no_district_money)


def every_rule_told(engine: AwardEngine, facts: Facts, text: str, lexicon: Lexicon) -> list[str]:
    """The rules to estimate together: two or more told, and the question asking for them all.

    Empty when only one support's facts are known, or the question does not ask for several
    (「担保那块能补多少」「今年一共能拿多少」).
    """
    told = [r.id for r in engine.rules.rules if _told(r.subject, facts)]
    # Only a question that asks for several (「这两块分别…加起来」): a sum shown beside a question about
    # one support would be a figure above what was asked.
    if len(told) < 2 or not find_words(text, lexicon.markers.several_awards):
        return []
    return told


@dataclass(frozen=True)
class Estimates:
    """Each rule's result with its article and tool call, and their sum."""

    results: list[tuple[Article, AwardResult, ToolCall]]

    @property
    def complete(self) -> bool:
        """Whether every estimate has its figure (else the first question is asked alone)."""
        return all(r.award_yuan is not None for _, r, _ in self.results)

    def total(self) -> Decimal:
        """The estimates added up."""
        return sum((Decimal(str(r.award_yuan)) for _, r, _ in self.results), Decimal(0))

    def text(self, award_text: Callable[[Article, AwardResult], str]) -> str:
        """「分别测算如下：（一）…（二）…合计：A + B = C」."""
        parts = [f"（{_ORDINALS[n]}）{award_text(a, r)}" for n, (a, r, _) in enumerate(self.results)]
        figures = [format_yuan(Decimal(str(r.award_yuan))) for _, r, _ in self.results]
        ceiling = any(r.is_ceiling for _, r, _ in self.results)
        label = "最多合计" if ceiling else "合计"
        total = format_yuan(self.total())
        return (
            "您说了几项支持，分别测算如下：\n"
            + "\n".join(parts)
            + f"\n{label}：{' + '.join(figures)} = {total}（预估，以各责任单位审核为准）。"
        )

    def calls(self) -> list[ToolCall]:
        """Each rule's tool call, then the sum."""
        calls = [call for _, _, call in self.results]
        summed = ToolCall(
            name=SUM_TOOL,
            args={"rules": [r.rule for _, r, _ in self.results]},
            result={"award_yuan": int(total) if (total := self.total()) == int(total) else float(total)},
        )
        return [*calls, summed]
