"""What an answer leaves open: a line on what the text does not give, and the session's memory of it.

A next question that leans on this turn (「那截止时间呢？」) reads what was left unanswered.
"""

from __future__ import annotations

from assistant.answer import declines
from assistant.schemas import Answer
from assistant.session import SessionState
from assistant.understand.focus import Focus

__all__ = ["noted", "remember_unanswered"]


def remember_unanswered(state: SessionState, focus: Focus, answer: Answer) -> None:
    """What the text did not give this turn, for a next question that leans on it."""
    unanswered = answer.answerability == "not_in_text"
    state.last_unanswered = [a.name for a in focus.attributes] if unanswered else []


def noted(answer: Answer, missing: tuple) -> Answer:
    """The answer, with a line on what the text leaves open of what was asked."""
    if not missing:
        return answer
    return answer.model_copy(update={"answer": answer.answer + "\n" + declines.missing_note(missing)})
