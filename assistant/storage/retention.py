"""Retention: consultation records, chat transcripts and batch jobs older than a number of days are deleted.

Example:
    >>> from assistant.storage import create_engine_for_url
    >>> purge_older_than(create_engine_for_url("sqlite://"), days=30)
    PurgeReport(records=0, sessions=0, jobs=0)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, delete, select

from assistant.storage.base import SqlStore
from assistant.storage.consultations import delete_sessions
from assistant.storage.tables import ConsultationRow, OutreachJobRow, SessionRow, utc_now

__all__ = ["PurgeReport", "purge_older_than"]


@dataclass(frozen=True)
class PurgeReport:
    """How many records, chat sessions and batch jobs (enterprise lists and their results) one purge deleted."""

    records: int
    sessions: int
    jobs: int = 0


def purge_older_than(engine: Engine, days: int, *, now: dt.datetime | None = None) -> PurgeReport:
    """Delete records saved, sessions last active and lists uploaded more than ``days`` days before ``now``.

    Args:
        engine: The database.
        days: How many days to keep (at least 1).
        now: The current time (UTC); for tests.

    Returns:
        What was deleted.

    Raises:
        ValueError: ``days`` is below 1.
        StorageUnavailableError: The database failed to answer.
    """
    if days < 1:
        raise ValueError(f"保留天数至少为 1，收到 {days}")
    cutoff = (now or utc_now()) - dt.timedelta(days=days)
    store = SqlStore(engine)
    with store._writing() as session:
        old_records = session.scalars(select(ConsultationRow.id).where(ConsultationRow.created_at < cutoff)).all()
        if old_records:
            session.execute(delete(ConsultationRow).where(ConsultationRow.id.in_(old_records)))
        old_sessions = list(session.scalars(select(SessionRow.id).where(SessionRow.updated_at < cutoff)).all())
        if old_sessions:
            delete_sessions(session, old_sessions)
        # An uploaded list names enterprises as records do, and is kept no longer.
        jobs = session.execute(delete(OutreachJobRow).where(OutreachJobRow.created_at < cutoff)).rowcount
    return PurgeReport(records=len(old_records), sessions=len(old_sessions), jobs=int(jobs or 0))
