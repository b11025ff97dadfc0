"""A support the text grants without a figure: its quote, and 「原文没有规定具体金额或比例」 when one is asked."""

from __future__ import annotations

from assistant.answer import compose
from assistant.awards.result import AwardResult
from assistant.schemas import Answer, ToolCall
from corpus.records import Article

__all__ = ["UNFIXED_TOOL", "unfixed_answer"]

UNFIXED_TOOL = "lookup_unfixed_support"


def unfixed_answer(asks_figure: bool, rule_id: str, article: Article, quote: str, result: AwardResult) -> Answer:
    """A support the text grants without a figure: asked how much, that is not in the text."""
    call = ToolCall(name=UNFIXED_TOOL, args={"topic": rule_id}, result=result.model_dump(mode="json"))
    citations = [compose.citation(article, quote)]
    if not asks_figure:
        text = (
            f"【{article.label}】（{article.title}）规定：{quote}\n"
            f"原文没有规定具体金额或比例：{result.decided_by}。\n{compose.units_line([article])}"
        )
        return Answer(answer=text, citations=citations, tool_calls=[call], intent="award_calculation")
    contact = "、".join(article.units) or "有关部门"
    text = (
        f"原文【{article.label}】（{article.title}）提到了这项支持，但没有规定具体金额或比例，无法测算："
        f"{result.decided_by}。\n该条原文：{quote}\n具体标准请咨询该条的责任单位：{contact}。"
    )
    return Answer(
        answer=text,
        citations=citations,
        tool_calls=[call],
        intent="award_calculation",
        refused=True,
        answerability="not_in_text",
    )
