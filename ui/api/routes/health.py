"""``GET /healthz``: what index is loaded and whether the database answers."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ui.api.deps import ServicesDep
from ui.api.models import HealthResponse

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    summary="健康检查",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "数据库不可用（status 为 degraded）"}},
)
def healthz(services: ServicesDep) -> JSONResponse:
    """200 with ``status: ok`` when the index is loaded and the database answers, else 503 ``degraded``."""
    knowledge = services.assistant.knowledge
    manifest = knowledge.index.manifest
    database_ok = services.store.ping()
    health = HealthResponse(
        status="ok" if database_ok else "degraded",
        index_loaded=True,
        articles=len(knowledge.articles),
        chunks=len(knowledge.index.chunks),
        build_id=manifest.build_id,
        embedding_model=manifest.embedding_model,
        version=services.version,
        database="ok" if database_ok else "unavailable",
    )
    return JSONResponse(health.model_dump(mode="json"), status_code=200 if database_ok else 503)
