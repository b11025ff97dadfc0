"""Where consultation records are kept: a small protocol, and an in-memory store for tests and the CLI.

The service keeps records through :class:`ConsultationStore`; the database implementation is
``assistant.storage.SqlConsultationStore``, with the same three methods.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from typing import Protocol

from pydantic import BaseModel, Field

from assistant.consultation.record import ConsultationRecord

__all__ = [
    "ConsultationPage",
    "ConsultationStore",
    "ConsultationSummary",
    "MemoryConsultationStore",
    "UnknownConsultationError",
    "new_record_id",
    "query_words",
    "search_text",
    "summarize",
]


class UnknownConsultationError(LookupError):
    """No consultation record has that id."""


class ConsultationSummary(BaseModel):
    """One line of the list of past consultations."""

    id: str
    created_at: dt.datetime
    date: dt.date
    enterprise: str
    officers: list[str] = Field(default_factory=list, description="特派员姓名（单位）")
    kind: str | None = None
    district: str | None = None
    articles: list[int] = Field(default_factory=list, description="匹配条款序号")


class ConsultationPage(BaseModel):
    """A page of the list, newest first, and how many records match in all."""

    items: list[ConsultationSummary] = Field(default_factory=list)
    total: int = 0


class ConsultationStore(Protocol):
    """Keeps consultation records and finds them again."""

    def add(self, record: ConsultationRecord) -> ConsultationRecord:
        """Save a new record; returns it with ``id`` and ``created_at`` set."""
        ...

    def get(self, record_id: str) -> ConsultationRecord:
        """The record with that id; raises :class:`UnknownConsultationError` when there is none."""
        ...

    def search(self, query: str | None = None, *, limit: int = 20, offset: int = 0) -> ConsultationPage:
        """Records whose text contains every word of ``query`` (all records when empty), newest first."""
        ...


def new_record_id() -> str:
    """A fresh, unguessable record id."""
    return uuid.uuid4().hex


def summarize(record: ConsultationRecord) -> ConsultationSummary:
    """The list line of a saved record."""
    if record.id is None or record.created_at is None:
        raise ValueError("记录尚未保存（缺少编号或保存时间）")
    return ConsultationSummary(
        id=record.id,
        created_at=record.created_at,
        date=record.date,
        enterprise=record.enterprise,
        officers=[f"{o.name}（{o.organization}）" if o.organization else o.name for o in record.officers],
        kind=record.profile.kind,
        district=record.profile.district,
        articles=record.articles,
    )


def search_text(record: ConsultationRecord) -> str:
    """What a search looks through: id, enterprise, officers, profile facts, matched articles, units, notes.

    The id is there so the short id the history table shows finds its record.
    """
    parts = [
        record.id or "",
        record.enterprise,
        record.contact or "",
        record.date.isoformat(),
        *(f"{o.name} {o.organization or ''} {o.side}" for o in record.officers),
        *(f"{label} {value}" for label, value in record.profile_summary),
        *(f"{m.label} 第{m.article}条 {m.title}" for m in record.matches),
        *(c.unit for c in record.contacts),
        *record.follow_ups,
        record.notes or "",
    ]
    return "\n".join(p for p in parts if p).lower()


def query_words(query: str | None) -> list[str]:
    """The words of a search query (split on any whitespace), lower-cased."""
    return [word.lower() for word in (query or "").split()]


class MemoryConsultationStore:
    """Records in a dict: for tests and single-process use."""

    def __init__(self) -> None:
        self._records: dict[str, ConsultationRecord] = {}
        self._lock = threading.Lock()

    def add(self, record: ConsultationRecord) -> ConsultationRecord:
        """Keep a copy of the record under a new id."""
        saved = record.model_copy(update={"id": new_record_id(), "created_at": dt.datetime.now(dt.UTC)}, deep=True)
        with self._lock:
            self._records[saved.id or ""] = saved
        return saved.model_copy(deep=True)

    def get(self, record_id: str) -> ConsultationRecord:
        """A copy of the record."""
        with self._lock:
            record = self._records.get(record_id)
        if record is None:
            raise UnknownConsultationError(f"咨询记录不存在：{record_id}")
        return record.model_copy(deep=True)

    def search(self, query: str | None = None, *, limit: int = 20, offset: int = 0) -> ConsultationPage:
        """Records containing every query word, newest first."""
        words = query_words(query)
        with self._lock:
            records = list(self._records.values())
        found = [r for r in records if all(word in search_text(r) for word in words)]
        found.sort(key=lambda r: r.created_at or dt.datetime.min.replace(tzinfo=dt.UTC), reverse=True)
        return ConsultationPage(items=[summarize(r) for r in found[offset : offset + limit]], total=len(found))

    def delete(self, record_id: str) -> bool:
        """Forget a record; False when there is none."""
        with self._lock:
            return self._records.pop(record_id, None) is not None

    def note_export(self, record: ConsultationRecord, formats: list[str]) -> None:
        """Nothing to note: the in-memory store keeps no audit log (the database one does)."""
