"""Batch jobs of enterprise lists in the database, and the jobs as one signed-in officer may use them.

:class:`SqlOutreachJobStore` is the :class:`~assistant.outreach.jobs.JobStore` the runner writes
to; :class:`OfficerJobs` is what the API and the 特派员 tab use: a job belongs to the officer who
uploaded it and is seen by them, their team and administrators, like a consultation record; to
anyone else it does not exist. Uploads and downloads go to the audit log.

Example:
    >>> from assistant.storage import create_engine_for_url
    >>> store = SqlOutreachJobStore(create_engine_for_url("sqlite://"))
    >>> job = store.create("名单.csv", 3, b"...", "zhangsan", None)
    >>> store.get(job.id, RecordScope("zhangsan")).status, store.get(job.id, None).total
    ('running', 3)
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select, update

from assistant.consultation.export.pdf_font import INSTALL_HINT
from assistant.consultation.record import ConsultationDraft
from assistant.outreach.batch import BatchCounts
from assistant.outreach.errors import (
    OutreachJobNotReadyError,
    OutreachResultMissingError,
    RowError,
    UnknownOutreachJobError,
)
from assistant.outreach.jobs import OutreachJob, OutreachJobs, ResultFormat, draft_of_row
from assistant.storage.audit import SqlAuditLog
from assistant.storage.base import SqlStore
from assistant.storage.consultations import RecordScope
from assistant.storage.officer_records import scope_of
from assistant.storage.tables import RECORD_ID_MAX, OutreachJobRow, utc_now
from assistant.storage.users import User

__all__ = ["INTERRUPTED", "OfficerJobs", "SqlOutreachJobStore"]

INTERRUPTED = "服务重启，任务中断：请重新上传名单。"


def _visible(scope: RecordScope | None) -> list[ColumnElement[bool]]:
    if scope is None:
        return []
    mine = OutreachJobRow.owner == scope.username
    return [or_(mine, OutreachJobRow.team == scope.team) if scope.team else mine]


def _job(row: OutreachJobRow) -> OutreachJob:
    return OutreachJob(
        id=row.id,
        filename=row.filename,
        status=row.status,  # type: ignore[arg-type]  # the table's check constraint keeps it one of these
        done=row.done,
        total=row.total,
        counts=BatchCounts.model_validate_json(row.counts_json) if row.counts_json else None,
        error=row.error,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )


class SqlOutreachJobStore(SqlStore):
    """Jobs in the ``outreach_jobs`` table."""

    def create(self, filename: str, total: int, source: bytes, owner: str, team: str | None) -> OutreachJob:
        """Keep a new running job and its uploaded file."""
        row = OutreachJobRow(
            id=uuid.uuid4().hex,
            created_at=utc_now(),
            owner=owner,
            team=team,
            filename=filename,
            status="running",
            done=0,
            total=total,
            source=source,
        )
        with self._writing() as session:
            session.add(row)
        return _job(row)

    def _set(self, job_id: str, **values: object) -> None:
        with self._writing() as session:
            session.execute(update(OutreachJobRow).where(OutreachJobRow.id == job_id).values(**values))

    def progress(self, job_id: str, done: int) -> None:
        """Note how many rows are done."""
        self._set(job_id, done=done)

    def finish(self, job_id: str, counts: BatchCounts, workbook: bytes, report: str, report_pdf: bytes | None) -> None:
        """Keep the results; the job is done."""
        self._set(
            job_id,
            status="done",
            counts_json=counts.model_dump_json(),
            workbook=workbook,
            report=report,
            report_pdf=report_pdf,
            finished_at=utc_now(),
        )

    def fail(self, job_id: str, message: str) -> None:
        """The job stopped without results."""
        self._set(job_id, status="failed", error=message, finished_at=utc_now())

    def abandon_running(self) -> int:
        """Mark jobs a stopped server left running as failed (no thread works on them any more)."""
        with self._writing() as session:
            result = session.execute(
                update(OutreachJobRow)
                .where(OutreachJobRow.status == "running")
                .values(status="failed", error=INTERRUPTED, finished_at=utc_now())
            )
        return int(result.rowcount or 0)

    def _row(self, job_id: str, scope: RecordScope | None, *columns: object) -> tuple:
        if not job_id or len(job_id) > RECORD_ID_MAX or "\x00" in job_id:
            raise UnknownOutreachJobError(f"批量匹配任务不存在：{job_id[:RECORD_ID_MAX]}")
        query = select(*columns).where(OutreachJobRow.id == job_id, *_visible(scope))  # type: ignore[call-overload]
        with self._reading() as session:
            found = session.execute(query).first()
        if found is None:
            raise UnknownOutreachJobError(f"批量匹配任务不存在：{job_id}")
        return tuple(found)

    def get(self, job_id: str, scope: RecordScope | None) -> OutreachJob:
        """The job, when it lies in ``scope`` (any job when None).

        Raises:
            UnknownOutreachJobError: No such job in the scope.
        """
        (row,) = self._row(job_id, scope, OutreachJobRow)
        return _job(row)

    def result(self, job_id: str, fmt: ResultFormat, scope: RecordScope | None) -> tuple[OutreachJob, bytes]:
        """The job and its results workbook (``xlsx``) or report (``md`` in UTF-8, or ``pdf``).

        Raises:
            UnknownOutreachJobError: No such job in the scope.
            OutreachJobNotReadyError: The job is still running, or failed.
            OutreachResultMissingError: The PDF was asked for and this server could not write it.
        """
        job = self.get(job_id, scope)
        if job.status != "done":
            state = "仍在进行" if job.status == "running" else f"已失败（{job.error}）"
            raise OutreachJobNotReadyError(f"任务{state}，结果尚不能下载。")
        column = {"xlsx": OutreachJobRow.workbook, "md": OutreachJobRow.report, "pdf": OutreachJobRow.report_pdf}[fmt]
        (content,) = self._row(job_id, scope, column)
        if content is None:
            raise OutreachResultMissingError(f"汇总报告 PDF 未能生成：服务器缺少中文字体。{INSTALL_HINT}")
        return job, content if isinstance(content, bytes) else str(content).encode("utf-8")

    def source(self, job_id: str, scope: RecordScope | None) -> tuple[OutreachJob, bytes]:
        """The job and the file it was uploaded as."""
        job = self.get(job_id, scope)
        (content,) = self._row(job_id, scope, OutreachJobRow.source)
        return job, bytes(content)


@dataclass(frozen=True)
class OfficerJobs:
    """The batch jobs of one signed-in officer or administrator: started as theirs, seen within their scope."""

    runner: OutreachJobs
    store: SqlOutreachJobStore
    audit: SqlAuditLog
    user: User

    def start(self, data: bytes, filename: str) -> OutreachJob:
        """Read the list and start matching it as the user's job (``OutreachFileError`` for a bad file)."""
        job = self.runner.start(data, filename, owner=self.user.username, team=self.user.team)
        self.audit.record(self.user.username, "create", job.id, f"企业名单批量匹配：{filename}（{job.total} 行）")
        return job

    def get(self, job_id: str) -> OutreachJob:
        """The job, if the user may see it (``UnknownOutreachJobError`` otherwise)."""
        return self.store.get(job_id, scope_of(self.user))

    def result(self, job_id: str, fmt: ResultFormat) -> tuple[OutreachJob, bytes]:
        """The job's workbook or report, with the download logged."""
        job, content = self.store.result(job_id, fmt, scope_of(self.user))
        self.audit.record(self.user.username, "export", job.id, f"企业名单批量匹配结果：{fmt}")
        return job, content

    def draft(self, job_id: str, row: int) -> ConsultationDraft | RowError:
        """The consultation draft of one row of the job's list (``OutreachFileError`` for no such row)."""
        job, data = self.store.source(job_id, scope_of(self.user))
        return draft_of_row(data, job.filename, row)
