"""Persistence: sessions, messages, feedback, the anonymised query log and consultation records (SQLAlchemy 2.x).

SQLite under the data dir by default; PostgreSQL by setting ``POLICY_DATABASE_URL``.

Example:
    >>> from assistant.settings import Settings
    >>> from assistant.storage import SqlSessionStore, create_engine_for
    >>> store = SqlSessionStore(create_engine_for(Settings(database_url="sqlite://")))
    >>> store.exists("abc")
    False
"""

from assistant.storage.audit import AuditEntry, SqlAuditLog
from assistant.storage.consultations import RecordOwner, RecordScope, SqlConsultationStore
from assistant.storage.engine import create_engine_for, create_engine_for_url
from assistant.storage.errors import (
    StorageError,
    StorageUnavailableError,
    UnknownFeedbackError,
    UnknownMessageError,
    UnknownSessionError,
)
from assistant.storage.feedback import question_hash
from assistant.storage.officer_records import OfficerRecords, change_scope_of, scope_of
from assistant.storage.outreach_jobs import OfficerJobs, SqlOutreachJobStore
from assistant.storage.records import SavedExchange, SessionHistory, StoredMessage
from assistant.storage.retention import PurgeReport, purge_older_than
from assistant.storage.store import SqlSessionStore
from assistant.storage.users import SqlUserStore, User, UserError

__all__ = [
    "AuditEntry",
    "OfficerJobs",
    "OfficerRecords",
    "PurgeReport",
    "RecordOwner",
    "RecordScope",
    "SavedExchange",
    "SessionHistory",
    "SqlAuditLog",
    "SqlConsultationStore",
    "SqlOutreachJobStore",
    "SqlSessionStore",
    "SqlUserStore",
    "StorageError",
    "StorageUnavailableError",
    "StoredMessage",
    "UnknownFeedbackError",
    "UnknownMessageError",
    "UnknownSessionError",
    "User",
    "UserError",
    "change_scope_of",
    "create_engine_for",
    "create_engine_for_url",
    "purge_older_than",
    "question_hash",
    "scope_of",
]
