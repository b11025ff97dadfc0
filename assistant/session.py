"""Conversation state: what a session remembers between turns, and where it is kept.

The assistant asks a ``SessionStore``; the in-memory store serves tests and the CLI, and the
service plugs in a database-backed one with the same methods.

Turns of one session never overwrite each other: each stored state has a version, a turn saves
only over the version it was answered from (compare-and-set), and a turn that lost the race is
answered again over the newer state. Within one process, :class:`SessionLocks` queues the turns
of a session, so the compare-and-set only ever fails across processes or replicas.

A turn may carry a request id (a client's ``Idempotency-Key``, or the proxy's ``X-Request-ID``).
When the proxy retries a turn on another replica after the first one stored it (the replica died
before it replied), the stored answer is given again instead of answering, and storing, twice.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from pydantic import BaseModel, Field

from assistant.schemas import Answer
from assistant.understand.model import Facts, Question

# The version of a session that has not been saved yet.
NEW_SESSION = 0


class SessionState(BaseModel):
    """What a session carries from one turn to the next."""

    facts: Facts = Field(default_factory=Facts)
    last_articles: list[int] = Field(default_factory=list, description="上一轮回答所依据的条款")
    pending: Question | None = Field(None, description="上一轮为测算追问的事实；用户的简短回答填入它")
    last_rule: str | None = Field(None, description="上一轮测算（或追问）所用的规则；更正事实时据此重算")
    statements: list[str] = Field(default_factory=list, description="用户对自身情况的陈述（用于企业画像）")
    # 「工信发展基金呢」 after a question the text could not answer asks the same of another subject.
    last_unanswered: list[str] = Field(default_factory=list, description="上一轮原文未规定的所问事项")
    turns: int = 0


class SessionConflictError(Exception):
    """Another turn of the session was saved after this one loaded it (answer it again)."""


class SessionStore(Protocol):
    """Where session state and the transcript live."""

    def load(self, session_id: str) -> SessionState | None:
        """The state of a session, or None when it does not exist."""
        ...

    def load_versioned(self, session_id: str) -> tuple[SessionState | None, int]:
        """The state and its version; ``(None, NEW_SESSION)`` when the session does not exist."""
        ...

    def save(
        self,
        session_id: str,
        state: SessionState,
        message: str,
        answer: Answer,
        *,
        version: int | None = None,
        request_id: str | None = None,
    ) -> None:
        """Persist the new state and the exchange that produced it.

        Args:
            session_id: The session.
            state: The state after the turn.
            message: The user's message.
            answer: The answer given.
            version: The version the turn was answered from: the save happens only if the stored
                version is still that one. None saves unconditionally.
            request_id: The request that asked it, so a retry of the same request finds the answer.

        Raises:
            SessionConflictError: The stored version is another one.
        """
        ...

    def replay(self, session_id: str, request_id: str, message: str) -> Answer | None:
        """The answer stored for ``message`` under ``request_id`` in the session, or None."""
        ...


def new_session_id() -> str:
    """A fresh, random, unguessable session id (256 bits from ``secrets``, URL-safe, 43 characters).

    Holding the id is what lets a client continue a conversation or read its transcript, so it
    must not be derivable from anything else the client or others know.
    """
    return secrets.token_urlsafe(32)


class SessionLocks:
    """One lock per session id in this process, kept only while a turn holds or waits for it.

    Example:
        >>> locks = SessionLocks()
        >>> with locks.hold("abc"):
        ...     len(locks)
        1
        >>> len(locks)
        0
    """

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, tuple[threading.Lock, int]] = {}

    def __len__(self) -> int:
        with self._guard:
            return len(self._locks)

    @contextmanager
    def hold(self, session_id: str) -> Iterator[None]:
        """Hold the session's lock for the block (other turns of it wait)."""
        with self._guard:
            lock, holders = self._locks.get(session_id, (threading.Lock(), 0))
            self._locks[session_id] = (lock, holders + 1)
        try:
            with lock:
                yield
        finally:
            with self._guard:
                lock, holders = self._locks[session_id]
                if holders == 1:
                    del self._locks[session_id]
                else:
                    self._locks[session_id] = (lock, holders - 1)


class MemorySessionStore:
    """Sessions in a dict: for tests, the CLI and single-process use."""

    def __init__(self) -> None:
        self._states: dict[str, tuple[SessionState, int]] = {}
        self._transcripts: dict[str, list[tuple[str, Answer]]] = {}
        self._requests: dict[tuple[str, str], tuple[str, Answer]] = {}
        self._lock = threading.Lock()

    def load(self, session_id: str) -> SessionState | None:
        """A copy of the stored state, so callers cannot mutate it in place."""
        return self.load_versioned(session_id)[0]

    def load_versioned(self, session_id: str) -> tuple[SessionState | None, int]:
        """A copy of the stored state and its version."""
        with self._lock:
            stored = self._states.get(session_id)
            if stored is None:
                return None, NEW_SESSION
            return stored[0].model_copy(deep=True), stored[1]

    def save(
        self,
        session_id: str,
        state: SessionState,
        message: str,
        answer: Answer,
        *,
        version: int | None = None,
        request_id: str | None = None,
    ) -> None:
        """Keep the state and append the exchange (only over ``version`` when it is given)."""
        with self._lock:
            current = self._states.get(session_id, (None, NEW_SESSION))[1]
            if version is not None and version != current:
                raise SessionConflictError(f"会话 {session_id} 已有更新的一轮（版本 {current}，本轮基于 {version}）")
            self._states[session_id] = (state.model_copy(deep=True), current + 1)
            self._transcripts.setdefault(session_id, []).append((message, answer))
            if request_id is not None:
                self._requests[(session_id, request_id)] = (message, answer)

    def replay(self, session_id: str, request_id: str, message: str) -> Answer | None:
        """The answer saved for ``message`` under ``request_id`` (another message under it: None)."""
        with self._lock:
            saved = self._requests.get((session_id, request_id))
        return saved[1] if saved is not None and saved[0] == message else None

    def transcript(self, session_id: str) -> list[tuple[str, Answer]]:
        """The exchanges of a session, oldest first."""
        with self._lock:
            return list(self._transcripts.get(session_id, []))
