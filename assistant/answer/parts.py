"""A question that asks several things, answered part by part in one reply."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.schemas import Answer, Citation, ToolCall

__all__ = ["combine"]

_NUMBERS = "①②③④⑤⑥⑦⑧⑨"


def _outcome(outcomes: list[str]) -> str:
    """The message's outcome: answered when its first part (the main question) is; else what most parts got.

    「学费多少？在哪报名？读几年？」 asks details the text does not give, even when a loose reading of
    one part finds something; 「第三条和第十一条各找哪个部门」 is answered in every part.
    """
    if outcomes and outcomes[0] == "answered":
        return "answered"  # 「能不能享受个税优惠？…去哪个窗口申请？」: the main question is answered, the rest said
    answered = outcomes.count("answered")
    declined = len(outcomes) - answered
    if answered != declined:
        return "answered" if answered > declined else _declined(outcomes)
    return outcomes[0]


def _declined(outcomes: list[str]) -> str:
    """Declined parts: not in the text when any part is about the text, else out of scope."""
    return "not_in_text" if "not_in_text" in outcomes else "out_of_scope"


def combine(answers: Sequence[Answer]) -> Answer:
    """One answer: each part under its question, citations and tool calls of all, the outcome of most."""
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
    answerability = _outcome([a.answerability for a in answers])
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
