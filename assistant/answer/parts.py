"""A question that asks several things, answered part by part in one reply."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.schemas import Answer, Citation, ToolCall

__all__ = ["combine"]

_NUMBERS = "①②③④⑤⑥⑦⑧⑨"


def combine(answers: Sequence[Answer]) -> Answer:
    """One answer: each part under its question, citations and tool calls of all, the best outcome of any."""
    # 「澳门算不算大湾区？能拿多少？」 after an estimate: both parts give the same estimate; say it once.
    answers = [a for i, a in enumerate(answers) if all(a.answer != b.answer for b in answers[:i])]
    if len(answers) == 1:
        return answers[0]
    # The parts are numbered, not restated: a restated question could carry the user's own figures.
    blocks = [f"{_NUMBERS[i % len(_NUMBERS)]} {a.answer}" for i, a in enumerate(answers)]
    citations: list[Citation] = []
    for answer in answers:
        for citation in answer.citations:
            if all(
                (c.article, c.document, c.quote) != (citation.article, citation.document, citation.quote)
                for c in citations
            ):
                citations.append(citation)
    tools: list[ToolCall] = [t for a in answers for t in a.tool_calls]
    outcomes = {a.answerability for a in answers}
    answerability = next(o for o in ("answered", "not_in_text", "out_of_scope") if o in outcomes)
    answered = [a for a in answers if a.answerability == "answered"]
    intent = answered[0].intent if answered else answers[0].intent
    follow_up = next((a.follow_up for a in answers if a.follow_up), None)
    return Answer(
        answer="\n".join(blocks),
        citations=citations,
        tool_calls=tools,
        refused=answerability != "answered",
        answerability=answerability,  # type: ignore[arg-type]
        intent=intent,
        follow_up=follow_up,
    )
