"""Conversation state: what a session remembers between turns, and where it is kept.

The assistant asks a ``SessionStore``; the in-memory store serves tests and the CLI, and the
service plugs in a database-backed one with the same two methods.
"""

from __future__ import annotations

import threading
import uuid
from typing import Protocol

from pydantic import BaseModel, Field

from assistant.schemas import Answer
from assistant.understand.model import Facts, Question


class SessionState(BaseModel):
    """What a session carries from one turn to the next."""

    facts: Facts = Field(default_factory=Facts)
    last_articles: list[int] = Field(default_factory=list, description="上一轮回答所依据的条款")
    pending: Question | None = Field(None, description="上一轮为测算追问的事实；用户的简短回答填入它")
    last_rule: str | None = Field(None, description="上一轮测算（或追问）所用的规则；更正事实时据此重算")
    statements: list[str] = Field(default_factory=list, description="用户对自身情况的陈述（用于企业画像）")
    turns: int = 0


class SessionStore(Protocol):
    """Where session state and the transcript live."""

    def load(self, session_id: str) -> SessionState | None:
        """The state of a session, or None when it does not exist."""
        ...

    def save(self, session_id: str, state: SessionState, message: str, answer: Answer) -> None:
        """Persist the new state and the exchange that produced it."""
        ...


def new_session_id() -> str:
    """A fresh, unguessable session id."""
    return uuid.uuid4().hex


class MemorySessionStore:
    """Sessions in a dict: for tests, the CLI and single-process use."""

    def __init__(self) -> None:
        self._states: dict[str, SessionState] = {}
        self._transcripts: dict[str, list[tuple[str, Answer]]] = {}
        self._lock = threading.Lock()

    def load(self, session_id: str) -> SessionState | None:
        """A copy of the stored state, so callers cannot mutate it in place."""
        with self._lock:
            state = self._states.get(session_id)
            return state.model_copy(deep=True) if state else None

    def save(self, session_id: str, state: SessionState, message: str, answer: Answer) -> None:
        """Keep the state and append the exchange."""
        with self._lock:
            self._states[session_id] = state.model_copy(deep=True)
            self._transcripts.setdefault(session_id, []).append((message, answer))

    def transcript(self, session_id: str) -> list[tuple[str, Answer]]:
        """The exchanges of a session, oldest first."""
        with self._lock:
            return list(self._transcripts.get(session_id, []))
