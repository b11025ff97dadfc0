"""The database tables, as typed SQLAlchemy 2.x declarative classes.

These are storage rows, not API shapes: ``ui/api/models.py`` has its own response models.
JSON payloads (session state, answers, consultation records) are stored as text written by pydantic, so they read
back exactly on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, Index, LargeBinary, SmallInteger, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SESSION_ID_MAX = 64
# A client's Idempotency-Key or the proxy's X-Request-ID (nginx's is 32 hex digits).
REQUEST_ID_MAX = 128
RECORD_ID_MAX = 32
USERNAME_MAX = 64
TEAM_MAX = 64


def utc_now() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base of the assistant's tables."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: DateTime(timezone=True)}


class SessionRow(Base):
    """One conversation and the state it carries between turns."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(SESSION_ID_MAX), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    state_json: Mapped[str] = mapped_column(Text)
    # Bumped by every write of the state: a turn saves only over the version it read.
    version: Mapped[int] = mapped_column(default=1, server_default="1")


class MessageRow(Base):
    """One message of a session: the user's text, or the assistant's answer with its JSON."""

    __tablename__ = "messages"
    __table_args__ = (CheckConstraint("role IN ('user', 'assistant')", name="ck_messages_role"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    answer_json: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # The request that asked this turn (on both of its messages): a retry of it is answered from here.
    request_id: Mapped[str | None] = mapped_column(String(REQUEST_ID_MAX))


class FeedbackRow(Base):
    """A thumbs up (+1) or down (-1) on a session or one of its answers."""

    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("rating IN (1, -1)", name="ck_feedback_rating"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", ondelete="SET NULL"))
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class QueryLogRow(Base):
    """One answered question, anonymised: a hash of the text, never the text itself."""

    __tablename__ = "query_log"
    __table_args__ = (Index("ix_query_log_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    question_hash: Mapped[str] = mapped_column(String(64), index=True)
    intent: Mapped[str] = mapped_column(String(32))
    refused: Mapped[bool] = mapped_column(default=False)
    latency_ms: Mapped[float] = mapped_column()
    cited_articles: Mapped[list[int]] = mapped_column(JSON, default=list)


class ConsultationRow(Base):
    """One consultation record: the whole record as JSON, plus the columns a list or search reads.

    ``search_text`` is :func:`assistant.consultation.store.search_text` of the record (lower-cased);
    ``record_json`` is the record as pydantic wrote it, so it reads back exactly.
    """

    __tablename__ = "consultations"
    __table_args__ = (Index("ix_consultations_created_at", "created_at"),)

    id: Mapped[str] = mapped_column(String(RECORD_ID_MAX), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    consultation_date: Mapped[dt.date] = mapped_column(Date)
    enterprise: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str | None] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    officers: Mapped[str] = mapped_column(Text, default="")
    articles: Mapped[list[int]] = mapped_column(JSON, default=list)
    search_text: Mapped[str] = mapped_column(Text)
    record_json: Mapped[str] = mapped_column(Text)
    # Who may see the record: its officer, the officer's team (when set) and administrators.
    # Null on records saved before sign-in existed: only administrators see those.
    owner: Mapped[str | None] = mapped_column(String(USERNAME_MAX), index=True)
    team: Mapped[str | None] = mapped_column(String(TEAM_MAX), index=True)
    # The chat the record was built from, kept only so deleting the record deletes its transcript;
    # never part of the record that is shown or exported.
    session_id: Mapped[str | None] = mapped_column(String(SESSION_ID_MAX))


class UserRow(Base):
    """An officer (特派员) or administrator who signs in; the public never needs a row."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('officer', 'admin')", name="ck_users_role"),)

    username: Mapped[str] = mapped_column(String(USERNAME_MAX), primary_key=True)
    display_name: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(16))
    team: Mapped[str | None] = mapped_column(String(TEAM_MAX))
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class AuditRow(Base):
    """One read, export or change of a consultation record: who, when, what."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    actor: Mapped[str] = mapped_column(String(USERNAME_MAX))
    action: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str | None] = mapped_column(String(RECORD_ID_MAX), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")


class OutreachJobRow(Base):
    """One enterprise list an officer uploaded for batch matching: the file, the progress, the results."""

    __tablename__ = "outreach_jobs"
    __table_args__ = (CheckConstraint("status IN ('running', 'done', 'failed')", name="ck_outreach_jobs_status"),)

    id: Mapped[str] = mapped_column(String(RECORD_ID_MAX), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    finished_at: Mapped[dt.datetime | None] = mapped_column()
    # Whose the job is, as for consultation records: the officer, their team, and administrators.
    owner: Mapped[str] = mapped_column(String(USERNAME_MAX), index=True)
    team: Mapped[str | None] = mapped_column(String(TEAM_MAX), index=True)
    filename: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    counts_json: Mapped[str | None] = mapped_column(Text)
    # The upload is kept so a result row can become a consultation record later, read as the batch read it.
    source: Mapped[bytes] = mapped_column(LargeBinary)
    workbook: Mapped[bytes | None] = mapped_column(LargeBinary)
    report: Mapped[str | None] = mapped_column(Text)
    report_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
