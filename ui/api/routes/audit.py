"""``GET /api/audit``: the audit log of consultation records, for administrators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ui.api.auth_models import AuditEntryOut, AuditPage
from ui.api.deps import AdminDep, ServicesDep
from ui.api.errors import error_responses

router = APIRouter(prefix="/api", tags=["audit"])


@router.get("/audit", summary="咨询记录审计日志（管理员）", responses=error_responses(401, 403, 422, 503))
def audit_log(
    _admin: AdminDep,
    services: ServicesDep,
    record_id: Annotated[str | None, Query(max_length=32, description="只看这条记录的操作")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="跳过的条数")] = 0,
) -> AuditPage:
    """Who read, exported, saved or deleted which record, and when; newest first."""
    entries = services.audit.entries(record_id=record_id, limit=limit, offset=offset)
    return AuditPage(items=[AuditEntryOut.of(e) for e in entries], total=services.audit.count())
