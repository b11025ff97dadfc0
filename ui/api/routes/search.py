"""``POST /api/search``: ranked chunks from hybrid, dense or BM25 retrieval."""

from __future__ import annotations

from fastapi import APIRouter

from ui.api.deps import AssistantDep
from ui.api.errors import BODY_ERRORS, ApiError, error_responses
from ui.api.models import SearchRequest, SearchResponse

router = APIRouter(prefix="/api", tags=["search"])


@router.post("/search", summary="检索条款片段", responses=error_responses(*BODY_ERRORS))
def search(body: SearchRequest, assistant: AssistantDep) -> SearchResponse:
    """The ``k`` best chunks for ``query``, grouped by article."""
    query = body.query.strip()
    if not query:
        raise ApiError(422, "检索词不能为空。")
    if len(query) > assistant.max_message_chars:
        raise ApiError(422, f"检索词过长：最多 {assistant.max_message_chars} 个字符，收到 {len(query)} 个。")
    return SearchResponse(hits=assistant.search(query, k=body.k, mode=body.mode))
