"""Batch matching of an officer's enterprise list (政策找企业) as a job: upload, progress, download.

``POST /api/outreach/jobs`` (multipart, field ``file``: .xlsx or .csv) reads the list at once (a
bad file is 400/422 with the reason in Chinese) and starts matching it in the background (202);
``GET /api/outreach/jobs/{id}`` gives the progress (rows done / total) and, when done, the counts;
``GET /api/outreach/jobs/{id}/results?format=xlsx|md`` downloads the results workbook or the
report; ``POST /api/outreach/jobs/{id}/rows/{row}/consultation`` saves one row as a consultation
record. A job belongs to its officer (and team) like a record: another officer gets 404, the
public 401.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, UploadFile

from assistant.consultation import ConsultationRecord
from assistant.outreach import OutreachFileError, RowError
from assistant.outreach.errors import OutreachJobNotReadyError, OutreachResultMissingError, UnknownOutreachJobError
from assistant.outreach.jobs import RESULT_MEDIA_TYPES, OutreachJob, ResultFormat
from assistant.storage import OfficerJobs
from ui.api.consultation_models import RECORD_ID_MAX
from ui.api.deps import ConsultationsDep, OfficerDep, ServicesDep
from ui.api.errors import ApiError, error_responses
from ui.api.routes.consultations import content_disposition

router = APIRouter(prefix="/api/outreach", tags=["outreach"])

JobId = Annotated[str, Path(max_length=RECORD_ID_MAX, description="批量匹配任务编号")]
RowNumber = Annotated[int, Path(ge=1, le=1_000_000, description="行号（与表格软件中显示的一致）")]
_SUFFIXES = (".xlsx", ".csv")
_RESULT_NAMES: dict[ResultFormat, str] = {
    "xlsx": "企业名单匹配结果",
    "md": "企业名单匹配汇总",
    "pdf": "企业名单匹配汇总",
}


def _jobs(services: ServicesDep, user: OfficerDep) -> OfficerJobs:
    return services.officer_jobs(user)


def _job(jobs: OfficerJobs, job_id: str) -> OutreachJob:
    try:
        return jobs.get(job_id)
    except UnknownOutreachJobError as exc:
        raise ApiError(404, str(exc)) from exc


_FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "结果工作簿（.xlsx）或汇总报告（Markdown / PDF）",
        "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in RESULT_MEDIA_TYPES.values()},
    },
    **error_responses(401, 404, 409, 422, 503),
}
_FILE_RESPONSES[409] = {**_FILE_RESPONSES[409], "description": "任务仍在进行或已失败，结果尚不能下载。"}


@router.post(
    "/jobs",
    status_code=202,
    summary="上传企业名单，开始批量匹配",
    responses=error_responses(400, 401, 413, 422, 503),
)
async def start_job(
    file: UploadFile, services: ServicesDep, user: OfficerDep, request: Request, response: Response
) -> OutreachJob:
    """Read the list now (a bad file is refused with the reason) and match it in the background.

    The response is the job as it starts; follow it at ``Location`` until ``status`` is ``done``.
    """
    filename = PurePath(file.filename or "").name
    if PurePath(filename).suffix.lower() not in _SUFFIXES:
        raise ApiError(
            400, f"不支持的文件「{filename or '（无文件名）'}」：请上传 .xlsx 或 .csv 文件（可先下载模板）。"
        )
    data = await file.read()
    if not data:
        raise ApiError(400, f"文件「{filename}」是空的：请上传填好的企业名单。")
    try:
        job = services.officer_jobs(user).start(data, filename)
    except OutreachFileError as exc:
        raise ApiError(422, str(exc)) from exc
    response.headers["Location"] = request.app.url_path_for("get_outreach_job", job_id=job.id)
    return job


@router.get(
    "/jobs/{job_id}",
    name="get_outreach_job",
    summary="批量匹配任务的进度",
    responses=error_responses(401, 404, 422, 503),
)
def get_job(job_id: JobId, services: ServicesDep, user: OfficerDep) -> OutreachJob:
    """The job's status and progress (``done`` of ``total`` rows); when done, the row counts."""
    return _job(_jobs(services, user), job_id)


@router.get(
    "/jobs/{job_id}/results",
    summary="下载批量匹配结果（工作簿或汇总报告）",
    response_class=Response,
    responses=_FILE_RESPONSES,
)
def download_results(
    job_id: JobId,
    services: ServicesDep,
    user: OfficerDep,
    fmt: Annotated[
        ResultFormat, Query(alias="format", description="xlsx（结果工作簿）、md 或 pdf（汇总报告）")
    ] = "xlsx",
) -> Response:
    """The results workbook or the report (Markdown, PDF); 409 while the job runs or after it failed.

    503 for the PDF when this server has no Chinese font to write it with.
    """
    jobs = _jobs(services, user)
    _job(jobs, job_id)
    try:
        job, content = jobs.result(job_id, fmt)
    except OutreachJobNotReadyError as exc:
        raise ApiError(409, str(exc)) from exc
    except OutreachResultMissingError as exc:
        raise ApiError(503, str(exc)) from exc
    stem = PurePath(job.filename).stem
    name = f"{_RESULT_NAMES[fmt]}-{stem}.{fmt}"
    disposition = content_disposition(name, f"outreach-{job.id}.{fmt}")
    return Response(content=content, media_type=RESULT_MEDIA_TYPES[fmt], headers={"Content-Disposition": disposition})


@router.post(
    "/jobs/{job_id}/rows/{row}/consultation",
    status_code=201,
    summary="把名单中的一行保存为咨询记录",
    responses=error_responses(401, 404, 422, 503),
)
def row_to_consultation(
    job_id: JobId,
    row: RowNumber,
    services: ServicesDep,
    desk: ConsultationsDep,
    user: OfficerDep,
    request: Request,
    response: Response,
) -> ConsultationRecord:
    """Match the row as the batch did and save it as the caller's consultation record (today's date)."""
    jobs = _jobs(services, user)
    _job(jobs, job_id)
    try:
        draft = jobs.draft(job_id, row)
    except OutreachFileError as exc:
        raise ApiError(404, str(exc)) from exc
    if isinstance(draft, RowError):
        raise ApiError(422, f"这一行未能读取，不能生成咨询记录：{draft.text}")
    record = services.officer_records(user).add(desk.preview(draft))
    response.headers["Location"] = request.app.url_path_for("get_consultation", record_id=str(record.id))
    return record
