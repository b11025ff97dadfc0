"""Grid cases through the whole assistant (retrieval, routing, answer), on the built index."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from assistant.service import PolicyAssistant, build_assistant
from assistant.settings import Settings
from evals.grid.cases import GridCase

__all__ = ["assistant_award"]


@cache
def _assistant() -> PolicyAssistant:
    return build_assistant(Settings())


def assistant_award(case: GridCase, assistant: PolicyAssistant | None = None) -> Decimal | None:
    """The figure the assistant's last answer gives (None when it asks or gives none)."""
    bot = assistant or _assistant()
    session = None
    answer = None
    for message in case.messages:
        reply = bot.chat(message, session)
        session, answer = reply.session_id, reply.answer
    assert answer is not None
    values = [c.result.get("award_yuan") for c in answer.tool_calls if c.result.get("award_yuan") is not None]
    return Decimal(str(values[-1])) if values else None
