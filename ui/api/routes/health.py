"""``GET /healthz``: which index build is served, and whether it and the database answer."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ingest.errors import IndexUnavailableError
from ui.api.deps import ServicesDep
from ui.api.models import HealthResponse

log = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    summary="健康检查",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "索引或数据库不可用（status 为 degraded）"}},
)
def healthz(services: ServicesDep) -> JSONResponse:
    """200 ``ok`` when a real query on the served index and the database both answer, else 503 ``degraded``."""
    # The build a chat request would use now, queried the way a chat request queries it.
    with services.assistant.engines.using() as engines:
        knowledge = engines.knowledge
        try:
            knowledge.probe()
            index_ok = True
        except IndexUnavailableError as exc:
            log.error("health check: index build %s does not answer: %s", knowledge.build_id, exc)
            index_ok = False
    manifest = knowledge.index.manifest
    database_ok = services.store.ping()
    healthy = database_ok and index_ok
    health = HealthResponse(
        status="ok" if healthy else "degraded",
        index_loaded=True,
        articles=len(knowledge.articles),
        chunks=len(knowledge.index.chunks),
        build_id=manifest.build_id,
        embedding_model=manifest.embedding_model,
        version=services.version,
        database="ok" if database_ok else "unavailable",
        index="ok" if index_ok else "unavailable",
    )
    return JSONResponse(health.model_dump(mode="json"), status_code=200 if healthy else 503)
