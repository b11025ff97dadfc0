"""An estimate for each institution the asker is choosing between (「用哪只基金出手能拿到奖励？」).

The investment is the same; only who makes it changes. Each candidate is judged as the asker's
own institution, and the answer gives each one's figure with its reason, so the choice and its
amount are both the engine's, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.answer import compose
from assistant.awards.engine import AwardEngine
from assistant.awards.result import AwardResult
from assistant.schemas import Answer, ToolCall
from assistant.understand.model import SELF, Facts
from corpus.awards import AwardRule
from corpus.records import Article

__all__ = ["for_each_candidate"]


def _as_candidate(facts: Facts, index: int) -> Facts:
    """The facts with the ``index``-th candidate as the asker's institution."""
    candidate = facts.alternatives[index]
    others = [i for i in facts.institutions if i.key != SELF]
    return facts.model_copy(update={"institutions": [candidate, *others], "alternatives": []})


def for_each_candidate(
    engine: AwardEngine,
    rule: AwardRule,
    facts: Facts,
    article: Article,
    args: Callable[[Facts, str], dict[str, object]],
) -> tuple[Answer | None, Facts | None]:
    """The answer with one estimate per candidate, or the candidate facts whose question comes first.

    Returns ``(answer, None)`` when every candidate has a figure; ``(None, facts)`` with the first
    candidate still missing a fact (the question is the same for all: only the institution differs).
    """
    if rule.subject != "investment" or len(facts.alternatives) < 2 or not facts.investments:
        return None, None
    if any(i.institution != SELF for i in facts.investments):
        return None, None
    judged: list[tuple[Facts, AwardResult]] = []
    for index in range(len(facts.alternatives)):
        candidate = _as_candidate(facts, index)
        result = engine.evaluate(rule.id, candidate)
        if result.award_yuan is None:
            return None, candidate
        judged.append((candidate, result))
    lines = [
        f"· 用{candidate.place_text}的机构出手：{result.explanation}"
        for candidate, (_, result) in zip(facts.alternatives, judged, strict=True)
    ]
    text = (
        f"按【{article.label}】，按出手的机构分别测算：\n" + "\n".join(lines) + "\n"
        f"依据原文：{rule.quote}\n{compose.units_line([article])}"
    )
    calls = [
        ToolCall(name=rule.tool, args=args(candidate, rule.subject), result=result.model_dump(mode="json"))
        for candidate, result in judged
    ]
    citations = [compose.citation(article, rule.quote)]
    return Answer(answer=text, citations=citations, tool_calls=calls, intent="award_calculation"), None
