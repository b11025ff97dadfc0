"""The database-backed consultation store: records kept as JSON, found by the words they contain.

Implements :class:`assistant.consultation.store.ConsultationStore` with the same behaviour as the
in-memory store: a search keeps the records whose :func:`~assistant.consultation.store.search_text`
contains every word of the query (``%`` and ``_`` match themselves), newest first.

Example:
    >>> from assistant.storage import SqlConsultationStore, create_engine_for_url
    >>> store = SqlConsultationStore(create_engine_for_url("sqlite://"))
    >>> store.search("南沙").total
    0
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import Session

from assistant.consultation.record import ConsultationRecord
from assistant.consultation.store import (
    ConsultationPage,
    UnknownConsultationError,
    new_record_id,
    query_words,
    search_text,
    summarize,
)
from assistant.storage.base import SqlStore
from assistant.storage.tables import RECORD_ID_MAX, ConsultationRow, MessageRow, SessionRow, utc_now

__all__ = ["RecordOwner", "RecordScope", "SqlConsultationStore"]


@dataclass(frozen=True)
class RecordOwner:
    """Whose a record is: the officer who saved it and, where configured, their team or district."""

    username: str
    team: str | None = None


@dataclass(frozen=True)
class RecordScope:
    """The records one officer may see: their own and, when they are in a team, the team's.

    Administrators pass no scope (``None``) and see every record.
    """

    username: str
    team: str | None = None

    def condition(self) -> ColumnElement[bool]:
        """The SQL condition selecting these records."""
        mine = ConsultationRow.owner == self.username
        return or_(mine, ConsultationRow.team == self.team) if self.team else mine


def _officers_text(record: ConsultationRecord) -> str:
    """The officers as one line, e.g. ``张三（广州银行）、李四``."""
    return "、".join(f"{o.name}（{o.organization}）" if o.organization else o.name for o in record.officers)


class SqlConsultationStore(SqlStore):
    """Consultation records in a SQLAlchemy database (table ``consultations``)."""

    def add(self, record: ConsultationRecord, owner: RecordOwner | None = None) -> ConsultationRecord:
        """Save a new record under a fresh id.

        Args:
            record: The record to keep; its own ``id`` and ``created_at`` are replaced, and its
                ``session_id`` is kept apart (for deletion) instead of inside the record.
            owner: The officer (and team) the record belongs to; None leaves it to administrators.

        Returns:
            The saved record, with ``id`` and ``created_at`` (UTC) set.

        Raises:
            StorageUnavailableError: The database failed to answer.
        """
        saved = record.model_copy(
            update={"id": new_record_id(), "created_at": utc_now(), "session_id": None}, deep=True
        )
        row = ConsultationRow(
            id=saved.id,
            created_at=saved.created_at,
            consultation_date=saved.date,
            enterprise=saved.enterprise,
            kind=saved.profile.kind,
            district=saved.profile.district,
            officers=_officers_text(saved),
            articles=saved.articles,
            search_text=search_text(saved),
            record_json=saved.model_dump_json(),
            owner=owner.username if owner else None,
            team=owner.team if owner else None,
            session_id=record.session_id,
        )
        with self._writing() as session:
            session.add(row)
        return saved

    def get(self, record_id: str, scope: RecordScope | None = None) -> ConsultationRecord:
        """The record with that id, when it lies in ``scope`` (any record when None).

        A record outside the scope is reported exactly like a missing one, so ids of other
        officers' records cannot be probed.

        Raises:
            UnknownConsultationError: No record has that id.
            StorageUnavailableError: The database failed to answer.
        """
        if not record_id or len(record_id) > RECORD_ID_MAX or "\x00" in record_id:
            # Never a saved id: no need to ask the database (PostgreSQL refuses NUL outright).
            raise UnknownConsultationError(f"咨询记录不存在：{record_id}")
        query = select(ConsultationRow.record_json).where(ConsultationRow.id == record_id)
        if scope is not None:
            query = query.where(scope.condition())
        with self._reading() as session:
            record_json = session.scalar(query)
        if record_json is None:
            raise UnknownConsultationError(f"咨询记录不存在：{record_id}")
        return ConsultationRecord.model_validate_json(record_json)

    def search(
        self, query: str | None = None, *, limit: int = 20, offset: int = 0, scope: RecordScope | None = None
    ) -> ConsultationPage:
        """Records whose search text contains every word of ``query`` (all when empty), newest first.

        Args:
            query: Words separated by whitespace; case-insensitive, ``%`` and ``_`` are literal.
            scope: Only the records this officer may see (every record when None).
            limit: At most this many items.
            offset: Skip this many matches first.

        Returns:
            The page and the number of all matches.

        Raises:
            ValueError: ``limit`` or ``offset`` is negative.
            StorageUnavailableError: The database failed to answer.
        """
        if limit < 0 or offset < 0:
            raise ValueError(f"limit 和 offset 不能为负数，收到 limit={limit}、offset={offset}")
        matching: list[ColumnElement[bool]] = [
            ConsultationRow.search_text.contains(word, autoescape=True) for word in query_words(query)
        ]
        if scope is not None:
            matching.append(scope.condition())
        page = (
            select(ConsultationRow.record_json)
            .where(*matching)
            .order_by(ConsultationRow.created_at.desc(), ConsultationRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self._reading() as session:
            total = session.scalar(select(func.count()).select_from(ConsultationRow).where(*matching))
            rows = session.scalars(page).all()
        items = [summarize(ConsultationRecord.model_validate_json(row)) for row in rows]
        return ConsultationPage(items=items, total=int(total or 0))

    def delete(self, record_id: str, scope: RecordScope | None = None) -> bool:
        """Delete a record and the chat transcript it was built from; False when none is in scope.

        Raises:
            StorageUnavailableError: The database failed to answer.
        """
        if not record_id or len(record_id) > RECORD_ID_MAX or "\x00" in record_id:
            return False
        query = select(ConsultationRow).where(ConsultationRow.id == record_id)
        if scope is not None:
            query = query.where(scope.condition())
        with self._writing() as session:
            row = session.scalar(query)
            if row is None:
                return False
            if row.session_id:
                delete_sessions(session, [row.session_id])
            session.delete(row)
        return True


def delete_sessions(session: Session, session_ids: list[str]) -> None:
    """Delete sessions with their messages (and, by cascade, their feedback) inside a transaction."""
    session.execute(delete(MessageRow).where(MessageRow.session_id.in_(session_ids)))
    session.execute(delete(SessionRow).where(SessionRow.id.in_(session_ids)))
