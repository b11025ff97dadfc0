"""The database-backed session store, plus feedback and the anonymised query log.

Implements :class:`assistant.session.SessionStore`, so the assistant keeps its sessions here
unchanged. Safe to share across a threadpool: each call opens its own short transaction, and on
SQLite the writes of one process are serialised by a lock instead of SQLite's busy polling
(see :mod:`assistant.storage.base`).

Example:
    >>> from assistant.storage import SqlSessionStore, create_engine_for_url
    >>> store = SqlSessionStore(create_engine_for_url("sqlite://"))
    >>> store.load("nope") is None
    True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import unicodedata
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from assistant.schemas import Answer
from assistant.session import NEW_SESSION, SessionConflictError, SessionState
from assistant.storage.base import SqlStore
from assistant.storage.errors import (
    StorageUnavailableError,
    UnknownFeedbackError,
    UnknownMessageError,
    UnknownSessionError,
)
from assistant.storage.records import SavedExchange, SessionHistory, StoredMessage
from assistant.storage.tables import FeedbackRow, MessageRow, QueryLogRow, SessionRow, utc_now

_UPSERT_DIALECTS: dict[str, Any] = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def question_hash(question: str) -> str:
    """The anonymised key of a question: SHA-256 of its NFKC-normalised, whitespace-collapsed text.

    Args:
        question: The user's question.

    Returns:
        64 hex digits; equal questions (up to width and spacing) share a hash.
    """
    normalised = " ".join(unicodedata.normalize("NFKC", question).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; everything stored is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class SqlSessionStore(SqlStore):
    """Sessions, messages, feedback and the query log in a SQLAlchemy database."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self._local = threading.local()

    # -- the SessionStore protocol ---------------------------------------------------------
    def load(self, session_id: str) -> SessionState | None:
        """The state of a session, or None when it does not exist."""
        return self.load_versioned(session_id)[0]

    def load_versioned(self, session_id: str) -> tuple[SessionState | None, int]:
        """The state of a session and its version; ``(None, NEW_SESSION)`` when it does not exist."""
        with self._reading() as session:
            row = session.execute(
                select(SessionRow.state_json, SessionRow.version).where(SessionRow.id == session_id)
            ).first()
        if row is None:
            return None, NEW_SESSION
        return SessionState.model_validate_json(row.state_json), int(row.version)

    def save(
        self, session_id: str, state: SessionState, message: str, answer: Answer, *, version: int | None = None
    ) -> None:
        """Write the new state, the user's message and the answer in one transaction.

        The session is created when it does not exist yet. With ``version``, the write happens
        only while the stored version is still that one (``NEW_SESSION``: the session must not
        exist yet); the check and the write are one statement, so it holds across processes and
        replicas. The ids of the two messages are kept for the calling thread; see
        :meth:`take_last_exchange`.

        Raises:
            SessionConflictError: Another turn was saved since ``version`` was read.
        """
        now = utc_now()
        with self._writing() as session:
            if version is None:
                self._upsert_state(session, session_id, state, now)
            else:
                self._compare_and_set(session, session_id, state, now, version)
            user = MessageRow(session_id=session_id, role="user", content=message, created_at=now)
            reply = MessageRow(
                session_id=session_id,
                role="assistant",
                content=answer.answer,
                answer_json=answer.model_dump_json(),
                created_at=now,
            )
            session.add_all([user, reply])
            session.flush()
            saved = SavedExchange(session_id=session_id, user_message_id=user.id, answer_message_id=reply.id)
        self._local.saved = saved

    # -- beyond the protocol ---------------------------------------------------------------
    def put_state(self, session_id: str, state: SessionState) -> None:
        """Create or overwrite a session's state without recording an exchange (session forks)."""
        with self._writing() as session:
            self._upsert_state(session, session_id, state, utc_now())

    def take_last_exchange(self) -> SavedExchange | None:
        """The ids written by this thread's latest ``save``, cleared once read."""
        saved: SavedExchange | None = getattr(self._local, "saved", None)
        self._local.saved = None
        return saved

    def exists(self, session_id: str) -> bool:
        """Whether the session exists."""
        with self._reading() as session:
            return session.get(SessionRow, session_id) is not None

    def history(self, session_id: str) -> SessionHistory | None:
        """The session's state and messages (oldest first), or None when it does not exist."""
        with self._reading() as session:
            row = session.get(SessionRow, session_id)
            if row is None:
                return None
            rows = session.scalars(
                select(MessageRow).where(MessageRow.session_id == session_id).order_by(MessageRow.id)
            ).all()
            messages = [
                StoredMessage(
                    id=m.id,
                    role="assistant" if m.role == "assistant" else "user",
                    content=m.content,
                    created_at=_aware(m.created_at),
                    answer=Answer.model_validate_json(m.answer_json) if m.answer_json else None,
                )
                for m in rows
            ]
            return SessionHistory(
                session_id=row.id,
                created_at=_aware(row.created_at),
                updated_at=_aware(row.updated_at),
                state=SessionState.model_validate_json(row.state_json),
                messages=messages,
            )

    def add_feedback(
        self, session_id: str, rating: int, comment: str | None = None, message_id: int | None = None
    ) -> int:
        """Record a rating of a session or of one of its messages.

        Args:
            session_id: The session rated.
            rating: +1 (helpful) or -1 (not helpful).
            comment: Optional free text.
            message_id: Optional id of the rated message; it must belong to the session.

        Returns:
            The id of the feedback row.

        Raises:
            ValueError: ``rating`` is neither 1 nor -1.
            UnknownSessionError: The session does not exist.
            UnknownMessageError: The message does not exist in that session.
        """
        if rating not in (1, -1):
            raise ValueError(f"评分只能是 1 或 -1，收到：{rating}")
        with self._writing() as session:
            if session.get(SessionRow, session_id) is None:
                raise UnknownSessionError(f"会话不存在：{session_id}")
            if message_id is not None:
                message = session.get(MessageRow, message_id)
                if message is None or message.session_id != session_id:
                    raise UnknownMessageError(f"会话 {session_id} 中没有编号为 {message_id} 的消息")
            row = FeedbackRow(session_id=session_id, message_id=message_id, rating=rating, comment=comment)
            session.add(row)
            session.flush()
            return row.id

    def comment_feedback(self, feedback_id: int, comment: str | None) -> None:
        """Set the comment of a rating already given (the page asks for it after the 👍/👎).

        Args:
            feedback_id: The id :meth:`add_feedback` returned.
            comment: The free text; None or blank removes it.

        Raises:
            UnknownFeedbackError: No feedback has that id.
        """
        with self._writing() as session:
            row = session.get(FeedbackRow, feedback_id)
            if row is None:
                raise UnknownFeedbackError(f"没有编号为 {feedback_id} 的评价")
            row.comment = (comment or "").strip() or None

    def withdraw_feedback(self, feedback_id: int) -> None:
        """Delete a rating the user took back (clicked the same thumb again); unknown ids are ignored."""
        with self._writing() as session:
            row = session.get(FeedbackRow, feedback_id)
            if row is not None:
                session.delete(row)

    def log_query(
        self,
        question: str,
        *,
        intent: str,
        refused: bool,
        latency_ms: float,
        cited_articles: Sequence[int] = (),
    ) -> int:
        """Log one answered question without its text (only :func:`question_hash`).

        Args:
            question: The question; only its hash is stored.
            intent: The answer's intent, e.g. ``"award_calculation"``.
            refused: Whether the assistant declined.
            latency_ms: Time to answer, in milliseconds.
            cited_articles: The article numbers the answer cited.

        Returns:
            The id of the log row.
        """
        row = QueryLogRow(
            question_hash=question_hash(question),
            intent=intent,
            refused=refused,
            latency_ms=round(float(latency_ms), 3),
            cited_articles=[int(n) for n in cited_articles],
        )
        with self._writing() as session:
            session.add(row)
            session.flush()
            return row.id

    def count_queries(self) -> int:
        """How many questions the log holds."""
        with self._reading() as session:
            return int(session.scalar(select(func.count()).select_from(QueryLogRow)) or 0)

    def ping(self) -> bool:
        """Whether the database answers a trivial query."""
        try:
            with self._reading() as session:
                session.execute(text("SELECT 1"))
        except StorageUnavailableError:
            return False
        return True

    # -- internals -------------------------------------------------------------------------
    def _compare_and_set(
        self, session: Session, session_id: str, state: SessionState, now: dt.datetime, version: int
    ) -> None:
        state_json = state.model_dump_json()
        if version == NEW_SESSION:
            insert = _UPSERT_DIALECTS.get(self.engine.dialect.name)
            if insert is not None:
                stmt = insert(SessionRow).values(
                    id=session_id, created_at=now, updated_at=now, state_json=state_json, version=1
                )
                # RETURNING, not rowcount: psycopg reports -1 for an insert SQLAlchemy gives a RETURNING of its own.
                created = stmt.on_conflict_do_nothing(index_elements=[SessionRow.id]).returning(SessionRow.id)
                written = 1 if session.execute(created).first() is not None else 0
            elif session.get(SessionRow, session_id) is None:
                session.add(SessionRow(id=session_id, created_at=now, updated_at=now, state_json=state_json, version=1))
                written = 1
            else:
                written = 0
        else:
            written = session.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id, SessionRow.version == version)
                .values(state_json=state_json, updated_at=now, version=version + 1)
            ).rowcount
        if written != 1:
            raise SessionConflictError(f"会话 {session_id} 已有更新的一轮（本轮基于版本 {version}）")

    def _upsert_state(self, session: Session, session_id: str, state: SessionState, now: dt.datetime) -> None:
        state_json = state.model_dump_json()
        insert = _UPSERT_DIALECTS.get(self.engine.dialect.name)
        if insert is None:  # another backend: read, then insert or update
            row = session.get(SessionRow, session_id)
            if row is None:
                session.add(SessionRow(id=session_id, created_at=now, updated_at=now, state_json=state_json))
            else:
                row.state_json, row.updated_at, row.version = state_json, now, row.version + 1
            return
        stmt = insert(SessionRow).values(id=session_id, created_at=now, updated_at=now, state_json=state_json)
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=[SessionRow.id],
                set_={
                    "state_json": stmt.excluded.state_json,
                    "updated_at": stmt.excluded.updated_at,
                    # A write over a turn in flight makes that turn's compare-and-set fail.
                    "version": SessionRow.version + 1,
                },
            )
        )
