"""The audit log of consultation records: every read, export and change, with who and when.

Example:
    >>> from assistant.storage import create_engine_for_url
    >>> log = SqlAuditLog(create_engine_for_url("sqlite://"))
    >>> _ = log.record("zhangsan", "read", "abc123")
    >>> [(e.actor, e.action, e.record_id) for e in log.entries()]
    [('zhangsan', 'read', 'abc123')]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select

from assistant.storage.base import SqlStore
from assistant.storage.tables import AuditRow, utc_now

__all__ = ["AuditAction", "AuditEntry", "SqlAuditLog"]

AuditAction = Literal["create", "read", "list", "export", "delete", "purge"]


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    record_id: str | None
    detail: str


class SqlAuditLog(SqlStore):
    """Append-only audit lines in the ``audit_log`` table."""

    def record(self, actor: str, action: AuditAction, record_id: str | None = None, detail: str = "") -> int:
        """Append one line; returns its id."""
        row = AuditRow(at=utc_now(), actor=actor, action=action, record_id=record_id, detail=detail)
        with self._writing() as session:
            session.add(row)
            session.flush()
            return row.id

    def entries(self, *, record_id: str | None = None, limit: int = 100, offset: int = 0) -> list[AuditEntry]:
        """The newest lines first, optionally only those about one record."""
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit).offset(offset)
        if record_id is not None:
            query = query.where(AuditRow.record_id == record_id)
        with self._reading() as session:
            return [
                AuditEntry(
                    id=row.id,
                    at=row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC),
                    actor=row.actor,
                    action=row.action,
                    record_id=row.record_id,
                    detail=row.detail,
                )
                for row in session.scalars(query)
            ]

    def count(self) -> int:
        """How many lines the log holds."""
        with self._reading() as session:
            return int(session.scalar(select(func.count()).select_from(AuditRow)) or 0)
