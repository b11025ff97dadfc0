"""Consultation records of 科技金融特派员: save, preview, list, read, export; and a chat's enterprise profile.

``POST /api/consultations``, ``POST /api/consultations/preview``, ``GET /api/consultations``,
``GET /api/consultations/{id}``, ``GET /api/consultations/{id}/export`` and
``DELETE /api/consultations/{id}`` and ``GET /api/sessions/{id}/profile``. Every record is built by
the consultation desk (``assistant.consultation``), so the API, the web page and the CLI produce
the same record.

Records belong to the officer who saved them (and their team, where configured): officers see
their own and their team's, administrators all; the public gets 401, and another officer's
record is 404 as if it did not exist. Every read, export and change goes to the audit log.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import ValidationError

from assistant.consultation import ConsultationDesk, ConsultationDraft, ConsultationRecord
from assistant.consultation.store import ConsultationPage
from assistant.storage import User
from ui.api.consultation_models import QUERY_MAX, RECORD_ID_MAX, ConsultationIn, SessionProfileOut
from ui.api.deps import AppServices, ConsultationsDep, OfficerDep, ServicesDep, SettingsDep
from ui.api.errors import BODY_ERRORS, ApiError, error_responses, request_validation_error
from ui.api.fields import SESSION_ID_MAX, UserText

router = APIRouter(prefix="/api", tags=["consultations"])

ExportFormat = Literal["md", "docx", "pdf"]
EXPORT_MEDIA_TYPES: dict[ExportFormat, str] = {
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
_EXPORT_MODULE = "assistant.consultation.export"
# Characters a plain ``filename="…"`` may hold without quoting trouble in any client.
_ASCII_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")

RecordId = Annotated[str, Path(max_length=RECORD_ID_MAX, description="咨询记录编号")]
SessionIdPath = Annotated[str, Path(max_length=SESSION_ID_MAX, description="会话编号")]
SearchQuery = Annotated[
    UserText | None,
    Query(
        max_length=QUERY_MAX,
        description="检索词：企业、特派员、条款（如“第三条”）、责任单位、所在区等，空格分隔须同时包含",
    ),
]


def _draft(body: ConsultationIn, desk: ConsultationDesk) -> ConsultationDraft:
    """The form as a draft; 422 for an invalid profile, 404 for an unknown session."""
    try:
        draft = body.to_draft()
    except ValidationError as exc:
        raise request_validation_error(exc, "body") from exc
    if draft.session_id is not None and desk.session_profile(draft.session_id) is None:
        raise ApiError(404, f"会话不存在：{draft.session_id}（请先在对话中提问，或去掉 session_id）")
    return draft


def content_disposition(filename: str, fallback: str) -> str:
    """An ``attachment`` header naming the file in UTF-8 (RFC 5987) with a plain-ASCII fallback.

    Args:
        filename: The real file name, e.g. ``咨询记录-某企业-2026-11-25.md``.
        fallback: The name for clients that do not read ``filename*``; its unsafe characters become ``_``.

    Returns:
        The header value.

    Example:
        >>> print(content_disposition("记录 1.md", "consultation 1.md"))
        attachment; filename="consultation_1.md"; filename*=UTF-8''%E8%AE%B0%E5%BD%95%201.md
    """
    plain = "".join(ch if ch in _ASCII_NAME_CHARS else "_" for ch in fallback) or "download"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _fallback_name(record: ConsultationRecord, filename: str, fmt: ExportFormat) -> str:
    """The exported file's own name when it is plain ASCII, else ``consultation-<date>-<id>.<ext>``."""
    if filename and all(ch in _ASCII_NAME_CHARS for ch in filename):
        return filename
    suffix = PurePosixPath(filename).suffix or f".{fmt}"
    return f"consultation-{record.date.isoformat()}-{record.id}{suffix}"


_EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "导出的文件（附件）",
        "content": {
            media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in EXPORT_MEDIA_TYPES.values()
        },
        "headers": {
            "Content-Disposition": {
                "description": "attachment; filename=…; filename*=UTF-8''…",
                "schema": {"type": "string"},
            }
        },
    },
    **error_responses(401, 404, 422, 503),
}
_CREATED_RESPONSES: dict[int | str, dict[str, Any]] = {
    201: {
        "description": "已保存的咨询记录",
        "headers": {"Location": {"description": "记录地址 /api/consultations/{id}", "schema": {"type": "string"}}},
    },
    **error_responses(*BODY_ERRORS, 401, 404, 503),
}


@router.post("/consultations", status_code=201, summary="保存咨询记录", responses=_CREATED_RESPONSES)
def create_consultation(
    body: ConsultationIn,
    desk: ConsultationsDep,
    services: ServicesDep,
    user: OfficerDep,
    request: Request,
    response: Response,
) -> ConsultationRecord:
    """Match the profile, build the record and save it as the signed-in officer's; the response carries its ``id``.

    With a ``session_id`` the facts the chat gathered join the profile (the form wins); an
    unknown session is 404. The record itself keeps no session id.
    """
    record = services.officer_records(user).add(desk.preview(_draft(body, desk)))
    response.headers["Location"] = request.app.url_path_for("get_consultation", record_id=str(record.id))
    return record


@router.post(
    "/consultations/preview",
    summary="预览咨询记录（不保存）",
    responses=error_responses(*BODY_ERRORS, 401, 404, 503),
)
def preview_consultation(body: ConsultationIn, desk: ConsultationsDep, _user: OfficerDep) -> ConsultationRecord:
    """The record the form would make, without saving it (``id`` and ``created_at`` are null)."""
    return desk.preview(_draft(body, desk))


@router.get("/consultations", summary="检索咨询记录", responses=error_responses(401, 422, 503))
def list_consultations(
    services: ServicesDep,
    user: OfficerDep,
    q: SearchQuery = None,
    limit: Annotated[int, Query(ge=1, le=100, description="每页条数")] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="跳过的条数")] = 0,
) -> ConsultationPage:
    """The caller's visible consultations containing every word of ``q`` (all when empty), newest first."""
    return services.officer_records(user).search(q, limit=limit, offset=offset)


@router.get(
    "/consultations/{record_id}",
    name="get_consultation",
    summary="咨询记录详情",
    responses=error_responses(401, 404, 422, 503),
)
def get_consultation(record_id: RecordId, services: ServicesDep, user: OfficerDep) -> ConsultationRecord:
    """One saved record; 404 when no record with that id is visible to the caller."""
    return _read(services, user, record_id, "read")


def _read(services: AppServices, user: User, record_id: str, action: Literal["read", "export"]) -> ConsultationRecord:
    """A record the user may see, with the read logged; 404 otherwise (the attempt is logged too)."""
    return services.officer_records(user).get(record_id, action)


@router.delete(
    "/consultations/{record_id}",
    status_code=204,
    summary="删除咨询记录及其关联对话",
    responses=error_responses(401, 404, 422, 503),
)
def delete_consultation(record_id: RecordId, services: ServicesDep, user: OfficerDep) -> Response:
    """Delete a record and the chat it was built from: its officer or an administrator; 404 otherwise."""
    if not services.officer_records(user).delete(record_id):
        raise ApiError(404, f"咨询记录不存在或无权删除：{record_id}")
    return Response(status_code=204)


@router.get(
    "/consultations/{record_id}/export",
    summary="导出咨询记录（Markdown / Word / PDF）",
    response_class=Response,
    responses=_EXPORT_RESPONSES,
)
def export_consultation(
    record_id: RecordId,
    services: ServicesDep,
    user: OfficerDep,
    settings: SettingsDep,
    fmt: Annotated[ExportFormat, Query(alias="format", description="md、docx 或 pdf")] = "md",
) -> Response:
    """The record as a file to download; 503 when this format cannot be produced on this server."""
    record = _read(services, user, record_id, "export")
    try:
        from assistant.consultation.export import ExportError, export_record
    except ImportError as exc:
        if not (exc.name or "").startswith(_EXPORT_MODULE):
            raise
        raise ApiError(503, "咨询记录导出功能尚未启用。") from exc
    try:
        exported = export_record(record, fmt, pdf_font_path=settings.pdf_font_path)
    except ExportError as exc:
        raise ApiError(503, str(exc)) from exc
    disposition = content_disposition(exported.filename, _fallback_name(record, exported.filename, fmt))
    return Response(
        content=exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": disposition},
    )


@router.get(
    "/sessions/{session_id}/profile",
    summary="对话中汇集的企业画像及匹配条款",
    responses=error_responses(404, 422, 503),
)
def session_profile(session_id: SessionIdPath, desk: ConsultationsDep) -> SessionProfileOut:
    """The profile a chat session has gathered and the articles it matches; 404 for an unknown session."""
    profile = desk.session_profile(session_id)
    if profile is None:
        raise ApiError(404, f"会话不存在：{session_id}")
    return SessionProfileOut(session_id=session_id, profile=profile, matches=desk.match(profile))
