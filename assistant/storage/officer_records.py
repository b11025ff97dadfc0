"""Consultation records as one signed-in user may use them: scoped to what they may see, every use audited.

The API's record endpoints and the web page's 特派员 tab both go through :class:`OfficerRecords`,
so the two surfaces cannot disagree about who sees, saves or deletes which record.

Example:
    >>> from assistant.storage import SqlAuditLog, SqlConsultationStore, User, create_engine_for_url
    >>> engine = create_engine_for_url("sqlite://")
    >>> mine = OfficerRecords(SqlConsultationStore(engine), SqlAuditLog(engine), User("zhangsan", "officer"))
    >>> mine.search().total
    0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.consultation.record import ConsultationRecord
from assistant.consultation.store import ConsultationPage, UnknownConsultationError
from assistant.storage.audit import SqlAuditLog
from assistant.storage.consultations import RecordOwner, RecordScope, SqlConsultationStore
from assistant.storage.users import User

__all__ = ["OfficerRecords", "change_scope_of", "scope_of"]


def scope_of(user: User) -> RecordScope | None:
    """The records a user may read: all for an administrator, else their own and their team's."""
    return None if user.is_admin else RecordScope(user.username, user.team)


def change_scope_of(user: User) -> RecordScope | None:
    """The records a user may delete: all for an administrator, else only their own."""
    return None if user.is_admin else RecordScope(user.username)


@dataclass(frozen=True)
class OfficerRecords:
    """The consultation records of one signed-in officer or administrator.

    Has the :class:`~assistant.consultation.store.ConsultationStore` methods (``add``, ``get``,
    ``search``) plus ``delete``, each limited to what ``user`` may do and written to the audit log.
    """

    records: SqlConsultationStore
    audit: SqlAuditLog
    user: User

    def add(self, record: ConsultationRecord) -> ConsultationRecord:
        """Save a new record as the user's (and their team's)."""
        saved = self.records.add(record, RecordOwner(self.user.username, self.user.team))
        self.audit.record(self.user.username, "create", saved.id, saved.enterprise)
        return saved

    def get(self, record_id: str, action: Literal["read", "export"] = "read") -> ConsultationRecord:
        """A record the user may see, with the use logged.

        Raises:
            UnknownConsultationError: No such record, or not the user's to see (the refusal is logged too).
        """
        try:
            record = self.records.get(record_id, scope_of(self.user))
        except UnknownConsultationError:
            self.audit.record(self.user.username, action, record_id[:32], "拒绝：不存在或无权查看")
            raise
        self.audit.record(self.user.username, action, record_id, record.enterprise)
        return record

    def note_export(self, record: ConsultationRecord, formats: list[str]) -> None:
        """Log that the record's files were written for the user to download."""
        self.audit.record(self.user.username, "export", record.id, f"{record.enterprise}：{'、'.join(formats)}")

    def search(self, query: str | None = None, *, limit: int = 20, offset: int = 0) -> ConsultationPage:
        """The user's visible records containing every word of ``query``, newest first."""
        page = self.records.search(query, limit=limit, offset=offset, scope=scope_of(self.user))
        self.audit.record(self.user.username, "list", None, f"q={query or ''} 共{page.total}条")
        return page

    def delete(self, record_id: str) -> bool:
        """Delete a record and its chat if the user may (their own, or any for an admin); False otherwise."""
        if not self.records.delete(record_id, change_scope_of(self.user)):
            self.audit.record(self.user.username, "delete", record_id[:32], "拒绝：不存在或无权删除")
            return False
        self.audit.record(self.user.username, "delete", record_id, "已删除记录及其对话")
        return True
