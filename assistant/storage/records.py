"""Plain data the store hands back: a session's history and its messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from assistant.schemas import Answer
from assistant.session import SessionState

Role = Literal["user", "assistant"]


@dataclass(frozen=True)
class StoredMessage:
    """One message of a session, oldest first; assistant messages carry their full answer."""

    id: int
    role: Role
    content: str
    created_at: dt.datetime
    answer: Answer | None = None


@dataclass(frozen=True)
class SessionHistory:
    """A session's state and transcript."""

    session_id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    state: SessionState
    messages: list[StoredMessage] = field(default_factory=list)


@dataclass(frozen=True)
class SavedExchange:
    """The ids of the two messages one ``save`` wrote."""

    session_id: str
    user_message_id: int
    answer_message_id: int
