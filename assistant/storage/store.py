"""The database-backed session store, plus feedback and the anonymised query log.

Implements :class:`assistant.session.SessionStore`, so the assistant keeps its sessions here
unchanged. Safe to share across a threadpool: each call opens its own short transaction, and on
SQLite the writes of one process are serialised by a lock instead of SQLite's busy polling
(see :mod:`assistant.storage.base`). Feedback and the query log are in :mod:`assistant.storage.feedback`.

Example:
    >>> from assistant.storage import SqlSessionStore, create_engine_for_url
    >>> store = SqlSessionStore(create_engine_for_url("sqlite://"))
    >>> store.load("nope") is None
    True
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from sqlalchemy import Engine, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from assistant.schemas import Answer
from assistant.session import NEW_SESSION, SessionConflictError, SessionState
from assistant.storage.errors import (
    StorageUnavailableError,
)
from assistant.storage.feedback import FeedbackAndQueryLog
from assistant.storage.records import SavedExchange, SessionHistory, StoredMessage
from assistant.storage.tables import MessageRow, SessionRow, utc_now

_UPSERT_DIALECTS: dict[str, Any] = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; everything stored is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class SqlSessionStore(FeedbackAndQueryLog):
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
        self,
        session_id: str,
        state: SessionState,
        message: str,
        answer: Answer,
        *,
        version: int | None = None,
        request_id: str | None = None,
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
            user = MessageRow(
                session_id=session_id, role="user", content=message, created_at=now, request_id=request_id
            )
            reply = MessageRow(
                session_id=session_id,
                role="assistant",
                content=answer.answer,
                answer_json=answer.model_dump_json(),
                created_at=now,
                request_id=request_id,
            )
            session.add_all([user, reply])
            session.flush()
            saved = SavedExchange(session_id=session_id, user_message_id=user.id, answer_message_id=reply.id)
        self._local.saved = saved

    def replay(self, session_id: str, request_id: str, message: str) -> Answer | None:
        """The answer stored for ``message`` under ``request_id``; its ids are kept as :meth:`save` keeps them.

        Another message under the same request id is no retry of it: None, and it is answered.
        """
        with self._reading() as session:
            rows = session.execute(
                select(MessageRow.id, MessageRow.role, MessageRow.content, MessageRow.answer_json)
                .where(MessageRow.session_id == session_id, MessageRow.request_id == request_id)
                .order_by(MessageRow.id)
            ).all()
        asked = next((row for row in rows if row.role == "user"), None)
        answered = next((row for row in rows if row.role == "assistant" and row.answer_json), None)
        if asked is None or answered is None or asked.content != message:
            return None
        self._local.saved = SavedExchange(
            session_id=session_id, user_message_id=asked.id, answer_message_id=answered.id
        )
        return Answer.model_validate_json(answered.answer_json)

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
