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

from sqlalchemy import ColumnElement, func, select

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
from assistant.storage.tables import RECORD_ID_MAX, ConsultationRow, utc_now

__all__ = ["SqlConsultationStore"]


def _officers_text(record: ConsultationRecord) -> str:
    """The officers as one line, e.g. ``张三（广州银行）、李四``."""
    return "、".join(f"{o.name}（{o.organization}）" if o.organization else o.name for o in record.officers)


class SqlConsultationStore(SqlStore):
    """Consultation records in a SQLAlchemy database (table ``consultations``)."""

    def add(self, record: ConsultationRecord) -> ConsultationRecord:
        """Save a new record under a fresh id.

        Args:
            record: The record to keep; its own ``id`` and ``created_at`` are replaced.

        Returns:
            The saved record, with ``id`` and ``created_at`` (UTC) set.

        Raises:
            StorageUnavailableError: The database failed to answer.
        """
        saved = record.model_copy(update={"id": new_record_id(), "created_at": utc_now()}, deep=True)
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
        )
        with self._writing() as session:
            session.add(row)
        return saved

    def get(self, record_id: str) -> ConsultationRecord:
        """The record with that id.

        Raises:
            UnknownConsultationError: No record has that id.
            StorageUnavailableError: The database failed to answer.
        """
        if not record_id or len(record_id) > RECORD_ID_MAX or "\x00" in record_id:
            # Never a saved id: no need to ask the database (PostgreSQL refuses NUL outright).
            raise UnknownConsultationError(f"咨询记录不存在：{record_id}")
        with self._reading() as session:
            record_json = session.scalar(select(ConsultationRow.record_json).where(ConsultationRow.id == record_id))
        if record_json is None:
            raise UnknownConsultationError(f"咨询记录不存在：{record_id}")
        return ConsultationRecord.model_validate_json(record_json)

    def search(self, query: str | None = None, *, limit: int = 20, offset: int = 0) -> ConsultationPage:
        """Records whose search text contains every word of ``query`` (all when empty), newest first.

        Args:
            query: Words separated by whitespace; case-insensitive, ``%`` and ``_`` are literal.
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
