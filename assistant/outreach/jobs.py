"""An enterprise list matched as a background job: uploaded by an officer, matched in a worker thread, kept.

The upload is read at once (a bad file is refused before any job exists); the rows are then matched
by the desk on an executor the caller owns, the progress written to the :class:`JobStore` as it
goes, and the results workbook and report kept there when it is done. Whose a job is, and who may
see it, is the store's business (``assistant.storage.OfficerJobs``).

Example:
    >>> jobs = OutreachJobs(desk, store, ThreadPoolExecutor(max_workers=1))  # doctest: +SKIP
    >>> job = jobs.start(data, "名单.xlsx", owner="zhangsan", team="南沙")  # doctest: +SKIP
    >>> store.get(job.id).status  # doctest: +SKIP
    'running'
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from pydantic import BaseModel, Field

from assistant.consultation.export.base import ExportError
from assistant.consultation.record import ConsultationDraft
from assistant.outreach.batch import BatchCounts, desk_matcher, run_batch
from assistant.outreach.errors import OutreachFileError, RowError
from assistant.outreach.report import summary_markdown
from assistant.outreach.report_pdf import render_summary_pdf
from assistant.outreach.rows import row_to_draft
from assistant.outreach.table import Table, read_table
from assistant.outreach.workbook import results_workbook

if TYPE_CHECKING:
    from assistant.consultation.service import ConsultationDesk

__all__ = ["RESULT_MEDIA_TYPES", "JobStatus", "JobStore", "OutreachJob", "OutreachJobs", "ResultFormat", "draft_of_row"]

log = logging.getLogger(__name__)

JobStatus = Literal["running", "done", "failed"]
ResultFormat = Literal["xlsx", "md", "pdf"]
RESULT_MEDIA_TYPES: dict[ResultFormat, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
}
# Progress is written about a hundred times a job, not once a row: each write is a transaction.
_PROGRESS_STEPS = 100
JOB_FAILED = "匹配过程中出错，任务未完成：请重新上传；如仍出错，请联系管理员查看服务日志。"


class OutreachJob(BaseModel):
    """One uploaded list and how far its matching has got."""

    id: str = Field(..., description="任务编号")
    filename: str = Field(..., description="上传的文件名")
    status: JobStatus = Field(..., description="running 进行中 / done 已完成 / failed 失败")
    done: int = Field(0, ge=0, description="已匹配的行数")
    total: int = Field(0, ge=0, description="名单的行数")
    counts: BatchCounts | None = Field(None, description="完成后：读取、匹配、未能读取的行数")
    error: str | None = Field(None, description="失败时的原因")
    created_at: dt.datetime
    finished_at: dt.datetime | None = None


class JobStore(Protocol):
    """Where jobs, their uploads and their results are kept (``assistant.storage.SqlOutreachJobStore``)."""

    def create(self, filename: str, total: int, source: bytes, owner: str, team: str | None) -> OutreachJob:
        """Keep a new running job and its uploaded file."""
        ...

    def progress(self, job_id: str, done: int) -> None:
        """Note how many rows are done."""
        ...

    def finish(self, job_id: str, counts: BatchCounts, workbook: bytes, report: str, report_pdf: bytes | None) -> None:
        """Keep the results (the PDF is None when this server cannot write one); the job is done."""
        ...

    def fail(self, job_id: str, message: str) -> None:
        """The job stopped without results; ``message`` says why."""
        ...


def _read(data: bytes, filename: str) -> Table:
    table = read_table(data, filename)
    if not table.rows:
        raise OutreachFileError("名单中没有企业：表头下面至少要有一行（每行一家企业，至少填写企业名称）。")
    return table


def draft_of_row(data: bytes, filename: str, row: int) -> ConsultationDraft | RowError:
    """The consultation draft of one row of an uploaded list, as the batch read it.

    Raises:
        OutreachFileError: The file cannot be read, or has no row with that number.
    """
    for raw in read_table(data, filename).rows:
        if raw.number == row:
            return row_to_draft(raw)
    raise OutreachFileError(f"名单中没有第 {row} 行企业（行号与表格软件中显示的一致）。")


class OutreachJobs:
    """Starts batch jobs on an executor and keeps their state in a :class:`JobStore`."""

    def __init__(
        self, desk: ConsultationDesk, store: JobStore, executor: Executor, *, pdf_font_path: Path | None = None
    ) -> None:
        self.desk = desk
        self.store = store
        self._executor = executor
        self._pdf_font_path = pdf_font_path

    def start(self, data: bytes, filename: str, *, owner: str, team: str | None = None) -> OutreachJob:
        """Read the file now and match it in the background; the job as it starts.

        Raises:
            OutreachFileError: Not .xlsx/.csv, unreadable, no header row, or no enterprise in it.
        """
        table = _read(data, filename)
        job = self.store.create(filename, len(table.rows), data, owner, team)
        self._executor.submit(self._run, job.id, table, filename)
        return job

    def _run(self, job_id: str, table: Table, filename: str) -> None:
        step = max(1, len(table.rows) // _PROGRESS_STEPS)

        def progress(done: int, total: int) -> None:
            if done % step == 0 or done == total:
                self.store.progress(job_id, done)

        try:
            result = run_batch(table, desk_matcher(self.desk), progress=progress, source=filename)
            try:
                pdf: bytes | None = render_summary_pdf(result, font_path=self._pdf_font_path)
            except ExportError as exc:
                # No Chinese font on this server: the workbook and the Markdown report still serve.
                log.warning("outreach job %s: no PDF report: %s", job_id, exc)
                pdf = None
            self.store.finish(job_id, result.counts, results_workbook(result), summary_markdown(result), pdf)
        except Exception:  # a worker thread's failure must reach the job's status, not vanish
            log.exception("outreach job %s failed", job_id)
            self.store.fail(job_id, JOB_FAILED)
